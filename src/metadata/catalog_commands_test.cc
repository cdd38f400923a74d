// get_source_tables and get_table_info: what they answer from the source's catalog, the table-name
// forms they read, that they change nothing, and their errors.

#include "metadata/catalog_commands.h"

#include <string>

#include <gtest/gtest.h>

#include "metadata/command_test_fixture.h"

namespace junction::metadata {
namespace {

class CatalogCommandsTest : public CommandFixture {
 protected:
  CatalogCommandsTest() { AddLibrary(); }

  // Runs a request that must succeed and must not change the metadata.
  std::string Read(std::string_view body) {
    const Metadata before = current_;
    Result<MetadataResponse> response = Run(body);
    EXPECT_TRUE(response) << body << " → " << response.error().message;
    if (!response) return "";
    EXPECT_FALSE(response->modified) << body;
    EXPECT_EQ(current_, before);
    return DumpJson(response->body);
  }

  // A SQLite source "shop" whose database has main.orders(id INTEGER PRIMARY KEY, customer).
  void AddShop() {
    CatalogTable orders = Table({"main", "orders"}, {"id", "customer"}, {});
    orders.columns[0].type = "INTEGER";
    orders.columns[0].type_schema = std::string(kSqliteTypeSchema);
    orders.columns[0].nullable = false;
    orders.columns[1].type = "TEXT";
    orders.columns[1].type_schema = std::string(kSqliteTypeSchema);
    orders.primary_key = {"id"};
    catalogs_["shop"].tables[{"main", "orders"}] = std::move(orders);
    Ok(R"({"type":"sqlite_add_source","args":{"name":"shop","configuration":{"db":"shop.db"}}})");
  }
};

TEST_F(CatalogCommandsTest, GetSourceTablesListsEveryTableOfTheDatabaseTrackedOrNot) {
  Ok(R"({"type":"pg_track_table","args":{"table":"books"}})");
  EXPECT_EQ(Read(R"({"type":"pg_get_source_tables","args":{"source":"default"}})"),
            R"([{"name":"shelves","schema":"library"},{"name":"authors","schema":"public"},)"
            R"({"name":"books","schema":"public"}])");
  // postgres_ is the same backend as pg_.
  EXPECT_EQ(Read(R"({"type":"postgres_get_source_tables","args":{"source":"default"}})"),
            Read(R"({"type":"pg_get_source_tables","args":{"source":"default"}})"));
}

TEST_F(CatalogCommandsTest, GetTableInfoDescribesColumnsKeysAndKind) {
  CatalogTable& books = catalogs_["default"].tables[{"public", "books"}];
  books.primary_key = {"id"};
  books.columns[0].nullable = false;
  books.columns[0].has_default = true;
  books.columns[2].type = "text";
  books.columns[2].is_array = true;
  books.columns[2].description = "the titles";
  books.unique_constraints = {UniqueConstraint{"books_title_key", {"title"}}};
  books.description = "every book";
  EXPECT_EQ(
      Read(R"({"type":"pg_get_table_info","args":{"source":"default","table":"books"}})"),
      R"({"name":{"name":"books","schema":"public"},"type":"table","columns":[)"
      R"({"name":"id","type":"int4","nullable":false,"is_array":false,"has_default":true,)"
      R"("description":null},)"
      R"({"name":"author_id","type":"int4","nullable":true,"is_array":false,"has_default":false,)"
      R"("description":null},)"
      R"({"name":"title","type":"text","nullable":true,"is_array":true,"has_default":false,)"
      R"("description":"the titles"}],)"
      R"("primary_key":["id"],"unique_constraints":[{"constraint":"books_title_key",)"
      R"("columns":["title"]}],"foreign_keys":{"books_author_id_fkey":{"foreign_table":)"
      R"({"name":"authors","schema":"public"},"column_mapping":{"author_id":"id"}}},)"
      R"("description":"every book"})");

  catalogs_["default"].tables[{"library", "shelves"}].kind = CatalogTable::Kind::kView;
  EXPECT_EQ(Read(R"({"type":"pg_get_table_info","args":{"source":"default",)"
                 R"("table":{"schema":"library","name":"shelves"}}})"),
            R"({"name":{"name":"shelves","schema":"library"},"type":"view","columns":[)"
            R"({"name":"id","type":"int4","nullable":true,"is_array":false,"has_default":false,)"
            R"("description":null}],"primary_key":[],"unique_constraints":[],)"
            R"("foreign_keys":{},"description":null})");
}

TEST_F(CatalogCommandsTest, GetTableInfoReadsTheTableFormsOfTheTrackCommands) {
  const std::string expected =
      Read(R"({"type":"pg_get_table_info","args":{"source":"default","table":"authors"}})");
  EXPECT_EQ(Read(R"({"type":"pg_get_table_info","args":{"table":{"name":"authors"}}})"), expected);
  EXPECT_EQ(Read(R"({"type":"pg_get_table_info","args":{"source":"default",)"
                 R"("table":{"schema":"public","name":"authors"}}})"),
            expected);
}

TEST_F(CatalogCommandsTest, SqliteSourcesNameTablesInSchemaMain) {
  AddShop();
  EXPECT_EQ(Read(R"({"type":"sqlite_get_source_tables","args":{"source":"shop"}})"),
            R"([{"name":"orders","schema":"main"}])");
  const std::string expected =
      R"({"name":{"name":"orders","schema":"main"},"type":"table","columns":[)"
      R"({"name":"id","type":"INTEGER","nullable":false,"is_array":false,"has_default":false,)"
      R"("description":null},)"
      R"({"name":"customer","type":"TEXT","nullable":true,"is_array":false,"has_default":false,)"
      R"("description":null}],"primary_key":["id"],"unique_constraints":[],"foreign_keys":{},)"
      R"("description":null})";
  for (std::string_view table : {R"("orders")", R"(["orders"])", R"(["main","orders"])",
                                 R"({"schema":"main","name":"orders"})"}) {
    EXPECT_EQ(Read(R"({"type":"sqlite_get_table_info","args":{"source":"shop","table":)" +
                   std::string(table) + "}}"),
              expected)
        << table;
  }
  // A command of one backend may not name a source of another.
  Error error = Fails(R"({"type":"pg_get_source_tables","args":{"source":"shop"}})");
  EXPECT_EQ(error.code, ErrorCode::kNotExists);
  EXPECT_EQ(error.message,
            R"(source with name "shop" has backend type sqlite which does not match the )"
            R"(expected type postgres)");
  error = Fails(R"({"type":"sqlite_get_table_info","args":{"source":"default","table":"x"}})");
  EXPECT_EQ(error.code, ErrorCode::kNotExists);
}

TEST_F(CatalogCommandsTest, UnknownSourceTableAndArguments) {
  Error error = Fails(R"({"type":"pg_get_source_tables","args":{"source":"nope"}})");
  EXPECT_EQ(error.code, ErrorCode::kNotExists);
  EXPECT_EQ(error.message, R"(source with name "nope" does not exist)");
  EXPECT_EQ(error.path, "$.args");

  error = Fails(R"({"type":"pg_get_table_info","args":{"source":"nope","table":"books"}})");
  EXPECT_EQ(error.code, ErrorCode::kNotExists);
  EXPECT_EQ(error.message, R"(source with name "nope" does not exist)");

  error = Fails(R"({"type":"pg_get_table_info","args":{"table":{"schema":"library","name":"x"}}})");
  EXPECT_EQ(error.code, ErrorCode::kNotExists);
  EXPECT_EQ(error.message,
            R"(table "library.x" does not exist in the database of source "default")");
  EXPECT_EQ(error.path, "$.args");

  error = Fails(R"({"type":"pg_get_source_tables","args":{}})");
  EXPECT_EQ(error.code, ErrorCode::kParseFailed);
  EXPECT_EQ(error.message, R"(key "source" not found)");
  error = Fails(R"({"type":"pg_get_table_info","args":{"source":"default"}})");
  EXPECT_EQ(error.message, R"(key "table" not found)");
  error = Fails(R"({"type":"pg_get_table_info","args":[]})");
  EXPECT_EQ(error.code, ErrorCode::kParseFailed);
  EXPECT_EQ(error.message, "parsing GetTableInfo failed, expected Object, but encountered Array");
  EXPECT_EQ(Fails(R"({"type":"pg_get_source_tables"})").message, R"(key "args" not found)");
}

TEST_F(CatalogCommandsTest, ASourceWhoseDatabaseCouldNotBeReadSaysWhy) {
  catalogs_.erase("default");  // the stand-in then reports "could not connect to source"
  Error error = Fails(R"({"type":"pg_get_source_tables","args":{"source":"default"}})");
  EXPECT_EQ(error.code, ErrorCode::kUnexpected);
  EXPECT_EQ(error.message, R"(source with name "default" is inconsistent: could not connect to )"
                           R"(source)");
  EXPECT_EQ(error.path, "$.args");
  error = Fails(R"({"type":"pg_get_table_info","args":{"table":"books"}})");
  EXPECT_EQ(error.code, ErrorCode::kUnexpected);
}

TEST_F(CatalogCommandsTest, RunInsideABulkAndIgnoreAStaleResourceVersion) {
  EXPECT_EQ(Ok(R"({"type":"bulk","resource_version":99,"args":[)"
               R"({"type":"pg_get_source_tables","args":{"source":"default"}},)"
               R"({"type":"pg_get_table_info","args":{"table":{"schema":"library",)"
               R"("name":"shelves"}}}]})")
                .substr(0, 40),
            R"([[{"name":"shelves","schema":"library"},)");
}

TEST_F(CatalogCommandsTest, OtherBackendsStillAnswerNotSupported) {
  EXPECT_EQ(Fails(R"({"type":"mssql_get_source_tables","args":{"source":"x"}})").code,
            ErrorCode::kNotSupported);
  EXPECT_EQ(Fails(R"({"type":"citus_get_table_info","args":{}})").code, ErrorCode::kNotSupported);
}

}  // namespace
}  // namespace junction::metadata
