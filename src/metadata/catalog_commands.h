#pragma once
// get_source_tables and get_table_info (Hasura's GetSourceTables, GetTableInfo): what a source's
// database holds, read from the catalog the engine introspected (CommandContext::find_catalog),
// tracked or not. They change nothing; the console lists a source's tables with the first and
// shows a table's columns and foreign keys (to suggest relationships) with the second. Both take a
// backend prefix: pg_ (postgres_) or sqlite_.
//
//   {"type":"pg_get_source_tables","args":{"source":"default"}}
//   => [{"name":"authors","schema":"public"},{"name":"books","schema":"public"}, …]
//      (SQLite: {"name":"orders","schema":"main"}, the form its commands store)
//
//   {"type":"pg_get_table_info","args":{"source":"default","table":"books"}}
//   => {"name":{"name":"books","schema":"public"},"type":"table",
//       "columns":[{"name":"id","type":"int4","nullable":false,"is_array":false,
//                   "has_default":true,"description":null}, …],
//       "primary_key":["id"],
//       "unique_constraints":[{"constraint":"books_isbn_key","columns":["isbn"]}],
//       "foreign_keys":{"books_author_id_fkey":{"foreign_table":{"name":"authors",
//                       "schema":"public"},"column_mapping":{"author_id":"id"}}},
//       "description":null}
//
// "type" is table, view, materialized_view, foreign_table or partitioned_table; a column's "type"
// is its type's name in the database (pg_type.typname for Postgres, the declared type for SQLite;
// an array column gives its element type and "is_array": true). The table is named as the track
// commands name it ("books", {"schema","name"}, SQLite's ["main","orders"]).
//
// Errors: an unknown source is not-exists `source with name "x" does not exist`; a source whose
// database could not be read is unexpected `source with name "x" is inconsistent: <why>`; a table
// the database lacks is not-exists `table "x" does not exist in the database of source "s"`.

#include "common/result.h"
#include "metadata/commands.h"

namespace junction::metadata {

Result<Json> GetSourceTables(const CommandState& state, const Command& command,
                             const CommandContext& context);
Result<Json> GetTableInfo(const CommandState& state, const Command& command,
                          const CommandContext& context);

}  // namespace junction::metadata
