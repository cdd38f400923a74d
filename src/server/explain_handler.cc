// Engine::HandleExplain: POST /v1/graphql/explain (admin only), Hasura's explain API: the SQL each
// root field runs and the database's plan for it, without running the query.
//
//   {"query":{"query":"{ users(limit: 1) { id } }","variables":{},"operationName":null}}
//   => [{"field":"users","sql":"SELECT … $1::int4 …","params":["1"],"plan":["Limit  (cost=…)",…]}]
//
// `params` is Junction's addition (Hasura inlines the values into `sql`); root fields that need no
// query (__typename, introspection) are left out, as in Hasura. Errors are the admin APIs' shape:
// 400 {"path","error","code"}.

#include <string>
#include <utility>
#include <vector>

#include "backends/postgres/pool.h"
#include "common/json_writer.h"
#include "metadata/json_text.h"
#include "server/auth.h"
#include "server/engine.h"
#include "server/error_response.h"
#include "server/graphql_pipeline.h"

namespace junction::server {
namespace {

namespace postgres = backends::postgres;

Result<GraphqlRequest> ReadExplainRequest(const metadata::Json& body) {
  if (!body.is_object()) return metadata::TypeMismatch("$", "ExplainQuery", "Object", body);
  const auto query = body.find("query");
  if (query == body.end()) return metadata::MissingKey("$", "query");
  Result<GraphqlBatch> batch = ParseGraphqlBatch(*query);
  if (!batch) return batch.error();
  if (batch->is_batch) {
    return metadata::TypeMismatch("$.query", "GQLReq", "Array", *query);
  }
  return std::move(batch->requests.front());
}

// The plan Postgres would run `statement` with: EXPLAIN's lines.
boost::asio::awaitable<Result<std::vector<std::string>>> ExplainStatement(
    const backends::sql::Statement& statement, postgres::Pool& pool) {
  // A named statement, not a temporary inside the co_await: GCC 12 can destroy such temporaries
  // twice (GCC bug 99576).
  const backends::sql::Statement explain{"EXPLAIN " + statement.text, statement.params};
  Result<postgres::QueryResult> result = co_await pool.Execute(explain);
  if (!result) co_return std::move(result).error();
  std::vector<std::string> lines;
  for (const auto& row : result->rows) {
    if (!row.empty() && row.front()) lines.push_back(*row.front());
  }
  co_return lines;
}

}  // namespace

boost::asio::awaitable<HttpResponse> Engine::HandleExplain(const HttpRequest& request) {
  Result<schema::Session> session = Authenticate(options_.admin_secret, request);
  if (!session) co_return ErrorResponse(401, session.error());
  if (!session->IsAdmin()) {
    co_return ErrorResponse(
        400, Error(ErrorCode::kAccessDenied, "restricted access : admin only", "$"));
  }
  Result<metadata::Json> body = metadata::ParseJsonText(request.body);
  if (!body) co_return ErrorResponse(400, body.error(), true);
  Result<GraphqlRequest> graphql_request = ReadExplainRequest(*body);
  if (!graphql_request) co_return ErrorResponse(400, graphql_request.error(), true);

  const std::shared_ptr<const Serving> serving = serving_.load();
  PreparedRequest prepared = PrepareGraphqlRequest(serving->snapshot->ForRole(session->role),
                                                   session->role, *serving->cache,
                                                   *graphql_request);
  if (prepared.plan == nullptr) co_return ErrorResponse(400, prepared.errors.front(), true);

  JsonWriter out;
  out.BeginArray();
  size_t index = 0;
  for (const plan::RootEntry& entry : prepared.plan->plan.root) {
    const auto* step = std::get_if<plan::Step>(&entry.value);
    if (step == nullptr) continue;
    const backends::sql::Statement& statement = prepared.plan->statements[index++];
    Result<std::shared_ptr<postgres::Pool>> pool = serving->pools->Find(step->source);
    if (!pool) co_return ErrorResponse(400, pool.error(), true);
    Result<std::vector<std::string>> plan = co_await ExplainStatement(statement, **pool);
    if (!plan) co_return ErrorResponse(400, plan.error(), true);
    out.BeginObject();
    out.Key("field");
    out.String(entry.alias);
    out.Key("sql");
    out.String(statement.text);
    out.Key("params");
    out.BeginArray();
    for (const std::optional<std::string>& param : statement.params) {
      if (param) {
        out.String(*param);
      } else {
        out.Null();
      }
    }
    out.EndArray();
    out.Key("plan");
    out.BeginArray();
    for (const std::string& line : *plan) out.String(line);
    out.EndArray();
    out.EndObject();
  }
  out.EndArray();
  co_return JsonResponse(200, out.Take());
}

}  // namespace junction::server
