#include "metadata/source_metadata.h"

#include <algorithm>
#include <iterator>
#include <map>
#include <utility>
#include <vector>

namespace junction::metadata {

std::string SourceKind(const Json& source) {
  const auto kind = source.find("kind");
  if (kind == source.end() || !kind->is_string()) return std::string(kPostgresKind);
  return kind->get<std::string>();
}

bool IsServedKind(std::string_view kind) {
  return kind == kPostgresKind || kind == kSqliteKind || kind == kBigQueryKind;
}

bool HasSource(const Metadata& metadata, std::string_view name) {
  for (const Json& source : metadata.sources()) {
    if (EntryName(source) == name) return true;
  }
  return false;
}

std::string TableText(const QualifiedName& table) {
  if (table.schema == kDefaultSchema) return table.name;
  return table.schema + "." + table.name;
}

std::string Quoted(std::string_view text) { return "\"" + std::string(text) + "\""; }

Json TableJson(const QualifiedName& table) {
  Json json = Json::object();
  json["name"] = table.name;
  json["schema"] = table.schema;
  return json;
}

namespace {

void WriteDatasetForm(Json& table) {
  if (!table.is_object() || !table.contains("schema") || table.contains("dataset")) return;
  Json out = Json::object();
  out["dataset"] = table["schema"];
  for (const auto& [key, value] : table.items()) {
    if (key != "schema") out[key] = value;
  }
  table = std::move(out);
}

}  // namespace

void WriteBigQueryTableNames(Json& source) {
  const auto tables = source.find("tables");
  if (tables == source.end() || !tables->is_array()) return;
  for (Json& entry : *tables) {
    if (!entry.is_object()) continue;
    if (const auto table = entry.find("table"); table != entry.end()) WriteDatasetForm(*table);
    for (const char* kind : {"object_relationships", "array_relationships"}) {
      const auto relationships = entry.find(kind);
      if (relationships == entry.end() || !relationships->is_array()) continue;
      for (Json& relationship : *relationships) {
        Json* manual = relationship.is_object() && relationship.contains("using")
                           ? &relationship["using"]
                           : nullptr;
        if (manual == nullptr || !manual->is_object() || !manual->contains("manual_configuration"))
          continue;
        Json& configuration = (*manual)["manual_configuration"];
        if (configuration.is_object() && configuration.contains("remote_table")) {
          WriteDatasetForm(configuration["remote_table"]);
        }
      }
    }
  }
}

std::string SourceObjectName(std::string_view source) { return "source " + std::string(source); }

std::string TableObjectName(std::string_view source, const QualifiedName& table) {
  return "table " + TableText(table) + " in source " + std::string(source);
}

std::string RelationshipObjectName(std::string_view source, const QualifiedName& table,
                                   std::string_view kind, std::string_view relationship) {
  return std::string(kind) + "_relation " + std::string(relationship) + " in " +
         TableObjectName(source, table);
}

std::string RemoteRelationshipObjectName(std::string_view source, const QualifiedName& table,
                                         std::string_view name) {
  return "remote_relationship " + std::string(name) + " in " + TableObjectName(source, table);
}

std::string PermissionObjectName(std::string_view source, const QualifiedName& table,
                                 std::string_view type, std::string_view role) {
  return std::string(type) + "_permission " + std::string(role) + " in " +
         TableObjectName(source, table);
}

Result<QualifiedName> ReadTableName(const Json& value, const std::string& path) {
  if (value.is_string())
    return QualifiedName{std::string(kDefaultSchema), value.get<std::string>()};
  if (value.is_array() && (value.size() == 1 || value.size() == 2) &&
      std::all_of(value.begin(), value.end(), [](const Json& part) { return part.is_string(); })) {
    if (value.size() == 1) return QualifiedName{std::string(kSqliteSchema), value[0]};
    return QualifiedName{value[0], value[1]};
  }
  if (!value.is_object()) {
    return Error(ErrorCode::kParseFailed, "expecting a string/object for QualifiedObject", path);
  }
  // BigQuery's tables are {"dataset", "name"}: the dataset plays the schema's part.
  const bool dataset = value.contains("dataset") && !value.contains("schema");
  Result<std::string> schema =
      ReadOptionalString(value, dataset ? "dataset" : "schema", path, kDefaultSchema);
  if (!schema) return schema.error();
  Result<std::string> name = ReadString(value, "name", path);
  if (!name) return name.error();
  return QualifiedName{std::move(schema).value(), std::move(name).value()};
}

Result<TableRef> ReadTableRef(const Json& args, const std::string& path) {
  Result<std::string> source = ReadOptionalString(args, "source", path, kDefaultSource);
  if (!source) return source.error();
  Result<const Json*> value = ReadMember(args, "table", path);
  if (!value) return value.error();
  Result<QualifiedName> table = ReadTableName(**value, JsonPathKey(path, "table"));
  if (!table) return table.error();
  return TableRef{std::move(source).value(), std::move(table).value()};
}

Result<bool> ReadOptionalBool(const Json& object, std::string_view key, const std::string& path,
                              bool fallback) {
  const auto it = object.find(key);
  if (it == object.end() || it->is_null()) return fallback;
  if (!it->is_boolean()) return TypeMismatch(JsonPathKey(path, key), "Bool", "Boolean", *it);
  return it->get<bool>();
}

Result<std::string> ReadOptionalString(const Json& object, std::string_view key,
                                       const std::string& path, std::string_view fallback) {
  const auto it = object.find(key);
  if (it == object.end() || it->is_null()) return std::string(fallback);
  if (!it->is_string()) return TypeMismatch(JsonPathKey(path, key), "Text", "String", *it);
  return it->get<std::string>();
}

Result<std::string> ReadString(const Json& object, std::string_view key, const std::string& path) {
  Result<const Json*> member = ReadMember(object, key, path);
  if (!member) return member.error();
  if (!(*member)->is_string()) {
    return TypeMismatch(JsonPathKey(path, key), "Text", "String", **member);
  }
  return (*member)->get<std::string>();
}

Result<const Json*> ReadMember(const Json& object, std::string_view key, const std::string& path) {
  const auto it = object.find(key);
  if (it == object.end()) return MissingKey(path, key);
  return &*it;
}

Json SortedKeys(const Json& value) {
  if (value.is_array()) {
    Json out = Json::array();
    for (const Json& item : value) out.push_back(SortedKeys(item));
    return out;
  }
  if (!value.is_object()) return value;
  std::map<std::string, const Json*> sorted;
  for (const auto& [key, member] : value.items()) sorted.emplace(key, &member);
  Json out = Json::object();
  for (const auto& [key, member] : sorted) out[key] = SortedKeys(*member);
  return out;
}

std::string EntryName(const Json& entry) {
  if (!entry.is_object()) return "";
  const auto it = entry.find("name");
  return it != entry.end() && it->is_string() ? it->get<std::string>() : "";
}

size_t FindEntry(const Json& entries, std::string_view key, const Json& value) {
  for (size_t i = 0; i < entries.size(); ++i) {
    const auto it = entries[i].find(key);
    if (it != entries[i].end() && *it == value) return i;
  }
  return kNoEntry;
}

Result<Json*> FindSource(Json& document, std::string_view source, const std::string& path) {
  Json& sources = document["sources"];
  const size_t index = FindEntry(sources, "name", Json(std::string(source)));
  if (index == kNoEntry) {
    return Error(ErrorCode::kNotExists, "source with name " + Quoted(source) + " does not exist",
                 path);
  }
  return &sources[index];
}

Result<Json*> FindConsistentSource(Json& document, const Metadata& metadata,
                                   std::string_view source, const CommandContext& context,
                                   const std::string& path) {
  Result<Json*> entry = FindSource(document, source, path);
  if (!entry || !context.find_inconsistent_objects) return entry;
  const std::string name = SourceObjectName(source);
  for (const InconsistentObject& object : context.find_inconsistent_objects(metadata)) {
    if (object.name == name) {
      return Error(ErrorCode::kUnexpected,
                   "source with name " + Quoted(source) + " is inconsistent", path);
    }
  }
  return entry;
}

QualifiedName EntryTableName(const Json& table_entry) {
  const auto it = table_entry.find("table");
  if (it == table_entry.end()) return {};
  Result<QualifiedName> name = ReadTableName(*it, "$");
  return name ? std::move(name).value() : QualifiedName{};
}

Json* FindTable(Json& source, const QualifiedName& table) {
  auto tables = source.find("tables");
  if (tables == source.end() || !tables->is_array()) return nullptr;
  for (Json& entry : *tables) {
    if (entry.is_object() && EntryTableName(entry) == table) return &entry;
  }
  return nullptr;
}

Result<Json*> FindTrackedTable(Json& document, std::string_view source, const QualifiedName& table,
                               const std::string& path) {
  Result<Json*> entry = FindSource(document, source, path);
  if (!entry) return entry.error();
  Json* found = FindTable(**entry, table);
  if (found == nullptr) {
    return Error(
        ErrorCode::kNotExists,
        "table " + Quoted(TableText(table)) + " does not exist in source: " + std::string(source),
        path);
  }
  return found;
}

namespace {

// The members of a table entry in the order Hasura's export writes them (tableMetaToOrdJSON).
constexpr std::string_view kTableMembers[] = {
    "table",
    "is_enum",
    "configuration",
    "object_relationships",
    "array_relationships",
    "computed_fields",
    "remote_relationships",
    "insert_permissions",
    "select_permissions",
    "update_permissions",
    "delete_permissions",
    "event_triggers",
    "apollo_federation_config",
    "logical_model",
};

bool IsTableMember(std::string_view key) {
  return std::find(std::begin(kTableMembers), std::end(kTableMembers), key) !=
         std::end(kTableMembers);
}

// The columns of a foreign_key_constraint_on given as "column" or ["c1","c2"].
std::vector<std::string> ColumnList(const Json& value) {
  std::vector<std::string> columns;
  if (value.is_string()) columns.push_back(value.get<std::string>());
  if (value.is_array()) {
    for (const Json& column : value) {
      if (column.is_string()) columns.push_back(column.get<std::string>());
    }
  }
  return columns;
}

std::optional<QualifiedName> ForeignKeyTarget(std::string_view source, const QualifiedName& table,
                                              const std::vector<std::string>& columns,
                                              const CommandContext& context) {
  if (!context.find_catalog || columns.empty()) return std::nullopt;
  const Catalog* catalog = context.find_catalog(source);
  const CatalogTable* entry = catalog == nullptr ? nullptr : catalog->FindTable(table);
  if (entry == nullptr) return std::nullopt;
  for (const ForeignKey& key : entry->foreign_keys) {
    std::vector<std::string> local;
    for (const auto& [from, to] : key.column_mapping) local.push_back(from);
    if (local == columns) return key.foreign_table;
  }
  return std::nullopt;
}

}  // namespace

Json CanonicalTable(const Json& table_entry) {
  Json out = Json::object();
  for (std::string_view key : kTableMembers) {
    const auto it = table_entry.find(key);
    if (it == table_entry.end()) continue;
    if (key != "table" && it->is_array() && it->empty()) continue;
    out[std::string(key)] = *it;
  }
  for (const auto& [key, value] : table_entry.items()) {
    if (!IsTableMember(key)) out[key] = value;
  }
  return out;
}

bool TableBefore(const Json& a, const Json& b) { return EntryTableName(a) < EntryTableName(b); }

std::optional<QualifiedName> RelationshipTarget(const Json& relationship, std::string_view source,
                                                const QualifiedName& table,
                                                const CommandContext& context) {
  const auto using_it = relationship.find("using");
  if (using_it == relationship.end() || !using_it->is_object()) return std::nullopt;
  const Json& using_ = *using_it;
  const Json* remote = nullptr;
  if (const auto manual = using_.find("manual_configuration");
      manual != using_.end() && manual->is_object() && manual->contains("remote_table")) {
    remote = &(*manual)["remote_table"];
  }
  const auto key = using_.find("foreign_key_constraint_on");
  if (key != using_.end() && key->is_object() && key->contains("table")) remote = &(*key)["table"];
  if (remote != nullptr) {
    Result<QualifiedName> name = ReadTableName(*remote, "$");
    if (!name) return std::nullopt;
    return std::move(name).value();
  }
  if (key == using_.end()) return std::nullopt;
  return ForeignKeyTarget(source, table, ColumnList(*key), context);
}

Error DependentObjectsExist(std::vector<std::string> texts, const std::string& path) {
  std::sort(texts.begin(), texts.end());
  std::string message = "cannot drop due to the following dependent objects: ";
  for (size_t i = 0; i < texts.size(); ++i) {
    if (i > 0) message += ", ";
    message += texts[i];
  }
  return Error(ErrorCode::kDependencyError, std::move(message), path);
}

Status CommitDocument(CommandState& state, Json document, const std::string& path) {
  if (const auto sources = document.find("sources"); sources != document.end()) {
    for (Json& source : *sources) {
      if (source.is_object() && SourceKind(source) == kBigQueryKind)
        WriteBigQueryTableNames(source);
    }
  }
  Result<Metadata> next = Metadata::FromJson(document);
  if (!next) return RebasePath(std::move(next).error(), path);
  next->set_resource_version(state.metadata.resource_version());
  state.metadata = std::move(next).value();
  state.modified = true;
  return {};
}

}  // namespace junction::metadata
