#pragma once
// The SQL tree (DESIGN.md §3, STYLE rule 10): what a backend's Translate builds and Print
// (printer.h) turns into a Statement. It holds no SQL text for values or identifiers: values are
// Parameters (each printed as `$n::type` for Postgres, `?n` for SQLite: printer.h), identifiers are
// plain strings quoted by the printer, so quoting lives in one place. Only a few constant words
// (`*`, `TRUE`) are Keywords.
//
//   SELECT "t"."name" FROM "public"."users" AS "t" WHERE "t"."id" = $1::int4
//   = Select{items [{Column{"t", "name"}}], from FromItem{Table{"public", "users"}, "t"},
//            where Binary{"=", Column{"t", "id"}, Parameter{"7", TypeName{"", "int4"}}}}
//
// Nodes hold their children by value; unique_ptr breaks the recursion (Select ↔ Expression).

#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace junction::backends::sql {

struct Expression;
struct Select;

// A type a parameter or expression is cast to: `int4`, `"public"."mood"`, `text[]`.
struct TypeName {
  std::string schema;  // empty or "pg_catalog": a built-in type, printed bare when it can be
  std::string name;
  int array_dimensions = 0;
};

// `"table"."column"`, or `"column"` when table is empty.
struct Column {
  std::string table;
  std::string name;
};
// `"table".*`.
struct AllColumns {
  std::string table;
};
// A value, always sent as a parameter: `$n::type`. nullopt is SQL NULL. A parameter with an
// `execution_slot` has no value yet: the statement is kept (in a plan) and the executor supplies
// value number `slot` each time it runs it (a remote join's keys). Every Parameter of one slot is
// the same `$n`; Print records which (Statement::execution_parameters).
struct Parameter {
  std::optional<std::string> value;
  TypeName type;
  std::optional<size_t> execution_slot = std::nullopt;
};
// A constant string the engine itself chooses (JSON keys, '[]'), printed as a quoted literal.
struct StringLiteral {
  std::string value;
};
// A constant word: `*`, `TRUE`, `FALSE`, `NULL`.
struct Keyword {
  std::string word;
};
struct Cast {
  std::unique_ptr<Expression> operand;
  TypeName type;
};
// `left op right`: =, <>, <, LIKE, ~*, @>, ?|, …; `x = ANY(…)` is Binary{"=", x, Call{"ANY"}}.
struct Binary {
  std::string op;
  std::unique_ptr<Expression> left;
  std::unique_ptr<Expression> right;
};
// AND / OR of the operands (an empty AND is TRUE, an empty OR FALSE).
struct Conjunction {
  bool is_and = true;
  std::vector<Expression> operands;
};
struct Not {
  std::unique_ptr<Expression> operand;
};
// `operand IS NULL` / `operand IS NOT NULL`.
struct IsNull {
  std::unique_ptr<Expression> operand;
  bool negated = false;
};
// `(a, b)`: a row constructor.
struct Row {
  std::vector<Expression> elements;
};
struct OrderByItem {
  std::unique_ptr<Expression> expression;
  bool descending = false;
  bool nulls_first = false;
};
// `name([DISTINCT] args [ORDER BY …])`.
struct Call {
  std::string name;
  std::vector<Expression> args;
  bool distinct = false;
  std::vector<OrderByItem> order_by;
};
// `(SELECT …)` as a value.
struct Subquery {
  std::unique_ptr<Select> select;
};
struct Exists {
  std::unique_ptr<Select> select;
};
// `CASE WHEN c1 THEN r1 … [ELSE otherwise] END` (no ELSE when `otherwise` is null: NULL).
struct CaseWhen {
  std::unique_ptr<Expression> condition;
  std::unique_ptr<Expression> result;
};
struct Case {
  std::vector<CaseWhen> whens;
  std::unique_ptr<Expression> otherwise;
};
// A window function: `call OVER (PARTITION BY … ORDER BY …)`, e.g. row_number() per key.
struct WindowCall {
  std::unique_ptr<Expression> call;
  std::vector<Expression> partition_by;
  std::vector<OrderByItem> order_by;
};

struct Expression {
  std::variant<Column, AllColumns, Parameter, StringLiteral, Keyword, Cast, Binary, Conjunction,
               Not, IsNull, Row, Call, Subquery, Exists, Case, WindowCall>
      node;
};

struct SelectItem {
  Expression expression;
  std::string alias;  // empty: none
};

// `"schema"."name"`.
struct Table {
  std::string schema;
  std::string name;
};

// A set-returning function with its column names, and their types where the function needs
// them: `unnest($1::int8[], $2::text[]) AS "alias"("a", "b")`,
// `jsonb_to_recordset($1::jsonb) AS "alias"("a" int8, "b" text)`; without columns, no list:
// `json_each(?1) AS "alias"` (SQLite's table-valued functions have fixed column names).
struct RecordSet {
  std::unique_ptr<Expression> call;
  std::vector<std::pair<std::string, std::optional<TypeName>>> columns;
};

// `"schema"."name" AS "alias"`, `[LATERAL] (SELECT …) AS "alias"` or a RecordSet.
struct FromItem {
  std::variant<Table, std::unique_ptr<Select>, RecordSet> source;
  std::string alias;
};

struct Select {
  std::vector<Expression> distinct_on;  // DISTINCT ON (…) when not empty
  std::vector<SelectItem> items;
  std::optional<FromItem> from;
  std::vector<FromItem> cross_joins;         // `, item`: the WHERE clause joins them
  std::vector<FromItem> left_lateral_joins;  // LEFT JOIN LATERAL (…) AS "x" ON TRUE
  std::optional<Expression> where;
  std::vector<Expression> group_by;
  std::vector<OrderByItem> order_by;
  std::optional<Expression> limit;
  std::optional<Expression> offset;
};

// Small constructors that keep tree building readable.
template <typename T>
std::unique_ptr<Expression> Box(T node) {
  return std::make_unique<Expression>(Expression{std::move(node)});
}
inline Expression MakeColumn(std::string table, std::string name) {
  return Expression{Column{std::move(table), std::move(name)}};
}
inline Expression MakeBinary(std::string op, Expression left, Expression right) {
  return Expression{Binary{std::move(op), std::make_unique<Expression>(std::move(left)),
                           std::make_unique<Expression>(std::move(right))}};
}

// `name(args…)`.
template <typename... Args>
Expression MakeCall(std::string name, Args... args) {
  Call call{std::move(name), {}, false, {}};
  (call.args.push_back(Expression{std::move(args)}), ...);
  return Expression{std::move(call)};
}

}  // namespace junction::backends::sql
