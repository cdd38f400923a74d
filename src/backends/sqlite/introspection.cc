#include "backends/sqlite/introspection.h"

#include <algorithm>
#include <cstddef>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "backends/sql/statement.h"
#include "backends/sqlite/database_error.h"
#include "backends/sqlite/table_definition.h"

namespace junction::backends::sqlite {
namespace {

using metadata::CatalogColumn;
using metadata::CatalogTable;

std::string Lower(std::string_view text) {
  std::string lower(text);
  for (char& c : lower) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return lower;
}

std::optional<std::string> ColumnText(sqlite3_stmt* statement, int column) {
  const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(statement, column));
  if (text == nullptr) return std::nullopt;
  return std::string(text, static_cast<size_t>(sqlite3_column_bytes(statement, column)));
}

std::string Text(sqlite3_stmt* statement, int column) {
  return ColumnText(statement, column).value_or("");
}

// Runs one catalog query with text parameters, calling `row` for each row. Errors are
// StatementError's; `error_code`, when given, receives SQLite's code of a failure.
Status ForEachRow(sqlite3* db, const sql::Statement& query,
                  const std::function<void(sqlite3_stmt*)>& row, int* error_code = nullptr) {
  sqlite3_stmt* statement = nullptr;
  const auto fail = [&] {
    const int code = sqlite3_extended_errcode(db);
    if (error_code != nullptr) *error_code = code;
    Error error = StatementError(sqlite3_db_filename(db, "main"), query, code, sqlite3_errmsg(db));
    sqlite3_finalize(statement);
    return error;
  };
  if (sqlite3_prepare_v2(db, query.text.c_str(), -1, &statement, nullptr) != SQLITE_OK) {
    return fail();
  }
  for (size_t i = 0; i < query.params.size(); ++i) {
    const std::string& param = query.params[i].value();
    sqlite3_bind_text(statement, static_cast<int>(i) + 1, param.data(),
                      static_cast<int>(param.size()), SQLITE_STATIC);
  }
  for (;;) {
    const int stepped = sqlite3_step(statement);
    if (stepped == SQLITE_DONE) break;
    if (stepped != SQLITE_ROW) return fail();
    row(statement);
  }
  sqlite3_finalize(statement);
  return {};
}

struct Relation {
  std::string name;
  bool is_view = false;
  std::string create_sql;
};

struct RawForeignKey {
  std::string foreign_table;
  std::vector<std::pair<std::string, std::optional<std::string>>> columns;  // from → to (or none)
};

// A table's columns, primary key (in key order), unique constraints and foreign keys as the
// pragmas state them; foreign keys are resolved against the other tables afterwards.
struct RawTable {
  CatalogTable table;
  std::vector<RawForeignKey> foreign_keys;
  TableDefinition definition;
};

// Reads the columns and primary key. Returns false (and no error) when SQLite cannot describe
// the relation — a view over a dropped table, a virtual table of a module not loaded — which
// is then left out rather than failing the whole source.
Result<bool> ReadColumns(sqlite3* db, RawTable& raw, bool has_pk_index) {
  std::vector<std::pair<int, std::string>> key;  // (position in key, column)
  sql::Statement query{
      "SELECT name, type, \"notnull\", dflt_value, pk, hidden "
      "FROM pragma_table_xinfo(?1, 'main') ORDER BY cid",
      {raw.table.name.name}};
  int code = SQLITE_OK;
  Status read = ForEachRow(
      db, query,
      [&](sqlite3_stmt* row) {
        const int hidden = sqlite3_column_int(row, 5);
        if (hidden == 1) return;  // a virtual table's hidden column
        CatalogColumn column;
        column.name = Text(row, 0);
        column.position = static_cast<int>(raw.table.columns.size()) + 1;
        column.type = Text(row, 1);
        column.type_schema = std::string(kTypeSchema);
        column.nullable = sqlite3_column_int(row, 2) == 0;
        // hidden 2 and 3: a generated column (virtual, stored).
        column.has_default = sqlite3_column_type(row, 3) != SQLITE_NULL || hidden >= 2;
        if (const int pk = sqlite3_column_int(row, 4); pk > 0) key.emplace_back(pk, column.name);
        raw.table.columns.push_back(std::move(column));
      },
      &code);
  if (!read) {
    if ((code & 0xff) == SQLITE_ERROR) return false;
    return read.error();
  }
  std::sort(key.begin(), key.end());
  for (auto& [position, column] : key) raw.table.primary_key.push_back(std::move(column));

  // A single INTEGER PRIMARY KEY of a rowid table is the rowid: never null, and SQLite assigns
  // it when an insert leaves it out. Such a key has no index of origin "pk".
  const bool rowid_alias =
      raw.table.primary_key.size() == 1 && !has_pk_index && !raw.definition.without_rowid;
  for (CatalogColumn& column : raw.table.columns) {
    const bool in_key = std::find(raw.table.primary_key.begin(), raw.table.primary_key.end(),
                                  column.name) != raw.table.primary_key.end();
    if (!in_key) continue;
    if (raw.definition.without_rowid) column.nullable = false;  // enforced there
    if (rowid_alias && Lower(column.type) == "integer") {
      column.nullable = false;
      column.has_default = true;
    }
  }
  return true;
}

// Postgres's rule for an unnamed constraint: <table>_<columns>_<suffix>.
std::string DefaultName(const std::string& table, const std::vector<std::string>& columns,
                        std::string_view suffix) {
  std::string name = table;
  for (const std::string& column : columns) name += "_" + column;
  return name + "_" + std::string(suffix);
}

// The unique constraints (indexes of origin "u"); reports whether the table has a primary key
// index (origin "pk"), which a rowid alias does not.
Result<bool> ReadIndexes(sqlite3* db, RawTable& raw) {
  std::vector<std::string> unique_indexes;
  bool has_pk_index = false;
  sql::Statement list{"SELECT name, origin FROM pragma_index_list(?1, 'main') ORDER BY seq DESC",
                      {raw.table.name.name}};
  Status read = ForEachRow(db, list, [&](sqlite3_stmt* row) {
    const std::string origin = Text(row, 1);
    if (origin == "pk") has_pk_index = true;
    if (origin == "u") unique_indexes.push_back(Text(row, 0));
  });
  if (!read) return read.error();
  for (const std::string& index : unique_indexes) {
    metadata::UniqueConstraint unique;
    sql::Statement info{"SELECT name FROM pragma_index_info(?1, 'main') ORDER BY seqno", {index}};
    Status columns =
        ForEachRow(db, info, [&](sqlite3_stmt* row) { unique.columns.push_back(Text(row, 0)); });
    if (!columns) return columns.error();
    unique.constraint = DefaultName(raw.table.name.name, unique.columns, "key");
    raw.table.unique_constraints.push_back(std::move(unique));
  }
  return has_pk_index;
}

Status ReadForeignKeys(sqlite3* db, RawTable& raw) {
  std::map<int, RawForeignKey> keys;
  sql::Statement query{
      "SELECT id, \"table\", \"from\", \"to\" FROM pragma_foreign_key_list(?1, 'main') "
      "ORDER BY id, seq",
      {raw.table.name.name}};
  Status read = ForEachRow(db, query, [&](sqlite3_stmt* row) {
    RawForeignKey& key = keys[sqlite3_column_int(row, 0)];
    key.foreign_table = Text(row, 1);
    key.columns.emplace_back(Text(row, 2), ColumnText(row, 3));
  });
  if (!read) return read.error();
  // SQLite numbers foreign keys from the last declared; keep declaration order.
  for (auto it = keys.rbegin(); it != keys.rend(); ++it) raw.foreign_keys.push_back(it->second);
  return {};
}

// The table `name` refers to (SQLite matches names case-insensitively), if it exists.
const RawTable* FindTable(const std::map<std::string, RawTable>& tables, const std::string& name) {
  const auto it = tables.find(Lower(name));
  return it == tables.end() ? nullptr : &it->second;
}

std::optional<std::string> FindColumn(const CatalogTable& table, const std::string& name) {
  for (const CatalogColumn& column : table.columns) {
    if (Lower(column.name) == Lower(name)) return column.name;
  }
  return std::nullopt;
}

// The constraint name the CREATE TABLE text gives the foreign key from `columns` to `target`,
// taking each declared key once.
std::optional<std::string> DeclaredName(const std::vector<std::string>& columns,
                                        const std::string& target,
                                        std::vector<DeclaredForeignKey>& declared) {
  for (auto it = declared.begin(); it != declared.end(); ++it) {
    if (Lower(it->foreign_table) != Lower(target) || it->columns.size() != columns.size()) continue;
    bool same = true;
    for (size_t i = 0; i < columns.size(); ++i)
      same = same && Lower(it->columns[i]) == Lower(columns[i]);
    if (!same) continue;
    std::optional<std::string> name = std::move(it->constraint);
    declared.erase(it);
    return name;
  }
  return std::nullopt;
}

// Resolves `raw`'s foreign keys: target names as the target spells them, a key naming no
// columns → the target's primary key. Keys to missing tables or columns are left out (SQLite
// accepts them; they cannot be followed).
void ResolveForeignKeys(RawTable& raw, const std::map<std::string, RawTable>& tables) {
  std::vector<DeclaredForeignKey> declared = raw.definition.foreign_keys;
  std::set<std::string> used;
  for (const RawForeignKey& key : raw.foreign_keys) {
    const RawTable* target = FindTable(tables, key.foreign_table);
    if (target == nullptr || target->table.kind != CatalogTable::Kind::kTable) continue;
    metadata::ForeignKey foreign_key;
    foreign_key.foreign_table = target->table.name;
    std::vector<std::string> columns;
    bool resolved = true;
    for (size_t i = 0; i < key.columns.size(); ++i) {
      const auto& [from, to] = key.columns[i];
      std::optional<std::string> foreign =
          to ? FindColumn(target->table, *to)
             : (i < target->table.primary_key.size()
                    ? std::optional<std::string>(target->table.primary_key[i])
                    : std::nullopt);
      if (!foreign) resolved = false;
      columns.push_back(from);
      foreign_key.column_mapping.emplace_back(from, foreign.value_or(""));
    }
    if (!resolved ||
        (!key.columns[0].second && key.columns.size() != target->table.primary_key.size())) {
      continue;
    }
    std::optional<std::string> name = DeclaredName(columns, key.foreign_table, declared);
    std::string constraint = name ? *name : DefaultName(raw.table.name.name, columns, "fkey");
    // Two unnamed keys on the same columns: numbered as Postgres does (…_fkey1).
    for (int n = 1; !used.insert(constraint).second; ++n) {
      constraint = DefaultName(raw.table.name.name, columns, "fkey" + std::to_string(n));
    }
    foreign_key.constraint = std::move(constraint);
    raw.table.foreign_keys.push_back(std::move(foreign_key));
  }
}

}  // namespace

Result<metadata::Catalog> IntrospectDatabase(sqlite3* db) {
  std::vector<Relation> relations;
  sql::Statement list{
      "SELECT name, type, coalesce(sql, '') FROM main.sqlite_schema "
      "WHERE type IN ('table', 'view') AND substr(name, 1, 7) <> 'sqlite_' ORDER BY name",
      {}};
  Status listed = ForEachRow(db, list, [&](sqlite3_stmt* row) {
    relations.push_back({Text(row, 0), Text(row, 1) == "view", Text(row, 2)});
  });
  if (!listed) return listed.error();

  std::map<std::string, RawTable> tables;  // by lower-cased name
  for (Relation& relation : relations) {
    RawTable raw;
    raw.table.name = {std::string(kSchema), relation.name};
    raw.table.kind = relation.is_view ? CatalogTable::Kind::kView : CatalogTable::Kind::kTable;
    bool has_pk_index = false;
    if (!relation.is_view) {
      raw.definition = ReadTableDefinition(relation.create_sql);
      Result<bool> indexed = ReadIndexes(db, raw);
      if (!indexed) return indexed.error();
      has_pk_index = *indexed;
    }
    Result<bool> described = ReadColumns(db, raw, has_pk_index);
    if (!described) return described.error();
    if (!*described) continue;
    if (!relation.is_view) {
      if (Status keys = ReadForeignKeys(db, raw); !keys) return keys.error();
    }
    tables.emplace(Lower(relation.name), std::move(raw));
  }

  metadata::Catalog catalog;
  for (auto& [lower, raw] : tables) ResolveForeignKeys(raw, tables);
  for (auto& [lower, raw] : tables) {
    metadata::QualifiedName name = raw.table.name;
    catalog.tables.emplace(std::move(name), std::move(raw.table));
  }
  return catalog;
}

}  // namespace junction::backends::sqlite
