#pragma once
// The SQL functions Junction registers on every SQLite connection, so that SQLite sources offer
// what Postgres sources do (the GraphQL schema is the same for both):
//
//   junction_regex(value, pattern, case_insensitive)  POSIX extended regular expressions
//        (regcomp/regexec, REG_EXTENDED | REG_NOSUB [| REG_ICASE]): _regex, _iregex, …
//   junction_similar(value, pattern)                  SQL's SIMILAR TO (the whole value must
//        match; `_` and `%` wildcards, `|` `*` `+` `?` `{m,n}` `()` `[]` as in Postgres; `.`,
//        `^`, `$` literal): _similar, _nsimilar
//   junction_stddev_samp(x), junction_stddev_pop(x), junction_var_samp(x), junction_var_pop(x)
//        aggregates (Welford's algorithm; NULLs ignored; NULL when too few values, as Postgres)
//
//   junction_number(x)  x for a JSON object: a REAL as the shortest text that reads back as the
//        same double, with JSON's subtype (SQLite's JSON writer keeps 15 digits only); other
//        values unchanged
//
// Each returns NULL when an argument is NULL. A malformed pattern is an SQL error whose message
// starts "invalid regular expression" (pool.h maps it to data-exception). Compiled patterns are
// cached per statement (sqlite3_set_auxdata).

#include <sqlite3.h>

namespace junction::backends::sqlite {

// Returns an SQLite result code (SQLITE_OK on success).
int RegisterFunctions(sqlite3* db);

}  // namespace junction::backends::sqlite
