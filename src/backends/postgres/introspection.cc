#include "backends/postgres/introspection.h"

#include <string>
#include <utility>

#include <nlohmann/json.hpp>

namespace junction::backends::postgres {
namespace {

using nlohmann::json;

// One row, one column: {"tables":[…],"enums":[…]}. Columns in attnum order; key columns in
// constraint order (unnest … WITH ORDINALITY).
constexpr const char* kCatalogQuery = R"sql(
WITH
relations AS (
  SELECT c.oid, n.nspname AS schema, c.relname AS name, c.relkind AS kind
  FROM pg_catalog.pg_class c
  JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
  WHERE c.relkind IN ('r', 'v', 'm', 'f', 'p')
    AND n.nspname NOT IN ('pg_catalog', 'information_schema')
    AND n.nspname NOT LIKE 'pg\_toast%'
    AND n.nspname NOT LIKE 'pg\_temp\_%'
),
columns AS (
  SELECT a.attrelid AS oid,
         json_agg(json_build_object(
           'name', a.attname,
           'position', a.attnum,
           'type', coalesce(et.typname, t.typname),
           'type_schema', coalesce(en.nspname, tn.nspname),
           'is_array', et.oid IS NOT NULL,
           'nullable', NOT a.attnotnull,
           'has_default', a.atthasdef OR a.attidentity <> '' OR a.attgenerated <> '',
           'description', pg_catalog.col_description(a.attrelid, a.attnum)
         ) ORDER BY a.attnum) AS columns
  FROM pg_catalog.pg_attribute a
  JOIN relations r ON r.oid = a.attrelid
  JOIN pg_catalog.pg_type t ON t.oid = a.atttypid
  JOIN pg_catalog.pg_namespace tn ON tn.oid = t.typnamespace
  LEFT JOIN pg_catalog.pg_type et ON t.typcategory = 'A' AND t.typelem <> 0 AND et.oid = t.typelem
  LEFT JOIN pg_catalog.pg_namespace en ON en.oid = et.typnamespace
  WHERE a.attnum > 0 AND NOT a.attisdropped
  GROUP BY a.attrelid
),
keys AS (
  SELECT k.conrelid AS oid, k.contype, k.conname,
         json_agg(a.attname ORDER BY col.ordinality) AS columns
  FROM pg_catalog.pg_constraint k
  JOIN relations r ON r.oid = k.conrelid
  CROSS JOIN LATERAL unnest(k.conkey) WITH ORDINALITY AS col(attnum, ordinality)
  JOIN pg_catalog.pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = col.attnum
  WHERE k.contype IN ('p', 'u')
  GROUP BY k.conrelid, k.contype, k.conname
),
foreign_keys AS (
  SELECT k.conrelid AS oid,
         json_agg(json_build_object(
           'constraint', k.conname,
           'foreign_schema', fn.nspname,
           'foreign_table', fc.relname,
           'column_mapping', (
             SELECT json_agg(json_build_array(la.attname, fa.attname) ORDER BY col.ordinality)
             FROM unnest(k.conkey, k.confkey) WITH ORDINALITY AS col(local, remote, ordinality)
             JOIN pg_catalog.pg_attribute la ON la.attrelid = k.conrelid AND la.attnum = col.local
             JOIN pg_catalog.pg_attribute fa ON fa.attrelid = k.confrelid AND fa.attnum = col.remote)
         ) ORDER BY k.conname) AS foreign_keys
  FROM pg_catalog.pg_constraint k
  JOIN relations r ON r.oid = k.conrelid
  JOIN pg_catalog.pg_class fc ON fc.oid = k.confrelid
  JOIN pg_catalog.pg_namespace fn ON fn.oid = fc.relnamespace
  WHERE k.contype = 'f'
  GROUP BY k.conrelid
),
enums AS (
  SELECT n.nspname AS schema, t.typname AS name,
         (SELECT json_agg(e.enumlabel ORDER BY e.enumsortorder)
          FROM pg_catalog.pg_enum e WHERE e.enumtypid = t.oid) AS labels
  FROM pg_catalog.pg_type t
  JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace
  WHERE t.typtype = 'e'
)
SELECT json_build_object(
  'tables', coalesce((
    SELECT json_agg(json_build_object(
      'schema', r.schema,
      'name', r.name,
      'kind', r.kind,
      'description', pg_catalog.obj_description(r.oid, 'pg_class'),
      'columns', coalesce(c.columns, '[]'),
      'primary_key', coalesce(
        (SELECT k.columns FROM keys k WHERE k.oid = r.oid AND k.contype = 'p'), '[]'),
      'unique_constraints', coalesce(
        (SELECT json_agg(json_build_object('constraint', k.conname, 'columns', k.columns)
                         ORDER BY k.conname)
         FROM keys k WHERE k.oid = r.oid AND k.contype = 'u'), '[]'),
      'foreign_keys', coalesce(f.foreign_keys, '[]')
    ) ORDER BY r.schema, r.name)
    FROM relations r
    LEFT JOIN columns c ON c.oid = r.oid
    LEFT JOIN foreign_keys f ON f.oid = r.oid), '[]'),
  'enums', coalesce((
    SELECT json_agg(json_build_object('schema', e.schema, 'name', e.name,
                                      'values', coalesce(e.labels, '[]'))
                    ORDER BY e.schema, e.name)
    FROM enums e), '[]')
)::text
)sql";

Error ParseError(std::string_view detail) {
  return Error(ErrorCode::kUnexpected, "could not read the database catalog", "$",
               std::string(detail));
}

std::optional<std::string> OptionalString(const json& value) {
  if (value.is_string()) return value.get<std::string>();
  return std::nullopt;
}

Result<metadata::CatalogTable::Kind> ParseKind(const std::string& kind) {
  using Kind = metadata::CatalogTable::Kind;
  if (kind == "r") return Kind::kTable;
  if (kind == "v") return Kind::kView;
  if (kind == "m") return Kind::kMaterializedView;
  if (kind == "f") return Kind::kForeignTable;
  if (kind == "p") return Kind::kPartitionedTable;
  return ParseError("unknown relation kind " + kind);
}

metadata::CatalogColumn ParseColumn(const json& column) {
  metadata::CatalogColumn out;
  out.name = column.at("name").get<std::string>();
  out.position = column.at("position").get<int>();
  out.type = column.at("type").get<std::string>();
  out.type_schema = column.at("type_schema").get<std::string>();
  out.is_array = column.at("is_array").get<bool>();
  out.nullable = column.at("nullable").get<bool>();
  out.has_default = column.at("has_default").get<bool>();
  out.description = OptionalString(column.at("description"));
  return out;
}

Result<metadata::CatalogTable> ParseTable(const json& table) {
  metadata::CatalogTable out;
  out.name = {table.at("schema").get<std::string>(), table.at("name").get<std::string>()};
  Result<metadata::CatalogTable::Kind> kind = ParseKind(table.at("kind").get<std::string>());
  if (!kind) return kind.error();
  out.kind = *kind;
  out.description = OptionalString(table.at("description"));
  for (const json& column : table.at("columns")) out.columns.push_back(ParseColumn(column));
  out.primary_key = table.at("primary_key").get<std::vector<std::string>>();
  for (const json& unique : table.at("unique_constraints")) {
    out.unique_constraints.push_back({unique.at("constraint").get<std::string>(),
                                      unique.at("columns").get<std::vector<std::string>>()});
  }
  for (const json& key : table.at("foreign_keys")) {
    metadata::ForeignKey foreign_key;
    foreign_key.constraint = key.at("constraint").get<std::string>();
    foreign_key.foreign_table = {key.at("foreign_schema").get<std::string>(),
                                 key.at("foreign_table").get<std::string>()};
    for (const json& pair : key.at("column_mapping")) {
      foreign_key.column_mapping.emplace_back(pair.at(0).get<std::string>(),
                                              pair.at(1).get<std::string>());
    }
    out.foreign_keys.push_back(std::move(foreign_key));
  }
  return out;
}

// REQUIRES: `document` has the shape kCatalogQuery builds (json::exception otherwise).
Result<metadata::Catalog> ParseDocument(const json& document) {
  metadata::Catalog catalog;
  for (const json& table : document.at("tables")) {
    Result<metadata::CatalogTable> parsed = ParseTable(table);
    if (!parsed) return parsed.error();
    metadata::QualifiedName name = parsed->name;
    catalog.tables.emplace(std::move(name), std::move(*parsed));
  }
  for (const json& type : document.at("enums")) {
    metadata::CatalogEnum catalog_enum{
        {type.at("schema").get<std::string>(), type.at("name").get<std::string>()},
        type.at("values").get<std::vector<std::string>>()};
    metadata::QualifiedName name = catalog_enum.name;
    catalog.enums.emplace(std::move(name), std::move(catalog_enum));
  }
  return catalog;
}

}  // namespace

Result<metadata::Catalog> ParseCatalog(std::string_view text) {
  json document = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (document.is_discarded()) return ParseError("the catalog is not JSON");
  // The database's answer is checked, not trusted: a shape error becomes an Error.
  try {
    return ParseDocument(document);
  } catch (const json::exception& error) {
    return ParseError(error.what());
  }
}

boost::asio::awaitable<Result<metadata::Catalog>> Introspect(Pool& pool) {
  sql::Statement statement{kCatalogQuery, {}};
  Result<QueryResult> result = co_await pool.Execute(statement);
  if (!result) co_return result.error();
  if (result->rows.size() != 1 || result->rows[0].size() != 1 || !result->rows[0][0]) {
    co_return ParseError("the catalog query returned no document");
  }
  co_return ParseCatalog(*result->rows[0][0]);
}

}  // namespace junction::backends::postgres
