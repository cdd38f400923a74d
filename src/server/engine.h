#pragma once
// Engine: the state every API handler shares, and the handlers themselves. It holds the current
// Snapshot (metadata + per-role schemas), swapped atomically when metadata changes so requests in
// flight keep the snapshot they started with (DESIGN.md §6), the metadata store it persists to,
// and the authentication settings.
//
// The HTTP listener (http_server.h) routes each request to one of the Handle* functions; each
// answers in Hasura's shapes (DESIGN.md §1) and never throws. Handlers are coroutines because
// executing a query does I/O on the event loop.
//
//   /v1/graphql          graphql_handler.cc   always HTTP 200; errors as {"errors":[…]}
//   /v1/metadata         metadata_handler.cc  admin only; metadata::RunMetadataRequest
//   /v1/query, /v2/query metadata_handler.cc  admin only; query_api.h
//
// A metadata change is persisted first and installed second, under metadata_mutex_: when saving
// fails nothing changes, and concurrent changes cannot lose each other's updates.

#include <atomic>
#include <memory>
#include <mutex>
#include <string>
#include <utility>  // before any Asio header: Boost 1.74 + GCC 12

#include <boost/asio/awaitable.hpp>

#include "metadata/store.h"
#include "schema/snapshot.h"
#include "server/handlers.h"
#include "server/http_types.h"

namespace junction::server {

struct EngineOptions {
  std::string admin_secret;  // empty: no secret, every request is admin (development mode)
};

class Engine : public Handlers {
 public:
  // REQUIRES: `store` outlives the Engine.
  Engine(EngineOptions options, metadata::Store& store,
         std::shared_ptr<const schema::Snapshot> snapshot);

  boost::asio::awaitable<HttpResponse> HandleGraphql(const HttpRequest& request) override;
  boost::asio::awaitable<HttpResponse> HandleMetadata(const HttpRequest& request) override;
  boost::asio::awaitable<HttpResponse> HandleQueryV1(const HttpRequest& request) override;
  boost::asio::awaitable<HttpResponse> HandleQueryV2(const HttpRequest& request) override;

  std::shared_ptr<const schema::Snapshot> snapshot() const { return snapshot_.load(); }

 private:
  enum class AdminApi { kMetadata, kQueryV1, kQueryV2 };

  HttpResponse RespondGraphql(const HttpRequest& request) const;
  // The shared path of the admin APIs: authenticate, parse, check admin, run, commit.
  HttpResponse RespondAdmin(const HttpRequest& request, AdminApi api);

  EngineOptions options_;
  metadata::Store& store_;
  std::atomic<std::shared_ptr<const schema::Snapshot>> snapshot_;
  std::mutex metadata_mutex_;  // serialises metadata changes (readers never take it)
};

}  // namespace junction::server
