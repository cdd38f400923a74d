#pragma once
// Small constructors of schema definitions (schema.h), for code that builds a Schema
// programmatically rather than from SDL: the built-ins (builtins.cc) and the schemas
// schema/ generates for tracked tables. Each fills the members named by its arguments and leaves
// the others empty.

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "graphql/schema.h"

namespace junction::graphql {

FieldDef FieldDefOf(std::string name, TypeRef type, std::string description = "",
                    std::vector<InputValueDef> arguments = {});
InputValueDef InputValueDefOf(std::string name, TypeRef type, std::string description = "",
                              std::optional<Value> default_value = std::nullopt);

TypeDef ObjectTypeDef(std::string name, std::string description, std::vector<FieldDef> fields);
TypeDef InputObjectTypeDef(std::string name, std::string description,
                           std::vector<InputValueDef> fields);
// `values`: (name, description) of each value, in order.
TypeDef EnumTypeDef(std::string name, std::string description,
                    std::vector<std::pair<std::string, std::string>> values);
TypeDef ScalarTypeDef(std::string name, std::string description = "");

}  // namespace junction::graphql
