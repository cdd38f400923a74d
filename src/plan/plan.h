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
// Remote joins will add a JoinTree under each Step (DESIGN.md §4); Explain prints a Plan.

#include <string>
#include <variant>
#include <vector>

#include "common/result.h"
#include "graphql/operation.h"
#include "ir/ir.h"
#include "schema/role_schema.h"

namespace junction::plan {

// One query against one source.
struct Step {
  std::string source;
  ir::RootField field;
};

struct RootEntry {
  std::string alias;
  // The field's JSON when the plan already knows it, else the Step that computes it.
  std::variant<std::string, Step> value;
};

struct Plan {
  std::vector<RootEntry> root;
};

// REQUIRES: `operation` was normalized against `schema.schema`. Errors are the request's (a meta
// field asked of a root that does not have it) or ours (a root field with nothing to resolve it).
Result<Plan> MakePlan(const graphql::Operation& operation, const schema::RoleSchema& schema);

}  // namespace junction::plan
