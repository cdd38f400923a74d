#pragma once
// The parts of IR → SQL tree translation that the SQL backends (postgres, sqlite) share, whatever
// their dialect: fresh aliases, a table in FROM, the join condition of a relationship, the frame
// of a BoolExp (AND, OR, NOT, EXISTS: each backend translates the comparisons) and the sort keys
// of a level (ORDER BY of its base subquery, and the same order read from outside it).
//
//   order_by [{user: {name: desc_nulls_first}}] on the orders "_t1": AddSortKeys makes the base
//     SELECT "_t1".*, (SELECT "_t2"."name" FROM "public"."user" AS "_t2"
//                      WHERE "_t2"."id" = "_t1"."user_id" LIMIT 1) AS "__o0" …
//     ORDER BY "__o0" DESC NULLS FIRST
//   and RowOrder reads it from outside: `"_t1"."__o0" DESC NULLS FIRST`.

#include <string>
#include <string_view>
#include <vector>

#include "backends/sql/tree.h"
#include "common/result.h"
#include "ir/ir.h"

namespace junction::backends::sql {

// Numbers the aliases of one statement: "_t1", "_r2", … (none collides with another).
class Aliases {
 public:
  std::string Next(const std::string& prefix) { return prefix + std::to_string(++count_); }

 private:
  int count_ = 0;
};

// The rows of a level are joined to their parent through a relationship: to a row of the
// enclosing level (`parent` is its alias), or (`keys`) to a remote join's keys, which each
// backend reads its own way.
struct Correlation {
  const schema::Relationship* relationship = nullptr;
  std::string parent;
  bool keys = false;
};

// A remote join's keys as one JSON parameter (SQLite, BigQuery), for arguments [begin, end):
// argument id i with `arguments[i]`, the JSON texts of its key values as a database wrote them.
//   {{"7"}, {"8"}}, 0, 2 → [[0,7],[1,8]]        {{"\"a\"", "1"}}, 0, 1 → [[0,"a",1]]
std::string KeysJson(const std::vector<std::vector<std::string_view>>& arguments, size_t begin,
                     size_t end);

// `"schema"."name" AS "alias"`.
FromItem TableItem(const schema::Table& table, std::string alias);

// `"child"."remote" = "parent"."local" AND …` for each pair of the relationship's mapping (one
// pair: the comparison alone).
Expression JoinCondition(const schema::Relationship& relationship, const std::string& parent,
                         const std::string& child);
// The same with the parent's value of pair i given as parent_values[i].
Expression JoinCondition(const schema::Relationship& relationship, const std::string& child,
                         std::vector<Expression> parent_values);

// The error of an aggregate function that schema/aggregate_functions.h does not know.
Error UnknownAggregateFunction(const std::string& name);

// The operator of the comparisons every backend writes the same way (=, <>, >, >=, <, <=), or
// null for the others.
const char* OrderingOperator(ir::CompareOp op);

// A comparison on the table aliased `alias`, in a backend's dialect.
using CompareTranslator = Result<Expression> (*)(const ir::Compare& compare,
                                                 const std::string& alias, Aliases& aliases);

// A BoolExp on the table aliased `alias`: AND, OR and NOT of its operands, EXISTS (SELECT 1 FROM
// target AS "_tN" WHERE mapping AND where) for a relationship (without the mapping for
// `_exists`), the resolved keys of a remote relationship (`columns IN keys`), and `compare` for
// comparisons.
Result<Expression> TranslateBoolExp(const ir::BoolExp& exp, const std::string& alias,
                                    Aliases& aliases, CompareTranslator compare);

// The backend's function for a GraphQL aggregate operator (sum, stddev, …): an error for one that
// is not an aggregate function.
using AggregateFunctionName = Result<std::string> (*)(const std::string& function);

// What a backend translates itself in sort keys: aggregate functions, and the comparisons of the
// permission filters on the tables the keys read.
struct SortKeyTranslators {
  AggregateFunctionName function;
  CompareTranslator compare;
};

// ORDER BY of a level's base subquery `base` (the table aliased `alias`); keys other than the
// table's own columns are computed there as items `__o<i>`: a column reached through object
// relationships is a scalar subquery per step (LIMIT 1), an aggregate of an array relationship
// `(SELECT fn("_tM"."col") FROM target AS "_tM" WHERE mapping)`; each reads only the rows the
// role's permission filter on that table passes.
Status AddSortKeys(const ir::SelectArgs& args, const std::string& alias, Select& base,
                   Aliases& aliases, const SortKeyTranslators& translators);

// The sort keys of a level's rows, read from outside its base subquery (AddSortKeys).
std::vector<OrderByItem> RowOrder(const ir::SelectArgs& args, const std::string& alias);

}  // namespace junction::backends::sql
