#include "backends/sqlite/database_error.h"

#include <string>

#include <sqlite3.h>

#include <nlohmann/json.hpp>

namespace junction::backends::sqlite {
namespace {

std::string Quoted(std::string_view path) { return "\"" + std::string(path) + "\""; }

// A value SQLite rejected, not a fault of the engine or the database: the client's to fix.
bool IsDataError(int code, std::string_view message) {
  const int primary = code & 0xff;
  if (primary == SQLITE_MISMATCH || primary == SQLITE_RANGE) return true;
  // SQLite reports a bad JSON value with SQLITE_ERROR: "malformed JSON", "JSON path error near
  // …", "JSON cannot hold BLOB values"; functions.h's a bad pattern.
  return message.starts_with("malformed JSON") || message.starts_with("JSON path error") ||
         message.starts_with("JSON cannot hold") ||
         message.starts_with("invalid regular expression");
}

}  // namespace

Error OpenError(std::string_view path, std::string_view message) {
  return Error(ErrorCode::kUnexpected,
               "cannot open the SQLite database " + Quoted(path) + ": " + std::string(message));
}

Error LockedError(std::string_view path) {
  return Error(ErrorCode::kUnexpected, "the SQLite database " + Quoted(path) + " is locked");
}

Error StatementError(std::string_view path, const sql::Statement& statement, int code,
                     std::string_view message) {
  const int primary = code & 0xff;
  if (primary == SQLITE_BUSY) return LockedError(path);
  if (primary == SQLITE_NOTADB || primary == SQLITE_CANTOPEN) return OpenError(path, message);

  nlohmann::ordered_json arguments = nlohmann::ordered_json::array();
  for (const std::optional<std::string>& param : statement.params) {
    arguments.push_back(param ? nlohmann::ordered_json(*param) : nlohmann::ordered_json(nullptr));
  }
  nlohmann::ordered_json internal = {
      {"statement", statement.text},
      {"arguments", std::move(arguments)},
      {"error", {{"message", message}, {"code", std::to_string(code)}}}};
  if (IsDataError(code, message)) {
    return Error(ErrorCode::kDataException, std::string(message), "$", std::move(internal));
  }
  return Error(ErrorCode::kUnexpected, "database query error", "$", std::move(internal));
}

Error TimeoutError(std::string_view path, const sql::Statement& statement,
                   std::chrono::milliseconds timeout) {
  Error error = StatementError(path, statement, SQLITE_INTERRUPT, "interrupted");
  error.message = "the statement did not finish within " + std::to_string(timeout.count()) + " ms";
  return error;
}

bool IsConnectionFailure(int code) {
  const int primary = code & 0xff;
  return primary == SQLITE_IOERR || primary == SQLITE_CORRUPT || primary == SQLITE_NOTADB ||
         primary == SQLITE_CANTOPEN;
}

}  // namespace junction::backends::sqlite
