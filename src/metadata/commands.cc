#include "metadata/commands.h"

#include <set>
#include <utility>

#include "metadata/manage_metadata.h"
#include "metadata/relationship_commands.h"
#include "metadata/remote_relationship_commands.h"
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

// The Postgres commands, by their name without the backend prefix.
constexpr std::pair<std::string_view, ObjectCommand> kPostgresCommands[] = {
    {"add_source", AddSource},
    {"drop_source", DropSource},
    {"track_table", TrackTable},
    {"untrack_table", UntrackTable},
    {"set_table_customization", SetTableCustomization},
    {"set_table_is_enum", SetTableIsEnum},
    {"create_object_relationship", CreateObjectRelationship},
    {"create_array_relationship", CreateArrayRelationship},
    {"drop_relationship", DropRelationship},
    {"rename_relationship", RenameRelationship},
    {"set_relationship_comment", SetRelationshipComment},
    {"create_remote_relationship", CreateRemoteRelationship},
    {"update_remote_relationship", UpdateRemoteRelationship},
    {"delete_remote_relationship", DeleteRemoteRelationship},
};

// The command a "pg_…" or "postgres_…" type names, or null.
ObjectCommand FindPostgresCommand(std::string_view type) {
  for (std::string_view prefix : {"pg_", "postgres_"}) {
    if (type.substr(0, prefix.size()) != prefix) continue;
    const std::string_view name = type.substr(prefix.size());
    for (const auto& [command_name, run] : kPostgresCommands) {
      if (command_name == name) return run;
    }
  }
  return nullptr;
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
  const ObjectCommand object_command = FindPostgresCommand(type);
  const bool known = object_command != nullptr || type == "export_metadata" ||
                     type == "replace_metadata" || type == "clear_metadata" ||
                     type == "reload_metadata" || type == "get_inconsistent_metadata" ||
                     type == "drop_inconsistent_metadata" || type == "bulk";
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
  if (type == "reload_metadata") return ReloadMetadata(state, command, context);
  if (type == "get_inconsistent_metadata") return GetInconsistentMetadata(state, context);
  if (type == "drop_inconsistent_metadata")
    return DropInconsistentMetadata(state, command, context);
  if (object_command != nullptr) return RunObjectCommand(state, command, context, object_command);
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
  return MetadataResponse{std::move(state.metadata), std::move(response).value(), state.modified,
                          state.reload_all_sources, std::move(state.sources_to_reload)};
}

}  // namespace junction::metadata
