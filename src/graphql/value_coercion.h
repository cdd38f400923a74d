#pragma once
// Value coercion (spec §3.5 scalars, §3.9 enums, §3.10 input objects, §3.11 lists, §6.1.2
// CoerceVariableValues, §6.4.1 CoerceArgumentValues) as graphql-js 16 does it, with its messages,
// so that an oracle can compare them:
//   Variable "$n" got invalid value "x"; Int cannot represent non-integer value: "x"
//   Variable "$in" got invalid value 1 at "in.tags[0]"; String cannot represent a non string value:
//   1
// Coerced values are JSON: Int an integer, Float a number, String and ID a string, Boolean a
// boolean, an enum value its name, an input object an object in field-definition order, a list an
// array; custom scalars pass through unchanged. Used by Normalize (operation.h) for variables,
// arguments and @skip/@include, by introspection for default values, and by result assembly for
// leaf values (SerializeLeafValue).

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "common/result.h"
#include "graphql/ast.h"
#include "graphql/schema.h"

namespace junction::graphql {

// §6.1.2: the request's variables (a JSON object, or null for none) → coerced values by name. A
// variable without a value or default is absent from the result (which differs from null). The
// first problem found is returned as a validation-failed Error with graphql-js's message and the
// variable definition's location (graphql-js reports every problem; Hasura, like us, one).
Result<nlohmann::ordered_json> CoerceVariableValues(
    const Schema& schema, const std::vector<VariableDefinition>& definitions,
    const nlohmann::ordered_json& inputs);

// One problem found while coercing a JSON input value: where (graphql-js's path suffix, such as
// ".tags[0]", empty at the top), the offending value, and what is wrong with it.
struct InputCoercionError {
  std::string path;
  nlohmann::ordered_json value;
  std::string message;
};

// graphql-js coerceInputValue: a JSON input value → its coerced value for `type`. Every problem is
// appended to `errors`; the returned value is meaningful only when none was.
nlohmann::ordered_json CoerceInputValue(const Schema& schema, const nlohmann::ordered_json& input,
                                        const TypeRef& type,
                                        std::vector<InputCoercionError>& errors);

// graphql-js valueFromAST: a literal (constant, or referring to the already coerced `variables`)
// → its coerced value for `type`, or nullopt when it does not coerce. A variable absent from
// `variables` (or `variables` null) is missing.
std::optional<nlohmann::ordered_json> ValueFromAst(
    const Schema& schema, const Value& literal, const TypeRef& type,
    const nlohmann::ordered_json* variables = nullptr);

// The coerced default value of an argument or input field; nullopt when it has none or its
// default does not coerce (graphql-js treats both alike).
std::optional<nlohmann::ordered_json> CoercedDefaultValue(const Schema& schema,
                                                          const InputValueDef& definition);

// §6.4.1: the arguments given in a field or directive → coerced values by argument name, in
// definition order, defaults applied, absent optional arguments without defaults left out.
// Errors are validation-failed with graphql-js's messages
// (`Argument "id" of required type "ID!" was not provided.`) and locations: the offending value's,
// or `location` (the field's or directive's) for a missing argument.
Result<nlohmann::ordered_json> CoerceArgumentValues(const Schema& schema,
                                                    const std::vector<InputValueDef>& definitions,
                                                    const std::vector<Argument>& arguments,
                                                    const nlohmann::ordered_json& variables,
                                                    const Location& location = {});

// Result coercion of a leaf value (graphql-js serialize): a value a source produced → the value
// the response carries, e.g. Int from "12" → 12, ID from 7 → "7". Errors (validation-failed)
// carry graphql-js's message (`Int cannot represent non-integer value: 1.5`).
Result<nlohmann::ordered_json> SerializeLeafValue(const TypeDef& type,
                                                  const nlohmann::ordered_json& value);

// graphql-js astFromValue: a coerced value → the literal that denotes it (as printed by
// introspection's `defaultValue`), or nullopt when no literal does.
std::optional<Value> AstFromValue(const Schema& schema, const nlohmann::ordered_json& value,
                                  const TypeRef& type);

}  // namespace junction::graphql
