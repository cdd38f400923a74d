#pragma once
// The metadata API (`POST /v1/metadata`, DESIGN.md §1, §6) as pure functions: a request body and
// the current Metadata → the response and the next Metadata. Nothing here does I/O; the server
// persists the result (store.h) and installs a new Snapshot.
//
//   {"type":"replace_metadata","args":{…},"version":1,"resource_version":4}
//   {"type":"bulk","args":[{"type":"clear_metadata","args":{}}, …]}
//
// Commands: export_metadata, replace_metadata, clear_metadata, reload_metadata,
// get_inconsistent_metadata, drop_inconsistent_metadata, and bulk (atomic: every command applies
// or none does); for Postgres (prefix "pg_" or "postgres_") add_source, drop_source, track_table,
// untrack_table, set_table_customization, set_table_is_enum, create_object_relationship,
// create_array_relationship, drop_relationship, rename_relationship, set_relationship_comment and
// create_remote_relationship, update_remote_relationship, delete_remote_relationship
// (source_commands.h, table_commands.h, relationship_commands.h,
// remote_relationship_commands.h); add_remote_schema, update_remote_schema,
// remove_remote_schema, reload_remote_schema, introspect_remote_schema and
// create/update/delete_remote_schema_remote_relationship (remote_schema_commands.h); and, read-only
// from the catalogs the engine introspected, get_source_tables and get_table_info for Postgres and
// SQLite (catalog_commands.h).
//
// With "version":2, replace_metadata and export_metadata answer Hasura's v2 shapes. Hasura
// commands Junction does not implement yet answer not-supported; names Hasura does not know answer
// Hasura's parse error.
//
// Like Hasura, a command that changes a source, table or relationship is refused when the
// metadata it leaves has inconsistent objects that were not inconsistent before: with code
// invalid-configuration and the object's reasons ("Inconsistent object: no such table/view
// exists in source: \"foo\"") when the object it changed is among them, otherwise with code
// unexpected ("cannot continue due to new inconsistent metadata"); `internal` lists them. Objects
// are told apart by their names (source_metadata.h).
//
// Errors carry Hasura's JSON path: `$.args…` for a direct command, `$.args[2].args…` inside
// a bulk.
// A request whose resource_version is not the current one, and which changes metadata, fails with
// code `conflict` (HTTP 409).

#include <functional>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"
#include "metadata/catalog.h"
#include "metadata/inconsistent_object.h"
#include "metadata/metadata.h"
#include "metadata/remote_schema.h"

namespace junction::metadata {

// What the commands need from the layers above, injected so metadata/ stays below schema/.
struct CommandContext {
  // The objects of `metadata` that the engine could not serve (schema::FindInconsistentObjects).
  std::function<std::vector<InconsistentObject>(const Metadata&)> find_inconsistent_objects;
  // The catalog the engine introspected for `source`, or null when it has none (unknown or
  // unreachable source). Used to follow object relationships on a foreign key of their own table
  // to the table they point to (pg_untrack_table's dependencies) and to refuse a relationship
  // named like a column. Optional: without it those checks are skipped.
  std::function<const Catalog*(std::string_view source)> find_catalog;
  // What the engine last introspected from remote schema `name`: its catalog, or the Error that
  // made it inconsistent; null when it never introspected it. Used by introspect_remote_schema,
  // and by add/update_remote_schema to fail with the introspection's own error. Optional.
  std::function<const Result<RemoteSchemaCatalog>*(std::string_view name)>
      find_remote_schema_catalog;
};

// One request of the metadata API with its envelope read.
struct Command {
  std::string type;
  std::optional<Json> args;  // absent when the request has no "args"
  int version = 1;           // 1 or 2
  std::string path = "$";    // where the request object sits in the body
};

// The metadata a request works on. The commands of a bulk share one, so a failure leaves the
// caller's metadata untouched.
struct CommandState {
  Metadata metadata;
  bool modified = false;  // whether the metadata must be persisted (even if it is unchanged)

  // What reload_metadata asks of the engine (its "reload_sources": true, or a list of names).
  // The commands cannot do I/O, so the engine, seeing either set after a request ran, reconnects
  // to those sources and re-introspects their catalogs, then runs the request once more against
  // the fresh catalogs so the response and the consistency checks reflect the databases as they
  // are now.
  bool reload_all_sources = false;
  std::set<std::string> sources_to_reload = {};
  // Likewise for remote schemas (reload_metadata's "reload_remote_schemas", reload_remote_schema):
  // the engine introspects them again.
  bool reload_all_remote_schemas = false;
  std::set<std::string> remote_schemas_to_reload = {};
};

// Reads {type, args?, version?} at `path`.
Result<Command> ParseCommand(const Json& request, std::string path);

// Runs one command (bulk included) against `state`, returning its response.
Result<Json> RunCommand(CommandState& state, const Command& command, const CommandContext& context);

struct MetadataResponse {
  Metadata metadata;  // the metadata after the request (resource_version incremented if modified)
  Json body;          // the response
  bool modified = false;
  // The request's reload_metadata asked for these sources to be read again (CommandState).
  bool reload_all_sources = false;
  std::set<std::string> sources_to_reload = {};
  bool reload_all_remote_schemas = false;
  std::set<std::string> remote_schemas_to_reload = {};
};

// Runs a whole /v1/metadata body against `current`.
Result<MetadataResponse> RunMetadataRequest(const Metadata& current, const Json& body,
                                            const CommandContext& context);

}  // namespace junction::metadata
