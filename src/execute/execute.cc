#include "execute/execute.h"

#include <vector>

#include "backends/postgres/translate.h"
#include "backends/sqlite/translate.h"
#include "common/json_writer.h"
#include "execute/remote_join.h"
#include "execute/run_statement.h"
#include "execute/when_all.h"

namespace junction::execute {
namespace {

namespace asio = boost::asio;

asio::awaitable<Result<std::string>> RunStep(const plan::Step& step,
                                             const backends::sql::Statement& statement,
                                             const JoinContext& joins) {
  Result<std::string> json =
      co_await RunStatement(joins.pools, step.source, statement, "$", joins.on_statement);
  if (!json || step.joins.empty()) co_return json;
  co_return co_await RunRemoteJoins(std::move(json).value(), step.joins, joins);
}

// The steps' JSON in step order: one step is awaited where it is, several run at once.
asio::awaitable<std::vector<Result<std::string>>> RunSteps(const ExecutablePlan& prepared,
                                                           const JoinContext& joins) {
  std::vector<asio::awaitable<Result<std::string>>> steps;
  size_t index = 0;
  for (const plan::RootEntry& entry : prepared.plan.root) {
    if (const auto* step = std::get_if<plan::Step>(&entry.value)) {
      steps.push_back(RunStep(*step, prepared.statements[index++], joins));
    }
  }
  if (steps.size() == 1) {
    std::vector<Result<std::string>> outcomes;
    outcomes.push_back(co_await std::move(steps.front()));
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
  return backends::postgres::Translate(field);
}

namespace {

// The statement of a remote join, in the dialect of its target's database.
Result<backends::sql::Statement> TranslateJoin(const plan::RemoteJoin& join) {
  const schema::Relationship* relationship = ir::RelationshipOf(join.field);
  if (relationship != nullptr && relationship->target->backend == schema::Backend::kSqlite) {
    return backends::sqlite::TranslateRemoteJoin(join.field);
  }
  return backends::postgres::TranslateRemoteJoin(join.field);
}

// Translates the remote joins of `tree` (depth first), numbering them.
Status PrepareJoins(plan::JoinTree& tree, std::vector<backends::sql::Statement>& statements) {
  for (plan::RemoteJoin& join : tree.joins) {
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
  ExecutablePlan prepared{std::move(plan), {}, {}};
  for (plan::RootEntry& entry : prepared.plan.root) {
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
                          std::move(options.on_statement)};
  std::vector<Result<std::string>> outcomes = co_await RunSteps(prepared, joins);

  JsonWriter out;
  out.BeginObject();
  out.Key("data");
  out.BeginObject();
  size_t next_step = 0;
  for (const plan::RootEntry& entry : prepared.plan.root) {
    out.Key(entry.alias);
    if (const auto* json = std::get_if<std::string>(&entry.value)) {
      out.Raw(*json);
      continue;
    }
    Result<std::string>& outcome = outcomes[next_step++];
    if (!outcome) co_return std::move(outcome).error();
    out.Raw(*outcome);
  }
  out.EndObject();
  out.EndObject();
  co_return out.Take();
}

}  // namespace junction::execute
