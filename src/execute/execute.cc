#include "execute/execute.h"

#include <vector>

#include "backends/bigquery/translate.h"
#include "backends/postgres/translate.h"
#include "backends/sqlite/translate.h"
#include "common/json_writer.h"
#include "common/when_all.h"
#include "execute/remote_join.h"
#include "execute/run_statement.h"

namespace junction::execute {
namespace {

namespace asio = boost::asio;

using Json = nlohmann::ordered_json;

// A step's JSON, and the errors a remote schema answered beside it.
struct StepAnswer {
  std::string json;
  Json errors = Json::array();
};

asio::awaitable<Result<StepAnswer>> RunStep(const plan::Step& step,
                                            const backends::sql::Statement& statement,
                                            const JoinContext& joins) {
  Result<std::string> json =
      co_await RunStatement(joins.pools, step.source, statement, "$", joins.on_statement);
  if (json && !step.joins.empty()) {
    json = co_await RunRemoteJoins(std::move(json).value(), step.joins, joins);
  }
  if (!json) co_return std::move(json).error();
  co_return StepAnswer{std::move(json).value()};
}

// The remote's errors as the response reports them: the remote's message, locations and
// extensions, its `path` under the root field (the namespace's key in front when there is one),
// and Hasura's JSON path of the root field in `extensions.path`.
Json RemoteErrors(const Json& errors, const ir::RemoteRootField& field) {
  Json out = Json::array();
  if (!errors.is_array()) return out;
  for (const Json& error : errors) {
    Json copy = error.is_object() ? error : Json{{"message", error.dump()}};
    if (field.namespaced) {
      Json path = Json::array({field.alias});
      if (const auto it = copy.find("path"); it != copy.end() && it->is_array()) {
        for (const Json& part : *it) path.push_back(part);
      }
      copy["path"] = std::move(path);
    }
    Json extensions = copy.contains("extensions") && copy["extensions"].is_object()
                          ? copy["extensions"]
                          : Json::object();
    extensions["path"] = "$.selectionSet." + field.alias;
    copy["extensions"] = std::move(extensions);
    out.push_back(std::move(copy));
  }
  return out;
}

asio::awaitable<Result<StepAnswer>> RunRemoteStep(
    const plan::RemoteStep& step, const backends::remote_graphql::GraphqlRequest& request,
    const JoinContext& joins) {
  const ir::RemoteRootField& field = step.field;
  const std::string path = "$.selectionSet." + field.alias;
  if (joins.remote == nullptr) co_return Error(ErrorCode::kUnexpected, "no remote client", path);
  Result<Json> body = co_await CallRemote(*field.schema, request, *joins.remote, path);
  if (!body) co_return std::move(body).error();
  StepAnswer answer;
  if (const auto errors = body->find("errors"); errors != body->end()) {
    answer.errors = RemoteErrors(*errors, field);
  }
  auto data = body->find("data");
  if (data == body->end() || !data->is_object()) {
    if (answer.errors.empty()) {
      co_return Error(ErrorCode::kUnexpected, "\"data\" field not found in remote response", path);
    }
    answer.json = "null";
    co_return answer;
  }
  backends::remote_graphql::RenameTypenames(*field.schema, field.selection, *data);
  Json value = Json();
  if (field.namespaced) {
    value = std::move(*data);
  } else if (const auto it = data->find(field.alias); it != data->end()) {
    value = std::move(*it);
  }
  Result<std::string> json = value.dump(-1, ' ', false, Json::error_handler_t::replace);
  if (!step.joins.empty())
    json = co_await RunRemoteJoins(std::move(json).value(), step.joins, joins);
  if (!json) co_return std::move(json).error();
  answer.json = std::move(json).value();
  co_return answer;
}

// The steps' answers in step order: one step is awaited where it is, several run at once (one
// after the other for a mutation).
asio::awaitable<std::vector<Result<StepAnswer>>> RunSteps(const ExecutablePlan& prepared,
                                                          const JoinContext& joins) {
  std::vector<asio::awaitable<Result<StepAnswer>>> steps;
  size_t statement = 0;
  size_t request = 0;
  for (const plan::RootEntry& entry : prepared.plan.root) {
    if (const auto* step = std::get_if<plan::Step>(&entry.value)) {
      steps.push_back(RunStep(*step, prepared.statements[statement++], joins));
    } else if (const auto* remote = std::get_if<plan::RemoteStep>(&entry.value)) {
      steps.push_back(RunRemoteStep(*remote, prepared.remote_requests[request++], joins));
    }
  }
  if (steps.size() == 1 || prepared.plan.sequential) {
    std::vector<Result<StepAnswer>> outcomes;
    for (auto& step : steps) outcomes.push_back(co_await std::move(step));
    co_return outcomes;
  }
  co_return co_await WhenAll(std::move(steps));
}

}  // namespace

Result<backends::sql::Statement> TranslateRootField(const ir::RootField& field) {
  const schema::Table* table = field.kind == ir::RootField::Kind::kSelectAggregate
                                   ? field.aggregate.table
                                   : field.select.table;
  if (table != nullptr && table->backend == schema::Backend::kSqlite) {
    return backends::sqlite::Translate(field);
  }
  if (table != nullptr && table->backend == schema::Backend::kBigQuery) {
    return backends::bigquery::Translate(field);
  }
  return backends::postgres::Translate(field);
}

namespace {

// The statement of a remote join, in the dialect of its target's database.
Result<backends::sql::Statement> TranslateJoin(const plan::RemoteJoin& join) {
  const schema::Relationship* relationship = ir::RelationshipOf(join.field);
  if (relationship != nullptr && relationship->target->backend == schema::Backend::kSqlite) {
    return backends::sqlite::TranslateRemoteJoin(join.field);
  }
  if (relationship != nullptr && relationship->target->backend == schema::Backend::kBigQuery) {
    return backends::bigquery::TranslateRemoteJoin(join.field);
  }
  return backends::postgres::TranslateRemoteJoin(join.field);
}

// Translates the remote joins of `tree` (depth first), numbering them. Requests to remote
// schemas depend on the keys: they are written when the keys are known.
Status PrepareJoins(plan::JoinTree& tree, std::vector<backends::sql::Statement>& statements) {
  for (plan::RemoteJoin& join : tree.joins) {
    if (std::holds_alternative<ir::RemoteSchemaRelation>(join.field.value)) {
      if (Status nested = PrepareJoins(join.tree, statements); !nested) return nested;
      continue;
    }
    Result<backends::sql::Statement> statement = TranslateJoin(join);
    if (!statement) return std::move(statement).error();
    join.statement = statements.size();
    statements.push_back(std::move(statement).value());
    if (Status nested = PrepareJoins(join.tree, statements); !nested) return nested;
  }
  for (plan::ChildJoins& child : tree.children) {
    if (Status nested = PrepareJoins(child.tree, statements); !nested) return nested;
  }
  return {};
}

}  // namespace

Result<ExecutablePlan> Prepare(plan::Plan plan) {
  ExecutablePlan prepared{std::move(plan), {}, {}, {}};
  for (plan::RootEntry& entry : prepared.plan.root) {
    if (auto* remote = std::get_if<plan::RemoteStep>(&entry.value)) {
      Result<backends::remote_graphql::GraphqlRequest> request =
          backends::remote_graphql::TranslateRoot(remote->field);
      if (!request) return std::move(request).error();
      prepared.remote_requests.push_back(std::move(request).value());
      if (Status joins = PrepareJoins(remote->joins, prepared.join_statements); !joins) {
        return std::move(joins).error();
      }
      continue;
    }
    auto* step = std::get_if<plan::Step>(&entry.value);
    if (step == nullptr) continue;
    Result<backends::sql::Statement> statement = TranslateRootField(step->field);
    if (!statement) return std::move(statement).error();
    prepared.statements.push_back(std::move(statement).value());
    if (Status joins = PrepareJoins(step->joins, prepared.join_statements); !joins) {
      return std::move(joins).error();
    }
  }
  return prepared;
}

asio::awaitable<Result<std::string>> Execute(const ExecutablePlan& prepared,
                                             const SourcePools& pools, ExecuteOptions options) {
  const JoinContext joins{prepared.join_statements, pools, options.remote_join_batch_size,
                          std::move(options.on_statement), &options.remote};
  std::vector<Result<StepAnswer>> outcomes = co_await RunSteps(prepared, joins);

  JsonWriter out;
  out.BeginObject();
  out.Key("data");
  out.BeginObject();
  size_t next_step = 0;
  Json errors = Json::array();
  for (const plan::RootEntry& entry : prepared.plan.root) {
    out.Key(entry.alias);
    if (const auto* json = std::get_if<std::string>(&entry.value)) {
      out.Raw(*json);
      continue;
    }
    Result<StepAnswer>& outcome = outcomes[next_step++];
    if (!outcome) co_return std::move(outcome).error();
    out.Raw(outcome->json);
    for (Json& error : outcome->errors) errors.push_back(std::move(error));
  }
  out.EndObject();
  if (!errors.empty()) {
    out.Key("errors");
    out.Raw(errors.dump(-1, ' ', false, Json::error_handler_t::replace));
  }
  out.EndObject();
  co_return out.Take();
}

}  // namespace junction::execute
