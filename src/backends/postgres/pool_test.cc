// Pool against a real Postgres (scripts/pg_cluster): the max_connections bound under concurrency
// on several threads, pool_timeout, reconnection after a server restart, scripts, and Close.

#include "backends/postgres/pool.h"

#include <atomic>
#include <chrono>
#include <set>
#include <string>
#include <thread>
#include <utility>  // before any Asio header: Boost 1.74 + GCC 12
#include <vector>

#include <gtest/gtest.h>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "backends/postgres/test_cluster.h"

namespace junction::backends::postgres {
namespace {

using testing_support::AwaitIn;
using testing_support::PostgresTest;
using testing_support::TestCluster;
namespace asio = boost::asio;

class PoolTest : public PostgresTest {
 protected:
  PoolSettings Settings() const {
    PoolSettings settings;
    settings.database_url = url_;
    settings.statement_timeout = std::chrono::seconds(2);
    settings.connect_timeout = std::chrono::seconds(5);
    return settings;
  }

  // Runs `statements` concurrently on one pool over an io_context with two threads; statement i
  // is sent i × `stagger` after the first (with two threads, the order in which statements
  // started at once reach the pool is not fixed).
  std::vector<std::optional<Result<QueryResult>>> RunConcurrently(
      PoolSettings settings, const std::vector<sql::Statement>& statements,
      std::chrono::milliseconds stagger = {}) {
    asio::io_context io(2);
    std::shared_ptr<Pool> pool = Pool::Make(io.get_executor(), std::move(settings));
    std::vector<std::optional<Result<QueryResult>>> results(statements.size());
    for (size_t i = 0; i < statements.size(); ++i) {
      asio::co_spawn(
          io,
          [](std::shared_ptr<Pool> pool, const sql::Statement* statement,
             std::optional<Result<QueryResult>>* result,
             std::chrono::milliseconds delay) -> asio::awaitable<void> {
            asio::steady_timer timer(co_await asio::this_coro::executor, delay);
            co_await timer.async_wait(asio::use_awaitable);
            result->emplace(co_await pool->Execute(*statement));
          }(pool, &statements[i], &results[i], stagger * static_cast<int>(i)),
          asio::detached);
    }
    std::thread second([&io] { io.run(); });
    io.run();
    second.join();
    return results;
  }

  std::shared_ptr<Pool> MakePool(PoolSettings settings) {
    return Pool::Make(io_.get_executor(), std::move(settings));
  }

  Result<QueryResult> Execute(const std::shared_ptr<Pool>& pool, sql::Statement statement) {
    return AwaitIn(io_,
                   [](std::shared_ptr<Pool> pool,
                      sql::Statement statement) -> asio::awaitable<Result<QueryResult>> {
                     co_return co_await pool->Execute(statement);
                   }(pool, std::move(statement)));
  }

  asio::io_context io_;
};

TEST_F(PoolTest, FiveConcurrentQueriesShareTwoConnections) {
  PoolSettings settings = Settings();
  settings.max_connections = 2;
  std::vector<sql::Statement> statements(
      5, sql::Statement{"SELECT pg_backend_pid(), pg_sleep($1::float8)", {"0.2"}});
  std::vector<std::optional<Result<QueryResult>>> results = RunConcurrently(settings, statements);
  std::set<std::string> backends;
  for (const std::optional<Result<QueryResult>>& result : results) {
    ASSERT_TRUE(result.has_value());
    ASSERT_TRUE(*result) << (*result).error().message << " " << (*result).error().internal;
    backends.insert(*(*result)->rows[0][0]);
  }
  EXPECT_LE(backends.size(), 2u);
}

TEST_F(PoolTest, PoolTimeoutElapsesWithAConnectionError) {
  PoolSettings settings = Settings();
  settings.max_connections = 1;
  settings.pool_timeout = std::chrono::seconds(1);
  std::vector<sql::Statement> statements = {
      {"SELECT pg_sleep($1::float8)", {"1.8"}},
      {"SELECT 1", {}},
  };
  // The second asks for the one connection once the first holds it, and gives up after 1 s.
  std::vector<std::optional<Result<QueryResult>>> results =
      RunConcurrently(settings, statements, std::chrono::milliseconds(300));
  ASSERT_TRUE(results[0].has_value() && results[1].has_value());
  EXPECT_TRUE(*results[0]);
  ASSERT_FALSE(*results[1]);
  EXPECT_EQ(results[1]->error().code, ErrorCode::kPostgresError);
  EXPECT_EQ(results[1]->error().message, "connection error");
  EXPECT_EQ(results[1]->error().internal, "connection acquisition timeout expired");
}

TEST_F(PoolTest, ReconnectsAfterAServerRestart) {
  std::shared_ptr<Pool> pool = MakePool(Settings());
  Result<QueryResult> before = Execute(pool, {"SELECT pg_backend_pid()", {}});
  ASSERT_TRUE(before) << before.error().message;
  ASSERT_TRUE(TestCluster::Restart());
  Result<QueryResult> after = Execute(pool, {"SELECT pg_backend_pid()", {}});
  ASSERT_TRUE(after) << after.error().message << " " << after.error().internal;
  EXPECT_NE(before->rows[0][0], after->rows[0][0]);
}

TEST_F(PoolTest, AHungQueryEndsWithAnErrorAndTheConnectionIsReplaced) {
  std::shared_ptr<Pool> pool = MakePool(Settings());
  auto start = std::chrono::steady_clock::now();
  Result<QueryResult> hung = Execute(pool, {"SELECT pg_sleep(60)", {}});
  ASSERT_FALSE(hung);
  EXPECT_EQ(hung.error().message, "canceling statement due to statement timeout");
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(10));
  Result<QueryResult> next = Execute(pool, {"SELECT 1", {}});
  ASSERT_TRUE(next) << next.error().message;
}

TEST_F(PoolTest, ScriptsReadOrWriteAsAsked) {
  std::shared_ptr<Pool> pool = MakePool(Settings());
  auto script = [&](std::string sql, bool read_only) {
    return AwaitIn(io_,
                   [](std::shared_ptr<Pool> pool, std::string sql,
                      bool read_only) -> asio::awaitable<Result<QueryResult>> {
                     co_return co_await pool->ExecuteScript(std::move(sql), read_only);
                   }(pool, std::move(sql), read_only));
  };
  Result<QueryResult> denied = script("CREATE TABLE pool_script (id int)", true);
  ASSERT_FALSE(denied);
  EXPECT_EQ(denied.error().message, "cannot execute CREATE TABLE in a read-only transaction");
  Result<QueryResult> created =
      script("CREATE TABLE pool_script (id int); INSERT INTO pool_script VALUES (5)", false);
  ASSERT_TRUE(created) << created.error().message;
  Result<QueryResult> read = Execute(pool, {"SELECT id FROM pool_script", {}});
  ASSERT_TRUE(read) << read.error().message;
  EXPECT_EQ(read->rows[0][0], "5");
  ASSERT_TRUE(script("DROP TABLE pool_script", false));
}

TEST_F(PoolTest, ClosedPoolFailsLaterQueries) {
  std::shared_ptr<Pool> pool = MakePool(Settings());
  ASSERT_TRUE(Execute(pool, {"SELECT 1", {}}));
  pool->Close();
  Result<QueryResult> after = Execute(pool, {"SELECT 1", {}});
  ASSERT_FALSE(after);
  EXPECT_EQ(after.error().message, "connection error");
  EXPECT_EQ(after.error().internal, "the connection pool is closed");
}

TEST_F(PoolTest, UnreachableDatabaseIsAConnectionError) {
  PoolSettings settings = Settings();
  settings.database_url = "postgres://postgres@127.0.0.1:1/postgres";
  std::shared_ptr<Pool> pool = MakePool(settings);
  Result<QueryResult> result = Execute(pool, {"SELECT 1", {}});
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code, ErrorCode::kPostgresError);
  EXPECT_EQ(result.error().message, "connection error");
}

}  // namespace
}  // namespace junction::backends::postgres
