#pragma once
// Metadata: the engine's configuration as Hasura v2 stores it, the version-3 document that
// `export_metadata` returns (DESIGN.md §6), plus its resource_version. It is the input of the
// control plane: commands (commands.h) turn one Metadata into the next, stores (store.h) persist
// it, and schema::BuildSnapshot resolves it into what requests are served from.
//
//   {"version":3,"sources":[{"name":"default","kind":"postgres",…}],"remote_schemas":[…],…}
//
// The document is validated on the way in (FromJson) and kept in Hasura's canonical form: the
// top-level sections in the order Hasura's export writes them (version, sources, remote_schemas,
// query_collections, allowlist, actions, custom_types, cron_triggers, rest_endpoints, api_limits,
// metrics_config, inherited_roles, graphql_schema_introspection, network, backend_configs,
// opentelemetry), empty sections left out as Hasura leaves them out, and top-level keys Junction
// does not know kept after those, unchanged and in their order. What is inside a section is kept
// exactly as given, so a document Hasura exported reads back and prints byte for byte.
//
// Until the backends exist the sections are not interpreted beyond their shape (and the names
// that identify their entries); resolving them is schema/'s job, which reports what it cannot
// serve as inconsistent objects.

#include <cstdint>
#include <string>
#include <string_view>

#include "common/result.h"
#include "metadata/json_path.h"

namespace junction::metadata {

// The resource_version of metadata that was never changed (Hasura starts its catalog at 1).
inline constexpr int64_t kInitialResourceVersion = 1;

class Metadata {
 public:
  // Empty metadata: {"version":3,"sources":[]}.
  Metadata();

  // Validates a metadata document and brings it to canonical form. Errors are parse-failed (or,
  // for a version 1 or 2 document, which needs a default source, not-supported) with paths
  // relative to the document's root ("$.sources[0].name"); callers rebase them (RebasePath).
  static Result<Metadata> FromJson(const Json& document);

  // The canonical document.
  const Json& document() const { return document_; }
  // Compact JSON text of the document, as export_metadata sends it.
  std::string ToText() const;

  // The top-level section `key` ("sources", "remote_schemas", …), or null when absent.
  const Json* Find(std::string_view key) const;
  // The sources array (always present).
  const Json& sources() const;

  // Incremented by every change; a metadata request that names an older one is refused.
  int64_t resource_version() const { return resource_version_; }
  void set_resource_version(int64_t version) { resource_version_ = version; }

  friend bool operator==(const Metadata& a, const Metadata& b) {
    return a.resource_version_ == b.resource_version_ && a.document_ == b.document_;
  }

 private:
  explicit Metadata(Json document) : document_(std::move(document)) {}

  Json document_;
  int64_t resource_version_ = kInitialResourceVersion;
};

}  // namespace junction::metadata
