// The bigquery_ commands: the same commands as the other backends' (source, tables,
// relationships, remote relationships, permissions), with BigQuery's {"dataset", "name"} table
// names read from the arguments and written back in that form, as Hasura's export writes them.

#include <gtest/gtest.h>

#include "metadata/command_test_fixture.h"

namespace junction::metadata {
namespace {

constexpr std::string_view kAddSource =
    R"({"type":"bigquery_add_source","args":{"name":"bq","configuration":{)"
    R"("service_account":{"from_env":"BIGQUERY_SERVICE_ACCOUNT"},"project_id":"my-project",)"
    R"("datasets":["source","target"],"global_select_limit":"100"}}})";

class BigQueryCommandsTest : public CommandFixture {
 protected:
  void SetUp() override {
    Catalog& catalog = catalogs_["bq"];
    catalog.tables[{"source", "author"}] = Table({"source", "author"}, {"id", "name"}, {});
    catalog.tables[{"target", "articles"}] =
        Table({"target", "articles"}, {"id", "author_id", "title"}, {});
    Ok(kAddSource);
  }
};

TEST_F(BigQueryCommandsTest, AddSourceKeepsTheConfigurationWithSortedKeys) {
  EXPECT_EQ(Sources(), R"([{"name":"bq","kind":"bigquery","tables":[],"configuration":{)"
                       R"("datasets":["source","target"],"global_select_limit":"100",)"
                       R"("project_id":"my-project",)"
                       R"("service_account":{"from_env":"BIGQUERY_SERVICE_ACCOUNT"}}}])");
  const Error missing = Fails(
      R"({"type":"bigquery_add_source","args":{"name":"b2","configuration":{"project_id":"p"}}})");
  EXPECT_EQ(missing.code, ErrorCode::kParseFailed);
  EXPECT_EQ(missing.path, "$.args.configuration");
}

TEST_F(BigQueryCommandsTest, TablesAreNamedByDatasetAndName) {
  Ok(R"({"type":"bigquery_track_table","args":{"source":"bq",)"
     R"("table":{"dataset":"source","name":"author"}}})");
  EXPECT_EQ(TrackedTable("author"), R"({"table":{"dataset":"source","name":"author"}})");
  // The form every other backend uses names the same table, and is written BigQuery's way.
  Ok(R"({"type":"bigquery_untrack_table","args":{"source":"bq",)"
     R"("table":{"schema":"source","name":"author"}}})");
  EXPECT_EQ(TrackedTable("author"), "");
  Ok(R"({"type":"bigquery_track_table","args":{"source":"bq",)"
     R"("table":{"schema":"source","name":"author"}}})");
  EXPECT_EQ(TrackedTable("author"), R"({"table":{"dataset":"source","name":"author"}})");
  // A bare string names no dataset: Hasura refuses it too.
  const Error bare = Fails(R"({"type":"bigquery_track_table","args":{"source":"bq","table":"x"}})");
  EXPECT_EQ(bare.code, ErrorCode::kParseFailed);
  EXPECT_EQ(bare.path, "$.args.table");
  // Another backend's commands do not reach a BigQuery source.
  EXPECT_EQ(Fails(R"({"type":"pg_track_table","args":{"source":"bq","table":"author"}})").message,
            "source with name \"bq\" has backend type bigquery which does not match the expected "
            "type postgres");
}

TEST_F(BigQueryCommandsTest, ManualRelationshipsAndRemoteRelationshipsKeepBigQueryNames) {
  Ok(R"({"type":"bulk","args":[)"
     R"({"type":"bigquery_track_table","args":{"source":"bq",)"
     R"("table":{"dataset":"source","name":"author"}}},)"
     R"({"type":"bigquery_track_table","args":{"source":"bq",)"
     R"("table":{"dataset":"target","name":"articles"}}},)"
     R"({"type":"bigquery_create_array_relationship","args":{"source":"bq",)"
     R"("table":{"dataset":"source","name":"author"},"name":"articles","using":{)"
     R"("manual_configuration":{"remote_table":{"dataset":"target","name":"articles"},)"
     R"("column_mapping":{"id":"author_id"}}}}}]})");
  EXPECT_EQ(TrackedTable("author"),
            R"({"table":{"dataset":"source","name":"author"},"array_relationships":[{)"
            R"("name":"articles","using":{"manual_configuration":{"column_mapping":)"
            R"({"id":"author_id"},"insertion_order":null,)"
            R"("remote_table":{"dataset":"target","name":"articles"}}}}]})");
  Ok(R"({"type":"bigquery_create_remote_relationship","args":{"source":"bq",)"
     R"("table":{"dataset":"target","name":"articles"},"name":"writer","definition":{)"
     R"("to_source":{"source":"bq","table":{"dataset":"source","name":"author"},)"
     R"("relationship_type":"object","field_mapping":{"author_id":"id"}}}}})");
  EXPECT_EQ(TrackedTable("articles"),
            R"({"table":{"dataset":"target","name":"articles"},"remote_relationships":[{)"
            R"("definition":{"to_source":{"field_mapping":{"author_id":"id"},)"
            R"("relationship_type":"object","source":"bq",)"
            R"("table":{"dataset":"source","name":"author"}}},"name":"writer"}]})");
  Ok(R"({"type":"bigquery_delete_remote_relationship","args":{"source":"bq",)"
     R"("table":{"dataset":"target","name":"articles"},"name":"writer"}})");
  EXPECT_EQ(TrackedTable("articles"), R"({"table":{"dataset":"target","name":"articles"}})");
}

TEST_F(BigQueryCommandsTest, RenameUpdateDropAndDropSource) {
  Ok(R"({"type":"bulk","args":[)"
     R"({"type":"bigquery_track_table","args":{"source":"bq",)"
     R"("table":{"dataset":"source","name":"author"}}},)"
     R"({"type":"bigquery_track_table","args":{"source":"bq",)"
     R"("table":{"dataset":"target","name":"articles"}}},)"
     R"({"type":"bigquery_create_object_relationship","args":{"source":"bq",)"
     R"("table":{"dataset":"target","name":"articles"},"name":"author","using":{)"
     R"("manual_configuration":{"remote_table":{"dataset":"source","name":"author"},)"
     R"("column_mapping":{"author_id":"id"}}}}},)"
     R"({"type":"bigquery_create_remote_relationship","args":{"source":"bq",)"
     R"("table":{"dataset":"source","name":"author"},"name":"articles","definition":{)"
     R"("to_source":{"source":"bq","table":{"dataset":"target","name":"articles"},)"
     R"("relationship_type":"array","field_mapping":{"id":"author_id"}}}}}]})");
  Ok(R"({"type":"bigquery_rename_relationship","args":{"source":"bq",)"
     R"("table":{"dataset":"target","name":"articles"},"name":"author","new_name":"writer"}})");
  EXPECT_NE(TrackedTable("articles").find(R"("name":"writer")"), std::string::npos);
  Ok(R"({"type":"bigquery_drop_relationship","args":{"source":"bq",)"
     R"("table":{"dataset":"target","name":"articles"},"relationship":"writer"}})");
  EXPECT_EQ(TrackedTable("articles"), R"({"table":{"dataset":"target","name":"articles"}})");
  Ok(R"({"type":"bigquery_update_remote_relationship","args":{"source":"bq",)"
     R"("table":{"dataset":"source","name":"author"},"name":"articles","definition":{)"
     R"("to_source":{"source":"bq","table":{"dataset":"target","name":"articles"},)"
     R"("relationship_type":"object","field_mapping":{"id":"author_id"}}}}})");
  EXPECT_NE(TrackedTable("author").find(R"("relationship_type":"object")"), std::string::npos);
  Ok(R"({"type":"bigquery_drop_source","args":{"name":"bq"}})");
  EXPECT_EQ(Sources(), "[]");
}

TEST_F(BigQueryCommandsTest, SelectPermissions) {
  Ok(R"({"type":"bigquery_track_table","args":{"source":"bq",)"
     R"("table":{"dataset":"source","name":"author"}}})");
  Ok(R"({"type":"bigquery_create_select_permission","args":{"source":"bq",)"
     R"("table":{"dataset":"source","name":"author"},"role":"user","permission":{)"
     R"("columns":["id"],"filter":{"id":{"_eq":"X-Hasura-User-Id"}},"limit":5}}})");
  EXPECT_EQ(TrackedTable("author"),
            R"({"table":{"dataset":"source","name":"author"},"select_permissions":[{)"
            R"("role":"user","permission":{"columns":["id"],)"
            R"("filter":{"id":{"_eq":"X-Hasura-User-Id"}},"limit":5}}]})");
}

}  // namespace
}  // namespace junction::metadata
