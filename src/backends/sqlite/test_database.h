#pragma once
// Test support for the SQLite backend's tests: database files in the test's temporary folder,
// and running a coroutine to completion on an io_context.
//
//   TempDatabase database("CREATE TABLE t (a INTEGER); INSERT INTO t VALUES (1);");
//   Result<Rows> rows = AwaitIn(io, Run(pool, statement));

#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>  // before any Asio header: Boost 1.74 + GCC 12

#include <gtest/gtest.h>
#include <sqlite3.h>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>

namespace junction::backends::sqlite::testing_support {

// A new database file holding `schema` (SQL run once), deleted with the object.
class TempDatabase {
 public:
  explicit TempDatabase(const std::string& schema) {
    static std::atomic<int> counter = 0;
    path_ = ::testing::TempDir() + "junction_sqlite_" + std::to_string(::getpid()) + "_" +
            std::to_string(counter++) + ".db";
    std::remove(path_.c_str());
    sqlite3* db = nullptr;
    sqlite3_open_v2(path_.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr);
    char* message = nullptr;
    const int rc = sqlite3_exec(db, schema.c_str(), nullptr, nullptr, &message);
    const std::string error = message ? message : "";
    sqlite3_free(message);
    sqlite3_close(db);
    if (rc != SQLITE_OK) throw std::runtime_error("cannot create the test database: " + error);
  }
  ~TempDatabase() { std::remove(path_.c_str()); }
  TempDatabase(const TempDatabase&) = delete;
  TempDatabase& operator=(const TempDatabase&) = delete;

  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

// Runs `operation` to completion on `io` (restarted first) on this thread.
template <typename T>
T AwaitIn(boost::asio::io_context& io, boost::asio::awaitable<T> operation) {
  io.restart();
  std::optional<T> result;
  boost::asio::co_spawn(
      io, [&]() -> boost::asio::awaitable<void> { result.emplace(co_await std::move(operation)); },
      [](std::exception_ptr error) {
        if (error) std::rethrow_exception(error);
      });
  io.run();
  return std::move(*result);
}

}  // namespace junction::backends::sqlite::testing_support
