#pragma once
// BuildRoleSchema: a role's RoleSchema over its SourceModel (the admin's: every consistent table;
// another role's: what its select permissions allow, role_model.h): query_root holds every
// table's root fields (table_schema.h), each bound to a TableRootField. As in Hasura:
//   - the schema holds only the types reachable from its roots (an aggregate_order_by type
//     appears only when an array relationship points at the table, …);
//   - types (the built-in scalars in use among them), fields, arguments, input fields and enum
//     values are listed sorted by name, the order Hasura's introspection answers with (the
//     introspection types, which Schema::Make appends, Hasura sorts among the others too);
//   - with no table, query_root is the placeholder `no_queries_available: String!`.
// No mutation or subscription root yet.

#include <memory>

#include "common/result.h"
#include "schema/role_schema.h"
#include "schema/source_model.h"

namespace junction::schema {

// An Error means the generated schema is invalid, which is a bug of ours (resolve keeps clashing
// names out of the model).
Result<std::shared_ptr<const RoleSchema>> BuildRoleSchema(std::shared_ptr<const SourceModel> model);

}  // namespace junction::schema
