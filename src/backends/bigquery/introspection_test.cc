// Introspection of a BigQuery dataset: the one INFORMATION_SCHEMA query's text, the names it
// refuses to quote (and identifier.h's Upper), and a hand-written answer read into the catalog
// (every form of data_type, views, REQUIRED columns, tables and columns in order).

#include "backends/bigquery/introspection.h"

#include <string>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include "backends/bigquery/identifier.h"

namespace junction::backends::bigquery {
namespace {

using metadata::CatalogColumn;
using metadata::CatalogTable;
using metadata::QualifiedName;
using nlohmann::json;

TEST(QuoteIdentifierTest, QuotesInBackticksOrRefuses) {
  EXPECT_EQ(*QuoteIdentifier("author"), "`author`");
  EXPECT_EQ(*QuoteIdentifier("my-project"), "`my-project`");
  EXPECT_EQ(*QuoteIdentifier("two words"), "`two words`");
  EXPECT_EQ(*QuoteIdentifier("caf\xC3\xA9"), "`caf\xC3\xA9`");
  for (const std::string& name :
       {std::string("a`b"), std::string("a\\b"), std::string("a\nb"), std::string("a\tb"),
        std::string("a\x7F"), std::string("a\0b", 3), std::string()}) {
    const Result<std::string> quoted = QuoteIdentifier(name);
    ASSERT_FALSE(quoted) << *quoted;
    EXPECT_EQ(quoted.error().code, ErrorCode::kValidationFailed);
  }
}

// BigQuery's names compare case-insensitively; only ASCII letters fold, so UTF-8 bytes stay.
TEST(UpperTest, FoldsAsciiLettersOnly) {
  EXPECT_EQ(Upper("Struct<a int64>"), "STRUCT<A INT64>");
  EXPECT_EQ(Upper("repeated"), "REPEATED");
  EXPECT_EQ(Upper("caf\xC3\xA9_1"), "CAF\xC3\xA9_1");
  EXPECT_EQ(Upper(""), "");
}

TEST(IntrospectionSqlTest, OneQueryPerDataset) {
  const Result<std::string> sql = IntrospectionSql("source");
  ASSERT_TRUE(sql) << sql.error().message;
  EXPECT_EQ(*sql,
            "SELECT `c`.`table_name`, `t`.`table_type`, `c`.`column_name`, "
            "`c`.`ordinal_position`, `c`.`is_nullable`, `c`.`data_type`\n"
            "FROM `source`.INFORMATION_SCHEMA.COLUMNS AS `c`\n"
            "JOIN `source`.INFORMATION_SCHEMA.TABLES AS `t` ON `t`.`table_name` = "
            "`c`.`table_name`\n"
            "WHERE `c`.`is_hidden` = 'NO'\n"
            "ORDER BY `c`.`table_name`, `c`.`ordinal_position`");
}

TEST(IntrospectionSqlTest, RefusedDatasetsAreInvalidConfiguration) {
  for (const char* dataset : {"a`b", "a\\b", "a\rb", ""}) {
    const Result<std::string> sql = IntrospectionSql(dataset);
    ASSERT_FALSE(sql) << *sql;
    EXPECT_EQ(sql.error().code, ErrorCode::kInvalidConfiguration);
  }
}

// The answer BigQuery gives IntrospectionSql: legacy type names, every scalar a string.
QueryAnswer Answer(const std::vector<std::vector<json>>& rows) {
  QueryAnswer answer;
  answer.fields = json::parse(R"([
    {"name": "table_name", "type": "STRING"}, {"name": "table_type", "type": "STRING"},
    {"name": "column_name", "type": "STRING"}, {"name": "ordinal_position", "type": "INTEGER"},
    {"name": "is_nullable", "type": "STRING"}, {"name": "data_type", "type": "STRING"}])");
  for (const std::vector<json>& row : rows) {
    json cells = json::array();
    for (const json& value : row) cells.push_back(json{{"v", value}});
    answer.rows.push_back(json{{"f", std::move(cells)}});
  }
  return answer;
}

struct ExpectedColumn {
  std::string name;
  std::string type;
  bool is_array = false;
  bool nullable = true;
};

void ExpectColumns(const CatalogTable& table, const std::vector<ExpectedColumn>& expected) {
  ASSERT_EQ(table.columns.size(), expected.size());
  for (size_t i = 0; i < expected.size(); ++i) {
    const CatalogColumn& column = table.columns[i];
    SCOPED_TRACE(column.name);
    EXPECT_EQ(column.name, expected[i].name);
    EXPECT_EQ(column.position, static_cast<int>(i) + 1);
    EXPECT_EQ(column.type, expected[i].type);
    EXPECT_EQ(column.type_schema, metadata::kBigQueryTypeSchema);
    EXPECT_EQ(column.is_array, expected[i].is_array);
    EXPECT_EQ(column.nullable, expected[i].nullable);
    EXPECT_FALSE(column.has_default);
  }
}

TEST(AddDatasetTest, EveryTypeFormViewsAndRequiredColumns) {
  const QueryAnswer answer = Answer({
      {"article", "BASE TABLE", "id", "1", "NO", "INT64"},
      {"article", "BASE TABLE", "title", "2", "YES", "STRING(100)"},
      {"article", "BASE TABLE", "price", "3", "YES", "NUMERIC(10, 2)"},
      {"article", "BASE TABLE", "big", "4", "YES", "BIGNUMERIC(40,2)"},
      {"article", "BASE TABLE", "tags", "5", "NO", "ARRAY<STRING>"},
      {"article", "BASE TABLE", "codes", "6", "NO", "ARRAY<BYTES(16)>"},
      {"article", "BASE TABLE", "address", "7", "YES",
       "STRUCT<street STRING(10), zip ARRAY<INT64>>"},
      {"article", "BASE TABLE", "history", "8", "NO",
       "ARRAY<STRUCT<at TIMESTAMP, notes ARRAY<STRUCT<text STRING>>>>"},
      {"article", "BASE TABLE", "period", "9", "YES", "RANGE<DATE>"},
      {"article", "BASE TABLE", "periods", "10", "NO", "ARRAY<RANGE<DATETIME>>"},
      {"article", "BASE TABLE", "place", "11", "YES", "GEOGRAPHY"},
      {"article", "BASE TABLE", "doc", "12", "YES", "JSON"},
      {"article", "BASE TABLE", "at", "13", "YES", "TIMESTAMP"},
      {"article", "BASE TABLE", "day", "14", "YES", "DATE"},
      {"article", "BASE TABLE", "ok", "15", "YES", "BOOL"},
      {"article", "BASE TABLE", "score", "16", "YES", "FLOAT64"},
      {"author", "VIEW", "id", "1", "YES", "INT64"},
      {"author_stats", "MATERIALIZED VIEW", "n", "1", "YES", "INT64"},
      {"outside", "EXTERNAL", "x", "1", nullptr, "STRING"},
  });
  metadata::Catalog catalog;
  catalog.tables[{"other", "kept"}].name = {"other", "kept"};
  const Status added = AddDataset("source", answer, catalog);
  ASSERT_TRUE(added) << added.error().message;
  ASSERT_EQ(catalog.tables.size(), 5u);
  EXPECT_TRUE(catalog.FindTable({"other", "kept"}));

  const CatalogTable* article = catalog.FindTable({"source", "article"});
  ASSERT_TRUE(article);
  EXPECT_EQ(article->name, (QualifiedName{"source", "article"}));
  EXPECT_EQ(article->kind, CatalogTable::Kind::kTable);
  EXPECT_TRUE(article->primary_key.empty());
  EXPECT_TRUE(article->foreign_keys.empty());
  ExpectColumns(
      *article,
      {{"id", "INT64", false, false},
       {"title", "STRING"},
       {"price", "NUMERIC"},
       {"big", "BIGNUMERIC"},
       {"tags", "STRING", true, false},
       {"codes", "BYTES", true, false},
       {"address", "STRUCT<street STRING(10), zip ARRAY<INT64>>"},
       {"history", "ARRAY<STRUCT<at TIMESTAMP, notes ARRAY<STRUCT<text STRING>>>>", false, false},
       {"period", "RANGE<DATE>"},
       {"periods", "RANGE<DATETIME>", true, false},
       {"place", "GEOGRAPHY"},
       {"doc", "JSON"},
       {"at", "TIMESTAMP"},
       {"day", "DATE"},
       {"ok", "BOOL"},
       {"score", "FLOAT64"}});

  EXPECT_EQ(catalog.FindTable({"source", "author"})->kind, CatalogTable::Kind::kView);
  EXPECT_EQ(catalog.FindTable({"source", "author_stats"})->kind, CatalogTable::Kind::kView);
  const CatalogTable* outside = catalog.FindTable({"source", "outside"});
  ASSERT_TRUE(outside);
  EXPECT_EQ(outside->kind, CatalogTable::Kind::kTable);
  ExpectColumns(*outside, {{"x", "STRING"}});
}

TEST(AddDatasetTest, TwoTablesTheirColumnsInOrdinalOrder) {
  // The answer is sorted by the query; columns are ordered by position even when it is not.
  const QueryAnswer answer = Answer({
      {"b", "BASE TABLE", "second", "2", "YES", "STRING"},
      {"a", "BASE TABLE", "one", "1", "NO", "INT64"},
      {"b", "BASE TABLE", "first", "1", "NO", "INT64"},
      {"a", "BASE TABLE", "two", "2", "YES", "DATE"},
      {"b", "BASE TABLE", "third", "3", "YES", "ARRAY<INT64>"},
  });
  metadata::Catalog catalog;
  const Status added = AddDataset("ds", answer, catalog);
  ASSERT_TRUE(added) << added.error().message;
  ASSERT_EQ(catalog.tables.size(), 2u);
  ExpectColumns(*catalog.FindTable({"ds", "a"}), {{"one", "INT64", false, false}, {"two", "DATE"}});
  ExpectColumns(*catalog.FindTable({"ds", "b"}),
                {{"first", "INT64", false, false}, {"second", "STRING"}, {"third", "INT64", true}});
}

TEST(AddDatasetTest, AnEmptyDatasetAddsNothing) {
  metadata::Catalog catalog;
  ASSERT_TRUE(AddDataset("ds", Answer({}), catalog));
  EXPECT_TRUE(catalog.tables.empty());
}

TEST(AddDatasetTest, MalformedAnswersAreErrors) {
  const std::vector<std::vector<json>> cases[] = {
      {{"t", "BASE TABLE", "c", "x", "YES", "INT64"}},           // position not a number
      {{"t", "BASE TABLE", "c", "1", "YES", "ARRAY<INT64"}},     // unbalanced type
      {{"t", "BASE TABLE", "c", "1", "YES", "ARRAY<A> x <B>"}},  // brackets not the array's
      {{"t", "BASE TABLE", "c", "1", "YES", "ARRAY<>"}},
      {{"t", "BASE TABLE", "c", "1", "YES", ""}},
      {{nullptr, "BASE TABLE", "c", "1", "YES", "INT64"}},
      {{"t", "BASE TABLE", nullptr, "1", "YES", "INT64"}},
      {{"t", "BASE TABLE", "c", "1", "YES"}},         // a cell missing
      {{"t", "BASE TABLE", "c", 1, "YES", "INT64"}},  // not text
  };
  for (const auto& rows : cases) {
    SCOPED_TRACE(json(rows).dump());
    metadata::Catalog catalog;
    const Status added = AddDataset("ds", Answer(rows), catalog);
    ASSERT_FALSE(added);
    EXPECT_EQ(added.error().code, ErrorCode::kUnexpected);
    EXPECT_EQ(added.error().message, "malformed BigQuery response");
    EXPECT_FALSE(added.error().internal.value("message", "").empty());
  }
  // An answer without the columns the query selects.
  QueryAnswer wrong;
  wrong.fields = json::parse(R"([{"name": "x", "type": "STRING"}])");
  wrong.rows.push_back(json::parse(R"({"f": [{"v": "1"}]})"));
  metadata::Catalog catalog;
  EXPECT_FALSE(AddDataset("ds", wrong, catalog));
}

}  // namespace
}  // namespace junction::backends::bigquery
