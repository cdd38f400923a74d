#include "metadata/metadata_directory.h"

#include <sys/stat.h>

#include <algorithm>
#include <set>
#include <system_error>
#include <utility>
#include <vector>

#include "common/file_io.h"
#include "metadata/yaml.h"

namespace junction::metadata {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view kVersionFile = "version.yaml";
constexpr std::string_view kDatabasesFile = "databases/databases.yaml";
constexpr std::string_view kActionsFile = "actions.yaml";
constexpr std::string_view kActionsGraphqlFile = "actions.graphql";

// A top-level file holding one section of the document.
struct SectionFile {
  std::string_view file;
  std::string_view key;
  bool is_list;  // a list of entries; otherwise one mapping
};

// In the order Hasura's CLI lists its metadata objects.
constexpr SectionFile kSectionFiles[] = {
    {"remote_schemas.yaml", "remote_schemas", true},
    {"query_collections.yaml", "query_collections", true},
    {"allow_list.yaml", "allowlist", true},
    {"cron_triggers.yaml", "cron_triggers", true},
    {"rest_endpoints.yaml", "rest_endpoints", true},
    {"api_limits.yaml", "api_limits", false},
    {"metrics_config.yaml", "metrics_config", false},
    {"inherited_roles.yaml", "inherited_roles", true},
    {"graphql_schema_introspection.yaml", "graphql_schema_introspection", false},
    {"network.yaml", "network", false},
    {"backend_configs.yaml", "backend_configs", false},
    {"opentelemetry.yaml", "opentelemetry", false},
};

// The keys of a databases.yaml entry that Hasura's CLI writes first, in its order (its Source
// struct); other keys follow in the document's order, then `tables` and `functions`.
constexpr std::string_view kSourceKeyOrder[] = {
    "name",          "kind",         "configuration",       "query_tags",
    "customization", "health_check", "custom_return_types", "native_queries",
};

constexpr std::string_view kCustomTypeLists[] = {"enums", "input_objects", "objects", "scalars"};

std::string Article(const Json& value) {
  const std::string_view type = JsonTypeName(value);
  return (type == "Object" || type == "Array" ? "an " : "a ") + std::string(type);
}

// ---------------------------------------------------------------------------------------------
// Reading

FileLocation InFile(const std::string& file, const junction::SourceLocation& mark) {
  return FileLocation{file, static_cast<int>(mark.line), static_cast<int>(mark.column)};
}

class DirectoryReader {
 public:
  explicit DirectoryReader(fs::path root) : root_(std::move(root)) {}

  Result<MetadataDirectory> Read() {
    Json document = Json::object();
    if (Status status = ReadVersion(document); !status) return status.error();
    if (Status status = ReadSources(document); !status) return status.error();
    for (const SectionFile& section : kSectionFiles) {
      if (Status status = ReadSection(section, document); !status) return status.error();
    }
    if (Status status = ReadActions(document); !status) return status.error();
    if (Status status = CheckActionsGraphql(); !status) return status.error();
    map_.Add("$", FileLocation{std::string(kVersionFile), 1, 1});

    Result<Metadata> metadata = Metadata::FromJson(document);
    if (!metadata) return Locate(std::move(metadata).error());
    return MetadataDirectory{std::move(metadata).value(), std::move(map_)};
  }

 private:
  // An error at the place `path` was read from: "file:line:column: message".
  Error At(std::string_view path, const std::string& message) const {
    Error error(ErrorCode::kParseFailed, message, std::string(path));
    return Locate(std::move(error));
  }

  Error Locate(Error error) const {
    if (std::optional<FileLocation> location = map_.Find(error.path)) {
      error.message = location->ToString() + ": " + error.message;
    }
    return error;
  }

  // Reads the YAML file `file` (relative to the directory) whose value sits at `path` of the
  // document, resolving its includes. nullopt when the file does not exist.
  Result<std::optional<Json>> ReadYamlFile(const std::string& file, const std::string& path) {
    Result<std::optional<std::string>> content = ReadFile(root_ / file);
    if (!content) return content.error();
    if (!content->has_value()) return std::optional<Json>();
    Result<YamlDocument> parsed = ParseYaml(**content);
    if (!parsed) {
      const Error& error = parsed.error();
      return Error(ErrorCode::kParseFailed,
                   InFile(file, error.locations.at(0)).ToString() + ": " + error.message, path);
    }
    for (const auto& [relative, mark] : parsed->marks) {
      map_.Add(path + relative.substr(1), InFile(file, mark));
    }
    including_.push_back(file);
    Status status = ResolveIncludes(parsed->value, file, path);
    including_.pop_back();
    if (!status) return status.error();
    return std::optional<Json>(std::move(parsed->value));
  }

  Status ResolveIncludes(Json& value, const std::string& file, const std::string& path) {
    if (value.is_string() && value.get_ref<const std::string&>().starts_with(kIncludePrefix)) {
      Result<Json> included = Include(value.get<std::string>(), file, path);
      if (!included) return included.error();
      value = std::move(included).value();
      return {};
    }
    if (value.is_array()) {
      for (size_t i = 0; i < value.size(); ++i) {
        if (Status status = ResolveIncludes(value[i], file, JsonPathIndex(path, i)); !status) {
          return status;
        }
      }
    } else if (value.is_object()) {
      for (auto& [key, member] : value.items()) {
        if (Status status = ResolveIncludes(member, file, JsonPathKey(path, key)); !status) {
          return status;
        }
      }
    }
    return {};
  }

  // The content of "!include <target>" found in `file` at `path`: a YAML file's value, or any
  // other file's text (as Hasura's CLI reads a non-.yaml include).
  Result<Json> Include(const std::string& reference, const std::string& file,
                       const std::string& path) {
    // Hasura's CLI trims quotes around the file name.
    std::string target = reference.substr(kIncludePrefix.size());
    const size_t first = target.find_first_not_of(" \"");
    target = first == std::string::npos
                 ? ""
                 : target.substr(first, target.find_last_not_of(" \"") - first + 1);
    if (target.empty()) return At(path, "!include without a file name");
    const fs::path joined = (fs::path(file).parent_path() / target).lexically_normal();
    if (joined.is_absolute() || joined.empty() || *joined.begin() == "..") {
      return At(path, "!include " + target + ": the file is outside the metadata directory");
    }
    const std::string included = joined.generic_string();
    if (std::find(including_.begin(), including_.end(), included) != including_.end()) {
      std::string cycle;
      for (const std::string& step : including_) cycle += step + " → ";
      return At(path, "!include " + target + ": include cycle: " + cycle + included);
    }
    const std::string extension = joined.extension().string();
    if (extension == ".yaml" || extension == ".yml") {
      const Error missing = At(path, "!include " + target + ": no such file " + included);
      Result<std::optional<Json>> value = ReadYamlFile(included, path);
      if (!value) return value.error();
      if (!value->has_value()) return missing;
      return std::move(**value);
    }
    Result<std::optional<std::string>> text = ReadFile(root_ / included);
    if (!text) return text.error();
    if (!text->has_value()) return At(path, "!include " + target + ": no such file " + included);
    map_.Add(path, FileLocation{included, 1, 1});
    return Json(std::move(**text));
  }

  Status ReadVersion(Json& document) {
    Result<std::optional<Json>> version = ReadYamlFile(std::string(kVersionFile), "$");
    if (!version) return version.error();
    if (!version->has_value()) {
      return Error(ErrorCode::kParseFailed,
                   "version.yaml: missing; a metadata directory (config v3) starts with a "
                   "version.yaml holding \"version: 3\"");
    }
    const Json& value = **version;
    const Json* number =
        value.is_object() && value.contains("version") ? &value["version"] : nullptr;
    if (number == nullptr || !number->is_number_integer() || number->get<int64_t>() != 3) {
      const std::string found = number == nullptr ? "no version" : "version " + number->dump();
      return At(number == nullptr ? "$" : "$.version",
                "expected \"version: 3\" (a config v3 metadata directory), found " + found);
    }
    document["version"] = 3;
    return {};
  }

  Status ReadSources(Json& document) {
    Result<std::optional<Json>> sources = ReadYamlFile(std::string(kDatabasesFile), "$.sources");
    if (!sources) return sources.error();
    Json value = sources->value_or(Json(nullptr));
    if (value.is_null()) value = Json::array();
    if (!value.is_array()) {
      return At("$.sources", "expected a list of sources, found " + Article(value));
    }
    for (size_t i = 0; i < value.size(); ++i) {
      if (!value[i].is_object()) continue;  // Metadata::FromJson names the problem
      for (std::string_view key : {"tables", "functions"}) {
        const auto member = value[i].find(key);
        if (member == value[i].end() || member->is_array()) continue;
        return At(JsonPathKey(JsonPathIndex("$.sources", i), key),
                  "expected a list of " + std::string(key) + ", found " + Article(*member));
      }
    }
    document["sources"] = std::move(value);
    return {};
  }

  Status ReadSection(const SectionFile& section, Json& document) {
    const std::string path = JsonPathKey("$", section.key);
    Result<std::optional<Json>> value = ReadYamlFile(std::string(section.file), path);
    if (!value) return value.error();
    if (!value->has_value() || (*value)->is_null()) return {};
    const Json& content = **value;
    if (section.is_list ? !content.is_array() : !content.is_object()) {
      return At(path, std::string("expected ") + (section.is_list ? "a list" : "a mapping") +
                          ", found " + Article(content));
    }
    document[std::string(section.key)] = content;
    return {};
  }

  // actions.yaml: {actions: [...], custom_types: {...}}; custom_types whose lists are all empty
  // (what Hasura's CLI writes for a project without actions) is no section.
  Status ReadActions(Json& document) {
    Result<std::optional<Json>> value = ReadYamlFile(std::string(kActionsFile), "$");
    if (!value) return value.error();
    if (!value->has_value() || (*value)->is_null()) return {};
    const Json& content = **value;
    if (!content.is_object()) {
      return Error(ErrorCode::kParseFailed,
                   "actions.yaml:1:1: expected a mapping with actions and custom_types, found " +
                       Article(content));
    }
    for (const auto& [key, member] : content.items()) {
      if (key == "actions") {
        document["actions"] = member;
      } else if (key == "custom_types") {
        if (!IsEmptyCustomTypes(member)) document["custom_types"] = member;
      } else {
        return At(JsonPathKey("$", key), "unexpected key \"" + key +
                                             "\" in actions.yaml (expected actions and "
                                             "custom_types)");
      }
    }
    return {};
  }

  static bool IsEmptyCustomTypes(const Json& value) {
    if (!value.is_object()) return false;
    for (const auto& [key, member] : value.items()) {
      const bool known = std::find(std::begin(kCustomTypeLists), std::end(kCustomTypeLists), key) !=
                         std::end(kCustomTypeLists);
      if (!known || !(member.is_null() || (member.is_array() && member.empty()))) return false;
    }
    return true;
  }

  // Hasura's CLI keeps actions' argument and output types as SDL in actions.graphql and merges
  // them into actions.yaml through its extension; Junction reads actions from actions.yaml alone
  // and refuses SDL it would otherwise silently ignore.
  Status CheckActionsGraphql() const {
    Result<std::optional<std::string>> text = ReadFile(root_ / kActionsGraphqlFile);
    if (!text) return text.error();
    if (!text->has_value()) return {};
    int line = 1;
    size_t line_start = 0;
    const std::string& content = **text;
    for (size_t i = 0; i <= content.size(); ++i) {
      if (i < content.size() && content[i] != '\n') continue;
      const std::string_view row(content.data() + line_start, i - line_start);
      const size_t first = row.find_first_not_of(" \t\r,");
      if (first != std::string_view::npos && row[first] != '#') {
        return Error(ErrorCode::kNotSupported,
                     std::string(kActionsGraphqlFile) + ":" + std::to_string(line) + ":" +
                         std::to_string(first + 1) +
                         ": action definitions in GraphQL SDL are not supported; keep "
                         "actions.graphql empty and give each action's arguments, output type "
                         "and custom_types in actions.yaml");
      }
      ++line;
      line_start = i + 1;
    }
    return {};
  }

  fs::path root_;
  SourceMap map_;
  std::vector<std::string> including_;  // the files being read, outermost first
};

// ---------------------------------------------------------------------------------------------
// Writing

// `name` usable as one path component: no '/' or NUL, and not "", "." or "..".
std::string FileComponent(std::string name) {
  std::replace(name.begin(), name.end(), '/', '_');
  std::replace(name.begin(), name.end(), '\0', '_');
  if (name.empty() || name == "." || name == "..") name = "_" + name;
  return name;
}

// `name` ("public_author.yaml"), or the first of name_2, name_3, … not in `used`; claims it.
std::string Claim(const std::string& name, std::set<std::string>& used) {
  const size_t dot = name.rfind('.');
  const std::string stem = dot == std::string::npos ? name : name.substr(0, dot);
  const std::string extension = dot == std::string::npos ? "" : name.substr(dot);
  std::string candidate = name;
  for (int n = 2; used.contains(candidate); ++n) {
    candidate = stem + "_" + std::to_string(n) + extension;
  }
  used.insert(candidate);
  return candidate;
}

std::string StringMember(const Json& object, std::string_view key) {
  const auto it = object.find(key);
  return it != object.end() && it->is_string() ? it->get<std::string>() : "";
}

// The file of a table or function named `name` ({schema,name}, {dataset,name}, a bare name in
// public, or a data connector's array of name parts).
std::string ObjectFileName(const Json& name) {
  std::string stem;
  if (name.is_string()) {
    stem = "public_" + name.get<std::string>();
  } else if (name.is_object()) {
    std::string space = StringMember(name, "schema");
    if (space.empty()) space = StringMember(name, "dataset");
    if (space.empty()) space = "public";
    stem = space + "_" + StringMember(name, "name");
  } else if (name.is_array()) {
    for (const Json& part : name) {
      if (!stem.empty()) stem += '_';
      stem += part.is_string() ? part.get<std::string>() : part.dump();
    }
  } else {
    stem = "object";
  }
  return FileComponent(stem + ".yaml");
}

// Writes `entries` (a source's tables or functions) as one file each under `folder` plus the
// index file `index`; returns the include reference of the index, relative to databases/.
std::string WriteEntries(const Json& entries, std::string_view name_key, const std::string& folder,
                         std::string_view index, std::map<std::string, std::string>& files) {
  std::set<std::string> used = {std::string(index)};
  Json includes = Json::array();
  for (const Json& entry : entries) {
    const Json name = entry.is_object() && entry.contains(name_key) ? entry[std::string(name_key)]
                                                                    : Json(nullptr);
    const std::string file = Claim(ObjectFileName(name), used);
    files["databases/" + folder + "/" + file] = EmitYaml(entry);
    includes.push_back(std::string(kIncludePrefix) + file);
  }
  files["databases/" + folder + "/" + std::string(index)] = EmitYaml(includes);
  return std::string(kIncludePrefix) + folder + "/" + std::string(index);
}

// One databases.yaml entry, its tables and functions written to their own files.
Json SourceEntry(const Json& source, const std::string& folder,
                 std::map<std::string, std::string>& files) {
  if (!source.is_object()) return source;
  Json entry = Json::object();
  for (std::string_view key : kSourceKeyOrder) {
    if (const auto it = source.find(key); it != source.end()) entry[std::string(key)] = *it;
  }
  for (const auto& [key, value] : source.items()) {
    if (key == "tables" || key == "functions" || entry.contains(key)) continue;
    entry[key] = value;
  }
  const auto tables = source.find("tables");
  if (tables == source.end() || tables->is_array()) {
    const Json none = Json::array();
    entry["tables"] = WriteEntries(tables == source.end() ? none : *tables, "table",
                                   folder + "/tables", "tables.yaml", files);
  } else {
    entry["tables"] = *tables;
  }
  if (const auto functions = source.find("functions"); functions != source.end()) {
    entry["functions"] = functions->is_array() && !functions->empty()
                             ? Json(WriteEntries(*functions, "function", folder + "/functions",
                                                 "functions.yaml", files))
                             : *functions;
  }
  return entry;
}

void WriteSources(const Json& sources, std::map<std::string, std::string>& files) {
  Json list = Json::array();
  std::set<std::string> folders;
  for (const Json& source : sources) {
    const std::string folder = Claim(FileComponent(StringMember(source, "name")), folders);
    list.push_back(SourceEntry(source, folder, files));
  }
  files[std::string(kDatabasesFile)] = EmitYaml(list);
}

Json ActionsFile(const Metadata& metadata) {
  Json file = Json::object();
  const Json* actions = metadata.Find("actions");
  file["actions"] = actions != nullptr ? *actions : Json::array();
  if (const Json* custom_types = metadata.Find("custom_types")) {
    file["custom_types"] = *custom_types;
  } else {
    Json empty = Json::object();
    for (std::string_view key : kCustomTypeLists) empty[std::string(key)] = Json::array();
    file["custom_types"] = std::move(empty);
  }
  return file;
}

Error WriteError(const fs::path& path, const std::error_code& error) {
  return Error(ErrorCode::kUnexpected, "cannot write " + path.string() + ": " + error.message());
}

// Writes `content` to `path` unless it already holds it. A new file gets 0600 (metadata can hold
// credentials); an existing one keeps its permissions.
Status WriteIfChanged(const fs::path& path, const std::string& content) {
  Result<std::optional<std::string>> current = ReadFile(path);
  if (!current) return current.error();
  if (current->has_value() && **current == content) return {};
  mode_t mode = 0600;
  if (struct stat info; current->has_value() && ::stat(path.c_str(), &info) == 0) {
    mode = info.st_mode & 07777;
  }
  std::error_code error;
  fs::create_directories(path.parent_path(), error);
  if (error) return WriteError(path.parent_path(), error);
  return WriteFileAtomically(path, content, mode);
}

// Removes the table and function files under databases/ that `files` no longer has, then the
// folders left empty. Other files are kept.
Status RemoveStaleFiles(const fs::path& dir, const std::map<std::string, std::string>& files) {
  std::error_code error;
  const fs::path databases = dir / "databases";
  if (!fs::is_directory(databases, error)) return {};
  std::vector<fs::path> folders;
  for (const fs::directory_entry& source : fs::directory_iterator(databases, error)) {
    if (source.is_directory(error)) folders.push_back(source.path());
  }
  if (error) return WriteError(databases, error);
  for (const fs::path& source : folders) {
    for (std::string_view kind : {"tables", "functions"}) {
      const fs::path folder = source / kind;
      if (!fs::is_directory(folder, error)) continue;
      std::vector<fs::path> stale;
      for (const fs::directory_entry& file : fs::directory_iterator(folder, error)) {
        const std::string relative = file.path().lexically_relative(dir).generic_string();
        if (file.path().extension() == ".yaml" && file.is_regular_file(error) &&
            !files.contains(relative)) {
          stale.push_back(file.path());
        }
      }
      for (const fs::path& file : stale) {
        if (!fs::remove(file, error) && error) return WriteError(file, error);
      }
      if (fs::is_empty(folder, error)) fs::remove(folder, error);
    }
    if (fs::is_empty(source, error)) fs::remove(source, error);
  }
  if (error) return WriteError(databases, error);
  return {};
}

}  // namespace

std::string FileLocation::ToString() const {
  return file + ":" + std::to_string(line) + ":" + std::to_string(column);
}

void SourceMap::Add(std::string path, FileLocation location) {
  locations_.insert_or_assign(std::move(path), std::move(location));
}

std::optional<FileLocation> SourceMap::Find(std::string_view path) const {
  size_t end = path.size();
  while (end > 0) {
    if (const auto it = locations_.find(path.substr(0, end)); it != locations_.end()) {
      return it->second;
    }
    const size_t cut = path.find_last_of(".[", end - 1);
    if (cut == std::string_view::npos || cut == 0) break;
    end = cut;
  }
  return std::nullopt;
}

Result<MetadataDirectory> ReadMetadataDirectory(const std::filesystem::path& dir) {
  return DirectoryReader(dir).Read();
}

std::map<std::string, std::string> MetadataDirectoryFiles(const Metadata& metadata) {
  std::map<std::string, std::string> files;
  files[std::string(kVersionFile)] = "version: 3\n";
  WriteSources(metadata.sources(), files);
  for (const SectionFile& section : kSectionFiles) {
    const Json* value = metadata.Find(section.key);
    const Json empty = section.is_list ? Json::array() : Json::object();
    files[std::string(section.file)] = EmitYaml(value != nullptr ? *value : empty);
  }
  files[std::string(kActionsFile)] = EmitYaml(ActionsFile(metadata));
  files[std::string(kActionsGraphqlFile)] = "";
  return files;
}

Status WriteMetadataDirectory(const std::filesystem::path& dir, const Metadata& metadata) {
  const std::map<std::string, std::string> files = MetadataDirectoryFiles(metadata);
  for (const auto& [relative, content] : files) {
    if (Status status = WriteIfChanged(dir / relative, content); !status) return status;
  }
  return RemoveStaleFiles(dir, files);
}

}  // namespace junction::metadata
