#pragma once
// SourceModel: the resolved view of the tracked database objects (DESIGN.md §6: metadata +
// catalogs → resolve): for each source, each tracked table with its columns, their GraphQL names
// and scalars, its relationships (resolved to the target table and the column mapping) and its
// root field names. The GraphQL schema of a role (role_schema.h) is generated from it, and BuildIr
// (ir/) reads it to turn a normalized field into a query on a table.
//
//   sources: {"default": {kind "postgres", tables: {{public, users}: Table{
//     graphql_name "users", columns [{id, int4 → Int}, {name, text → String}],
//     relationships [{orders, kArray, → {public, orders}, [(id, user_id)]}],
//     primary_key [id], root fields users / users_by_pk / users_aggregate }}}}
//
// Pointers (Relationship::target, TableRootField::table) point into the SourceModel, which is
// immutable once built and shared by the Snapshot that holds it.

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "metadata/catalog.h"
#include "schema/permission.h"
#include "schema/pg_scalar.h"
#include "schema/remote_schema_model.h"

namespace junction::schema {

struct Column {
  std::string name;          // in the database
  std::string graphql_name;  // column_config custom_name, or the name
  std::string type;          // the database type's name (metadata::CatalogColumn::type)
  std::string type_schema = "pg_catalog";
  bool is_array = false;
  bool nullable = true;
  // The GraphQL scalar (or enum) type the column is exposed as: "Int", "String", "bigint",
  // "timestamptz", "jsonb", … (an array column is a list of it).
  std::string scalar;
  // How Hasura classifies the type (pg_scalar.h): decides operators and aggregates.
  PgScalar::Kind scalar_kind = PgScalar::Kind::kUnknown;
  std::optional<std::string> description;  // the column's comment
};

struct Table;

struct Relationship {
  enum class Kind { kObject, kArray };

  std::string name;
  Kind kind = Kind::kObject;
  const Table* target = nullptr;
  // Pairs (this table's column, the target's column), all of which must be equal to join.
  std::vector<std::pair<std::string, std::string>> mapping;
  // Whether an object relationship can be null (a nullable local column, or a manual
  // configuration); array relationships are never null.
  bool nullable = true;
  // A remote relationship (metadata `remote_relationships`, definition `to_source`): `target`
  // may be in another source, the first of each mapping pair is this table's column, and the
  // engine joins the two results itself (DESIGN.md §4) instead of the database. Not in this
  // table's bool_exp or order_by.
  bool remote = false;
  // A relationship defined as remote between two BigQuery sources reachable with the same
  // credentials in the same location (schema/resolve_remote_relationships.cc): it is resolved as
  // a local one (`remote` false), so one query joins both sides natively; this remembers that it
  // was declared remote (explain says so).
  bool co_located = false;
};

// The names of a table's root fields (custom_root_fields, or Hasura's defaults).
struct RootFieldNames {
  std::string select;            // <t>
  std::string select_by_pk;      // <t>_by_pk (only when the table has a primary key)
  std::string select_aggregate;  // <t>_aggregate
};

struct Table {
  std::string source;
  Backend backend = Backend::kPostgres;
  metadata::QualifiedName name;
  // The GraphQL type name: custom_name, else the name, prefixed "<schema>_" outside `public`.
  std::string graphql_name;
  std::vector<Column> columns;  // in catalog order; in a role's model, those it may select
  // In a role's model, the columns it may not select: still read as join keys (never output).
  std::vector<Column> hidden_columns;
  std::vector<Relationship> relationships;
  // Relationships to remote schemas' fields (remote_schema_model.h).
  std::vector<RemoteSchemaRelationship> remote_schema_relationships;
  std::vector<std::string> primary_key;  // database column names; empty when none
  // BigQuery: the source's global_select_limit, which caps every list read from the table
  // (Hasura's rule: combined with the permission's and the user's limits by their minimum).
  std::optional<int64_t> global_select_limit;
  RootFieldNames root_fields;
  // custom_root_fields comments, replacing Hasura's default descriptions when set.
  RootFieldNames root_field_comments;
  std::optional<std::string> description;  // the table's comment
  // In a role's model, the role's select permission on the table; null in the admin's.
  std::shared_ptr<const SelectPermission> permission;

  const Column* FindColumn(std::string_view graphql_name) const;  // a selectable column
  const Column* FindColumnByName(std::string_view name) const;    // by database name, hidden too
  // Whether `<t>_aggregate` and `<rel>_aggregate` fields may read the table (admin: always).
  bool AllowsAggregations() const {
    return permission == nullptr || permission->allow_aggregations;
  }
  const Relationship* FindRelationship(std::string_view name) const;
  const RemoteSchemaRelationship* FindRemoteSchemaRelationship(std::string_view name) const;
};

struct Source {
  std::string name;
  std::string kind;  // "postgres", "sqlite", "bigquery"
  std::map<metadata::QualifiedName, Table> tables;
  // BigQuery: what another BigQuery source must share with this one for a relationship between
  // them to be co-located (Relationship::co_located); empty for the other kinds.
  std::string co_location;
};

// The relationships defined on one object type of a remote schema
// (create_remote_schema_remote_relationship): to tables (`to_source`: Relationship with `remote`
// set, whose mapping pairs the type's field, in the remote's name, with the target's column) and
// to remote schemas.
struct RemoteTypeRelationships {
  std::vector<Relationship> to_source;
  std::vector<RemoteSchemaRelationship> to_remote_schema;
};

// A consistent remote schema: how to call it, its schema (the service's names), how its names
// read in the engine's schema, and the relationships on its object types, by the type's name in
// the remote.
struct RemoteSchema {
  metadata::RemoteSchemaDefinition definition;
  std::shared_ptr<const graphql::Schema> remote;
  RemoteNames names;
  std::map<std::string, RemoteTypeRelationships, std::less<>> relationships;

  const std::string& name() const { return definition.name; }
};

struct SourceModel {
  std::map<std::string, Source, std::less<>> sources;
  // The consistent remote schemas, by name. Every role sees all of them (Hasura without remote
  // schema permissions); a role's copy keeps only the relationships to tables it may read.
  std::map<std::string, RemoteSchema, std::less<>> remote_schemas;
  // In a role's model (role_model.h), the admin's model its permission filters point into.
  std::shared_ptr<const SourceModel> base;

  const Table* FindTable(std::string_view source, const metadata::QualifiedName& table) const;
};

}  // namespace junction::schema
