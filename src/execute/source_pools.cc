#include "execute/source_pools.h"

#include "backends/bigquery/source_config.h"
#include "backends/postgres/source_config.h"
#include "backends/sqlite/source_config.h"
#include "metadata/source_metadata.h"

namespace junction::execute {

namespace {

// A new (not yet connected) pool for a source of `kind`.
Result<SourcePool> MakePool(std::string_view kind, const metadata::Json& configuration,
                            const boost::asio::any_io_executor& executor) {
  namespace postgres = backends::postgres;
  namespace sqlite = backends::sqlite;
  if (kind == metadata::kPostgresKind) {
    Result<postgres::PoolSettings> settings = postgres::ReadPoolSettings(configuration);
    if (!settings) return settings.error();
    return SourcePool(postgres::Pool::Make(executor, std::move(settings).value()));
  }
  if (kind == metadata::kSqliteKind) {
    Result<sqlite::SourceConfig> config = sqlite::ReadSourceConfig(configuration);
    if (!config) return config.error();
    return SourcePool(sqlite::Pool::Make(executor, std::move(config).value()));
  }
  if (kind == metadata::kBigQueryKind) {
    namespace bigquery = backends::bigquery;
    Result<bigquery::SourceConfig> config = bigquery::ParseSourceConfig(configuration);
    if (!config) return config.error();
    // Read once per pool, as Google's clients read it at start-up.
    return SourcePool(std::make_shared<bigquery::Pool>(
        executor, std::move(config).value(), bigquery::ProcessEnv("BIGQUERY_EMULATOR_HOST")));
  }
  return Error(ErrorCode::kNotSupported,
               "sources of kind \"" + std::string(kind) + "\" are not supported by Junction yet");
}

}  // namespace

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
    const std::string kind = metadata::SourceKind(source);
    if (!metadata::IsServedKind(kind)) continue;
    const std::string name = source.value("name", "");
    const metadata::Json configuration = source.value("configuration", metadata::Json::object());
    const Entry* reused = Reusable(name, configuration);
    if (reused == nullptr && also != nullptr) reused = also->Reusable(name, configuration);
    if (reused != nullptr) {
      next.entries_.emplace(name, *reused);
      continue;
    }
    next.entries_.emplace(name, Entry{configuration, MakePool(kind, configuration, executor)});
  }
  return next;
}

Result<SourcePool> SourcePools::Find(std::string_view source) const {
  const auto it = entries_.find(source);
  if (it == entries_.end()) {
    return Error(ErrorCode::kUnexpected,
                 "source \"" + std::string(source) + "\" has no connection");
  }
  return it->second.pool;
}

Result<std::shared_ptr<backends::postgres::Pool>> SourcePools::FindPostgres(
    std::string_view source) const {
  Result<SourcePool> pool = Find(source);
  if (!pool) return pool.error();
  if (auto* postgres = std::get_if<std::shared_ptr<backends::postgres::Pool>>(&*pool)) {
    return *postgres;
  }
  return Error(ErrorCode::kNotSupported,
               "source \"" + std::string(source) + "\" is not a Postgres source");
}

}  // namespace junction::execute
