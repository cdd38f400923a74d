#pragma once
// Translate for BigQuery (BIGQUERY.md §2–§4; Hasura's BigQuery backend, FromIr.hs / ToQuery.hs):
// one ir::RootField → one Statement in BigQuery's dialect whose rows the engine decodes (decode.h)
// with the statement's RowShape — BigQuery returns rows, not JSON, so the shape, not the database,
// names the keys. Result columns are named positionally (`c0`, `c1`, …; join keys `k0`, …; sort
// keys `s0`, …), so no client alias ever becomes an identifier.
//
//   authors(where: {name: {_like: "A%"}}, order_by: {id: asc}, limit: 2) {
//     id  country { name }  articles(order_by: {id: desc}) { title } }
//   => SELECT `t1`.`id` AS `c0`, `o2`.`v` AS `c1`, `a4`.`v` AS `c2`
//      FROM `source`.`author` AS `t1`
//      LEFT OUTER JOIN (SELECT `t3`.`id` AS `k0`, ANY_VALUE(STRUCT(`t3`.`name` AS `c0`)) AS `v`
//                       FROM `source`.`country` AS `t3` GROUP BY `t3`.`id`) AS `o2`
//        ON (`o2`.`k0` = `t1`.`country_id`)
//      LEFT OUTER JOIN (SELECT `t5`.`author_id` AS `k0`,
//                              ARRAY_AGG(STRUCT(`t5`.`title` AS `c0`)
//                                        ORDER BY `t5`.`id` DESC LIMIT @p2) AS `v`
//                       FROM `source`.`article` AS `t5` GROUP BY `t5`.`author_id`) AS `a4`
//        ON (`a4`.`k0` = `t1`.`id`)
//      WHERE `t1`.`name` LIKE @p1
//      ORDER BY `t1`.`id` ASC NULLS LAST
//      LIMIT @p3
//   params @p1 STRING "A%", @p2 INT64 "1000" (global_select_limit), @p3 INT64 "2";
//   shape kRows [id, country{name}, articles[{title}]]   (article.id is REQUIRED: no nulls key)
//
// The dialect, and the closed subset of it the test double (tests/bigquery) translates:
//   - identifiers in backticks through QuoteIdentifier only; tables `dataset`.`table` (resolved
//     in the job's project); names holding a backtick, a backslash or a control character are
//     refused (Hasura concatenates them blindly); aliases `t<n>` (tables), `o<n>`, `a<n>`, `g<n>`
//     (object, array, aggregate relationships), `j<n>` (sort keys), `r<n>` (ranking stages), `k`
//     (remote join keys);
//   - every value a named parameter `@p<n>` typed by Statement::param_types (INT64, FLOAT64,
//     NUMERIC, BIGNUMERIC, BOOL, STRING, BYTES, DATE, DATETIME, TIME, TIMESTAMP, GEOGRAPHY, JSON,
//     and ARRAY<…> of them for _in / _nin: `x IN UNNEST(@p3)`, `NOT (x IN UNNEST(@p3))`), limits
//     and offsets included; the only literals are the engine's own: TRUE, FALSE (an empty AND /
//     OR), 0, 1, '(?i)' and 9223372036854775807;
//   - object relationships: a LEFT OUTER JOIN of the target grouped by its join columns with
//     ANY_VALUE(STRUCT(…)) (at most one row per key, so a parent row is never repeated), so an
//     unmatched one is a NULL STRUCT — null, never an object of nulls;
//   - array relationships: Hasura's LEFT OUTER JOIN of the target grouped by its join columns with
//     ARRAY_AGG(STRUCT(…) ORDER BY … LIMIT @p) (BigQuery has no LATERAL; an unmatched parent's
//     NULL array decodes as []);
//   - ranking stages, each a subquery projecting the columns the next reads (`c<i>` values,
//     `s<i>` sort keys, `k<i>` join keys) plus ROW_NUMBER() OVER ([PARTITION BY …] [ORDER BY …])
//     AS `n`, filtered by the next: distinct_on partitions by the join columns and the distinct
//     columns and keeps `n` = 1; an array's offset partitions by the join columns and keeps
//     `n` > @p; an aggregate's offset and limit keep `n` > @p AND `n` <= @p (offset + limit);
//     distinct_on with an offset is two nested stages;
//   - ORDER BY inside ARRAY_AGG and OVER cannot say NULLS FIRST/LAST: a key whose nulls must go
//     against BigQuery's default (first for ASC, last for DESC) is preceded by `(x IS NULL)`
//     ASC/DESC (not for a REQUIRED column); the outer ORDER BY says NULLS FIRST/LAST explicitly;
//   - sort keys through relationships: a LEFT OUTER JOIN per key of (SELECT join columns AS `k0`,
//     ANY_VALUE(x) AS `v` … GROUP BY …) along object relationships, and of (SELECT …, COUNT(*) |
//     SUM(x) | … AS `v` … GROUP BY …) for an array relationship's aggregate, a count read as
//     IFNULL(`j<n>`.`v`, 0); each applies the role's filter on the table it reads;
//   - `global_select_limit` (schema::Table) caps the root select, every ARRAY_AGG and nodes,
//     combined by minimum with the permission's limit and the user's (Hasura's rule), never an
//     aggregate's rows; OFFSET without a limit is `LIMIT 9223372036854775807 OFFSET @p`;
//   - aggregates: COUNT(*), COUNT([DISTINCT] x), COUNT([DISTINCT] STRUCT(x, y)) (several columns
//     count their tuple, as Postgres does), SUM, AVG, MIN, MAX, STDDEV, STDDEV_POP, STDDEV_SAMP,
//     VARIANCE, VAR_POP, VAR_SAMP; at the root, one row (RowShape::kFirstRow):
//     SELECT STRUCT(COUNT(*) AS `c0`, STRUCT(SUM(x) AS `c0`, …) AS `c1`) AS `c0`, ARRAY_AGG(…)
//     AS `c1` (nodes) FROM …; below a relationship, the grouped subquery answers each aggregate
//     as a column `v<i>` and the parent builds the STRUCT, a count as IFNULL(`g<n>`.`v0`, 0) so
//     that a parent without rows (or an unmatched remote-join argument) reads count 0;
//   - an object all of whose fields are constants (`__typename` only) still has one column, the
//     padding `TRUE AS `c0`` (BigQuery has no empty STRUCT; a root aggregate's is COUNT(*)),
//     which the shape does not read (row_shape.h);
//   - where: comparisons (=, <>, <, <=, >, >=), IS NULL / IS NOT NULL, AND / OR / NOT (…),
//     EXISTS (SELECT 1 FROM target AS `t<n>` WHERE correlation AND …) for relationships and
//     `_exists`; _like/_nlike LIKE, _ilike/_nilike LOWER(x) LIKE LOWER(@p),
//     _regex/_nregex REGEXP_CONTAINS(x, @p), _iregex REGEXP_CONTAINS(x, CONCAT('(?i)', @p));
//     _similar, the JSON operators and comparisons of JSON, GEOGRAPHY, STRUCT or ARRAY columns
//     (but _is_null) are not-supported; by_pk root fields are not-supported (no primary keys);
//   - a relationship between two BigQuery sources resolved as co-located
//     (schema::Relationship::co_located) is a local relationship: the same joins, the target in
//     its own dataset.
//
// Every value is a parameter; identifiers are quoted by QuoteIdentifier only.

#include <string>
#include <string_view>

#include "backends/bigquery/identifier.h"  // QuoteIdentifier
#include "backends/sql/statement.h"
#include "common/result.h"
#include "ir/ir.h"

namespace junction::backends::bigquery {

// Errors: not-supported for IR BigQuery cannot express; validation-failed for refused names.
Result<sql::Statement> Translate(const ir::RootField& field);

// The statement of a remote join to a BigQuery table (DESIGN.md §4): one execution slot, 0,
// holding every distinct key as one ARRAY<STRUCT<`__argument_id__` INT64, `k0` T0, …>>
// parameter, the key values in the order of the relationship's mapping, each typed as the target
// column it is compared with (its value: sql::KeysJson, which Pool turns into structValues). One
// job per hop; the executor splits key sets larger than the target's global_select_limit into
// several statements, never truncating them (Hasura's LIMIT drops keys past it).
//
//   SELECT `k`.`__argument_id__` AS `c0`, `a1`.`v` AS `c1`
//   FROM UNNEST(@p1) AS `k`
//   LEFT OUTER JOIN (…the relationship's grouped subquery, as above…) AS `a1`
//     ON (`a1`.`k0` = `k`.`k0`)
//   (an aggregate: `c1` is the STRUCT built from the `g1`.`v<i>` columns, counts IFNULL'd)
//
// It answers RowShape::kArguments: one row per argument, [argument id, value]; an unmatched
// object's value is null, an array's [], an aggregate's its empty value (count 0).
Result<sql::Statement> TranslateRemoteJoin(const ir::Field& field);

}  // namespace junction::backends::bigquery
