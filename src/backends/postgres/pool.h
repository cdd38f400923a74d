#pragma once
// Pool: a source's Postgres connections (DESIGN.md §5), shared by every request on every thread.
//
//   acquire   the most recently used idle connection that has not outlived idle_timeout or
//             connection_lifetime; else a new one while fewer than max_connections exist; else
//             wait (FIFO) for one to be released, at most pool_timeout.
//   release   a healthy connection goes back to the idle list or straight to the first waiter;
//             a lost or timed-out one is discarded, and with a lost one every idle connection
//             too (after a server restart they are all dead).
//   retry     a read-only statement whose connection was lost runs once more on a new one, so
//             the first query after a Postgres restart succeeds.
//
// Expired idle connections are closed when the pool is next used (no background timer).
// The bookkeeping runs on the pool's strand; queries run on their connection's strand. Errors
// are database_error.h's: a statement's error, or postgres-error "connection error" with the
// reason in `internal` (Hasura's "connection acquisition timeout expired" when pool_timeout
// passes).

#include <chrono>
#include <deque>
#include <list>
#include <memory>
#include <optional>
#include <string>
#include <utility>  // before any Asio header: Boost 1.74 + GCC 12

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>

#include "backends/postgres/connection.h"
#include "backends/postgres/query_result.h"
#include "backends/sql/statement.h"
#include "common/result.h"

namespace junction::backends::postgres {

struct PoolSettings {
  std::string database_url;
  int max_connections = 50;
  std::chrono::seconds idle_timeout{180};
  std::optional<std::chrono::seconds> connection_lifetime{600};
  std::optional<std::chrono::seconds>
      pool_timeout;                                // wait for a free connection; nullopt = forever
  std::string isolation_level = "read-committed";  // read-committed, repeatable-read, serializable
  std::chrono::seconds statement_timeout{60};
  std::chrono::seconds connect_timeout{10};
};

class Pool : public std::enable_shared_from_this<Pool> {
 public:
  static std::shared_ptr<Pool> Make(boost::asio::any_io_executor executor, PoolSettings settings);

  // Runs one parameterised statement (prepared once per connection) in a read-only transaction
  // at the configured isolation level (session defaults: no extra round trip); all rows as text.
  // REQUIRES: `statement` and the pool outlive the co_await. Pass a named Statement: GCC 12
  // destroys an aggregate temporary built inside a co_await expression twice
  // (`co_await pool.Execute(sql::Statement{…})` is a double free).
  boost::asio::awaitable<Result<QueryResult>> Execute(const sql::Statement& statement);

  // Runs SQL text with the simple protocol (several statements, no parameters) in one
  // transaction, for run_sql: the last statement's result (columns and rows; empty for a
  // command). Retried after a lost connection only when `read_only`.
  boost::asio::awaitable<Result<QueryResult>> ExecuteScript(std::string sql, bool read_only);

  // Closes the idle connections and fails waiters; later calls fail with a connection error.
  // Connections in use close when released. From any thread.
  void Close();

  struct Passkey {};  // only Make makes pools
  Pool(Passkey, boost::asio::any_io_executor executor, PoolSettings settings);

 private:
  using Strand = boost::asio::strand<boost::asio::any_io_executor>;
  struct Idle {
    std::unique_ptr<Connection> connection;
    std::chrono::steady_clock::time_point since;
  };
  // A coroutine waiting for a connection. Release hands it a connection, or a slot to open one.
  struct Waiter {
    explicit Waiter(Strand& strand) : timer(strand) {}
    boost::asio::steady_timer timer;
    std::unique_ptr<Connection> connection;
    bool may_open = false;
    bool woken = false;
  };
  class Lease;

  // Acquires a connection, runs `run` on it, releases it; once more on a new connection when it
  // was lost and `retry_if_lost`.
  template <typename Run>
  boost::asio::awaitable<Result<QueryResult>> WithConnection(Run run, bool retry_if_lost);
  boost::asio::awaitable<Result<Lease>> Acquire();
  boost::asio::awaitable<Result<std::unique_ptr<Connection>>> AcquireOnStrand();
  boost::asio::awaitable<Result<std::unique_ptr<Connection>>> Open();
  // From any thread: gives `connection` back (or discards it when broken).
  void Release(std::unique_ptr<Connection> connection);
  void ReleaseOnStrand(std::unique_ptr<Connection> connection);
  // On the strand: a connection slot became free; the first waiter may open one.
  void FreeSlot();
  bool Expired(const Connection& connection) const;
  std::unique_ptr<Connection> TakeIdle();

  Strand strand_;
  const PoolSettings settings_;
  const ConnectionSettings connection_settings_;
  // The rest is touched only on strand_.
  std::deque<Idle> idle_;  // oldest first; taken from the back
  std::list<Waiter*> waiters_;
  int open_ = 0;  // connections that exist or are being opened
  bool closed_ = false;
};

}  // namespace junction::backends::postgres
