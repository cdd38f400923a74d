#pragma once
// pg_add_source and pg_drop_source (Hasura's Hasura/RQL/DDL/Schema/Source.hs), and their sqlite_
// forms (a SQLite source: {"name":"shop","configuration":{"db":"shop.db"}}), as pure functions
// over the command's state; commands.cc dispatches to them and then checks that the change made no
// object inconsistent.
//
//   {"type":"pg_add_source","args":{"name":"db","replace_configuration":false,
//     "configuration":{"connection_info":{"database_url":{"from_env":"DB_URL"},
//       "pool_settings":{"max_connections":10},"isolation_level":"read-committed",
//       "use_prepared_statements":true}}}}
//   {"type":"pg_drop_source","args":{"name":"db","cascade":false}}
//
// The configuration is validated and stored as Hasura's export prints it: the defaults it fills
// in written out (isolation_level "read-committed", use_prepared_statements false), members it does
// not know dropped, keys sorted. Environment variables are not resolved here; the engine resolves
// them when it connects, and an unset one makes the source inconsistent.
//
// A source that exists is refused (already-exists) unless replace_configuration is true, which
// replaces its configuration, drops its customization and keeps its tables. A customization
// with any non-null member is refused (not-supported at $.args.customization): Junction does not
// apply source customization to the schema yet. Dropping refuses a source that does not exist,
// and, without cascade, a source that remote relationships of other sources' tables join to
// (dependency-error "cannot drop due to the following dependent objects: remote relationship
// orders.user in source \"default\""); with cascade it deletes those relationships too.

#include "common/result.h"
#include "metadata/commands.h"
#include "metadata/source_metadata.h"

namespace junction::metadata {

Result<ObjectChange> AddSource(CommandState& state, const Command& command,
                               const CommandContext& context);
Result<ObjectChange> DropSource(CommandState& state, const Command& command,
                                const CommandContext& context);

// Validates a Postgres source configuration at `path` and brings it to Hasura's exported form.
Result<Json> NormalizePostgresConfiguration(const Json& configuration, const std::string& path);

// Validates a SQLite source configuration at `path` ({"db", "read_only"?, "busy_timeout"?}, or
// Hasura's data-connector form {"value": {…}, "template", "timeout"}), kept as given with its
// keys sorted.
Result<Json> NormalizeSqliteConfiguration(const Json& configuration, const std::string& path);

// The kind of source a command is for: "sqlite" for sqlite_…, else "postgres".
std::string_view CommandKind(const Command& command);

}  // namespace junction::metadata
