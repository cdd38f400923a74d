#include "execute/run_statement.h"

#include <memory>
#include <optional>

#include "backends/postgres/database_error.h"
#include "backends/postgres/pool.h"

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

}  // namespace

boost::asio::awaitable<Result<std::string>> RunStatement(const SourcePools& pools,
                                                         std::string_view source,
                                                         const backends::sql::Statement& statement,
                                                         std::string path) {
  Result<std::shared_ptr<postgres::Pool>> pool = pools.Find(source);
  if (!pool) co_return std::move(pool).error();
  Result<postgres::QueryResult> result = co_await (*pool)->Execute(statement);
  if (!result) co_return QueryError(std::move(result).error(), std::move(path));
  if (result->rows.size() != 1 || result->rows.front().size() != 1) {
    co_return Error(ErrorCode::kUnexpected, "the query did not return one value", path);
  }
  std::optional<std::string>& value = result->rows.front().front();
  co_return value ? std::move(*value) : std::string("null");
}

}  // namespace junction::execute
