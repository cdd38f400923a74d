#include "metadata/commands.h"

#include <utility>

#include "metadata/manage_metadata.h"
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
  const bool known = type == "export_metadata" || type == "replace_metadata" ||
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
  if (type == "reload_metadata") return ReloadMetadata(state, context);
  if (type == "get_inconsistent_metadata") return GetInconsistentMetadata(state, context);
  if (type == "drop_inconsistent_metadata")
    return DropInconsistentMetadata(state, command, context);
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

  CommandState state{current, false};
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
  return MetadataResponse{std::move(state.metadata), std::move(response).value(), state.modified};
}

}  // namespace junction::metadata
