// Resolves a tracked table's object and array relationships (resolve_internal.h), as Hasura's
// defaultBuildObjectRelationshipInfo / defaultBuildArrayRelationshipInfo do
// (server/src-lib/Hasura/RQL/DDL/Relationship.hs):
//   foreign_key_constraint_on: "col" | ["c1", "c2"]     a foreign key of this table on exactly
//                                                        those columns (object relationships)
//   foreign_key_constraint_on: {table, column|columns}  a foreign key of `table` on those columns
//                                                        that references this table
//   manual_configuration: {remote_table, column_mapping}
// The target must be a tracked, consistent table of the same source.

#include <algorithm>
#include <set>
#include <string>
#include <utility>

#include "common/result.h"
#include "graphql/lexer.h"
#include "schema/resolve_internal.h"

namespace junction::schema {
namespace {

using metadata::Catalog;
using metadata::CatalogTable;
using metadata::ForeignKey;
using metadata::Json;
using metadata::QualifiedName;

// What one relationship is being resolved against.
struct RelationshipScope {
  const Catalog& catalog;
  const Source& source;
  const Table& table;
  const std::string& name;
};

Error Failure(std::string reason) {
  return Error(ErrorCode::kInvalidConfiguration, std::move(reason));
}

// A failure Hasura reports in the relationship's context.
Error InContext(const RelationshipScope& scope, std::string_view reason) {
  return Failure("in table " + Quoted(QualifiedText(scope.table.name)) + ": in relationship " +
                 Quoted(scope.name) + ": " + std::string(reason));
}

// "col" or ["c1", "c2"]; nullopt when neither.
std::optional<std::vector<std::string>> ColumnList(const Json& value) {
  if (value.is_string()) return std::vector<std::string>{value.get<std::string>()};
  if (!value.is_array() || value.empty()) return std::nullopt;
  std::vector<std::string> columns;
  for (const Json& column : value) {
    if (!column.is_string()) return std::nullopt;
    columns.push_back(column.get<std::string>());
  }
  return columns;
}

Result<const Table*> TrackedTarget(const RelationshipScope& scope, const QualifiedName& name) {
  const auto it = scope.source.tables.find(name);
  if (it == scope.source.tables.end()) {
    return Failure("table " + Quoted(QualifiedText(name)) + " is not tracked");
  }
  return &it->second;
}

// The one foreign key of `keys` whose own columns are exactly `columns` (Hasura's
// getRequiredFkey).
Result<const ForeignKey*> RequiredForeignKey(const RelationshipScope& scope,
                                             const std::vector<const ForeignKey*>& keys,
                                             const std::vector<std::string>& columns) {
  const std::set<std::string> wanted(columns.begin(), columns.end());
  std::vector<const ForeignKey*> matches;
  for (const ForeignKey* key : keys) {
    std::set<std::string> own;
    for (const auto& [local, foreign] : key->column_mapping) own.insert(local);
    if (own == wanted) matches.push_back(key);
  }
  if (matches.empty()) {
    return InContext(scope, "no foreign constraint exists on the given column(s)");
  }
  if (matches.size() > 1) {
    return InContext(scope, "more than one foreign key constraint exists on the given column(s)");
  }
  return matches.front();
}

// foreign_key_constraint_on: columns of this table.
Result<Relationship> ThroughOwnKey(const RelationshipScope& scope,
                                   const std::vector<std::string>& columns) {
  const CatalogTable* here = scope.catalog.FindTable(scope.table.name);
  std::vector<const ForeignKey*> keys;
  for (const ForeignKey& key : here->foreign_keys) keys.push_back(&key);
  Result<const ForeignKey*> key = RequiredForeignKey(scope, keys, columns);
  if (!key) return key.error();
  Result<const Table*> target = TrackedTarget(scope, (*key)->foreign_table);
  if (!target) return target.error();
  Relationship relationship;
  relationship.target = *target;
  relationship.mapping = (*key)->column_mapping;
  relationship.nullable = std::ranges::any_of(columns, [&](const std::string& column) {
    const Column* found = scope.table.FindColumnByName(column);
    return found == nullptr || found->nullable;
  });
  return relationship;
}

// foreign_key_constraint_on: {table, column(s)}: a key of `remote` that references this table.
Result<Relationship> ThroughRemoteKey(const RelationshipScope& scope, const QualifiedName& remote,
                                      const std::vector<std::string>& columns) {
  const CatalogTable* remote_table = scope.catalog.FindTable(remote);
  if (remote_table == nullptr) {
    return InContext(scope, "table " + Quoted(QualifiedText(remote)) +
                                " does not exist in source: " + scope.source.name);
  }
  std::vector<const ForeignKey*> keys;
  for (const ForeignKey& key : remote_table->foreign_keys) {
    if (key.foreign_table == scope.table.name) keys.push_back(&key);
  }
  Result<const ForeignKey*> key = RequiredForeignKey(scope, keys, columns);
  if (!key) return key.error();
  Result<const Table*> target = TrackedTarget(scope, remote);
  if (!target) return target.error();
  Relationship relationship;
  relationship.target = *target;
  for (const auto& [remote_column, our_column] : (*key)->column_mapping) {
    relationship.mapping.emplace_back(our_column, remote_column);
  }
  return relationship;
}

Error NoField(const Table& table, const std::string& column) {
  return Failure("table " + Quoted(QualifiedText(table.name)) + " has no field named " +
                 Quoted(column));
}

Result<Relationship> ThroughManualConfiguration(const RelationshipScope& scope,
                                                const Json& config) {
  const Json* remote = FindKey(config, "remote_table");
  const Json* mapping = FindKey(config, "column_mapping");
  std::optional<QualifiedName> remote_name;
  if (remote != nullptr) remote_name = QualifiedNameOf(*remote);
  if (!remote_name || mapping == nullptr || !mapping->is_object() || mapping->empty()) {
    return InContext(scope, "invalid manual_configuration");
  }
  Result<const Table*> target = TrackedTarget(scope, *remote_name);
  if (!target) return target.error();
  Relationship relationship;
  relationship.target = *target;
  for (const auto& [ours, theirs] : mapping->items()) {
    if (!theirs.is_string()) return InContext(scope, "invalid manual_configuration");
    const std::string their_column = theirs.get<std::string>();
    const Column* our_column = scope.table.FindColumnByName(ours);
    if (our_column == nullptr) return NoField(scope.table, ours);
    const Column* target_column = (*target)->FindColumnByName(their_column);
    if (target_column == nullptr) return NoField(**target, their_column);
    for (const Column* column : {our_column, target_column}) {
      if (!JoinableColumn(*column)) {
        return InContext(scope, "column " + Quoted(column->name) + " of type " + column->type +
                                    " cannot join: BigQuery cannot compare or group by it");
      }
    }
    relationship.mapping.emplace_back(ours, their_column);
  }
  return relationship;
}

Result<Relationship> ThroughForeignKey(const RelationshipScope& scope, const Json& on) {
  if (std::optional<std::vector<std::string>> columns = ColumnList(on)) {
    return ThroughOwnKey(scope, *columns);
  }
  const Json* table = FindKey(on, "table");
  std::optional<QualifiedName> remote;
  if (table != nullptr) remote = QualifiedNameOf(*table);
  const Json* columns_json = FindKey(on, "columns");
  if (columns_json == nullptr) columns_json = FindKey(on, "column");
  std::optional<std::vector<std::string>> columns;
  if (columns_json != nullptr) columns = ColumnList(*columns_json);
  if (!remote || !columns) return InContext(scope, "invalid foreign_key_constraint_on");
  return ThroughRemoteKey(scope, *remote, *columns);
}

Result<Relationship> Resolve(const RelationshipScope& scope, Relationship::Kind kind,
                             const Json& entry) {
  const Json* method = FindKey(entry, "using");
  Result<Relationship> relationship = InContext(scope, "invalid relationship definition");
  if (const Json* on = method ? FindKey(*method, "foreign_key_constraint_on") : nullptr) {
    relationship = ThroughForeignKey(scope, *on);
  } else if (const Json* manual = method ? FindKey(*method, "manual_configuration") : nullptr) {
    relationship = ThroughManualConfiguration(scope, *manual);
  }
  if (!relationship) return relationship;
  relationship->name = scope.name;
  relationship->kind = kind;
  if (kind == Relationship::Kind::kArray) relationship->nullable = false;
  return relationship;
}

bool FieldTaken(const Table& table, const std::string& field) {
  if (table.FindColumn(field) != nullptr) return true;
  for (const Relationship& relationship : table.relationships) {
    for (const std::string& taken : FieldNamesOf(relationship.name, relationship.kind)) {
      if (taken == field) return true;
    }
  }
  return false;
}

// Hasura's definition of a relationship inconsistency: the entry plus its source and table,
// keys in aeson's (sorted) order.
Json RelationshipDefinition(const Json& entry, const std::string& source, const Table& table) {
  Json unsorted = entry.is_object() ? entry : Json::object();
  if (!unsorted.contains("comment")) unsorted["comment"] = nullptr;
  unsorted["source"] = source;
  unsorted["table"] = QualifiedNameJson(table.name, table.backend);
  std::vector<std::string> keys;
  for (const auto& [key, value] : unsorted.items()) keys.push_back(key);
  std::ranges::sort(keys);
  Json sorted = Json::object();
  for (const std::string& key : keys) sorted[key] = unsorted[key];
  return sorted;
}

void ResolveList(const Json& table_entry, std::string_view section, Relationship::Kind kind,
                 size_t source_index, size_t table_index, const Catalog& catalog,
                 const Source& source, Table& table,
                 std::vector<metadata::InconsistentObject>& out) {
  const Json* list = FindKey(table_entry, section);
  if (list == nullptr || !list->is_array()) return;
  const std::string type =
      kind == Relationship::Kind::kObject ? "object_relation" : "array_relation";
  for (size_t k = 0; k < list->size(); ++k) {
    const Json& entry = (*list)[k];
    const std::string name = StringAt(entry, "name").value_or("");
    const RelationshipScope scope{catalog, source, table, name};
    Result<Relationship> relationship = Resolve(scope, kind, entry);
    if (relationship && !graphql::IsName(name)) {
      relationship = InContext(scope, Quoted(name) + " is not a valid GraphQL name");
    }
    for (const std::string& field : FieldNamesOf(name, kind)) {
      if (relationship && FieldTaken(table, field)) {
        relationship = InContext(scope, "conflicting definitions for field " + Quoted(field));
      }
    }
    if (relationship) {
      table.relationships.push_back(std::move(relationship).value());
      continue;
    }
    metadata::InconsistentObject object;
    object.type = type;
    object.name =
        type + " " + name + " in table " + QualifiedText(table.name) + " in source " + source.name;
    object.reason = std::string(kInconsistentPrefix) + relationship.error().message;
    object.definition = RelationshipDefinition(entry, source.name, table);
    object.section = "sources";
    object.index = source_index;
    object.pointer = "/tables/" + std::to_string(table_index) + "/" + std::string(section) + "/" +
                     std::to_string(k);
    out.push_back(std::move(object));
  }
}

}  // namespace

void ResolveRelationships(const Json& entry, size_t source_index, size_t table_index,
                          const Catalog& catalog, const Source& source, Table& table,
                          std::vector<metadata::InconsistentObject>& out) {
  ResolveList(entry, "object_relationships", Relationship::Kind::kObject, source_index, table_index,
              catalog, source, table, out);
  ResolveList(entry, "array_relationships", Relationship::Kind::kArray, source_index, table_index,
              catalog, source, table, out);
}

}  // namespace junction::schema
