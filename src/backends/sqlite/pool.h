#pragma once
// Pool: the connections of one SQLite source (DESIGN.md §5: never block the event loop). SQLite's
// API is blocking, so every call runs on a process-wide worker thread pool (WorkerThreads, sized
// to two per core, at least 4) and the awaiting coroutine resumes on its own executor. Connections
// are opened lazily, one per worker that needs one, kept idle for reuse (at most one per worker
// thread), and closed with the pool; each is opened without SQLITE_OPEN_CREATE (a missing file
// is an error, never an empty new database), with `PRAGMA query_only = 1`, `PRAGMA
// case_sensitive_like = 1` (LIKE as in Postgres), the source's busy timeout, and Junction's SQL
// functions (functions.h) registered. Statements are prepared once per connection
// (sqlite3_prepare_v3 with SQLITE_PREPARE_PERSISTENT, cached by text). Many readers run at once:
// SQLite allows concurrent readers on one file. A call in flight shares the pool's state, so
// destroying the Pool mid-call is safe (the call still completes).
//
//   std::shared_ptr<Pool> pool = Pool::Make(executor, config);
//   Result<Rows> rows = co_await pool->Execute(statement);   // ?1 … bound as text (or NULL)
//
// Errors (code unexpected unless said):
//   the file cannot be opened      `cannot open the SQLite database "<path>": <sqlite message>`
//   the file stays locked          `the SQLite database "<path>" is locked` (after busy_timeout)
//   a statement fails              `database query error`, internal {"statement","arguments",
//                                  "error":{"message","code"}} (SQLite's extended code as text);
//                                  a value SQLite rejects (SQLITE_MISMATCH, SQLITE_RANGE, a JSON
//                                  or regular expression error) is data-exception with
//                                  SQLite's message instead.

#include <memory>
#include <optional>
#include <string>
#include <utility>  // before any Asio header: Boost 1.74 + GCC 12
#include <vector>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>

#include "backends/sql/statement.h"
#include "backends/sqlite/source_config.h"
#include "common/result.h"
#include "metadata/catalog.h"

namespace junction::backends::sqlite {

// The rows a statement returned, each value as text (integers and reals as SQLite prints them,
// blobs as hexadecimal), nullopt for NULL.
struct Rows {
  std::vector<std::string> columns;
  std::vector<std::vector<std::optional<std::string>>> rows;
};

class Pool : public std::enable_shared_from_this<Pool> {
 public:
  static std::shared_ptr<Pool> Make(boost::asio::any_io_executor executor, SourceConfig config);
  ~Pool();

  // Runs one statement on a worker thread; parameters are bound as text (nullopt as NULL).
  // REQUIRES: `statement` outlives the co_await (pass a named Statement, not a temporary:
  // GCC 12 destroys an aggregate temporary built inside a co_await expression twice).
  boost::asio::awaitable<Result<Rows>> Execute(const sql::Statement& statement);

  // The database's catalog (introspection.h), read on a worker thread.
  boost::asio::awaitable<Result<metadata::Catalog>> Introspect();

 private:
  struct State;
  Pool(boost::asio::any_io_executor executor, SourceConfig config);
  std::shared_ptr<State> state_;
};

}  // namespace junction::backends::sqlite
