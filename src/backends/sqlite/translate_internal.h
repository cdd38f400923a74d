#pragma once
// The parts of Translate for SQLite (translate.h) shared between its files: the join condition of a
// relationship to a remote join's keys, the WHERE translation, the aggregate functions, and values
// as parameters. Aliases, plain join conditions and sort keys are common to the SQL backends
// (backends/sql/translate_common.h).
//
//   Compare{age, kGt, 26}   on "_t1" → "_t1"."age" > CAST(?1 AS INTEGER)      params {"26"}
//   Compare{id, kIn, [1,2]} on "_t1" → "_t1"."id" IN (SELECT "value" FROM json_each(?1) AS "_e2")

#include <string>

#include <nlohmann/json.hpp>

#include "backends/sql/translate_common.h"
#include "backends/sql/tree.h"
#include "common/result.h"
#include "ir/ir.h"

namespace junction::backends::sqlite {

// `"child"."remote" = <parent's value> AND …` for each pair of the relationship's mapping. The
// parent's value is `"parent"."local"` (sql::JoinCondition), or with `keys` (a remote join),
// element 1 + i of the key tuple of the json_each row `parent`: `"parent"."value" ->> (1 + i)`.
sql::Expression JoinCondition(const schema::Relationship& relationship, const std::string& parent,
                              const std::string& child, bool keys = false);

// A BoolExp on the table aliased `alias`. Errors: not-supported for the jsonb operators.
Result<sql::Expression> TranslateBoolExp(const ir::BoolExp& exp, const std::string& alias,
                                         sql::Aliases& aliases);

// What sql::AddSortKeys needs of this backend: its aggregate functions and comparisons.
sql::SortKeyTranslators SortKeyTranslators();

// The SQLite function of a GraphQL aggregate operator (functions.h registers the statistics):
// stddev → junction_stddev_samp, …; sum, avg, min and max are SQLite's own.
Result<std::string> AggregateFunction(const std::string& name);

// A scalar JSON value compared with (or standing for) `column`'s values, as a parameter bound as
// text: CAST(?n AS INTEGER) for integers and booleans (bound 1/0), CAST(?n AS REAL) for reals,
// `?n` for the rest (strings as they are).
sql::Expression ValueParameter(const nlohmann::ordered_json& value, const schema::Column& column);

// The parameter of a non-negative count (limit, offset): CAST(?n AS INTEGER).
sql::Expression IntegerParameter(int64_t value);

}  // namespace junction::backends::sqlite
