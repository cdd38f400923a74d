// Engine::HandleExplain: POST /v1/graphql/explain (admin only), Hasura's explain API: the SQL each
// root field runs and the database's plan for it, without running the query.
//
//   {"query":{"query":"{ users(limit: 1) { id } }","variables":{},"operationName":null}}
//   => [{"field":"users","sql":"SELECT … $1::int4 …","params":["1"],"plan":["Limit  (cost=…)",…]}]
//
// `params` and `source` are Junction's additions (Hasura inlines the values into `sql`); root
// fields that need no query (__typename, introspection) are left out, as in Hasura. Every hop is
// shown: after a root field come its remote joins, depth first, each under its response path
// ("orders.user"), with its keys parameter null (the keys are only known when the query runs).
// Errors are the admin APIs' shape: 400 {"path","error","code"}.

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "backends/postgres/pool.h"
#include "backends/remote_graphql/translate.h"
#include "backends/sqlite/pool.h"
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

// The plan the database would run `statement` with: the lines of Postgres's EXPLAIN, or of
// SQLite's EXPLAIN QUERY PLAN (its `detail` column, indented by depth as the sqlite3 shell does).
// BigQuery plans a query only when it runs it (a dry run tells the bytes it would bill, not the
// plan): its hop says it is one job, and explain's co_located lists the joins inside it.
boost::asio::awaitable<Result<std::vector<std::string>>> ExplainStatement(
    const backends::sql::Statement& statement, const execute::SourcePool& pool) {
  std::vector<std::string> lines;
  if (std::holds_alternative<std::shared_ptr<backends::bigquery::Pool>>(pool)) {
    lines.push_back("one BigQuery query job");
    co_return lines;
  }
  if (const auto* sqlite = std::get_if<std::shared_ptr<backends::sqlite::Pool>>(&pool)) {
    // A named statement, not a temporary inside the co_await: GCC 12 can destroy such
    // temporaries twice (GCC bug 99576).
    const backends::sql::Statement explain{"EXPLAIN QUERY PLAN " + statement.text,
                                           statement.params};
    Result<backends::sqlite::Rows> result = co_await (*sqlite)->Execute(explain);
    if (!result) co_return std::move(result).error();
    // Columns id, parent, notused, detail: a row's depth is its parent chain's length.
    std::map<std::string, size_t> depth_of;
    for (const auto& row : result->rows) {
      if (row.size() < 4 || !row[3]) continue;
      const auto parent = depth_of.find(row[1].value_or(""));
      const size_t depth = parent == depth_of.end() ? 0 : parent->second + 1;
      depth_of[row[0].value_or("")] = depth;
      lines.push_back(std::string(2 * depth, ' ') + *row[3]);
    }
    co_return lines;
  }
  const backends::sql::Statement explain{"EXPLAIN " + statement.text, statement.params};
  Result<postgres::QueryResult> result =
      co_await std::get<std::shared_ptr<postgres::Pool>>(pool)->Execute(explain);
  if (!result) co_return std::move(result).error();
  for (const auto& row : result->rows) {
    if (!row.empty() && row.front()) lines.push_back(*row.front());
  }
  co_return lines;
}

// One statement the request runs (a root field's, or a remote join's), or one request to a
// remote schema (`request` set instead of `statement`).
struct Hop {
  std::string field;   // the root field's alias, or the join's response path ("orders.user")
  std::string source;  // or the remote schema's name
  const backends::sql::Statement* statement = nullptr;
  std::optional<backends::remote_graphql::GraphqlRequest> request = std::nullopt;
  std::vector<std::string> co_located = {};  // CoLocated
};

// "orders.user" for "$.selectionSet.orders.selectionSet.user".
std::string ResponsePath(std::string_view json_path) {
  constexpr std::string_view kStep = "selectionSet.";
  std::string path;
  for (size_t at = json_path.find(kStep); at != std::string_view::npos;
       at = json_path.find(kStep, at)) {
    at += kStep.size();
    const size_t end = json_path.find('.', at);
    if (!path.empty()) path += '.';
    path += json_path.substr(at, end == std::string_view::npos ? end : end - at);
  }
  return path;
}

// The remote joins of `tree`, depth first, in the order Prepare numbered them.
void AddJoinHops(const plan::JoinTree& tree,
                 const std::vector<backends::sql::Statement>& statements, std::vector<Hop>& hops) {
  for (const plan::RemoteJoin& join : tree.joins) {
    if (const auto* relation = std::get_if<ir::RemoteSchemaRelation>(&join.field.value)) {
      // The request for one argument whose keys are null, as the statements show their keys.
      const backends::remote_graphql::JoinArguments keys = {
          std::vector<std::string_view>(relation->relationship->lhs_fields.size(), "null")};
      Result<backends::remote_graphql::GraphqlRequest> request =
          backends::remote_graphql::TranslateJoin(*relation, keys, 0, 1);
      if (request) {
        hops.push_back({ResponsePath(join.path), relation->relationship->remote_schema, nullptr,
                        std::move(request).value()});
      }
    } else {
      hops.push_back({ResponsePath(join.path), join.source, &statements.at(join.statement)});
    }
    AddJoinHops(join.tree, statements, hops);
  }
  for (const plan::ChildJoins& child : tree.children) AddJoinHops(child.tree, statements, hops);
}

void WriteRemoteHop(const Hop& hop, JsonWriter& out) {
  out.BeginObject();
  out.Key("field");
  out.String(hop.field);
  out.Key("remote_schema");
  out.String(hop.source);
  out.Key("query");
  out.String(hop.request->query);
  out.Key("variables");
  out.Raw(hop.request->variables.dump(-1, ' ', false, metadata::Json::error_handler_t::replace));
  out.EndObject();
}

void AddCoLocated(const std::vector<ir::Field>& fields, const std::string& path,
                  std::vector<std::string>& out);

// The co-located relationships (schema::Relationship::co_located: declared remote, joined inside
// the query) that `field` reads, as response paths below `path`.
void AddCoLocated(const ir::Field& field, const std::string& path, std::vector<std::string>& out) {
  const std::string here = path + "." + field.alias;
  const schema::Relationship* relationship = ir::RelationshipOf(field);
  if (relationship != nullptr && relationship->co_located) out.push_back(here);
  if (const auto* object = std::get_if<ir::ObjectRelation>(&field.value)) {
    AddCoLocated(object->select.fields, here, out);
  } else if (const auto* array = std::get_if<ir::ArrayRelation>(&field.value)) {
    AddCoLocated(array->select.fields, here, out);
  } else if (const auto* aggregate = std::get_if<ir::ArrayAggregate>(&field.value)) {
    for (const ir::AggregateField& part : aggregate->select.fields) {
      if (const auto* nodes = std::get_if<ir::Nodes>(&part.value)) {
        AddCoLocated(nodes->fields, here + "." + part.alias, out);
      }
    }
  }
}

void AddCoLocated(const std::vector<ir::Field>& fields, const std::string& path,
                  std::vector<std::string>& out) {
  for (const ir::Field& field : fields) AddCoLocated(field, path, out);
}

// The co-located relationships a root field's statement joins itself.
std::vector<std::string> CoLocated(const ir::RootField& root) {
  std::vector<std::string> out;
  if (root.kind != ir::RootField::Kind::kSelectAggregate) {
    AddCoLocated(root.select.fields, root.alias, out);
    return out;
  }
  for (const ir::AggregateField& part : root.aggregate.fields) {
    if (const auto* nodes = std::get_if<ir::Nodes>(&part.value)) {
      AddCoLocated(nodes->fields, root.alias + "." + part.alias, out);
    }
  }
  return out;
}

void WriteHop(const Hop& hop, const std::vector<std::string>& plan, JsonWriter& out) {
  out.BeginObject();
  out.Key("field");
  out.String(hop.field);
  out.Key("source");
  out.String(hop.source);
  out.Key("sql");
  out.String(hop.statement->text);
  out.Key("params");
  out.BeginArray();
  for (const std::optional<std::string>& param : hop.statement->params) {
    if (param) {
      out.String(*param);
    } else {
      out.Null();
    }
  }
  out.EndArray();
  out.Key("plan");
  out.BeginArray();
  for (const std::string& line : plan) out.String(line);
  out.EndArray();
  if (!hop.co_located.empty()) {
    // Junction's: the relationships declared remote that this statement joins natively.
    out.Key("co_located");
    out.BeginArray();
    for (const std::string& path : hop.co_located) out.String(path);
    out.EndArray();
  }
  out.EndObject();
}

}  // namespace

boost::asio::awaitable<HttpResponse> Engine::HandleExplain(const HttpRequest& request) {
  Result<schema::Session> session =
      co_await Authenticate(options_.admin_secret, options_.auth, request);
  if (!session) co_return ErrorResponse(AuthErrorStatus(session.error()), session.error());
  if (!session->IsAdmin()) {
    co_return ErrorResponse(400,
                            Error(ErrorCode::kAccessDenied, "restricted access : admin only", "$"));
  }
  Result<metadata::Json> body = metadata::ParseJsonText(request.body);
  if (!body) co_return ErrorResponse(400, body.error(), true);
  Result<GraphqlRequest> graphql_request = ReadExplainRequest(*body);
  if (!graphql_request) co_return ErrorResponse(400, graphql_request.error(), true);

  const std::shared_ptr<const Serving> serving = serving_.load();
  PreparedRequest prepared = PrepareGraphqlRequest(serving->snapshot->ForRole(session->role),
                                                   *session, *serving->cache, *graphql_request);
  const execute::StatementObserver no_observer;
  co_await ResolvePreparedRequest(prepared, *serving->pools, no_observer);
  if (prepared.plan == nullptr) co_return ErrorResponse(400, prepared.errors.front(), true);

  JsonWriter out;
  out.BeginArray();
  size_t index = 0;
  size_t remote_index = 0;
  for (const plan::RootEntry& entry : prepared.plan->plan.root) {
    std::vector<Hop> hops;
    if (const auto* remote = std::get_if<plan::RemoteStep>(&entry.value)) {
      hops.push_back({entry.alias, remote->field.schema->name(), nullptr,
                      prepared.plan->remote_requests[remote_index++]});
      AddJoinHops(remote->joins, prepared.plan->join_statements, hops);
    }
    if (const auto* step = std::get_if<plan::Step>(&entry.value)) {
      hops.push_back({entry.alias, step->source, &prepared.plan->statements[index++], std::nullopt,
                      CoLocated(step->field)});
      AddJoinHops(step->joins, prepared.plan->join_statements, hops);
    }
    for (const Hop& hop : hops) {
      if (hop.request) {
        WriteRemoteHop(hop, out);
        continue;
      }
      Result<execute::SourcePool> pool = serving->pools->Find(hop.source);
      if (!pool) co_return ErrorResponse(400, pool.error(), true);
      Result<std::vector<std::string>> plan = co_await ExplainStatement(*hop.statement, *pool);
      if (!plan) co_return ErrorResponse(400, plan.error(), true);
      WriteHop(hop, *plan, out);
    }
  }
  out.EndArray();
  co_return JsonResponse(200, out.Take());
}

}  // namespace junction::server
