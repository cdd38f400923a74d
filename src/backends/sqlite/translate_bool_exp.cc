// TranslateBoolExp (its comparisons: the rest is sql::TranslateBoolExp), JoinCondition,
// AggregateFunction and the parameters of comparisons for SQLite (translate_internal.h). Every
// operator of a scalar column is supported: LIKE through like(pattern, value, '\') (backslash
// escapes, as Postgres's default; the pool makes LIKE case-sensitive), ILIKE by comparing lower(…)
// (ASCII case folding only, SQLite's lower() without ICU), regular expressions and SIMILAR TO
// through the functions of functions.h. The jsonb operators never meet a SQLite column.

#include <utility>

#include "backends/sqlite/translate_internal.h"
#include "schema/aggregate_functions.h"

namespace junction::backends::sqlite {

namespace {

using Json = nlohmann::ordered_json;
using ir::CompareOp;
using sql::Expression;

// A parameter bound as text, never cast: SQLite applies the column's affinity to it.
Expression TextParameter(std::optional<std::string> text) {
  return Expression{sql::Parameter{std::move(text), {"", "TEXT"}}};
}

std::string ScalarText(const Json& value) {
  if (value.is_string()) return value.get<std::string>();
  if (value.is_boolean()) return value.get<bool>() ? "1" : "0";
  return value.dump();
}

Expression Negated(Expression operand, bool negate) {
  if (!negate) return operand;
  return Expression{sql::Not{std::make_unique<Expression>(std::move(operand))}};
}

// like(pattern, value, '\'): `value LIKE pattern ESCAPE '\'`.
Expression Like(Expression value, Expression pattern) {
  return sql::MakeCall("like", std::move(pattern), std::move(value), sql::StringLiteral{"\\"});
}

Result<Expression> TranslateCompare(const ir::Compare& compare, const std::string& alias,
                                    sql::Aliases& aliases) {
  const schema::Column& column = *compare.column;
  Expression left = sql::MakeColumn(alias, column.name);
  if (const char* op = sql::OrderingOperator(compare.op)) {
    return sql::MakeBinary(op, std::move(left), ValueParameter(compare.value, column));
  }
  const Json& value = compare.value;
  switch (compare.op) {
    case CompareOp::kIn:
    case CompareOp::kNin: {
      // One JSON array parameter, however many values: the statement text stays the same.
      const std::string each = aliases.Next("_e");
      auto list = std::make_unique<sql::Select>();
      list->items.push_back({sql::MakeColumn("", "value"), ""});
      list->from = sql::FromItem{
          sql::RecordSet{sql::Box(sql::MakeCall("json_each", TextParameter(value.dump()))), {}},
          each};
      return sql::MakeBinary(compare.op == CompareOp::kIn ? "IN" : "NOT IN", std::move(left),
                             Expression{sql::Subquery{std::move(list)}});
    }
    case CompareOp::kIsNull:
      return Expression{sql::IsNull{std::make_unique<Expression>(std::move(left)),
                                    !(value.is_boolean() && value.get<bool>())}};
    case CompareOp::kLike:
    case CompareOp::kNlike:
      return Negated(Like(std::move(left), TextParameter(ScalarText(value))),
                     compare.op == CompareOp::kNlike);
    case CompareOp::kIlike:
    case CompareOp::kNilike:
      return Negated(Like(sql::MakeCall("lower", std::move(left)),
                          sql::MakeCall("lower", TextParameter(ScalarText(value)))),
                     compare.op == CompareOp::kNilike);
    case CompareOp::kSimilar:
    case CompareOp::kNsimilar:
      return Negated(
          sql::MakeCall("junction_similar", std::move(left), TextParameter(ScalarText(value))),
          compare.op == CompareOp::kNsimilar);
    case CompareOp::kRegex:
    case CompareOp::kNregex:
    case CompareOp::kIregex:
    case CompareOp::kNiregex: {
      const bool insensitive =
          compare.op == CompareOp::kIregex || compare.op == CompareOp::kNiregex;
      return Negated(
          sql::MakeCall("junction_regex", std::move(left), TextParameter(ScalarText(value)),
                        sql::Keyword{insensitive ? "1" : "0"}),
          compare.op == CompareOp::kNregex || compare.op == CompareOp::kNiregex);
    }
    case CompareOp::kContains:
    case CompareOp::kContainedIn:
    case CompareOp::kHasKey:
    case CompareOp::kHasKeysAny:
    case CompareOp::kHasKeysAll:
      return Error(ErrorCode::kNotSupported,
                   "jsonb operators are not supported on the SQLite column " + column.name);
    default:
      return Error(ErrorCode::kUnexpected, "unknown comparison operator");
  }
}

}  // namespace

Expression JoinCondition(const schema::Relationship& relationship, const std::string& parent,
                         const std::string& child, bool keys) {
  if (!keys) return sql::JoinCondition(relationship, parent, child);
  std::vector<Expression> key_values;
  for (size_t i = 0; i < relationship.mapping.size(); ++i) {
    key_values.push_back(sql::MakeBinary("->>", sql::MakeColumn(parent, "value"),
                                         Expression{sql::Keyword{std::to_string(i + 1)}}));
  }
  return sql::JoinCondition(relationship, child, std::move(key_values));
}

Result<Expression> TranslateBoolExp(const ir::BoolExp& exp, const std::string& alias,
                                    sql::Aliases& aliases) {
  return sql::TranslateBoolExp(exp, alias, aliases, TranslateCompare);
}

Result<std::string> AggregateFunction(const std::string& name) {
  if (!schema::IsAggregateFunction(name)) return sql::UnknownAggregateFunction(name);
  if (name == "stddev" || name == "stddev_samp") return std::string("junction_stddev_samp");
  if (name == "variance" || name == "var_samp") return std::string("junction_var_samp");
  if (name == "stddev_pop" || name == "var_pop") return "junction_" + name;
  return name;  // sum, avg, min, max
}

Expression ValueParameter(const Json& value, const schema::Column& column) {
  using Kind = schema::PgScalar::Kind;
  Expression parameter =
      TextParameter(value.is_null() ? std::nullopt : std::optional(ScalarText(value)));
  const char* type = nullptr;
  switch (column.scalar_kind) {
    case Kind::kInteger:
    case Kind::kSmallInt:
    case Kind::kBigInt:
    case Kind::kBoolean:
      type = "INTEGER";
      break;
    case Kind::kReal:
    case Kind::kDouble:
    case Kind::kNumeric:
      type = "REAL";
      break;
    default:
      return parameter;
  }
  return Expression{sql::Cast{std::make_unique<Expression>(std::move(parameter)), {"", type}}};
}

Expression IntegerParameter(int64_t value) {
  return Expression{
      sql::Cast{sql::Box(sql::Parameter{std::to_string(value), {"", "TEXT"}}), {"", "INTEGER"}}};
}

sql::SortKeyTranslators SortKeyTranslators() { return {AggregateFunction, TranslateCompare}; }

}  // namespace junction::backends::sqlite
