#pragma once
// The command line of the `junction` binary (main.cc) and the configuration it yields. This is a
// contract other tools depend on:
//
//   junction serve [--host 127.0.0.1] [--port 8080] [--admin-secret S]
//                  [--jwt-secret JSON | --auth-hook URL [--auth-hook-mode GET|POST]
//                   [--auth-hook-timeout SECONDS]] [--unauthorized-role ROLE]
//                  [--metadata-store FILE|postgres://… | --metadata-dir DIR [--watch]]
//                  [--max-body-size BYTES] [--max-connections N] [--threads N] [--log-level L]
//                  [--enable-console true|false] [--console-assets-dir DIR]
//   junction version
//
// Every serve flag also reads JUNCTION_<NAME> (JUNCTION_HOST, JUNCTION_PORT, …) and, where Hasura
// has one, its HASURA_GRAPHQL_* alias. Precedence: flag > JUNCTION_* > HASURA_GRAPHQL_* > default.
// An empty environment variable counts as unset. A bad value is a usage error (exit code 2) whose
// message names the flag or variable it came from.

#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "server/server_options.h"

namespace junction::app {

inline constexpr std::string_view kDefaultMetadataStore = "./junction-metadata.json";

struct ServeConfig {
  server::ServerOptions server;  // host, port, threads, body and connection limits
  // A file path, or a postgres:// (postgresql://) URL: IsPostgresUrl.
  std::string metadata_store = std::string(kDefaultMetadataStore);
  std::string metadata_dir;  // when set, the metadata is this directory's, read-only
  bool watch = false;        // serve metadata_dir's changes as its files change
  std::string admin_secret;  // empty: no secret (development mode, everyone is admin)
  // Authentication modes (server/auth.h); each needs admin_secret, which serve checks.
  std::string jwt_secret;       // JSON, as HASURA_GRAPHQL_JWT_SECRET; empty: no JWT mode
  std::string auth_hook;        // webhook URL; empty: no webhook mode
  bool auth_hook_post = false;  // --auth-hook-mode POST
  unsigned auth_hook_timeout_seconds = 10;
  std::string unauthorized_role;   // empty: none
  std::string log_level = "info";  // debug | info | warn | error
  // Whether `query-log` lines (each statement sent to a database) are written: Hasura's
  // enabled log types, of which the others are always on.
  bool query_log = false;
  // The most keys one statement of a remote join carries (execute::ExecuteOptions).
  size_t remote_join_batch_size = 10000;
  // Whether /console serves the web console (and / redirects there). On by default, unlike
  // Hasura's server: the console is how a newcomer meets the engine, and every API it uses still
  // asks for the admin secret.
  bool enable_console = true;
  // Where the console's built files are; empty: DefaultConsoleAssetsDir().
  std::string console_assets_dir;
};

// The console's files in a build from the repository: `console/dist` beside the build directory,
// i.e. `../console/dist` from the directory holding the `junction` executable (build/junction →
// console/dist). Falls back to `console/dist` under the working directory when the executable's
// path cannot be read.
std::filesystem::path DefaultConsoleAssetsDir();
// The same, for an executable at `executable`.
std::filesystem::path ConsoleAssetsDirBeside(const std::filesystem::path& executable);

enum class Command {
  kServe,    // run the engine with `serve`
  kVersion,  // print the version
  kExit,     // print `message` and exit with `exit_code` (help, or a usage error)
};

struct CommandLine {
  Command command = Command::kExit;
  ServeConfig serve;
  int exit_code = 0;
  std::string message;  // for kExit: to stdout when exit_code is 0, else to stderr
};

inline constexpr int kUsageErrorExitCode = 2;

// An environment variable's value, or nullopt when it is not set.
using EnvLookup = std::function<std::optional<std::string>(const std::string& name)>;

// The process environment (getenv).
std::optional<std::string> ProcessEnvironment(const std::string& name);

// Parses the arguments (argv[0] is the program name) with `env` for the variables.
CommandLine ParseCommandLine(int argc, const char* const* argv, const EnvLookup& env);

// Whether a --metadata-store value names a Postgres database (postgres:// or postgresql://).
bool IsPostgresUrl(std::string_view store);

// "1048576", "512KiB", "10MiB", "1GiB" (K, M, G are the same binary units, any case) → bytes;
// nullopt when malformed, zero, or above 1 GiB (a body is held in memory).
std::optional<size_t> ParseByteSize(std::string_view text);

}  // namespace junction::app
