#pragma once
// SourcePools: the runtime side of the sources, one connection pool per source (Postgres or SQLite)
// (DESIGN.md §5: connections and prepared statements live across requests). Immutable once made;
// the Engine installs a new one beside each Snapshot. Update keeps the pool of a source whose
// configuration did not change, so a metadata change does not drop warm connections. A pool left
// behind closes its connections when its last user (a request still running on the snapshot it
// belonged to) lets it go.
//
//   SourcePools pools = SourcePools().Update(metadata.sources(), executor);
//   Result<SourcePool> pool = pools.Find("default");

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <utility>  // before any Asio header: Boost 1.74 + GCC 12
#include <variant>

#include <boost/asio/any_io_executor.hpp>

#include "backends/bigquery/pool.h"
#include "backends/postgres/pool.h"
#include "backends/sqlite/pool.h"
#include "common/result.h"
#include "metadata/metadata.h"

namespace junction::execute {

// The pool of one source, by its kind.
using SourcePool =
    std::variant<std::shared_ptr<backends::postgres::Pool>, std::shared_ptr<backends::sqlite::Pool>,
                 std::shared_ptr<backends::bigquery::Pool>>;

class SourcePools {
 public:
  // The pools for the Postgres, SQLite and BigQuery sources in `sources` (metadata's sources array,
  // or some of its entries): the pool of this set (or else of `also`) where a source's
  // configuration is unchanged, a new (not yet connected) one otherwise. A source whose
  // configuration cannot be read has no pool; its Error is kept for Find's callers.
  SourcePools Update(const metadata::Json& sources, const boost::asio::any_io_executor& executor,
                     const SourcePools* also = nullptr) const;

  // The pool of `source`, or the reason it has none.
  Result<SourcePool> Find(std::string_view source) const;
  // The pool of `source` when it is a Postgres source (run_sql); else the reason.
  Result<std::shared_ptr<backends::postgres::Pool>> FindPostgres(std::string_view source) const;

 private:
  struct Entry {
    metadata::Json configuration;
    Result<SourcePool> pool;
  };
  // The entry of `name` if it was made for `configuration`.
  const Entry* Reusable(std::string_view name, const metadata::Json& configuration) const;

  std::map<std::string, Entry, std::less<>> entries_;
};

}  // namespace junction::execute
