#include "graphql/type_builders.h"

namespace junction::graphql {

FieldDef FieldDefOf(std::string name, TypeRef type, std::string description,
                    std::vector<InputValueDef> arguments) {
  FieldDef field;
  field.name = std::move(name);
  field.type = std::move(type);
  field.description = std::move(description);
  field.arguments = std::move(arguments);
  return field;
}

InputValueDef InputValueDefOf(std::string name, TypeRef type, std::string description,
                              std::optional<Value> default_value) {
  InputValueDef input;
  input.name = std::move(name);
  input.type = std::move(type);
  input.description = std::move(description);
  input.default_value = std::move(default_value);
  return input;
}

namespace {

TypeDef TypeDefOf(TypeKind kind, std::string name, std::string description) {
  TypeDef type;
  type.kind = kind;
  type.name = std::move(name);
  type.description = std::move(description);
  return type;
}

}  // namespace

TypeDef ObjectTypeDef(std::string name, std::string description, std::vector<FieldDef> fields) {
  TypeDef type = TypeDefOf(TypeKind::kObject, std::move(name), std::move(description));
  type.fields = std::move(fields);
  return type;
}

TypeDef InputObjectTypeDef(std::string name, std::string description,
                           std::vector<InputValueDef> fields) {
  TypeDef type = TypeDefOf(TypeKind::kInputObject, std::move(name), std::move(description));
  type.input_fields = std::move(fields);
  return type;
}

TypeDef EnumTypeDef(std::string name, std::string description,
                    std::vector<std::pair<std::string, std::string>> values) {
  TypeDef type = TypeDefOf(TypeKind::kEnum, std::move(name), std::move(description));
  for (auto& [value, value_description] : values) {
    type.enum_values.push_back(EnumValueDef{std::move(value), std::move(value_description), {}});
  }
  return type;
}

TypeDef ScalarTypeDef(std::string name, std::string description) {
  return TypeDefOf(TypeKind::kScalar, std::move(name), std::move(description));
}

}  // namespace junction::graphql
