#pragma once
// Select permissions of tracked tables (Hasura's Hasura/RQL/DDL/Permission.hs):
// pg_create_select_permission, pg_drop_select_permission and pg_set_permission_comment (and their
// sqlite_ forms, and create_select_permission, drop_select_permission and set_permission_comment
// on /v1/query), as pure functions over the command's state; commands.cc dispatches to them and
// then checks that the change made no object inconsistent: whether a permission's columns, filter
// and limit make sense for its table is schema/'s resolution, which reports a bad one as the
// inconsistent object PermissionObjectName(source, table, "select", role) and so refuses it.
//
//   {"type":"pg_create_select_permission","args":{"table":"authors","role":"user",
//     "permission":{"columns":["id","name"] | "*","filter":{"id":{"_eq":"X-Hasura-User-Id"}},
//                   "limit":10,"allow_aggregations":true,"computed_fields":["full_name"],
//                   "query_root_fields":["select_by_pk"],"subscription_root_fields":[]},
//     "comment":"own row only"}}
//   {"type":"pg_drop_select_permission","args":{"table":"authors","role":"user"}}
//   {"type":"pg_set_permission_comment","args":{"table":"authors","role":"user",
//     "permission":"select","comment":"…"}}                        (null or absent: no comment)
//
// A permission is stored as Hasura's export writes it (selPermDefToOrdJSON in Hasura's
// Metadata/Serialization.hs), in the table's select_permissions ordered by role:
//   {"role":"user","permission":{"columns":…,"computed_fields":[…],"filter":{…},"limit":10,
//    "allow_aggregations":true,"query_root_fields":[…],"subscription_root_fields":[…]},
//    "comment":"…"}
// computed_fields only when not empty, limit only when given, allow_aggregations only when true,
// the root-field lists only when given (an empty list is kept: it allows none); the filter with
// its keys sorted, as aeson prints the parsed boolean expression. Members Hasura ignores are
// dropped.
//
// Like Hasura, whose admin role has every permission implicitly, a select permission for "admin"
// already exists: creating one fails, dropping it or setting its comment changes nothing.
//
// Also here, because it is about what depends on a relationship: pg_drop_relationship refusing to
// drop a relationship that permissions' filters use (DropRelationshipAndDependents).

#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"
#include "metadata/catalog.h"
#include "metadata/commands.h"
#include "metadata/source_metadata.h"

namespace junction::metadata {

Result<ObjectChange> CreateSelectPermission(CommandState& state, const Command& command,
                                            const CommandContext& context);
Result<ObjectChange> DropSelectPermission(CommandState& state, const Command& command,
                                          const CommandContext& context);
// For permissions of any type ("insert", "select", "update", "delete") that the metadata holds.
Result<ObjectChange> SetPermissionComment(CommandState& state, const Command& command,
                                          const CommandContext& context);

// The /v1/query name of a permission command → its /v1/metadata name
// ("create_select_permission" → "pg_create_select_permission"); empty for other types.
std::string PermissionCommandOfQueryType(std::string_view type);

// A permission of a table: its type ("insert", "select", "update", "delete") and role.
struct PermissionRef {
  QualifiedName table;
  std::string type;
  std::string role;
};
// Hasura's dependency wording: "permission books.user.select in source \"default\"".
std::string PermissionDependencyText(std::string_view source, const PermissionRef& permission);

// The permissions of `source_entry`'s tables whose row filters (filter, check) go through the
// relationship `relationship` of `table`, directly or after following other relationships and
// _exists, ordered by PermissionDependencyText.
std::vector<PermissionRef> PermissionsUsingRelationship(const Json& source_entry,
                                                        std::string_view source,
                                                        const QualifiedName& table,
                                                        std::string_view relationship,
                                                        const CommandContext& context);

// pg_drop_relationship (relationship_commands.h) with Hasura's check of what depends on the
// relationship: the permissions using it refuse the drop with a dependency-error naming them
// ("cannot drop due to the following dependent objects: permission books.user.select in source
// \"default\""), or with "cascade": true are dropped with it.
Result<ObjectChange> DropRelationshipAndDependents(CommandState& state, const Command& command,
                                                   const CommandContext& context);

}  // namespace junction::metadata
