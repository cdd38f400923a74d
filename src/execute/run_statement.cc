#include "execute/run_statement.h"

#include <memory>
#include <optional>
#include <vector>

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

// The one value a statement answers (SQL NULL is JSON null).
Result<std::string> OneValue(std::vector<std::vector<std::optional<std::string>>>& rows,
                             const std::string& path) {
  if (rows.size() != 1 || rows.front().size() != 1) {
    return Error(ErrorCode::kUnexpected, "the query did not return one value", path);
  }
  std::optional<std::string>& value = rows.front().front();
  return value ? std::move(*value) : std::string("null");
}

Error AtPath(Error error, const std::string& path) {
  error.path = path;
  return error;
}

// `statement`'s value on `pool`, with its error as a query's. SQLite's and BigQuery's pools give
// their errors Hasura's shapes already (backends/sqlite/database_error.h,
// backends/bigquery/client.h); a BigQuery statement answers its decoded JSON.
boost::asio::awaitable<Result<std::string>> Run(const SourcePool& pool,
                                                const backends::sql::Statement& statement,
                                                const std::string& path) {
  if (const auto* sqlite = std::get_if<std::shared_ptr<backends::sqlite::Pool>>(&pool)) {
    Result<backends::sqlite::Rows> result = co_await (*sqlite)->Execute(statement);
    if (!result) co_return AtPath(std::move(result).error(), path);
    co_return OneValue(result->rows, path);
  }
  if (const auto* bigquery = std::get_if<std::shared_ptr<backends::bigquery::Pool>>(&pool)) {
    Result<std::string> result = co_await (*bigquery)->Execute(statement);
    if (!result) co_return AtPath(std::move(result).error(), path);
    co_return std::move(result).value();
  }
  Result<postgres::QueryResult> result =
      co_await std::get<std::shared_ptr<postgres::Pool>>(pool)->Execute(statement);
  if (!result) co_return QueryError(std::move(result).error(), path);
  co_return OneValue(result->rows, path);
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
  co_return co_await Run(*pool, statement, path);
}

}  // namespace junction::execute
