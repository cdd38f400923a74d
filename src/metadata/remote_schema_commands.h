#pragma once
// The remote-schema commands of the metadata API (Hasura's Hasura/RemoteSchema/MetadataAPI/Core.hs
// and the remote-schema half of Hasura/RQL/DDL/RemoteRelationship.hs), as pure functions over the
// command's state; commands.cc dispatches to them (and /v1/query runs the first five under the same
// names).
//
//   {"type":"add_remote_schema","args":{"name":"orders","comment":"…",
//     "definition":{"url":"http://orders/graphql","timeout_seconds":5,
//                   "headers":[{"name":"x-key","value_from_env":"ORDERS_KEY"}]}}}
//   {"type":"update_remote_schema","args":{…as add…}}
//   {"type":"remove_remote_schema","args":{"name":"orders"}}
//   {"type":"reload_remote_schema","args":{"name":"orders"}}
//   {"type":"introspect_remote_schema","args":{"name":"orders"}}  → {"data":{"__schema":{…}}}
//   {"type":"create_remote_schema_remote_relationship","args":{"remote_schema":"orders",
//     "type_name":"Order","name":"customer","definition":{"to_source":{…}}}}
//   update_remote_schema_remote_relationship (same args), delete_… ({remote_schema,type_name,name})
//
// Entries are stored as Hasura's export writes them: remote schemas ordered by name, each
// {"name","definition","comment"?,"permissions"?,"remote_relationships"?}, the definition's keys
// in the order url, url_from_env, timeout_seconds, customization, headers, forward_client_headers
// (only when true), customization and relationship objects with their keys sorted. Remote
// relationships of a remote schema are grouped by type, in the order they were created:
// "remote_relationships":[{"relationships":[{"definition":D,"name":N}],"type_name":T}].
//
// Nothing here does I/O. add_remote_schema, update_remote_schema and reload_remote_schema need the
// remote's introspection: the engine sees the changed or reloaded entry (CommandState's
// remote_schemas_to_reload, or a definition its catalogs were not read with), introspects it and
// runs the request again; add and update then fail with the introspection's own error
// (remote-schema-error "HTTP exception occurred while sending the request to \"…\"") when the
// remote could not be introspected, as Hasura does.
//
// Hasura's quirks kept: update_remote_schema keeps the permissions and drops the remote
// relationships defined on the schema; create_remote_schema_remote_relationship on an unknown
// remote schema changes nothing and succeeds; delete of a relationship that does not exist
// succeeds; update of one that does not exist fails with Hasura's nested quoting
// (`no relationship defined on remote schema ""orders" with name "customer""`).
// Junction departs in one place: remove_remote_schema also removes a remote schema that is
// inconsistent (Hasura answers "no such remote schema" until it is reachable again).

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"
#include "metadata/commands.h"
#include "metadata/source_metadata.h"

namespace junction::metadata {

Result<ObjectChange> AddRemoteSchema(CommandState& state, const Command& command,
                                     const CommandContext& context);
Result<ObjectChange> UpdateRemoteSchema(CommandState& state, const Command& command,
                                        const CommandContext& context);
Result<ObjectChange> RemoveRemoteSchema(CommandState& state, const Command& command,
                                        const CommandContext& context);
Result<ObjectChange> ReloadRemoteSchema(CommandState& state, const Command& command,
                                        const CommandContext& context);
// Answers {"data":<the introspection result>}; not-exists when the remote schema is unknown or
// could not be introspected.
Result<Json> IntrospectRemoteSchema(const CommandState& state, const Command& command,
                                    const CommandContext& context);

Result<ObjectChange> CreateRemoteSchemaRemoteRelationship(CommandState& state,
                                                          const Command& command,
                                                          const CommandContext& context);
Result<ObjectChange> UpdateRemoteSchemaRemoteRelationship(CommandState& state,
                                                          const Command& command,
                                                          const CommandContext& context);
Result<ObjectChange> DeleteRemoteSchemaRemoteRelationship(CommandState& state,
                                                          const Command& command,
                                                          const CommandContext& context);

// reload_metadata's "reload_remote_schemas" (true, the default; false; or a list of names),
// recorded in `state`. REQUIRES: ReloadMetadata accepted the args.
void RecordRemoteSchemasToReload(CommandState& state, const Json& args);

// The relationships of remote schemas' types that join to `source` (to its table `table`, when
// given), which Hasura's pg_drop_source and pg_untrack_table count as dependents: their texts
// ("remote_relationship user on type Order in remote schema orders"), and their removal for a
// cascade (the type keeps its entry, as in Hasura).
std::vector<std::string> RemoteSchemaRelationshipsToSource(
    const Json& document, std::string_view source, const std::optional<QualifiedName>& table);
void EraseRemoteSchemaRelationshipsToSource(Json& document, std::string_view source,
                                            const std::optional<QualifiedName>& table);

// Inconsistent-object names: "remote_schema orders" (type "remote_schema"), and
// "remote_schema_remote_relationship remote_relationship customer on type Order in remote schema
// orders" (type "remote_schema_remote_relationship").
std::string RemoteSchemaObjectName(std::string_view name);
std::string RemoteSchemaRelationshipObjectName(std::string_view remote_schema,
                                               std::string_view type_name, std::string_view name);

// A remote_schemas entry as Hasura reports it in an inconsistent object's definition (its
// RemoteSchemaMetadata toJSON: comment, definition, name, permissions, remote_relationships; the
// definition as stored).
Json RemoteSchemaObjectDefinition(const Json& entry);

}  // namespace junction::metadata
