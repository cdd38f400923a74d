#include "backends/sqlite/connection.h"

#include <cstddef>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "backends/sqlite/database_error.h"
#include "backends/sqlite/functions.h"

namespace junction::backends::sqlite {
namespace {

// Statements are cached by text; the translator makes one text per query shape, so the cache
// stays small, but a client sending ever new shapes must not grow it without bound.
constexpr size_t kMaxCachedStatements = 512;

std::string Hex(const void* data, int size) {
  static constexpr char kDigits[] = "0123456789abcdef";
  const auto* bytes = static_cast<const unsigned char*>(data);
  std::string text;
  text.reserve(static_cast<size_t>(size) * 2);
  for (int i = 0; i < size; ++i) {
    text += kDigits[bytes[i] >> 4];
    text += kDigits[bytes[i] & 0xf];
  }
  return text;
}

// A value as text: integers and reals as SQLite prints them, blobs as hexadecimal.
std::optional<std::string> ColumnText(sqlite3_stmt* statement, int column) {
  switch (sqlite3_column_type(statement, column)) {
    case SQLITE_NULL:
      return std::nullopt;
    case SQLITE_BLOB: {
      const void* data = sqlite3_column_blob(statement, column);
      return Hex(data, sqlite3_column_bytes(statement, column));
    }
    default: {
      const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(statement, column));
      if (text == nullptr) return std::string();
      return std::string(text, static_cast<size_t>(sqlite3_column_bytes(statement, column)));
    }
  }
}

// Virtual-machine steps between two looks at the statement's deadline (a few microseconds).
constexpr int kProgressSteps = 10'000;

}  // namespace

Result<std::unique_ptr<Connection>> Connection::Open(const SourceConfig& config) {
  // NOMUTEX: a connection is used by one thread at a time (the pool lends it to one worker).
  const int flags =
      (config.read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE) | SQLITE_OPEN_NOMUTEX;
  sqlite3* db = nullptr;
  const int opened = sqlite3_open_v2(config.database.c_str(), &db, flags, nullptr);
  // The handle exists once opening started, even when it failed, and owns the error message.
  auto connection = std::make_unique<Connection>(Passkey{}, db, config.database);
  connection->statement_timeout_ = config.statement_timeout;
  if (opened != SQLITE_OK) {
    return OpenError(config.database, db ? sqlite3_errmsg(db) : sqlite3_errstr(opened));
  }
  sqlite3_extended_result_codes(db, 1);
  sqlite3_busy_timeout(db, static_cast<int>(config.busy_timeout.count()));
  char* message = nullptr;
  if (sqlite3_exec(db, "PRAGMA query_only = 1; PRAGMA case_sensitive_like = 1;", nullptr, nullptr,
                   &message) != SQLITE_OK) {
    std::string text = message ? message : sqlite3_errmsg(db);
    sqlite3_free(message);
    return OpenError(config.database, text);
  }
  if (int registered = RegisterFunctions(db); registered != SQLITE_OK) {
    return OpenError(config.database, sqlite3_errstr(registered));
  }
  return connection;
}

Connection::~Connection() {
  for (auto& [text, statement] : statements_) sqlite3_finalize(statement);
  sqlite3_close_v2(db_);  // a null handle is a harmless no-op
}

Error Connection::Fail(const sql::Statement& statement) {
  const int code = sqlite3_extended_errcode(db_);
  if (IsConnectionFailure(code)) broken_ = true;
  return StatementError(path_, statement, code, sqlite3_errmsg(db_));
}

Result<sqlite3_stmt*> Connection::Prepare(const sql::Statement& statement) {
  if (auto it = statements_.find(statement.text); it != statements_.end()) return it->second;
  if (statements_.size() >= kMaxCachedStatements) {
    for (auto& [text, prepared] : statements_) sqlite3_finalize(prepared);
    statements_.clear();
  }
  sqlite3_stmt* prepared = nullptr;
  if (sqlite3_prepare_v3(db_, statement.text.data(), static_cast<int>(statement.text.size()),
                         SQLITE_PREPARE_PERSISTENT, &prepared, nullptr) != SQLITE_OK) {
    return Fail(statement);
  }
  if (prepared == nullptr) {  // only whitespace or a comment: our bug, but not a crash
    return StatementError(path_, statement, SQLITE_MISUSE, "the statement is empty");
  }
  statements_.emplace(statement.text, prepared);
  return prepared;
}

Result<Rows> Connection::Execute(const sql::Statement& statement) {
  Result<sqlite3_stmt*> prepared = Prepare(statement);
  if (!prepared) return prepared.error();
  sqlite3_stmt* stmt = *prepared;
  // Reset and unbind however this ends: a statement left mid-step keeps its read transaction
  // open, and with it a lock that blocks writers of the file.
  struct Reset {
    sqlite3_stmt* stmt;
    ~Reset() {
      sqlite3_reset(stmt);
      sqlite3_clear_bindings(stmt);
    }
  } reset{stmt};

  for (size_t i = 0; i < statement.params.size(); ++i) {
    const std::optional<std::string>& param = statement.params[i];
    const int index = static_cast<int>(i) + 1;
    // SQLITE_STATIC: the parameters outlive the steps below (Execute's caller keeps them).
    const int bound = param ? sqlite3_bind_text(stmt, index, param->data(),
                                                static_cast<int>(param->size()), SQLITE_STATIC)
                            : sqlite3_bind_null(stmt, index);
    if (bound != SQLITE_OK) return Fail(statement);
  }

  // SQLite calls the progress handler every few thousand virtual-machine steps; past the
  // deadline it answers non-zero, which interrupts the statement (SQLITE_INTERRUPT).
  struct Deadline {
    std::chrono::steady_clock::time_point at;
    sqlite3* db;
    ~Deadline() { sqlite3_progress_handler(db, 0, nullptr, nullptr); }
  } deadline{std::chrono::steady_clock::now() + statement_timeout_, db_};
  sqlite3_progress_handler(
      db_, kProgressSteps,
      [](void* context) {
        return std::chrono::steady_clock::now() > static_cast<Deadline*>(context)->at ? 1 : 0;
      },
      &deadline);

  Rows rows;
  const int columns = sqlite3_column_count(stmt);
  rows.columns.reserve(static_cast<size_t>(columns));
  for (int column = 0; column < columns; ++column) {
    const char* name = sqlite3_column_name(stmt, column);
    rows.columns.emplace_back(name ? name : "");
  }
  for (;;) {
    const int stepped = sqlite3_step(stmt);
    if (stepped == SQLITE_DONE) break;
    if (stepped == SQLITE_INTERRUPT) return TimeoutError(path_, statement, statement_timeout_);
    if (stepped != SQLITE_ROW) return Fail(statement);
    std::vector<std::optional<std::string>>& row = rows.rows.emplace_back();
    row.reserve(static_cast<size_t>(columns));
    for (int column = 0; column < columns; ++column) row.push_back(ColumnText(stmt, column));
  }
  return rows;
}

}  // namespace junction::backends::sqlite
