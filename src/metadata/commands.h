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
// or none does). With "version":2, replace_metadata and export_metadata answer Hasura's v2 shapes.
// Hasura commands Junction does not implement yet answer not-supported; names Hasura does not
// know answer Hasura's parse error.
//
// Errors carry Hasura's JSON path: `$.args…` for a direct command, `$.args[2].args…` inside
// a bulk.
// A request whose resource_version is not the current one, and which changes metadata, fails with
// code `conflict` (HTTP 409).

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "common/result.h"
#include "metadata/inconsistent_object.h"
#include "metadata/metadata.h"

namespace junction::metadata {

// What the commands need from the layers above, injected so metadata/ stays below schema/.
struct CommandContext {
  // The objects of `metadata` that the engine could not serve (schema::FindInconsistentObjects).
  std::function<std::vector<InconsistentObject>(const Metadata&)> find_inconsistent_objects;
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
};

// Reads {type, args?, version?} at `path`.
Result<Command> ParseCommand(const Json& request, std::string path);

// Runs one command (bulk included) against `state`, returning its response.
Result<Json> RunCommand(CommandState& state, const Command& command, const CommandContext& context);

struct MetadataResponse {
  Metadata metadata;  // the metadata after the request (resource_version incremented if modified)
  Json body;          // the response
  bool modified = false;
};

// Runs a whole /v1/metadata body against `current`.
Result<MetadataResponse> RunMetadataRequest(const Metadata& current, const Json& body,
                                            const CommandContext& context);

}  // namespace junction::metadata
