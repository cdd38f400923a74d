#include "metadata/source_commands.h"

#include <utility>

#include "metadata/manage_metadata.h"
#include "metadata/remote_relationship_commands.h"
#include "metadata/remote_schema_commands.h"

namespace junction::metadata {
namespace {

Error ParseFailed(std::string message, std::string path) {
  return Error(ErrorCode::kParseFailed, std::move(message), std::move(path));
}

// An optional Int member, copied into `out` when present.
Status CopyInteger(const Json& object, std::string_view key, const std::string& path, Json& out) {
  const auto it = object.find(key);
  if (it == object.end() || it->is_null()) return {};
  if (!it->is_number_integer() && !it->is_number_unsigned()) {
    return TypeMismatch(JsonPathKey(path, key), "Int", "Number", *it);
  }
  out[std::string(key)] = *it;
  return {};
}

// An optional number of seconds (Hasura's NominalDiffTime), copied into `out` when present.
Status CopySeconds(const Json& object, std::string_view key, const std::string& path, Json& out) {
  const auto it = object.find(key);
  if (it == object.end() || it->is_null()) return {};
  if (!it->is_number()) {
    return TypeMismatch(JsonPathKey(path, key), "NominalDiffTime", "Number", *it);
  }
  out[std::string(key)] = *it;
  return {};
}

// {"max_connections":…,"idle_timeout":…,…}: the members given, keys sorted.
Result<Json> NormalizePoolSettings(const Json& value, const std::string& path) {
  if (!value.is_object()) return TypeMismatch(path, "PostgresPoolSettings", "Object", value);
  Json out = Json::object();
  for (std::string_view key : {"connection_lifetime", "idle_timeout", "max_connections",
                               "pool_timeout", "retries", "total_max_connections"}) {
    const bool seconds = key == "connection_lifetime" || key == "pool_timeout";
    Status status =
        seconds ? CopySeconds(value, key, path, out) : CopyInteger(value, key, path, out);
    if (!status) return status.error();
  }
  // Hasura's parseConnLifeTime: unset means its default, 600 seconds; 0 means none.
  if (!out.contains("connection_lifetime")) {
    out["connection_lifetime"] = 600;
    out = SortedKeys(out);
  } else if (out["connection_lifetime"] == 0) {
    out.erase("connection_lifetime");
  }
  return out;
}

Result<Json> NormalizeConnectionParameters(const Json& value, const std::string& path) {
  if (!value.is_object()) return TypeMismatch(path, "PGConnectionParams", "Object", value);
  Json out = Json::object();
  // Read in Hasura's order (the first missing key is the one reported), printed sorted.
  for (std::string_view key : {"host", "username", "password", "port", "database"}) {
    if (key == "port") {
      if (!value.contains("port")) return MissingKey(path, "port");
      if (Status status = CopyInteger(value, key, path, out); !status) return status.error();
      continue;
    }
    if (key == "password") {
      if (!value.contains("password") || value["password"].is_null()) continue;
    }
    Result<std::string> text = ReadString(value, key, path);
    if (!text) return text.error();
    out[std::string(key)] = std::move(text).value();
  }
  return SortedKeys(out);
}

// Hasura's UrlConf: a URL string, {"from_env":NAME}, {"connection_parameters":{…}} or
// {"dynamic_from_file":PATH}.
Result<Json> NormalizeDatabaseUrl(const Json& value, const std::string& path) {
  if (value.is_string()) return value;
  if (!value.is_object()) {
    return ParseFailed("one of string or object must be provided for url/webhook", path);
  }
  int given = 0;
  Json out = Json::object();
  for (std::string_view key : {"from_env", "connection_parameters", "dynamic_from_file"}) {
    const auto it = value.find(key);
    if (it == value.end() || it->is_null()) continue;
    ++given;
    const std::string key_path = JsonPathKey(path, key);
    if (key == "connection_parameters") {
      Result<Json> parameters = NormalizeConnectionParameters(*it, key_path);
      if (!parameters) return parameters.error();
      out[std::string(key)] = std::move(parameters).value();
    } else if (!it->is_string()) {
      return TypeMismatch(key_path, "Text", "String", *it);
    } else {
      out[std::string(key)] = *it;
    }
  }
  if (given == 1) return out;
  return ParseFailed(std::string(given == 0 ? "Either " : "Only one of ") +
                         "\"from_env\" or \"connection_parameters\" should be provided",
                     path);
}

Result<std::string> ReadIsolationLevel(const Json& info, const std::string& path) {
  const auto it = info.find("isolation_level");
  if (it == info.end() || it->is_null()) return std::string("read-committed");
  if (!it->is_string()) {
    return TypeMismatch(JsonPathKey(path, "isolation_level"), "Q.TxIsolation", "String", *it);
  }
  std::string level = it->get<std::string>();
  if (level != "read-committed" && level != "repeatable-read" && level != "serializable") {
    return ParseFailed("Only expecting read-committed / repeatable-read / serializable",
                       JsonPathKey(path, "isolation_level"));
  }
  return level;
}

// Hasura's PostgresSourceConnInfo, keys sorted, defaults written out.
Result<Json> NormalizeConnectionInfo(const Json& info, const std::string& path) {
  if (!info.is_object()) return TypeMismatch(path, "PostgresSourceConnInfo", "Object", info);
  Result<const Json*> url = ReadMember(info, "database_url", path);
  if (!url) return url.error();
  Result<Json> database_url = NormalizeDatabaseUrl(**url, JsonPathKey(path, "database_url"));
  if (!database_url) return database_url.error();
  Result<std::string> isolation = ReadIsolationLevel(info, path);
  if (!isolation) return isolation.error();
  Result<bool> prepared = ReadOptionalBool(info, "use_prepared_statements", path, false);
  if (!prepared) return prepared.error();

  Json out = Json::object();
  out["database_url"] = std::move(database_url).value();
  out["isolation_level"] = std::move(isolation).value();
  if (const auto pool = info.find("pool_settings"); pool != info.end() && !pool->is_null()) {
    Result<Json> settings = NormalizePoolSettings(*pool, JsonPathKey(path, "pool_settings"));
    if (!settings) return settings.error();
    out["pool_settings"] = std::move(settings).value();
  }
  if (const auto ssl = info.find("ssl_configuration"); ssl != info.end() && !ssl->is_null()) {
    out["ssl_configuration"] = SortedKeys(*ssl);
  }
  out["use_prepared_statements"] = *prepared;
  return out;
}

Result<Json> NormalizeReadReplicas(const Json& replicas, const std::string& path) {
  if (!replicas.is_array()) return TypeMismatch(path, "NonEmpty", "Array", replicas);
  if (replicas.empty()) return ParseFailed("parsing NonEmpty failed, unexpected empty list", path);
  Json out = Json::array();
  for (size_t i = 0; i < replicas.size(); ++i) {
    Result<Json> replica = NormalizeConnectionInfo(replicas[i], JsonPathIndex(path, i));
    if (!replica) return replica.error();
    out.push_back(std::move(replica).value());
  }
  return out;
}

// customization: an object whose members are all null (or absent), as Junction does not apply
// source customization to the schema yet; anything else is refused.
Status CheckCustomization(const Json& args, const std::string& path) {
  const auto it = args.find("customization");
  if (it == args.end() || it->is_null()) return {};
  const std::string customization_path = JsonPathKey(path, "customization");
  if (!it->is_object())
    return TypeMismatch(customization_path, "SourceCustomization", "Object", *it);
  for (const auto& [key, value] : it->items()) {
    if (!value.is_null()) {
      return Error(ErrorCode::kNotSupported,
                   "source customization is not supported by Junction yet", customization_path);
    }
  }
  return {};
}

// Sources in Hasura's export order: "default" first, then by name.
bool SourceBefore(const Json& a, const Json& b) {
  const std::string& x = a["name"].get_ref<const std::string&>();
  const std::string& y = b["name"].get_ref<const std::string&>();
  if (x == kDefaultSource || y == kDefaultSource) return x == kDefaultSource && y != kDefaultSource;
  return x < y;
}

// A source entry as Hasura's export writes a new one.
Json NewSource(const std::string& name, std::string_view kind, Json configuration,
               const Json& args) {
  Json source = Json::object();
  source["name"] = name;
  source["kind"] = kind;
  source["tables"] = Json::array();
  source["configuration"] = std::move(configuration);
  if (const auto health = args.find("health_check"); health != args.end() && !health->is_null()) {
    source["health_check"] = SortedKeys(*health);
  }
  return source;
}

// `old` with its configuration replaced and its customization dropped (the new one is empty),
// every other member kept in place.
Json ReplaceConfiguration(const Json& old, Json configuration) {
  Json out = Json::object();
  for (const auto& [key, value] : old.items()) {
    if (key == "customization") continue;
    out[key] = key == "configuration" ? configuration : value;
  }
  return out;
}

}  // namespace

Result<Json> NormalizePostgresConfiguration(const Json& configuration, const std::string& path) {
  if (!configuration.is_object()) {
    return TypeMismatch(path, "PostgresConnConfiguration", "Object", configuration);
  }
  Result<const Json*> info = ReadMember(configuration, "connection_info", path);
  if (!info) return info.error();
  Result<Json> connection_info =
      NormalizeConnectionInfo(**info, JsonPathKey(path, "connection_info"));
  if (!connection_info) return connection_info.error();
  Result<std::string> extensions =
      ReadOptionalString(configuration, "extensions_schema", path, "public");
  if (!extensions) return extensions.error();

  Json out = Json::object();
  out["connection_info"] = std::move(connection_info).value();
  for (std::string_view key : {"connection_set", "connection_template"}) {
    const auto it = configuration.find(key);
    if (it != configuration.end() && !it->is_null()) out[std::string(key)] = SortedKeys(*it);
  }
  if (*extensions != "public") out["extensions_schema"] = *extensions;
  if (const auto replicas = configuration.find("read_replicas");
      replicas != configuration.end() && !replicas->is_null()) {
    Result<Json> normalized = NormalizeReadReplicas(*replicas, JsonPathKey(path, "read_replicas"));
    if (!normalized) return normalized.error();
    out["read_replicas"] = std::move(normalized).value();
  }
  return out;
}

Result<Json> NormalizeSqliteConfiguration(const Json& configuration, const std::string& path) {
  if (!configuration.is_object()) {
    return TypeMismatch(path, "SqliteConfiguration", "Object", configuration);
  }
  // Hasura's data-connector sources wrap the agent's configuration in "value".
  const auto value = configuration.find("value");
  const bool wrapped = value != configuration.end() && value->is_object();
  const Json& settings = wrapped ? *value : configuration;
  const std::string settings_path = wrapped ? JsonPathKey(path, "value") : path;
  Result<std::string> database = ReadString(settings, "db", settings_path);
  if (!database) return database.error();
  if (database->empty()) {
    return Error(ErrorCode::kInvalidConfiguration, "the database file name is empty",
                 JsonPathKey(settings_path, "db"));
  }
  if (Result<bool> read_only = ReadOptionalBool(settings, "read_only", settings_path, false);
      !read_only) {
    return read_only.error();
  }
  if (const auto timeout = settings.find("busy_timeout");
      timeout != settings.end() && !timeout->is_null() &&
      !(timeout->is_number_unsigned() || (timeout->is_number_integer() && *timeout >= 0))) {
    return TypeMismatch(JsonPathKey(settings_path, "busy_timeout"), "Milliseconds", "Number",
                        *timeout);
  }
  return SortedKeys(configuration);
}

// Hasura's BigQueryConnSourceConfig, checked for its shape here; its values (a key in an
// environment variable, numbers as strings) are read when the source is connected
// (backends/bigquery/source_config.h), so a bad one makes the source inconsistent and refuses the
// command with that reason.
Result<Json> NormalizeBigQueryConfiguration(const Json& configuration, const std::string& path) {
  if (!configuration.is_object()) {
    return TypeMismatch(path, "BigQueryConnSourceConfig", "Object", configuration);
  }
  for (std::string_view key : {"service_account", "project_id", "datasets"}) {
    if (Result<const Json*> member = ReadMember(configuration, key, path); !member) {
      return member.error();
    }
  }
  return SortedKeys(configuration);
}

std::string_view CommandKind(const Command& command) {
  if (command.type.starts_with("sqlite_")) return kSqliteKind;
  if (command.type.starts_with("bigquery_")) return kBigQueryKind;
  return kPostgresKind;
}

Result<Json> NormalizeConfiguration(std::string_view kind, const Json& configuration,
                                    const std::string& path) {
  if (kind == kSqliteKind) return NormalizeSqliteConfiguration(configuration, path);
  if (kind == kBigQueryKind) return NormalizeBigQueryConfiguration(configuration, path);
  return NormalizePostgresConfiguration(configuration, path);
}

Result<ObjectChange> AddSource(CommandState& state, const Command& command, const CommandContext&) {
  const std::string path = JsonPathKey(command.path, "args");
  const Json& args = *command.args;
  if (!args.is_object()) return TypeMismatch(path, "AddSource", "Object", args);
  Result<std::string> name = ReadString(args, "name", path);
  if (!name) return name.error();
  Result<const Json*> given = ReadMember(args, "configuration", path);
  if (!given) return given.error();
  const std::string_view kind = CommandKind(command);
  Result<Json> configuration =
      NormalizeConfiguration(kind, **given, JsonPathKey(path, "configuration"));
  if (!configuration) return configuration.error();
  Result<bool> replace = ReadOptionalBool(args, "replace_configuration", path, false);
  if (!replace) return replace.error();
  if (Status status = CheckCustomization(args, path); !status) return status.error();

  Json document = state.metadata.document();
  Json& sources = document["sources"];
  const size_t index = FindEntry(sources, "name", Json(*name));
  if (index != kNoEntry && !*replace) {
    return Error(ErrorCode::kAlreadyExists, "source with name " + Quoted(*name) + " already exists",
                 path);
  }
  if (index != kNoEntry) {
    sources[index] = ReplaceConfiguration(sources[index], std::move(configuration).value());
  } else {
    InsertOrdered(sources, NewSource(*name, kind, std::move(configuration).value(), args),
                  SourceBefore);
  }
  if (Status status = CommitDocument(state, std::move(document), path); !status) {
    return status.error();
  }
  return ObjectChange{SuccessMessage(), SourceObjectName(*name)};
}

Result<ObjectChange> DropSource(CommandState& state, const Command& command,
                                const CommandContext& context) {
  const std::string path = JsonPathKey(command.path, "args");
  const Json& args = *command.args;
  if (!args.is_object()) return TypeMismatch(path, "DropSource", "Object", args);
  Result<std::string> name = ReadString(args, "name", path);
  if (!name) return name.error();
  Result<bool> cascade = ReadOptionalBool(args, "cascade", path, false);
  if (!cascade) return cascade.error();

  Json document = state.metadata.document();
  Result<Json*> source = *cascade
                             ? FindConsistentSource(document, state.metadata, *name, context, path)
                             : FindSource(document, *name, path);
  if (!source) return source.error();
  // Remote relationships of other sources' tables that join to this source depend on it.
  std::vector<RemoteRelationshipRef> dependents = RemoteRelationshipsTo(document, *name, {});
  std::erase_if(dependents, [&](const RemoteRelationshipRef& ref) { return ref.source == *name; });
  // So do the relationships of remote schemas' types to it.
  std::vector<std::string> texts = RemoteSchemaRelationshipsToSource(document, *name, {});
  if ((!dependents.empty() || !texts.empty()) && !*cascade) {
    for (const RemoteRelationshipRef& dependent : dependents) {
      texts.push_back(DependencyText(dependent));
    }
    return DependentObjectsExist(std::move(texts), path);
  }
  EraseRemoteRelationships(document, dependents);
  EraseRemoteSchemaRelationshipsToSource(document, *name, {});
  Json& sources = document["sources"];
  sources.erase(FindEntry(sources, "name", Json(*name)));
  if (Status status = CommitDocument(state, std::move(document), path); !status) {
    return status.error();
  }
  return ObjectChange{SuccessMessage(), SourceObjectName(*name)};
}

}  // namespace junction::metadata
