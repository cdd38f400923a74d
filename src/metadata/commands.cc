#include "metadata/commands.h"

#include <algorithm>
#include <iterator>
#include <set>
#include <utility>

#include "metadata/catalog_commands.h"
#include "metadata/manage_metadata.h"
#include "metadata/permission_commands.h"
#include "metadata/relationship_commands.h"
#include "metadata/remote_relationship_commands.h"
#include "metadata/remote_schema_commands.h"
#include "metadata/source_commands.h"
#include "metadata/table_commands.h"
#include "metadata/unknown_command.h"

namespace junction::metadata {
namespace {

Result<int64_t> ReadInteger(const Json& value, const std::string& path) {
  if (!value.is_number_integer() && !value.is_number_unsigned()) {
    return TypeMismatch(path, "Int", "Number", value);
  }
  return value.get<int64_t>();
}

Result<Json> RunBulk(CommandState& state, const Command& command, const CommandContext& context) {
  const std::string args_path = JsonPathKey(command.path, "args");
  const Json& args = *command.args;
  if (!args.is_array()) return TypeMismatch(args_path, "[RQLMetadataRequest]", "Array", args);
  Json responses = Json::array();
  for (size_t i = 0; i < args.size(); ++i) {
    Result<Command> item = ParseCommand(args[i], JsonPathIndex(args_path, i));
    if (!item) return item.error();
    Result<Json> response = RunCommand(state, *item, context);
    if (!response) return response.error();
    responses.push_back(std::move(response).value());
  }
  return responses;
}

// Version 2 requests know only two commands (Hasura's RQLMetadataV2, a tagged sum).
Error UnknownV2Command(const Command& command) {
  return Error(ErrorCode::kParseFailed,
               "parsing RQLMetadataV2 failed, expected tag field to be one of "
               "[\"replace_metadata\", \"export_metadata\"], but found tag \"" +
                   command.type + "\"",
               command.path);
}

using ObjectCommand = Result<ObjectChange> (*)(CommandState&, const Command&,
                                               const CommandContext&);

Result<ObjectChange> CreateObjectRelationship(CommandState& state, const Command& command,
                                              const CommandContext& context) {
  return CreateRelationship(state, command, context, "object");
}

Result<ObjectChange> CreateArrayRelationship(CommandState& state, const Command& command,
                                             const CommandContext& context) {
  return CreateRelationship(state, command, context, "array");
}

// The commands on a source's objects, by their name without the backend prefix (pg_ has them
// all; sqlite_ those of kSqliteCommands).
constexpr std::pair<std::string_view, ObjectCommand> kObjectCommands[] = {
    {"add_source", AddSource},
    {"drop_source", DropSource},
    {"track_table", TrackTable},
    {"untrack_table", UntrackTable},
    {"set_table_customization", SetTableCustomization},
    {"set_table_is_enum", SetTableIsEnum},
    {"create_object_relationship", CreateObjectRelationship},
    {"create_array_relationship", CreateArrayRelationship},
    {"drop_relationship", DropRelationshipAndDependents},
    {"rename_relationship", RenameRelationship},
    {"set_relationship_comment", SetRelationshipComment},
    {"create_remote_relationship", CreateRemoteRelationship},
    {"update_remote_relationship", UpdateRemoteRelationship},
    {"delete_remote_relationship", DeleteRemoteRelationship},
    {"create_select_permission", CreateSelectPermission},
    {"drop_select_permission", DropSelectPermission},
    {"set_permission_comment", SetPermissionComment},
};

// The commands that read a source's catalog and change nothing, by their name without the prefix.
using ReadCommand = Result<Json> (*)(const CommandState&, const Command&, const CommandContext&);
constexpr std::pair<std::string_view, ReadCommand> kReadCommands[] = {
    {"get_source_tables", GetSourceTables},
    {"get_table_info", GetTableInfo},
};

// The commands SQLite and BigQuery sources offer (set_table_is_enum needs enum tables, which
// they have not).
constexpr std::string_view kSqliteCommands[] = {
    "add_source",
    "drop_source",
    "track_table",
    "untrack_table",
    "set_table_customization",
    "create_object_relationship",
    "create_array_relationship",
    "drop_relationship",
    "rename_relationship",
    "set_relationship_comment",
    "create_remote_relationship",
    "update_remote_relationship",
    "delete_remote_relationship",
    "create_select_permission",
    "drop_select_permission",
    "set_permission_comment",
    "get_source_tables",
    "get_table_info",
};

// The commands on remote schemas (no backend prefix).
constexpr std::pair<std::string_view, ObjectCommand> kRemoteSchemaCommands[] = {
    {"add_remote_schema", AddRemoteSchema},
    {"update_remote_schema", UpdateRemoteSchema},
    {"remove_remote_schema", RemoveRemoteSchema},
    {"reload_remote_schema", ReloadRemoteSchema},
    {"create_remote_schema_remote_relationship", CreateRemoteSchemaRemoteRelationship},
    {"update_remote_schema_remote_relationship", UpdateRemoteSchemaRemoteRelationship},
    {"delete_remote_schema_remote_relationship", DeleteRemoteSchemaRemoteRelationship},
};

ObjectCommand FindRemoteSchemaCommand(std::string_view type) {
  for (const auto& [name, run] : kRemoteSchemaCommands) {
    if (name == type) return run;
  }
  return nullptr;
}

// reload_metadata, which also asks for the remote schemas to be introspected again.
Result<Json> RunReloadMetadata(CommandState& state, const Command& command,
                               const CommandContext& context) {
  Result<Json> response = ReloadMetadata(state, command, context);
  if (response) RecordRemoteSchemasToReload(state, *command.args);
  return response;
}

// A command on a source of one kind: one that changes an object (`run`) or one that reads (`read`).
struct BackendCommand {
  ObjectCommand run = nullptr;
  ReadCommand read = nullptr;
  std::string_view kind;
  std::string_view name;  // without the prefix
};

ObjectCommand FindObjectCommand(std::string_view name) {
  for (const auto& [command_name, run] : kObjectCommands) {
    if (command_name == name) return run;
  }
  return nullptr;
}

ReadCommand FindReadCommand(std::string_view name) {
  for (const auto& [command_name, read] : kReadCommands) {
    if (command_name == name) return read;
  }
  return nullptr;
}

// The command a "pg_…", "postgres_…", "sqlite_…" or "bigquery_…" type names; `run` and `read` null
// when none.
BackendCommand FindBackendCommand(std::string_view type) {
  for (std::string_view prefix : {"pg_", "postgres_"}) {
    if (!type.starts_with(prefix)) continue;
    const std::string_view name = type.substr(prefix.size());
    return {FindObjectCommand(name), FindReadCommand(name), kPostgresKind, name};
  }
  for (const auto& [prefix, kind] : {std::pair{std::string_view("sqlite_"), kSqliteKind},
                                     std::pair{std::string_view("bigquery_"), kBigQueryKind}}) {
    if (!type.starts_with(prefix)) continue;
    const std::string_view name = type.substr(prefix.size());
    if (std::find(std::begin(kSqliteCommands), std::end(kSqliteCommands), name) ==
        std::end(kSqliteCommands)) {
      return {};
    }
    return {FindObjectCommand(name), FindReadCommand(name), kind, name};
  }
  return {};
}

// A backend command may only name a source of its kind (Hasura's askSourceInfo): pg_track_table
// on a SQLite source is refused, and so is replacing a source with one of another kind.
Status CheckSourceKind(const Metadata& metadata, const BackendCommand& command, const Json& args,
                       const std::string& path) {
  if (!args.is_object()) return {};
  const bool names_source = command.name == "add_source" || command.name == "drop_source";
  Result<std::string> source =
      ReadOptionalString(args, names_source ? "name" : "source", path, kDefaultSource);
  if (!source) return {};  // the command reports it
  for (const Json& entry : metadata.sources()) {
    if (EntryName(entry) != *source) continue;
    const std::string kind = SourceKind(entry);
    if (kind == command.kind) return {};
    return Error(ErrorCode::kNotExists,
                 "source with name " + Quoted(*source) + " has backend type " + kind +
                     " which does not match the expected type " + std::string(command.kind),
                 path);
  }
  return {};
}

// A SQLite command's args with the table given as "orders" or ["main", "orders"] written in the
// object form the commands read ({"schema": "main", "name": "orders"}).
Command WithSqliteTableName(Command command) {
  if (!command.args || !command.args->is_object()) return command;
  const auto table = command.args->find("table");
  if (table == command.args->end()) return command;
  if (table->is_string()) {
    *table = TableJson(QualifiedName{std::string(kSqliteSchema), table->get<std::string>()});
  } else if (Result<QualifiedName> name = ReadTableName(*table, "$"); name && table->is_array()) {
    *table = TableJson(*name);
  }
  return command;
}

// A BigQuery command's args with the table given as {"dataset", "name"} written in the object
// form the commands read ({"schema": dataset, "name"}); CommitDocument writes it back in
// BigQuery's form. Hasura refuses a bare string there: a BigQuery table needs its dataset. The
// {"schema", "name"} form is read too (the console names every table so).
Result<Command> WithBigQueryTableName(Command command) {
  if (!command.args || !command.args->is_object()) return command;
  const auto table = command.args->find("table");
  if (table == command.args->end()) return command;
  const std::string path = JsonPathKey(JsonPathKey(command.path, "args"), "table");
  if (!table->is_object() || !(table->contains("dataset") || table->contains("schema")) ||
      !table->contains("name")) {
    return Error(ErrorCode::kParseFailed,
                 "a BigQuery table is given as {\"dataset\": …, \"name\": …}", path);
  }
  Result<QualifiedName> name = ReadTableName(*table, path);
  if (!name) return name.error();
  *table = TableJson(*name);
  return command;
}

// A command's args in the table form its backend's commands read.
Result<Command> WithTableName(Command command, std::string_view kind) {
  if (kind == kSqliteKind) return WithSqliteTableName(std::move(command));
  if (kind == kBigQueryKind) return WithBigQueryTableName(std::move(command));
  return command;
}

std::vector<InconsistentObject> FindInconsistent(const Metadata& metadata,
                                                 const CommandContext& context) {
  if (!context.find_inconsistent_objects) return {};
  return context.find_inconsistent_objects(metadata);
}

// Hasura's buildSchemaCacheFor / withNewInconsistentObjsCheck: the objects inconsistent `after`
// that were not `before` refuse the change; when `object` (the one the command changed) is among
// them, with its reasons.
Status CheckNoNewInconsistencies(const std::vector<InconsistentObject>& before,
                                 const std::vector<InconsistentObject>& after,
                                 const std::string& object, const std::string& path) {
  std::set<std::string> known;
  for (const InconsistentObject& inconsistent : before) known.insert(inconsistent.name);
  std::vector<InconsistentObject> added;
  std::vector<InconsistentObject> matching;
  std::string reasons;
  for (const InconsistentObject& inconsistent : after) {
    if (known.count(inconsistent.name) != 0) continue;
    added.push_back(inconsistent);
    if (object.empty() || inconsistent.name != object) continue;
    if (!matching.empty()) reasons += ", ";
    reasons += inconsistent.reason;
    matching.push_back(inconsistent);
  }
  if (!matching.empty()) {
    return Error(ErrorCode::kInvalidConfiguration, std::move(reasons), path, ToJson(matching));
  }
  if (added.empty()) return {};
  return Error(ErrorCode::kUnexpected,
               object.empty() ? "cannot continue due to newly found inconsistent metadata"
                              : "cannot continue due to new inconsistent metadata",
               path, ToJson(added));
}

// Runs a command that changes one object, and undoes it when it leaves new inconsistencies.
Result<Json> RunObjectCommand(CommandState& state, const Command& command,
                              const CommandContext& context, ObjectCommand run) {
  const std::vector<InconsistentObject> before = FindInconsistent(state.metadata, context);
  CommandState saved = state;
  Result<ObjectChange> change = run(state, command, context);
  Status status = change
                      ? CheckNoNewInconsistencies(before, FindInconsistent(state.metadata, context),
                                                  change->object, JsonPathKey(command.path, "args"))
                      : Status(change.error());
  if (!status) {
    state = std::move(saved);
    return status.error();
  }
  return std::move(change->response);
}

}  // namespace

Result<Command> ParseCommand(const Json& request, std::string path) {
  if (!request.is_object()) return TypeMismatch(path, "RQLMetadataRequest", "Object", request);
  Command command;
  const auto type = request.find("type");
  if (type == request.end()) return MissingKey(path, "type");
  if (!type->is_string()) return TypeMismatch(JsonPathKey(path, "type"), "Text", "String", *type);
  command.type = type->get<std::string>();

  if (const auto version = request.find("version"); version != request.end()) {
    const std::string version_path = JsonPathKey(path, "version");
    Result<int64_t> number = ReadInteger(*version, version_path);
    if (!number) return number.error();
    if (*number != 1 && *number != 2) {
      return Error(ErrorCode::kParseFailed,
                   "expected 1 or 2, encountered " + std::to_string(*number), version_path);
    }
    command.version = static_cast<int>(*number);
  }
  if (const auto args = request.find("args"); args != request.end()) command.args = *args;
  command.path = std::move(path);
  return command;
}

Result<Json> RunCommand(CommandState& state, const Command& command,
                        const CommandContext& context) {
  const std::string_view type = command.type;
  const BackendCommand backend_command = FindBackendCommand(type);
  const ObjectCommand object_command = backend_command.run;
  const ObjectCommand remote_schema_command = FindRemoteSchemaCommand(type);
  const bool known = object_command != nullptr || backend_command.read != nullptr ||
                     remote_schema_command != nullptr || type == "introspect_remote_schema" ||
                     type == "export_metadata" || type == "replace_metadata" ||
                     type == "clear_metadata" || type == "reload_metadata" ||
                     type == "get_inconsistent_metadata" || type == "drop_inconsistent_metadata" ||
                     type == "bulk";
  if (!known) {
    if (command.version == 2) return UnknownV2Command(command);
    return UnknownMetadataCommand(type, command.path);
  }
  if (command.version == 2 && type != "export_metadata" && type != "replace_metadata") {
    return UnknownV2Command(command);
  }
  // Every command Junction runs reads "args", even those that ignore its value (as in Hasura).
  if (!command.args) return MissingKey(command.path, "args");

  if (type == "export_metadata") return ExportMetadata(state, command);
  if (type == "replace_metadata") return ReplaceMetadata(state, command, context);
  if (type == "clear_metadata") return ClearMetadata(state);
  if (type == "reload_metadata") return RunReloadMetadata(state, command, context);
  if (type == "introspect_remote_schema") return IntrospectRemoteSchema(state, command, context);
  if (remote_schema_command != nullptr) {
    return RunObjectCommand(state, command, context, remote_schema_command);
  }
  if (type == "get_inconsistent_metadata") return GetInconsistentMetadata(state, context);
  if (type == "drop_inconsistent_metadata")
    return DropInconsistentMetadata(state, command, context);
  if (object_command != nullptr || backend_command.read != nullptr) {
    const std::string args_path = JsonPathKey(command.path, "args");
    if (Status kind = CheckSourceKind(state.metadata, backend_command, *command.args, args_path);
        !kind) {
      return kind.error();
    }
    Result<Command> named = WithTableName(command, backend_command.kind);
    if (!named) return named.error();
    if (backend_command.read != nullptr) return backend_command.read(state, *named, context);
    return RunObjectCommand(state, *named, context, object_command);
  }
  return RunBulk(state, command, context);
}

Result<MetadataResponse> RunMetadataRequest(const Metadata& current, const Json& body,
                                            const CommandContext& context) {
  if (!body.is_object()) return TypeMismatch("$", "RQLMetadata", "Object", body);
  std::optional<int64_t> referenced_version;
  if (const auto it = body.find("resource_version"); it != body.end() && !it->is_null()) {
    Result<int64_t> version = ReadInteger(*it, "$.resource_version");
    if (!version) return version.error();
    referenced_version = *version;
  }
  Result<Command> command = ParseCommand(body, "$");
  if (!command) return command.error();

  CommandState state{current};
  Result<Json> response = RunCommand(state, *command, context);
  if (!response) return response.error();

  if (state.modified) {
    // Like Hasura, the version is compared only when the request changes metadata, so a stale
    // export still succeeds.
    if (referenced_version && *referenced_version != current.resource_version()) {
      return Error(ErrorCode::kConflict,
                   "metadata resource version referenced (" + std::to_string(*referenced_version) +
                       ") did not match current version",
                   "$");
    }
    state.metadata.set_resource_version(current.resource_version() + 1);
  }
  return MetadataResponse{std::move(state.metadata),
                          std::move(response).value(),
                          state.modified,
                          state.reload_all_sources,
                          std::move(state.sources_to_reload),
                          state.reload_all_remote_schemas,
                          std::move(state.remote_schemas_to_reload)};
}

}  // namespace junction::metadata
