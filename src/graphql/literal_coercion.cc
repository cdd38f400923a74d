// Literal coercion: GraphQL literals → values (graphql-js valueFromAST, getArgumentValues) and
// values → literals (astFromValue). Part of value_coercion.h.
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <unordered_map>
#include <utility>

#include "graphql/inspect.h"
#include "graphql/printer.h"
#include "graphql/value_coercion.h"

namespace junction::graphql {
namespace {

using Json = nlohmann::ordered_json;

Error Failed(std::string message, const Location& location) {
  Error error(ErrorCode::kValidationFailed, std::move(message));
  if (location.line > 0) error.locations.push_back(location);
  return error;
}

bool IsMissingVariable(const Value& literal, const Json* variables) {
  return literal.kind == Value::Kind::kVariable &&
         (variables == nullptr || !variables->is_object() || !variables->contains(literal.text));
}

// An Int literal's value as JavaScript's parseInt reads it: an integer when it fits in 64 bits.
Json IntLiteralValue(const std::string& text) {
  errno = 0;
  char* end = nullptr;
  long long value = std::strtoll(text.c_str(), &end, 10);
  if (errno == 0) return static_cast<int64_t>(value);
  return std::strtod(text.c_str(), nullptr);
}

// graphql-js valueFromASTUntyped, for custom scalars: nullopt for a missing variable at the top.
std::optional<Json> UntypedValue(const Value& literal, const Json* variables) {
  switch (literal.kind) {
    case Value::Kind::kNull:
      return Json(nullptr);
    case Value::Kind::kInt:
      return IntLiteralValue(literal.text);
    case Value::Kind::kFloat:
      return Json(std::strtod(literal.text.c_str(), nullptr));
    case Value::Kind::kString:
    case Value::Kind::kEnum:
      return Json(literal.text);
    case Value::Kind::kBoolean:
      return Json(literal.boolean);
    case Value::Kind::kVariable:
      if (IsMissingVariable(literal, variables)) return std::nullopt;
      return variables->at(literal.text);
    case Value::Kind::kList: {
      Json items = Json::array();
      for (const Value& item : literal.list)
        items.push_back(UntypedValue(item, variables).value_or(nullptr));
      return items;
    }
    case Value::Kind::kObject: {
      Json object = Json::object();
      for (const ObjectField& field : literal.fields) {
        if (std::optional<Json> value = UntypedValue(field.value, variables)) {
          object[field.name] = std::move(*value);
        }
      }
      return object;
    }
  }
  return std::nullopt;
}

// graphql-js parseLiteral of a leaf type; nullopt when the literal is not a valid value.
std::optional<Json> ParseLeafLiteral(const TypeDef& type, const Value& literal,
                                     const Json* variables) {
  using Kind = Value::Kind;
  if (type.kind == TypeKind::kEnum) {
    if (literal.kind != Kind::kEnum || type.FindEnumValue(literal.text) == nullptr)
      return std::nullopt;
    return Json(literal.text);
  }
  const std::string& name = type.name;
  if (name == "Int") {
    if (literal.kind != Kind::kInt) return std::nullopt;
    Json value = IntLiteralValue(literal.text);
    if (!value.is_number_integer() || value.get<int64_t>() > 2147483647 ||
        value.get<int64_t>() < -2147483648LL) {
      return std::nullopt;
    }
    return value;
  }
  if (name == "Float") {
    if (literal.kind != Kind::kInt && literal.kind != Kind::kFloat) return std::nullopt;
    double value = std::strtod(literal.text.c_str(), nullptr);
    if (!std::isfinite(value)) return std::nullopt;  // JSON cannot carry it
    return JsonFromJsNumber(value);
  }
  if (name == "String") {
    if (literal.kind != Kind::kString) return std::nullopt;
    return Json(literal.text);
  }
  if (name == "Boolean") {
    if (literal.kind != Kind::kBoolean) return std::nullopt;
    return Json(literal.boolean);
  }
  if (name == "ID") {
    if (literal.kind != Kind::kString && literal.kind != Kind::kInt) return std::nullopt;
    return Json(literal.text);
  }
  return UntypedValue(literal, variables);
}

// Matches /^-?(?:0|[1-9][0-9]*)$/, graphql-js's test for an integer literal.
bool IsIntegerText(std::string_view text) {
  if (!text.empty() && text.front() == '-') text.remove_prefix(1);
  if (text.empty() || (text.front() == '0' && text.size() > 1)) return false;
  return text.find_first_not_of("0123456789") == std::string_view::npos;
}

}  // namespace

std::optional<Json> ValueFromAst(const Schema& schema, const Value& literal, const TypeRef& type,
                                 const Json* variables) {
  if (literal.kind == Value::Kind::kVariable) {
    if (IsMissingVariable(literal, variables)) return std::nullopt;
    const Json& value = variables->at(literal.text);
    if (value.is_null() && type.IsNonNull()) return std::nullopt;
    return value;  // already coerced to the variable's type, which validation matched
  }
  if (type.IsNonNull()) {
    if (literal.kind == Value::Kind::kNull) return std::nullopt;
    return ValueFromAst(schema, literal, type.Nullable(), variables);
  }
  if (literal.kind == Value::Kind::kNull) return Json(nullptr);
  if (type.IsList()) {
    TypeRef item_type = type.ItemType();
    if (literal.kind != Value::Kind::kList) {
      std::optional<Json> item = ValueFromAst(schema, literal, item_type, variables);
      if (!item) return std::nullopt;
      return Json::array({std::move(*item)});
    }
    Json items = Json::array();
    for (const Value& item : literal.list) {
      if (IsMissingVariable(item, variables)) {
        if (item_type.IsNonNull()) return std::nullopt;
        items.push_back(nullptr);
        continue;
      }
      std::optional<Json> value = ValueFromAst(schema, item, item_type, variables);
      if (!value) return std::nullopt;
      items.push_back(std::move(*value));
    }
    return items;
  }
  const TypeDef* named = schema.FindType(type.name);
  if (named == nullptr || !named->IsInputType()) return std::nullopt;
  if (named->kind != TypeKind::kInputObject) {
    std::optional<Json> value = ParseLeafLiteral(*named, literal, variables);
    return value;
  }
  if (literal.kind != Value::Kind::kObject) return std::nullopt;
  std::unordered_map<std::string_view, const Value*> given;  // the last of duplicates wins
  for (const ObjectField& field : literal.fields) given[field.name] = &field.value;
  Json object = Json::object();
  for (const InputValueDef& field : named->input_fields) {
    auto it = given.find(field.name);
    if (it == given.end() || IsMissingVariable(*it->second, variables)) {
      if (std::optional<Json> default_value = CoercedDefaultValue(schema, field)) {
        object[field.name] = std::move(*default_value);
      } else if (field.type.IsNonNull()) {
        return std::nullopt;
      }
      continue;
    }
    std::optional<Json> value = ValueFromAst(schema, *it->second, field.type, variables);
    if (!value) return std::nullopt;
    object[field.name] = std::move(*value);
  }
  return object;
}

std::optional<Json> CoercedDefaultValue(const Schema& schema, const InputValueDef& definition) {
  if (!definition.default_value) return std::nullopt;
  return ValueFromAst(schema, *definition.default_value, definition.type);
}

Result<Json> CoerceArgumentValues(const Schema& schema,
                                  const std::vector<InputValueDef>& definitions,
                                  const std::vector<Argument>& arguments, const Json& variables,
                                  const Location& location) {
  Json coerced = Json::object();
  for (const InputValueDef& definition : definitions) {
    const Argument* argument = nullptr;
    for (const Argument& candidate : arguments) {
      if (candidate.name == definition.name) argument = &candidate;
    }
    const std::string prefix = "Argument \"" + definition.name + "\" ";
    const std::string type_text = definition.type.ToString();
    if (argument == nullptr) {
      if (std::optional<Json> value = CoercedDefaultValue(schema, definition)) {
        coerced[definition.name] = std::move(*value);
      } else if (definition.type.IsNonNull()) {
        return Failed(prefix + "of required type \"" + type_text + "\" was not provided.",
                      location);
      }
      continue;
    }
    const Value& literal = argument->value;
    bool is_null = literal.kind == Value::Kind::kNull;
    if (literal.kind == Value::Kind::kVariable) {
      if (!variables.is_object() || !variables.contains(literal.text)) {
        if (std::optional<Json> value = CoercedDefaultValue(schema, definition)) {
          coerced[definition.name] = std::move(*value);
        } else if (definition.type.IsNonNull()) {
          return Failed(prefix + "of required type \"" + type_text +
                            "\" was provided the variable \"$" + literal.text +
                            "\" which was not provided a runtime value.",
                        literal.location);
        }
        continue;
      }
      is_null = variables.at(literal.text).is_null();
    }
    if (is_null && definition.type.IsNonNull()) {
      return Failed(prefix + "of non-null type \"" + type_text + "\" must not be null.",
                    literal.location);
    }
    std::optional<Json> value = ValueFromAst(schema, literal, definition.type, &variables);
    if (!value)
      return Failed(prefix + "has invalid value " + Print(literal) + ".", literal.location);
    coerced[definition.name] = std::move(*value);
  }
  return coerced;
}

std::optional<Value> AstFromValue(const Schema& schema, const Json& value, const TypeRef& type) {
  Value literal;
  if (type.IsNonNull()) {
    std::optional<Value> inner = AstFromValue(schema, value, type.Nullable());
    if (inner && inner->kind == Value::Kind::kNull) return std::nullopt;
    return inner;
  }
  if (value.is_null()) {
    literal.kind = Value::Kind::kNull;
    return literal;
  }
  if (type.IsList()) {
    TypeRef item_type = type.ItemType();
    if (!value.is_array()) return AstFromValue(schema, value, item_type);
    literal.kind = Value::Kind::kList;
    for (const Json& item : value) {
      if (std::optional<Value> item_literal = AstFromValue(schema, item, item_type)) {
        literal.list.push_back(std::move(*item_literal));
      }
    }
    return literal;
  }
  const TypeDef* named = schema.FindType(type.name);
  if (named == nullptr) return std::nullopt;
  if (named->kind == TypeKind::kInputObject) {
    if (!value.is_object()) return std::nullopt;
    literal.kind = Value::Kind::kObject;
    for (const InputValueDef& field : named->input_fields) {
      auto it = value.find(field.name);
      if (it == value.end()) continue;
      if (std::optional<Value> field_literal = AstFromValue(schema, *it, field.type)) {
        literal.fields.push_back(ObjectField{field.name, std::move(*field_literal), {}});
      }
    }
    return literal;
  }
  if (!named->IsLeaf()) return std::nullopt;
  Result<Json> serialized = SerializeLeafValue(*named, value);
  if (!serialized || serialized->is_null()) return std::nullopt;
  if (serialized->is_boolean()) {
    literal.kind = Value::Kind::kBoolean;
    literal.boolean = serialized->get<bool>();
    return literal;
  }
  if (serialized->is_number()) {
    literal.text = JsNumberToString(JsonToJsNumber(*serialized));
    literal.kind = IsIntegerText(literal.text) ? Value::Kind::kInt : Value::Kind::kFloat;
    return literal;
  }
  if (serialized->is_string()) {
    literal.text = serialized->get<std::string>();
    if (named->kind == TypeKind::kEnum) {
      literal.kind = Value::Kind::kEnum;
    } else if (named->name == "ID" && IsIntegerText(literal.text)) {
      literal.kind = Value::Kind::kInt;
    } else {
      literal.kind = Value::Kind::kString;
    }
    return literal;
  }
  return std::nullopt;  // graphql-js cannot print an object or list for a scalar either
}

}  // namespace junction::graphql
