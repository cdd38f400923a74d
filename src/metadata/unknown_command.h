#pragma once
// The answer to a metadata command Junction does not run. Hasura's metadata API has about a
// hundred commands (server/src-lib/Hasura/Server/API/Metadata.hs); those Junction does not
// implement yet answer not-supported, so a user sees that the command exists but is not available
// here, while a name Hasura does not know either gets Hasura's own parse error. commands.cc runs
// the Postgres and SQLite source, table, relationship and select-permission commands, and their
// get_source_tables and get_table_info, before asking here, which is why the lists in
// unknown_command.cc still name them: for the other backends ("mssql_track_table",
// "mssql_get_source_tables").
//
//   "pg_create_insert_permission"  → not-supported  metadata command
//                     "pg_create_insert_permission" is not supported by Junction yet
//   "pg_frobnicate"   → parse-failed   unknown metadata command "frobnicate" for backend postgres
//   "frobnicate"      → parse-failed   unknown metadata command "frobnicate"; "frobnicate" was not
//                                      recognized as a valid backend name

#include <string>
#include <string_view>

#include "common/error.h"

namespace junction::metadata {

// REQUIRES: `type` is not a command Junction runs. `path` is where the request sits ("$").
Error UnknownMetadataCommand(std::string_view type, std::string path);

}  // namespace junction::metadata
