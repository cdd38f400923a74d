#pragma once
// The parts of Translate (translate.h) shared between its files: the WHERE translation, the
// aggregate functions, and parameters of column values. Aliases, join conditions and sort keys are
// common to the SQL backends (backends/sql/translate_common.h).
//
//   Compare{age, kGt, 26} on "_t1" → "_t1"."age" > $1::int4      params {"26"}

#include <string>

#include <nlohmann/json.hpp>

#include "backends/sql/translate_common.h"
#include "backends/sql/tree.h"
#include "common/result.h"
#include "ir/ir.h"

namespace junction::backends::postgres {

// A BoolExp on the table aliased `alias`.
Result<sql::Expression> TranslateBoolExp(const ir::BoolExp& exp, const std::string& alias,
                                         sql::Aliases& aliases);

// What sql::AddSortKeys needs of this backend: its aggregate functions and comparisons.
sql::SortKeyTranslators SortKeyTranslators();

// A GraphQL aggregate operator is the Postgres function of that name (sql::AggregateFunctionName).
Result<std::string> AggregateFunction(const std::string& name);

// The column's type, as a cast target (`int4`, `"public"."mood"`, `text[]`).
sql::TypeName ColumnType(const schema::Column& column);

// A JSON value as a parameter of `type`: strings as they are, numbers and booleans printed, JSON
// arrays as Postgres array literals when `type` is an array, other JSON as its text.
sql::Parameter MakeParameter(const nlohmann::ordered_json& value, sql::TypeName type);

}  // namespace junction::backends::postgres
