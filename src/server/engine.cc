#include "server/engine.h"

#include <utility>

namespace junction::server {

Engine::Engine(EngineOptions options, metadata::Store& store,
               std::shared_ptr<const schema::Snapshot> snapshot)
    : options_(std::move(options)), store_(store), snapshot_(std::move(snapshot)) {}

}  // namespace junction::server
