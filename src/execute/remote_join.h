#pragma once
// Remote joins at execution (DESIGN.md §4, steps 3 to 6). A step's JSON comes back with a null
// placeholder under each remote relationship's key and the join values beside it (plan.h,
// JoinTree). RunRemoteJoins then
//   1. collects: reads the JSON once (JsonCursor, no DOM) along the tree, and gives each distinct
//      key tuple of each RemoteJoin an argument id; a null in any key makes the field null and
//      sends nothing;
//   2. fetches: one statement per RemoteJoin for all of its arguments (one per `batch_size`
//      arguments when there are more), every RemoteJoin of the value at once; the joins nested
//      in a RemoteJoin's answers run the same way over all of those answers together;
//   3. stitches: copies the JSON, splicing each answer in at its placeholder and leaving the
//      phantom keys out; keys keep the query's order.
//
//   {"id":1,"user":null,"user_id_join_column":7}   + users answering [[0,{"name":"Ann"}]]
//   => {"id":1,"user":{"name":"Ann"}}
//
// An argument the target answers nothing for is null (an object relationship) or [] (an array
// relationship). A failed statement fails the whole request with its error (RunStatement),
// whose path is the field's ($.selectionSet.orders.selectionSet.user).

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <utility>  // before any Asio header: Boost 1.74 + GCC 12
#include <vector>

#include <boost/asio/awaitable.hpp>

#include "backends/sql/statement.h"
#include "common/result.h"
#include "execute/remote_schema.h"
#include "execute/run_statement.h"
#include "execute/source_pools.h"
#include "plan/plan.h"

namespace junction::execute {

// What running remote joins takes besides the tree.
struct JoinContext {
  // Every RemoteJoin's statement (RemoteJoin::statement indexes it; TranslateRemoteJoin).
  const std::vector<backends::sql::Statement>& statements;
  const SourcePools& pools;
  // The most arguments one statement carries (at least 1).
  size_t batch_size = 10000;
  StatementObserver on_statement = {};
  // How to call remote schemas (relationships to a remote schema's field); may be null when the
  // plan has none.
  const RemoteContext* remote = nullptr;
};

// `value` with the joins of `tree` done. REQUIRES: `tree` and `context` outlive the coroutine.
boost::asio::awaitable<Result<std::string>> RunRemoteJoins(std::string value,
                                                           const plan::JoinTree& tree,
                                                           const JoinContext& context);

// The CPU half of RunRemoteJoins, with `answer` in place of the databases (for the micro-benchmarks
// in bench/hot_paths_bench.cc): steps 1 and 3 above on `value`, where each RemoteJoin's answer is
// `answer(join, arguments)` — the text its statement would return for `arguments` (argument id →
// the JSON texts of its key values): [[argument id, value], …], or {"<key>": value, …} for a keyed
// join (backends/postgres KeyedJoinColumn). A tree with joins nested inside a RemoteJoin's answers
// is an error here (they need the databases).
using AnswerJoin = std::function<std::string(
    const plan::RemoteJoin& join, const std::vector<std::vector<std::string_view>>& arguments)>;
Result<std::string> JoinWithAnswers(std::string_view value, const plan::JoinTree& tree,
                                    const AnswerJoin& answer);

}  // namespace junction::execute
