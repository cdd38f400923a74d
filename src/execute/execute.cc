#include "execute/execute.h"

#include <optional>
#include <vector>

#include "backends/postgres/database_error.h"
#include "backends/postgres/translate.h"
#include "common/json_writer.h"
#include "execute/when_all.h"

namespace junction::execute {
namespace {

namespace asio = boost::asio;
namespace postgres = backends::postgres;

// What a step answers: its field's JSON, or why there is none. Default-constructible, as
// WhenAll's tasks must be.
struct StepOutcome {
  std::string json;
  std::optional<Error> error;
};

StepOutcome Failed(Error error) { return StepOutcome{{}, std::move(error)}; }

// A failed statement as Hasura answers a query (mkTxErrorHandler): a value the database rejected
// (SQLSTATE class 22) is a data-exception with the database's message; anything else is
// unexpected, "database query error". A connection that failed keeps its postgres-error
// "connection error". The database's details stay in `internal`, which only admins see.
Error QueryError(Error error) {
  error.path = "$";
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

asio::awaitable<StepOutcome> RunStep(const plan::Step& step,
                                     const backends::sql::Statement& statement,
                                     const plan::RootEntry& entry, const SourcePools& pools) {
  Result<std::shared_ptr<postgres::Pool>> pool = pools.Find(step.source);
  if (!pool) co_return Failed(std::move(pool).error());
  Result<postgres::QueryResult> result = co_await (*pool)->Execute(statement);
  if (!result) co_return Failed(QueryError(std::move(result).error()));
  // One row of one column: the field's JSON; SQL NULL is JSON null (a _by_pk that found nothing).
  if (result->rows.size() != 1 || result->rows.front().size() != 1) {
    co_return Failed(Error(ErrorCode::kUnexpected,
                           "the query for \"" + entry.alias + "\" did not return one value"));
  }
  const std::optional<std::string>& value = result->rows.front().front();
  co_return StepOutcome{value ? *value : std::string("null"), std::nullopt};
}

// The steps' outcomes in step order: one step is awaited where it is, several run at once.
asio::awaitable<std::vector<StepOutcome>> RunSteps(const ExecutablePlan& prepared,
                                                   const SourcePools& pools) {
  std::vector<asio::awaitable<StepOutcome>> steps;
  size_t index = 0;
  for (const plan::RootEntry& entry : prepared.plan.root) {
    if (const auto* step = std::get_if<plan::Step>(&entry.value)) {
      steps.push_back(RunStep(*step, prepared.statements[index++], entry, pools));
    }
  }
  if (steps.size() == 1) {
    std::vector<StepOutcome> outcomes;
    outcomes.push_back(co_await std::move(steps.front()));
    co_return outcomes;
  }
  co_return co_await WhenAll(std::move(steps));
}

}  // namespace

Result<ExecutablePlan> Prepare(plan::Plan plan) {
  ExecutablePlan prepared{std::move(plan), {}};
  for (const plan::RootEntry& entry : prepared.plan.root) {
    const auto* step = std::get_if<plan::Step>(&entry.value);
    if (step == nullptr) continue;
    Result<backends::sql::Statement> statement = postgres::Translate(step->field);
    if (!statement) return std::move(statement).error();
    prepared.statements.push_back(std::move(statement).value());
  }
  return prepared;
}

asio::awaitable<Result<std::string>> Execute(const ExecutablePlan& prepared,
                                             const SourcePools& pools) {
  std::vector<StepOutcome> outcomes = co_await RunSteps(prepared, pools);

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
    StepOutcome& outcome = outcomes[next_step++];
    if (outcome.error) co_return std::move(*outcome.error);
    out.Raw(outcome.json);
  }
  out.EndObject();
  out.EndObject();
  co_return out.Take();
}

}  // namespace junction::execute
