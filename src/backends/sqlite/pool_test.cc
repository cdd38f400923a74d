// Pool against database files: statements from several coroutines run at once on the workers
// and each resumes on its io_context; values and parameters as text; the connection settings
// (read only, case-sensitive LIKE, the functions); and each documented error — a missing file
// (never created), a locked file, a failing statement, a rejected value. Also a pool destroyed
// while a call is in flight, and Introspect.

#include "backends/sqlite/pool.h"

#include <sys/stat.h>

#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <utility>  // before any Asio header: Boost 1.74 + GCC 12
#include <vector>

#include <gtest/gtest.h>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>

#include "backends/sqlite/test_database.h"

namespace junction::backends::sqlite {
namespace {

namespace asio = boost::asio;
using testing_support::AwaitIn;
using testing_support::TempDatabase;

// test_rendezvous(n): blocks until n calls are inside it at once (1) or 5 s pass (0); it proves
// that statements run concurrently. test_sleep(ms) holds a worker. Registered on every new
// connection of the process through sqlite3_auto_extension.
std::mutex rendezvous_mutex;
std::condition_variable rendezvous_changed;
int rendezvous_waiting = 0;

void Rendezvous(sqlite3_context* context, int, sqlite3_value** argv) {
  const int needed = sqlite3_value_int(argv[0]);
  std::unique_lock lock(rendezvous_mutex);
  ++rendezvous_waiting;
  rendezvous_changed.notify_all();
  const bool met = rendezvous_changed.wait_for(lock, std::chrono::seconds(5),
                                               [&] { return rendezvous_waiting >= needed; });
  sqlite3_result_int(context, met ? 1 : 0);
}

void Sleep(sqlite3_context* context, int, sqlite3_value** argv) {
  std::this_thread::sleep_for(std::chrono::milliseconds(sqlite3_value_int(argv[0])));
  sqlite3_result_int(context, 1);
}

int RegisterTestFunctions(sqlite3* db, char**, const sqlite3_api_routines*) {
  sqlite3_create_function_v2(db, "test_rendezvous", 1, SQLITE_UTF8, nullptr, Rendezvous, nullptr,
                             nullptr, nullptr);
  sqlite3_create_function_v2(db, "test_sleep", 1, SQLITE_UTF8, nullptr, Sleep, nullptr, nullptr,
                             nullptr);
  return SQLITE_OK;
}

class SqlitePoolTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    sqlite3_auto_extension(reinterpret_cast<void (*)()>(RegisterTestFunctions));
  }

  SqlitePoolTest()
      : database_(
            "CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT);"
            "INSERT INTO t VALUES (1, 'Ada'), (2, 'bob');") {}

  SourceConfig Config(std::string path) {
    SourceConfig config;
    config.database = std::move(path);
    config.busy_timeout = std::chrono::milliseconds(50);
    return config;
  }

  Result<Rows> Execute(const std::shared_ptr<Pool>& pool, sql::Statement statement) {
    return AwaitIn(
        io_,
        [](std::shared_ptr<Pool> pool, sql::Statement statement) -> asio::awaitable<Result<Rows>> {
          co_return co_await pool->Execute(statement);
        }(pool, std::move(statement)));
  }

  asio::io_context io_;
  TempDatabase database_;
};

using Row = std::vector<std::optional<std::string>>;

TEST_F(SqlitePoolTest, ReturnsColumnsAndValuesAsText) {
  std::shared_ptr<Pool> pool = Pool::Make(io_.get_executor(), Config(database_.path()));
  Result<Rows> rows =
      Execute(pool, {"SELECT id, name, 1.5 AS r, NULL AS n, x'0aff' AS b, ?1 AS p, ?2 AS q FROM t "
                     "WHERE id = CAST(?3 AS INTEGER)",
                     {"text", std::nullopt, "2"}});
  ASSERT_TRUE(rows) << rows.error().message;
  EXPECT_EQ(rows->columns, (std::vector<std::string>{"id", "name", "r", "n", "b", "p", "q"}));
  ASSERT_EQ(rows->rows.size(), 1u);
  EXPECT_EQ(rows->rows[0], (Row{"2", "bob", "1.5", std::nullopt, "0aff", "text", std::nullopt}));

  // The same text again: the cached statement, its old bindings cleared.
  rows = Execute(pool, {"SELECT id, name, 1.5 AS r, NULL AS n, x'0aff' AS b, ?1 AS p, ?2 AS q "
                        "FROM t WHERE id = CAST(?3 AS INTEGER)",
                        {"again", "q", "1"}});
  ASSERT_TRUE(rows) << rows.error().message;
  ASSERT_EQ(rows->rows.size(), 1u);
  EXPECT_EQ(rows->rows[0][1], "Ada");
  EXPECT_EQ(rows->rows[0][5], "again");
}

TEST_F(SqlitePoolTest, ConnectionsAreQueryOnlyWithCaseSensitiveLikeAndJunctionsFunctions) {
  std::shared_ptr<Pool> pool = Pool::Make(io_.get_executor(), Config(database_.path()));
  Result<Rows> like = Execute(pool, {"SELECT count(*) FROM t WHERE name LIKE 'a%'", {}});
  ASSERT_TRUE(like) << like.error().message;
  EXPECT_EQ(like->rows[0][0], "0");  // 'Ada' does not start with 'a'
  Result<Rows> regex = Execute(pool, {"SELECT junction_regex('Ada', '^a', 1)", {}});
  ASSERT_TRUE(regex) << regex.error().message;
  EXPECT_EQ(regex->rows[0][0], "1");

  Result<Rows> write = Execute(pool, {"DELETE FROM t", {}});
  ASSERT_FALSE(write);
  EXPECT_EQ(write.error().message, "database query error");
  Result<Rows> count = Execute(pool, {"SELECT count(*) FROM t", {}});
  ASSERT_TRUE(count) << count.error().message;
  EXPECT_EQ(count->rows[0][0], "2");
}

TEST_F(SqlitePoolTest, RunsStatementsConcurrentlyAndResumesOnTheCallersExecutor) {
  std::shared_ptr<Pool> pool = Pool::Make(io_.get_executor(), Config(database_.path()));
  constexpr int kCalls = 2;  // the workers are at least 2
  const sql::Statement statement{"SELECT test_rendezvous(2), (SELECT count(*) FROM t)", {}};
  std::vector<std::optional<Result<Rows>>> results(kCalls);
  std::vector<bool> resumed_here(kCalls, false);
  const std::thread::id io_thread = std::this_thread::get_id();
  for (int i = 0; i < kCalls; ++i) {
    asio::co_spawn(
        io_,
        [&, i]() -> asio::awaitable<void> {
          results[i].emplace(co_await pool->Execute(statement));
          resumed_here[i] = std::this_thread::get_id() == io_thread;
        },
        asio::detached);
  }
  io_.run();
  for (int i = 0; i < kCalls; ++i) {
    ASSERT_TRUE(results[i].has_value());
    ASSERT_TRUE(*results[i]) << results[i]->error().message;
    EXPECT_EQ((*results[i])->rows[0], (Row{"1", "2"})) << "call " << i << " ran alone";
    EXPECT_TRUE(resumed_here[i]);
  }
}

TEST_F(SqlitePoolTest, AMissingFileIsAnErrorAndIsNotCreated) {
  const std::string path = ::testing::TempDir() + "junction_sqlite_missing.db";
  std::remove(path.c_str());
  std::shared_ptr<Pool> pool = Pool::Make(io_.get_executor(), Config(path));
  Result<Rows> rows = Execute(pool, {"SELECT 1", {}});
  ASSERT_FALSE(rows);
  EXPECT_EQ(rows.error().code, ErrorCode::kUnexpected);
  EXPECT_EQ(rows.error().message,
            "cannot open the SQLite database \"" + path + "\": unable to open database file");
  struct stat info;
  EXPECT_NE(::stat(path.c_str(), &info), 0) << "the pool created " << path;

  SourceConfig read_only = Config(path);
  read_only.read_only = true;
  Result<metadata::Catalog> catalog =
      AwaitIn(io_, Pool::Make(io_.get_executor(), read_only)->Introspect());
  ASSERT_FALSE(catalog);
  EXPECT_EQ(catalog.error().message.rfind("cannot open the SQLite database", 0), 0u);
}

TEST_F(SqlitePoolTest, AFileThatIsNotADatabaseCannotBeOpened) {
  const std::string path = ::testing::TempDir() + "junction_sqlite_not_a_database.db";
  FILE* file = std::fopen(path.c_str(), "w");
  std::fputs(
      "this is not a database, but it is long enough to have a header of one............"
      "................................................................................",
      file);
  std::fclose(file);
  std::shared_ptr<Pool> pool = Pool::Make(io_.get_executor(), Config(path));
  Result<Rows> rows = Execute(pool, {"SELECT * FROM t", {}});
  std::remove(path.c_str());
  ASSERT_FALSE(rows);
  EXPECT_EQ(rows.error().message,
            "cannot open the SQLite database \"" + path + "\": file is not a database");
}

TEST_F(SqlitePoolTest, ALockedFileIsAnErrorAfterTheBusyTimeout) {
  sqlite3* writer = nullptr;
  ASSERT_EQ(sqlite3_open(database_.path().c_str(), &writer), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(writer, "BEGIN EXCLUSIVE", nullptr, nullptr, nullptr), SQLITE_OK);
  std::shared_ptr<Pool> pool = Pool::Make(io_.get_executor(), Config(database_.path()));
  const auto started = std::chrono::steady_clock::now();
  Result<Rows> rows = Execute(pool, {"SELECT count(*) FROM t", {}});
  EXPECT_GE(std::chrono::steady_clock::now() - started, std::chrono::milliseconds(40));
  ASSERT_FALSE(rows);
  EXPECT_EQ(rows.error().code, ErrorCode::kUnexpected);
  EXPECT_EQ(rows.error().message, "the SQLite database \"" + database_.path() + "\" is locked");

  ASSERT_EQ(sqlite3_exec(writer, "COMMIT", nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(writer);
  rows = Execute(pool, {"SELECT count(*) FROM t", {}});  // the same connection, now unlocked
  ASSERT_TRUE(rows) << rows.error().message;
  EXPECT_EQ(rows->rows[0][0], "2");
}

TEST_F(SqlitePoolTest, AFailingStatementIsADatabaseQueryErrorWithDetailsForAdmins) {
  std::shared_ptr<Pool> pool = Pool::Make(io_.get_executor(), Config(database_.path()));
  Result<Rows> rows = Execute(pool, {"SELECT * FROM missing WHERE a = ?1", {"x"}});
  ASSERT_FALSE(rows);
  EXPECT_EQ(rows.error().code, ErrorCode::kUnexpected);
  EXPECT_EQ(rows.error().message, "database query error");
  EXPECT_EQ(rows.error().internal.dump(),
            R"({"statement":"SELECT * FROM missing WHERE a = ?1","arguments":["x"],)"
            R"("error":{"message":"no such table: missing","code":"1"}})");
}

TEST_F(SqlitePoolTest, AStatementPastItsTimeoutIsInterrupted) {
  SourceConfig config = Config(database_.path());
  config.statement_timeout = std::chrono::milliseconds(100);
  std::shared_ptr<Pool> pool = Pool::Make(io_.get_executor(), config);
  // Counts for ever: only the deadline ends it.
  Result<Rows> rows = Execute(pool, {"WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 "
                                     "FROM c) SELECT count(*) FROM c",
                                     {}});
  ASSERT_FALSE(rows);
  EXPECT_EQ(rows.error().code, ErrorCode::kUnexpected);
  EXPECT_EQ(rows.error().message, "the statement did not finish within 100 ms");
  // The connection serves the next statement, with a fresh deadline.
  Result<Rows> next = Execute(pool, {"SELECT count(*) FROM t", {}});
  ASSERT_TRUE(next) << next.error().message;
  EXPECT_EQ(next->rows, (std::vector<Row>{{"2"}}));
}

TEST_F(SqlitePoolTest, AValueSqliteRejectsIsADataException) {
  std::shared_ptr<Pool> pool = Pool::Make(io_.get_executor(), Config(database_.path()));
  Result<Rows> json = Execute(pool, {"SELECT json_extract(?1, '$.a')", {"{not json"}});
  ASSERT_FALSE(json);
  EXPECT_EQ(json.error().code, ErrorCode::kDataException);
  EXPECT_EQ(json.error().message, "malformed JSON");
  EXPECT_EQ(json.error().internal["arguments"][0], "{not json");

  Result<Rows> regex = Execute(pool, {"SELECT junction_regex(name, ?1, 0) FROM t", {"(a"}});
  ASSERT_FALSE(regex);
  EXPECT_EQ(regex.error().code, ErrorCode::kDataException);
  EXPECT_EQ(regex.error().message.rfind("invalid regular expression: ", 0), 0u);
}

TEST_F(SqlitePoolTest, APoolDestroyedWhileACallIsInFlightIsSafe) {
  std::shared_ptr<Pool> pool = Pool::Make(io_.get_executor(), Config(database_.path()));
  const sql::Statement statement{"SELECT test_sleep(100), count(*) FROM t", {}};
  std::optional<Result<Rows>> result;
  asio::co_spawn(
      io_,
      [&, raw = pool.get()]() -> asio::awaitable<void> {
        result.emplace(co_await raw->Execute(statement));
      },
      asio::detached);
  // Runs once the first call waits for its worker.
  asio::co_spawn(
      io_,
      [&]() -> asio::awaitable<void> {
        pool.reset();
        co_return;
      },
      asio::detached);
  io_.run();
  EXPECT_EQ(pool, nullptr);
  ASSERT_TRUE(result.has_value());
  ASSERT_TRUE(*result) << (*result).error().message;
  EXPECT_EQ((*result)->rows[0], (Row{"1", "2"}));
}

TEST_F(SqlitePoolTest, IntrospectsOnAWorker) {
  std::shared_ptr<Pool> pool = Pool::Make(io_.get_executor(), Config(database_.path()));
  Result<metadata::Catalog> catalog = AwaitIn(io_, pool->Introspect());
  ASSERT_TRUE(catalog) << catalog.error().message;
  const metadata::CatalogTable* table = catalog->FindTable({"main", "t"});
  ASSERT_NE(table, nullptr);
  EXPECT_EQ(table->primary_key, std::vector<std::string>{"id"});
  EXPECT_EQ(table->columns.size(), 2u);
}

}  // namespace
}  // namespace junction::backends::sqlite
