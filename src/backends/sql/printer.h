#pragma once
// Print: the SQL tree (tree.h) → Statement (statement.h), the text a database runs, in one of two
// dialects. Postgres: parameters are numbered $1… in the order they appear in the text and each is
// cast to its type (`$1::int4`, `$2::text[]`, `$3::"public"."mood"`), so the server never infers
// one; a Cast is `x::type`. SQLite: parameters are `?1`… numbered the same way, never cast (a
// parameter's type is not printed: the translator casts where it matters), and a Cast is
// `CAST(x AS type)`. In both, every identifier goes through QuoteIdentifier; string literals
// (engine-chosen constants only) through QuoteLiteral.
//
//   Select{items [{Column{"t", "order"}}], from {Table{"public", "user"}, "t"},
//          where Binary{"=", Column{"t", "id"}, Parameter{"7", int4}}}
//   => {R"(SELECT "t"."order" FROM "public"."user" AS "t" WHERE "t"."id" = $1::int4)", {"7"}}
//      (kSqlite: `… WHERE "t"."id" = ?1`)

#include <string>
#include <string_view>

#include "backends/sql/statement.h"
#include "backends/sql/tree.h"

namespace junction::backends::sql {

enum class Dialect { kPostgres, kSqlite };

Statement Print(const Select& select, Dialect dialect = Dialect::kPostgres);

// `"name"`, with embedded double quotes doubled: the one place identifiers are quoted.
std::string QuoteIdentifier(std::string_view name);

// `'text'`, with embedded single quotes doubled (standard_conforming_strings, on by default).
std::string QuoteLiteral(std::string_view text);

}  // namespace junction::backends::sql
