#pragma once
// RunGraphqlRequest: one GraphQL request through the stages of DESIGN.md §2, for the session's
// role in one snapshot:
//
//   Schema (Snapshot::ForRole) → Parse → CheckLimits → Validate → Normalize → Plan (BuildIr
//   inside) → Translate (execute::Prepare) → Execute (one query per root field bound to a source)
//
// A repeated request skips what QueryCache remembers of it (parse and validation; normalization
// and planning too when it has no variables).
//
// The answer is the response body: `{"data":{…}}`, or `{"errors":[…]}` from the first stage that
// fails (validation reports all its errors, capped; the others one). Errors show `internal` only
// to admins.

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>  // before any Asio header: Boost 1.74 + GCC 12
#include <vector>

#include <boost/asio/awaitable.hpp>

#include "execute/execute.h"
#include "execute/source_pools.h"
#include "schema/session.h"
#include "schema/snapshot.h"
#include "server/graphql_request.h"
#include "server/query_cache.h"

namespace junction::server {

// The stages before Execute: the request's Plan, or the errors that end it. `role_schema` is
// the schema of `session`'s role; `cache` belongs to the snapshot it comes from (query_cache.h).
// The whole plan is cached only when it does not depend on the session (RoleSchema::
// session_dependent) or on variables.
struct PreparedRequest {
  std::shared_ptr<const execute::ExecutablePlan> plan;
  std::vector<Error> errors;  // when there is no plan
  // Instead of `plan`: a plan whose remote permission filters must be resolved before its SQL
  // can be generated (execute/remote_filters.h; ResolvePreparedRequest does both).
  std::optional<plan::Plan> unresolved = std::nullopt;
};
PreparedRequest PrepareGraphqlRequest(const schema::RoleSchema& role_schema,
                                      const schema::Session& session, QueryCache& cache,
                                      const GraphqlRequest& request);

// Resolves `prepared.unresolved`'s remote permission filters against `pools` and prepares it into
// `prepared.plan` (or `prepared.errors`); nothing to do for a request that has its plan.
// REQUIRES: every argument outlives the coroutine.
boost::asio::awaitable<void> ResolvePreparedRequest(PreparedRequest& prepared,
                                                    const execute::SourcePools& pools,
                                                    const execute::StatementObserver& observer);

// REQUIRES: every argument outlives the coroutine.
boost::asio::awaitable<std::string> RunGraphqlRequest(
    const schema::Snapshot& snapshot, const execute::SourcePools& pools, QueryCache& cache,
    const schema::Session& session, const GraphqlRequest& request, execute::ExecuteOptions options);

}  // namespace junction::server
