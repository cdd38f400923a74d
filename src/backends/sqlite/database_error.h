#pragma once
// How SQLite failures become junction::Error, in the shapes pool.h documents:
//
//   the file cannot be opened   unexpected `cannot open the SQLite database "shop.db": unable to
//                               open database file` (also a file that is not a database)
//   the file stays locked       unexpected `the SQLite database "shop.db" is locked`
//   a value SQLite rejects      data-exception, SQLite's message ("malformed JSON", "invalid
//                               regular expression: …"; SQLITE_MISMATCH, SQLITE_RANGE)
//   any other statement failure unexpected `database query error`
//
// Statement failures carry internal {"statement","arguments","error":{"message","code"}}, the
// code being SQLite's extended result code in decimal ("1", "2067"), for admins only.

#include <chrono>
#include <string_view>

#include "backends/sql/statement.h"
#include "common/error.h"

namespace junction::backends::sqlite {

Error OpenError(std::string_view path, std::string_view message);

Error LockedError(std::string_view path);

// `statement` ran past the source's statement timeout and was interrupted: unexpected
// `the statement did not finish within <n> ms`, with the statement in internal.
Error TimeoutError(std::string_view path, const sql::Statement& statement,
                   std::chrono::milliseconds timeout);

// `statement` failed on the database at `path` with `code` (an extended result code) and
// `message` (sqlite3_errmsg).
Error StatementError(std::string_view path, const sql::Statement& statement, int code,
                     std::string_view message);

// Whether a connection that failed with `code` should be closed rather than reused (the file
// went away, is corrupt or is not a database).
bool IsConnectionFailure(int code);

}  // namespace junction::backends::sqlite
