#pragma once
// Connection: one open SQLite database handle and its prepared statements, used by one worker
// thread at a time (Pool lends it out). Blocking; never call it on the event loop.
//
//   Result<std::unique_ptr<Connection>> connection = Connection::Open(config);
//   Result<Rows> rows = (*connection)->Execute(statement);   // prepared once, then reused
//
// Open applies what pool.h promises of every connection: no SQLITE_OPEN_CREATE, `PRAGMA
// query_only = 1`, `PRAGMA case_sensitive_like = 1` (LIKE is case-sensitive as in Postgres),
// the busy timeout, extended result codes and Junction's functions (functions.h).

#include <chrono>
#include <memory>
#include <string>
#include <unordered_map>
#include <utility>

#include <sqlite3.h>

#include "backends/sql/statement.h"
#include "backends/sqlite/pool.h"
#include "backends/sqlite/source_config.h"
#include "common/result.h"

namespace junction::backends::sqlite {

class Connection {
  struct Passkey {};  // only Open makes connections

 public:
  // Errors: database_error.h's OpenError.
  static Result<std::unique_ptr<Connection>> Open(const SourceConfig& config);
  ~Connection();
  Connection(Passkey, sqlite3* db, std::string path) : db_(db), path_(std::move(path)) {}
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  // Runs `statement` (?1 … bound as text, nullopt as NULL) to its end; errors as
  // database_error.h's StatementError. A statement running longer than the source's
  // statement_timeout is interrupted (TimeoutError), so a worker is never held without bound.
  Result<Rows> Execute(const sql::Statement& statement);

  // Whether the last failure means the handle should be closed, not reused.
  bool broken() const { return broken_; }
  sqlite3* db() const { return db_; }

 private:
  // The cached statement for `text`, prepared on first use.
  Result<sqlite3_stmt*> Prepare(const sql::Statement& statement);
  Error Fail(const sql::Statement& statement);

  sqlite3* db_;
  std::string path_;  // as configured, for error messages
  std::chrono::milliseconds statement_timeout_{0};
  std::unordered_map<std::string, sqlite3_stmt*> statements_;
  bool broken_ = false;
};

}  // namespace junction::backends::sqlite
