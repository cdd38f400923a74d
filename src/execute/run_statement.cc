#include "execute/run_statement.h"

#include <memory>
#include <optional>

#include "backends/postgres/database_error.h"
#include "backends/postgres/pool.h"
#include "backends/sqlite/pool.h"

namespace junction::execute {
namespace {

namespace postgres = backends::postgres;

// As Hasura's mkTxErrorHandler.
Error QueryError(Error error, std::string path) {
  error.path = std::move(path);
  const std::optional<std::string> sqlstate = postgres::SqlStateOf(error);
  if (!sqlstate) return error;  // not a statement's failure: the connection's
  if (sqlstate->starts_with("22")) {
    error.code = ErrorCode::kDataException;
  } else {
    error.code = ErrorCode::kUnexpected;
    error.message = "database query error";
  }
  return error;
}

// The rows of `statement` on `pool`, with its error as a query's.
boost::asio::awaitable<Result<postgres::QueryResult>> Run(const SourcePool& pool,
                                                          const backends::sql::Statement& statement,
                                                          const std::string& path) {
  if (const auto* sqlite = std::get_if<std::shared_ptr<backends::sqlite::Pool>>(&pool)) {
    Result<backends::sqlite::Rows> rows = co_await (*sqlite)->Execute(statement);
    if (!rows) {
      Error error = std::move(rows).error();
      error.path = path;
      co_return error;
    }
    co_return postgres::QueryResult{std::move(rows->columns), std::move(rows->rows)};
  }
  Result<postgres::QueryResult> result =
      co_await std::get<std::shared_ptr<postgres::Pool>>(pool)->Execute(statement);
  if (!result) co_return QueryError(std::move(result).error(), path);
  co_return result;
}

}  // namespace

boost::asio::awaitable<Result<std::string>> RunStatement(const SourcePools& pools,
                                                         std::string_view source,
                                                         const backends::sql::Statement& statement,
                                                         std::string path,
                                                         const StatementObserver& observer) {
  Result<SourcePool> pool = pools.Find(source);
  if (!pool) co_return std::move(pool).error();
  if (observer) observer(source, statement);
  Result<postgres::QueryResult> result = co_await Run(*pool, statement, path);
  if (!result) co_return std::move(result).error();
  if (result->rows.size() != 1 || result->rows.front().size() != 1) {
    co_return Error(ErrorCode::kUnexpected, "the query did not return one value", path);
  }
  std::optional<std::string>& value = result->rows.front().front();
  co_return value ? std::move(*value) : std::string("null");
}

}  // namespace junction::execute
