#pragma once
// Where validation errors point inside a node: at a name, a type condition or a selection set,
// as graphql-js's error locations do. Reads the part locations the parser records (ast.h); when a
// parser left one unset (line 0), derives it from the node's start in the canonical layout
// (`query Name`, `fragment Name`, `...Name`, `$name`).

#include "graphql/ast.h"

namespace junction::graphql::validation {

inline Location OrElse(Location recorded, Location fallback) {
  return recorded.line != 0 ? recorded : fallback;
}

inline Location Shifted(Location location, uint32_t columns) {
  return Location{location.line, location.column + columns};
}

inline Location NameLocation(const OperationDefinition& operation) {
  auto keyword = static_cast<uint32_t>(ToString(operation.operation).size());
  return OrElse(operation.name_location, Shifted(operation.location, keyword + 1));
}

inline Location NameLocation(const FragmentDefinition& fragment) {
  return OrElse(fragment.name_location, Shifted(fragment.location, 9));  // "fragment "
}

inline Location NameLocation(const FragmentSpread& spread) {
  return OrElse(spread.name_location, Shifted(spread.location, 3));  // "..."
}

// The variable's name, just after its `$`.
inline Location NameLocation(const VariableDefinition& variable) {
  return Shifted(variable.location, 1);
}

inline Location TypeConditionLocation(const FragmentDefinition& fragment) {
  return OrElse(fragment.type_condition_location, fragment.location);
}

inline Location TypeConditionLocation(const InlineFragment& fragment) {
  return OrElse(fragment.type_condition_location, fragment.location);
}

inline Location SelectionSetLocation(const Field& field) {
  return OrElse(field.selection_set_location, field.location);
}

}  // namespace junction::graphql::validation
