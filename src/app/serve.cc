#include "app/serve.h"

#include <csignal>
#include <cstdio>
#include <exception>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include <chrono>
#include <future>
#include <utility>  // before any Asio header: Boost 1.74 + GCC 12

#include <fmt/format.h>
#include <spdlog/common.h>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_future.hpp>

#include "app/directory_metadata_store.h"
#include "app/file_metadata_store.h"
#include "app/metadata_watcher.h"
#include "app/postgres_metadata_store.h"
#include "app/version.h"
#include "backends/http/http_client.h"
#include "common/json_writer.h"
#include "schema/snapshot.h"
#include "server/auth.h"
#include "server/console_assets.h"
#include "server/engine.h"
#include "server/http_fetch.h"
#include "server/http_server.h"
#include "server/jwk_refresher.h"
#include "server/jwt.h"
#include "server/logging.h"
#include "server/router.h"

namespace junction::app {
namespace {

// How often an engine looks for metadata changed elsewhere (MetadataWatcher): a shared store's
// resource_version, or the metadata directory's files under --watch.
constexpr std::chrono::milliseconds kMetadataPollInterval{250};

// Where the metadata lives (--metadata-store FILE or postgres://…, or --metadata-dir DIR), and how
// to find changes made to it outside this engine.
struct MetadataSource {
  std::unique_ptr<metadata::Store> store;
  std::string description;  // the file, URL (never with its password) or directory, for the logs
  // When set, what a MetadataWatcher checks: metadata newer than what `engine` serves.
  std::function<Result<std::optional<metadata::Metadata>>(const server::Engine& engine)> check;
};

MetadataSource OpenMetadataSource(const ServeConfig& config) {
  MetadataSource source;
  if (!config.metadata_dir.empty()) {
    auto store = std::make_unique<DirectoryMetadataStore>(config.metadata_dir);
    source.description = config.metadata_dir;
    if (config.watch) {
      source.check = [dir = store.get()](const server::Engine& engine) {
        Result<std::optional<metadata::Metadata>> changed = dir->LoadIfChanged();
        if (changed && *changed) {
          (*changed)->set_resource_version(engine.snapshot()->metadata.resource_version() + 1);
        }
        return changed;
      };
    }
    source.store = std::move(store);
  } else if (IsPostgresUrl(config.metadata_store)) {
    auto store = std::make_unique<PostgresMetadataStore>(config.metadata_store);
    source.description = RedactedUrl(config.metadata_store);
    // Another engine sharing the store changed it: its resource_version moved past ours.
    source.check = [shared = store.get()](
                       const server::Engine& engine) -> Result<std::optional<metadata::Metadata>> {
      Result<int64_t> stored = shared->StoredVersion();
      if (!stored) return stored.error();
      if (*stored <= engine.snapshot()->metadata.resource_version()) {
        return std::optional<metadata::Metadata>();
      }
      Result<metadata::Metadata> loaded = shared->Load();
      if (!loaded) return loaded.error();
      return std::optional<metadata::Metadata>(std::move(loaded).value());
    };
    source.store = std::move(store);
  } else {
    source.store = std::make_unique<FileMetadataStore>(config.metadata_store);
    source.description = config.metadata_store;
  }
  return source;
}

// Watches `source` for changes made elsewhere and serves them; null when nothing else changes it.
std::unique_ptr<MetadataWatcher> WatchMetadata(const MetadataSource& source, server::Engine& engine,
                                               boost::asio::io_context& ioc) {
  if (!source.check) return nullptr;
  auto check = [&source, &engine] { return source.check(engine); };
  auto adopt = [&engine, &ioc](metadata::Metadata metadata) {
    server::LogKindEvent(spdlog::level::info, "schema-sync", "metadata_changed",
                         fmt::format("serving metadata changed outside this engine "
                                     "(resource_version {})",
                                     metadata.resource_version()));
    return boost::asio::co_spawn(ioc, engine.Adopt(std::move(metadata)), boost::asio::use_future);
  };
  auto report = [description = source.description](const std::optional<Error>& error) {
    if (error) {
      server::LogKindEvent(spdlog::level::err, "schema-sync", "metadata_watch",
                           fmt::format("cannot serve the metadata of \"{}\": {}; the last good "
                                       "metadata keeps serving",
                                       description, error->message));
    } else {
      server::LogKindEvent(spdlog::level::info, "schema-sync", "metadata_watch",
                           fmt::format("the metadata of \"{}\" can be read again", description));
    }
  };
  return std::make_unique<MetadataWatcher>(kMetadataPollInterval, std::move(check),
                                           std::move(adopt), std::move(report));
}

// The server has stopped and its threads have ended; what remains is tearing down, which takes a
// moment (more under a sanitizer). A supervisor repeating its SIGTERM (or a shell's Ctrl-C trap
// forwarding one) then must not turn a clean exit into death by signal. Blocking the signals
// in this thread is not enough: other threads (the SQLite workers) would take them, and the
// server's handler restores the default action when it goes. So: block them here while the
// server is destroyed, then ignore them process-wide.
void IgnoreStopSignalsFrom(std::unique_ptr<server::HttpServer> http) {
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
  http.reset();  // its signal_set sets the default action back
  std::signal(SIGINT, SIG_IGN);
  std::signal(SIGTERM, SIG_IGN);
}

void LogStartup(spdlog::level::level_enum level, std::string_view kind, std::string_view message,
                const std::function<void(JsonWriter&)>& extra = nullptr) {
  server::LogKindEvent(level, "startup", kind, message, extra);
}

// A query-log line: the statement sent to a source's database, with its parameters (Hasura writes
// the generated SQL the same way, under log type "query-log").
void LogStatement(std::string_view source, const backends::sql::Statement& statement) {
  JsonWriter w;
  w.BeginObject();
  w.Key("kind");
  w.String("database");
  w.Key("source");
  w.String(source);
  w.Key("sql");
  w.String(statement.text);
  w.Key("params");
  w.BeginArray();
  for (const std::optional<std::string>& param : statement.params) {
    if (param) {
      w.String(*param);
    } else {
      w.Null();
    }
  }
  w.EndArray();
  w.EndObject();
  server::LogEvent(spdlog::level::info, "query-log", w.Take());
}

// A failure that stops start-up: a log line for the pipelines, and plain text on stderr for
// whoever started the engine by hand.
int FailStartup(std::string_view kind, const std::string& message) {
  LogStartup(spdlog::level::err, kind, message);
  std::fprintf(stderr, "junction: %s\n", message.c_str());
  return 1;
}

// The authentication modes of the configuration, checked as Hasura checks them at start-up; an
// Error's message is for FailStartup. `jwt` is the verifier when JWT mode is on (its JWK set, if
// any, still to be fetched).
Result<server::AuthModes> MakeAuthModes(const ServeConfig& config,
                                        std::shared_ptr<server::JwtVerifier>& jwt) {
  server::AuthModes modes;
  modes.unauthorized_role = config.unauthorized_role;
  if (!config.jwt_secret.empty()) {
    Result<std::shared_ptr<server::JwtVerifier>> verifier =
        server::JwtVerifier::Create(config.jwt_secret);
    if (!verifier) {
      return Error(ErrorCode::kInvalidConfiguration,
                   fmt::format("Fatal Error: --jwt-secret (HASURA_GRAPHQL_JWT_SECRET): {}",
                               verifier.error().message));
    }
    if (!(*verifier)->config().jwk_url.empty()) {
      if (Result<server::ParsedUrl> url = server::ParseHttpUrl((*verifier)->config().jwk_url);
          !url) {
        return Error(ErrorCode::kInvalidConfiguration,
                     "Fatal Error: --jwt-secret jwk_url: " + url.error().message);
      }
    }
    jwt = *verifier;
    modes.jwt = jwt;
  }
  if (!config.auth_hook.empty()) {
    if (Result<server::ParsedUrl> url = server::ParseHttpUrl(config.auth_hook); !url) {
      return Error(ErrorCode::kInvalidConfiguration,
                   "Fatal Error: --auth-hook (HASURA_GRAPHQL_AUTH_HOOK): " + url.error().message);
    }
    modes.webhook = server::WebhookOptions{config.auth_hook, config.auth_hook_post,
                                           std::chrono::seconds(config.auth_hook_timeout_seconds)};
  }
  if (Status checked = server::CheckAuthModes(config.admin_secret, modes); !checked) {
    return checked.error();
  }
  return modes;
}

std::string_view AuthModeName(const ServeConfig& config) {
  if (!config.jwt_secret.empty()) return "jwt";
  if (!config.auth_hook.empty()) return "webhook";
  return config.admin_secret.empty() ? "none" : "admin-secret";
}

void LogConfiguration(const ServeConfig& config, const MetadataSource& metadata_source) {
  LogStartup(spdlog::level::info, "server_configuration", "starting", [&](JsonWriter& w) {
    w.Key("version");
    w.String(Version());
    w.Key("host");
    w.String(config.server.host);
    w.Key("port");
    w.Int(config.server.port);
    w.Key("metadata");
    w.String(metadata_source.description);
    w.Key("watch_metadata");
    w.Bool(static_cast<bool>(metadata_source.check));
    w.Key("admin_secret_set");
    w.Bool(!config.admin_secret.empty());
    w.Key("auth_mode");
    w.String(AuthModeName(config));
    w.Key("unauthorized_role");
    if (config.unauthorized_role.empty()) {
      w.Null();
    } else {
      w.String(config.unauthorized_role);
    }
    w.Key("max_body_bytes");
    w.Int(static_cast<int64_t>(config.server.max_body_bytes));
    w.Key("max_connections");
    w.Int(static_cast<int64_t>(config.server.max_connections));
    w.Key("threads");
    w.Int(config.server.threads);
    w.Key("log_level");
    w.String(config.log_level);
    w.Key("remote_join_batch_size");
    w.Int(static_cast<int64_t>(config.remote_join_batch_size));
    w.Key("enable_console");
    w.Bool(config.enable_console);
  });
  if (config.admin_secret.empty()) {
    LogStartup(spdlog::level::warn, "server_configuration",
               "no admin secret is set: every request runs as admin (development mode); set "
               "--admin-secret or JUNCTION_ADMIN_SECRET before exposing the engine");
  }
}

// Hasura starts with inconsistent metadata and says so; so do we, one warning per object.
void LogInconsistencies(const schema::Snapshot& snapshot) {
  for (const metadata::InconsistentObject& object : snapshot.inconsistent_objects) {
    LogStartup(spdlog::level::warn, "inconsistent_object", object.reason, [&](JsonWriter& w) {
      w.Key("name");
      w.String(object.name);
      w.Key("type");
      w.String(object.type);
    });
  }
}

// The console's files, read once (server/console_assets.h); nullopt when the console is off. A
// console that was not built is no reason to stop: /console then says how to build it, and so
// does the warning here.
std::optional<server::ConsoleAssets> LoadConsole(const ServeConfig& config) {
  if (!config.enable_console) return std::nullopt;
  const std::filesystem::path directory = config.console_assets_dir.empty()
                                              ? DefaultConsoleAssetsDir()
                                              : std::filesystem::path(config.console_assets_dir);
  server::ConsoleAssets console = server::ConsoleAssets::Load(directory);
  for (const std::string& skipped : console.skipped()) {
    LogStartup(spdlog::level::warn, "console", "a file of the console is not served: " + skipped);
  }
  if (console.built()) {
    LogStartup(spdlog::level::info, "console", "serving the console at /console",
               [&](JsonWriter& w) {
                 w.Key("directory");
                 w.String(console.directory());
                 w.Key("files");
                 w.Int(static_cast<int64_t>(console.file_count()));
                 w.Key("bytes");
                 w.Int(static_cast<int64_t>(console.total_bytes()));
               });
  } else {
    LogStartup(spdlog::level::warn, "console",
               fmt::format("the console was not built: the directory \"{}\" cannot serve it ({}); "
                           "build it with `{}` (./scripts/quickstart does) and restart, or point "
                           "--console-assets-dir at a built console; /console says the same",
                           console.directory(), console.problem(), server::kConsoleBuildCommand));
  }
  return console;
}

int ServeOrFail(const ServeConfig& config) {
  const MetadataSource source = OpenMetadataSource(config);
  LogConfiguration(config, source);

  Result<metadata::Metadata> metadata = source.store->Load();
  if (!metadata) {
    return FailStartup("metadata", fmt::format("cannot load metadata from \"{}\": {}",
                                               source.description, metadata.error().message));
  }

  // One io_context for everything (DESIGN.md §5): the engine connects to its sources on it before
  // the listener starts, then the listener's threads run it.
  boost::asio::io_context ioc;
  std::shared_ptr<server::JwtVerifier> jwt;
  Result<server::AuthModes> auth = MakeAuthModes(config, jwt);
  if (!auth) return FailStartup("auth", auth.error().message);
  std::optional<std::chrono::seconds> jwks_expiry;
  if (jwt && !jwt->config().jwk_url.empty()) {
    // As Hasura: the first fetch must succeed, refreshes run in the background.
    // (co_spawn's future needs a default-constructible value: the expiry goes by reference.)
    auto fetch = [&]() -> boost::asio::awaitable<Status> {
      const std::chrono::milliseconds timeout = std::chrono::seconds(10);
      Result<std::optional<std::chrono::seconds>> expiry =
          co_await server::FetchJwks(*jwt, timeout);
      if (!expiry) co_return expiry.error();
      jwks_expiry = *expiry;
      co_return Status();
    };
    std::future<Status> fetched = boost::asio::co_spawn(ioc, fetch(), boost::asio::use_future);
    while (fetched.wait_for(std::chrono::seconds(0)) != std::future_status::ready) {
      if (ioc.run_one() == 0) ioc.restart();
    }
    ioc.restart();
    if (Status got = fetched.get(); !got) {
      return FailStartup("auth", "Fatal Error: JWK: " + got.error().message);
    }
  }
  execute::ExecuteOptions execute_options{config.remote_join_batch_size};
  if (config.query_log) execute_options.on_statement = LogStatement;
  // Every call to a remote schema goes through one client, which keeps connections alive.
  backends::http::HttpClient remote_client(ioc.get_executor());
  execute_options.remote.http = &remote_client;
  server::Engine engine(
      server::EngineOptions{config.admin_secret, std::move(execute_options), std::move(*auth)},
      *source.store, ioc.get_executor());
  std::future<Status> started_engine =
      boost::asio::co_spawn(ioc, engine.Start(std::move(*metadata)), boost::asio::use_future);
  // Run only until the engine is ready: the pools' timers are work that must not hold us here.
  while (started_engine.wait_for(std::chrono::seconds(0)) != std::future_status::ready) {
    if (ioc.run_one() == 0) ioc.restart();
  }
  ioc.restart();  // running out of work (the start-up coroutine's end) marks it stopped
  if (Status engine_ready = started_engine.get(); !engine_ready) {
    return FailStartup("metadata",
                       fmt::format("cannot build a schema from the metadata of \"{}\": {}",
                                   source.description, engine_ready.error().message));
  }
  LogInconsistencies(*engine.snapshot());

  const std::optional<server::ConsoleAssets> console = LoadConsole(config);
  server::Router router(engine, std::string(Version()), console ? &*console : nullptr);
  auto http = std::make_unique<server::HttpServer>(config.server, router, &ioc);
  http->StopOnSignals();
  if (Status started = http->Start(); !started) {
    return FailStartup("server", started.error().message);
  }
  std::unique_ptr<MetadataWatcher> watcher = WatchMetadata(source, engine, ioc);
  if (jwks_expiry) {
    boost::asio::co_spawn(ioc, server::RefreshJwks(jwt, jwks_expiry), boost::asio::detached);
  }
  http->Wait();
  watcher.reset();  // before the io_context its adoptions run on goes
  IgnoreStopSignalsFrom(std::move(http));
  return 0;
}

}  // namespace

int Serve(const ServeConfig& config) {
  server::InitLogging(server::ParseLogLevel(config.log_level).value_or(spdlog::level::info));
  try {
    return ServeOrFail(config);
  } catch (const std::exception& e) {  // e.g. no threads or memory left at start-up
    return FailStartup("server", std::string("unexpected failure: ") + e.what());
  }
}

}  // namespace junction::app
