#include "metadata/manage_metadata.h"

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <utility>

#include "metadata/source_metadata.h"

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

namespace {

// Hasura's ReloadSpec: true (everything), false (nothing) or a list of names.
struct ReloadSpec {
  bool all = false;
  std::set<std::string> names;
};

Result<ReloadSpec> ReadReloadSpec(const Json& args, std::string_view key, const std::string& path,
                                  bool fallback) {
  const auto it = args.find(key);
  if (it == args.end() || it->is_null()) return ReloadSpec{fallback, {}};
  if (it->is_boolean()) return ReloadSpec{it->get<bool>(), {}};
  const std::string key_path = JsonPathKey(path, key);
  if (!it->is_array()) return TypeMismatch(key_path, "HashSet", "Array", *it);
  ReloadSpec spec;
  for (size_t i = 0; i < it->size(); ++i) {
    const Json& name = (*it)[i];
    if (!name.is_string()) return TypeMismatch(JsonPathIndex(key_path, i), "Text", "String", name);
    spec.names.insert(name.get<std::string>());
  }
  return spec;
}

}  // namespace

Result<Json> ReloadMetadata(CommandState& state, const Command& command,
                            const CommandContext& context) {
  const Json& args = *command.args;
  const std::string path = ArgsPath(command);
  if (!args.is_object()) return TypeMismatch(path, "ReloadMetadata", "Object", args);
  Result<ReloadSpec> sources = ReadReloadSpec(args, "reload_sources", path, true);
  if (!sources) return sources.error();
  // Junction has no remote schemas or event triggers yet: these are only validated.
  for (std::string_view key : {"reload_remote_schemas", "recreate_event_triggers"}) {
    if (Result<ReloadSpec> spec = ReadReloadSpec(args, key, path, false); !spec) {
      return spec.error();
    }
  }
  state.reload_all_sources = state.reload_all_sources || sources->all;
  state.sources_to_reload.insert(sources->names.begin(), sources->names.end());

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

namespace {

// Where each object sits in the document, deepest and highest index first so that erasing one
// never moves another still to be erased; duplicates removed.
std::vector<Json::json_pointer> PlacesToErase(const std::vector<InconsistentObject>& objects) {
  std::vector<std::vector<std::string>> places;
  for (const InconsistentObject& object : objects) {
    std::string text = "/" + object.section;
    if (object.index) text += "/" + std::to_string(*object.index) + object.pointer;
    Json::json_pointer pointer(text);
    std::vector<std::string> tokens;
    for (; !pointer.empty(); pointer.pop_back()) tokens.insert(tokens.begin(), pointer.back());
    places.push_back(std::move(tokens));
  }
  const auto later = [](const std::vector<std::string>& a, const std::vector<std::string>& b) {
    for (size_t i = 0; i < a.size() && i < b.size(); ++i) {
      if (a[i] == b[i]) continue;
      const bool numbers = !a[i].empty() && !b[i].empty() &&
                           a[i].find_first_not_of("0123456789") == std::string::npos &&
                           b[i].find_first_not_of("0123456789") == std::string::npos;
      if (numbers && a[i].size() != b[i].size()) return a[i].size() > b[i].size();
      return a[i] > b[i];
    }
    return a.size() > b.size();
  };
  std::sort(places.begin(), places.end(), later);
  places.erase(std::unique(places.begin(), places.end()), places.end());
  std::vector<Json::json_pointer> pointers;
  for (const std::vector<std::string>& tokens : places) {
    Json::json_pointer pointer;
    for (const std::string& token : tokens) pointer.push_back(token);
    pointers.push_back(std::move(pointer));
  }
  return pointers;
}

}  // namespace

Result<Json> DropInconsistentMetadata(CommandState& state, const Command& command,
                                      const CommandContext& context) {
  const std::vector<InconsistentObject> inconsistent = FindInconsistent(state.metadata, context);
  Json document = state.metadata.document();
  for (const Json::json_pointer& place : PlacesToErase(inconsistent)) {
    if (!document.contains(place)) continue;  // inside an object erased already
    Json& parent = document.at(place.parent_pointer());
    if (parent.is_array()) {
      parent.erase(std::stoul(place.back()));
    } else {
      parent.erase(place.back());
    }
  }
  // A table whose last relationship went keeps no empty list, as export writes it.
  if (document.contains("sources") && document["sources"].is_array()) {
    for (Json& source : document["sources"]) {
      if (!source.is_object() || !source.contains("tables") || !source["tables"].is_array()) {
        continue;
      }
      for (Json& table : source["tables"]) {
        if (table.is_object()) table = CanonicalTable(table);
      }
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
