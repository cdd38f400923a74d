#pragma once
// The argument half of BuildIr: the coerced JSON of `where`, `order_by`, `limit`, `offset` and
// `distinct_on` on a table → ir::SelectArgs / ir::BoolExp. `path` is the JSON path of the
// arguments object (`$.selectionSet.users.args`), extended in errors.

#include <string>

#include <nlohmann/json.hpp>

#include "common/result.h"
#include "ir/ir.h"

namespace junction::ir {

// `<t>_bool_exp` → BoolExp. A null (the whole value, or any field of it) adds no condition; an
// empty object is true. Errors: a null comparison value (validation-failed).
Result<BoolExp> BuildBoolExp(const schema::Table& table, const nlohmann::ordered_json& value,
                             const std::string& path);

// A root field's or array relationship's arguments (missing ones are absent).
Result<SelectArgs> BuildSelectArgs(const schema::Table& table,
                                   const nlohmann::ordered_json& arguments,
                                   const std::string& path);

}  // namespace junction::ir
