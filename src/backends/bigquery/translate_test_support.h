#pragma once
// Test support for the BigQuery translator's golden tests (translate_test.cc,
// translate_relationships_test.cc): a hand-made SourceModel of BigQuery tables, IR built from
// normalized fields, and the statement's parameters and RowShape as text.

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
inline schema::Column Column(std::string name, std::string type, std::string scalar,
                             ScalarKind kind, bool nullable = true) {
  schema::Column column =
      ir::testing_support::MakeColumn(std::move(name), std::move(type), std::move(scalar));
  column.type_schema = "bigquery";
  column.scalar_kind = kind;
  column.nullable = nullable;
  return column;
}

inline schema::Column Int64(std::string name, bool nullable = true) {
  return Column(std::move(name), "INT64", "Int", ScalarKind::kBigInt, nullable);
}
inline schema::Column String(std::string name) {
  return Column(std::move(name), "STRING", "String", ScalarKind::kString);
}

// Parameters as "type value" lines: {"type":"INT64"} 2.
inline std::vector<std::string> Params(const sql::Statement& statement) {
  std::vector<std::string> params;
  for (size_t i = 0; i < statement.params.size(); ++i) {
    const std::string type = i < statement.param_types.size() ? statement.param_types[i] : "?";
    params.push_back(type + " " + statement.params[i].value_or("NULL"));
  }
  return params;
}

// A RowShape as compact text: kRows [id, country{name}, articles[{title}], __typename="author"].
inline std::string ShapeText(const std::vector<sql::FieldShape>& fields) {
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
inline std::string ShapeText(const sql::Statement& statement) {
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
inline void ExpectStatement(const Result<sql::Statement>& statement, const std::string& text,
                            const std::vector<std::string>& params, const std::string& shape) {
  ASSERT_TRUE(statement) << statement.error().message;
  EXPECT_EQ(statement->text, text);
  EXPECT_EQ(Params(*statement), params);
  EXPECT_EQ(ShapeText(*statement), shape);
  EXPECT_EQ(statement->params.size(), statement->param_types.size());
}

inline constexpr const char* kInt64 = R"({"type":"INT64"})";

inline std::string Int64Param(int64_t value) {
  return std::string(kInt64) + " " + std::to_string(value);
}

}  // namespace junction::backends::bigquery
