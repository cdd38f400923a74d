#pragma once
// `junction metadata …`: metadata as code against a running engine, over its /v1/metadata API
// (Hasura's `hasura metadata …` on Hasura's own directory layout, metadata/metadata_directory.h).
// This is a contract other tools depend on:
//
//   junction metadata export  [--dir DIR]   the server's metadata → DIR (written deterministically)
//   junction metadata apply   [--dir DIR]   DIR → the server (replace_metadata with the
//                                            resource_version just exported; all or nothing)
//   junction metadata diff    [--dir DIR]   what apply would change, object by object and as a
//                                            unified diff of the files
//   junction metadata inconsistency list    the server's inconsistent objects
//   junction metadata reload                reload_metadata (sources and remote schemas)
//
// Every subcommand takes --endpoint URL (default http://localhost:8080; env JUNCTION_ENDPOINT,
// then HASURA_GRAPHQL_ENDPOINT), --admin-secret S (env JUNCTION_ADMIN_SECRET, then
// HASURA_GRAPHQL_ADMIN_SECRET; sent as X-Hasura-Admin-Secret, never printed) and --timeout
// SECONDS (default 30, for each step of each request). --dir defaults to `metadata`. Precedence:
// flag > JUNCTION_* > HASURA_GRAPHQL_* > default; an empty variable counts as unset.
//
// Exit codes: 0 success (diff also when there are differences; inconsistency list and reload also
// when the metadata is inconsistent), 1 failure (message on stderr: a file:line:col of the
// directory, an inconsistent object, the unreachable endpoint, …), 2 usage error.
//
// Output of apply (stdout), one line per changed object, then a summary:
//   + source pg2
//   ~ table public.order (source default)
//   - remote schema forum_api
//   applied 3 changes from metadata to http://localhost:8080
// On an inconsistency (stderr), each object and where the directory declares it:
//   error: metadata is inconsistent: http://localhost:8080 refused it and kept its metadata …
//     databases/default/tables/public_missing.yaml:1:1: table missing in source default:
//     Inconsistent object: no such table/view exists in source: "missing"   (one line)

#include <chrono>
#include <filesystem>
#include <iosfwd>
#include <optional>
#include <string>

#include "app/config.h"
#include "app/http_client.h"

namespace junction::app {

enum class MetadataCommand { kExport, kApply, kDiff, kInconsistencyList, kReload };

struct MetadataCliOptions {
  MetadataCommand command = MetadataCommand::kExport;
  Url endpoint;
  std::string admin_secret;  // empty: none sent
  std::filesystem::path dir = "metadata";
  std::chrono::seconds timeout{30};
};

// The parsed `junction metadata …` line: options, or a message and exit code (help, usage error).
struct MetadataCommandLine {
  std::optional<MetadataCliOptions> options;
  int exit_code = 0;
  std::string message;  // when no options: to stdout when exit_code is 0, else to stderr
};

// Parses `junction metadata <subcommand> [options]`; argv[1] is "metadata".
MetadataCommandLine ParseMetadataCommandLine(int argc, const char* const* argv,
                                             const EnvLookup& env);

// Runs a parsed command against the engine; results to `out`, errors to `err`. The exit code.
int RunMetadataCommand(const MetadataCliOptions& options, std::ostream& out, std::ostream& err);

// ParseMetadataCommandLine then RunMetadataCommand: what main.cc calls for `junction metadata`.
int MetadataMain(int argc, const char* const* argv, const EnvLookup& env, std::ostream& out,
                 std::ostream& err);

}  // namespace junction::app
