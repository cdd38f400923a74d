#pragma once
// The GraphQL types and root fields a remote schema adds to the engine's schema, in the engine's
// names (RemoteNames): every type of the service except its root types (kept only when a
// root-field namespace wraps them), the built-in scalars and the introspection types, each
// renamed with its fields, arguments, interfaces and members. Relationship fields are added by
// the role schema builder (build_role_schema.h), since they depend on the role.

#include <string>
#include <vector>

#include "graphql/ast.h"
#include "graphql/schema.h"
#include "schema/source_model.h"

namespace junction::schema {

std::vector<graphql::TypeDef> RemoteSchemaTypes(const RemoteSchema& schema);

// A root field the remote schema adds to the engine's `operation` root: its definition (engine's
// names) and the remote's field it stands for (empty for the namespace field, which stands for
// the remote's whole root).
struct RemoteRootFieldDef {
  graphql::FieldDef field;
  std::string remote_field;
};
std::vector<RemoteRootFieldDef> RemoteRootFields(const RemoteSchema& schema,
                                                 graphql::OperationType operation);

// `type` (a remote type reference) in the engine's names.
graphql::TypeRef RenamedType(const RemoteSchema& schema, graphql::TypeRef type);

}  // namespace junction::schema
