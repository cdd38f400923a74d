// Translate and TranslateRemoteJoin for BigQuery (translate.h): golden tests of relationships
// (object, array, nested, co-located), aggregates, permissions, global_select_limit and remote
// joins, on translate_test_support.h's model; each test asserts the exact SQL text, the parameters
// with their types, and the RowShape.

#include "backends/bigquery/translate_test_support.h"

namespace junction::backends::bigquery {
namespace {

TEST_F(TranslateTest, ObjectRelationship) {
  ExpectStatement(
      TranslateField(article_, Kind::kSelect,
                     Field("source_article", {},
                           {Field("title"), Field("author", {}, {Field("name"), Field("id")})})),
      "SELECT `t1`.`title` AS `c0`, `o2`.`v` AS `c1` FROM `source`.`article` AS `t1` LEFT OUTER "
      "JOIN (SELECT `t3`.`id` AS `k0`, ANY_VALUE(STRUCT(`t3`.`name` AS `c0`, `t3`.`id` AS `c1`)) "
      "AS `v` FROM `source`.`author` AS `t3` GROUP BY `t3`.`id`) AS `o2` ON (`o2`.`k0` = "
      "`t1`.`author_id`) LIMIT @p1",
      {Int64Param(1000)}, "kRows [title, author{name, id}]");
}

// An array relationship with where, order, limit and offset: the offset numbers each parent's
// rows in a stage, the limit is ARRAY_AGG's.
TEST_F(TranslateTest, ArrayRelationshipOrderLimitOffset) {
  ExpectStatement(
      TranslateField(author_, Kind::kSelect,
                     Field("source_author", {},
                           {Field("articles",
                                  {{"where", {{"rating", {{"_gt", 2}}}}},
                                   {"order_by", {{"id", "asc"}}},
                                   {"limit", 2},
                                   {"offset", 1}},
                                  {Field("title")})})),
      "SELECT `a2`.`v` AS `c0` FROM `source`.`author` AS `t1` LEFT OUTER JOIN (SELECT `r4`.`k0` "
      "AS `k0`, ARRAY_AGG(STRUCT(`r4`.`c0` AS `c0`) ORDER BY `r4`.`s0` ASC LIMIT @p3) AS `v` FROM "
      "(SELECT `t3`.`author_id` AS `k0`, `t3`.`id` AS `s0`, `t3`.`title` AS `c0`, ROW_NUMBER() "
      "OVER (PARTITION BY `t3`.`author_id` ORDER BY `t3`.`id` ASC) AS `n` FROM "
      "`source`.`article` AS `t3` WHERE `t3`.`rating` > @p1) AS `r4` WHERE `r4`.`n` > @p2 GROUP "
      "BY `r4`.`k0`) AS `a2` ON (`a2`.`k0` = `t1`.`id`) LIMIT @p4",
      {R"({"type":"NUMERIC"} 2)", Int64Param(1), Int64Param(2), Int64Param(1000)},
      "kRows [articles[{title}]]");
  // distinct_on and an offset: two stages, the offset counting the distinct rows.
  ExpectStatement(
      TranslateField(
          author_, Kind::kSelect,
          Field("source_author", {},
                {Field("articles",
                       {{"distinct_on", {"title"}},
                        {"order_by", Json::parse(R"([{"title": "asc"}, {"id": "asc"}])")},
                        {"offset", 1}},
                       {Field("id")})})),
      "SELECT `a2`.`v` AS `c0` FROM `source`.`author` AS `t1` LEFT OUTER JOIN (SELECT `r5`.`k0` "
      "AS `k0`, ARRAY_AGG(STRUCT(`r5`.`c0` AS `c0`) ORDER BY (`r5`.`s0` IS NULL) ASC, `r5`.`s0` "
      "ASC, `r5`.`s1` ASC LIMIT @p2) AS `v` FROM (SELECT `r4`.`k0` AS `k0`, `r4`.`s0` AS `s0`, "
      "`r4`.`s1` AS `s1`, `r4`.`c0` AS `c0`, ROW_NUMBER() OVER (PARTITION BY `r4`.`k0` ORDER BY "
      "(`r4`.`s0` IS NULL) ASC, `r4`.`s0` ASC, `r4`.`s1` ASC) AS `n` FROM (SELECT "
      "`t3`.`author_id` AS `k0`, `t3`.`title` AS `s0`, `t3`.`id` AS `s1`, `t3`.`id` AS `c0`, "
      "ROW_NUMBER() OVER (PARTITION BY `t3`.`author_id`, `t3`.`title` ORDER BY (`t3`.`title` IS "
      "NULL) ASC, `t3`.`title` ASC, `t3`.`id` ASC) AS `n` FROM `source`.`article` AS `t3`) AS "
      "`r4` WHERE `r4`.`n` = 1) AS `r5` WHERE `r5`.`n` > @p1 GROUP BY `r5`.`k0`) AS `a2` ON "
      "(`a2`.`k0` = `t1`.`id`) LIMIT @p3",
      {Int64Param(1), Int64Param(1000), Int64Param(1000)}, "kRows [articles[{id}]]");
}

// Relationships two levels deep: each level's joins inside its parent's grouped subquery;
// comment's global_select_limit (5) caps the user's 10.
TEST_F(TranslateTest, NestedRelationships) {
  ExpectStatement(
      TranslateField(
          author_, Kind::kSelect,
          Field("source_author", {},
                {Field("articles", {},
                       {Field("title"), Field("comments", {{"limit", 10}}, {Field("body")}),
                        Field("author", {}, {Field("country", {}, {Field("name")})})})})),
      "SELECT `a2`.`v` AS `c0` FROM `source`.`author` AS `t1` LEFT OUTER JOIN (SELECT "
      "`t3`.`author_id` AS `k0`, ARRAY_AGG(STRUCT(`t3`.`title` AS `c0`, `a4`.`v` AS `c1`, "
      "`o6`.`v` AS `c2`) LIMIT @p2) AS `v` FROM `source`.`article` AS `t3` LEFT OUTER JOIN "
      "(SELECT `t5`.`article_id` AS `k0`, ARRAY_AGG(STRUCT(`t5`.`body` AS `c0`) LIMIT @p1) AS `v` "
      "FROM `source`.`comment` AS `t5` GROUP BY `t5`.`article_id`) AS `a4` ON (`a4`.`k0` = "
      "`t3`.`id`) LEFT OUTER JOIN (SELECT `t7`.`id` AS `k0`, ANY_VALUE(STRUCT(`o8`.`v` AS `c0`)) "
      "AS `v` FROM `source`.`author` AS `t7` LEFT OUTER JOIN (SELECT `t9`.`id` AS `k0`, "
      "ANY_VALUE(STRUCT(`t9`.`name` AS `c0`)) AS `v` FROM `source`.`country` AS `t9` GROUP BY "
      "`t9`.`id`) AS `o8` ON (`o8`.`k0` = `t7`.`country_id`) GROUP BY `t7`.`id`) AS `o6` ON "
      "(`o6`.`k0` = `t3`.`author_id`) GROUP BY `t3`.`author_id`) AS `a2` ON (`a2`.`k0` = "
      "`t1`.`id`) LIMIT @p3",
      {Int64Param(5), Int64Param(1000), Int64Param(1000)},
      "kRows [articles[{title, comments[{body}], author{country{name}}}]]");
}

// A root aggregate: one row of STRUCTs; counts are numbers; nodes an ARRAY_AGG capped by the
// global limit, with their own relationships.
TEST_F(TranslateTest, RootAggregate) {
  ExpectStatement(
      TranslateField(
          article_, Kind::kSelectAggregate,
          Field("source_article_aggregate",
                {{"where", {{"id", {{"_gt", 1}}}}}, {"order_by", {{"id", "desc"}}}},
                {Field("aggregate", {},
                       {Field("count"),
                        Aliased("authors",
                                Field("count", {{"columns", {"author_id"}}, {"distinct", true}})),
                        Aliased("pairs", Field("count", {{"columns", {"author_id", "title"}}})),
                        Field("sum", {}, {Field("rating")}),
                        Field("avg", {}, {Field("rating"), Field("__typename")}),
                        Field("max", {}, {Field("title")}),
                        Field("stddev_pop", {}, {Field("rating")}), Field("__typename")}),
                 Field("nodes", {}, {Field("id"), Field("author", {}, {Field("name")})}),
                 Field("__typename")})),
      "SELECT STRUCT(COUNT(*) AS `c0`, COUNT(DISTINCT `t1`.`author_id`) AS `c1`, "
      "COUNT(STRUCT(`t1`.`author_id`, `t1`.`title`)) AS `c2`, STRUCT(SUM(`t1`.`rating`) AS `c0`) "
      "AS `c3`, STRUCT(AVG(`t1`.`rating`) AS `c0`) AS `c4`, STRUCT(MAX(`t1`.`title`) AS `c0`) AS "
      "`c5`, STRUCT(STDDEV_POP(`t1`.`rating`) AS `c0`) AS `c6`) AS `c0`, "
      "ARRAY_AGG(STRUCT(`t1`.`id` AS `c0`, `o2`.`v` AS `c1`) ORDER BY `t1`.`id` DESC LIMIT @p2) "
      "AS `c1` FROM `source`.`article` AS `t1` LEFT OUTER JOIN (SELECT `t3`.`id` AS `k0`, "
      "ANY_VALUE(STRUCT(`t3`.`name` AS `c0`)) AS `v` FROM `source`.`author` AS `t3` GROUP BY "
      "`t3`.`id`) AS `o2` ON (`o2`.`k0` = `t1`.`author_id`) WHERE `t1`.`id` > @p1",
      {Int64Param(1), Int64Param(1000)},
      "kFirstRow [aggregate{count#, authors#, pairs#, sum{rating}, avg{rating, "
      "__typename=\"source_article_avg_fields\"}, max{title}, stddev_pop{rating}, "
      "__typename=\"source_article_aggregate_fields\"}, nodes[{id, author{name}}], "
      "__typename=\"source_article_aggregate\"]");
  // limit and offset apply before aggregating (as in Hasura): a numbering stage.
  ExpectStatement(
      TranslateField(
          article_, Kind::kSelectAggregate,
          Field("source_article_aggregate",
                {{"order_by", {{"id", "asc"}}}, {"limit", 2}, {"offset", 1}},
                {Field("aggregate", {}, {Field("count")}), Field("nodes", {}, {Field("id")})})),
      "SELECT STRUCT(COUNT(*) AS `c0`) AS `c0`, ARRAY_AGG(STRUCT(`r2`.`c0` AS `c0`) ORDER BY "
      "`r2`.`s0` ASC LIMIT @p3) AS `c1` FROM (SELECT `t1`.`id` AS `s0`, `t1`.`id` AS `c0`, "
      "ROW_NUMBER() OVER (ORDER BY `t1`.`id` ASC) AS `n` FROM `source`.`article` AS `t1`) AS "
      "`r2` WHERE `r2`.`n` > @p1 AND `r2`.`n` <= @p2",
      {Int64Param(1), Int64Param(3), Int64Param(2)}, "kFirstRow [aggregate{count#}, nodes[{id}]]");
  // Without any column: COUNT(*) keeps the one row.
  ExpectStatement(TranslateField(article_, Kind::kSelectAggregate,
                                 Field("source_article_aggregate", {}, {Field("__typename")})),
                  "SELECT COUNT(*) AS `c0` FROM `source`.`article` AS `t1`", {},
                  R"(kFirstRow [__typename="source_article_aggregate"])");
}

// A DISTINCT count of several columns counts their tuples' JSON texts: BigQuery cannot count
// STRUCTs DISTINCT. One column BigQuery cannot group is refused.
TEST_F(TranslateTest, DistinctCountOfSeveralColumns) {
  ExpectStatement(
      TranslateField(
          article_, Kind::kSelectAggregate,
          Field("source_article_aggregate", {},
                {Field("aggregate", {},
                       {Aliased("pairs", Field("count", {{"columns", {"author_id", "title"}},
                                                         {"distinct", true}}))})})),
      "SELECT STRUCT(COUNT(DISTINCT TO_JSON_STRING(STRUCT(`t1`.`author_id` AS `c0`, `t1`.`title` "
      "AS `c1`))) AS `c0`) AS `c0` FROM `source`.`article` AS `t1`",
      {}, "kFirstRow [aggregate{pairs#}]");
  auto statement = TranslateField(
      author_, Kind::kSelectAggregate,
      Field("source_author_aggregate", {},
            {Field("aggregate", {},
                   {Field("count", {{"columns", {"profile"}}, {"distinct", true}})})}));
  ASSERT_FALSE(statement) << statement->text;
  EXPECT_EQ(statement.error().code, ErrorCode::kNotSupported);
  EXPECT_EQ(statement.error().message,
            "counting the distinct values of the JSON column profile is not supported on "
            "BigQuery, which cannot group them");
}

// `<rel>_aggregate`: the grouped subquery answers each aggregate as a column; the parent builds
// the STRUCT, a count IFNULL'd to 0 for a parent without rows.
TEST_F(TranslateTest, RelationshipAggregate) {
  ExpectStatement(
      TranslateField(
          author_, Kind::kSelect,
          Field("source_author", {},
                {Field("id"), Field("articles_aggregate", {{"where", {{"rating", {{"_lt", 3}}}}}},
                                    {Field("aggregate", {},
                                           {Field("count"), Field("max", {}, {Field("rating")})}),
                                     Field("nodes", {}, {Field("title")}), Field("__typename")})})),
      "SELECT `t1`.`id` AS `c0`, STRUCT(STRUCT(IFNULL(`g2`.`v0`, 0) AS `c0`, STRUCT(`g2`.`v1` AS "
      "`c0`) AS `c1`) AS `c0`, `g2`.`v2` AS `c1`) AS `c1` FROM `source`.`author` AS `t1` LEFT "
      "OUTER JOIN (SELECT `t3`.`author_id` AS `k0`, COUNT(*) AS `v0`, MAX(`t3`.`rating`) AS `v1`, "
      "ARRAY_AGG(STRUCT(`t3`.`title` AS `c0`) LIMIT @p2) AS `v2` FROM `source`.`article` AS `t3` "
      "WHERE `t3`.`rating` < @p1 GROUP BY `t3`.`author_id`) AS `g2` ON (`g2`.`k0` = `t1`.`id`) "
      "LIMIT @p3",
      {R"({"type":"NUMERIC"} 3)", Int64Param(1000), Int64Param(1000)},
      "kRows [id, articles_aggregate{aggregate{count#, max{rating}}, nodes[{title}], "
      "__typename=\"source_article_aggregate\"}]");
  // A limit counts each parent's rows in a numbering stage.
  ExpectStatement(
      TranslateField(
          author_, Kind::kSelect,
          Field("source_author", {},
                {Field("articles_aggregate", {{"order_by", {{"id", "asc"}}}, {"limit", 2}},
                       {Field("aggregate", {}, {Field("count")})})})),
      "SELECT STRUCT(STRUCT(IFNULL(`g2`.`v0`, 0) AS `c0`) AS `c0`) AS `c0` FROM "
      "`source`.`author` AS `t1` LEFT OUTER JOIN (SELECT `r4`.`k0` AS `k0`, COUNT(*) AS `v0` FROM "
      "(SELECT `t3`.`author_id` AS `k0`, `t3`.`id` AS `s0`, ROW_NUMBER() OVER (PARTITION BY "
      "`t3`.`author_id` ORDER BY `t3`.`id` ASC) AS `n` FROM `source`.`article` AS `t3`) AS `r4` "
      "WHERE `r4`.`n` <= @p1 GROUP BY `r4`.`k0`) AS `g2` ON (`g2`.`k0` = `t1`.`id`) LIMIT @p2",
      {Int64Param(2), Int64Param(1000)}, "kRows [articles_aggregate{aggregate{count#}}]");
}

// A role's model: the permission filter is in every WHERE reading the table, the permission's
// limit combines with the user's and the global one by their minimum.
TEST_F(TranslateTest, PermissionFilterAndLimit) {
  schema::Table& article = model_.sources["bq"].tables[{"source", "article"}];
  auto permission = std::make_shared<schema::SelectPermission>();
  permission->filter = schema::PermissionExp{schema::PermissionCompare{
      &article.columns[1], "_eq", "X-Hasura-User-Id", schema::Backend::kBigQuery}};
  permission->limit = 2;
  permission->allow_aggregations = true;
  article.permission = permission;
  schema::Session session;
  session.role = "user";
  session.variables["x-hasura-user-id"] = "7";
  ExpectStatement(
      TranslateField(article_, Kind::kSelect,
                     Field("source_article", {{"where", {{"title", {{"_eq", "x"}}}}}, {"limit", 5}},
                           {Field("id")}),
                     session),
      "SELECT `t1`.`id` AS `c0` FROM `source`.`article` AS `t1` WHERE `t1`.`author_id` = @p1 AND "
      "`t1`.`title` = @p2 LIMIT @p3",
      {Int64Param(7), R"({"type":"STRING"} x)", Int64Param(2)}, "kRows [id]");
  ExpectStatement(
      TranslateField(
          author_, Kind::kSelect,
          Field("source_author", {}, {Field("articles", {{"limit", 10}}, {Field("id")})}), session),
      "SELECT `a2`.`v` AS `c0` FROM `source`.`author` AS `t1` LEFT OUTER JOIN (SELECT "
      "`t3`.`author_id` AS `k0`, ARRAY_AGG(STRUCT(`t3`.`id` AS `c0`) LIMIT @p2) AS `v` FROM "
      "`source`.`article` AS `t3` WHERE `t3`.`author_id` = @p1 GROUP BY `t3`.`author_id`) AS "
      "`a2` ON (`a2`.`k0` = `t1`.`id`) LIMIT @p3",
      {Int64Param(7), Int64Param(2), Int64Param(1000)}, "kRows [articles[{id}]]");
  // The permission's limit caps an aggregate's nodes, not the rows it aggregates.
  ExpectStatement(
      TranslateField(
          article_, Kind::kSelectAggregate,
          Field("source_article_aggregate", {},
                {Field("aggregate", {}, {Field("count")}), Field("nodes", {}, {Field("id")})}),
          session),
      "SELECT STRUCT(COUNT(*) AS `c0`) AS `c0`, ARRAY_AGG(STRUCT(`t1`.`id` AS `c0`) LIMIT @p2) AS "
      "`c1` FROM `source`.`article` AS `t1` WHERE `t1`.`author_id` = @p1",
      {Int64Param(7), Int64Param(2)}, "kFirstRow [aggregate{count#}, nodes[{id}]]");
}

// global_select_limit combines with the user's limit by their minimum.
TEST_F(TranslateTest, GlobalSelectLimit) {
  for (const auto& [asked, expected] :
       std::vector<std::pair<Json, int64_t>>{{Json(), 5}, {Json(10), 5}, {Json(3), 3}}) {
    Json args = Json::object();
    if (!asked.is_null()) args["limit"] = asked;
    ExpectStatement(
        TranslateField(comment_, Kind::kSelect, Field("source_comment", args, {Field("id")})),
        "SELECT `t1`.`id` AS `c0` FROM `source`.`comment` AS `t1` LIMIT @p1",
        {Int64Param(expected)}, "kRows [id]");
  }
  // Not an aggregate's rows: only its nodes.
  ExpectStatement(
      TranslateField(
          comment_, Kind::kSelectAggregate,
          Field("source_comment_aggregate", {{"limit", 10}},
                {Field("aggregate", {}, {Field("count")}), Field("nodes", {}, {Field("id")})})),
      "SELECT STRUCT(COUNT(*) AS `c0`) AS `c0`, ARRAY_AGG(STRUCT(`r2`.`c0` AS `c0`) LIMIT @p2) AS "
      "`c1` FROM (SELECT `t1`.`id` AS `c0`, ROW_NUMBER() OVER () AS `n` FROM `source`.`comment` "
      "AS `t1`) AS `r2` WHERE `r2`.`n` <= @p1",
      {Int64Param(10), Int64Param(5)}, "kFirstRow [aggregate{count#}, nodes[{id}]]");
}

// A co-located relationship (declared remote between two BigQuery sources in one location) is
// joined in the query, the target in its own dataset.
TEST_F(TranslateTest, CoLocatedRelationship) {
  ExpectStatement(
      TranslateField(article_, Kind::kSelect,
                     Field("source_article", {},
                           {Field("id"), Field("reviews", {{"order_by", {{"stars", "desc"}}}},
                                               {Field("stars"), Field("__typename")})})),
      "SELECT `t1`.`id` AS `c0`, `a2`.`v` AS `c1` FROM `source`.`article` AS `t1` LEFT OUTER JOIN "
      "(SELECT `t3`.`article_id` AS `k0`, ARRAY_AGG(STRUCT(`t3`.`stars` AS `c0`) ORDER BY "
      "(`t3`.`stars` IS NULL) DESC, `t3`.`stars` DESC LIMIT @p1) AS `v` FROM `other`.`review` AS "
      "`t3` GROUP BY `t3`.`article_id`) AS `a2` ON (`a2`.`k0` = `t1`.`id`) LIMIT @p2",
      {Int64Param(1000), Int64Param(1000)},
      R"(kRows [id, reviews[{stars, __typename="other_review"}]])");
}

// __typename is a constant; an object of constants only still has a (padding) column; a remote
// join cut out of the query is a constant null in its place, its join key an ordinary column.
TEST_F(TranslateTest, TypenameAndJoinPlaceholder) {
  ExpectStatement(
      TranslateField(article_, Kind::kSelect,
                     Field("source_article", {}, {Field("author", {}, {Field("__typename")})})),
      "SELECT `o2`.`v` AS `c0` FROM `source`.`article` AS `t1` LEFT OUTER JOIN (SELECT `t3`.`id` "
      "AS `k0`, ANY_VALUE(STRUCT(TRUE AS `c0`)) AS `v` FROM `source`.`author` AS `t3` GROUP BY "
      "`t3`.`id`) AS `o2` ON (`o2`.`k0` = `t1`.`author_id`) LIMIT @p1",
      {Int64Param(1000)}, R"(kRows [author{__typename="source_author"}])");
  ExpectStatement(
      TranslateField(article_, Kind::kSelect, Field("source_article", {}, {Field("__typename")})),
      "SELECT TRUE AS `c0` FROM `source`.`article` AS `t1` LIMIT @p1", {Int64Param(1000)},
      R"(kRows [__typename="source_article"])");

  auto root =
      ir::BuildRootField({article_, Kind::kSelect}, Field("source_article", {}, {Field("id")}));
  ASSERT_TRUE(root) << root.error().message;
  root->select.fields.push_back(ir::Field{"writer", ir::JoinPlaceholder{}});
  root->select.fields.push_back(
      ir::Field{"__join_key_author_id", ir::ColumnField{article_->FindColumnByName("author_id")}});
  ExpectStatement(Translate(*root),
                  "SELECT `t1`.`id` AS `c0`, `t1`.`author_id` AS `c1` FROM `source`.`article` AS "
                  "`t1` LIMIT @p1",
                  {Int64Param(1000)}, "kRows [id, writer=null, __join_key_author_id]");
}

// ---- remote joins (TranslateRemoteJoin) -------------------------------------------------------

const std::string kKeysType = R"({"type":"ARRAY","arrayType":{"type":"STRUCT","structTypes":[)"
                              R"({"name":"__argument_id__","type":{"type":"INT64"}},)"
                              R"({"name":"k0","type":{"type":"INT64"}}]}})";

// To an object: one row per argument, the object or a NULL STRUCT.
TEST_F(TranslateTest, RemoteObjectJoin) {
  auto statement =
      TranslateJoin(article_, Field("writer", {}, {Field("name"), Field("__typename")}));
  ExpectStatement(
      statement,
      "SELECT `k`.`__argument_id__` AS `c0`, `o1`.`v` AS `c1` FROM UNNEST(@p1) AS `k` LEFT OUTER "
      "JOIN (SELECT `t2`.`id` AS `k0`, ANY_VALUE(STRUCT(`t2`.`name` AS `c0`)) AS `v` FROM "
      "`source`.`author` AS `t2` GROUP BY `t2`.`id`) AS `o1` ON (`o1`.`k0` = `k`.`k0`)",
      {kKeysType + " NULL"}, R"(kArguments [writer{name, __typename="source_author"}])");
  ASSERT_TRUE(statement);
  EXPECT_EQ(statement->execution_parameters, (std::vector<size_t>{0}));
  EXPECT_FALSE(statement->params[0].has_value());
}

// To an array, limit and offset per argument.
TEST_F(TranslateTest, RemoteArrayJoin) {
  ExpectStatement(
      TranslateJoin(author_,
                    Field("posts", {{"order_by", {{"id", "asc"}}}, {"limit", 2}, {"offset", 1}},
                          {Field("id")})),
      "SELECT `k`.`__argument_id__` AS `c0`, `a1`.`v` AS `c1` FROM UNNEST(@p1) AS `k` LEFT OUTER "
      "JOIN (SELECT `r3`.`k0` AS `k0`, ARRAY_AGG(STRUCT(`r3`.`c0` AS `c0`) ORDER BY `r3`.`s0` ASC "
      "LIMIT @p3) AS `v` FROM (SELECT `t2`.`author_id` AS `k0`, `t2`.`id` AS `s0`, `t2`.`id` AS "
      "`c0`, ROW_NUMBER() OVER (PARTITION BY `t2`.`author_id` ORDER BY `t2`.`id` ASC) AS `n` FROM "
      "`source`.`article` AS `t2`) AS `r3` WHERE `r3`.`n` > @p2 GROUP BY `r3`.`k0`) AS `a1` ON "
      "(`a1`.`k0` = `k`.`k0`)",
      {kKeysType + " NULL", Int64Param(1), Int64Param(2)}, "kArguments [posts[{id}]]");
}

// To an aggregate: an unmatched argument reads count 0 (IFNULL), its other aggregates null and
// its nodes [].
TEST_F(TranslateTest, RemoteAggregateJoin) {
  ExpectStatement(
      TranslateJoin(author_, Field("posts_aggregate", {},
                                   {Field("aggregate", {},
                                          {Field("count"), Field("sum", {}, {Field("rating")})}),
                                    Field("nodes", {}, {Field("id")})})),
      "SELECT `k`.`__argument_id__` AS `c0`, STRUCT(STRUCT(IFNULL(`g1`.`v0`, 0) AS `c0`, "
      "STRUCT(`g1`.`v1` AS `c0`) AS `c1`) AS `c0`, `g1`.`v2` AS `c1`) AS `c1` FROM UNNEST(@p1) AS "
      "`k` LEFT OUTER JOIN (SELECT `t2`.`author_id` AS `k0`, COUNT(*) AS `v0`, "
      "SUM(`t2`.`rating`) AS `v1`, ARRAY_AGG(STRUCT(`t2`.`id` AS `c0`) LIMIT @p2) AS `v2` FROM "
      "`source`.`article` AS `t2` GROUP BY `t2`.`author_id`) AS `g1` ON (`g1`.`k0` = `k`.`k0`)",
      {kKeysType + " NULL", Int64Param(1000)},
      "kArguments [posts_aggregate{aggregate{count#, sum{rating}}, nodes[{id}]}]");
}

// Several join columns: the key STRUCT's fields in the mapping's order, typed as the target's.
TEST_F(TranslateTest, RemoteJoinMultiColumnMapping) {
  ExpectStatement(
      TranslateJoin(article_, Field("by_title", {}, {Field("id")})),
      "SELECT `k`.`__argument_id__` AS `c0`, `o1`.`v` AS `c1` FROM UNNEST(@p1) AS `k` LEFT OUTER "
      "JOIN (SELECT `t2`.`author_id` AS `k0`, `t2`.`title` AS `k1`, ANY_VALUE(STRUCT(`t2`.`id` AS "
      "`c0`)) AS `v` FROM `source`.`article` AS `t2` GROUP BY `t2`.`author_id`, `t2`.`title`) AS "
      "`o1` ON (`o1`.`k0` = `k`.`k0` AND `o1`.`k1` = `k`.`k1`)",
      {R"({"type":"ARRAY","arrayType":{"type":"STRUCT","structTypes":[)"
       R"({"name":"__argument_id__","type":{"type":"INT64"}},)"
       R"({"name":"k0","type":{"type":"INT64"}},)"
       R"({"name":"k1","type":{"type":"STRING"}}]}} NULL)"},
      "kArguments [by_title{id}]");
}

}  // namespace
}  // namespace junction::backends::bigquery
