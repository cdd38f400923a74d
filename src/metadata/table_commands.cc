#include "metadata/table_commands.h"

#include <algorithm>
#include <iterator>
#include <set>
#include <utility>
#include <vector>

#include "metadata/manage_metadata.h"
#include "metadata/remote_relationship_commands.h"
#include "metadata/remote_schema_commands.h"

namespace junction::metadata {
namespace {

// The root fields a table's custom_root_fields may rename (Hasura's TableCustomRootFields).
constexpr std::string_view kRootFields[] = {
    "select", "select_by_pk", "select_aggregate", "select_stream", "insert",       "insert_one",
    "update", "update_by_pk", "update_many",      "delete",        "delete_by_pk",
};

// A custom root field: "name", or {"name"?, "comment"?}; null when it renames nothing.
Result<Json> NormalizeRootField(const Json& value, const std::string& path) {
  if (value.is_null() || value.is_string()) return value;
  if (!value.is_object()) {
    return TypeMismatch(path, "CustomRootField", "Object, String or Null", value);
  }
  const auto name = value.find("name");
  if (name != value.end() && !name->is_null() && !name->is_string()) {
    return TypeMismatch(JsonPathKey(path, "name"), "Name", "String", *name);
  }
  const Json name_value = name == value.end() ? Json() : *name;
  const auto comment = value.find("comment");
  if (comment == value.end() || comment->is_null()) return name_value;
  if (!comment->is_string()) {
    return TypeMismatch(JsonPathKey(path, "comment"), "Comment", "String or Null", *comment);
  }
  Json out = Json::object();
  out["comment"] = *comment;
  out["name"] = name_value;
  return out;
}

// Hasura's englishList: "a", "a and b", "a, b and c".
std::string EnglishList(const std::vector<std::string>& items) {
  std::string out;
  for (size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out += i + 1 == items.size() ? " and " : ", ";
    out += items[i];
  }
  return out;
}

// Refuses two root fields renamed to the same name, as Hasura does.
Status CheckDistinctRootFields(const Json& fields, const std::string& path) {
  std::set<std::string> seen;
  std::set<std::string> duplicated;
  for (const auto& [key, field] : fields.items()) {
    const Json& name = field.is_object() ? field["name"] : field;
    if (name.is_string() && !seen.insert(name.get<std::string>()).second) {
      duplicated.insert(name.get<std::string>());
    }
  }
  if (duplicated.empty()) return {};
  return Error(ErrorCode::kParseFailed,
               "the following custom root field names are duplicated: " +
                   EnglishList({duplicated.begin(), duplicated.end()}),
               path);
}

Result<Json> NormalizeRootFields(const Json& configuration, const std::string& path) {
  Json out = Json::object();
  const auto it = configuration.find("custom_root_fields");
  if (it == configuration.end() || it->is_null()) return out;
  const std::string fields_path = JsonPathKey(path, "custom_root_fields");
  if (!it->is_object()) return TypeMismatch(fields_path, "Object", "Object", *it);
  std::vector<std::string_view> keys(std::begin(kRootFields), std::end(kRootFields));
  std::sort(keys.begin(), keys.end());
  for (std::string_view key : keys) {
    const auto field = it->find(key);
    if (field == it->end()) continue;
    Result<Json> normalized = NormalizeRootField(*field, JsonPathKey(fields_path, key));
    if (!normalized) return normalized.error();
    if (!normalized->is_null()) out[std::string(key)] = std::move(normalized).value();
  }
  if (Status unique = CheckDistinctRootFields(out, fields_path); !unique) return unique.error();
  return out;
}

// A column's config {"custom_name"?, "comment"?}, keys sorted, Automatic (null) members left out.
Result<Json> NormalizeColumnConfig(const Json& value, const std::string& path) {
  if (!value.is_object()) return TypeMismatch(path, "ColumnConfig", "Object", value);
  Json out = Json::object();
  for (std::string_view key : {"comment", "custom_name"}) {
    const auto it = value.find(key);
    if (it == value.end() || it->is_null()) continue;
    if (!it->is_string()) return TypeMismatch(JsonPathKey(path, key), "Text", "String", *it);
    out[std::string(key)] = *it;
  }
  return out;
}

// column_config with the legacy custom_column_names merged in (column_config wins), by column.
Result<std::map<std::string, Json>> ReadColumnConfig(const Json& configuration,
                                                     const std::string& path) {
  std::map<std::string, Json> columns;
  if (const auto it = configuration.find("column_config");
      it != configuration.end() && !it->is_null()) {
    const std::string config_path = JsonPathKey(path, "column_config");
    if (!it->is_object()) return TypeMismatch(config_path, "HashMap", "Object", *it);
    for (const auto& [column, value] : it->items()) {
      Result<Json> config = NormalizeColumnConfig(value, JsonPathKey(config_path, column));
      if (!config) return config.error();
      columns[column] = std::move(config).value();
    }
  }
  const auto legacy = configuration.find("custom_column_names");
  if (legacy == configuration.end() || legacy->is_null()) return columns;
  const std::string legacy_path = JsonPathKey(path, "custom_column_names");
  if (!legacy->is_object()) return TypeMismatch(legacy_path, "HashMap", "Object", *legacy);
  for (const auto& [column, name] : legacy->items()) {
    if (!name.is_string())
      return TypeMismatch(JsonPathKey(legacy_path, column), "Name", "String", name);
    Json& config = columns[column];
    if (!config.is_object()) config = Json::object();
    if (!config.contains("custom_name")) config["custom_name"] = name;
    config = SortedKeys(config);
  }
  return columns;
}

// Args of pg_track_table: Hasura's TrackTableV2, an object whose table part is read either with
// "table" (and source, is_enum) or, failing that, as a table name {"schema"?, "name"} itself.
struct TrackTableArgs {
  std::string source;
  QualifiedName table;
  bool is_enum = false;
  Json configuration;           // normalized; null when empty
  Json extra = Json::object();  // apollo_federation_config, logical_model
};

// REQUIRES: `args` is an object.
Status ReadTrackOptions(const Json& args, const std::string& path, TrackTableArgs& out) {
  Result<TableRef> ref = ReadTableRef(args, path);
  if (!ref) return ref.error();
  Result<bool> is_enum = ReadOptionalBool(args, "is_enum", path, false);
  if (!is_enum) return is_enum.error();
  out.source = std::move(ref->source);
  out.table = std::move(ref->table);
  out.is_enum = *is_enum;
  for (std::string_view key : {"apollo_federation_config", "logical_model"}) {
    const auto it = args.find(key);
    if (it != args.end() && !it->is_null()) out.extra[std::string(key)] = *it;
  }
  return {};
}

Result<TrackTableArgs> ReadTrackTableArgs(const Json& args, const std::string& path) {
  if (!args.is_object()) return TypeMismatch(path, "TrackTableV2", "Object", args);
  TrackTableArgs parsed;
  // As aeson's <|> does, a failed object form is retried as a bare table name, whose error wins.
  if (Status options = ReadTrackOptions(args, path, parsed); !options) {
    Result<QualifiedName> table = ReadTableName(args, path);
    if (!table) return table.error();
    parsed = TrackTableArgs();
    parsed.source = kDefaultSource;
    parsed.table = std::move(table).value();
  }
  if (const auto it = args.find("configuration"); it != args.end() && !it->is_null()) {
    Result<Json> configuration =
        NormalizeTableConfiguration(*it, JsonPathKey(path, "configuration"));
    if (!configuration) return configuration.error();
    parsed.configuration = std::move(configuration).value();
  }
  return parsed;
}

Json NewTable(const TrackTableArgs& args) {
  Json entry = Json::object();
  entry["table"] = TableJson(args.table);
  if (args.is_enum) entry["is_enum"] = true;
  if (!args.configuration.is_null()) entry["configuration"] = args.configuration;
  for (const auto& [key, value] : args.extra.items()) entry[key] = value;
  return entry;
}

// A relationship of another table of the source that points to `table`.
struct Dependent {
  std::string text;     // Hasura's report: "relationship books.author in source \"default\""
  QualifiedName owner;  // the table it belongs to
  std::string list;     // "object_relationships" or "array_relationships"
  std::string name;
};

std::vector<Dependent> FindDependents(const Json& source_entry, const QualifiedName& table,
                                      const CommandContext& context) {
  const std::string source = EntryName(source_entry);
  std::vector<Dependent> dependents;
  for (const Json& entry : source_entry.value("tables", Json::array())) {
    const QualifiedName owner = EntryTableName(entry);
    if (owner == table) continue;
    for (const char* list : {"object_relationships", "array_relationships"}) {
      const auto relationships = entry.find(list);
      if (relationships == entry.end() || !relationships->is_array()) continue;
      for (const Json& relationship : *relationships) {
        if (RelationshipTarget(relationship, source, owner, context) != table) continue;
        const std::string name = EntryName(relationship);
        dependents.push_back(
            {"relationship " + TableText(owner) + "." + name + " in source " + Quoted(source),
             owner, list, name});
      }
    }
  }
  std::sort(dependents.begin(), dependents.end(),
            [](const Dependent& a, const Dependent& b) { return a.text < b.text; });
  return dependents;
}

// Hasura's report of what depends on the table: local relationships of other tables of its source
// and remote relationships of other tables that join to it.
Error DependencyError(const std::vector<Dependent>& dependents,
                      const std::vector<RemoteRelationshipRef>& remote,
                      std::vector<std::string> texts, const std::string& path) {
  for (const Dependent& dependent : dependents) texts.push_back(dependent.text);
  for (const RemoteRelationshipRef& relationship : remote) {
    texts.push_back(DependencyText(relationship));
  }
  return DependentObjectsExist(std::move(texts), path);
}

void DropDependents(Json& source_entry, const std::vector<Dependent>& dependents) {
  for (const Dependent& dependent : dependents) {
    Json* owner = FindTable(source_entry, dependent.owner);
    Json& list = (*owner)[dependent.list];
    list.erase(FindEntry(list, "name", Json(dependent.name)));
    *owner = CanonicalTable(*owner);
  }
}

// The {source?, table} of a command's args, which must be an object (Hasura's `what`).
Result<TableRef> ReadTableArgs(const Json& args, const std::string& path, std::string_view what) {
  if (!args.is_object()) return TypeMismatch(path, what, "Object", args);
  return ReadTableRef(args, path);
}

void EraseTable(Json& source_entry, const QualifiedName& table) {
  Json& tables = source_entry["tables"];
  for (size_t i = 0; i < tables.size(); ++i) {
    if (EntryTableName(tables[i]) == table) {
      tables.erase(i);
      return;
    }
  }
}

}  // namespace

Result<Json> NormalizeTableConfiguration(const Json& configuration, const std::string& path) {
  if (!configuration.is_object()) return TypeMismatch(path, "TableConfig", "Object", configuration);
  Result<Json> root_fields = NormalizeRootFields(configuration, path);
  if (!root_fields) return root_fields.error();
  Result<std::map<std::string, Json>> columns = ReadColumnConfig(configuration, path);
  if (!columns) return columns.error();
  Result<std::string> custom_name = ReadOptionalString(configuration, "custom_name", path, "");
  if (!custom_name) return custom_name.error();
  const auto comment = configuration.find("comment");
  const bool has_comment = comment != configuration.end() && !comment->is_null();
  if (has_comment && !comment->is_string()) {
    return TypeMismatch(JsonPathKey(path, "comment"), "Comment", "String or Null", *comment);
  }

  Json column_config = Json::object();
  Json custom_column_names = Json::object();
  for (const auto& [column, config] : *columns) {
    if (config.empty()) continue;
    column_config[column] = config;
    if (config.contains("custom_name")) custom_column_names[column] = config["custom_name"];
  }
  const bool has_name =
      configuration.contains("custom_name") && !configuration["custom_name"].is_null();
  if (column_config.empty() && root_fields->empty() && !has_name && !has_comment) return Json();

  Json out = Json::object();
  out["column_config"] = std::move(column_config);
  if (has_comment) out["comment"] = *comment;
  out["custom_column_names"] = std::move(custom_column_names);
  if (has_name) out["custom_name"] = *custom_name;
  out["custom_root_fields"] = std::move(root_fields).value();
  return out;
}

Result<ObjectChange> TrackTable(CommandState& state, const Command& command,
                                const CommandContext& context) {
  const std::string path = JsonPathKey(command.path, "args");
  Result<TrackTableArgs> args = ReadTrackTableArgs(*command.args, path);
  if (!args) return args.error();
  Json document = state.metadata.document();
  Result<Json*> source =
      FindConsistentSource(document, state.metadata, args->source, context, path);
  if (!source) return source.error();
  if (FindTable(**source, args->table) != nullptr) {
    return Error(ErrorCode::kAlreadyTracked,
                 "view/table already tracked: " + Quoted(TableText(args->table)), path);
  }
  Json& tables = (**source)["tables"];
  if (!tables.is_array()) tables = Json::array();  // a source replace_metadata gave no tables
  InsertOrdered(tables, NewTable(*args), TableBefore);
  if (Status status = CommitDocument(state, std::move(document), path); !status) {
    return status.error();
  }
  return ObjectChange{SuccessMessage(), TableObjectName(args->source, args->table)};
}

Result<ObjectChange> UntrackTable(CommandState& state, const Command& command,
                                  const CommandContext& context) {
  const std::string path = JsonPathKey(command.path, "args");
  const Json& args = *command.args;
  Result<TableRef> ref = ReadTableArgs(args, path, "UntrackTable");
  if (!ref) return ref.error();
  Result<bool> cascade = ReadOptionalBool(args, "cascade", path, false);
  if (!cascade) return cascade.error();

  Json document = state.metadata.document();
  Result<Json*> source = FindSource(document, ref->source, path);
  if (!source) return source.error();
  if (FindTable(**source, ref->table) == nullptr) {
    return Error(ErrorCode::kAlreadyUntracked,
                 "view/table already untracked: " + Quoted(TableText(ref->table)), path);
  }
  const std::vector<Dependent> dependents = FindDependents(**source, ref->table, context);
  std::vector<RemoteRelationshipRef> remote =
      RemoteRelationshipsTo(document, ref->source, ref->table);
  std::erase_if(remote, [&](const RemoteRelationshipRef& relationship) {
    return relationship.source == ref->source && relationship.table == ref->table;
  });
  const std::vector<std::string> from_remote_schemas =
      RemoteSchemaRelationshipsToSource(document, ref->source, ref->table);
  if ((!dependents.empty() || !remote.empty() || !from_remote_schemas.empty()) && !*cascade) {
    return DependencyError(dependents, remote, from_remote_schemas, path);
  }
  DropDependents(**source, dependents);
  EraseRemoteRelationships(document, remote);
  EraseRemoteSchemaRelationshipsToSource(document, ref->source, ref->table);
  EraseTable(**source, ref->table);
  if (Status status = CommitDocument(state, std::move(document), path); !status) {
    return status.error();
  }
  // Hasura checks an untrack with withNewInconsistentObjsCheck: no object of its own.
  return ObjectChange{SuccessMessage(), ""};
}

Result<ObjectChange> SetTableCustomization(CommandState& state, const Command& command,
                                           const CommandContext&) {
  const std::string path = JsonPathKey(command.path, "args");
  const Json& args = *command.args;
  Result<TableRef> ref = ReadTableArgs(args, path, "SetTableCustomization");
  if (!ref) return ref.error();
  Result<const Json*> given = ReadMember(args, "configuration", path);
  if (!given) return given.error();
  Result<Json> configuration =
      NormalizeTableConfiguration(**given, JsonPathKey(path, "configuration"));
  if (!configuration) return configuration.error();

  Json document = state.metadata.document();
  Result<Json*> entry = FindTrackedTable(document, ref->source, ref->table, path);
  if (!entry) return entry.error();
  (*entry)->erase("configuration");
  if (!configuration->is_null()) (**entry)["configuration"] = std::move(configuration).value();
  **entry = CanonicalTable(**entry);
  if (Status status = CommitDocument(state, std::move(document), path); !status) {
    return status.error();
  }
  return ObjectChange{SuccessMessage(), TableObjectName(ref->source, ref->table)};
}

Result<ObjectChange> SetTableIsEnum(CommandState& state, const Command& command,
                                    const CommandContext&) {
  const std::string path = JsonPathKey(command.path, "args");
  const Json& args = *command.args;
  Result<TableRef> ref = ReadTableArgs(args, path, "SetTableIsEnum");
  if (!ref) return ref.error();
  Result<const Json*> given = ReadMember(args, "is_enum", path);
  if (!given) return given.error();
  if (!(*given)->is_boolean()) {
    return TypeMismatch(JsonPathKey(path, "is_enum"), "Bool", "Boolean", **given);
  }

  Json document = state.metadata.document();
  Result<Json*> entry = FindTrackedTable(document, ref->source, ref->table, path);
  if (!entry) return entry.error();
  (*entry)->erase("is_enum");
  if ((*given)->get<bool>()) (**entry)["is_enum"] = true;
  **entry = CanonicalTable(**entry);
  if (Status status = CommitDocument(state, std::move(document), path); !status) {
    return status.error();
  }
  return ObjectChange{SuccessMessage(), TableObjectName(ref->source, ref->table)};
}

}  // namespace junction::metadata
