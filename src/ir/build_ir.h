#pragma once
// BuildIr (DESIGN.md §2): one normalized root field of a table, plus what the RoleSchema says it
// resolves to, → ir::RootField. Names are resolved against the SourceModel (column GraphQL names,
// relationships, `<rel>_aggregate`), arguments (already coerced by Normalize) become the IR's
// where / order_by / limit / offset / distinct_on, and `__typename` becomes the type name of the
// object it is selected in (`users`, `users_aggregate`, `users_aggregate_fields`,
// `users_sum_fields`, …).
//
//   users_by_pk(id: 7) { name }   (root {users, kSelectByPk})
//   => RootField{"users_by_pk", kSelectByPk, Select{users, [Field{"name"}],
//                                                   args{where Compare{id, kEq, 7}}}}
//
// Errors Hasura reports at this stage are validation-failed with its messages and JSON paths
// (`$.selectionSet.users.args.where.id._eq`): a null comparison value, a negative limit or offset,
// distinct_on not matching the start of order_by. A name the schema should not have let through is
// our bug, reported as unexpected.

#include "common/result.h"
#include "graphql/operation.h"
#include "ir/ir.h"
#include "schema/role_schema.h"
#include "schema/session.h"

namespace junction::ir {

// The role's permissions (in the table's model: role_model.h) apply throughout, instantiated
// for `session` (permission_filter.h): each table's row filter is anded into the rows it reads
// (selects, relationships, `where` and `order_by` through relationships, aggregates), its limit
// caps lists (the user's smaller limit wins; for `_aggregate`, `nodes` only).
// REQUIRES: `field` was validated against the schema generated from `root.table`'s SourceModel.
Result<RootField> BuildRootField(const schema::TableRootField& root,
                                 const graphql::NormalizedField& field,
                                 const schema::Session& session = schema::Session());

// A root field of a remote schema: `field` (validated against the role's schema, in the
// engine's names) as the remote's names read it — fields renamed back, type conditions in the
// remote's types, arguments with the remote's types — with the relationships on the remote's
// types built as the tables' are (their targets' permissions applied for `session`).
Result<RemoteRootField> BuildRemoteRootField(const schema::RemoteRootField& root,
                                             graphql::OperationType operation,
                                             const graphql::NormalizedField& field,
                                             const schema::Session& session = schema::Session());

}  // namespace junction::ir
