#include "metadata/manage_metadata.h"

#include <algorithm>
#include <map>
#include <string>
#include <utility>

namespace junction::metadata {
namespace {

std::string ArgsPath(const Command& command) { return JsonPathKey(command.path, "args"); }

std::vector<InconsistentObject> FindInconsistent(const Metadata& metadata,
                                                 const CommandContext& context) {
  if (!context.find_inconsistent_objects) return {};
  return context.find_inconsistent_objects(metadata);
}

// Hasura's throwOnInconsistencies: the objects go to `internal` (admins only; the metadata API
// is admin-only, so the caller always sees them).
Error InconsistentMetadataError(std::string path, const std::vector<InconsistentObject>& objects,
                                std::string message) {
  return Error(ErrorCode::kUnexpected, std::move(message), std::move(path), ToJson(objects));
}

Json ConsistencyReport(const std::vector<InconsistentObject>& objects) {
  Json report = Json::object();
  report["is_consistent"] = objects.empty();
  report["inconsistent_objects"] = ToJson(objects);
  return report;
}

Result<bool> ReadBool(const Json& object, std::string_view key, const std::string& path) {
  const auto it = object.find(key);
  if (it == object.end() || it->is_null()) return false;
  if (!it->is_boolean()) return TypeMismatch(JsonPathKey(path, key), "Bool", "Boolean", *it);
  return it->get<bool>();
}

}  // namespace

Json SuccessMessage() { return Json{{"message", "success"}}; }

Result<Json> ExportMetadata(const CommandState& state, const Command& command) {
  if (command.version == 2) {
    Json body = Json::object();
    body["resource_version"] = state.metadata.resource_version();
    body["metadata"] = state.metadata.document();
    return body;
  }
  return state.metadata.document();
}

Result<Json> ReplaceMetadata(CommandState& state, const Command& command,
                             const CommandContext& context) {
  const std::string args_path = ArgsPath(command);
  const Json& args = *command.args;
  if (!args.is_object()) return TypeMismatch(args_path, "ReplaceMetadata", "Object", args);

  // Args holding "metadata" are ReplaceMetadataV2 {allow_inconsistent_metadata?, allow_warnings?,
  // metadata}, which answers the v2 report even through the version 1 envelope, as in Hasura.
  const bool v2_args = command.version == 2 || args.contains("metadata");
  bool allow_inconsistent = false;
  const Json* document = &args;
  std::string document_path = args_path;
  if (v2_args) {
    Result<bool> allow = ReadBool(args, "allow_inconsistent_metadata", args_path);
    if (!allow) return allow.error();
    allow_inconsistent = *allow;
    if (Result<bool> warnings = ReadBool(args, "allow_warnings", args_path); !warnings) {
      return warnings.error();
    }
    const auto it = args.find("metadata");
    if (it == args.end()) return MissingKey(args_path, "metadata");
    document = &*it;
    document_path = JsonPathKey(args_path, "metadata");
  }

  Result<Metadata> replacement = Metadata::FromJson(*document);
  if (!replacement) return RebasePath(std::move(replacement).error(), document_path);
  replacement->set_resource_version(state.metadata.resource_version());

  std::vector<InconsistentObject> inconsistent = FindInconsistent(*replacement, context);
  if (!inconsistent.empty() && !allow_inconsistent) {
    return InconsistentMetadataError(args_path, inconsistent,
                                     "cannot continue due to inconsistent metadata");
  }
  state.metadata = std::move(replacement).value();
  state.modified = true;
  if (v2_args) return ConsistencyReport(inconsistent);
  return SuccessMessage();
}

Result<Json> ClearMetadata(CommandState& state) {
  // Hasura keeps an empty default source when it was started with a database URL; Junction has
  // no such source, so cleared metadata is simply empty.
  Metadata empty;
  empty.set_resource_version(state.metadata.resource_version());
  state.metadata = std::move(empty);
  state.modified = true;
  return SuccessMessage();
}

Result<Json> ReloadMetadata(CommandState& state, const CommandContext& context) {
  // Reloading re-resolves the same document; Hasura counts it as a change (the resource version
  // moves on and every instance rebuilds), and so does Junction.
  state.modified = true;
  const std::vector<InconsistentObject> inconsistent = FindInconsistent(state.metadata, context);
  Json body = SuccessMessage();
  body["is_consistent"] = inconsistent.empty();
  if (!inconsistent.empty()) body["inconsistent_objects"] = ToJson(inconsistent);
  return body;
}

Result<Json> GetInconsistentMetadata(const CommandState& state, const CommandContext& context) {
  return ConsistencyReport(FindInconsistent(state.metadata, context));
}

Result<Json> DropInconsistentMetadata(CommandState& state, const Command& command,
                                      const CommandContext& context) {
  const std::vector<InconsistentObject> inconsistent = FindInconsistent(state.metadata, context);
  Json document = state.metadata.document();
  // Array entries are erased from the highest index down so the lower ones stay valid.
  std::map<std::string, std::vector<size_t>> entries;
  for (const InconsistentObject& object : inconsistent) {
    if (object.index) {
      entries[object.section].push_back(*object.index);
    } else {
      document.erase(object.section);
    }
  }
  for (auto& [section, indices] : entries) {
    std::sort(indices.rbegin(), indices.rend());
    indices.erase(std::unique(indices.begin(), indices.end()), indices.end());
    Json& array = document[section];
    for (size_t index : indices) {
      if (array.is_array() && index < array.size()) array.erase(index);
    }
  }
  Result<Metadata> remaining = Metadata::FromJson(document);
  if (!remaining) return RebasePath(std::move(remaining).error(), ArgsPath(command));
  remaining->set_resource_version(state.metadata.resource_version());

  const std::vector<InconsistentObject> still = FindInconsistent(*remaining, context);
  if (!still.empty()) {
    return InconsistentMetadataError(ArgsPath(command), still,
                                     "cannot continue due to new inconsistent metadata");
  }
  state.metadata = std::move(remaining).value();
  state.modified = true;
  return SuccessMessage();
}

}  // namespace junction::metadata
