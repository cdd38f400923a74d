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

#include <string>
#include <string_view>
#include <vector>

#include "backends/sql/statement.h"
#include "common/result.h"
#include "ir/ir.h"

namespace junction::backends::postgres {

// Errors (unexpected / not-supported): IR the SQL cannot express (an unknown aggregate function,
// _in on an array column).
Result<sql::Statement> Translate(const ir::RootField& field);

// The name of the argument id column in a remote join's statement (below).
inline constexpr std::string_view kArgumentId = "__argument_id__";

// The statement of a remote join (DESIGN.md §4): `field`, an ObjectRelation, ArrayRelation or
// ArrayAggregate on a remote relationship, for many parents at once. It takes the parents'
// distinct keys at execution as arrays (Statement::execution_parameters): slot 0 the argument
// ids (int8[]), slot 1 + i the values compared with the target's column of the mapping's pair i
// (an array of that column's type; KeyArrayText builds one). It answers one row of one column: a
// JSON array of `[argument id, value]`, one per argument that has a value — the related object,
// the array of related rows, the aggregate object. An argument without a related row may be left
// out (the set-based plans below leave it out; the per-parent ones answer `[]` and the aggregate
// over no rows): the executor reads a missing one as null or `[]`.
//
//   orders → user (object, user_id → id) { name }
//   => SELECT coalesce(json_agg(json_build_array("_t2"."__argument_id__",
//             json_build_object('name', "_t2"."name"))), '[]'::json) AS "root"
//      FROM (SELECT DISTINCT ON ("_k1"."__argument_id__") "_t2".*, "_k1"."__argument_id__"
//            FROM "public"."users" AS "_t2",
//                 unnest($1::int8[], $2::int4[]) AS "_k1"("__argument_id__", "user_id")
//            WHERE "_t2"."id" = "_k1"."user_id" AND "_t2"."id" = ANY($2::int4[])
//            ORDER BY "_k1"."__argument_id__" ASC NULLS LAST) AS "_t2"
//
// Set-based, unlike Hasura's LATERAL subquery per key: the keys are joined to the target once,
// and the target's rows are also filtered by `= ANY(<keys>)`, so the planner can fetch just those
// rows through an index (a bitmap scan) and hash-join them; an array's rows are grouped by
// argument. Where the user's arguments are per parent — an array's limit, offset or distinct_on,
// and aggregates — each key's rows are a LATERAL subquery, as an index serves those best.
// Errors: not-supported for a join on a column of an array type.
Result<sql::Statement> TranslateRemoteJoin(const ir::Field& field);

// The text of the array parameter holding the keys compared with the target's column
// `compared_with`, from their JSON (as a database wrote it): strings decoded, numbers and
// booleans as written — unless the column is json or jsonb, whose elements are the JSON texts
// themselves. Errors: unexpected, for a string that is not valid JSON.
//   {"7", "\"Ann\"", "true"} → {"7","Ann","true"}        (jsonb: {"7","\"Ann\"","true"})
Result<std::string> KeyArrayText(const std::vector<std::string_view>& json_values,
                                 const schema::Column& compared_with);

}  // namespace junction::backends::postgres
