#include "schema/source_model.h"

#include <algorithm>
#include <cctype>

namespace junction::schema {

const Column* Table::FindColumn(std::string_view graphql_name) const {
  const auto it = std::ranges::find(columns, graphql_name, &Column::graphql_name);
  return it == columns.end() ? nullptr : &*it;
}

const Column* Table::FindColumnByName(std::string_view name) const {
  for (const std::vector<Column>* list : {&columns, &hidden_columns}) {
    const auto it = std::ranges::find(*list, name, &Column::name);
    if (it != list->end()) return &*it;
  }
  return nullptr;
}

bool IsSessionVariable(std::string_view text) {
  constexpr std::string_view kPrefix = "x-hasura-";
  if (text.size() < kPrefix.size()) return false;
  for (size_t i = 0; i < kPrefix.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(text[i])) != kPrefix[i]) return false;
  }
  return true;
}

const Relationship* Table::FindRelationship(std::string_view name) const {
  const auto it = std::ranges::find(relationships, name, &Relationship::name);
  return it == relationships.end() ? nullptr : &*it;
}

const RemoteSchemaRelationship* Table::FindRemoteSchemaRelationship(std::string_view name) const {
  const auto it =
      std::ranges::find(remote_schema_relationships, name, &RemoteSchemaRelationship::name);
  return it == remote_schema_relationships.end() ? nullptr : &*it;
}

const Table* SourceModel::FindTable(std::string_view source,
                                    const metadata::QualifiedName& table) const {
  const auto it = sources.find(source);
  if (it == sources.end()) return nullptr;
  const auto found = it->second.tables.find(table);
  return found == it->second.tables.end() ? nullptr : &found->second;
}

}  // namespace junction::schema
