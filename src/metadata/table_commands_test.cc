#include "metadata/table_commands.h"

#include <string>

#include <gtest/gtest.h>

#include "metadata/command_test_fixture.h"

namespace junction::metadata {
namespace {

class TableCommandsTest : public CommandFixture {
 protected:
  TableCommandsTest() { AddLibrary(); }

  // The tables of the source "default", as text.
  std::string Tables() const { return DumpJson(current_.sources()[0]["tables"]); }
};

constexpr std::string_view kBooksAuthor =
    R"({"type":"pg_create_object_relationship","args":{"table":"books","name":"author",)"
    R"("using":{"foreign_key_constraint_on":"author_id"}}})";

TEST_F(TableCommandsTest, TrackTableStoresTablesInHasurasOrder) {
  EXPECT_EQ(Ok(R"({"type":"pg_track_table","args":{"table":"books"}})"),
            R"({"message":"success"})");
  Ok(R"({"type":"pg_track_table","args":{"source":"default","table":{"name":"authors"}}})");
  Ok(R"({"type":"pg_track_table","args":{"table":{"schema":"library","name":"shelves"}}})");
  EXPECT_EQ(Tables(), R"([{"table":{"name":"shelves","schema":"library"}},)"
                      R"({"table":{"name":"authors","schema":"public"}},)"
                      R"({"table":{"name":"books","schema":"public"}}])");
}

TEST_F(TableCommandsTest, TrackTableNormalizesTheConfiguration) {
  Ok(R"({"type":"pg_track_table","args":{"table":"authors","configuration":{)"
     R"("custom_root_fields":{"select":"writers","select_by_pk":{"name":"writer","comment":"one"},)"
     R"("insert":null,"delete":{"comment":null,"name":"remove"}},"custom_name":"Writer",)"
     R"("custom_column_names":{"id":"ID","name":"fullName"},)"
     R"("column_config":{"name":{"custom_name":"label","comment":"the name"}}}}})");
  EXPECT_EQ(Tables(),
            R"([{"table":{"name":"authors","schema":"public"},"configuration":{"column_config":)"
            R"({"id":{"custom_name":"ID"},"name":{"comment":"the name","custom_name":"label"}},)"
            R"("custom_column_names":{"id":"ID","name":"label"},"custom_name":"Writer",)"
            R"("custom_root_fields":{"delete":"remove","select":"writers",)"
            R"("select_by_pk":{"comment":"one","name":"writer"}}}}])");
}

TEST_F(TableCommandsTest, ConfigurationErrors) {
  Error error = Fails(R"({"type":"pg_track_table","args":{"table":"authors","configuration":)"
                      R"({"custom_root_fields":{"select":"a","select_by_pk":{"name":"a"},)"
                      R"("delete":"b","insert":"b"}}}})");
  EXPECT_EQ(error.path, "$.args.configuration.custom_root_fields");
  EXPECT_EQ(error.message, "the following custom root field names are duplicated: a and b");
  error = Fails(R"({"type":"pg_track_table","args":{"table":"authors","configuration":)"
                R"({"custom_root_fields":{"select":5}}}})");
  EXPECT_EQ(error.path, "$.args.configuration.custom_root_fields.select");
  EXPECT_EQ(error.message,
            "parsing CustomRootField failed, expected Object, String or Null, but encountered "
            "Number");
  error = Fails(R"({"type":"pg_track_table","args":{"table":"authors","configuration":)"
                R"({"column_config":{"id":{"custom_name":1}}}}})");
  EXPECT_EQ(error.path, "$.args.configuration.column_config.id.custom_name");
  error = Fails(R"({"type":"pg_track_table","args":{"table":"authors","configuration":[]}})");
  EXPECT_EQ(error.message, "parsing TableConfig failed, expected Object, but encountered Array");
}

TEST_F(TableCommandsTest, AnEmptyConfigurationIsLeftOut) {
  Ok(R"({"type":"pg_track_table","args":{"table":"authors","configuration":{)"
     R"("custom_root_fields":{},"column_config":{"id":{}},"custom_name":null}}})");
  EXPECT_EQ(Tables(), R"([{"table":{"name":"authors","schema":"public"}}])");
}

TEST_F(TableCommandsTest, LegacyArgumentShapes) {
  // Hasura's v1 shape: table and is_enum.
  Ok(R"({"type":"pg_track_table","args":{"table":{"schema":"public","name":"authors"},)"
     R"("is_enum":true}})");
  // The args themselves a table name (aeson's fallback when there is no "table").
  Ok(R"({"type":"pg_track_table","args":{"schema":"public","name":"books"}})");
  EXPECT_EQ(Tables(), R"([{"table":{"name":"authors","schema":"public"},"is_enum":true},)"
                      R"({"table":{"name":"books","schema":"public"}}])");

  Error error = Fails(R"({"type":"pg_track_table","args":{"table":5}})");
  EXPECT_EQ(error.path, "$.args");
  EXPECT_EQ(error.message, R"(key "name" not found)");
  error = Fails(R"({"type":"pg_track_table","args":"authors"})");
  EXPECT_EQ(error.message, "parsing TrackTableV2 failed, expected Object, but encountered String");
  error =
      Fails(R"({"type":"pg_track_table","args":{"table":"x","configuration":{"custom_name":1}}})");
  EXPECT_EQ(error.path, "$.args.configuration.custom_name");
  EXPECT_EQ(error.message, "parsing Text failed, expected String, but encountered Number");
}

TEST_F(TableCommandsTest, TrackTableErrors) {
  Ok(R"({"type":"pg_track_table","args":{"table":{"schema":"library","name":"shelves"}}})");
  Error error =
      Fails(R"({"type":"pg_track_table","args":{"table":{"schema":"library","name":"shelves"}}})");
  EXPECT_EQ(error.code, ErrorCode::kAlreadyTracked);
  EXPECT_EQ(error.path, "$.args");
  EXPECT_EQ(error.message, R"(view/table already tracked: "library.shelves")");

  error = Fails(R"({"type":"pg_track_table","args":{"table":"authors","source":"other"}})");
  EXPECT_EQ(error.code, ErrorCode::kNotExists);
  EXPECT_EQ(error.message, R"(source with name "other" does not exist)");
}

TEST_F(TableCommandsTest, TrackingATableTheDatabaseLacksIsRefused) {
  const Error error = Fails(R"({"type":"pg_track_table","args":{"table":"ghosts"}})");
  EXPECT_EQ(error.code, ErrorCode::kInvalidConfiguration);
  EXPECT_EQ(error.path, "$.args");
  EXPECT_EQ(error.message, R"(Inconsistent object: no such table/view exists in source: "ghosts")");
  EXPECT_EQ(DumpJson(error.internal),
            R"([{"definition":{"name":"ghosts","schema":"public"},)"
            R"("name":"table ghosts in source default","reason":"Inconsistent object: no such )"
            R"(table/view exists in source: \"ghosts\"","type":"table"}])");
}

TEST_F(TableCommandsTest, OnlyNewInconsistenciesRefuseACommand) {
  Ok(R"({"type":"replace_metadata","args":{"allow_inconsistent_metadata":true,"metadata":)"
     R"({"version":3,"sources":[{"name":"default","kind":"postgres","tables":[)"
     R"({"table":{"name":"ghosts","schema":"public"}}],"configuration":{}}]}}})");
  Ok(R"({"type":"pg_track_table","args":{"table":"authors"}})");
  const Error error = Fails(R"({"type":"pg_track_table","args":{"table":"phantoms"}})");
  EXPECT_EQ(error.code, ErrorCode::kInvalidConfiguration);
  ASSERT_EQ(error.internal.size(), 1u);
  EXPECT_EQ(error.internal[0]["name"], "table phantoms in source default");
}

TEST_F(TableCommandsTest, TablesOfAnInconsistentSourceCannotBeTracked) {
  Ok(R"({"type":"replace_metadata","args":{"allow_inconsistent_metadata":true,"metadata":)"
     R"({"version":3,"sources":[{"name":"down","kind":"postgres","tables":[],)"
     R"("configuration":{}}]}}})");
  const Error error =
      Fails(R"({"type":"pg_track_table","args":{"table":"authors","source":"down"}})");
  EXPECT_EQ(error.code, ErrorCode::kUnexpected);
  EXPECT_EQ(error.message, R"(source with name "down" is inconsistent)");
}

TEST_F(TableCommandsTest, UntrackTable) {
  Ok(R"({"type":"pg_track_table","args":{"table":"authors"}})");
  EXPECT_EQ(Ok(R"({"type":"pg_untrack_table","args":{"table":"authors"}})"),
            R"({"message":"success"})");
  EXPECT_EQ(Tables(), "[]");
  const Error error = Fails(R"({"type":"pg_untrack_table","args":{"table":"authors"}})");
  EXPECT_EQ(error.code, ErrorCode::kAlreadyUntracked);
  EXPECT_EQ(error.message, R"(view/table already untracked: "authors")");
  EXPECT_EQ(Fails(R"({"type":"pg_untrack_table","args":{}})").message, R"(key "table" not found)");
}

TEST_F(TableCommandsTest, UntrackRefusesATableOthersPointToUnlessCascading) {
  Ok(R"({"type":"pg_track_table","args":{"table":"authors"}})");
  Ok(R"({"type":"pg_track_table","args":{"table":"books"}})");
  Ok(kBooksAuthor);
  Ok(R"({"type":"pg_create_array_relationship","args":{"table":"authors","name":"books",)"
     R"("using":{"foreign_key_constraint_on":{"table":"books","column":"author_id"}}}})");
  Ok(R"({"type":"pg_create_object_relationship","args":{"table":"books","name":"same_author",)"
     R"("using":{"manual_configuration":{"remote_table":"authors",)"
     R"("column_mapping":{"author_id":"id"}}}}})");

  const Error error = Fails(R"({"type":"pg_untrack_table","args":{"table":"authors"}})");
  EXPECT_EQ(error.code, ErrorCode::kDependencyError);
  EXPECT_EQ(error.path, "$.args");
  EXPECT_EQ(error.message,
            R"(cannot drop due to the following dependent objects: relationship books.author in )"
            R"(source "default", relationship books.same_author in source "default")");

  Ok(R"({"type":"pg_untrack_table","args":{"table":"authors","cascade":true}})");
  EXPECT_EQ(Tables(), R"([{"table":{"name":"books","schema":"public"}}])");
}

TEST_F(TableCommandsTest, UntrackThatBreaksAnObjectItCannotSeeIsRefused) {
  Ok(R"({"type":"pg_track_table","args":{"table":"authors"}})");
  Ok(R"({"type":"pg_track_table","args":{"table":"books"}})");
  Ok(kBooksAuthor);
  // Without the catalog, books.author's target is unknown: the consistency check catches it.
  catalog_visible_ = false;
  const Error error = Fails(R"({"type":"pg_untrack_table","args":{"table":"authors"}})");
  EXPECT_EQ(error.code, ErrorCode::kUnexpected);
  EXPECT_EQ(error.message, "cannot continue due to newly found inconsistent metadata");
  EXPECT_EQ(error.internal[0]["name"], "object_relation author in table books in source default");
}

TEST_F(TableCommandsTest, SetTableCustomizationReplacesTheConfiguration) {
  Ok(R"({"type":"pg_track_table","args":{"table":"books","configuration":{"custom_name":"B"}}})");
  Ok(R"({"type":"pg_track_table","args":{"table":"authors"}})");
  Ok(kBooksAuthor);
  Ok(R"({"type":"pg_set_table_customization","args":{"table":"books","configuration":)"
     R"({"custom_root_fields":{"select":"all_books"}}}})");
  EXPECT_EQ(Tables(),
            R"([{"table":{"name":"authors","schema":"public"}},)"
            R"({"table":{"name":"books","schema":"public"},"configuration":{"column_config":{},)"
            R"("custom_column_names":{},"custom_root_fields":{"select":"all_books"}},)"
            R"("object_relationships":[{"name":"author","using":)"
            R"({"foreign_key_constraint_on":"author_id"}}]}])");
  Ok(R"({"type":"pg_set_table_customization","args":{"table":"books","configuration":{}}})");
  EXPECT_EQ(Tables(), R"([{"table":{"name":"authors","schema":"public"}},)"
                      R"({"table":{"name":"books","schema":"public"},"object_relationships":)"
                      R"([{"name":"author","using":{"foreign_key_constraint_on":"author_id"}}]}])");

  Error error = Fails(R"({"type":"pg_set_table_customization","args":{"table":"ghosts",)"
                      R"("configuration":{}}})");
  EXPECT_EQ(error.code, ErrorCode::kNotExists);
  EXPECT_EQ(error.message, R"(table "ghosts" does not exist in source: default)");
  error = Fails(R"({"type":"pg_set_table_customization","args":{"table":"books"}})");
  EXPECT_EQ(error.message, R"(key "configuration" not found)");
}

TEST_F(TableCommandsTest, SetTableIsEnum) {
  Ok(R"({"type":"pg_track_table","args":{"table":"authors","configuration":{"custom_name":"A"}}})");
  Ok(R"({"type":"pg_set_table_is_enum","args":{"table":"authors","is_enum":true}})");
  EXPECT_EQ(Tables(), R"([{"table":{"name":"authors","schema":"public"},"is_enum":true,)"
                      R"("configuration":{"column_config":{},"custom_column_names":{},)"
                      R"("custom_name":"A","custom_root_fields":{}}}])");
  Ok(R"({"type":"pg_set_table_is_enum","args":{"table":"authors","is_enum":false}})");
  EXPECT_EQ(Tables(), R"([{"table":{"name":"authors","schema":"public"},)"
                      R"("configuration":{"column_config":{},"custom_column_names":{},)"
                      R"("custom_name":"A","custom_root_fields":{}}}])");
  EXPECT_EQ(Fails(R"({"type":"pg_set_table_is_enum","args":{"table":"authors"}})").message,
            R"(key "is_enum" not found)");
  EXPECT_EQ(
      Fails(R"({"type":"pg_set_table_is_enum","args":{"table":"books","is_enum":true}})").message,
      R"(table "books" does not exist in source: default)");
}

TEST_F(TableCommandsTest, BulkIsAtomicAndItsErrorsPointIntoTheCommand) {
  const Error error = Fails(R"({"type":"bulk","args":[)"
                            R"({"type":"pg_track_table","args":{"table":"authors"}},)"
                            R"({"type":"pg_untrack_table","args":{"table":5}}]})");
  EXPECT_EQ(error.path, "$.args[1].args.table");
  EXPECT_EQ(error.message, "expecting a string/object for QualifiedObject");
  EXPECT_EQ(Tables(), "[]");

  const Error missing = Fails(R"({"type":"bulk","args":[)"
                              R"({"type":"pg_track_table","args":{"table":"authors"}},)"
                              R"({"type":"pg_track_table","args":{"table":"ghosts"}}]})");
  EXPECT_EQ(missing.code, ErrorCode::kInvalidConfiguration);
  EXPECT_EQ(missing.path, "$.args[1].args");
  EXPECT_EQ(Tables(), "[]");

  Ok(R"({"type":"bulk","args":[{"type":"pg_track_table","args":{"table":"authors"}},)"
     R"({"type":"pg_track_table","args":{"table":"books"}},)" +
     std::string(kBooksAuthor) + "]}");
  EXPECT_EQ(current_.resource_version(), 3);  // pg_add_source, then this one request
}

}  // namespace
}  // namespace junction::metadata
