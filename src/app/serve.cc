#include "app/serve.h"

#include <csignal>
#include <cstdio>
#include <exception>
#include <functional>
#include <memory>
#include <string>

#include <chrono>
#include <future>
#include <utility>  // before any Asio header: Boost 1.74 + GCC 12

#include <fmt/format.h>
#include <spdlog/common.h>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_future.hpp>

#include "app/file_metadata_store.h"
#include "app/version.h"
#include "common/json_writer.h"
#include "schema/snapshot.h"
#include "server/engine.h"
#include "server/http_server.h"
#include "server/logging.h"
#include "server/router.h"

namespace junction::app {
namespace {

// The server has stopped and its threads have ended; what remains is tearing down, which takes a
// moment (more under a sanitizer). A supervisor repeating its SIGTERM then must not turn a clean
// exit into death by signal, yet the server's signal handler goes with the server: block both
// signals in this, the last thread, so they stay pending until the process has exited.
void KeepStopSignalsPending() {
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
}

void LogStartup(spdlog::level::level_enum level, std::string_view kind, std::string_view message,
                const std::function<void(JsonWriter&)>& extra = nullptr) {
  server::LogKindEvent(level, "startup", kind, message, extra);
}

// A failure that stops start-up: a log line for the pipelines, and plain text on stderr for
// whoever started the engine by hand.
int FailStartup(std::string_view kind, const std::string& message) {
  LogStartup(spdlog::level::err, kind, message);
  std::fprintf(stderr, "junction: %s\n", message.c_str());
  return 1;
}

void LogConfiguration(const ServeConfig& config) {
  LogStartup(spdlog::level::info, "server_configuration", "starting", [&](JsonWriter& w) {
    w.Key("version");
    w.String(Version());
    w.Key("host");
    w.String(config.server.host);
    w.Key("port");
    w.Int(config.server.port);
    w.Key("metadata_store");
    w.String(config.metadata_store);
    w.Key("admin_secret_set");
    w.Bool(!config.admin_secret.empty());
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

int ServeOrFail(const ServeConfig& config) {
  LogConfiguration(config);

  FileMetadataStore store(config.metadata_store);
  Result<metadata::Metadata> metadata = store.Load();
  if (!metadata) {
    return FailStartup("metadata", fmt::format("cannot load metadata from \"{}\": {}",
                                               config.metadata_store, metadata.error().message));
  }

  // One io_context for everything (DESIGN.md §5): the engine connects to its sources on it before
  // the listener starts, then the listener's threads run it.
  boost::asio::io_context ioc;
  server::Engine engine(server::EngineOptions{config.admin_secret, {config.remote_join_batch_size}},
                        store, ioc.get_executor());
  std::future<Status> started_engine =
      boost::asio::co_spawn(ioc, engine.Start(std::move(*metadata)), boost::asio::use_future);
  // Run only until the engine is ready: the pools' timers are work that must not hold us here.
  while (started_engine.wait_for(std::chrono::seconds(0)) != std::future_status::ready) {
    if (ioc.run_one() == 0) ioc.restart();
  }
  ioc.restart();  // running out of work (the start-up coroutine's end) marks it stopped
  if (Status engine_ready = started_engine.get(); !engine_ready) {
    return FailStartup("metadata",
                       fmt::format("cannot build a schema from the metadata in "
                                   "\"{}\": {}",
                                   config.metadata_store, engine_ready.error().message));
  }
  LogInconsistencies(*engine.snapshot());

  server::Router router(engine, std::string(Version()));
  server::HttpServer http(config.server, router, &ioc);
  http.StopOnSignals();
  if (Status started = http.Start(); !started) {
    return FailStartup("server", started.error().message);
  }
  http.Wait();
  KeepStopSignalsPending();
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
