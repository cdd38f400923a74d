#pragma once
// The legacy query APIs, `POST /v1/query` and `POST /v2/query` (DESIGN.md §1), as a function of
// the current metadata, like the metadata API (metadata/commands.h):
//
//   {"type":"run_sql","args":{"source":"default","sql":"SELECT 1"}}
//   {"type":"bulk","args":[…]}
//
// /v1/query runs bulk and the metadata-management commands Hasura also accepts there
// (export/replace/clear/reload_metadata, get/drop_inconsistent_metadata), the remote
// relationship commands (create/update/delete_remote_relationship) and the remote schema ones
// (add/update/remove/reload_remote_schema, introspect_remote_schema); both read run_sql, which
// the Engine runs (run_sql.cc) since it needs the database: a top-level run_sql only (inside a
// bulk it answers not-supported). Other Hasura query types answer not-supported; unknown ones
// parse-failed. A bulk is atomic.

#include <string>
#include <string_view>

#include "common/result.h"
#include "metadata/commands.h"

namespace junction::server {

enum class QueryApi { kV1, kV2 };

// run_sql's arguments (Hasura's RunSQL).
struct RunSqlArgs {
  std::string source = "default";
  std::string sql;
  bool read_only = false;
  bool cascade = false;
  bool check_metadata_consistency = true;
};

// Whether `type` is run_sql (or, on /v2/query, a backend's name for it: citus_run_sql, …).
bool IsRunSqlCommand(QueryApi api, std::string_view type);

// Reads run_sql's args, with Hasura's errors and paths.
Result<RunSqlArgs> ReadRunSqlArgs(const metadata::Command& command);

Result<metadata::MetadataResponse> RunQueryRequest(QueryApi api, const metadata::Metadata& current,
                                                   const metadata::Json& body,
                                                   const metadata::CommandContext& context);

}  // namespace junction::server
