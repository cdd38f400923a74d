#pragma once
// Remote relationships in permission filters (REMOTE_JOINS.md §4, ir::RemoteExists): before a
// plan's statements are generated, each such filter asks its relationship's target source for
// the join values of the rows its condition selects, and the filter becomes `columns IN those
// values` on the filtered table (translate_common.h).
//
//   album filter {"artist": {"name": {"_eq": "X-Hasura-Artist"}}}, artist in another source
//   => on the artist source: SELECT the artist ids WHERE name = $1   → [[1], [4]]
//   => on the album source:  … WHERE "album"."artist_id" = ANY('{1,4}') …
//
// One statement per filter occurrence, run one after the other before the plan runs (a filter
// reads the session, so its values differ from request to request and the plan is not cached).

#include <utility>  // before any Asio header: Boost 1.74 + GCC 12

#include <boost/asio/awaitable.hpp>

#include "common/result.h"
#include "execute/run_statement.h"
#include "execute/source_pools.h"
#include "plan/plan.h"

namespace junction::execute {

// Whether `plan` holds a remote relationship in a permission filter.
bool HasRemoteFilters(const plan::Plan& plan);

// Fills in the keys of every remote filter of `plan`. A failing target fails the request with
// the target's error.
// REQUIRES: `plan`, `pools` and `observer` outlive the coroutine.
boost::asio::awaitable<Status> ResolveRemoteFilters(const plan::Plan& plan,
                                                    const SourcePools& pools,
                                                    const StatementObserver& observer);

}  // namespace junction::execute
