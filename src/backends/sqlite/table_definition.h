#pragma once
// ReadTableDefinition: what introspection needs from a table's CREATE TABLE text
// (sqlite_schema.sql) that SQLite's pragmas do not say — the names of foreign key constraints,
// and whether the table is WITHOUT ROWID.
//
//   CREATE TABLE orders (id INTEGER PRIMARY KEY,
//                        customer_id INTEGER CONSTRAINT buyer REFERENCES customers (id),
//                        a INT, b INT, FOREIGN KEY (a, b) REFERENCES pairs)
//   => foreign_keys [{"buyer", [customer_id], "customers"}, {nullopt, [a, b], "pairs"}],
//      without_rowid false
//
// A tolerant reader, not a validator: the text is one SQLite already accepted. Quoted names
// ("…", `…`, […]) are unquoted; keywords match in any case.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace junction::backends::sqlite {

struct DeclaredForeignKey {
  std::optional<std::string> constraint;  // CONSTRAINT <name>, when given
  std::vector<std::string> columns;       // the referencing columns, as written
  std::string foreign_table;              // as written
};

struct TableDefinition {
  std::vector<DeclaredForeignKey> foreign_keys;  // in declaration order
  bool without_rowid = false;
};

TableDefinition ReadTableDefinition(std::string_view create_table);

}  // namespace junction::backends::sqlite
