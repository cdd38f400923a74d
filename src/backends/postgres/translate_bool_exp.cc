// TranslateBoolExp (its comparisons; the rest is sql::TranslateBoolExp), AggregateFunction and the
// parameters of comparisons (translate_internal.h).

#include <utility>

#include "backends/postgres/translate_internal.h"
#include "schema/aggregate_functions.h"

namespace junction::backends::postgres {

namespace {

using Json = nlohmann::ordered_json;
using ir::CompareOp;

// A scalar's text; JSON values of a json/jsonb parameter stay JSON (a string keeps its quotes).
std::string ScalarText(const Json& value, bool is_json) {
  if (value.is_string() && !is_json) return value.get<std::string>();
  return value.dump();
}

bool IsJson(const sql::TypeName& type) {
  const bool builtin = type.schema.empty() || type.schema == "pg_catalog";
  return builtin && (type.name == "json" || type.name == "jsonb");
}

std::string ArrayLiteralOf(const Json& values, bool is_json);

std::string ArrayElement(const Json& element, bool is_json) {
  if (element.is_null()) return "NULL";
  if (element.is_array() && !is_json) return ArrayLiteralOf(element, is_json);
  std::string quoted = "\"";
  for (const char c : ScalarText(element, is_json)) {
    if (c == '"' || c == '\\') quoted += '\\';
    quoted += c;
  }
  return quoted + '"';
}

std::string ArrayLiteralOf(const Json& values, bool is_json) {
  std::string literal = "{";
  for (size_t i = 0; i < values.size(); ++i) {
    if (i > 0) literal += ',';
    literal += ArrayElement(values[i], is_json);
  }
  return literal + "}";
}

// The SQL operator of a binary comparison against a parameter of the column's type.
const char* BinaryOperator(CompareOp op) {
  if (const char* ordering = sql::OrderingOperator(op)) return ordering;
  switch (op) {
    case CompareOp::kLike:
      return "LIKE";
    case CompareOp::kNlike:
      return "NOT LIKE";
    case CompareOp::kIlike:
      return "ILIKE";
    case CompareOp::kNilike:
      return "NOT ILIKE";
    case CompareOp::kSimilar:
      return "SIMILAR TO";
    case CompareOp::kNsimilar:
      return "NOT SIMILAR TO";
    case CompareOp::kRegex:
      return "~";
    case CompareOp::kNregex:
      return "!~";
    case CompareOp::kIregex:
      return "~*";
    case CompareOp::kNiregex:
      return "!~*";
    case CompareOp::kContains:
      return "@>";
    case CompareOp::kContainedIn:
      return "<@";
    default:
      return nullptr;
  }
}

sql::TypeName Text(int array_dimensions) { return {"", "text", array_dimensions}; }

Result<sql::Expression> TranslateCompare(const ir::Compare& compare, const std::string& alias,
                                         sql::Aliases& /*aliases*/) {
  const schema::Column& column = *compare.column;
  sql::Expression left = sql::MakeColumn(alias, column.name);
  const sql::TypeName type = ColumnType(column);
  if (const char* op = BinaryOperator(compare.op)) {
    return sql::MakeBinary(op, std::move(left),
                           sql::Expression{MakeParameter(compare.value, type)});
  }
  switch (compare.op) {
    case CompareOp::kIn:
    case CompareOp::kNin: {
      if (column.is_array) {
        return Error(ErrorCode::kNotSupported, "_in and _nin on array columns are not supported");
      }
      sql::TypeName list_type = type;
      list_type.array_dimensions = 1;
      const bool in = compare.op == CompareOp::kIn;
      return sql::MakeBinary(
          in ? "=" : "<>", std::move(left),
          sql::MakeCall(in ? "ANY" : "ALL", MakeParameter(compare.value, list_type)));
    }
    case CompareOp::kIsNull:
      return sql::Expression{
          sql::IsNull{std::make_unique<sql::Expression>(std::move(left)),
                      !(compare.value.is_boolean() && compare.value.get<bool>())}};
    case CompareOp::kHasKey:
      return sql::MakeBinary("?", std::move(left),
                             sql::Expression{MakeParameter(compare.value, Text(0))});
    case CompareOp::kHasKeysAny:
    case CompareOp::kHasKeysAll:
      return sql::MakeBinary(compare.op == CompareOp::kHasKeysAny ? "?|" : "?&", std::move(left),
                             sql::Expression{MakeParameter(compare.value, Text(1))});
    default:
      return Error(ErrorCode::kUnexpected, "unknown comparison operator");
  }
}

}  // namespace

Result<sql::Expression> TranslateBoolExp(const ir::BoolExp& exp, const std::string& alias,
                                         sql::Aliases& aliases) {
  return sql::TranslateBoolExp(exp, alias, aliases, TranslateCompare);
}

Result<std::string> AggregateFunction(const std::string& name) {
  if (!schema::IsAggregateFunction(name)) return sql::UnknownAggregateFunction(name);
  return name;
}

sql::TypeName ColumnType(const schema::Column& column) {
  return {column.type_schema, column.type, column.is_array ? 1 : 0};
}

sql::Parameter MakeParameter(const Json& value, sql::TypeName type) {
  if (value.is_null()) return {std::nullopt, std::move(type)};
  const bool is_json = IsJson(type);
  if (value.is_array() && type.array_dimensions > 0) {
    return {ArrayLiteralOf(value, is_json), std::move(type)};
  }
  return {ScalarText(value, is_json), std::move(type)};
}

sql::SortKeyTranslators SortKeyTranslators() { return {AggregateFunction, TranslateCompare}; }

}  // namespace junction::backends::postgres
