#pragma once
// Builders for the tests of the stages that turn a normalized field of a hand-made SourceModel
// into IR and beyond (ir/, plan/, backends/): columns, relationships and normalized fields.
// Header-only; tests include it, the libraries do not.

#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "graphql/operation.h"
#include "schema/source_model.h"

namespace junction::ir::testing_support {

inline schema::Column MakeColumn(std::string name, std::string type, std::string scalar,
                                 bool is_array = false) {
  schema::Column column;
  column.graphql_name = name;
  column.name = std::move(name);
  column.type = std::move(type);
  column.scalar = std::move(scalar);
  column.is_array = is_array;
  return column;
}

// `column` exposed under another GraphQL name (column_config custom_name).
inline schema::Column Renamed(schema::Column column, std::string graphql_name) {
  column.graphql_name = std::move(graphql_name);
  return column;
}

// A relationship of `kind` to `target` by `mapping` (this table's column, the target's), remote
// (joined by the engine) or local.
inline schema::Relationship MakeRelationship(
    std::string name, schema::Relationship::Kind kind, const schema::Table& target,
    std::vector<std::pair<std::string, std::string>> mapping, bool remote = false) {
  schema::Relationship relationship;
  relationship.name = std::move(name);
  relationship.kind = kind;
  relationship.target = &target;
  relationship.mapping = std::move(mapping);
  relationship.remote = remote;
  return relationship;
}

// A normalized field (its arguments as Normalize coerces them) under its own name.
inline graphql::NormalizedField Field(
    std::string name, nlohmann::ordered_json arguments = nlohmann::ordered_json::object(),
    std::vector<graphql::NormalizedField> selection = {}) {
  graphql::NormalizedField field;
  field.alias = name;
  field.name = std::move(name);
  field.arguments = std::move(arguments);
  field.selection_set = std::move(selection);
  return field;
}

inline graphql::NormalizedField Aliased(std::string alias, graphql::NormalizedField field) {
  field.alias = std::move(alias);
  return field;
}

}  // namespace junction::ir::testing_support
