#pragma once
// The parts of Translate for SQLite (translate.h) shared between its files: fresh aliases, the
// join condition of a relationship, the WHERE translation, and values as parameters.
//
//   Compare{age, kGt, 26}   on "_t1" → "_t1"."age" > CAST(?1 AS INTEGER)      params {"26"}
//   Compare{id, kIn, [1,2]} on "_t1" → "_t1"."id" IN (SELECT "value" FROM json_each(?1) AS "_e2")

#include <string>

#include <nlohmann/json.hpp>

#include "backends/sql/tree.h"
#include "common/result.h"
#include "ir/ir.h"

namespace junction::backends::sqlite {

// Numbers the aliases of one statement: "_t1", "_r2", … (none collides with another).
class Aliases {
 public:
  std::string Next(const std::string& prefix) { return prefix + std::to_string(++count_); }

 private:
  int count_ = 0;
};

// `"child"."remote" = <parent's value> AND …` for each pair of the relationship's mapping. The
// parent's value is `"parent"."local"`, or with `keys` (a remote join), element 1 + i of the
// key tuple of the json_each row `parent`: `"parent"."value" ->> (1 + i)`.
sql::Expression JoinCondition(const schema::Relationship& relationship, const std::string& parent,
                              const std::string& child, bool keys = false);

// A BoolExp on the table aliased `alias`. Errors: not-supported for the jsonb operators.
Result<sql::Expression> TranslateBoolExp(const ir::BoolExp& exp, const std::string& alias,
                                         Aliases& aliases);

// A scalar JSON value compared with (or standing for) `column`'s values, as a parameter bound as
// text: CAST(?n AS INTEGER) for integers and booleans (bound 1/0), CAST(?n AS REAL) for reals,
// `?n` for the rest (strings as they are).
sql::Expression ValueParameter(const nlohmann::ordered_json& value, const schema::Column& column);

// The parameter of a non-negative count (limit, offset): CAST(?n AS INTEGER).
sql::Expression IntegerParameter(int64_t value);

}  // namespace junction::backends::sqlite
