#pragma once
// Normalize: a validated Document, an operation name and the request's variables → Operation, the
// input of BuildIr (DESIGN.md §2). Fragments are inlined, @skip/@include applied, variables coerced
// (spec §6.1.2 CoerceVariableValues) and every argument coerced to its type with defaults applied
// (§6.4.1 CoerceArgumentValues). Values are JSON: enum values become strings, input objects
// objects, in the order their fields are defined.
//
//   query ($n: Int = 2) { users(limit: $n) { id ... on users { name } } }
//   => Operation{ kQuery, root "query_root",
//        [ NormalizedField{ "users", "users", args {"limit": 2},
//            [ NormalizedField{"id"}, NormalizedField{"name"} ] } ] }
//
// Fields with the same response key and the same type conditions are merged (their selections
// concatenated, in order). A field selected only inside a fragment on another type keeps that
// fragment's type condition; CollectFields picks the fields that apply to one concrete object type.

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "common/result.h"
#include "graphql/ast.h"
#include "graphql/schema.h"

namespace junction::graphql {

struct NormalizedField {
  std::string alias;  // the response key (the name when the field had no alias)
  std::string name;
  // Types the runtime object must belong to for this field to apply (the fragments it came
  // through, innermost last); empty when it always applies. Conditions already implied by the
  // parent type are dropped.
  std::vector<std::string> type_conditions;
  nlohmann::ordered_json arguments = nlohmann::ordered_json::object();  // name → coerced value
  std::vector<NormalizedField> selection_set;
  Location location;
};

struct Operation {
  OperationType type = OperationType::kQuery;
  std::string name;
  const TypeDef* root_type = nullptr;  // points into the schema Normalize was given
  std::vector<NormalizedField> selection_set;
};

// REQUIRES: `document` passed Validate against `schema`. Errors: no operation with that name,
// several operations and no name given, variables that do not coerce (validation-failed, with
// graphql-js's messages: `Variable "$n" got invalid value "x"; Int cannot represent …`).
Result<Operation> Normalize(const Schema& schema, const Document& document,
                            std::string_view operation_name,
                            const nlohmann::ordered_json& variables);

// The fields of `fields` that apply to an object of type `object_type`, with fields of the same
// response key merged (spec §6.3.2 CollectFields, after normalization).
std::vector<NormalizedField> CollectFields(const Schema& schema,
                                           const std::vector<NormalizedField>& fields,
                                           const TypeDef& object_type);

}  // namespace junction::graphql
