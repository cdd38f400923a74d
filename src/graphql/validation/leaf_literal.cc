#include "graphql/validation/leaf_literal.h"

#include <string_view>
#include <vector>

#include "graphql/did_you_mean.h"
#include "graphql/printer.h"

namespace junction::graphql::validation {
namespace {

// JavaScript parseInt(text, 10) of an Int literal lies in [-2^31, 2^31 - 1].
bool FitsInt32(std::string_view text) {
  bool negative = !text.empty() && text.front() == '-';
  if (negative) text.remove_prefix(1);
  while (text.size() > 1 && text.front() == '0') text.remove_prefix(1);
  if (text.empty() || text.size() > 10) return false;
  long long magnitude = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return false;
    magnitude = magnitude * 10 + (c - '0');
  }
  return negative ? magnitude <= 2147483648LL : magnitude <= 2147483647LL;
}

std::string DidYouMeanEnumValue(const TypeDef& type, const std::string& shown) {
  std::vector<std::string> names;
  names.reserve(type.enum_values.size());
  for (const EnumValueDef& value : type.enum_values) names.push_back(value.name);
  return DidYouMean(SuggestionList(shown, names), "the enum value");
}

std::optional<std::string> CheckEnum(const TypeDef& type, const Value& literal) {
  std::string shown = Print(literal);
  if (literal.kind != Value::Kind::kEnum) {
    return "Enum \"" + type.name + "\" cannot represent non-enum value: " + shown + "." +
           DidYouMeanEnumValue(type, shown);
  }
  if (type.FindEnumValue(literal.text) == nullptr) {
    return "Value \"" + shown + "\" does not exist in \"" + type.name + "\" enum." +
           DidYouMeanEnumValue(type, shown);
  }
  return std::nullopt;
}

}  // namespace

std::optional<std::string> CheckLeafLiteral(const TypeDef& type, const Value& literal) {
  using Kind = Value::Kind;
  if (type.kind == TypeKind::kEnum) return CheckEnum(type, literal);
  const Kind kind = literal.kind;
  if (type.name == "Int") {
    if (kind != Kind::kInt) return "Int cannot represent non-integer value: " + Print(literal);
    if (!FitsInt32(literal.text)) {
      return "Int cannot represent non 32-bit signed integer value: " + literal.text;
    }
  } else if (type.name == "Float") {
    if (kind != Kind::kInt && kind != Kind::kFloat) {
      return "Float cannot represent non numeric value: " + Print(literal);
    }
  } else if (type.name == "String") {
    if (kind != Kind::kString) {
      return "String cannot represent a non string value: " + Print(literal);
    }
  } else if (type.name == "Boolean") {
    if (kind != Kind::kBoolean) {
      return "Boolean cannot represent a non boolean value: " + Print(literal);
    }
  } else if (type.name == "ID") {
    if (kind != Kind::kString && kind != Kind::kInt) {
      return "ID cannot represent a non-string and non-integer value: " + Print(literal);
    }
  }
  return std::nullopt;  // a custom scalar takes any literal
}

}  // namespace junction::graphql::validation
