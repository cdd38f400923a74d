#pragma once
// CheckLeafLiteral: whether a literal is a valid value of a scalar or enum type, judged as
// graphql-js's parseLiteral judges it during validation, with its messages:
//   Int      `Int cannot represent non-integer value: "x"`,
//            `Int cannot represent non 32-bit signed integer value: 2147483648`
//   Float    `Float cannot represent non numeric value: true`
//   String   `String cannot represent a non string value: 1`
//   Boolean  `Boolean cannot represent a non boolean value: "true"`
//   ID       `ID cannot represent a non-string and non-integer value: 1.5`
//   enum     `Value "PURPLE" does not exist in "Color" enum. Did you mean the enum value "RED"?`,
//            `Enum "Color" cannot represent non-enum value: "RED". Did you mean …?`
// Custom scalars accept every literal. Variables are not literals (REQUIRES: not kVariable).
// Used by the ValuesOfCorrectType rule; runtime coercion of JSON values is value_coercion.h's.

#include <optional>
#include <string>

#include "graphql/ast.h"
#include "graphql/schema.h"

namespace junction::graphql::validation {

// nullopt when `literal` is a valid `type` value; otherwise the message. REQUIRES: type.IsLeaf().
std::optional<std::string> CheckLeafLiteral(const TypeDef& type, const Value& literal);

}  // namespace junction::graphql::validation
