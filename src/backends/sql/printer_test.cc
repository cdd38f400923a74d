#include "backends/sql/printer.h"

#include <gtest/gtest.h>

namespace junction::backends::sql {
namespace {

Expression Param(std::optional<std::string> value, TypeName type) {
  return Expression{Parameter{std::move(value), std::move(type)}};
}

Select SelectFrom(std::string schema, std::string name, std::string alias) {
  Select select;
  select.from = FromItem{Table{std::move(schema), std::move(name)}, std::move(alias)};
  return select;
}

TEST(QuoteIdentifierTest, QuotesReservedWordsAndDoublesQuotes) {
  EXPECT_EQ(QuoteIdentifier("order"), "\"order\"");
  EXPECT_EQ(QuoteIdentifier("we\"ird name"), "\"we\"\"ird name\"");
  EXPECT_EQ(QuoteIdentifier(""), "\"\"");
}

TEST(QuoteLiteralTest, DoublesSingleQuotes) { EXPECT_EQ(QuoteLiteral("it's"), "'it''s'"); }

// Values become numbered parameters cast to their type, in text order.
TEST(PrintTest, ParametersAreNumberedAndCast) {
  Select select = SelectFrom("public", "user", "t");
  select.items.push_back({MakeColumn("t", "order"), ""});
  select.where = Expression{Conjunction{true, {}}};
  auto& operands = std::get<Conjunction>(select.where->node).operands;
  operands.push_back(MakeBinary("=", MakeColumn("t", "id"), Param("7", {"", "int4"})));
  operands.push_back(MakeBinary("=", MakeColumn("t", "id"),
                                MakeCall("ANY", Param("{1,2}", {"pg_catalog", "int4", 1}))));
  operands.push_back(MakeBinary("=", MakeColumn("t", "mood"), Param("ok", {"public", "Mood"})));
  operands.push_back(MakeBinary("=", MakeColumn("t", "c"), Param(std::nullopt, {"", "char"})));
  const Statement statement = Print(select);
  EXPECT_EQ(statement.text,
            R"(SELECT "t"."order" FROM "public"."user" AS "t" WHERE "t"."id" = $1::int4 AND )"
            R"("t"."id" = ANY($2::int4[]) AND "t"."mood" = $3::"public"."Mood" AND )"
            R"("t"."c" = $4::"char")");
  ASSERT_EQ(statement.params.size(), 4u);
  EXPECT_EQ(statement.params[0], "7");
  EXPECT_EQ(statement.params[1], "{1,2}");
  EXPECT_EQ(statement.params[2], "ok");
  EXPECT_EQ(statement.params[3], std::nullopt);
}

// Nested conjunctions, NOT and IS NULL are parenthesized so precedence never changes meaning.
TEST(PrintTest, BooleanStructureIsParenthesized) {
  Select select = SelectFrom("s", "t", "a");
  select.items.push_back({Expression{Keyword{"1"}}, ""});
  Conjunction either{false, {}};
  either.operands.push_back(MakeBinary("~*", MakeColumn("a", "x"), Param("^a", {"", "text"})));
  either.operands.push_back(Expression{IsNull{Box(Column{"a", "y"}), true}});
  Conjunction both{true, {}};
  both.operands.push_back(Expression{std::move(either)});
  both.operands.push_back(Expression{Not{Box(Conjunction{false, {}})}});
  both.operands.push_back(Expression{Conjunction{true, {}}});
  select.where = Expression{std::move(both)};
  EXPECT_EQ(Print(select).text,
            R"(SELECT 1 FROM "s"."t" AS "a" WHERE ("a"."x" ~* $1::text OR "a"."y" IS NOT NULL))"
            R"( AND NOT (FALSE) AND TRUE)");
}

// The JSON shape Translate relies on: aggregate with ORDER BY, lateral joins, subqueries, DISTINCT
// ON, LIMIT/OFFSET as parameters.
TEST(PrintTest, PrintsEveryClause) {
  auto inner = std::make_unique<Select>(SelectFrom("public", "order", "o"));
  inner->distinct_on.push_back(MakeColumn("o", "user_id"));
  inner->items.push_back(
      {MakeCall("json_build_object", StringLiteral{"id"}, MakeColumn("o", "id")), "j"});
  inner->order_by.push_back({Box(Column{"o", "user_id"}), true, true});
  inner->limit = Param("10", {"", "int8"});
  inner->offset = Param("5", {"", "int8"});
  Select lateral;
  lateral.items.push_back({MakeCall("count", Keyword{"*"}), "n"});
  lateral.from = FromItem{Table{"public", "item"}, "i"};
  Select outer;
  outer.from = FromItem{std::move(inner), "s"};
  outer.left_lateral_joins.push_back(FromItem{std::make_unique<Select>(std::move(lateral)), "l"});
  Expression agg = MakeCall("json_agg", MakeColumn("s", "j"));
  std::get<Call>(agg.node).order_by.push_back({Box(Column{"s", "k"}), false, false});
  outer.items.push_back(
      {MakeCall("coalesce", std::move(agg), Cast{Box(StringLiteral{"[]"}), {"", "json"}}), "root"});
  Select exists_select = SelectFrom("public", "x", "x");
  exists_select.items.push_back({Expression{Keyword{"1"}}, ""});
  outer.where = Expression{Exists{std::make_unique<Select>(std::move(exists_select))}};
  const Statement statement = Print(outer);
  EXPECT_EQ(statement.text,
            R"(SELECT coalesce(json_agg("s"."j" ORDER BY "s"."k" ASC NULLS LAST), '[]'::json) )"
            R"(AS "root" FROM (SELECT DISTINCT ON ("o"."user_id") json_build_object('id', )"
            R"("o"."id") AS "j" FROM "public"."order" AS "o" ORDER BY "o"."user_id" DESC NULLS )"
            R"(FIRST LIMIT $1::int8 OFFSET $2::int8) AS "s" LEFT JOIN LATERAL (SELECT count(*) )"
            R"(AS "n" FROM "public"."item" AS "i") AS "l" ON TRUE WHERE EXISTS (SELECT 1 FROM )"
            R"("public"."x" AS "x"))");
  EXPECT_EQ(statement.params.size(), 2u);
}

// Record sets with and without column types, cross joined; GROUP BY; the parameters the executor
// supplies keep their place among the others, and a slot used twice is one parameter.
TEST(PrintTest, RecordSetCrossJoinGroupByAndExecutionSlots) {
  Select select = SelectFrom("public", "user", "t");
  select.items.push_back({MakeColumn("k", "a"), ""});
  select.items.push_back({MakeCall("count", Keyword{"*"}), ""});
  auto slot = [](size_t number, TypeName type) {
    return Expression{Parameter{std::nullopt, std::move(type), number}};
  };
  select.cross_joins.push_back(FromItem{
      RecordSet{Box(MakeCall("unnest", slot(0, {"", "int8", 1}), slot(1, {"", "int4", 1}))),
                {{"a", std::nullopt}, {"user id", std::nullopt}}},
      "k"});
  select.cross_joins.push_back(
      FromItem{RecordSet{Box(MakeCall("jsonb_to_recordset", Param("[]", {"", "jsonb"}))),
                         {{"x", TypeName{"", "text"}}}},
               "j"});
  select.where = MakeBinary("=", MakeColumn("t", "id"), MakeColumn("k", "user id"));
  select.where =
      MakeBinary("AND", std::move(*select.where),
                 MakeBinary("=", MakeColumn("t", "id"), MakeCall("ANY", slot(1, {"", "int4", 1}))));
  select.group_by.push_back(MakeColumn("k", "a"));
  const Statement statement = Print(select);
  EXPECT_EQ(statement.text, R"(SELECT "k"."a", count(*) FROM "public"."user" AS "t", )"
                            R"(unnest($1::int8[], $2::int4[]) AS "k"("a", "user id"), )"
                            R"(jsonb_to_recordset($3::jsonb) AS "j"("x" text) )"
                            R"(WHERE ("t"."id" = "k"."user id") AND ("t"."id" = ANY($2::int4[])) )"
                            R"(GROUP BY "k"."a")");
  ASSERT_EQ(statement.params.size(), 3u);
  EXPECT_EQ(statement.execution_parameters, (std::vector<size_t>{0, 1}));
  EXPECT_EQ(statement.params[2], "[]");
}

// SQLite: `?n` numbered like `$n` (one number per execution slot), no parameter types, CAST(…),
// a record set without a column list.
TEST(PrintTest, SqliteParametersCastsAndRecordSets) {
  Select select = SelectFrom("main", "user", "t");
  select.items.push_back({MakeColumn("k", "value"), ""});
  auto slot = [](size_t number) {
    return Expression{Parameter{std::nullopt, {"", "text"}, number}};
  };
  select.cross_joins.push_back(FromItem{RecordSet{Box(MakeCall("json_each", slot(0))), {}}, "k"});
  Conjunction where{true, {}};
  where.operands.push_back(
      MakeBinary("=", MakeColumn("t", "id"),
                 Expression{Cast{Box(Parameter{"7", {"", "int4"}}), {"", "INTEGER"}}}));
  where.operands.push_back(MakeBinary("=", MakeColumn("t", "name"), Param("Ann", {"", "text"})));
  where.operands.push_back(
      MakeBinary(">", MakeColumn("t", "n"), MakeCall("json_array_length", slot(0))));
  select.where = Expression{std::move(where)};
  select.limit = Expression{Cast{Box(Parameter{"2", {"", "int8"}}), {"", "INTEGER"}}};
  const Statement statement = Print(select, Dialect::kSqlite);
  EXPECT_EQ(statement.text,
            R"(SELECT "k"."value" FROM "main"."user" AS "t", json_each(?1) AS "k" WHERE )"
            R"("t"."id" = CAST(?2 AS INTEGER) AND "t"."name" = ?3 AND "t"."n" > )"
            R"(json_array_length(?1) LIMIT CAST(?4 AS INTEGER))");
  EXPECT_EQ(statement.params,
            (std::vector<std::optional<std::string>>{std::nullopt, "7", "Ann", "2"}));
  EXPECT_EQ(statement.execution_parameters, (std::vector<size_t>{0}));
}

// CASE and window functions print the same in both dialects.
TEST(PrintTest, CaseAndWindowCall) {
  Select select = SelectFrom("s", "t", "a");
  Case flag;
  flag.whens.push_back({Box(Column{"a", "b"}), Box(StringLiteral{"true"})});
  flag.whens.push_back({Box(Not{Box(Column{"a", "b"})}), Box(StringLiteral{"false"})});
  select.items.push_back({MakeCall("json", std::move(flag)), "f"});
  Case with_else;
  with_else.whens.push_back({Box(IsNull{Box(Column{"a", "c"})}), Box(Keyword{"0"})});
  with_else.otherwise = Box(Column{"a", "c"});
  select.items.push_back({Expression{std::move(with_else)}, ""});
  WindowCall window{Box(MakeCall("row_number")), {}, {}};
  window.partition_by.push_back(MakeColumn("a", "k"));
  window.order_by.push_back({Box(Column{"a", "o"}), true, true});
  select.items.push_back({Expression{std::move(window)}, "n"});
  select.items.push_back({Expression{WindowCall{Box(MakeCall("rank")), {}, {}}}, ""});
  const std::string expected =
      R"(SELECT json(CASE WHEN "a"."b" THEN 'true' WHEN NOT ("a"."b") THEN 'false' END) AS "f", )"
      R"(CASE WHEN "a"."c" IS NULL THEN 0 ELSE "a"."c" END, row_number() OVER (PARTITION BY )"
      R"("a"."k" ORDER BY "a"."o" DESC NULLS FIRST) AS "n", rank() OVER () FROM "s"."t" AS "a")";
  EXPECT_EQ(Print(select).text, expected);
  EXPECT_EQ(Print(select, Dialect::kSqlite).text, expected);
}

}  // namespace
}  // namespace junction::backends::sql
