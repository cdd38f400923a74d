#pragma once
// Translate for SQLite (DESIGN.md §2, §5: the database builds the JSON): one ir::RootField → one
// Statement returning one row with one column, the root field's JSON text built by SQLite
// (json_object, json_group_array), spliced into the response unparsed — the same contract and
// the same JSON as backends/postgres/translate.h, in SQLite's dialect (sql::Print with
// Dialect::kSqlite: `?n` parameters, CAST(… AS …)):
//
//   user(where: {id: {_in: [1, 2]}}, order_by: {name: asc}, limit: 2) { id orders { total } }
//   => SELECT json_group_array(json_object('id', "_t1"."id", 'orders', json((SELECT
//             json_group_array(json_object('total', "_t3"."total")) AS "__j" FROM (SELECT "_t3".*
//             FROM "main"."order" AS "_t3" WHERE "_t3"."user_id" = "_t1"."id") AS "_t3"))))
//      AS "root" FROM (SELECT "_t1".* FROM "main"."user" AS "_t1" WHERE "_t1"."id" IN (SELECT
//             "value" FROM json_each(?1) AS "_e2") ORDER BY "_t1"."name" ASC NULLS LAST
//             LIMIT CAST(?2 AS INTEGER)) AS "_t1"
//      params {"[1,2]", "2"}
//
//   - relationships are correlated subqueries in the object of their parent row, wrapped in
//     json(…) (SQLite has no LATERAL, and a subquery's text would otherwise be quoted as a
//     string); they run only for the rows a level returns;
//   - each level filters, sorts, limits and offsets in a base subquery and aggregates its rows
//     in that order (json_group_array over an ordered subquery: SQLite 3.40 has no ORDER BY
//     inside an aggregate call, and keeps a FROM subquery's ORDER BY under such an aggregate);
//     json_group_array answers `[]` over no rows; OFFSET without a limit is `LIMIT -1 OFFSET`;
//   - distinct_on keeps the first row per key with row_number() OVER (PARTITION BY …);
//   - `_in` is `IN (SELECT value FROM json_each(?n))` with one JSON array parameter;
//   - booleans (stored 0/1) are written true/false; integer parameters are CAST(?n AS INTEGER),
//     real ones CAST(?n AS REAL), booleans bound as 1/0; every parameter is bound as text;
//   - `_like` is like(pattern, x, '\') — case-sensitive as in Postgres (the pool sets PRAGMA
//     case_sensitive_like) with Postgres's backslash escape; `_ilike` compares lower(…) (ASCII
//     case folding); regular expressions and SIMILAR TO call functions.h; stddev and variance
//     call its aggregates; the jsonb operators are not-supported;
//   - count over several columns counts their tuple as Postgres's count(("a", "b")) does:
//     count([DISTINCT] json_array("a", "b")) (every row; with DISTINCT, distinct tuples);
//   - an object of more than 63 fields (json_object takes at most 127 arguments) is json_set
//     of the first 63 with the rest appended, 63 per call.
//
// Text sorts by SQLite's BINARY collation (byte order), not a Postgres collation.
// Every value is a parameter; identifiers are quoted by the sql printer only.

#include <string>
#include <string_view>
#include <vector>

#include "backends/sql/statement.h"
#include "common/result.h"
#include "ir/ir.h"

namespace junction::backends::sqlite {

// Errors (unexpected / not-supported): IR SQLite cannot express.
Result<sql::Statement> Translate(const ir::RootField& field);

// The statement of a remote join to a SQLite table (DESIGN.md §4; the contract of
// backends/postgres/translate.h TranslateRemoteJoin): one execution slot, 0, holding every
// distinct key as one JSON array parameter — `[[argument id, key value 1, …], …]`, the key
// values in the order of the relationship's mapping (sql::KeysJson builds it) — read with
// json_each. It answers one row of one column: a JSON array of `[argument id, value]`, one per
// argument — for each key tuple the value its relationship field would have, as a correlated
// subquery (SQLite joins by nested loops, so this is the plan it would pick, through the target's
// index; an array's limit, offset and distinct_on and aggregates are per argument as they must be).
// An object relationship without a row answers null, an array `[]`, an aggregate its empty value.
//
//   orders → user (object, user_id → id) { name }
//   => SELECT coalesce(json_group_array(json_array("_k1"."value" ->> 0, json((SELECT
//             json_object('name', "_t2"."name") AS "__j" FROM (SELECT "_t2".* FROM "main"."user"
//             AS "_t2" WHERE "_t2"."id" = ("_k1"."value" ->> 1) LIMIT 1) AS "_t2")))), '[]')
//      AS "root" FROM json_each(?1) AS "_k1"
Result<sql::Statement> TranslateRemoteJoin(const ir::Field& field);

}  // namespace junction::backends::sqlite
