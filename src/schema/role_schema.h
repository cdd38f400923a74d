#pragma once
// RoleSchema: what one role can ask for (DESIGN.md §2, the Schema stage): the GraphQL schema its
// requests are validated against and, for each root field, what that field resolves to. Built by
// BuildSnapshot (snapshot.h); read by execute::Execute, and later by BuildIr.
//
//   query_root { no_queries_available: String! }          (nothing to query yet)
//   => RoleSchema{ schema,
//                  query_fields {"no_queries_available": PlaceholderField{"There are no …"}} }
//
// Execution dispatches each root field on its RootField alternative; the issues that add sources
// add alternatives beside PlaceholderField (a table select bound to a source, a remote schema
// field, …) without changing how the others run. The introspection meta-fields (__typename,
// __schema, __type) are not listed: every schema answers them.

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <variant>

#include "common/result.h"
#include "graphql/ast.h"
#include "graphql/schema.h"
#include "schema/source_model.h"

namespace junction::schema {

// A root field that answers a fixed string: Hasura's placeholder for a role with no queries.
struct PlaceholderField {
  std::string value;
};

// A root field that selects from a tracked table: `<t>`, `<t>_by_pk` or `<t>_aggregate`.
struct TableRootField {
  enum class Kind { kSelect, kSelectByPk, kSelectAggregate };

  const Table* table = nullptr;  // points into RoleSchema::model
  Kind kind = Kind::kSelect;
};

// A root field a remote schema adds (remote_schema_types.h): the remote's root field
// `remote_field`, or with a root-field namespace (`remote_field` empty) the remote's whole root
// under the namespace's name.
struct RemoteRootField {
  const RemoteSchema* schema = nullptr;  // points into RoleSchema::model
  std::string remote_field;
};

using RootField = std::variant<PlaceholderField, TableRootField, RemoteRootField>;

struct RoleSchema {
  std::shared_ptr<const graphql::Schema> schema;
  // The tables this role's root fields select from (never null; empty without sources).
  std::shared_ptr<const SourceModel> model = std::make_shared<const SourceModel>();
  std::map<std::string, RootField, std::less<>> query_fields;
  std::map<std::string, RootField, std::less<>> mutation_fields;
  std::map<std::string, RootField, std::less<>> subscription_fields;
  // Whether a permission of the role reads session variables or a remote source: its plans then
  // differ from request to request and are not cached whole.
  bool session_dependent = false;

  // What root field `name` of an `operation` resolves to; null when there is no such field.
  const RootField* FindRootField(graphql::OperationType operation, std::string_view name) const;
};

// Hasura's placeholder (server/src-lib/Hasura/GraphQL/Schema.hs, queryWithIntrospectionHelper):
// the query root must have a field, so a role that can query nothing gets this one. Its
// description is also the value it answers.
inline constexpr std::string_view kNoQueriesAvailable = "no_queries_available";
inline constexpr std::string_view kNoQueriesAvailableText =
    "There are no queries available to the current role. Either there are no sources or remote "
    "schemas configured, or the current role doesn't have the required permissions.";
inline constexpr std::string_view kQueryRootName = "query_root";
inline constexpr std::string_view kMutationRootName = "mutation_root";

// The schema of a role that can query nothing: `query_root { no_queries_available: String! }`,
// no mutation or subscription root.
Result<std::shared_ptr<const RoleSchema>> BuildEmptyRoleSchema();

}  // namespace junction::schema
