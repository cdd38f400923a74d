// Translate and TranslateRemoteJoin for BigQuery (translate.h): golden tests. IR built from
// normalized fields of a hand-made SourceModel of BigQuery tables (dataset `source`, and a
// co-located source's dataset `other`), translated; each test asserts the exact SQL text, the
// parameters with their types, and the RowShape. (The SQL runs against the test double in the
// end-to-end tests: no BigQuery here.)

#include "backends/bigquery/translate.h"

#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include "ir/build_ir.h"
#include "ir/test_support.h"

namespace junction::backends::bigquery {
namespace {

using graphql::NormalizedField;
using ir::testing_support::Aliased;
using ir::testing_support::Field;
using ir::testing_support::MakeRelationship;
using Json = nlohmann::ordered_json;
using Kind = schema::TableRootField::Kind;
using RelationshipKind = schema::Relationship::Kind;
using ScalarKind = schema::PgScalar::Kind;
using ShapeKind = sql::FieldShape::Kind;

// A BigQuery column: its type by BigQuery's name, the scalar the schema exposes it as.
schema::Column Column(std::string name, std::string type, std::string scalar, ScalarKind kind,
                      bool nullable = true) {
  schema::Column column =
      ir::testing_support::MakeColumn(std::move(name), std::move(type), std::move(scalar));
  column.type_schema = "bigquery";
  column.scalar_kind = kind;
  column.nullable = nullable;
  return column;
}

schema::Column Int64(std::string name, bool nullable = true) {
  return Column(std::move(name), "INT64", "Int", ScalarKind::kBigInt, nullable);
}
schema::Column String(std::string name) {
  return Column(std::move(name), "STRING", "String", ScalarKind::kString);
}

// Parameters as "type value" lines: {"type":"INT64"} 2.
std::vector<std::string> Params(const sql::Statement& statement) {
  std::vector<std::string> params;
  for (size_t i = 0; i < statement.params.size(); ++i) {
    const std::string type = i < statement.param_types.size() ? statement.param_types[i] : "?";
    params.push_back(type + " " + statement.params[i].value_or("NULL"));
  }
  return params;
}

// A RowShape as compact text: kRows [id, country{name}, articles[{title}], __typename="author"].
std::string ShapeText(const std::vector<sql::FieldShape>& fields) {
  std::string text;
  for (size_t i = 0; i < fields.size(); ++i) {
    const sql::FieldShape& field = fields[i];
    if (i > 0) text += ", ";
    text += field.key;
    switch (field.kind) {
      case ShapeKind::kValue:
        break;
      case ShapeKind::kNumber:
        text += "#";
        break;
      case ShapeKind::kObject:
        text += "{" + ShapeText(field.fields) + "}";
        break;
      case ShapeKind::kArray:
        text += "[{" + ShapeText(field.fields) + "}]";
        break;
      case ShapeKind::kConstant:
        text += "=" + field.constant;
        break;
    }
  }
  return text;
}
std::string ShapeText(const sql::Statement& statement) {
  if (statement.shape == nullptr) return "no shape";
  const char* form = "kRows";
  if (statement.shape->form == sql::RowShape::Form::kFirstRow) form = "kFirstRow";
  if (statement.shape->form == sql::RowShape::Form::kArguments) form = "kArguments";
  return std::string(form) + " [" + ShapeText(statement.shape->fields) + "]";
}

// dataset `source`: author (object country, array articles), article (object author, array
// comments, and reviews: co-located, to dataset `other` of the source `warehouse`), country,
// comment; remote relationships (joined by the engine): article.writer → author,
// author.posts → article. global_select_limit 1000 everywhere but comment (5).
class TranslateTest : public ::testing::Test {
 protected:
  TranslateTest() {
    schema::Source& source = model_.sources["bq"];
    source.name = "bq";
    source.kind = "bigquery";
    schema::Table& author = AddTable(source, "source", "author");
    schema::Table& article = AddTable(source, "source", "article");
    schema::Table& country = AddTable(source, "source", "country");
    schema::Table& comment = AddTable(source, "source", "comment");
    schema::Source& warehouse = model_.sources["warehouse"];
    warehouse.name = "warehouse";
    warehouse.kind = "bigquery";
    schema::Table& review = AddTable(warehouse, "other", "review");
    author.columns = {Int64("id", false),
                      String("name"),
                      Int64("country_id"),
                      Column("score", "FLOAT64", "Float", ScalarKind::kDouble),
                      Column("active", "BOOL", "Boolean", ScalarKind::kBoolean),
                      Column("born", "DATE", "date", ScalarKind::kOtherKnown),
                      Column("tags", "STRING", "String", ScalarKind::kString),
                      Column("profile", "JSON", "json", ScalarKind::kJson)};
    author.columns[6].is_array = true;
    article.columns = {Int64("id", false), Int64("author_id"), String("title"),
                       Column("rating", "NUMERIC", "numeric", ScalarKind::kNumeric)};
    country.columns = {Int64("id", false), String("name")};
    comment.columns = {Int64("id", false), Int64("article_id"), String("body")};
    comment.global_select_limit = 5;
    review.columns = {Int64("id", false), Int64("article_id"), Int64("stars")};
    author.relationships = {
        MakeRelationship("country", RelationshipKind::kObject, country, {{"country_id", "id"}}),
        MakeRelationship("articles", RelationshipKind::kArray, article, {{"id", "author_id"}}),
        MakeRelationship("posts", RelationshipKind::kArray, article, {{"id", "author_id"}}, true)};
    article.relationships = {
        MakeRelationship("author", RelationshipKind::kObject, author, {{"author_id", "id"}}),
        MakeRelationship("comments", RelationshipKind::kArray, comment, {{"id", "article_id"}}),
        MakeRelationship("reviews", RelationshipKind::kArray, review, {{"id", "article_id"}}),
        MakeRelationship("writer", RelationshipKind::kObject, author, {{"author_id", "id"}}, true),
        MakeRelationship("by_title", RelationshipKind::kObject, article,
                         {{"author_id", "author_id"}, {"title", "title"}}, true)};
    article.relationships[2].co_located = true;
    author_ = &author;
    article_ = &article;
    comment_ = &comment;
  }

  static schema::Table& AddTable(schema::Source& source, std::string dataset, std::string name) {
    schema::Table& table = source.tables[{dataset, name}];
    table.source = source.name;
    table.backend = schema::Backend::kBigQuery;
    table.name = {dataset, name};
    table.graphql_name = dataset + "_" + name;
    table.global_select_limit = 1000;
    return table;
  }

  Result<sql::Statement> TranslateField(const schema::Table* table, Kind kind,
                                        const NormalizedField& field,
                                        const schema::Session& session = schema::Session()) {
    auto ir = ir::BuildRootField({table, kind}, field, session);
    if (!ir) return ir.error();
    return Translate(*ir);
  }

  // The remote join of `relationship_field` selected in `table`'s objects.
  Result<sql::Statement> TranslateJoin(const schema::Table* table,
                                       const NormalizedField& relationship_field) {
    auto root = ir::BuildRootField({table, Kind::kSelect},
                                   Field(table->graphql_name, {}, {relationship_field}));
    if (!root) return root.error();
    return TranslateRemoteJoin(root->select.fields.at(0));
  }

  schema::SourceModel model_;
  const schema::Table* author_ = nullptr;
  const schema::Table* article_ = nullptr;
  const schema::Table* comment_ = nullptr;
};

// Asserts the statement's text, its parameters ("type value", in order) and its shape.
void ExpectStatement(const Result<sql::Statement>& statement, const std::string& text,
                     const std::vector<std::string>& params, const std::string& shape) {
  ASSERT_TRUE(statement) << statement.error().message;
  EXPECT_EQ(statement->text, text);
  EXPECT_EQ(Params(*statement), params);
  EXPECT_EQ(ShapeText(*statement), shape);
  EXPECT_EQ(statement->params.size(), statement->param_types.size());
}

constexpr const char* kInt64 = R"({"type":"INT64"})";

std::string Int64Param(int64_t value) { return std::string(kInt64) + " " + std::to_string(value); }

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
