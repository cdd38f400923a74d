#include "metadata/metadata.h"

#include <iterator>
#include <set>
#include <string>
#include <utility>

#include "metadata/json_text.h"

namespace junction::metadata {
namespace {

// One top-level section of the v3 document, in the order Hasura's export writes them
// (metadataToOrdJSON in server/src-lib/Hasura/RQL/Types/Metadata.hs, plus opentelemetry last).
struct SectionSpec {
  std::string_view key;
  bool is_array;                // an array of entries; otherwise one object
  std::string_view entry_key;   // array entries: the key naming each entry (unique), or empty
  std::string_view entry_kind;  // what an entry is called in a duplicate error
};

constexpr SectionSpec kSections[] = {
    {"sources", true, "name", "source"},
    {"remote_schemas", true, "name", "remote_schema"},
    {"query_collections", true, "name", "query_collection"},
    {"allowlist", true, "collection", "allowlist"},
    {"actions", true, "name", "action"},
    {"custom_types", false, "", ""},
    {"cron_triggers", true, "name", "cron_trigger"},
    {"rest_endpoints", true, "name", "endpoint"},
    {"api_limits", false, "", ""},
    {"metrics_config", false, "", ""},
    {"inherited_roles", true, "role_name", "inherited_role"},
    {"graphql_schema_introspection", false, "", ""},
    {"network", false, "", ""},
    {"backend_configs", false, "", ""},
    {"opentelemetry", false, "", ""},
};

const SectionSpec* FindSpec(std::string_view key) {
  for (const SectionSpec& spec : kSections) {
    if (spec.key == key) return &spec;
  }
  return nullptr;
}

bool IsEmptySection(const Json& value) {
  return (value.is_array() || value.is_object()) && value.empty();
}

Status CheckVersion(const Json& document) {
  const auto it = document.find("version");
  // Hasura reads a document without "version" as version 1.
  if (it == document.end()) {
    return Error(ErrorCode::kNotSupported,
                 "cannot import metadata without sources since no default source is defined");
  }
  const Json& version = *it;
  if (!version.is_number_integer() && !version.is_number_unsigned()) {
    return TypeMismatch("$.version", "Int", "Number", version);
  }
  const int64_t number = version.get<int64_t>();
  if (number == 1 || number == 2) {
    // A version 1 or 2 document describes the tables of the default Postgres source, which
    // Junction does not have (Hasura answers the same when started without a database URL).
    return Error(ErrorCode::kNotSupported,
                 "cannot import metadata without sources since no default source is defined");
  }
  if (number != 3) {
    return Error(ErrorCode::kParseFailed,
                 "expected 1, 2 or 3, encountered " + std::to_string(number), "$.version");
  }
  return {};
}

// Checks an array section's entries: objects, each named by a unique string.
Status CheckEntries(const SectionSpec& spec, const Json& entries, const std::string& path) {
  std::set<std::string, std::less<>> names;
  for (size_t i = 0; i < entries.size(); ++i) {
    const Json& entry = entries[i];
    const std::string entry_path = JsonPathIndex(path, i);
    if (!entry.is_object()) {
      return TypeMismatch(entry_path, spec.entry_kind, "Object", entry);
    }
    const auto name = entry.find(spec.entry_key);
    if (name == entry.end()) return MissingKey(entry_path, spec.entry_key);
    const std::string name_path = JsonPathKey(entry_path, spec.entry_key);
    if (!name->is_string()) return TypeMismatch(name_path, "Text", "String", *name);
    const std::string& text = name->get_ref<const std::string&>();
    if (!names.insert(text).second) {
      // Hasura would keep only one of them; refusing keeps the document from losing an entry.
      return Error(ErrorCode::kParseFailed,
                   "multiple definitions for " + std::string(spec.entry_kind) + " " + text,
                   name_path);
    }
    if (spec.key == "sources") {
      if (const auto kind = entry.find("kind"); kind != entry.end() && !kind->is_string()) {
        return TypeMismatch(JsonPathKey(entry_path, "kind"), "Text", "String", *kind);
      }
    }
  }
  return {};
}

Status CheckSection(const SectionSpec& spec, const Json& value) {
  const std::string path = JsonPathKey("$", spec.key);
  if (spec.is_array) {
    if (!value.is_array()) return TypeMismatch(path, spec.key, "Array", value);
    return CheckEntries(spec, value, path);
  }
  if (!value.is_object()) return TypeMismatch(path, spec.key, "Object", value);
  return {};
}

}  // namespace

Metadata::Metadata() : document_(Json::object()) {
  document_["version"] = 3;
  document_["sources"] = Json::array();
}

Result<Metadata> Metadata::FromJson(const Json& document) {
  if (!document.is_object()) return TypeMismatch("$", "Metadata", "Object", document);
  if (Status status = CheckVersion(document); !status) return status.error();
  if (!document.contains("sources")) return MissingKey("$", "sources");

  Json canonical = Json::object();
  canonical["version"] = 3;
  for (const SectionSpec& spec : kSections) {
    const auto it = document.find(spec.key);
    if (it == document.end()) continue;
    if (Status status = CheckSection(spec, *it); !status) return status.error();
    if (spec.key != "sources" && IsEmptySection(*it)) continue;
    canonical[std::string(spec.key)] = *it;
  }
  for (const auto& [key, value] : document.items()) {
    if (key == "version" || FindSpec(key) != nullptr) continue;
    canonical[key] = value;
  }
  return Metadata(std::move(canonical));
}

std::string Metadata::ToText() const { return DumpJson(document_); }

const Json* Metadata::Find(std::string_view key) const {
  const auto it = document_.find(key);
  return it == document_.end() ? nullptr : &*it;
}

const Json& Metadata::sources() const { return *Find("sources"); }

}  // namespace junction::metadata
