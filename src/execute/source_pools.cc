#include "execute/source_pools.h"

#include "backends/postgres/source_config.h"
#include "metadata/source_metadata.h"

namespace junction::execute {

const SourcePools::Entry* SourcePools::Reusable(std::string_view name,
                                                const metadata::Json& configuration) const {
  const auto it = entries_.find(name);
  return it != entries_.end() && it->second.configuration == configuration ? &it->second : nullptr;
}

SourcePools SourcePools::Update(const metadata::Json& sources,
                                const boost::asio::any_io_executor& executor,
                                const SourcePools* also) const {
  SourcePools next;
  for (const metadata::Json& source : sources) {
    if (!metadata::IsPostgresSource(source)) continue;
    const std::string name = source.value("name", "");
    const metadata::Json configuration = source.value("configuration", metadata::Json::object());
    const Entry* reused = Reusable(name, configuration);
    if (reused == nullptr && also != nullptr) reused = also->Reusable(name, configuration);
    if (reused != nullptr) {
      next.entries_.emplace(name, *reused);
      continue;
    }
    Result<backends::postgres::PoolSettings> settings =
        backends::postgres::ReadPoolSettings(configuration);
    Result<std::shared_ptr<backends::postgres::Pool>> pool =
        settings ? Result<std::shared_ptr<backends::postgres::Pool>>(
                       backends::postgres::Pool::Make(executor, std::move(settings).value()))
                 : Result<std::shared_ptr<backends::postgres::Pool>>(settings.error());
    next.entries_.emplace(name, Entry{configuration, std::move(pool)});
  }
  return next;
}

Result<std::shared_ptr<backends::postgres::Pool>> SourcePools::Find(std::string_view source) const {
  const auto it = entries_.find(source);
  if (it == entries_.end()) {
    return Error(ErrorCode::kUnexpected,
                 "source \"" + std::string(source) + "\" has no connection");
  }
  return it->second.pool;
}

}  // namespace junction::execute
