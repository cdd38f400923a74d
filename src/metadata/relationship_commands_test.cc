#include "metadata/relationship_commands.h"

#include <string>

#include <gtest/gtest.h>

#include "metadata/command_test_fixture.h"

namespace junction::metadata {
namespace {

class RelationshipCommandsTest : public CommandFixture {
 protected:
  RelationshipCommandsTest() { AddTrackedLibrary(); }

  Error CreateFails(std::string_view kind, std::string_view args) {
    return Fails(R"({"type":"pg_create_)" + std::string(kind) + R"(_relationship","args":)" +
                 std::string(args) + "}");
  }
};

TEST_F(RelationshipCommandsTest, ObjectAndArrayRelationshipsAreStoredAsHasuraExportsThem) {
  EXPECT_EQ(Ok(R"({"type":"pg_create_object_relationship","args":{"table":"books","name":"author",)"
               R"("using":{"foreign_key_constraint_on":"author_id"},"comment":"who wrote it"}})"),
            R"({"message":"success"})");
  Ok(R"({"type":"pg_create_object_relationship","args":{"table":"books","name":"a_writer",)"
     R"("source":"default","using":{"manual_configuration":{"remote_table":{"name":"authors"},)"
     R"("column_mapping":{"author_id":"id"}}}}})");
  Ok(R"({"type":"pg_create_array_relationship","args":{"table":{"schema":"public","name":"authors"},)"
     R"("name":"books","using":{"foreign_key_constraint_on":{"table":"books","column":"author_id"}}}})");
  Ok(R"({"type":"pg_create_array_relationship","args":{"table":"authors","name":"all_books",)"
     R"("using":{"manual_configuration":{"remote_table":"books","insertion_order":"after_parent",)"
     R"("column_mapping":{"id":"author_id"}}}}})");

  EXPECT_EQ(TrackedTable("books"),
            R"({"table":{"name":"books","schema":"public"},"object_relationships":[)"
            R"({"name":"a_writer","using":{"manual_configuration":{"column_mapping":)"
            R"({"author_id":"id"},"insertion_order":null,"remote_table":{"name":"authors",)"
            R"("schema":"public"}}}},{"name":"author","using":{"foreign_key_constraint_on":)"
            R"("author_id"},"comment":"who wrote it"}]})");
  EXPECT_EQ(TrackedTable("authors"),
            R"({"table":{"name":"authors","schema":"public"},"array_relationships":[)"
            R"({"name":"all_books","using":{"manual_configuration":{"column_mapping":)"
            R"({"id":"author_id"},"insertion_order":"after_parent","remote_table":)"
            R"({"name":"books","schema":"public"}}}},{"name":"books","using":)"
            R"({"foreign_key_constraint_on":{"column":"author_id","table":{"name":"books",)"
            R"("schema":"public"}}}}]})");
}

TEST_F(RelationshipCommandsTest, ObjectRelationshipKeyForms) {
  Ok(R"({"type":"pg_create_object_relationship","args":{"table":"books","name":"by_columns",)"
     R"("using":{"foreign_key_constraint_on":["author_id"]}}})");
  Ok(R"({"type":"pg_create_object_relationship","args":{"table":"authors","name":"a_book",)"
     R"("using":{"foreign_key_constraint_on":{"table":"books","columns":["author_id"]}}}})");
  // One column prints as itself, as Hasura's ToJSON does.
  EXPECT_EQ(TrackedTable("books"), R"({"table":{"name":"books","schema":"public"},)"
                                   R"("object_relationships":[{"name":"by_columns","using":)"
                                   R"({"foreign_key_constraint_on":"author_id"}}]})");
  EXPECT_EQ(TrackedTable("authors"),
            R"({"table":{"name":"authors","schema":"public"},"object_relationships":[)"
            R"({"name":"a_book","using":{"foreign_key_constraint_on":{"column":"author_id",)"
            R"("table":{"name":"books","schema":"public"}}}}]})");
}

TEST_F(RelationshipCommandsTest, NamesMustBeFree) {
  Ok(R"({"type":"pg_create_object_relationship","args":{"table":"books","name":"author",)"
     R"("using":{"foreign_key_constraint_on":"author_id"}}})");
  Error error = CreateFails("array", R"({"table":"books","name":"author","using":)"
                                     R"({"manual_configuration":{"remote_table":"authors",)"
                                     R"("column_mapping":{"author_id":"id"}}}})");
  EXPECT_EQ(error.code, ErrorCode::kAlreadyExists);
  EXPECT_EQ(error.path, "$.args");
  EXPECT_EQ(error.message, R"(field with name "author" already exists in table "books")");
  // A column of the table, known from the source's catalog.
  error = CreateFails("object", R"({"table":"books","name":"title","using":)"
                                R"({"foreign_key_constraint_on":"author_id"}})");
  EXPECT_EQ(error.message, R"(field with name "title" already exists in table "books")");
}

TEST_F(RelationshipCommandsTest, TheTableMustBeTracked) {
  const Error error =
      CreateFails("object", R"({"table":{"schema":"library","name":"shelves"},)"
                            R"("name":"x","using":{"foreign_key_constraint_on":"id"}})");
  EXPECT_EQ(error.code, ErrorCode::kNotExists);
  EXPECT_EQ(error.message, R"(table "library.shelves" does not exist in source: default)");
  EXPECT_EQ(CreateFails("object", R"({"table":"books","name":"x","source":"nope",)"
                                  R"("using":{"foreign_key_constraint_on":"author_id"}})")
                .message,
            R"(source with name "nope" does not exist)");
}

TEST_F(RelationshipCommandsTest, AForeignKeyTheDatabaseLacksIsRefused) {
  const Error error = CreateFails("object", R"({"table":"books","name":"shelf",)"
                                            R"("using":{"foreign_key_constraint_on":"title"}})");
  EXPECT_EQ(error.code, ErrorCode::kInvalidConfiguration);
  EXPECT_EQ(error.path, "$.args");
  EXPECT_EQ(error.message, "Inconsistent object: no foreign constraint exists on the given column");
  EXPECT_EQ(DumpJson(error.internal),
            R"([{"definition":{"name":"shelf","using":{"foreign_key_constraint_on":"title"}},)"
            R"("name":"object_relation shelf in table books in source default","reason":)"
            R"("Inconsistent object: no foreign constraint exists on the given column",)"
            R"("type":"object_relation"}])");
}

struct BadUsing {
  std::string_view kind;
  std::string_view args;
  std::string_view path;
  std::string_view message;
};

class CreateRelationshipErrorTest : public RelationshipCommandsTest,
                                    public testing::WithParamInterface<BadUsing> {};

TEST_P(CreateRelationshipErrorTest, ReportsTheParseError) {
  const Error error = CreateFails(GetParam().kind, GetParam().args);
  EXPECT_EQ(error.code, ErrorCode::kParseFailed);
  EXPECT_EQ(error.path, GetParam().path);
  EXPECT_EQ(error.message, GetParam().message);
}

INSTANTIATE_TEST_SUITE_P(
    Args, CreateRelationshipErrorTest,
    testing::Values(
        BadUsing{"object", R"({"table":"books","using":{}})", "$.args", R"(key "name" not found)"},
        BadUsing{"object", R"({"name":"a","using":{}})", "$.args", R"(key "table" not found)"},
        BadUsing{"object", R"({"table":"books","name":"a"})", "$.args", R"(key "using" not found)"},
        BadUsing{"object", R"({"table":"books","name":"a","using":{}})", "$.args.using",
                 "atleast one of foreign_key_constraint_on/manual_configuration should be present"},
        BadUsing{"array",
                 R"({"table":"books","name":"a","using":{"foreign_key_constraint_on":{},)"
                 R"("manual_configuration":{}}})",
                 "$.args.using",
                 "only one of foreign_key_constraint_on/manual_configuration should be present"},
        BadUsing{"array",
                 R"({"table":"authors","name":"a","using":{"foreign_key_constraint_on":"id"}})",
                 "$.args.using.foreign_key_constraint_on", "Expecting object { table, columns }."},
        BadUsing{
            "array",
            R"({"table":"authors","name":"a","using":{"foreign_key_constraint_on":{"table":"books"}}})",
            "$.args.using.foreign_key_constraint_on",
            "expected exactly one of 'column' or 'columns'"},
        BadUsing{"object",
                 R"({"table":"books","name":"a","using":{"foreign_key_constraint_on":5}})",
                 "$.args.using.foreign_key_constraint_on", "Expected string or array"},
        BadUsing{"object", R"({"table":"books","name":"a","using":[]})", "$.args.using",
                 "using should be an object"},
        BadUsing{"object", R"([])", "$.args", "expecting an Object with key 'table'"},
        BadUsing{"array", R"({"table":"authors","name":"a","using":{"manual_configuration":[]}})",
                 "$.args.using.manual_configuration", "manual_configuration should be an object"},
        BadUsing{"object",
                 R"({"table":"books","name":"a","using":{"foreign_key_constraint_on":[]}})",
                 "$.args.using.foreign_key_constraint_on",
                 "parsing NonEmpty failed, unexpected empty list"},
        BadUsing{
            "object",
            R"({"table":"books","name":"a","using":{"manual_configuration":{"remote_table":"authors"}}})",
            "$.args.using.manual_configuration", R"(key "column_mapping" not found)"},
        BadUsing{"object",
                 R"({"table":"books","name":"a","using":{"manual_configuration":{"remote_table":)"
                 R"("authors","column_mapping":{"author_id":"id"},"insertion_order":"first"}}})",
                 "$.args.using.manual_configuration.insertion_order",
                 "insertion_order should be one of before_parent, after_parent"},
        BadUsing{
            "object",
            R"({"table":"books","name":"a","comment":5,"using":{"foreign_key_constraint_on":"author_id"}})",
            "$.args.comment", "parsing Text failed, expected String, but encountered Number"}));

TEST_F(RelationshipCommandsTest, DropRelationship) {
  Ok(R"({"type":"pg_create_object_relationship","args":{"table":"books","name":"author",)"
     R"("using":{"foreign_key_constraint_on":"author_id"}}})");
  EXPECT_EQ(Ok(R"({"type":"pg_drop_relationship","args":{"table":"books","relationship":"author",)"
               R"("cascade":true}})"),
            R"({"message":"success"})");
  EXPECT_EQ(TrackedTable("books"), R"({"table":{"name":"books","schema":"public"}})");

  Error error =
      Fails(R"({"type":"pg_drop_relationship","args":{"table":"books","relationship":"author"}})");
  EXPECT_EQ(error.code, ErrorCode::kNotExists);
  EXPECT_EQ(error.message, R"(relationship "author" does not exist)");
  error = Fails(R"({"type":"pg_drop_relationship","args":{"table":"books"}})");
  EXPECT_EQ(error.message, R"(key "relationship" not found)");
}

TEST_F(RelationshipCommandsTest, RenameRelationship) {
  Ok(R"({"type":"bulk","args":[{"type":"pg_create_object_relationship","args":{"table":"books",)"
     R"("name":"author","using":{"foreign_key_constraint_on":"author_id"}}},)"
     R"({"type":"pg_create_object_relationship","args":{"table":"books","name":"b",)"
     R"("using":{"foreign_key_constraint_on":"author_id"}}}]})");
  Ok(R"({"type":"pg_rename_relationship","args":{"table":"books","name":"author","new_name":"a"}})");
  EXPECT_EQ(TrackedTable("books"),
            R"({"table":{"name":"books","schema":"public"},"object_relationships":[)"
            R"({"name":"a","using":{"foreign_key_constraint_on":"author_id"}},)"
            R"({"name":"b","using":{"foreign_key_constraint_on":"author_id"}}]})");

  Error error = Fails(
      R"({"type":"pg_rename_relationship","args":{"table":"books","name":"a","new_name":"b"}})");
  EXPECT_EQ(error.code, ErrorCode::kAlreadyExists);
  EXPECT_EQ(error.message, R"(cannot rename relationship "a" to "b" in table "books" as a )"
                           R"(column/relationship with the name already exists)");
  error = Fails(
      R"({"type":"pg_rename_relationship","args":{"table":"books","name":"a","new_name":"title"}})");
  EXPECT_EQ(error.code, ErrorCode::kAlreadyExists);
  error = Fails(
      R"({"type":"pg_rename_relationship","args":{"table":"books","name":"zz","new_name":"c"}})");
  EXPECT_EQ(error.message, R"(relationship "zz" does not exist)");
  error = Fails(R"({"type":"pg_rename_relationship","args":{"table":"books","name":"a"}})");
  EXPECT_EQ(error.message, R"(key "new_name" not found)");
}

TEST_F(RelationshipCommandsTest, SetRelationshipComment) {
  Ok(R"({"type":"pg_create_array_relationship","args":{"table":"authors","name":"books",)"
     R"("using":{"foreign_key_constraint_on":{"table":"books","columns":["author_id"]}}}})");
  Ok(R"({"type":"pg_set_relationship_comment","args":{"table":"authors","relationship":"books",)"
     R"("comment":"all of them"}})");
  EXPECT_EQ(TrackedTable("authors"),
            R"({"table":{"name":"authors","schema":"public"},"array_relationships":[)"
            R"({"name":"books","using":{"foreign_key_constraint_on":{"column":"author_id",)"
            R"("table":{"name":"books","schema":"public"}}},"comment":"all of them"}]})");
  Ok(R"({"type":"pg_set_relationship_comment","args":{"table":"authors","relationship":"books"}})");
  EXPECT_EQ(TrackedTable("authors"),
            R"({"table":{"name":"authors","schema":"public"},"array_relationships":[)"
            R"({"name":"books","using":{"foreign_key_constraint_on":{"column":"author_id",)"
            R"("table":{"name":"books","schema":"public"}}}}]})");
  const Error error = Fails(
      R"({"type":"pg_set_relationship_comment","args":{"table":"authors","relationship":"x"}})");
  EXPECT_EQ(error.code, ErrorCode::kNotExists);
  EXPECT_EQ(error.message, R"(relationship "x" does not exist)");
}

TEST_F(RelationshipCommandsTest, BulkErrorsPointIntoTheCommand) {
  const Error error = Fails(
      R"({"type":"bulk","args":[{"type":"pg_create_object_relationship","args":{"table":"books",)"
      R"("name":"author","using":{"foreign_key_constraint_on":"author_id"}}},)"
      R"({"type":"pg_create_array_relationship","args":{"table":"authors","name":"books",)"
      R"("using":{"foreign_key_constraint_on":{"table":7,"column":"author_id"}}}}]})");
  EXPECT_EQ(error.path, "$.args[1].args.using.foreign_key_constraint_on.table");
  EXPECT_EQ(TrackedTable("books"), R"({"table":{"name":"books","schema":"public"}})");
}

}  // namespace
}  // namespace junction::metadata
