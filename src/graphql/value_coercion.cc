// JSON input coercion (variables) and result coercion of leaf values. Literal coercion
// (ValueFromAst, arguments, AstFromValue) is in literal_coercion.cc.
#include "graphql/value_coercion.h"

#include <cctype>
#include <cmath>
#include <cstdlib>
#include <utility>

#include "graphql/did_you_mean.h"
#include "graphql/inspect.h"

namespace junction::graphql {
namespace {

using Json = nlohmann::ordered_json;

constexpr double kMaxInt = 2147483647.0;
constexpr double kMinInt = -2147483648.0;

Error Failed(std::string message, const Location& location = {}) {
  Error error(ErrorCode::kValidationFailed, std::move(message));
  if (location.line > 0) error.locations.push_back(location);
  return error;
}

// A JSON number that JavaScript considers an integer (2.0 is one).
bool IsJsInteger(const Json& value) {
  if (value.is_number_integer()) return true;
  if (!value.is_number_float()) return false;
  double d = value.get<double>();
  return std::isfinite(d) && std::trunc(d) == d;
}

// The JSON for an integral JavaScript number. REQUIRES: IsJsInteger(value).
Json AsInteger(const Json& value) {
  if (value.is_number_integer()) return value;
  double d = value.get<double>();
  if (std::fabs(d) < 9.2e18) return static_cast<int64_t>(d);
  return d;
}

std::string IdFromNumber(const Json& value) {
  if (value.is_number_unsigned()) return std::to_string(value.get<uint64_t>());
  if (value.is_number_integer()) return std::to_string(value.get<int64_t>());
  return JsNumberToString(value.get<double>());
}

// JavaScript Number(text) for a non-empty string: NaN unless the whole (trimmed) text is a
// decimal, hexadecimal, octal or binary literal or Infinity.
double JsNumberFromString(std::string_view text) {
  auto is_space = [](char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; };
  while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
  if (text.empty()) return 0;
  if (text.size() > 2 && text[0] == '0' &&
      std::string_view("xXoObB").find(text[1]) != std::string_view::npos) {
    int base = (text[1] == 'x' || text[1] == 'X') ? 16 : (text[1] == 'o' || text[1] == 'O') ? 8 : 2;
    double result = 0;
    for (char c : text.substr(2)) {
      int digit = std::isdigit(static_cast<unsigned char>(c))    ? c - '0'
                  : std::isxdigit(static_cast<unsigned char>(c)) ? std::tolower(c) - 'a' + 10
                                                                 : 99;
      if (digit >= base) return NAN;
      result = result * base + digit;
    }
    return result;
  }
  std::string_view body = text;
  bool negative = false;
  if (body.front() == '+' || body.front() == '-') {
    negative = body.front() == '-';
    body.remove_prefix(1);
  }
  if (body == "Infinity") return negative ? -INFINITY : INFINITY;
  size_t i = 0, digits = 0;
  while (i < body.size() && std::isdigit(static_cast<unsigned char>(body[i]))) ++i, ++digits;
  if (i < body.size() && body[i] == '.') {
    ++i;
    while (i < body.size() && std::isdigit(static_cast<unsigned char>(body[i]))) ++i, ++digits;
  }
  if (digits == 0) return NAN;
  if (i < body.size() && (body[i] == 'e' || body[i] == 'E')) {
    ++i;
    if (i < body.size() && (body[i] == '+' || body[i] == '-')) ++i;
    size_t exponent_digits = 0;
    while (i < body.size() && std::isdigit(static_cast<unsigned char>(body[i])))
      ++i, ++exponent_digits;
    if (exponent_digits == 0) return NAN;
  }
  if (i != body.size()) return NAN;
  return std::strtod(std::string(text).c_str(), nullptr);
}

// Applies graphql-js's parseValue of a leaf type to a non-null JSON input.
Result<Json> ParseLeafValue(const TypeDef& type, const Json& input) {
  if (type.kind == TypeKind::kEnum) {
    std::vector<std::string> names;
    for (const EnumValueDef& value : type.enum_values) names.push_back(value.name);
    if (!input.is_string()) {
      std::string shown = Inspect(input);
      return Failed("Enum \"" + type.name + "\" cannot represent non-string value: " + shown + "." +
                    DidYouMean(SuggestionList(shown, names), "the enum value"));
    }
    const std::string& name = input.get_ref<const std::string&>();
    if (type.FindEnumValue(name) == nullptr) {
      return Failed("Value \"" + name + "\" does not exist in \"" + type.name + "\" enum." +
                    DidYouMean(SuggestionList(name, names), "the enum value"));
    }
    return input;
  }
  const std::string& name = type.name;
  if (name == "Int") {
    if (!input.is_number() || !IsJsInteger(input)) {
      return Failed("Int cannot represent non-integer value: " + Inspect(input));
    }
    double number = JsonToJsNumber(input);
    if (number > kMaxInt || number < kMinInt) {
      return Failed("Int cannot represent non 32-bit signed integer value: " +
                    JsNumberToString(number));
    }
    return AsInteger(input);
  }
  if (name == "Float") {
    if (!input.is_number())
      return Failed("Float cannot represent non numeric value: " + Inspect(input));
    return input.is_number_float() ? JsonFromJsNumber(input.get<double>()) : input;
  }
  if (name == "String") {
    if (!input.is_string()) {
      return Failed("String cannot represent a non string value: " + Inspect(input));
    }
    return input;
  }
  if (name == "Boolean") {
    if (!input.is_boolean()) {
      return Failed("Boolean cannot represent a non boolean value: " + Inspect(input));
    }
    return input;
  }
  if (name == "ID") {
    if (input.is_string()) return input;
    if (input.is_number() && IsJsInteger(input)) return IdFromNumber(input);
    return Failed("ID cannot represent value: " + Inspect(input));
  }
  return input;  // a custom scalar accepts any value
}

class InputCoercer {
 public:
  InputCoercer(const Schema& schema, std::vector<InputCoercionError>& errors)
      : schema_(schema), errors_(errors) {}

  Json Coerce(const Json& input, const TypeRef& type, const std::string& path, size_t depth = 0) {
    // A recursive input type lets a variable nest as deep as its JSON; bound the native stack.
    constexpr size_t kMaxDepth = 256;
    if (depth > kMaxDepth) {
      Report(path, input, "Value is nested too deeply.");
      return nullptr;
    }
    if (type.IsNonNull()) {
      if (!input.is_null()) return Coerce(input, type.Nullable(), path, depth + 1);
      Report(path, input, "Expected non-nullable type \"" + type.ToString() + "\" not to be null.");
      return nullptr;
    }
    if (input.is_null()) return nullptr;
    if (type.IsList()) {
      TypeRef item_type = type.ItemType();
      if (!input.is_array()) return Json::array({Coerce(input, item_type, path, depth + 1)});
      Json items = Json::array();
      for (size_t i = 0; i < input.size(); ++i) {
        items.push_back(
            Coerce(input[i], item_type, path + "[" + std::to_string(i) + "]", depth + 1));
      }
      return items;
    }
    const TypeDef* named = schema_.FindType(type.name);
    if (named == nullptr || !named->IsInputType()) {
      Report(path, input, "Expected type \"" + type.name + "\" to be an input type.");
      return nullptr;
    }
    if (named->kind == TypeKind::kInputObject) return CoerceInputObject(input, *named, path, depth);
    Result<Json> parsed = ParseLeafValue(*named, input);
    if (!parsed) {
      Report(path, input, parsed.error().message);
      return nullptr;
    }
    return std::move(*parsed);
  }

 private:
  // graphql-js 16.8 accepts any object-like value here, arrays included (their keys are the
  // indices, which no input field is named), so an array gets "field not provided/not defined".
  Json CoerceInputObject(const Json& input, const TypeDef& type, const std::string& path,
                         size_t depth) {
    if (!input.is_object() && !input.is_array()) {
      Report(path, input, "Expected type \"" + type.name + "\" to be an object.");
      return nullptr;
    }
    Json coerced = Json::object();
    for (const InputValueDef& field : type.input_fields) {
      auto it = input.is_object() ? input.find(field.name) : input.end();
      if (it == input.end()) {
        if (std::optional<Json> default_value = CoercedDefaultValue(schema_, field)) {
          coerced[field.name] = std::move(*default_value);
        } else if (field.type.IsNonNull()) {
          Report(path, input,
                 "Field \"" + field.name + "\" of required type \"" + field.type.ToString() +
                     "\" was not provided.");
        }
        continue;
      }
      coerced[field.name] = Coerce(*it, field.type, path + "." + field.name, depth + 1);
    }
    std::vector<std::string> keys;
    if (input.is_object()) {
      for (const auto& [key, value] : input.items()) keys.push_back(key);
    } else {
      for (size_t i = 0; i < input.size(); ++i) keys.push_back(std::to_string(i));
    }
    for (const std::string& key : keys) {
      if (type.FindInputField(key) != nullptr) continue;
      std::vector<std::string> names;
      for (const InputValueDef& field : type.input_fields) names.push_back(field.name);
      Report(path, input,
             "Field \"" + key + "\" is not defined by type \"" + type.name + "\"." +
                 DidYouMean(SuggestionList(key, names)));
    }
    return coerced;
  }

  void Report(const std::string& path, const Json& value, std::string message) {
    errors_.push_back(InputCoercionError{path, value, std::move(message)});
  }

  const Schema& schema_;
  std::vector<InputCoercionError>& errors_;
};

}  // namespace

Json CoerceInputValue(const Schema& schema, const Json& input, const TypeRef& type,
                      std::vector<InputCoercionError>& errors) {
  return InputCoercer(schema, errors).Coerce(input, type, "");
}

Result<Json> CoerceVariableValues(const Schema& schema,
                                  const std::vector<VariableDefinition>& definitions,
                                  const Json& inputs) {
  if (!inputs.is_null() && !inputs.is_object()) {
    return Failed(
        "Variables must be provided as an Object where each property is a variable value. Perhaps "
        "look to see if an unparsed JSON string was provided.");
  }
  Json coerced = Json::object();
  for (const VariableDefinition& definition : definitions) {
    const std::string prefix = "Variable \"$" + definition.name + "\" ";
    const TypeDef* named = schema.FindType(definition.type.name);
    if (named == nullptr || !named->IsInputType()) {
      return Failed(prefix + "expected value of type \"" + definition.type.ToString() +
                        "\" which cannot be used as an input type.",
                    definition.type.location);
    }
    auto it = inputs.is_object() ? inputs.find(definition.name) : inputs.end();
    if (!inputs.is_object() || it == inputs.end()) {
      if (definition.default_value) {
        if (std::optional<Json> value =
                ValueFromAst(schema, *definition.default_value, definition.type)) {
          coerced[definition.name] = std::move(*value);
        }
      } else if (definition.type.IsNonNull()) {
        return Failed(
            prefix + "of required type \"" + definition.type.ToString() + "\" was not provided.",
            definition.location);
      }
      continue;
    }
    if (it->is_null() && definition.type.IsNonNull()) {
      return Failed(
          prefix + "of non-null type \"" + definition.type.ToString() + "\" must not be null.",
          definition.location);
    }
    std::vector<InputCoercionError> errors;
    Json value = CoerceInputValue(schema, *it, definition.type, errors);
    if (!errors.empty()) {
      const InputCoercionError& first = errors.front();
      std::string message = prefix + "got invalid value " + Inspect(first.value);
      if (!first.path.empty()) message += " at \"" + definition.name + first.path + "\"";
      return Failed(message + "; " + first.message, definition.location);
    }
    coerced[definition.name] = std::move(value);
  }
  return coerced;
}

Result<Json> SerializeLeafValue(const TypeDef& type, const Json& value) {
  if (type.kind == TypeKind::kEnum) {
    if (value.is_string() && type.FindEnumValue(value.get_ref<const std::string&>()) != nullptr) {
      return value;
    }
    return Failed("Enum \"" + type.name + "\" cannot represent value: " + Inspect(value));
  }
  const std::string& name = type.name;
  if (name == "Int" || name == "Float") {
    Json number = value;
    if (value.is_boolean()) number = value.get<bool>() ? 1 : 0;
    if (value.is_string() && !value.get_ref<const std::string&>().empty()) {
      double parsed = JsNumberFromString(value.get_ref<const std::string&>());
      number = std::isfinite(parsed) ? Json(parsed) : Json(value);
      if (!std::isfinite(parsed) && name == "Int") {
        return Failed("Int cannot represent non-integer value: " + Inspect(value));
      }
    }
    if (name == "Float") {
      if (!number.is_number())
        return Failed("Float cannot represent non numeric value: " + Inspect(value));
      return number.is_number_float() ? JsonFromJsNumber(number.get<double>()) : number;
    }
    if (!number.is_number() || !IsJsInteger(number)) {
      return Failed("Int cannot represent non-integer value: " + Inspect(value));
    }
    double d = JsonToJsNumber(number);
    if (d > kMaxInt || d < kMinInt) {
      return Failed("Int cannot represent non 32-bit signed integer value: " + Inspect(value));
    }
    return AsInteger(number);
  }
  if (name == "String") {
    if (value.is_string()) return value;
    if (value.is_boolean()) return value.get<bool>() ? "true" : "false";
    if (value.is_number()) {
      return value.is_number_integer() ? IdFromNumber(value)
                                       : JsNumberToString(value.get<double>());
    }
    return Failed("String cannot represent value: " + Inspect(value));
  }
  if (name == "Boolean") {
    if (value.is_boolean()) return value;
    if (value.is_number()) return JsonToJsNumber(value) != 0;
    return Failed("Boolean cannot represent a non boolean value: " + Inspect(value));
  }
  if (name == "ID") {
    if (value.is_string()) return value;
    if (value.is_number() && IsJsInteger(value)) return IdFromNumber(value);
    return Failed("ID cannot represent value: " + Inspect(value));
  }
  return value;  // custom scalars serialize as they are
}

}  // namespace junction::graphql
