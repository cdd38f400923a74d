// TranslateBoolExp for BigQuery (translate_internal.h): the rows a `where` (and the permission
// filters the IR carries) passes. Every value is a parameter typed as the column it is compared
// with: `_in` one ARRAY parameter read with IN UNNEST (an empty array matches nothing, as in
// Postgres); LIKE takes Postgres's backslash escapes as it is; _ilike compares LOWER(…) of both
// sides; the regular expressions are RE2's (REGEXP_CONTAINS), close to Postgres's POSIX ones for
// the common cases. BigQuery has no SIMILAR TO and no jsonb operators.

#include <algorithm>
#include <utility>

#include "backends/bigquery/translate_internal.h"

namespace junction::backends::bigquery {

namespace {

using Json = nlohmann::ordered_json;
using ir::CompareOp;

// A scalar value as a parameter's text: strings as they are, booleans true/false, numbers as JSON
// writes them.
std::string ScalarText(const Json& value) {
  if (value.is_string()) return value.get<std::string>();
  if (value.is_boolean()) return value.get<bool>() ? "true" : "false";
  return value.dump();
}

Condition Negated(Condition condition) { return {"NOT (" + condition.text + ")"}; }

const char* OrderingOperator(CompareOp op) {
  switch (op) {
    case CompareOp::kEq:
      return "=";
    case CompareOp::kNeq:
      return "<>";
    case CompareOp::kGt:
      return ">";
    case CompareOp::kGte:
      return ">=";
    case CompareOp::kLt:
      return "<";
    case CompareOp::kLte:
      return "<=";
    default:
      return nullptr;
  }
}

Error NotSupported(const std::string& what) {
  return Error(ErrorCode::kNotSupported, what + " is not supported on BigQuery");
}

Result<Condition> TranslateCompare(const ir::Compare& compare, const std::string& alias,
                                   StatementBuilder& builder) {
  const schema::Column& column = *compare.column;
  const std::string left = builder.Column(alias, column.name);
  const Json& value = compare.value;
  if (compare.op == CompareOp::kIsNull) {
    const bool is_null = value.is_boolean() && value.get<bool>();
    return Condition{left + (is_null ? " IS NULL" : " IS NOT NULL")};
  }
  switch (compare.op) {
    case CompareOp::kSimilar:
    case CompareOp::kNsimilar:
      return NotSupported("_similar");
    case CompareOp::kContains:
    case CompareOp::kContainedIn:
    case CompareOp::kHasKey:
    case CompareOp::kHasKeysAny:
    case CompareOp::kHasKeysAll:
      return NotSupported("a JSON operator (on " + column.name + ")");
    default:
      break;
  }
  auto type = ParameterType(column);
  if (!type) return type.error();
  if (Incomparable(*type)) {
    return NotSupported("comparing the " + *type + " column " + column.name);
  }
  if (const char* op = OrderingOperator(compare.op)) {
    return Condition{left + " " + op + " " + builder.Param(ScalarText(value), ScalarType(*type))};
  }
  const auto pattern = [&] { return builder.Param(ScalarText(value), ScalarType(*type)); };
  switch (compare.op) {
    case CompareOp::kIn:
    case CompareOp::kNin: {
      // One array parameter, however many values: the text stays the same.
      Condition in{left + " IN UNNEST(" + builder.Param(value.dump(), ArrayType(*type)) + ")"};
      return compare.op == CompareOp::kIn ? in : Negated(std::move(in));
    }
    case CompareOp::kLike:
    case CompareOp::kNlike: {
      Condition like{left + " LIKE " + pattern()};
      return compare.op == CompareOp::kLike ? like : Negated(std::move(like));
    }
    case CompareOp::kIlike:
    case CompareOp::kNilike: {
      Condition like{"LOWER(" + left + ") LIKE LOWER(" + pattern() + ")"};
      return compare.op == CompareOp::kIlike ? like : Negated(std::move(like));
    }
    case CompareOp::kRegex:
    case CompareOp::kNregex:
    case CompareOp::kIregex:
    case CompareOp::kNiregex: {
      const bool insensitive =
          compare.op == CompareOp::kIregex || compare.op == CompareOp::kNiregex;
      std::string regex = pattern();
      if (insensitive) regex = "CONCAT('(?i)', " + regex + ")";
      Condition contains{"REGEXP_CONTAINS(" + left + ", " + regex + ")"};
      const bool negated = compare.op == CompareOp::kNregex || compare.op == CompareOp::kNiregex;
      return negated ? Negated(std::move(contains)) : contains;
    }
    default:
      return Error(ErrorCode::kUnexpected, "unknown comparison operator");
  }
}

Result<Condition> TranslateConjunction(bool is_and, const std::vector<ir::BoolExp>& operands,
                                       const std::string& alias, StatementBuilder& builder) {
  std::vector<std::string> parts;
  for (const ir::BoolExp& operand : operands) {
    auto condition = TranslateBoolExp(operand, alias, builder);
    if (!condition) return condition.error();
    parts.push_back(Embedded(*condition));
  }
  if (parts.empty()) return Condition{is_and ? "TRUE" : "FALSE"};
  if (parts.size() == 1) return Condition{parts.front()};
  return Condition{Joined(parts, is_and ? " AND " : " OR "), true};
}

// EXISTS (SELECT 1 FROM target AS `tN` WHERE [mapping AND] where).
Result<Condition> ExistsIn(const schema::Table& table, const schema::Relationship* relationship,
                           const ir::BoolExp& where, const std::string& alias,
                           StatementBuilder& builder) {
  const std::string child = builder.Alias('t');
  std::vector<Condition> conditions;
  if (relationship != nullptr) {
    if (auto joinable = JoinKeyTypes(*relationship); !joinable) return joinable.error();
    for (const auto& [local, remote] : relationship->mapping) {
      conditions.push_back({builder.Column(child, remote) + " = " + builder.Column(alias, local)});
    }
  }
  Status added = AddConditions(where, child, builder, conditions);
  if (!added) return added.error();
  return Condition{"EXISTS (SELECT 1 FROM " + builder.Table(table) + " AS " + builder.Id(child) +
                   WhereClause(conditions) + ")"};
}

// A remote relationship of a permission filter, its target's matching keys resolved: `column IN
// UNNEST(keys)` for one join column, else a disjunction of the key tuples; no key: false. A null
// join value equals nothing, so tuples holding one are left out.
Result<Condition> TranslateRemoteExists(const ir::RemoteExists& exists, const std::string& alias,
                                        StatementBuilder& builder) {
  if (!exists.keys->resolved) {
    return Error(ErrorCode::kUnexpected, "a remote permission filter was not resolved");
  }
  std::vector<const Json*> rows;
  for (const Json& row : exists.keys->rows) {
    if (std::ranges::none_of(row, [](const Json& value) { return value.is_null(); })) {
      rows.push_back(&row);
    }
  }
  ir::BoolExp keys{ir::Or{}};
  if (exists.columns.size() == 1 && !rows.empty()) {
    Json values = Json::array();
    for (const Json* row : rows) values.push_back(row->at(0));
    keys = ir::BoolExp{ir::Compare{exists.columns.front(), CompareOp::kIn, std::move(values)}};
  } else {
    auto& tuples = std::get<ir::Or>(keys.node).operands;
    for (const Json* row : rows) {
      ir::And tuple;
      for (size_t i = 0; i < exists.columns.size(); ++i) {
        tuple.operands.push_back(
            ir::BoolExp{ir::Compare{exists.columns[i], CompareOp::kEq, row->at(i)}});
      }
      tuples.push_back(ir::BoolExp{std::move(tuple)});
    }
  }
  return TranslateBoolExp(keys, alias, builder);
}

}  // namespace

Result<Condition> TranslateBoolExp(const ir::BoolExp& exp, const std::string& alias,
                                   StatementBuilder& builder) {
  if (const auto* conjunction = std::get_if<ir::And>(&exp.node)) {
    return TranslateConjunction(true, conjunction->operands, alias, builder);
  }
  if (const auto* disjunction = std::get_if<ir::Or>(&exp.node)) {
    return TranslateConjunction(false, disjunction->operands, alias, builder);
  }
  if (const auto* negation = std::get_if<ir::Not>(&exp.node)) {
    auto operand = TranslateBoolExp(*negation->operand, alias, builder);
    if (!operand) return operand.error();
    return Negated(std::move(*operand));
  }
  if (const auto* comparison = std::get_if<ir::Compare>(&exp.node)) {
    return TranslateCompare(*comparison, alias, builder);
  }
  if (const auto* exists = std::get_if<ir::Exists>(&exp.node)) {
    return ExistsIn(*exists->relationship->target, exists->relationship, *exists->where, alias,
                    builder);
  }
  if (const auto* exists = std::get_if<ir::ExistsTable>(&exp.node)) {
    return ExistsIn(*exists->table, nullptr, *exists->where, alias, builder);
  }
  return TranslateRemoteExists(std::get<ir::RemoteExists>(exp.node), alias, builder);
}

Status AddConditions(const ir::BoolExp& exp, const std::string& alias, StatementBuilder& builder,
                     std::vector<Condition>& conditions) {
  if (const auto* conjunction = std::get_if<ir::And>(&exp.node)) {
    for (const ir::BoolExp& operand : conjunction->operands) {
      Status added = AddConditions(operand, alias, builder, conditions);
      if (!added) return added.error();
    }
    return {};
  }
  auto condition = TranslateBoolExp(exp, alias, builder);
  if (!condition) return condition.error();
  conditions.push_back(std::move(*condition));
  return {};
}

}  // namespace junction::backends::bigquery
