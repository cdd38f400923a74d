#pragma once
// The argument half of BuildIr: the coerced JSON of `where`, `order_by`, `limit`, `offset` and
// `distinct_on` on a table → ir::SelectArgs / ir::BoolExp. `path` is the JSON path of the
// arguments object (`$.selectionSet.users.args`), extended in errors.

#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "common/result.h"
#include "ir/ir.h"
#include "schema/session.h"

namespace junction::ir {

// `<t>_bool_exp` → BoolExp. A null (the whole value, or any field of it) adds no condition; an
// empty object is true. Errors: a null comparison value (validation-failed).
// Through a relationship, only the target's rows the session's role may see match.
Result<BoolExp> BuildBoolExp(const schema::Table& table, const nlohmann::ordered_json& value,
                             const std::string& path, const schema::Session& session);

// A root field's or array relationship's arguments (missing ones are absent).
// (The table's own permission is not applied here: BuildIr does.)
Result<SelectArgs> BuildSelectArgs(const schema::Table& table,
                                   const nlohmann::ordered_json& arguments, const std::string& path,
                                   const schema::Session& session);

// The comparison operator of a `<scalar>_comparison_exp` field ("_eq" → kEq), or nullopt.
std::optional<CompareOp> CompareOpNamed(std::string_view name);

}  // namespace junction::ir
