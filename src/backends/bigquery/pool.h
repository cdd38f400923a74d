#pragma once
// Pool: a BigQuery source as Execute and the control plane use it — the counterpart of the
// Postgres and SQLite pools (execute/source_pools.h). It owns the source's Client; "pool" only in
// name (BigQuery is stateless HTTP: connections are kept alive by backends/http).
//
//   Result<std::string> json = co_await pool->Execute(statement);  // translate.h's statement
//   Result<metadata::Catalog> catalog = co_await pool->Introspect();

#include <memory>
#include <optional>
#include <string>
#include <utility>  // before any Asio header: Boost 1.74 + GCC 12

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>

#include "backends/bigquery/client.h"
#include "backends/bigquery/source_config.h"
#include "backends/sql/statement.h"
#include "common/result.h"
#include "metadata/catalog.h"

namespace junction::backends::bigquery {

class Pool {
 public:
  Pool(boost::asio::any_io_executor executor, SourceConfig config,
       std::optional<std::string> emulator_host);

  // Runs a statement of translate.h: its parameters (params + param_types) become BigQuery
  // QueryParameters (QueryParameters below), the rows are decoded with its shape (decode.h) into
  // the JSON text the statement answers.
  boost::asio::awaitable<Result<std::string>> Execute(const sql::Statement& statement);

  // The configured datasets' tables and columns: one INFORMATION_SCHEMA query per dataset
  // (introspection.h), run concurrently. Errors: the first failed dataset's, its message
  // "dataset <name>: <the error's message>: <internal.message>" — BigQuery's own words included,
  // since the source's inconsistency, which only admins see, is where it goes.
  boost::asio::awaitable<Result<metadata::Catalog>> Introspect();

  const SourceConfig& config() const { return client_.config(); }

 private:
  Client client_;
};

// The QueryParameter objects of a statement: `@p<i+1>` for params[i], typed by param_types[i]. A
// scalar's value is its text (nullopt: {"value": null}); an ARRAY's a JSON array text of its
// elements; an ARRAY<STRUCT>'s a JSON array of arrays, each element's fields in the order of
// structTypes (a remote join's keys: sql::KeysJson).
// Errors: kUnexpected when a value does not fit its type.
Result<nlohmann::json> QueryParameters(const sql::Statement& statement);

}  // namespace junction::backends::bigquery
