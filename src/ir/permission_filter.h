#pragma once
// Permission filters for one request (BuildIr): a role's select permission filter
// (schema/permission.h) with the session's values put where it names session variables,
// → ir::BoolExp. Each value is typed by the column it is compared to and, like every other
// value of the IR, reaches the database as a parameter, never as SQL text.
//
//   filter {"author_id": {"_eq": "X-Hasura-User-Id"}}, session {x-hasura-user-id: "7"}
//   => Compare{author_id, kEq, "7"} (Postgres: the parameter is cast to the column's type),
//      Compare{author_id, kEq, 7} (SQLite)
//
// Errors: a variable the session does not have (not-found
// `missing session variables: "x-hasura-user-id"`, as Hasura says), on a SQLite column a value
// that is not of the column's type (parse-failed, as Hasura's data connectors say; Postgres
// casts the text itself and refuses a bad value with its own data-exception).

#include <memory>
#include <optional>

#include "common/result.h"
#include "ir/ir.h"
#include "schema/permission.h"
#include "schema/session.h"
#include "schema/source_model.h"

namespace junction::ir {

Result<BoolExp> InstantiateFilter(const schema::PermissionExp& filter,
                                  const schema::Session& session);

// The filter of `table`'s permission for `session`; null when the table has no permission (the
// admin's model) or its filter holds every row.
Result<std::optional<BoolExp>> PermissionFilter(const schema::Table& table,
                                                const schema::Session& session);

}  // namespace junction::ir
