#pragma once
// pg_track_table, pg_untrack_table, pg_set_table_customization and pg_set_table_is_enum
// (Hasura's Hasura/Table/API.hs) as pure functions over the command's state; commands.cc
// dispatches to them and then checks that the change made no object inconsistent (tracking a table
// the database does not have is refused that way, with the engine's reason "Inconsistent object:
// no such table/view exists in source").
//
//   {"type":"pg_track_table","args":{"source":"default","table":{"schema":"public","name":"a"},
//     "configuration":{"custom_name":"Author","custom_root_fields":{"select":"authors"},
//                      "column_config":{"id":{"custom_name":"ID"}}}}}
//   {"type":"pg_track_table","args":{"table":"a","is_enum":true}}      (Hasura's v1 shape)
//   {"type":"pg_track_table","args":{"schema":"public","name":"a"}}    (just a table name)
//   {"type":"pg_untrack_table","args":{"table":"a","source":"default","cascade":true}}
//   {"type":"pg_set_table_customization","args":{"table":"a","configuration":{…}}}
//   {"type":"pg_set_table_is_enum","args":{"table":"a","is_enum":true}}
//
// A table is stored as Hasura's export writes it: {"table":{"name","schema"},"is_enum"?,
// "configuration"?} with the configuration normalized (the legacy custom_column_names merged into
// column_config, both written out, keys sorted) and left out when empty.
//
// Untracking refuses, without cascade, a table that relationships of other tracked tables point
// to (dependency-error "cannot drop due to the following dependent objects: relationship
// books.author in source \"default\""), or that remote relationships of other tables join to
// ("remote relationship orders.user in source \"db2\""); with cascade it drops those
// relationships too.
// Whether a table is tracked is read from the metadata (Hasura reads its schema cache, so it
// also calls an inconsistent table untracked).

#include "common/result.h"
#include "metadata/commands.h"
#include "metadata/source_metadata.h"

namespace junction::metadata {

Result<ObjectChange> TrackTable(CommandState& state, const Command& command,
                                const CommandContext& context);
Result<ObjectChange> UntrackTable(CommandState& state, const Command& command,
                                  const CommandContext& context);
Result<ObjectChange> SetTableCustomization(CommandState& state, const Command& command,
                                           const CommandContext& context);
Result<ObjectChange> SetTableIsEnum(CommandState& state, const Command& command,
                                    const CommandContext& context);

// Validates a table configuration at `path` and brings it to Hasura's exported form; null when it
// is empty (Hasura then leaves it out).
Result<Json> NormalizeTableConfiguration(const Json& configuration, const std::string& path);

}  // namespace junction::metadata
