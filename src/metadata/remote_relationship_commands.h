#pragma once
// Remote relationships of tables (Hasura's Hasura/RQL/DDL/RemoteRelationship.hs):
// pg_create_remote_relationship, pg_update_remote_relationship and pg_delete_remote_relationship,
// as pure functions over the command's state; commands.cc dispatches to them and then checks that
// the change made no object inconsistent (an unknown target source, table or column, or a name
// that clashes with a field of the table, is refused that way, with the engine's reason). The
// legacy /v1/query types create_remote_relationship, … run the same commands
// (RemoteRelationshipCommandOfQueryType).
//
//   {"type":"pg_create_remote_relationship","args":{"source":"default","table":"orders",
//     "name":"user","definition":{"to_source":{"source":"users_db","table":"users",
//       "relationship_type":"object","field_mapping":{"user_id":"id"}}}}}
//   definition: {"to_source":{…}} | {"to_remote_schema":{"remote_schema","lhs_fields",
//                                                        "remote_field"}}
//   legacy args: {"source"?,"table","name","remote_schema","hasura_fields","remote_field"}
//                {"source"?,"table","name","remote_source":{…as to_source…}}   (pre-2.1 form)
//   {"type":"pg_delete_remote_relationship","args":{"table":"orders","name":"user"}}
//
// The relationship is stored as Hasura's export writes it, in the table's remote_relationships
// ordered by name, keys sorted: {"definition":D,"name":N}, D in the form it was given:
// {"to_source":…}, {"to_remote_schema":…}, {"hasura_fields","remote_field","remote_schema"} for
// the legacy remote-schema args, {"remote_source":…} for the pre-2.1 args. Target tables are kept
// as given (Hasura parses them once it knows the target's backend).
//
// Create replaces a relationship of the same name (no already-exists). Update and delete need it
// to exist and be consistent (`"<name>" does not exist`, not-exists; a column or local
// relationship of that name: `expecting a remote relationship`, unexpected-payload). All three
// need the table tracked and consistent (`table "<t>" does not exist in source: <s>`).
// Relationships to a remote schema (to_remote_schema, legacy) are parsed and stored like the
// others; serving them belongs to the remote-schema issue, and until then the schema layer
// reports them inconsistent (`remote schema with name "<rs>" not found`), as Hasura does for a
// remote schema it does not have.
//
// Dependencies: a relationship depends on its target source and target table. pg_drop_source and
// pg_untrack_table refuse, without cascade, to remove what relationships of other tables point to
// (dependency-error "cannot drop due to the following dependent objects: remote relationship
// orders.user in source \"default\""), and with cascade delete those relationships too
// (RemoteRelationshipsTo, DependencyText, EraseRemoteRelationships). Junction reads these
// dependencies from the metadata, so an inconsistent relationship counts too (Hasura reads its
// schema cache).

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"
#include "metadata/commands.h"
#include "metadata/source_metadata.h"

namespace junction::metadata {

Result<ObjectChange> CreateRemoteRelationship(CommandState& state, const Command& command,
                                              const CommandContext& context);
Result<ObjectChange> UpdateRemoteRelationship(CommandState& state, const Command& command,
                                              const CommandContext& context);
Result<ObjectChange> DeleteRemoteRelationship(CommandState& state, const Command& command,
                                              const CommandContext& context);

// Reads a remote relationship definition in Hasura's strict format (exactly one of to_source and
// to_remote_schema), as create_remote_schema_remote_relationship takes it, into the form it is
// stored in (keys sorted). Errors carry `path`, the args' path, as in Hasura.
Result<Json> NormalizeStrictRemoteRelationshipDefinition(const Json& definition,
                                                         const std::string& path);

// The metadata command a legacy /v1/query type runs: "create_remote_relationship" →
// "pg_create_remote_relationship" (likewise update and delete); empty for any other type.
std::string RemoteRelationshipCommandOfQueryType(std::string_view type);

// Where a stored definition ({"to_source":…} or {"remote_source":…}) joins to: the target source
// and its table as given. Empty for relationships to remote schemas and malformed definitions.
struct RemoteSourceTarget {
  std::string source;
  Json table;
};
std::optional<RemoteSourceTarget> ReadRemoteSourceTarget(const Json& definition);

// A remote relationship of a table of the metadata.
struct RemoteRelationshipRef {
  std::string source;   // the source of the table that has it
  QualifiedName table;  // that table
  std::string name;
  bool operator==(const RemoteRelationshipRef&) const = default;
};

// The remote relationships of `document`'s tables that join to `target_source` (to its table
// `target_table`, when given), in document order.
std::vector<RemoteRelationshipRef> RemoteRelationshipsTo(
    const Json& document, std::string_view target_source,
    const std::optional<QualifiedName>& target_table);

// Hasura's text of a dependent relationship: "remote relationship orders.user in source
// \"default\"".
std::string DependencyText(const RemoteRelationshipRef& relationship);

// Removes those relationships from `document` (a table left without any loses the key).
void EraseRemoteRelationships(Json& document, const std::vector<RemoteRelationshipRef>& refs);

}  // namespace junction::metadata
