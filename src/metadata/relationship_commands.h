#pragma once
// Local relationships (Hasura's Hasura/RQL/DDL/Relationship.hs and Relationship/Rename.hs):
// pg_create_object_relationship, pg_create_array_relationship, pg_drop_relationship,
// pg_rename_relationship and pg_set_relationship_comment, as pure functions over the command's
// state; commands.cc dispatches to them and then checks that the change made no object inconsistent
// (a foreign key that does not exist is refused that way, with the engine's reason).
//
//   {"type":"pg_create_object_relationship","args":{"table":"books","name":"author",
//     "using":{"foreign_key_constraint_on":"author_id"}}}
//   using (object):  {"foreign_key_constraint_on":"col" | ["c1","c2"] |
//                                                {"table":t,"column":c | "columns":[…]}}
//   using (array):   {"foreign_key_constraint_on":{"table":t,"column":c | "columns":[…]}}
//   using (either):  {"manual_configuration":{"remote_table":t,"column_mapping":{"a":"b"},
//                                             "insertion_order":"before_parent"}}
//   {"type":"pg_drop_relationship","args":{"table":"books","relationship":"author","cascade":false}}
//   {"type":"pg_rename_relationship","args":{"table":"books","name":"author","new_name":"writer"}}
//   {"type":"pg_set_relationship_comment","args":{"table":"books","relationship":"author",
//     "comment":"who wrote it"}}                                   (null or absent: no comment)
//
// The relationship is stored as Hasura's export writes it: {"name","using","comment"?} with
// `using` in aeson's form (tables as {"name","schema"}, keys sorted, a manual configuration's
// insertion_order written out, null when not given), in the table's object_relationships or
// array_relationships, ordered by name.
//
// A name already used by a relationship of the table is refused; so is the name of a column when
// the engine's catalog of the source is at hand (CommandContext::find_catalog); the GraphQL
// schema's own name clashes are the engine's consistency check. Junction has no permissions yet,
// so nothing depends on a relationship and cascade changes nothing.

#include "common/result.h"
#include "metadata/commands.h"
#include "metadata/source_metadata.h"

namespace junction::metadata {

// `kind` is "object" or "array".
Result<ObjectChange> CreateRelationship(CommandState& state, const Command& command,
                                        const CommandContext& context, std::string_view kind);
Result<ObjectChange> DropRelationship(CommandState& state, const Command& command,
                                      const CommandContext& context);
Result<ObjectChange> RenameRelationship(CommandState& state, const Command& command,
                                        const CommandContext& context);
Result<ObjectChange> SetRelationshipComment(CommandState& state, const Command& command,
                                            const CommandContext& context);

}  // namespace junction::metadata
