#pragma once
// Engine: the state every API handler shares, and the handlers themselves. It holds what requests
// are served from — the current Snapshot (metadata + per-role schemas) and the connection pools of
// its sources — swapped atomically when metadata changes, so requests in flight keep what they
// started with (DESIGN.md §6); the catalogs introspected from the sources; the metadata store it
// persists to; and the authentication settings.
//
// The HTTP listener (http_server.h) routes each request to one of the Handle* functions; each
// answers in Hasura's shapes (DESIGN.md §1) and never throws. Handlers are coroutines on the
// io_context the Engine was given: queries and introspection wait on databases.
//
//   /v1/graphql          graphql_handler.cc   always HTTP 200; errors as {"errors":[…]}
//   /v1/metadata         metadata_handler.cc  admin only; metadata::RunMetadataRequest
//   /v1/query, /v2/query metadata_handler.cc  admin only; query_api.h, run_sql.cc
//   /v1/graphql/explain  explain_handler.cc   admin only; each root field's SQL and plan
//
// A metadata change runs the pure command against the catalogs known so far. When the result
// names a source or remote schema whose catalog is unknown (new, reconfigured, or to be
// reloaded), the Engine introspects it without holding any lock and runs the command again from
// the start; the change
// is persisted first and installed second, under metadata_mutex_, and only if no other change was
// installed meanwhile (else it starts over): when saving fails nothing changes, and concurrent
// changes cannot lose each other's updates. A change made elsewhere and found in the store by a
// watcher (app/metadata_watcher.h) is installed the same way through Adopt, without saving.

#include <atomic>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <utility>  // before any Asio header: Boost 1.74 + GCC 12

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>

#include "execute/execute.h"
#include "execute/source_pools.h"
#include "metadata/commands.h"
#include "metadata/store.h"
#include "schema/snapshot.h"
#include "server/auth.h"
#include "server/handlers.h"
#include "server/http_types.h"
#include "server/query_cache.h"
#include "server/remote_schema_catalogs.h"
#include "server/source_catalogs.h"

namespace junction::server {

struct EngineOptions {
  std::string admin_secret;  // empty: no secret, every request is admin (development mode)
  execute::ExecuteOptions execute = {};
  AuthModes auth = {};  // JWT, webhook, unauthorized role (auth.h)
};

class Engine : public Handlers {
 public:
  // REQUIRES: `store` outlives the Engine; Start completes before any request is handled.
  Engine(EngineOptions options, metadata::Store& store, boost::asio::any_io_executor executor);

  // Connects to and introspects the sources and remote schemas of `metadata`, and installs its
  // first snapshot. A source or remote schema that cannot be reached is an inconsistent object,
  // not a failure: the engine serves the others. An Error means no schema could be built at all (a
  // bug of ours).
  boost::asio::awaitable<Status> Start(metadata::Metadata metadata);

  // Serves `metadata`, which the store already holds: a change made elsewhere (another engine
  // sharing the store, an edited metadata directory). Nothing is saved. Sources whose catalogs
  // are unknown are introspected first, as for a change through the API; what cannot be served
  // becomes inconsistent objects, as at start-up. Does nothing when the engine already serves
  // this resource_version or a newer one. An Error means nothing changed (no schema could be
  // built: a bug of ours; or the sources kept changing while they were read).
  boost::asio::awaitable<Status> Adopt(metadata::Metadata metadata);

  boost::asio::awaitable<HttpResponse> HandleGraphql(const HttpRequest& request) override;
  boost::asio::awaitable<HttpResponse> HandleMetadata(const HttpRequest& request) override;
  boost::asio::awaitable<HttpResponse> HandleQueryV1(const HttpRequest& request) override;
  boost::asio::awaitable<HttpResponse> HandleQueryV2(const HttpRequest& request) override;
  boost::asio::awaitable<HttpResponse> HandleExplain(const HttpRequest& request) override;

  std::shared_ptr<const schema::Snapshot> snapshot() const { return serving_.load()->snapshot; }

 private:
  enum class AdminApi { kMetadata, kQueryV1, kQueryV2 };

  // What requests are served from, installed as one.
  struct Serving {
    std::shared_ptr<const schema::Snapshot> snapshot;
    std::shared_ptr<const execute::SourcePools> pools;
    std::shared_ptr<QueryCache> cache = std::make_shared<QueryCache>();  // for this snapshot
  };

  // The outcome of running a metadata request once against the catalogs known at the time.
  struct Attempt;

  boost::asio::awaitable<HttpResponse> RespondGraphql(const HttpRequest& request) const;
  // The shared path of the admin APIs: authenticate, parse, check admin, run, commit.
  boost::asio::awaitable<HttpResponse> RespondAdmin(const HttpRequest& request, AdminApi api);
  // run_sql (run_sql.cc), and what it does after a change to a source's database: introspect it
  // again and rebuild the schema.
  boost::asio::awaitable<HttpResponse> RespondRunSql(const metadata::Command& command);
  boost::asio::awaitable<void> RefreshSource(const std::string& source);
  // Runs the request against the current snapshot and catalogs. REQUIRES: metadata_mutex_ held.
  // `introspected` and `introspected_remote`: the sources and remote schemas this request has
  // introspected already (a reload or an add needs them read once, not at every run).
  Attempt RunOnce(AdminApi api, const metadata::Json& body,
                  const std::set<std::string>& introspected,
                  const std::set<std::string>& introspected_remote);
  // Answers the attempt, persisting and installing its metadata when it changed.
  // REQUIRES: metadata_mutex_ held; attempt.missing is empty.
  HttpResponse Commit(Attempt& attempt, const execute::SourcePools* introspection_pools);
  // Introspects `missing` (without holding metadata_mutex_) through pools made from `base`'s,
  // which replace `pools` and are kept for the install, and merges the catalogs.
  boost::asio::awaitable<void> IntrospectMissing(
      const SourceCatalogs::Missing& missing, const Serving& base,
      std::shared_ptr<const execute::SourcePools>& pools);
  // Introspects the remote schemas `missing` (without holding metadata_mutex_) and merges their
  // catalogs.
  boost::asio::awaitable<void> IntrospectRemoteSchemas(
      const RemoteSchemaCatalogs::Missing& missing);
  // Installs `snapshot` with pools for its sources, reusing the current ones (or those made to
  // introspect) where a source's configuration is unchanged.
  void Install(std::shared_ptr<const schema::Snapshot> snapshot,
               const execute::SourcePools* introspection_pools);

  EngineOptions options_;
  metadata::Store& store_;
  boost::asio::any_io_executor executor_;
  std::atomic<std::shared_ptr<const Serving>> serving_;
  std::mutex metadata_mutex_;             // serialises installing changes (readers never take it)
  SourceCatalogs catalogs_;               // guarded by metadata_mutex_
  RemoteSchemaCatalogs remote_catalogs_;  // guarded by metadata_mutex_
};

}  // namespace junction::server
