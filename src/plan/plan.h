#pragma once
// Plan: what running one operation takes (DESIGN.md §2, the Plan stage). Each root field of the
// response is either known when planning (`__typename`, introspection, a placeholder: its JSON is
// written here) or a Step: one query against one source, whose JSON result is spliced into the
// response as it comes back. The root fields keep the query's order and aliases.
//
//   { __typename  users(limit: 2) { id }  n: users_aggregate { aggregate { count } } }
//   => Plan{ [ {"__typename", "\"query_root\""},
//              {"users", Step{source "default", ir::RootField users …}},
//              {"n",     Step{source "default", ir::RootField users_aggregate …}} ] }
//
// A Step whose query selects remote relationships has them cut out (DESIGN.md §4): its query
// keeps a null placeholder under each one's key and selects the join columns (as phantom keys
// when the query did not select them), and its JoinTree says where in the step's JSON each
// remote join goes and what answers it.
//
//   { orders { id user { name } } }          (orders → user: a remote object relationship)
//   => Step{orders { id user: <null> user_id_join_column: user_id },
//           joins {joins [RemoteJoin{"user", keys ["user_id_join_column"], source "accounts",
//                                    users { name }}],
//                  phantoms ["user_id_join_column"]}}

#include <cstddef>
#include <string>
#include <variant>
#include <vector>

#include "common/result.h"
#include "graphql/operation.h"
#include "ir/ir.h"
#include "schema/role_schema.h"
#include "schema/session.h"

namespace junction::plan {

struct RemoteJoin;
struct ChildJoins;

// The remote joins in a JSON value: at each object of it (the value itself, or the elements of a
// list, null skipped) the `joins` and the `phantoms` to strip, and deeper under `children`'s keys.
struct JoinTree {
  std::vector<RemoteJoin> joins;
  std::vector<std::string> phantoms;
  std::vector<ChildJoins> children;

  bool empty() const { return joins.empty() && children.empty(); }
};

struct ChildJoins {
  std::string key;
  JoinTree tree;
};

// A remote relationship cut out of the query of the objects it is selected in. Those objects
// have a placeholder under `alias` and their join values under `keys` (in the order of the
// relationship's mapping, or of a remote schema relationship's lhs_fields); `field` (an
// ObjectRelation, ArrayRelation or ArrayAggregate on the relationship, with `source` its target's
// source; or a RemoteSchemaRelation, `source` empty) is what one query on the target answers for
// all of their keys at once, and `tree` the remote joins inside each value it answers. Objects
// without the placeholder (a relationship of one member of a union) take no part.
struct RemoteJoin {
  std::string alias;
  std::vector<std::string> keys;
  std::string source;
  ir::Field field;
  JoinTree tree;
  // Hasura's JSON path of the field in the query ($.selectionSet.orders.selectionSet.user),
  // which an error in the join names.
  std::string path;
  // The join's statement in ExecutablePlan::join_statements (execute.h), set by Prepare.
  size_t statement = 0;
};

// One query against one source, and the remote joins of its result.
struct Step {
  std::string source;
  ir::RootField field;
  JoinTree joins;
};

// One request to a remote schema (a root field, or a namespace's whole selection), and the remote
// joins of its answer. The request is sent as it is planned, with the client's headers when the
// remote schema forwards them.
struct RemoteStep {
  ir::RemoteRootField field;
  JoinTree joins;
};

struct RootEntry {
  std::string alias;
  // The field's JSON when the plan already knows it, else the step that computes it.
  std::variant<std::string, Step, RemoteStep> value;
};

struct Plan {
  std::vector<RootEntry> root;
  // A mutation's steps run one after the other, in order.
  bool sequential = false;
};

// REQUIRES: `operation` was normalized against `schema.schema`, the schema of `session`'s role,
// whose permissions BuildIr applies for `session`. Errors are the request's (a meta field asked
// of a root that does not have it, a session variable a permission needs and the session lacks)
// or ours (a root field with nothing to resolve it).
Result<Plan> MakePlan(const graphql::Operation& operation, const schema::RoleSchema& schema,
                      const schema::Session& session);

}  // namespace junction::plan
