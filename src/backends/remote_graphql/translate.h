#pragma once
// IR → the GraphQL requests sent to remote schemas (DESIGN.md §2 Translate, §4 step 4), and the
// reading of their answers. Every value is sent as a variable of the argument's declared type
// (the remote's names), never inlined into the document: the document is the same whatever the
// values, and no value can change its meaning. Each field is sent under its response key, so the
// answer's keys are the engine's (a field renamed by customization needs nothing more);
// `__typename` answers are renamed back (RenameTypenames).
//
//   { o: order(id: 7) { id ... on Order { total } } }          (a remote root field)
//   => query ($v0: Int!) { o: order(id: $v0) { id: id ... on Order { total: total } } }
//      variables {"v0": 7}
//
// A relationship to a remote schema's field is one request per hop (REMOTE_JOINS.md §3.5.2):
// by default one aliased field per distinct key, `f<argument id>`, its `$` template values
// replaced by the key and the user's arguments merged in at the last field of the path; in batch
// mode (remote_schema_model.h RemoteBatch) one field whose `$` argument is the list of every key,
// the answer's elements matched back by the key field (selected as `__junction_key`).
//
//   users(id: $user_id) for keys 1, 2  => query ($v0: Int!, $v1: Int!)
//                                          { f0: user(id: $v0) { … } f1: user(id: $v1) { … } }
//   batch users_by_ids(ids: $user_id)  => query ($v0: [Int!]!)
//                                          { f: users_by_ids(ids: $v0) { __junction_key: id … } }

#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "common/result.h"
#include "ir/ir.h"

namespace junction::backends::remote_graphql {

struct GraphqlRequest {
  std::string query;
  nlohmann::ordered_json variables = nlohmann::ordered_json::object();

  // {"query":…,"variables":{…}}
  std::string Body() const;
};

// The request of a remote root field (or a namespace's selection). REQUIRES: the plan cut its
// relationships out (plan/remote_joins.h).
Result<GraphqlRequest> TranslateRoot(const ir::RemoteRootField& field);

// The keys of a join: per argument id, the JSON texts of its key values in lhs_fields order.
using JoinArguments = std::vector<std::vector<std::string_view>>;

// The request of a relationship to a remote schema for arguments [begin, end).
Result<GraphqlRequest> TranslateJoin(const ir::RemoteSchemaRelation& relation,
                                     const JoinArguments& arguments, size_t begin, size_t end);

// The `data` of the remote's answer to TranslateJoin as the executor reads join answers:
// [[argument id, value], …] (an argument without a value is left out). Errors name what is
// missing (`failed to lookup key 'f3' in response`).
Result<std::string> JoinAnswers(const ir::RemoteSchemaRelation& relation,
                                const nlohmann::ordered_json& data, const JoinArguments& arguments,
                                size_t begin, size_t end);

// Renames the `__typename` answers in `value` (the answer to `selection`, a selection of
// `schema`'s types) to the engine's names of those types.
void RenameTypenames(const schema::RemoteSchema& schema,
                     const std::vector<ir::RemoteSelection>& selection,
                     nlohmann::ordered_json& value);

}  // namespace junction::backends::remote_graphql
