#pragma once
// Translate for Postgres (DESIGN.md §2 and §5, "the database builds the JSON"): one ir::RootField
// → one Statement that returns one row with one column, the root field's response value as JSON
// text, built by Postgres (json_build_object with the aliases as keys in query order, json_agg in
// order_by order). The engine splices those bytes into the response unparsed.
//
//   user(where: {id: {_in: [1, 2]}}, order_by: {name: asc}, limit: 2) { id orders { total } }
//   => SELECT coalesce(json_agg(json_build_object('id', "_t1"."id", 'orders', "_r3"."__j")
//             ORDER BY "_t1"."name" ASC NULLS LAST), '[]'::json) AS "root"
//      FROM (SELECT "_t1".* FROM "public"."user" AS "_t1" WHERE "_t1"."id" = ANY($1::int4[])
//            ORDER BY "_t1"."name" ASC NULLS LAST LIMIT $2::int8) AS "_t1"
//      LEFT JOIN LATERAL (SELECT coalesce(json_agg(json_build_object('total', "_t2"."total")),
//             '[]'::json) AS "__j" FROM (SELECT "_t2".* FROM "public"."order" AS "_t2"
//             WHERE "_t2"."user_id" = "_t1"."id") AS "_t2") AS "_r3" ON TRUE
//      params {"{\"1\",\"2\"}", "2"}
//
// Shapes: kSelect answers a JSON array (`[]` when no row), kSelectByPk the object or JSON `null`
// (never SQL NULL), kSelectAggregate an object. Every level filters, sorts and limits its rows
// in a base subquery (`"_tN".*` plus the computed sort keys `__o<i>`) before relationships are
// joined to it LATERAL, so nested fields are computed only for the rows returned. limit/offset
// apply before aggregates, as in Hasura. Relationship predicates are EXISTS subqueries; sorting
// through object relationships and by array-relationship aggregates uses correlated subqueries.
//
// An object of more than 50 fields (json_build_object takes at most 100 arguments) is built with
// row_to_json over a row whose column aliases are the keys.
//
// Values are parameters cast to the column's type (`$1::int4`, `= ANY($2::text[])`, `@>
// $3::jsonb`); identifiers are quoted by the sql printer only.

#include "backends/sql/statement.h"
#include "common/result.h"
#include "ir/ir.h"

namespace junction::backends::postgres {

// Errors (unexpected / not-supported): IR the SQL cannot express (an unknown aggregate function,
// _in on an array column).
Result<sql::Statement> Translate(const ir::RootField& field);

}  // namespace junction::backends::postgres
