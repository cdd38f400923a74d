#pragma once
// IntrospectDatabase: a SQLite database's catalog (metadata/catalog.h) from its schema tables and
// pragmas (sqlite_schema, pragma_table_xinfo, pragma_foreign_key_list, pragma_index_list /
// pragma_index_info). Blocking: Pool::Introspect runs it on a worker thread.
//
//   CREATE TABLE orders (id INTEGER PRIMARY KEY, customer_id INTEGER NOT NULL
//                        REFERENCES customers (id), total NUMERIC, note VARCHAR(20));
//   => tables[{main, orders}] = {kTable, columns [{id, "INTEGER", nullable false (a rowid alias
//        is never null), has_default true}, {customer_id, "INTEGER", nullable false},
//        {total, "NUMERIC"}, {note, "VARCHAR(20)"}], primary_key [id],
//        foreign_keys [{"orders_customer_id_fkey", {main, customers}, [(customer_id, id)]}]}
//
// Tables and views of the `main` schema (schema name "main"); `sqlite_%` internal tables are left
// out. `type` is the declared type as written (upper-cased as SQLite keeps it; "" when none) and
// `type_schema` is "sqlite"; schema/ maps it to a GraphQL scalar by SQLite's affinity rules.
// Foreign keys without a named constraint are named "<table>_<columns>_fkey" (Postgres's rule); a
// foreign key naming no columns refers to the target's primary key. Unique indexes of `origin`
// "u" are the unique constraints (named "<table>_<columns>_key"). Relations SQLite cannot
// describe (a view over a dropped table) are left out. Errors are pool.h's, naming the file as
// sqlite3_db_filename gives it (an absolute path).

#include <sqlite3.h>

#include "common/result.h"
#include "metadata/catalog.h"

namespace junction::backends::sqlite {

inline constexpr std::string_view kSchema = "main";
inline constexpr std::string_view kTypeSchema = metadata::kSqliteTypeSchema;

Result<metadata::Catalog> IntrospectDatabase(sqlite3* db);

}  // namespace junction::backends::sqlite
