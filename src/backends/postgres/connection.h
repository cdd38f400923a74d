#pragma once
// Connection: one libpq connection driven without blocking on an Asio executor (DESIGN.md §5:
// never block the event loop). Pool owns connections and lends each to one query at a time.
//
//   connect   PQconnectStartParams + PQconnectPoll, waiting on the socket; bounded by
//             `connect_timeout`. The session defaults make every statement run in a read-only
//             transaction at the source's isolation level, bounded by its statement_timeout,
//             without an extra round trip (they travel in the startup packet's `options`).
//   execute   PQsendPrepare once per distinct SQL text (statements "j1", "j2", … cached by text),
//             then PQsendQueryPrepared; results in text format.
//   script    the simple protocol, several statements, inside BEGIN … COMMIT (run_sql).
//
// Every operation has a deadline (statement_timeout plus a grace period): if the server stops
// answering, the query is cancelled (PQcancel on a worker thread, best effort) and the
// connection is marked timed out. A connection whose socket failed is marked lost. Either way the
// pool discards it. All libpq calls run on the connection's strand; the caller may be anywhere.

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>  // before any Asio header: Boost 1.74 + GCC 12

#include <libpq-fe.h>
#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/posix/stream_descriptor.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>

#include "backends/postgres/query_result.h"
#include "backends/sql/statement.h"
#include "common/result.h"

namespace junction::backends::postgres {

struct ConnectionSettings {
  std::string database_url;  // a postgres:// URL or a libpq key=value string
  std::chrono::seconds connect_timeout{10};
  std::string isolation_level = "read-committed";  // Hasura's spelling: read-committed, …
  std::chrono::seconds statement_timeout{60};
};

class Connection {
 public:
  enum class State { kReady, kLost, kTimedOut };

  // Opens a connection; a connection error when the server cannot be reached, refuses us, or
  // does not finish the handshake within `connect_timeout`.
  static boost::asio::awaitable<Result<std::unique_ptr<Connection>>> Connect(
      boost::asio::any_io_executor executor, const ConnectionSettings& settings);

  struct Passkey {};  // only Connect makes connections
  Connection(Passkey, boost::asio::any_io_executor executor, PGconn* connection,
             std::chrono::seconds statement_timeout);
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;
  ~Connection();

  // Runs `statement` (prepared on this connection the first time its text is seen).
  // REQUIRES: no other operation is in progress on this connection.
  boost::asio::awaitable<Result<QueryResult>> Execute(const sql::Statement& statement);

  // Runs `sql` (any number of statements, no parameters) in one transaction, read-only or
  // read-write, and returns the last statement's rows (empty for a command). On an error the
  // transaction is rolled back. REQUIRES: no other operation is in progress.
  boost::asio::awaitable<Result<QueryResult>> ExecuteScript(std::string sql, bool read_only);

  // kLost or kTimedOut once an operation failed that way; such a connection is useless.
  State state() const { return state_; }
  std::chrono::steady_clock::time_point created_at() const { return created_at_; }

 private:
  using Strand = boost::asio::strand<boost::asio::any_io_executor>;
  struct PgconnDeleter {
    void operator()(PGconn* connection) const { PQfinish(connection); }
  };
  using ResultPtr = std::unique_ptr<PGresult, decltype(&PQclear)>;

  // Runs `operation` on the strand with a deadline `timeout` from now.
  template <typename T>
  boost::asio::awaitable<T> OnStrand(boost::asio::awaitable<T> operation,
                                     std::chrono::steady_clock::duration timeout);
  boost::asio::awaitable<Status> Handshake();
  boost::asio::awaitable<Result<QueryResult>> RunStatement(const sql::Statement& statement);
  boost::asio::awaitable<Result<QueryResult>> RunScript(std::string sql, bool read_only);
  // Sends a command of ours (BEGIN, COMMIT, ROLLBACK) and waits for it.
  boost::asio::awaitable<Status> RunCommand(const char* command);
  // Prepares the statement's text unless it already is; its name, or nullopt when the cache is
  // full (the statement then runs unprepared).
  boost::asio::awaitable<Result<std::optional<std::string>>> Prepare(
      const sql::Statement& statement);
  // Sends what libpq has buffered, then collects every result of the command just sent: the
  // last one, or the first error (as StatementError of `statement`).
  boost::asio::awaitable<Result<ResultPtr>> Finish(const sql::Statement& statement, bool prepared);
  boost::asio::awaitable<Status> Flush();
  // Waits until the socket is ready; false (and the state set) on a timeout or socket error.
  boost::asio::awaitable<bool> WaitReady(boost::asio::posix::descriptor_base::wait_type type);
  // The error after WaitReady failed: a timeout (the statement is cancelled) or a lost socket.
  Error WaitFailure();
  // Points the descriptor at libpq's current socket (it may change while connecting).
  void AttachSocket();
  void StartDeadline(std::chrono::steady_clock::duration timeout);
  void StopDeadline();
  // The error for a failed libpq call, with libpq's message; the connection is then kLost.
  Error Failure();
  void CancelInBackground();

  Strand strand_;
  std::unique_ptr<PGconn, PgconnDeleter> connection_;
  boost::asio::posix::stream_descriptor socket_;
  boost::asio::steady_timer timer_;
  std::shared_ptr<bool> deadline_armed_;
  bool deadline_passed_ = false;
  std::chrono::seconds statement_timeout_;
  std::unordered_map<std::string, std::string> prepared_;  // SQL text → statement name
  State state_ = State::kReady;
  std::chrono::steady_clock::time_point created_at_ = std::chrono::steady_clock::now();
};

}  // namespace junction::backends::postgres
