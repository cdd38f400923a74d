#pragma once
// RunStatement: runs one statement that answers one JSON value (a root field's, a remote join's)
// on a source's pool and maps its failure to the error Hasura answers a query with.

#include <functional>
#include <string>
#include <string_view>
#include <utility>  // before any Asio header: Boost 1.74 + GCC 12

#include <boost/asio/awaitable.hpp>

#include "backends/sql/statement.h"
#include "common/result.h"
#include "execute/source_pools.h"

namespace junction::execute {

// Told of each statement a request runs, as it is sent (the engine's query-log).
using StatementObserver =
    std::function<void(std::string_view source, const backends::sql::Statement& statement)>;

// The statement's one row of one column (SQL NULL is JSON null). A value the database rejected
// (SQLSTATE class 22) is a data-exception with the database's message; any other failed statement
// is unexpected, "database query error"; a connection that failed keeps its postgres-error
// "connection error". The error's path is `path`; the database's details stay in `internal`.
// A SQLite source's errors come from its pool in those shapes already (backends/sqlite/pool.h).
// REQUIRES: `pools`, `statement` and `observer` outlive the coroutine.
boost::asio::awaitable<Result<std::string>> RunStatement(const SourcePools& pools,
                                                         std::string_view source,
                                                         const backends::sql::Statement& statement,
                                                         std::string path,
                                                         const StatementObserver& observer);

}  // namespace junction::execute
