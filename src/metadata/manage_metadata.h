#pragma once
// The commands that manage the metadata as a whole (Hasura's "Metadata management" group:
// server/src-lib/Hasura/RQL/DDL/Metadata.hs): export, replace, clear, reload, and the
// inconsistent-object pair. Each takes the shared CommandState of its request and its parsed
// Command; commands.cc dispatches to them. Responses follow Hasura's:
//
//   export_metadata v1     the document            v2  {"resource_version":n,"metadata":{…}}
//   replace_metadata v1    {"message":"success"}   v2 (or args with "metadata")
//                          {"is_consistent":true,"inconsistent_objects":[]}
//   clear_metadata, drop_inconsistent_metadata     {"message":"success"}
//   reload_metadata        {"message":"success","is_consistent":true}
//   get_inconsistent_metadata  {"is_consistent":…,"inconsistent_objects":[…]}

#include "common/result.h"
#include "metadata/commands.h"

namespace junction::metadata {

Result<Json> ExportMetadata(const CommandState& state, const Command& command);
Result<Json> ReplaceMetadata(CommandState& state, const Command& command,
                             const CommandContext& context);
Result<Json> ClearMetadata(CommandState& state);
// Args {reload_sources?, reload_remote_schemas?, recreate_event_triggers?}, each true (the default
// for the first two), false or a list of names; records the sources to read again in `state`.
Result<Json> ReloadMetadata(CommandState& state, const Command& command,
                            const CommandContext& context);
Result<Json> GetInconsistentMetadata(const CommandState& state, const CommandContext& context);
Result<Json> DropInconsistentMetadata(CommandState& state, const Command& command,
                                      const CommandContext& context);

// {"message":"success"}
Json SuccessMessage();

}  // namespace junction::metadata
