#pragma once
// The parts of Translate for BigQuery (translate.h) shared between its files: the statement under
// construction (identifiers, typed parameters, fresh aliases), a level's rows (a table with its
// joins and conditions, sorted, ranked in subqueries when distinct_on, an offset or an aggregate's
// limit needs it), and the WHERE translation.
//
//   articles(distinct_on: title, order_by: [{title: asc}, {id: asc}], offset: 1) of an author:
//   the Level over `source`.`article` AS `t3`, keys [`t3`.`author_id`], two stages; its rows read
//     FROM (SELECT `r4`.`k0` AS `k0`, `r4`.`s0` AS `s0`, `r4`.`s1` AS `s1`, `r4`.`c0` AS `c0`,
//                  ROW_NUMBER() OVER (PARTITION BY `r4`.`k0` ORDER BY …) AS `n`
//           FROM (SELECT `t3`.`author_id` AS `k0`, `t3`.`title` AS `s0`, `t3`.`id` AS `s1`,
//                        `t3`.`id` AS `c0`,
//                        ROW_NUMBER() OVER (PARTITION BY `t3`.`author_id`, `t3`.`title`
//                                           ORDER BY …) AS `n`
//                 FROM `source`.`article` AS `t3`) AS `r4` WHERE `r4`.`n` = 1) AS `r5`
//     WHERE `r5`.`n` > @p1
//   and the final select (ARRAY_AGG … GROUP BY) reads `r5`.`c0`, `r5`.`s0`, `r5`.`k0`, … (Use,
//   FinalOrder and FinalKeys hand those out).
//
// Text is built directly (the shared SQL tree speaks Postgres and SQLite): identifiers go through
// QuoteIdentifier only (StatementBuilder::Id), values become parameters only
// (StatementBuilder::Param); the few literals (TRUE, FALSE, 0, 1, '(?i)') are the engine's own.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "backends/sql/statement.h"
#include "common/result.h"
#include "ir/ir.h"

namespace junction::backends::bigquery {

// One statement under construction: its parameters with their types, its aliases (`t1`, `o2`,
// …: a letter and a number unique in the statement), and the first identifier QuoteIdentifier
// refused (reported by Finish, so that text building need not test every name).
class StatementBuilder {
 public:
  // `name` in backticks.
  std::string Id(std::string_view name);
  // `dataset`.`table`.
  std::string Table(const schema::Table& table);
  // `alias`.`name`.
  std::string Column(std::string_view alias, std::string_view name);
  // A fresh alias: prefix + number.
  std::string Alias(char prefix);
  // `@p<n>`: a parameter holding `value` (nullopt: NULL) of the QueryParameterType `type`.
  std::string Param(std::optional<std::string> value, std::string type);
  // `@p<n>`: an INT64 parameter (limits, offsets).
  std::string IntegerParam(int64_t value);
  // `@p<n>`: the parameter of the next execution slot, its value left to the executor.
  std::string ExecutionParam(std::string type);

  // The statement, or the first refused identifier's error.
  Result<sql::Statement> Finish(std::string text, sql::RowShape shape);

 private:
  sql::Statement statement_;
  int aliases_ = 0;
  std::optional<Error> error_;
};

// QueryParameterType JSON texts: {"type":"INT64"}, {"type":"ARRAY","arrayType":{…}}, and a
// remote join's keys: ARRAY<STRUCT<`__argument_id__` INT64, `k0` T0, …>>.
std::string ScalarType(std::string_view type);
std::string ArrayType(std::string_view element);
std::string KeysType(const std::vector<std::string>& key_types);

// BigQuery's name of the type of `column`'s values as a parameter (INT64, STRING, …; legacy names
// and type parameters normalized: "INTEGER" → INT64, "STRING(10)" → STRING). Errors:
// not-supported for arrays and STRUCTs.
Result<std::string> ParameterType(const schema::Column& column);
// Whether BigQuery cannot compare values of `type` (a ParameterType) with = or group by them.
bool Incomparable(std::string_view type);
// `column`'s type as messages name it: "FLOAT64", "ARRAY<STRING>", "STRUCT<a INT64>".
std::string TypeText(const schema::Column& column);
// Whether BigQuery can compare `column`'s values with =, GROUP BY them and count them DISTINCT:
// not JSON, GEOGRAPHY, STRUCT or ARRAY.
bool Groupable(const schema::Column& column);
// Whether BigQuery can PARTITION BY `column`'s values (the windows of Level's stages): Groupable
// and not FLOAT64, which BigQuery refuses to partition by ("Partitioning by expressions of type
// FLOAT64 is not allowed").
bool Partitionable(const schema::Column& column);
// The ParameterTypes of `relationship`'s join columns in its target, in mapping order. Every
// translated join compares them with = and groups by them, so this is the one check of a
// relationship's join columns. Errors: kUnexpected for a column the target lacks; not-supported
// for a column that is not Groupable.
Result<std::vector<std::string>> JoinKeyTypes(const schema::Relationship& relationship);

// A condition in a WHERE or ON clause. `compound` (a top-level AND or OR) must be parenthesized
// inside another condition.
struct Condition {
  std::string text;
  bool compound = false;
};
std::string Embedded(const Condition& condition);

// The WHERE translation of `exp` on the rows of `alias`: comparisons with parameters, AND / OR /
// NOT, EXISTS (SELECT 1 FROM target WHERE mapping AND …) for relationships, `_exists`, resolved
// remote keys. Errors: not-supported for _similar, the JSON operators and comparisons of JSON,
// GEOGRAPHY, STRUCT and ARRAY columns (other than _is_null).
Result<Condition> TranslateBoolExp(const ir::BoolExp& exp, const std::string& alias,
                                   StatementBuilder& builder);
// The same, a top-level AND split into its operands, added to `conditions`.
Status AddConditions(const ir::BoolExp& exp, const std::string& alias, StatementBuilder& builder,
                     std::vector<Condition>& conditions);

// One sort key of a level: its expression at the level's base, and how to sort it.
struct SortKey {
  std::string expression;
  bool descending = false;
  bool nulls_first = false;
  bool nullable = true;  // false: the nulls placement needs no extra key
};

// The rows a level reads: the table `alias` with its joins (`from`) and `conditions`, sorted by
// `order`, grouped (below a relationship) by `keys`, the target's join columns. Stages rank the
// rows in subqueries (ROW_NUMBER() … AS `n`): distinct_on keeps each key's first row, a numbering
// keeps the rows past an offset and within a limit, per join key. Every expression the final
// select reads goes through Use, which projects it through the stages.
class Level {
 public:
  // The table aliased with a fresh `t<n>`, no joins or conditions yet.
  Level(StatementBuilder& builder, const schema::Table& table);

  std::string alias;
  std::string from;
  std::vector<Condition> conditions;
  std::vector<SortKey> order;
  std::vector<std::string> keys;
  std::vector<std::string> distinct;

  // Adds a stage: distinct_on (partitioned by keys and `distinct`, keeping n = 1) or a numbering
  // (partitioned by keys, keeping n > offset and n <= offset + limit, for those given).
  // REQUIRES: a distinct stage comes first; stages are added after `order` and `keys` are
  // complete, and before any Use.
  void AddDistinctStage();
  void AddNumberingStage(std::optional<int64_t> offset, std::optional<int64_t> limit);

  // `expression` (at the base) as the final select reads it; `prefix` names its column through
  // the stages (c: values, s: sort keys, k: join keys).
  std::string Use(std::string expression, char prefix = 'c');
  // The join keys and sort keys as the final select reads them.
  std::vector<std::string> FinalKeys() const;
  std::vector<SortKey> FinalOrder() const;
  // ` FROM … [WHERE …]`: the base and its stages.
  std::string FromClause() const;

 private:
  struct Stage {
    std::string alias;
    bool distinct = false;
    std::vector<Condition> filter;  // on the stage's rows, as the next one reads them
  };
  struct Slot {
    std::string expression;
    std::string name;
  };
  Slot& AddSlot(std::vector<Slot>& slots, std::string expression, char prefix);
  void AddStage(Stage stage);
  // The column carrying `slot` as stage `stage` reads it (0: the base's expression).
  std::string At(const Slot& slot, size_t stage) const;
  std::vector<SortKey> OrderAt(size_t stage) const;
  std::string Window(size_t stage) const;

  StatementBuilder* builder_;
  std::vector<Stage> stages_;
  std::vector<Slot> slots_;
  std::vector<Slot> key_slots_;
  std::vector<Slot> order_slots_;
  int counts_[3] = {0, 0, 0};  // columns named so far with c, s and k
};

// ` WHERE a AND b` (nothing without conditions).
std::string WhereClause(const std::vector<Condition>& conditions);
// The keys of an ORDER BY: `x ASC NULLS LAST` at the top level (`explicit_nulls`), elsewhere
// (ARRAY_AGG, windows, which cannot say NULLS FIRST/LAST) `(x IS NULL) ASC, x ASC` when the
// nulls must go against BigQuery's default (first for ASC, last for DESC).
std::string OrderClause(const std::vector<SortKey>& keys, bool explicit_nulls);
// `a, b, c`.
std::string Joined(const std::vector<std::string>& items, std::string_view separator = ", ");

}  // namespace junction::backends::bigquery
