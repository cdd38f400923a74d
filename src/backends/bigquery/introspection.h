#pragma once
// Introspection of a BigQuery source: one query per configured dataset (not one tables.get per
// table, as Hasura does), reading INFORMATION_SCHEMA:
//
//   SELECT `c`.`table_name`, `t`.`table_type`, `c`.`column_name`, `c`.`ordinal_position`,
//          `c`.`is_nullable`, `c`.`data_type`
//   FROM `source`.INFORMATION_SCHEMA.COLUMNS AS `c`
//   JOIN `source`.INFORMATION_SCHEMA.TABLES AS `t` ON `t`.`table_name` = `c`.`table_name`
//   WHERE `c`.`is_hidden` = 'NO'
//   ORDER BY `c`.`table_name`, `c`.`ordinal_position`
//
// is_hidden (a STRING, "YES" or "NO") leaves out pseudo-columns such as _PARTITIONTIME and
// _PARTITIONDATE of ingestion-time partitioned tables, which have no ordinal_position and are not
// columns to track.
//
// Each table becomes a metadata::CatalogTable named {dataset, table} (kTable, or kView for
// VIEW / MATERIALIZED VIEW), no keys (BigQuery enforces none); each column's type_schema is
// metadata::kBigQueryTypeSchema and its type BigQuery's name without parameters ("STRING(10)" →
// "STRING", "NUMERIC(10, 2)" → "NUMERIC"); ARRAY<T> of a scalar is is_array with type T; a STRUCT
// (or an array of them) keeps its whole type text ("STRUCT<a INT64, b ARRAY<STRING>>"), which the
// schema exposes as JSON. is_nullable "NO" (REQUIRED) is not nullable.

#include <string>
#include <string_view>

#include "backends/bigquery/client.h"
#include "common/result.h"
#include "metadata/catalog.h"

namespace junction::backends::bigquery {

// The query above for `dataset`. Errors: kInvalidConfiguration for a name QuoteIdentifier refuses.
Result<std::string> IntrospectionSql(std::string_view dataset);

// Adds the tables of `dataset` read by IntrospectionSql's answer to `catalog`.
// Errors: kUnexpected "malformed BigQuery response" (what is wrong in `internal`).
Status AddDataset(std::string_view dataset, const QueryAnswer& answer, metadata::Catalog& catalog);

}  // namespace junction::backends::bigquery
