#pragma once
// Execute: the last stage of the request pipeline (DESIGN.md §2). Runs a Plan and writes the
// response, `{"data":{…}}`, with the root fields in the order the query asked for them and under
// their aliases. The steps (one query per root field bound to a source) run concurrently; each
// returns its field's JSON built by the database, which is spliced into the response as bytes,
// never parsed (DESIGN.md §5).
//
//   { n: no_queries_available  users(limit: 1) { id } }
//   => {"data":{"n":"There are no queries …","users":[{"id":1}]}}
//
// A step whose result has remote joins runs them (remote_join.h) before it is spliced in.
//
// A step that fails fails the request, as in Hasura: the response is that error (the first in
// query order), with the database's message, and its details in `internal` for admins. A remote
// schema's root field is the exception: the errors the remote answers beside its data come back
// in the response's `errors`, at their paths, with the data of every field (remote_schema.h).
// A mutation's root fields run one after the other, in order.

#include <cstddef>
#include <string>
#include <utility>  // before any Asio header: Boost 1.74 + GCC 12
#include <vector>

#include <boost/asio/awaitable.hpp>

#include "backends/remote_graphql/translate.h"
#include "backends/sql/statement.h"
#include "common/result.h"
#include "execute/remote_schema.h"
#include "execute/run_statement.h"
#include "execute/source_pools.h"
#include "plan/plan.h"

namespace junction::execute {

// A Plan with the statement of each of its steps (Translate's output, in step order): what the
// query cache keeps, so a repeated request neither plans nor generates SQL again.
struct ExecutablePlan {
  plan::Plan plan;
  std::vector<backends::sql::Statement> statements;
  // The remote joins' statements, in the order Prepare met them (plan::RemoteJoin::statement).
  std::vector<backends::sql::Statement> join_statements;
  // The request of each remote step, in plan order.
  std::vector<backends::remote_graphql::GraphqlRequest> remote_requests;
};

// The statement of a root field, in the dialect of the database its table is in.
Result<backends::sql::Statement> TranslateRootField(const ir::RootField& field);

// Translates every step of `plan` and every remote join in it. REQUIRES: the plan's remote
// permission filters are resolved (remote_filters.h).
Result<ExecutablePlan> Prepare(plan::Plan plan);

struct ExecuteOptions {
  // The most keys one statement of a remote join carries; more go in several statements.
  size_t remote_join_batch_size = 10000;
  // Told of each statement as it is sent (the query-log); may be empty.
  StatementObserver on_statement = {};
  // How remote schemas are called.
  RemoteContext remote = {};
};

// REQUIRES: `plan` and `pools` outlive the coroutine.
boost::asio::awaitable<Result<std::string>> Execute(const ExecutablePlan& plan,
                                                    const SourcePools& pools,
                                                    ExecuteOptions options = {});

}  // namespace junction::execute
