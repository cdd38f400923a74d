#pragma once
// The legacy query APIs, `POST /v1/query` and `POST /v2/query` (DESIGN.md §1), as a function of
// the current metadata, like the metadata API (metadata/commands.h):
//
//   {"type":"run_sql","args":{"source":"default","sql":"SELECT 1"}}
//   {"type":"bulk","args":[…]}
//
// /v1/query runs bulk, run_sql, and the metadata-management commands Hasura also accepts there
// (export/replace/clear/reload_metadata, get/drop_inconsistent_metadata); /v2/query runs bulk and
// run_sql. With no sources yet, run_sql answers Hasura's not-exists error for its source. Other
// Hasura query types answer not-supported; unknown ones parse-failed. A bulk is atomic.

#include "common/result.h"
#include "metadata/commands.h"

namespace junction::server {

enum class QueryApi { kV1, kV2 };

Result<metadata::MetadataResponse> RunQueryRequest(QueryApi api, const metadata::Metadata& current,
                                                   const metadata::Json& body,
                                                   const metadata::CommandContext& context);

}  // namespace junction::server
