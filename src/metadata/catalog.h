#pragma once
// Catalog: what a source's database holds, as data (DESIGN.md §3, §6). backends/postgres
// introspects a database into a Catalog (I/O); schema/ resolves Metadata + Catalogs into the
// per-role schemas (pure). Nothing here knows SQL: types are kept by their database names.
//
//   CREATE TABLE public.users (id serial PRIMARY KEY, name text NOT NULL, tags text[]);
//   => tables[{public, users}] = CatalogTable{ kTable,
//        columns [ {id, "int4", nullable false, has_default true},
//                  {name, "text", nullable false},
//                  {tags, "text", is_array true, nullable true} ],
//        primary_key ["id"] }

#include <compare>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/result.h"

namespace junction::metadata {

// CatalogColumn::type_schema of a SQLite column, whose `type` is its declared type as written.
inline constexpr std::string_view kSqliteTypeSchema = "sqlite";
// CatalogColumn::type_schema of a BigQuery column, whose `type` is BigQuery's type name ("INT64",
// "STRING", "STRUCT<a INT64>"; backends/bigquery/introspection.h).
inline constexpr std::string_view kBigQueryTypeSchema = "bigquery";

// A schema-qualified database object name: {"schema":"public","name":"users"} in metadata.
struct QualifiedName {
  std::string schema;
  std::string name;

  friend auto operator<=>(const QualifiedName&, const QualifiedName&) = default;
};

struct CatalogColumn {
  std::string name;
  int position = 0;  // 1-based ordinal in the table
  // The type's name in the database (pg_type.typname): "int4", "varchar", "timestamptz", "jsonb",
  // or a user type such as an enum "mood". For an array column, the element type's name.
  std::string type;
  std::string type_schema = "pg_catalog";  // where `type` is defined
  bool is_array = false;
  bool nullable = true;
  bool has_default = false;  // a default, serial, identity or generated value
  std::optional<std::string> description;
};

// A foreign key of the table: its columns → the referenced table's columns, in constraint order.
struct ForeignKey {
  std::string constraint;
  QualifiedName foreign_table;
  std::vector<std::pair<std::string, std::string>> column_mapping;  // local → foreign
};

struct UniqueConstraint {
  std::string constraint;
  std::vector<std::string> columns;
};

struct CatalogTable {
  enum class Kind { kTable, kView, kMaterializedView, kForeignTable, kPartitionedTable };

  QualifiedName name;
  Kind kind = Kind::kTable;
  std::vector<CatalogColumn> columns;                // in position order
  std::vector<std::string> primary_key;              // empty when the table has none
  std::vector<UniqueConstraint> unique_constraints;  // the primary key excluded
  std::vector<ForeignKey> foreign_keys;
  std::optional<std::string> description;

  const CatalogColumn* FindColumn(std::string_view column) const;
};

// A user-defined type that matters to the GraphQL schema (an enum and its labels, in order).
struct CatalogEnum {
  QualifiedName name;
  std::vector<std::string> values;
};

struct Catalog {
  std::map<QualifiedName, CatalogTable> tables;
  std::map<QualifiedName, CatalogEnum> enums;
  // BigQuery: where the datasets are (the location BigQuery ran their introspection jobs in;
  // empty when it did not say or they are in several), and the source's global_select_limit as
  // its connection read the configuration. The schema needs both (co-location, list limits) and
  // must not read the configuration a second way.
  std::string location;
  std::optional<int64_t> global_select_limit;

  const CatalogTable* FindTable(const QualifiedName& table) const;
};

// The catalog of each source, by source name, as introspection left it: an Error when the
// database could not be reached or introspected (the source is then an inconsistent object).
using Catalogs = std::map<std::string, Result<Catalog>, std::less<>>;

}  // namespace junction::metadata
