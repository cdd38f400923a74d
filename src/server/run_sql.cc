// Engine::RespondRunSql: run_sql on /v1/query and /v2/query (admin only), Hasura's shapes:
//
//   {"type":"run_sql","args":{"source":"default","sql":"SELECT 1 AS one","read_only":true}}
//   => {"result_type":"TuplesOk","result":[["one"],["1"]]}        (values as text, NULL "NULL")
//   {"type":"run_sql","args":{"sql":"CREATE TABLE t (id int)"}}
//   => {"result_type":"CommandOk","result":null}
//   a failing statement → 400 {"path":"$","error":"query execution failed",
//                              "code":"postgres-error","internal":{…the database's error…}}
//
// Unless read_only, the source is introspected again afterwards and the schema rebuilt, so a
// table created by run_sql can be tracked at once. Hasura checks the new catalog inside the
// transaction and rolls the SQL back when it breaks tracked objects (unless cascade); Junction
// commits first, and what the SQL broke becomes an inconsistent object (get_inconsistent_metadata)
// — recorded in docs/architecture.md.

#include <string>
#include <utility>

#include "backends/postgres/database_error.h"
#include "common/json_writer.h"
#include "metadata/json_text.h"
#include "metadata/source_metadata.h"
#include "server/engine.h"
#include "server/error_response.h"
#include "server/query_api.h"

namespace junction::server {
namespace {

std::string RunSqlBody(const backends::postgres::QueryResult& result) {
  JsonWriter out;
  out.BeginObject();
  out.Key("result_type");
  if (result.columns.empty()) {
    out.String("CommandOk");
    out.Key("result");
    out.Null();
    out.EndObject();
    return out.Take();
  }
  out.String("TuplesOk");
  out.Key("result");
  out.BeginArray();
  out.BeginArray();
  for (const std::string& column : result.columns) out.String(column);
  out.EndArray();
  for (const auto& row : result.rows) {
    out.BeginArray();
    for (const std::optional<std::string>& value : row) out.String(value ? *value : "NULL");
    out.EndArray();
  }
  out.EndArray();
  out.EndObject();
  return out.Take();
}

}  // namespace

boost::asio::awaitable<HttpResponse> Engine::RespondRunSql(const metadata::Command& command) {
  Result<RunSqlArgs> args = ReadRunSqlArgs(command);
  if (!args) co_return ErrorResponse(StatusOf(args.error()), args.error(), true);
  // citus_run_sql, mssql_run_sql, …: every source Junction serves is Postgres.
  if (command.type != "run_sql") {
    co_return ErrorResponse(400,
                            Error(ErrorCode::kNotSupported,
                                  command.type + " is not supported by Junction yet: its sources "
                                                 "are Postgres (use run_sql)",
                                  "$.type"),
                            true);
  }
  const std::shared_ptr<const Serving> serving = serving_.load();
  if (!metadata::HasSource(serving->snapshot->metadata, args->source)) {
    co_return ErrorResponse(
        400,
        Error(ErrorCode::kNotExists, "source with name \"" + args->source + "\" does not exist",
              "$.args"),
        true);
  }
  Result<std::shared_ptr<backends::postgres::Pool>> pool =
      serving->pools->FindPostgres(args->source);
  if (!pool) co_return ErrorResponse(400, pool.error(), true);
  Result<backends::postgres::QueryResult> result =
      co_await (*pool)->ExecuteScript(args->sql, args->read_only);
  if (!result) {
    Error error = std::move(result).error();
    if (backends::postgres::SqlStateOf(error)) error.message = "query execution failed";
    error.path = "$";
    co_return ErrorResponse(400, error, true);
  }
  if (!args->read_only) co_await RefreshSource(args->source);
  co_return JsonResponse(200, RunSqlBody(*result));
}

boost::asio::awaitable<void> Engine::RefreshSource(const std::string& source) {
  const std::shared_ptr<const Serving> serving = serving_.load();
  SourceCatalogs::Missing sources;
  for (const metadata::Json& entry : serving->snapshot->metadata.sources()) {
    if (entry.value("name", "") == source) sources.emplace(source, entry);
  }
  SourceCatalogs fresh = co_await SourceCatalogs::Introspect(sources, *serving->pools);
  std::lock_guard<std::mutex> lock(metadata_mutex_);
  catalogs_.Merge(std::move(fresh));
  const std::shared_ptr<const schema::Snapshot> current = serving_.load()->snapshot;
  Result<std::shared_ptr<const schema::Snapshot>> next =
      schema::BuildSnapshot(current->metadata, catalogs_.For(current->metadata, nullptr),
                            remote_catalogs_.For(current->metadata, nullptr));
  if (next) Install(std::move(next).value(), nullptr);
}

}  // namespace junction::server
