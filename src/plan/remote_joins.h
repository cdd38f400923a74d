#pragma once
// Cutting remote relationships out of a root field's query (DESIGN.md §4, plan.h): each remote
// relationship field becomes a null placeholder under its key, the join columns it needs are
// selected in its object (the user's own selection of a column is reused; otherwise a phantom key
// `<column>_join_column`, padded with `_` to be longer than every other key of the object, as
// Hasura names it), and a RemoteJoin at that place of the JoinTree holds the relationship's field,
// itself cut the same way for remote joins nested in it.

#include <string>

#include "ir/ir.h"
#include "plan/plan.h"

namespace junction::plan {

// Cuts the remote joins out of `field` and answers where they are in its JSON.
JoinTree CutRemoteJoins(ir::RootField& field);
// The same for a remote schema's root field: a relationship from a remote type becomes
// `alias: __typename` in the request (keeping the key in the answer), its join fields are
// selected beside it (phantoms `<field>_join_column`, under the same type conditions), and its
// RemoteJoin applies to the objects whose answer has that key. A relationship to a remote schema
// (from a table or a remote type) is cut the same way, its target's selection too.
JoinTree CutRemoteJoins(ir::RemoteRootField& field);

}  // namespace junction::plan
