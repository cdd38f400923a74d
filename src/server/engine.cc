#include "server/engine.h"

#include <utility>

namespace junction::server {

Engine::Engine(EngineOptions options, metadata::Store& store, boost::asio::any_io_executor executor)
    : options_(std::move(options)), store_(store), executor_(std::move(executor)) {}

boost::asio::awaitable<Status> Engine::Start(metadata::Metadata metadata) {
  SourceCatalogs::Missing sources;
  SourceCatalogs().For(metadata, &sources);  // every Postgres source
  auto pools = std::make_shared<const execute::SourcePools>(
      execute::SourcePools().Update(metadata.sources(), executor_));
  SourceCatalogs catalogs = co_await SourceCatalogs::Introspect(sources, *pools);
  // A remote schema that is down becomes an inconsistent object; the engine serves the rest.
  RemoteSchemaCatalogs::Missing remote_schemas;
  RemoteSchemaCatalogs().For(metadata, &remote_schemas);
  RemoteSchemaCatalogs remote_catalogs = co_await RemoteSchemaCatalogs::Introspect(remote_schemas);

  std::lock_guard<std::mutex> lock(metadata_mutex_);
  catalogs_ = std::move(catalogs);
  remote_catalogs_ = std::move(remote_catalogs);
  const metadata::Catalogs resolved = catalogs_.For(metadata, nullptr);
  const metadata::RemoteSchemaCatalogs remote_resolved = remote_catalogs_.For(metadata, nullptr);
  Result<std::shared_ptr<const schema::Snapshot>> snapshot =
      schema::BuildSnapshot(std::move(metadata), resolved, remote_resolved);
  if (!snapshot) co_return snapshot.error();
  serving_.store(std::make_shared<const Serving>(Serving{std::move(snapshot).value(), pools}));
  co_return Status();
}

void Engine::Install(std::shared_ptr<const schema::Snapshot> snapshot,
                     const execute::SourcePools* introspection_pools) {
  const std::shared_ptr<const Serving> previous = serving_.load();
  auto pools = std::make_shared<const execute::SourcePools>(
      previous->pools->Update(snapshot->metadata.sources(), executor_, introspection_pools));
  serving_.store(std::make_shared<const Serving>(Serving{std::move(snapshot), pools}));
}

}  // namespace junction::server
