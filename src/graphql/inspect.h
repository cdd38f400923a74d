#pragma once
// Text forms of JSON values as graphql-js prints them in messages and results, so our error
// messages and introspection output match graphql-js byte for byte:
//   Inspect(json)          graphql-js inspect(): `"x"`, `12`, `{ a: [1, 2] }`, `[Object]` past
//   depth 2 JsNumberToString(1e21) JavaScript Number#toString: "1e+21"; 12300.0 → "12300"
// Used by value coercion (variable errors), BuildSchema and introspection (default values).

#include <string>

#include <nlohmann/json.hpp>

namespace junction::graphql {

std::string Inspect(const nlohmann::ordered_json& value);

// The shortest text that reads back as `value`, formatted as JavaScript formats numbers.
std::string JsNumberToString(double value);

// The JSON for a JavaScript number: an integer when it is integral and exactly representable
// (JavaScript prints 2.0 as 2), else a double.
nlohmann::ordered_json JsonFromJsNumber(double value);

// The JavaScript number a JSON number denotes (JSON integers beyond 2^53 lose precision, as they
// do in JavaScript). REQUIRES: value.is_number().
double JsonToJsNumber(const nlohmann::ordered_json& value);

}  // namespace junction::graphql
