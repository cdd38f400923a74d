#include "schema/inconsistencies.h"

#include <string>
#include <string_view>
#include <utility>

#include "metadata/remote_schema_commands.h"
#include "schema/resolve.h"
#include "schema/role_model.h"

namespace junction::schema {
namespace {

using metadata::InconsistentObject;
using metadata::Json;

constexpr std::string_view kPrefix = "Inconsistent object: ";

std::string NameOf(const Json& entry, std::string_view key) {
  const auto it = entry.find(key);
  return it != entry.end() && it->is_string() ? it->get<std::string>() : std::string();
}

// Every entry of the array section `section` is inconsistent for `reason`.
void AddEntries(const metadata::Metadata& metadata, std::string_view section, std::string_view type,
                std::string_view what, std::vector<InconsistentObject>& out) {
  const Json* entries = metadata.Find(section);
  if (entries == nullptr) return;
  for (size_t i = 0; i < entries->size(); ++i) {
    const Json& entry = (*entries)[i];
    out.push_back({std::string(type), std::string(type) + " " + NameOf(entry, "name"),
                   std::string(kPrefix) + std::string(what) + " are not supported by Junction yet",
                   entry, std::string(section), i});
  }
}

void AddSection(const metadata::Metadata& metadata, std::string_view section,
                std::string_view reason, std::vector<InconsistentObject>& out) {
  const Json* value = metadata.Find(section);
  out.push_back({std::string(section), std::string(section),
                 std::string(kPrefix) + std::string(reason), *value, std::string(section),
                 std::nullopt});
}

bool LimitsDisabled(const Json& limits) {
  const auto disabled = limits.find("disabled");
  return disabled != limits.end() && disabled->is_boolean() && disabled->get<bool>();
}

bool DisablesIntrospection(const Json& options) {
  const auto roles = options.find("disabled_for_roles");
  return roles != options.end() && roles->is_array() && !roles->empty();
}

}  // namespace

std::vector<InconsistentObject> FindInconsistentObjects(
    const metadata::Metadata& metadata, const metadata::Catalogs& catalogs,
    const metadata::RemoteSchemaCatalogs& remote_schemas) {
  Resolved resolved = ResolveSources(metadata, catalogs, remote_schemas);
  std::vector<InconsistentObject> out = std::move(resolved.inconsistent_objects);
  for (InconsistentObject& object :
       ResolveRoleModels(metadata, resolved.model).inconsistent_objects) {
    out.push_back(std::move(object));
  }
  for (InconsistentObject& object : FindUnintrospectedRemoteSchemas(metadata, remote_schemas)) {
    out.push_back(std::move(object));
  }
  for (InconsistentObject& object : FindUnsupportedSections(metadata)) {
    out.push_back(std::move(object));
  }
  return out;
}

std::vector<InconsistentObject> FindUnintrospectedRemoteSchemas(
    const metadata::Metadata& metadata, const metadata::RemoteSchemaCatalogs& remote_schemas) {
  std::vector<InconsistentObject> out;
  const Json* entries = metadata.Find("remote_schemas");
  if (entries == nullptr || !entries->is_array()) return out;
  for (size_t i = 0; i < entries->size(); ++i) {
    const Json& entry = (*entries)[i];
    const std::string name = NameOf(entry, "name");
    const auto catalog = remote_schemas.find(name);
    if (catalog != remote_schemas.end() && catalog->second) continue;
    // The engine introspects every remote schema before it installs metadata; a missing catalog
    // means it has not got to this one yet (a command's first run), reported so that no check
    // passes on a schema nobody has seen.
    std::string reason = catalog == remote_schemas.end()
                             ? "remote schema " + name + " has not been introspected"
                             : catalog->second.error().message;
    out.push_back({"remote_schema", metadata::RemoteSchemaObjectName(name),
                   std::string(kPrefix) + std::move(reason),
                   metadata::RemoteSchemaObjectDefinition(entry), "remote_schemas", i});
  }
  return out;
}

std::vector<InconsistentObject> FindUnsupportedSections(const metadata::Metadata& metadata) {
  std::vector<InconsistentObject> out;
  AddEntries(metadata, "actions", "action", "actions", out);
  AddEntries(metadata, "cron_triggers", "cron_trigger", "cron triggers", out);
  AddEntries(metadata, "rest_endpoints", "endpoint", "REST endpoints", out);
  if (const Json* limits = metadata.Find("api_limits"); limits && !LimitsDisabled(*limits)) {
    AddSection(metadata, "api_limits", "API limits are not enforced by Junction yet", out);
  }
  if (const Json* options = metadata.Find("graphql_schema_introspection");
      options && DisablesIntrospection(*options)) {
    AddSection(metadata, "graphql_schema_introspection",
               "disabling introspection for roles is not supported by Junction yet", out);
  }
  return out;
}

}  // namespace junction::schema
