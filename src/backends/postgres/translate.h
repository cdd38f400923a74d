#pragma once
// Translate for Postgres (DESIGN.md §2 and §5, "the database builds the JSON"): one ir::RootField
// → one Statement that returns one row with one column, the root field's response value as JSON
// text, built by Postgres (each row's object with row_to_json over a row whose column aliases are
// the keys, in query order; json_agg in order_by order). The engine splices those bytes into the
// response unparsed.
//
//   user(where: {id: {_in: [1, 2]}}, order_by: {name: asc}, limit: 2) { id orders { total } }
//   => SELECT coalesce(json_agg(row_to_json("_e5".*) ORDER BY "_t1"."name" ASC NULLS LAST),
//             '[]'::json) AS "root"
//      FROM (SELECT "_t1".* FROM "public"."user" AS "_t1" WHERE "_t1"."id" = ANY($1::int4[])
//            ORDER BY "_t1"."name" ASC NULLS LAST LIMIT $2::int8) AS "_t1"
//      LEFT JOIN LATERAL (SELECT coalesce(json_agg(row_to_json("_e3".*)), '[]'::json) AS "__j"
//             FROM (SELECT "_t2".* FROM "public"."order" AS "_t2"
//                   WHERE "_t2"."user_id" = "_t1"."id") AS "_t2"
//             LEFT JOIN LATERAL (SELECT "_t2"."total" AS "total") AS "_e3" ON TRUE) AS "_r4" ON
//             TRUE
//      LEFT JOIN LATERAL (SELECT "_t1"."id" AS "id", "_r4"."__j" AS "orders") AS "_e5" ON TRUE
//      params {"{\"1\",\"2\"}", "2"}
//
// Shapes: kSelect answers a JSON array (`[]` when no row), kSelectByPk the object or JSON `null`
// (never SQL NULL), kSelectAggregate an object. Every level filters, sorts and limits its rows
// in a base subquery (`"_tN".*` plus the computed sort keys `__o<i>`) before relationships are
// joined to it LATERAL, so nested fields are computed only for the rows returned. limit/offset
// apply before aggregates, as in Hasura. Relationship predicates are EXISTS subqueries; sorting
// through object relationships and by array-relationship aggregates uses correlated subqueries.
//
// A row's object is `row_to_json("_eN".*)` of a lateral row without FROM, which Postgres flattens
// into the level: it costs about two thirds of json_build_object's per-call type lookups
// (bench/PROFILE.md). Its keys are column aliases, so an object with a key longer than 63 bytes
// (NAMEDATALEN) is built with json_build_object instead, as are aggregate objects; beyond 50
// pairs (json_build_object takes at most 100 arguments) such an object is refused.
//
// Values are parameters cast to the column's type (`$1::int4`, `= ANY($2::text[])`, `@>
// $3::jsonb`); identifiers are quoted by the sql printer only.

#include <optional>
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
//   order_lines → item (object, (order_id, sku) → (order_id, sku)) { label }
//   => SELECT coalesce(json_agg(json_build_array("_t2"."__argument_id__",
//             row_to_json("_e3".*))), '[]'::json) AS "root"
//      FROM (SELECT DISTINCT ON ("_k1"."__argument_id__") "_t2".*, "_k1"."__argument_id__"
//            FROM "public"."item" AS "_t2", unnest($1::int8[], $2::int4[], $3::text[])
//                 AS "_k1"("__argument_id__", "order_id", "sku")
//            WHERE ("_t2"."order_id" = "_k1"."order_id" AND "_t2"."sku" = "_k1"."sku")
//              AND "_t2"."order_id" = ANY($2::int4[]) AND "_t2"."sku" = ANY($3::text[])
//            ORDER BY "_k1"."__argument_id__" ASC NULLS LAST) AS "_t2"
//      LEFT JOIN LATERAL (SELECT "_t2"."label" AS "label") AS "_e3" ON TRUE
//
// Set-based, unlike Hasura's LATERAL subquery per key: the keys are joined to the target once,
// and the target's rows are also filtered by `= ANY(<keys>)`, so the planner can fetch just those
// rows through an index (a bitmap scan) and hash-join them; an array's rows are grouped by
// argument. Where the user's arguments are per parent — an array's limit, offset or distinct_on,
// and aggregates — each key's rows are a LATERAL subquery, as an index serves those best.
// An object relationship on one column of an integer, text or uuid type takes the keys alone
// (KeyedJoinColumn, below). Errors: not-supported for a join on a column of an array type.
Result<sql::Statement> TranslateRemoteJoin(const ir::Field& field);

// An object relationship to a Postgres table on one column whose values compare equal exactly
// when Postgres writes the same text for them (int2, int4, int8, text, varchar, uuid): its
// statement takes only the distinct keys, slot 0 (an array of the column's type), and answers
// one JSON object keyed by the text of each key the target has, {"<key>": <object>, …}, read by
// JoinKeyText. The target's rows are then read with `column = ANY($1)` alone, about half the
// database time of the form above (bench/PROFILE.md). nullptr for every other field.
//
//   orders → user (object, user_id → id) { name }
//   => SELECT coalesce(json_object_agg("_t1"."id", row_to_json("_e2".*)), '{}'::json) AS "root"
//      FROM (SELECT "_t1".* FROM "public"."users" AS "_t1" WHERE "_t1"."id" = ANY($1::int4[]))
//           AS "_t1" LEFT JOIN LATERAL (SELECT "_t1"."name" AS "name") AS "_e2" ON TRUE
const schema::Column* KeyedJoinColumn(const ir::Field& field);

// The key in a keyed answer (KeyedJoinColumn) for a parent's key value, given as JSON: the text
// Postgres writes for the value it reads from that JSON into `column` (`"007"` → `7`, an upper
// case uuid in lower case). nullopt when the column reads no such value.
std::optional<std::string> JoinKeyText(std::string_view json_value, const schema::Column& column);

// The text of the array parameter holding the keys compared with the target's column
// `compared_with`, from their JSON (as a database wrote it): strings decoded, numbers and
// booleans as written — unless the column is json or jsonb, whose elements are the JSON texts
// themselves. Errors: unexpected, for a string that is not valid JSON.
//   {"7", "\"Ann\"", "true"} → {"7","Ann","true"}        (jsonb: {"7","\"Ann\"","true"})
Result<std::string> KeyArrayText(const std::vector<std::string_view>& json_values,
                                 const schema::Column& compared_with);

}  // namespace junction::backends::postgres
