#pragma once
// The parts of Translate (translate.h) shared between its files: fresh table aliases, the join
// condition of a relationship, the WHERE translation and parameters of column values.

#include <string>

#include <nlohmann/json.hpp>

#include "backends/sql/tree.h"
#include "common/result.h"
#include "ir/ir.h"

namespace junction::backends::postgres {

// Numbers the aliases of one statement: "_t1", "_r2", … (none collides with another).
class Aliases {
 public:
  std::string Next(const std::string& prefix) { return prefix + std::to_string(++count_); }

 private:
  int count_ = 0;
};

// `"child"."remote" = "parent"."local" AND …` for each pair of the relationship's mapping.
sql::Expression JoinCondition(const schema::Relationship& relationship, const std::string& parent,
                              const std::string& child);

// A BoolExp on the table aliased `alias`.
Result<sql::Expression> TranslateBoolExp(const ir::BoolExp& exp, const std::string& alias,
                                         Aliases& aliases);

// The column's type, as a cast target (`int4`, `"public"."mood"`, `text[]`).
sql::TypeName ColumnType(const schema::Column& column);

// A JSON value as a parameter of `type`: strings as they are, numbers and booleans printed, JSON
// arrays as Postgres array literals when `type` is an array, other JSON as its text.
sql::Parameter MakeParameter(const nlohmann::ordered_json& value, sql::TypeName type);

}  // namespace junction::backends::postgres
