#include "server/source_catalogs.h"

#include <vector>

#include "backends/bigquery/pool.h"
#include "backends/postgres/introspection.h"
#include "backends/sqlite/pool.h"
#include "common/when_all.h"
#include "metadata/source_metadata.h"

namespace junction::server {
namespace {

namespace asio = boost::asio;
using metadata::Json;

Json ConfigurationOf(const Json& source) { return source.value("configuration", Json::object()); }

// The catalog of one source; an Error when it has no pool or cannot be introspected.
asio::awaitable<Result<metadata::Catalog>> IntrospectSource(std::string source,
                                                            const execute::SourcePools& pools) {
  Result<execute::SourcePool> pool = pools.Find(source);
  if (!pool) co_return pool.error();
  if (const auto* sqlite = std::get_if<std::shared_ptr<backends::sqlite::Pool>>(&*pool)) {
    co_return co_await (*sqlite)->Introspect();
  }
  if (const auto* bigquery = std::get_if<std::shared_ptr<backends::bigquery::Pool>>(&*pool)) {
    co_return co_await (*bigquery)->Introspect();
  }
  co_return co_await backends::postgres::Introspect(
      *std::get<std::shared_ptr<backends::postgres::Pool>>(*pool));
}

}  // namespace

metadata::Catalogs SourceCatalogs::For(const metadata::Metadata& metadata, Missing* missing) const {
  metadata::Catalogs catalogs;
  for (const Json& source : metadata.sources()) {
    if (!metadata::IsServedKind(metadata::SourceKind(source))) continue;
    const std::string name = source.value("name", "");
    const auto it = entries_.find(name);
    if (it == entries_.end() || it->second.configuration != ConfigurationOf(source)) {
      if (missing != nullptr) missing->insert_or_assign(name, source);
      continue;
    }
    catalogs.emplace(name, it->second.catalog);
  }
  return catalogs;
}

asio::awaitable<SourceCatalogs> SourceCatalogs::Introspect(const Missing& sources,
                                                           const execute::SourcePools& pools) {
  std::vector<std::string> names;
  std::vector<Json> configurations;
  std::vector<asio::awaitable<Result<metadata::Catalog>>> tasks;
  for (const auto& [name, source] : sources) {
    names.push_back(name);
    configurations.push_back(ConfigurationOf(source));
    tasks.push_back(IntrospectSource(name, pools));
  }
  std::vector<Result<metadata::Catalog>> catalogs = co_await WhenAll(std::move(tasks));
  SourceCatalogs fresh;
  for (size_t i = 0; i < names.size(); ++i) {
    fresh.entries_.insert_or_assign(names[i],
                                    Entry{std::move(configurations[i]), std::move(catalogs[i])});
  }
  co_return fresh;
}

const metadata::Catalog* SourceCatalogs::Find(std::string_view source) const {
  const auto it = entries_.find(source);
  return it != entries_.end() && it->second.catalog ? &*it->second.catalog : nullptr;
}

void SourceCatalogs::Retain(const metadata::Metadata& metadata) {
  std::erase_if(entries_, [&](const auto& entry) {
    for (const Json& source : metadata.sources()) {
      if (source.value("name", "") == entry.first) return false;
    }
    return true;
  });
}

void SourceCatalogs::Merge(SourceCatalogs fresh) {
  for (auto& [name, entry] : fresh.entries_) entries_.insert_or_assign(name, std::move(entry));
}

}  // namespace junction::server
