#pragma once
// Helpers shared by resolve.cc and resolve_relationships.cc (not part of the schema/ API).

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "metadata/catalog.h"
#include "metadata/inconsistent_object.h"
#include "metadata/json_path.h"
#include "metadata/metadata.h"
#include "metadata/remote_schema.h"
#include "schema/source_model.h"

namespace junction::schema {

inline constexpr std::string_view kInconsistentPrefix = "Inconsistent object: ";

using metadata::FindKey;
using metadata::StringAt;

// `"text"`: Hasura's dquote.
std::string Quoted(std::string_view text);
// Hasura's text of a table name: "users" in public, "app.users" elsewhere.
std::string QualifiedText(const metadata::QualifiedName& name);
// Hasura's default GraphQL name of a table: "users" in public, "app_users" elsewhere.
std::string SnakeCaseName(const metadata::QualifiedName& name);
// A table reference as metadata writes it: "users" or {"schema": "app", "name": "users"}
// (schema defaulting to public); nullopt when malformed.
std::optional<metadata::QualifiedName> QualifiedNameOf(const metadata::Json& reference);
// The name of a tracked table entry ({"table": …, …}).
std::optional<metadata::QualifiedName> TableNameOf(const metadata::Json& entry);
// Hasura's JSON of a table name: {"name": …, "schema": …}; a BigQuery table's
// {"dataset": …, "name": …}.
metadata::Json QualifiedNameJson(const metadata::QualifiedName& name,
                                 Backend backend = Backend::kPostgres);

// A table that cannot be served: the `table_index`th table of the `source_index`th source.
metadata::InconsistentObject TableInconsistency(const std::string& source,
                                                const metadata::QualifiedName& table,
                                                size_t source_index, size_t table_index,
                                                std::string reason,
                                                Backend backend = Backend::kPostgres);

// Whether a join may use `column`: not a BigQuery column of a type BigQuery cannot compare or
// group by (JSON, GEOGRAPHY, STRUCT, ARRAY, RANGE), whose relationship would fail every query.
bool JoinableColumn(const Column& column);

// The root field names of `table` (select, select_by_pk when it has a primary key, aggregate).
std::vector<std::string> RootFieldNamesOf(const Table& table);

// The GraphQL field names a relationship adds to its table's object type: `name`, and for an
// array relationship `<name>_aggregate` too.
std::vector<std::string> FieldNamesOf(const std::string& name, Relationship::Kind kind);

// Resolves the object and array relationships of the tracked table `entry` (the
// `table_index`th of its source) into `table.relationships`; those that cannot be resolved
// become inconsistent objects. Targets must already be in `source.tables`.
void ResolveRelationships(const metadata::Json& entry, size_t source_index, size_t table_index,
                          const metadata::Catalog& catalog, const Source& source, Table& table,
                          std::vector<metadata::InconsistentObject>& out);

// Resolves the remote relationships (`remote_relationships`, definition `to_source`) of the
// tracked table `entry` (the `table_index`th of the `source_index`th source) into
// `table.relationships`, with `remote` set; those that cannot be resolved become inconsistent
// objects (type "remote_relationship"). Targets are looked up in `model`, which must already hold
// every source's consistent tables (a target may be in another source), and the table's local
// relationships must already be resolved (a remote relationship may not take their names).
void ResolveRemoteRelationships(const metadata::Json& entry, size_t source_index,
                                size_t table_index, const SourceModel& model, Table& table,
                                std::vector<metadata::InconsistentObject>& out);

// Whether the left-hand side of a relationship has the join field `name`: a table's column
// (database name), or an argument-less field of a remote schema's type (the remote's name).
using LhsFields = std::function<bool(std::string_view name)>;

// A `to_source` definition ({"to_source": {…}}) of a relationship on a remote schema's type;
// failures are `Inconsistent object: <context>: in remote relationship "<name>": <inner>`.
Result<Relationship> ResolveToSource(const SourceModel& model, const std::string& name,
                                     std::string context, LhsFields lhs_fields,
                                     const metadata::Json& definition);

// A relationship definition to a remote schema (`to_remote_schema`, or the legacy inline
// `remote_schema`/`hasura_fields`/`remote_field`), validated against the target's schema;
// failures are Hasura's inner messages (code remote-schema-error). `lhs_identifier` names the
// left-hand side in the names of cloned input types (a table's or type's GraphQL name).
Result<RemoteSchemaRelationship> ResolveToRemoteSchema(const SourceModel& model,
                                                       const metadata::Json& definition,
                                                       const std::string& name,
                                                       const std::string& lhs_identifier,
                                                       const LhsFields& lhs_fields);

// Adds the remote schemas whose services were introspected to `model.remote_schemas` (after
// the tables, whose names they may not take); those that cannot join become inconsistent objects
// (resolve_remote_schemas.cc).
void ResolveRemoteSchemas(const metadata::Metadata& metadata,
                          const metadata::RemoteSchemaCatalogs& catalogs, SourceModel& model,
                          std::vector<metadata::InconsistentObject>& out);

// Resolves the relationships defined on remote schemas' types into
// `model.remote_schemas[…].relationships`, once every table and remote schema is in `model`.
void ResolveRemoteSchemaRelationships(const metadata::Metadata& metadata, SourceModel& model,
                                      std::vector<metadata::InconsistentObject>& out);

}  // namespace junction::schema
