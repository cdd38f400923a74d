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
// A step that fails fails the request, as in Hasura: the response is that error (the first in
// query order), with the database's message, and its details in `internal` for admins.

#include <string>
#include <utility>  // before any Asio header: Boost 1.74 + GCC 12
#include <vector>

#include <boost/asio/awaitable.hpp>

#include "backends/sql/statement.h"
#include "common/result.h"
#include "execute/source_pools.h"
#include "plan/plan.h"

namespace junction::execute {

// A Plan with the statement of each of its steps (Translate's output, in step order): what the
// query cache keeps, so a repeated request neither plans nor generates SQL again.
struct ExecutablePlan {
  plan::Plan plan;
  std::vector<backends::sql::Statement> statements;
};

// Translates every step of `plan`.
Result<ExecutablePlan> Prepare(plan::Plan plan);

// REQUIRES: `plan` and `pools` outlive the coroutine.
boost::asio::awaitable<Result<std::string>> Execute(const ExecutablePlan& plan,
                                                    const SourcePools& pools);

}  // namespace junction::execute
