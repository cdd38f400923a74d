#pragma once
// SelectPermission: what a role may read of one table (Hasura's select permission,
// `select_permissions` in the metadata), resolved against the admin's SourceModel:
//
//   {"role":"user","permission":{"columns":["id","title"],"limit":10,"allow_aggregations":true,
//    "filter":{"_or":[{"author_id":{"_eq":"X-Hasura-User-Id"}},
//                     {"author":{"name":{"_eq":"public"}}}]}}}
//   => SelectPermission{columns {id, title}, limit 10, allow_aggregations,
//        filter Or[Compare{author_id, "_eq", "X-Hasura-User-Id"},
//                  Exists{author rel, Compare{name, "_eq", "public"}}]}
//
// The filter is kept with its session-variable references unresolved: BuildIr instantiates it
// for each request's session (ir/permission_filter.h), as a value compared to the column — a
// SQL parameter like every other value. Columns, relationships and `_exists` tables point into
// the admin's SourceModel: a filter reads the whole table, whatever the role may select, and
// relationships in it do not apply the target's permission (as in Hasura).
//
// A remote relationship in a filter (DB to DB, one level, plain column operators inside:
// REMOTE_JOINS.md §4) is a RemoteExists: the engine asks the target for the matching join keys
// first and filters the table's rows with them.

#include <cstdint>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include <nlohmann/json.hpp>

namespace junction::schema {

struct Column;
struct Relationship;
// The kind of database a table is in (its source's metadata "kind").
enum class Backend { kPostgres, kSqlite, kBigQuery };
struct Table;
struct PermissionExp;

struct PermissionAnd {
  std::vector<PermissionExp> operands;
};
struct PermissionOr {
  std::vector<PermissionExp> operands;
};
struct PermissionNot {
  std::shared_ptr<const PermissionExp> operand;
};
// `column op value`; `op` is the operator's name ("_eq", "_in", …). The value is the filter's
// JSON, in which a string naming a session variable ("X-Hasura-User-Id", any case) stands for
// that variable's value.
struct PermissionCompare {
  const Column* column = nullptr;
  std::string op;
  nlohmann::ordered_json value;
  // The database the column is in, which decides how a session variable's text is typed.
  Backend backend = Backend::kPostgres;
};
// Some row of a local relationship's target satisfies `where`.
struct PermissionExists {
  const Relationship* relationship = nullptr;
  std::shared_ptr<const PermissionExp> where;
};
// `_exists: {_table, _where}`: some row of an unrelated table satisfies `where`.
struct PermissionExistsTable {
  const Table* table = nullptr;
  std::shared_ptr<const PermissionExp> where;
};
// A remote relationship (to a table of any source): some row of its target joined by the
// mapping satisfies `where` (comparisons of the target's columns only).
struct PermissionRemoteExists {
  const Relationship* relationship = nullptr;
  std::vector<const Column*> columns;  // the filtered table's join columns, in mapping order
  std::shared_ptr<const PermissionExp> where;
};

struct PermissionExp {
  std::variant<PermissionAnd, PermissionOr, PermissionNot, PermissionCompare, PermissionExists,
               PermissionExistsTable, PermissionRemoteExists>
      node;
};

// Which root fields a select permission exposes (`query_root_fields`; all when absent).
struct PermittedRootFields {
  bool select = true;
  bool select_by_pk = true;
  bool select_aggregate = true;
};

struct SelectPermission {
  std::set<std::string> columns;  // database names of the columns the role may select
  PermissionExp filter;           // an empty And: every row
  std::optional<int64_t> limit;
  bool allow_aggregations = false;
  PermittedRootFields root_fields;
  // Whether the filter reads session variables (a plan over it depends on the session) or a
  // remote relationship (it depends on the target's rows when the request runs).
  bool uses_session = false;
  bool uses_remote = false;
};

// Whether `text` names a session variable: it starts with "x-hasura-", in any case.
bool IsSessionVariable(std::string_view text);

}  // namespace junction::schema
