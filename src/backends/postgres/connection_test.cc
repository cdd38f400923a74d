// Connection against a real Postgres (scripts/pg_cluster): parameters, prepared statement reuse,
// errors in Hasura's shape, read-only sessions, scripts, and deadlines that end hangs.

#include "backends/postgres/connection.h"

#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <string>
#include <utility>  // before any Asio header: Boost 1.74 + GCC 12

#include <gtest/gtest.h>
#include <boost/asio/this_coro.hpp>

#include "backends/postgres/test_cluster.h"

namespace junction::backends::postgres {
namespace {

using testing_support::Await;
using testing_support::PostgresTest;
namespace asio = boost::asio;

class ConnectionTest : public PostgresTest {
 protected:
  ConnectionSettings Settings() const {
    ConnectionSettings settings;
    settings.database_url = url_;
    settings.connect_timeout = std::chrono::seconds(5);
    settings.statement_timeout = std::chrono::seconds(1);
    return settings;
  }

  // Connects, runs `body` with the connection, and returns what it returns.
  template <typename Body>
  auto WithConnection(Body body, ConnectionSettings settings) {
    return Await([](ConnectionSettings settings,
                    Body body) -> decltype(body(std::declval<Connection&>())) {
      Result<std::unique_ptr<Connection>> connection =
          co_await Connection::Connect(co_await asio::this_coro::executor, settings);
      EXPECT_TRUE(connection) << connection.error().message << " " << connection.error().internal;
      if (!connection) co_return Error(ErrorCode::kUnexpected, "no connection");
      co_return co_await body(**connection);
    }(std::move(settings), std::move(body)));
  }
};

TEST_F(ConnectionTest, RunsParametersOfSeveralTypesIncludingNullAndUnicode) {
  sql::Statement statement{
      "SELECT $1::int4 + 1 AS n, $2::text AS t, $3::text IS NULL AS is_null, $4::jsonb -> 'a' AS j,"
      " $5::numeric * 2 AS d, $6::bool AS b",
      {"41", "héllo wörld ✓ 日本", std::nullopt, R"({"a": [1, "ü"]})", "1.25", "true"}};
  Result<QueryResult> result = WithConnection(
      [&](Connection& connection) { return connection.Execute(statement); }, Settings());
  ASSERT_TRUE(result) << result.error().message;
  EXPECT_EQ(result->columns, (std::vector<std::string>{"n", "t", "is_null", "j", "d", "b"}));
  ASSERT_EQ(result->rows.size(), 1u);
  const auto& row = result->rows[0];
  EXPECT_EQ(row[0], "42");
  EXPECT_EQ(row[1], "héllo wörld ✓ 日本");
  EXPECT_EQ(row[2], "t");
  EXPECT_EQ(row[3], R"([1, "ü"])");
  EXPECT_EQ(row[4], "2.50");
  EXPECT_EQ(row[5], "t");
}

TEST_F(ConnectionTest, ReturnsNullsAndManyRows) {
  Result<QueryResult> result = WithConnection(
      [statement = sql::Statement{"SELECT g, CASE WHEN g % 2 = 0 THEN NULL ELSE g::text END "
                                  "AS odd FROM generate_series(1, $1::int) AS g",
                                  {"1000"}}](Connection& connection) {
        return connection.Execute(statement);
      },
      Settings());
  ASSERT_TRUE(result) << result.error().message;
  ASSERT_EQ(result->rows.size(), 1000u);
  EXPECT_EQ(result->rows[0][1], "1");
  EXPECT_EQ(result->rows[1][1], std::nullopt);
}

TEST_F(ConnectionTest, PreparesTheSameTextOnce) {
  sql::Statement statement{"SELECT $1::int * 2", {"21"}};
  Result<QueryResult> prepared = WithConnection(
      [&](Connection& connection) -> asio::awaitable<Result<QueryResult>> {
        for (int value = 1; value <= 3; ++value) {
          sql::Statement again = statement;
          again.params = {std::to_string(value)};
          Result<QueryResult> result = co_await connection.Execute(again);
          if (!result) co_return result;
          EXPECT_EQ(result->rows[0][0], std::to_string(2 * value));
        }
        sql::Statement prepared{
            "SELECT name, statement FROM pg_prepared_statements WHERE statement = $1::text "
            "ORDER BY name",
            {statement.text}};
        co_return co_await connection.Execute(prepared);
      },
      Settings());
  ASSERT_TRUE(prepared) << prepared.error().message;
  ASSERT_EQ(prepared->rows.size(), 1u);
  EXPECT_EQ(prepared->rows[0][0], "j1");
}

TEST_F(ConnectionTest, SqlErrorIsAPostgresErrorWithTheServersMessage) {
  Result<QueryResult> result = WithConnection(
      [statement = sql::Statement{"SELECT * FROM missing_table WHERE id = $1::int", {"7"}}](
          Connection& connection) { return connection.Execute(statement); },
      Settings());
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code, ErrorCode::kPostgresError);
  EXPECT_EQ(result.error().message, "relation \"missing_table\" does not exist");
  const nlohmann::ordered_json& internal = result.error().internal;
  EXPECT_EQ(internal["statement"], "SELECT * FROM missing_table WHERE id = $1::int");
  EXPECT_EQ(internal["prepared"], true);
  EXPECT_EQ(internal["arguments"], nlohmann::ordered_json::array({"7"}));
  EXPECT_EQ(internal["error"]["status_code"], "42P01");
  // Hasura prints libpq's ExecStatus by its Haskell constructor name.
  EXPECT_EQ(internal["error"]["exec_status"], "FatalError");
  EXPECT_EQ(internal["error"]["message"], "relation \"missing_table\" does not exist");
}

TEST_F(ConnectionTest, ConnectionStaysUsableAfterAnError) {
  Result<QueryResult> result = WithConnection(
      [](Connection& connection) -> asio::awaitable<Result<QueryResult>> {
        sql::Statement divide{"SELECT 1/$1::int", {"0"}};
        Result<QueryResult> failed = co_await connection.Execute(divide);
        EXPECT_FALSE(failed);
        if (!failed) {
          EXPECT_EQ(failed.error().message, "division by zero");
        }
        EXPECT_EQ(connection.state(), Connection::State::kReady);
        divide.params = {"1"};
        co_return co_await connection.Execute(divide);
      },
      Settings());
  ASSERT_TRUE(result) << result.error().message;
  EXPECT_EQ(result->rows[0][0], "1");
}

TEST_F(ConnectionTest, StatementsRunReadOnlyAtTheConfiguredIsolationLevel) {
  ConnectionSettings settings = Settings();
  settings.isolation_level = "repeatable-read";
  Result<QueryResult> result = WithConnection(
      [](Connection& connection) -> asio::awaitable<Result<QueryResult>> {
        sql::Statement create{"CREATE TABLE nope (id int)", {}};
        Result<QueryResult> write = co_await connection.Execute(create);
        EXPECT_FALSE(write);
        if (!write) {
          EXPECT_EQ(write.error().message,
                    "cannot execute CREATE TABLE in a read-only transaction");
        }
        sql::Statement settings{
            "SELECT current_setting('transaction_isolation'), "
            "current_setting('transaction_read_only')",
            {}};
        co_return co_await connection.Execute(settings);
      },
      settings);
  ASSERT_TRUE(result) << result.error().message;
  EXPECT_EQ(result->rows[0][0], "repeatable read");
  EXPECT_EQ(result->rows[0][1], "on");
}

TEST_F(ConnectionTest, ScriptsRunSeveralStatementsAndReturnTheLast) {
  Result<QueryResult> result = WithConnection(
      [](Connection& connection) -> asio::awaitable<Result<QueryResult>> {
        std::string create =
            "CREATE TABLE script_t (id int); INSERT INTO script_t VALUES (1), (2);"
            " SELECT count(*) AS n FROM script_t";
        Result<QueryResult> created = co_await connection.ExecuteScript(create, false);
        EXPECT_TRUE(created);
        if (created) {
          EXPECT_EQ(created->columns, std::vector<std::string>{"n"});
          EXPECT_EQ(created->rows[0][0], "2");
        }
        std::string drop = "DROP TABLE script_t";
        Result<QueryResult> denied = co_await connection.ExecuteScript(drop, /*read_only=*/true);
        EXPECT_FALSE(denied);
        std::string insert = "INSERT INTO script_t VALUES (3); SELECT 1/0";
        Result<QueryResult> failed = co_await connection.ExecuteScript(insert, false);
        EXPECT_FALSE(failed);  // rolled back: the insert is gone
        std::string count = "SELECT count(*) FROM script_t";
        Result<QueryResult> counted = co_await connection.ExecuteScript(count, true);
        EXPECT_TRUE(counted);
        if (counted) {
          EXPECT_EQ(counted->rows[0][0], "2");
        }
        co_return co_await connection.ExecuteScript(drop, false);
      },
      Settings());
  ASSERT_TRUE(result) << result.error().message;
  EXPECT_TRUE(result->rows.empty());  // DROP TABLE: a command
}

TEST_F(ConnectionTest, StatementTimeoutEndsALongQuery) {
  auto start = std::chrono::steady_clock::now();
  Result<QueryResult> result =
      WithConnection([statement = sql::Statement{"SELECT pg_sleep(30)", {}}](
                         Connection& connection) { return connection.Execute(statement); },
                     Settings());
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().message, "canceling statement due to statement timeout");
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(10));
}

TEST_F(ConnectionTest, DeadlineEndsAQueryTheServerNeverAnswers) {
  // The backend is stopped (SIGSTOP), so even its statement_timeout cannot fire.
  auto start = std::chrono::steady_clock::now();
  Result<QueryResult> result = WithConnection(
      [](Connection& connection) -> asio::awaitable<Result<QueryResult>> {
        sql::Statement backend_pid{"SELECT pg_backend_pid()", {}};
        Result<QueryResult> pid = co_await connection.Execute(backend_pid);
        if (!pid) co_return pid;
        pid_t backend = std::stoi(*pid->rows[0][0]);
        kill(backend, SIGSTOP);
        sql::Statement one{"SELECT 1", {}};
        Result<QueryResult> hung = co_await connection.Execute(one);
        EXPECT_EQ(connection.state(), Connection::State::kTimedOut);
        kill(backend, SIGCONT);
        co_return hung;
      },
      Settings());
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code, ErrorCode::kPostgresError);
  EXPECT_EQ(result.error().message, "connection error");
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(15));
}

TEST_F(ConnectionTest, RefusedConnectionIsAConnectionError) {
  ConnectionSettings settings = Settings();
  settings.database_url = "postgres://postgres@127.0.0.1:1/postgres";
  Result<std::unique_ptr<Connection>> connection = Await(
      [](ConnectionSettings settings) -> asio::awaitable<Result<std::unique_ptr<Connection>>> {
        co_return co_await Connection::Connect(co_await asio::this_coro::executor, settings);
      }(settings));
  ASSERT_FALSE(connection);
  EXPECT_EQ(connection.error().code, ErrorCode::kPostgresError);
  EXPECT_EQ(connection.error().message, "connection error");
  EXPECT_NE(connection.error().internal.get<std::string>().find("Connection refused"),
            std::string::npos)
      << connection.error().internal;
}

TEST_F(ConnectionTest, FollowsLibpqToItsNextSocketWhileConnecting) {
  // Two hosts: the first refuses, so libpq closes that socket and opens another.
  ConnectionSettings settings = Settings();
  std::string host_and_port = url_.substr(url_.find('@') + 1);
  settings.database_url = "postgres://postgres@127.0.0.1:1," + host_and_port;
  Result<QueryResult> result = WithConnection(
      [statement = sql::Statement{"SELECT 1", {}}](Connection& connection) {
        return connection.Execute(statement);
      },
      settings);
  ASSERT_TRUE(result) << result.error().message;
  EXPECT_EQ(result->rows[0][0], "1");
}

TEST_F(ConnectionTest, ConnectTimeoutEndsAHandshakeTheServerNeverAnswers) {
  // A listener that accepts (in the kernel's backlog) but never speaks.
  int listener = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ASSERT_EQ(bind(listener, reinterpret_cast<sockaddr*>(&address), sizeof address), 0);
  ASSERT_EQ(listen(listener, 1), 0);
  socklen_t length = sizeof address;
  getsockname(listener, reinterpret_cast<sockaddr*>(&address), &length);
  ConnectionSettings settings = Settings();
  settings.database_url =
      "postgres://postgres@127.0.0.1:" + std::to_string(ntohs(address.sin_port)) + "/postgres";
  settings.connect_timeout = std::chrono::seconds(1);
  auto start = std::chrono::steady_clock::now();
  Result<std::unique_ptr<Connection>> connection = Await(
      [](ConnectionSettings settings) -> asio::awaitable<Result<std::unique_ptr<Connection>>> {
        co_return co_await Connection::Connect(co_await asio::this_coro::executor, settings);
      }(settings));
  close(listener);
  ASSERT_FALSE(connection);
  EXPECT_EQ(connection.error().message, "connection error");
  EXPECT_EQ(connection.error().internal, "timeout expired while connecting");
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(5));
}

}  // namespace
}  // namespace junction::backends::postgres
