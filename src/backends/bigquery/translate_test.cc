// Translate for BigQuery (translate.h): golden tests of root fields — lists, where, order_by,
// limits, distinct_on and what BigQuery cannot do. IR built from normalized fields of a hand-made
// SourceModel of BigQuery tables (translate_test_support.h); each test asserts the exact SQL text,
// the parameters with their types, and the RowShape. (The SQL runs against the test double in the
// end-to-end tests: no BigQuery here.) Relationships, aggregates and remote joins:
// translate_relationships_test.cc.

#include "backends/bigquery/translate_test_support.h"

namespace junction::backends::bigquery {
namespace {

// A plain list: the columns positionally, __typename a constant, global_select_limit its limit.
TEST_F(TranslateTest, PlainList) {
  ExpectStatement(
      TranslateField(author_, Kind::kSelect,
                     Field("source_author", {},
                           {Field("id"), Aliased("who", Field("name")), Field("__typename")})),
      "SELECT `t1`.`id` AS `c0`, `t1`.`name` AS `c1` FROM `source`.`author` AS `t1` LIMIT @p1",
      {Int64Param(1000)}, R"(kRows [id, who, __typename="source_author"])");
}

// Each operator family: the WHERE it makes and its typed parameters.
TEST_F(TranslateTest, WhereOperators) {
  struct Case {
    const char* where;
    std::string condition;  // empty: no WHERE
    std::vector<std::string> params;
  };
  const std::string string_type = R"({"type":"STRING"})";
  const std::vector<Case> cases = {
      {R"({"id": {"_eq": 2}})", "`t1`.`id` = @p1", {Int64Param(2)}},
      {R"({"id": {"_neq": 2}})", "`t1`.`id` <> @p1", {Int64Param(2)}},
      {R"({"name": {"_gt": "Ann"}})", "`t1`.`name` > @p1", {string_type + " Ann"}},
      {R"({"score": {"_lte": 2.5}})", "`t1`.`score` <= @p1", {R"({"type":"FLOAT64"} 2.5)"}},
      {R"({"active": {"_eq": true}})", "`t1`.`active` = @p1", {R"({"type":"BOOL"} true)"}},
      {R"({"born": {"_lt": "2000-01-01"}})",
       "`t1`.`born` < @p1",
       {R"({"type":"DATE"} 2000-01-01)"}},
      {R"({"id": {"_gte": 25, "_lt": 30}})",
       "`t1`.`id` >= @p1 AND `t1`.`id` < @p2",
       {Int64Param(25), Int64Param(30)}},
      {R"({"id": {"_in": [1, 2]}})",
       "`t1`.`id` IN UNNEST(@p1)",
       {R"({"type":"ARRAY","arrayType":{"type":"INT64"}} [1,2])"}},
      {R"({"id": {"_in": []}})",
       "`t1`.`id` IN UNNEST(@p1)",
       {R"({"type":"ARRAY","arrayType":{"type":"INT64"}} [])"}},
      {R"({"name": {"_nin": ["Ann", "Bob"]}})",
       "NOT (`t1`.`name` IN UNNEST(@p1))",
       {R"({"type":"ARRAY","arrayType":{"type":"STRING"}} ["Ann","Bob"])"}},
      {R"({"score": {"_is_null": true}})", "`t1`.`score` IS NULL", {}},
      {R"({"score": {"_is_null": false}})", "`t1`.`score` IS NOT NULL", {}},
      {R"({"profile": {"_is_null": true}})", "`t1`.`profile` IS NULL", {}},
      {R"({"name": {"_like": "A%"}})", "`t1`.`name` LIKE @p1", {string_type + " A%"}},
      {R"({"name": {"_nlike": "A%"}})", "NOT (`t1`.`name` LIKE @p1)", {string_type + " A%"}},
      {R"({"name": {"_ilike": "a%"}})",
       "LOWER(`t1`.`name`) LIKE LOWER(@p1)",
       {string_type + " a%"}},
      {R"({"name": {"_nilike": "a%"}})",
       "NOT (LOWER(`t1`.`name`) LIKE LOWER(@p1))",
       {string_type + " a%"}},
      {R"({"name": {"_regex": "^B"}})", "REGEXP_CONTAINS(`t1`.`name`, @p1)", {string_type + " ^B"}},
      {R"({"name": {"_nregex": "^B"}})",
       "NOT (REGEXP_CONTAINS(`t1`.`name`, @p1))",
       {string_type + " ^B"}},
      {R"({"name": {"_iregex": "^b"}})",
       "REGEXP_CONTAINS(`t1`.`name`, CONCAT('(?i)', @p1))",
       {string_type + " ^b"}},
      {R"({"name": {"_niregex": "^b"}})",
       "NOT (REGEXP_CONTAINS(`t1`.`name`, CONCAT('(?i)', @p1)))",
       {string_type + " ^b"}},
      {R"({"_or": [{"id": {"_eq": 1}}, {"_and": [{"id": {"_gt": 5}}, {"id": {"_lt": 9}}]}]})",
       "(`t1`.`id` = @p1 OR (`t1`.`id` > @p2 AND `t1`.`id` < @p3))",
       {Int64Param(1), Int64Param(5), Int64Param(9)}},
      {R"({"_not": {"_or": [{"id": {"_eq": 1}}, {"id": {"_eq": 3}}]}})",
       "NOT (`t1`.`id` = @p1 OR `t1`.`id` = @p2)",
       {Int64Param(1), Int64Param(3)}},
      {R"({"_and": []})", "", {}},
      {R"({"_or": []})", "FALSE", {}},
      {R"({"_not": {"_and": []}})", "NOT (TRUE)", {}},
      // Relationships: EXISTS, correlated by the mapping, the target's conditions inside.
      {R"({"articles": {"title": {"_eq": "x"}, "rating": {"_gt": 1}}})",
       "EXISTS (SELECT 1 FROM `source`.`article` AS `t2` WHERE `t2`.`author_id` = `t1`.`id` AND "
       "`t2`.`title` = @p1 AND `t2`.`rating` > @p2)",
       {string_type + " x", R"({"type":"NUMERIC"} 1)"}},
      {R"({"country": {"name": {"_eq": "UK"}}})",
       "EXISTS (SELECT 1 FROM `source`.`country` AS `t2` WHERE `t2`.`id` = `t1`.`country_id` AND "
       "`t2`.`name` = @p1)",
       {string_type + " UK"}},
      {R"({"articles": {"comments": {"body": {"_like": "%!"}}}})",
       "EXISTS (SELECT 1 FROM `source`.`article` AS `t2` WHERE `t2`.`author_id` = `t1`.`id` AND "
       "EXISTS (SELECT 1 FROM `source`.`comment` AS `t3` WHERE `t3`.`article_id` = `t2`.`id` AND "
       "`t3`.`body` LIKE @p1))",
       {string_type + " %!"}},
      {R"({"_not": {"articles": {}}})",
       "NOT (EXISTS (SELECT 1 FROM `source`.`article` AS `t2` WHERE `t2`.`author_id` = "
       "`t1`.`id`))",
       {}},
  };
  for (const Case& test : cases) {
    const Json where = Json::parse(test.where);
    auto statement = TranslateField(author_, Kind::kSelect,
                                    Field("source_author", {{"where", where}}, {Field("id")}));
    std::vector<std::string> params = test.params;
    params.push_back(Int64Param(1000));
    ExpectStatement(statement,
                    "SELECT `t1`.`id` AS `c0` FROM `source`.`author` AS `t1`" +
                        (test.condition.empty() ? "" : " WHERE " + test.condition) + " LIMIT @p" +
                        std::to_string(params.size()),
                    params, "kRows [id]");
  }
}

// What BigQuery cannot do is refused, not sent.
TEST_F(TranslateTest, NotSupported) {
  const auto refused = [&](ir::BoolExp where) {
    auto root =
        ir::BuildRootField({author_, Kind::kSelect}, Field("source_author", {}, {Field("id")}));
    EXPECT_TRUE(root) << root.error().message;
    if (!root) return ErrorCode::kUnexpected;
    root->select.args.where = std::move(where);
    auto statement = Translate(*root);
    EXPECT_FALSE(statement) << statement->text;
    return statement ? ErrorCode::kUnexpected : statement.error().code;
  };
  const schema::Column* name = author_->FindColumn("name");
  const schema::Column* profile = author_->FindColumn("profile");
  const schema::Column* tags = author_->FindColumn("tags");
  EXPECT_EQ(refused({ir::Compare{name, ir::CompareOp::kSimilar, "A%"}}), ErrorCode::kNotSupported);
  EXPECT_EQ(refused({ir::Compare{name, ir::CompareOp::kNsimilar, "A%"}}), ErrorCode::kNotSupported);
  EXPECT_EQ(refused({ir::Compare{profile, ir::CompareOp::kHasKey, "k"}}), ErrorCode::kNotSupported);
  EXPECT_EQ(refused({ir::Compare{profile, ir::CompareOp::kContains, Json::object()}}),
            ErrorCode::kNotSupported);
  EXPECT_EQ(refused({ir::Compare{profile, ir::CompareOp::kEq, "{}"}}), ErrorCode::kNotSupported);
  EXPECT_EQ(refused({ir::Compare{tags, ir::CompareOp::kEq, Json::array({"a"})}}),
            ErrorCode::kNotSupported);

  // No primary keys, so no by_pk root fields.
  ir::RootField by_pk;
  by_pk.alias = "source_author_by_pk";
  by_pk.kind = ir::RootField::Kind::kSelectByPk;
  by_pk.select.table = author_;
  auto statement = Translate(by_pk);
  ASSERT_FALSE(statement);
  EXPECT_EQ(statement.error().code, ErrorCode::kNotSupported);

  // A remote relationship the plan did not cut out is our bug.
  statement = TranslateField(author_, Kind::kSelect,
                             Field("source_author", {}, {Field("posts", {}, {Field("id")})}));
  ASSERT_FALSE(statement);
  EXPECT_EQ(statement.error().code, ErrorCode::kUnexpected);
  // A field that is no relationship has no remote join.
  statement = TranslateRemoteJoin(ir::Field{"id", ir::ColumnField{author_->FindColumn("id")}});
  ASSERT_FALSE(statement);
  EXPECT_EQ(statement.error().code, ErrorCode::kUnexpected);
}

// A name QuoteIdentifier refuses fails the statement (validation-failed), whatever uses it.
TEST_F(TranslateTest, RefusedIdentifier) {
  schema::Table& comment = model_.sources["bq"].tables[{"source", "comment"}];
  comment.columns.push_back(Int64("odd`name"));
  auto statement = TranslateField(comment_, Kind::kSelect,
                                  Field("source_comment", {}, {Field("id"), Field("odd`name")}));
  ASSERT_FALSE(statement);
  EXPECT_EQ(statement.error().code, ErrorCode::kValidationFailed);
}

// The outer ORDER BY says NULLS FIRST/LAST; ARRAY_AGG's sorts by `x IS NULL` first where the
// nulls must go against BigQuery's default (not for REQUIRED columns).
TEST_F(TranslateTest, OrderBy) {
  ExpectStatement(
      TranslateField(
          author_, Kind::kSelect,
          Field("source_author", {{"order_by", Json::parse(R"([{"name": "asc"}, {"score": "desc"},
                                              {"born": "asc_nulls_first"},
                                              {"id": "desc_nulls_last"}])")}},
                {Field("id"), Field("articles", {{"order_by", Json::parse(R"([{"title": "asc"},
                                                                  {"rating": "desc"},
                                                                  {"author_id": "asc_nulls_first"},
                                                                  {"id": "desc"}])")}},
                                    {Field("id")})})),
      "SELECT `t1`.`id` AS `c0`, `a2`.`v` AS `c1` FROM `source`.`author` AS `t1` LEFT OUTER JOIN "
      "(SELECT `t3`.`author_id` AS `k0`, ARRAY_AGG(STRUCT(`t3`.`id` AS `c0`) ORDER BY "
      "(`t3`.`title` IS NULL) ASC, `t3`.`title` ASC, (`t3`.`rating` IS NULL) DESC, `t3`.`rating` "
      "DESC, `t3`.`author_id` ASC, `t3`.`id` DESC LIMIT @p1) AS `v` FROM `source`.`article` AS "
      "`t3` GROUP BY `t3`.`author_id`) AS `a2` ON (`a2`.`k0` = `t1`.`id`) ORDER BY `t1`.`name` ASC "
      "NULLS LAST, `t1`.`score` DESC NULLS FIRST, `t1`.`born` ASC NULLS FIRST, `t1`.`id` DESC "
      "NULLS LAST LIMIT @p2",
      {Int64Param(1000), Int64Param(1000)}, "kRows [id, articles[{id}]]");
}

// Sort keys through object relationships and aggregates of array relationships: a grouped LEFT
// OUTER JOIN each; a count is 0 for a row without related rows.
TEST_F(TranslateTest, OrderByThroughRelationships) {
  ExpectStatement(
      TranslateField(article_, Kind::kSelect,
                     Field("source_article", {{"order_by", Json::parse(R"([
                               {"author": {"name": "asc"}},
                               {"comments_aggregate": {"count": "desc"}},
                               {"author": {"country": {"name": "desc"}}},
                               {"author": {"articles_aggregate": {"max": {"rating": "asc"}}}}])")}},
                           {Field("id")})),
      "SELECT `t1`.`id` AS `c0` FROM `source`.`article` AS `t1` LEFT OUTER JOIN (SELECT "
      "`t3`.`id` AS `k0`, ANY_VALUE(`t3`.`name`) AS `v` FROM `source`.`author` AS `t3` GROUP BY "
      "`t3`.`id`) AS `j2` ON (`j2`.`k0` = `t1`.`author_id`) LEFT OUTER JOIN (SELECT "
      "`t5`.`article_id` AS `k0`, COUNT(*) AS `v` FROM `source`.`comment` AS `t5` GROUP BY "
      "`t5`.`article_id`) AS `j4` ON (`j4`.`k0` = `t1`.`id`) LEFT OUTER JOIN (SELECT `t7`.`id` AS "
      "`k0`, ANY_VALUE(`j8`.`v`) AS `v` FROM `source`.`author` AS `t7` LEFT OUTER JOIN (SELECT "
      "`t9`.`id` AS `k0`, ANY_VALUE(`t9`.`name`) AS `v` FROM `source`.`country` AS `t9` GROUP BY "
      "`t9`.`id`) AS `j8` ON (`j8`.`k0` = `t7`.`country_id`) GROUP BY `t7`.`id`) AS `j6` ON "
      "(`j6`.`k0` = `t1`.`author_id`) LEFT OUTER JOIN (SELECT `t11`.`id` AS `k0`, "
      "ANY_VALUE(`j12`.`v`) AS `v` FROM `source`.`author` AS `t11` LEFT OUTER JOIN (SELECT "
      "`t13`.`author_id` AS `k0`, MAX(`t13`.`rating`) AS `v` FROM `source`.`article` AS `t13` "
      "GROUP BY `t13`.`author_id`) AS `j12` ON (`j12`.`k0` = `t11`.`id`) GROUP BY `t11`.`id`) AS "
      "`j10` ON (`j10`.`k0` = `t1`.`author_id`) ORDER BY `j2`.`v` ASC NULLS LAST, "
      "IFNULL(`j4`.`v`, 0) DESC NULLS FIRST, `j6`.`v` DESC NULLS FIRST, `j10`.`v` ASC NULLS LAST "
      "LIMIT @p1",
      {Int64Param(1000)}, "kRows [id]");
}

TEST_F(TranslateTest, LimitAndOffset) {
  ExpectStatement(
      TranslateField(author_, Kind::kSelect,
                     Field("source_author", {{"limit", 5}, {"offset", 10}}, {Field("id")})),
      "SELECT `t1`.`id` AS `c0` FROM `source`.`author` AS `t1` LIMIT @p1 OFFSET @p2",
      {Int64Param(5), Int64Param(10)}, "kRows [id]");
  // An offset alone: the global limit still applies.
  ExpectStatement(TranslateField(author_, Kind::kSelect,
                                 Field("source_author", {{"offset", 10}}, {Field("id")})),
                  "SELECT `t1`.`id` AS `c0` FROM `source`.`author` AS `t1` LIMIT @p1 OFFSET @p2",
                  {Int64Param(1000), Int64Param(10)}, "kRows [id]");
  // Without any limit, OFFSET still needs a LIMIT.
  model_.sources["bq"].tables[{"source", "author"}].global_select_limit.reset();
  ExpectStatement(
      TranslateField(author_, Kind::kSelect,
                     Field("source_author", {{"offset", 10}}, {Field("id")})),
      "SELECT `t1`.`id` AS `c0` FROM `source`.`author` AS `t1` LIMIT 9223372036854775807 OFFSET "
      "@p1",
      {Int64Param(10)}, "kRows [id]");
  ExpectStatement(TranslateField(author_, Kind::kSelect, Field("source_author", {}, {Field("id")})),
                  "SELECT `t1`.`id` AS `c0` FROM `source`.`author` AS `t1`", {}, "kRows [id]");
}

// distinct_on at the root: a ranking stage keeps each key's first row; the outer select sorts
// and limits.
TEST_F(TranslateTest, DistinctOn) {
  ExpectStatement(
      TranslateField(author_, Kind::kSelect,
                     Field("source_author",
                           {{"distinct_on", {"name"}},
                            {"order_by", Json::parse(R"([{"name": "asc"}, {"id": "desc"}])")},
                            {"limit", 3}},
                           {Field("id")})),
      "SELECT `r2`.`c0` AS `c0` FROM (SELECT `t1`.`name` AS `s0`, `t1`.`id` AS `s1`, `t1`.`id` AS "
      "`c0`, ROW_NUMBER() OVER (PARTITION BY `t1`.`name` ORDER BY (`t1`.`name` IS NULL) ASC, "
      "`t1`.`name` ASC, `t1`.`id` DESC) AS `n` FROM `source`.`author` AS `t1`) AS `r2` WHERE "
      "`r2`.`n` = 1 ORDER BY `r2`.`s0` ASC NULLS LAST, `r2`.`s1` DESC NULLS FIRST LIMIT @p1",
      {Int64Param(3)}, "kRows [id]");
}

// BigQuery cannot PARTITION BY a FLOAT64: distinct_on one, or an offset below a relationship
// joining on one, is refused; grouping by it (a relationship without a window) is not.
TEST_F(TranslateTest, NoWindowPartitionedByFloat64) {
  auto statement = TranslateField(
      author_, Kind::kSelect,
      Field("source_author", {{"distinct_on", {"score"}}, {"order_by", {{"score", "asc"}}}},
            {Field("id")}));
  ASSERT_FALSE(statement) << statement->text;
  EXPECT_EQ(statement.error().code, ErrorCode::kNotSupported);
  EXPECT_EQ(statement.error().message,
            "distinct_on the FLOAT64 column score is not supported on BigQuery, which cannot "
            "partition by it");

  schema::Table& author = model_.sources["bq"].tables[{"source", "author"}];
  author.relationships.push_back(
      MakeRelationship("same_score", RelationshipKind::kArray, author, {{"score", "score"}}));
  statement = TranslateField(
      author_, Kind::kSelect,
      Field("source_author", {}, {Field("same_score", {{"offset", 1}}, {Field("id")})}));
  ASSERT_FALSE(statement) << statement->text;
  EXPECT_EQ(statement.error().code, ErrorCode::kNotSupported);
  EXPECT_EQ(statement.error().message,
            "distinct_on, an offset or an aggregate's limit on the relationship same_score, "
            "joining on the FLOAT64 column score, is not supported on BigQuery, which cannot "
            "partition by it");
  ExpectStatement(
      TranslateField(author_, Kind::kSelect,
                     Field("source_author", {}, {Field("same_score", {}, {Field("id")})})),
      "SELECT `a2`.`v` AS `c0` FROM `source`.`author` AS `t1` LEFT OUTER JOIN (SELECT "
      "`t3`.`score` AS `k0`, ARRAY_AGG(STRUCT(`t3`.`id` AS `c0`) LIMIT @p1) AS `v` FROM "
      "`source`.`author` AS `t3` GROUP BY `t3`.`score`) AS `a2` ON (`a2`.`k0` = `t1`.`score`) "
      "LIMIT @p2",
      {Int64Param(1000), Int64Param(1000)}, "kRows [same_score[{id}]]");
}

// A relationship joining on a column BigQuery cannot compare or group (JSON here) is refused
// wherever it is joined: a field, a filter, a sort key, a remote join.
TEST_F(TranslateTest, JoinOnJsonColumnRefused) {
  schema::Table& author = model_.sources["bq"].tables[{"source", "author"}];
  author.relationships.push_back(
      MakeRelationship("same_profile", RelationshipKind::kArray, author, {{"profile", "profile"}}));
  author.relationships.push_back(MakeRelationship("profile_twin", RelationshipKind::kObject, author,
                                                  {{"profile", "profile"}}));
  author.relationships.push_back(MakeRelationship("remote_profile", RelationshipKind::kArray,
                                                  author, {{"profile", "profile"}}, true));
  const auto expect_refused = [](const Result<sql::Statement>& statement,
                                 const std::string& relationship) {
    ASSERT_FALSE(statement) << statement->text;
    EXPECT_EQ(statement.error().code, ErrorCode::kNotSupported);
    EXPECT_EQ(statement.error().message,
              "the relationship " + relationship +
                  ", joining on the JSON column profile, is not supported on BigQuery, which "
                  "cannot compare or group it");
  };
  expect_refused(
      TranslateField(author_, Kind::kSelect,
                     Field("source_author", {}, {Field("same_profile", {}, {Field("id")})})),
      "same_profile");
  expect_refused(
      TranslateField(
          author_, Kind::kSelect,
          Field("source_author", {},
                {Field("same_profile_aggregate", {}, {Field("aggregate", {}, {Field("count")})})})),
      "same_profile");
  expect_refused(
      TranslateField(author_, Kind::kSelect,
                     Field("source_author", {{"where", {{"same_profile", {{"id", {{"_eq", 1}}}}}}}},
                           {Field("id")})),
      "same_profile");
  expect_refused(
      TranslateField(author_, Kind::kSelect,
                     Field("source_author", {{"order_by", {{"profile_twin", {{"id", "asc"}}}}}},
                           {Field("id")})),
      "profile_twin");
  expect_refused(TranslateJoin(author_, Field("remote_profile", {}, {Field("id")})),
                 "remote_profile");
}

// An object relationship: ANY_VALUE(STRUCT) per key, LEFT OUTER JOINed.

}  // namespace
}  // namespace junction::backends::bigquery
