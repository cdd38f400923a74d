#pragma once
// FindInconsistentObjects: the objects of a metadata document the engine cannot serve, reported
// as Hasura reports inconsistent objects (metadata/inconsistent_object.h). The metadata commands
// refuse a change that makes objects inconsistent unless the caller allows it
// (allow_inconsistent_metadata), and BuildSnapshot serves everything else.
//
// Sources are resolved by ResolveSources (resolve.h): Postgres and SQLite sources table by table,
// other kinds reported whole as not supported, and remote schemas with their relationships; then
// select permissions (role_model.h); then remote schemas that could not be introspected. Other
// kinds of objects cannot be served yet either, and each of them is reported rather than silently
// ignored: actions, cron_triggers, rest_endpoints (each), api_limits unless
// disabled, graphql_schema_introspection when it disables introspection for some role. Sections
// that change nothing a request sees are kept and accepted: query_collections, allowlist (enforced
// only with a server flag Junction does not have), custom_types (used only by actions),
// inherited_roles (not applied yet: such a role gets only its own permissions, never more),
// network, backend_configs, metrics_config, opentelemetry. The issues that add backends and
// features shrink the list.

#include <vector>

#include "metadata/catalog.h"
#include "metadata/inconsistent_object.h"
#include "metadata/metadata.h"
#include "metadata/remote_schema.h"

namespace junction::schema {

std::vector<metadata::InconsistentObject> FindInconsistentObjects(
    const metadata::Metadata& metadata, const metadata::Catalogs& catalogs,
    const metadata::RemoteSchemaCatalogs& remote_schemas = {});

// The remote schemas the engine could not introspect: those whose catalog is an Error (reason
// "Inconsistent object: " and the Error's message, e.g. "HTTP exception occurred while sending
// the request to \"http://…\"") or that have no catalog. Type "remote_schema", name
// "remote_schema <name>" (metadata::RemoteSchemaObjectName).
std::vector<metadata::InconsistentObject> FindUnintrospectedRemoteSchemas(
    const metadata::Metadata& metadata, const metadata::RemoteSchemaCatalogs& remote_schemas);

// The inconsistent objects outside `sources` (FindInconsistentObjects without ResolveSources).
std::vector<metadata::InconsistentObject> FindUnsupportedSections(
    const metadata::Metadata& metadata);

}  // namespace junction::schema
