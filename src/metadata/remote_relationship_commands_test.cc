#include "metadata/remote_relationship_commands.h"

#include <string>
#include <utility>

#include <gtest/gtest.h>

#include "metadata/command_test_fixture.h"

namespace junction::metadata {
namespace {

// books (source default) → users (source db2): the relationship the tests create.
constexpr std::string_view kToUsers =
    R"({"to_source":{"source":"db2","table":{"schema":"public","name":"users"},)"
    R"("relationship_type":"object","field_mapping":{"author_id":"id"}}})";

class RemoteRelationshipCommandsTest : public CommandFixture {
 protected:
  RemoteRelationshipCommandsTest() {
    AddLibrary();
    catalogs_["db2"].tables[{"public", "users"}] = Table({"public", "users"}, {"id", "name"}, {});
    Ok(R"({"type":"pg_add_source","args":{"name":"db2",)"
       R"("configuration":{"connection_info":{"database_url":"postgres://db2"}}}})");
    Ok(R"({"type":"bulk","args":[{"type":"pg_track_table","args":{"table":"authors"}},)"
       R"({"type":"pg_track_table","args":{"table":"books"}},)"
       R"({"type":"pg_track_table","args":{"source":"db2","table":"users"}}]})");
    // The engine's check, played here: a remote relationship named like a column of its table
    // is inconsistent, as Hasura reports it.
    auto engine = context_.find_inconsistent_objects;
    context_.find_inconsistent_objects = [this, engine](const Metadata& metadata) {
      std::vector<InconsistentObject> objects = engine(metadata);
      AddNameClashes(metadata, objects);
      return objects;
    };
  }

  void AddNameClashes(const Metadata& metadata, std::vector<InconsistentObject>& objects) const {
    for (const Json& source : metadata.sources()) {
      const std::string name = EntryName(source);
      const auto catalog = catalogs_.find(name);
      if (catalog == catalogs_.end()) continue;
      for (const Json& table : source["tables"]) {
        const QualifiedName table_name = EntryTableName(table);
        const CatalogTable* columns = catalog->second.FindTable(table_name);
        for (const Json& relationship : table.value("remote_relationships", Json::array())) {
          const std::string field = EntryName(relationship);
          if (columns == nullptr || columns->FindColumn(field) == nullptr) continue;
          objects.push_back({"remote_relationship",
                             RemoteRelationshipObjectName(name, table_name, field),
                             "Inconsistent object: field definition conflicts with postgres column",
                             relationship, "sources", 0, ""});
        }
      }
    }
  }

  // The table entry of `table` in `source`, as text.
  std::string EntryText(std::string_view source, std::string_view table) const {
    for (const Json& entry : current_.sources()) {
      if (EntryName(entry) != source) continue;
      for (const Json& tracked : entry["tables"]) {
        if (tracked["table"]["name"] == table) return DumpJson(tracked);
      }
    }
    return "";
  }

  std::string Create(std::string_view name, std::string_view definition,
                     std::string_view type = "pg_create_remote_relationship") {
    return Ok(R"({"type":")" + std::string(type) + R"(","args":{"table":"books","name":")" +
              std::string(name) + R"(","definition":)" + std::string(definition) + "}}");
  }

  Error CreateFails(std::string_view args) {
    return Fails(R"({"type":"pg_create_remote_relationship","args":)" + std::string(args) + "}");
  }
};

TEST_F(RemoteRelationshipCommandsTest, ObjectNameIsHasuras) {
  EXPECT_EQ(RemoteRelationshipObjectName("default", {"public", "books"}, "user"),
            "remote_relationship user in table books in source default");
  EXPECT_EQ(RemoteRelationshipObjectName("db2", {"library", "shelves"}, "owner"),
            "remote_relationship owner in table library.shelves in source db2");
}

TEST_F(RemoteRelationshipCommandsTest, CreateStoresTheDefinitionAsHasuraExportsIt) {
  Ok(R"({"type":"pg_create_object_relationship","args":{"table":"books","name":"author",)"
     R"("using":{"foreign_key_constraint_on":"author_id"}}})");
  EXPECT_EQ(Create("writer", kToUsers), R"({"message":"success"})");
  Ok(R"({"type":"pg_create_remote_relationship","args":{"source":"default",)"
     R"("table":{"schema":"public","name":"books"},"name":"readers","definition":)"
     R"({"to_source":{"source":"db2","table":"users","relationship_type":"array",)"
     R"("field_mapping":{"title":"name","id":"id"}}}}})");

  EXPECT_EQ(EntryText("default", "books"),
            R"({"table":{"name":"books","schema":"public"},"object_relationships":[)"
            R"({"name":"author","using":{"foreign_key_constraint_on":"author_id"}}],)"
            R"("remote_relationships":[)"
            R"({"definition":{"to_source":{"field_mapping":{"id":"id","title":"name"},)"
            R"("relationship_type":"array","source":"db2","table":"users"}},"name":"readers"},)"
            R"({"definition":{"to_source":{"field_mapping":{"author_id":"id"},)"
            R"("relationship_type":"object","source":"db2","table":{"name":"users",)"
            R"("schema":"public"}}},"name":"writer"}]})");
}

TEST_F(RemoteRelationshipCommandsTest, CreateReplacesARelationshipOfTheSameName) {
  Create("user", kToUsers);
  Create("user", R"({"to_source":{"source":"db2","table":"users","relationship_type":"array",)"
                 R"("field_mapping":{"id":"id"}}})");
  EXPECT_EQ(EntryText("default", "books"),
            R"({"table":{"name":"books","schema":"public"},"remote_relationships":[)"
            R"({"definition":{"to_source":{"field_mapping":{"id":"id"},"relationship_type":)"
            R"("array","source":"db2","table":"users"}},"name":"user"}]})");
}

TEST_F(RemoteRelationshipCommandsTest, UpdateAndDeleteNeedAnExistingRemoteRelationship) {
  const std::string update =
      R"({"type":"pg_update_remote_relationship","args":{"table":"books","name":"user",)"
      R"("definition":)" +
      std::string(kToUsers) + "}}";
  const std::string drop =
      R"({"type":"pg_delete_remote_relationship","args":{"table":"books","name":"user"}})";
  for (const std::string& body : {update, drop}) {
    Error error = Fails(body);
    EXPECT_EQ(error.code, ErrorCode::kNotExists) << body;
    EXPECT_EQ(error.message, R"("user" does not exist)");
    EXPECT_EQ(error.path, "$.args");
  }
  // A column or a local relationship of that name is not a remote relationship.
  Ok(R"({"type":"pg_create_object_relationship","args":{"table":"books","name":"author",)"
     R"("using":{"foreign_key_constraint_on":"author_id"}}})");
  for (std::string_view name : {"author", "title"}) {
    Error error = Fails(R"({"type":"pg_delete_remote_relationship","args":{"table":"books",)"
                        R"("name":")" +
                        std::string(name) + R"("}})");
    EXPECT_EQ(error.code, ErrorCode::kUnexpectedPayload);
    EXPECT_EQ(error.message, "expecting a remote relationship");
  }

  Create("user", kToUsers);
  EXPECT_EQ(Ok(R"({"type":"pg_update_remote_relationship","args":{"table":"books",)"
               R"("name":"user","definition":{"to_source":{"source":"db2","table":"users",)"
               R"("relationship_type":"array","field_mapping":{"id":"id"}}}}})"),
            R"({"message":"success"})");
  EXPECT_NE(EntryText("default", "books").find(R"("relationship_type":"array")"),
            std::string::npos);
  EXPECT_EQ(Ok(drop), R"({"message":"success"})");
  EXPECT_EQ(EntryText("default", "books"),
            R"({"table":{"name":"books","schema":"public"},"object_relationships":[)"
            R"({"name":"author","using":{"foreign_key_constraint_on":"author_id"}}]})");
}

TEST_F(RemoteRelationshipCommandsTest, AnUnknownOrInconsistentTableDoesNotExist) {
  Error error = CreateFails(R"({"table":"shelves","name":"user","definition":)" +
                            std::string(kToUsers) + "}");
  EXPECT_EQ(error.code, ErrorCode::kNotExists);
  EXPECT_EQ(error.message, R"(table "shelves" does not exist in source: default)");
  EXPECT_EQ(error.path, "$.args");

  error = CreateFails(R"({"source":"nowhere","table":{"schema":"library","name":"shelves"},)"
                      R"("name":"user","definition":)" +
                      std::string(kToUsers) + "}");
  EXPECT_EQ(error.message, R"(table "library.shelves" does not exist in source: nowhere)");

  // A tracked table the database lost is inconsistent, so the engine does not serve it.
  catalogs_["default"].tables.erase({"public", "books"});
  error = Fails(R"({"type":"pg_delete_remote_relationship","args":{"table":"books","name":"x"}})");
  EXPECT_EQ(error.message, R"(table "books" does not exist in source: default)");
}

TEST_F(RemoteRelationshipCommandsTest, ANameThatClashesWithAColumnIsRefusedByTheEngineCheck) {
  Error error =
      CreateFails(R"({"table":"books","name":"title","definition":)" + std::string(kToUsers) + "}");
  EXPECT_EQ(error.code, ErrorCode::kInvalidConfiguration);
  EXPECT_EQ(error.message, "Inconsistent object: field definition conflicts with postgres column");
  ASSERT_EQ(error.internal.size(), 1u);
  EXPECT_EQ(error.internal[0]["name"],
            "remote_relationship title in table books in source default");
  EXPECT_EQ(error.internal[0]["type"], "remote_relationship");
}

TEST_F(RemoteRelationshipCommandsTest, LegacyAndRemoteSchemaFormsAreStoredAsGiven) {
  Ok(R"({"type":"pg_create_remote_relationship","args":{"table":"books","name":"a_legacy",)"
     R"("remote_schema":"reviews","hasura_fields":["id"],)"
     R"("remote_field":{"reviews":{"arguments":{"book_id":"$id"}}}}})");
  Ok(R"({"type":"pg_create_remote_relationship","args":{"table":"books","name":"b_unified",)"
     R"("definition":{"to_remote_schema":{"remote_schema":"reviews","lhs_fields":["id"],)"
     R"("remote_field":{"reviews":{"field":{"top":{"arguments":{}}},)"
     R"("arguments":{"where":{"id":{"_eq":"$id"}},"limit":[1]}}}}}}})");
  Ok(R"({"type":"pg_create_remote_relationship","args":{"source":"default","table":"books",)"
     R"("name":"c_old_source","remote_source":{"relationship_type":"object","source":"db2",)"
     R"("table":"users","field_mapping":{"author_id":"id"}}}})");

  EXPECT_EQ(EntryText("default", "books"),
            R"({"table":{"name":"books","schema":"public"},"remote_relationships":[)"
            R"({"definition":{"hasura_fields":["id"],"remote_field":{"reviews":{"arguments":)"
            R"({"book_id":"$id"}}},"remote_schema":"reviews"},"name":"a_legacy"},)"
            R"({"definition":{"to_remote_schema":{"lhs_fields":["id"],"remote_field":)"
            R"({"reviews":{"arguments":{"limit":[1],"where":{"id":{"_eq":"$id"}}},)"
            R"("field":{"top":{"arguments":{}}}}},"remote_schema":"reviews"}},)"
            R"("name":"b_unified"},)"
            R"({"definition":{"remote_source":{"field_mapping":{"author_id":"id"},)"
            R"("relationship_type":"object","source":"db2","table":"users"}},)"
            R"("name":"c_old_source"}]})");
}

TEST_F(RemoteRelationshipCommandsTest, ParseErrorsAreHasuras) {
  struct Case {
    std::string args;
    std::string message;
    std::string path;
  };
  const std::string head = R"({"table":"books","name":"user",)";
  const Case cases[] = {
      {R"({"table":"books","name":"user"})",
       "create_remote_relationship expects exactly one of: remote_schema, definition", "$.args"},
      {head + R"("remote_schema":"rs","definition":)" + std::string(kToUsers) + "}",
       "create_remote_relationship expects exactly one of: remote_schema, definition", "$.args"},
      {head + R"("definition":{"remote_schema":"rs","hasura_fields":[],"remote_field":{}}})",
       "remote relationship definition (strict format) expects exactly one of: to_source, "
       "to_remote_schema",
       "$.args"},
      {head + R"("definition":{}})",
       "remote relationship definition (strict format) expects exactly one of: to_source, "
       "to_remote_schema",
       "$.args"},
      {head + R"("definition":{"to_source":{},"to_remote_schema":{}}})",
       "remote relationship definition (strict format) expects exactly one of: to_source, "
       "to_remote_schema",
       "$.args"},
      {head + R"("definition":"x"})",
       "parsing RemoteRelationshipDefinition (strict format) failed, expected Object, but "
       "encountered String",
       "$.args"},
      {head + R"("definition":{"to_source":{"source":"db2"}}})",
       R"(key "relationship_type" not found)", "$.args"},
      {head + R"("definition":{"to_source":{"relationship_type":"one","source":"db2"}}})",
       "expecting either 'object' or 'array' for rel_type", "$.args.relationship_type"},
      {head + R"("definition":{"to_source":{"relationship_type":"object",)"
              R"("field_mapping":{"a":1},"source":"db2","table":"users"}}})",
       "parsing Text failed, expected String, but encountered Number", "$.args.field_mapping.a"},
      {head + R"("definition":{"to_source":{"relationship_type":"object",)"
              R"("field_mapping":{},"source":"db2"}}})",
       R"(key "table" not found)", "$.args"},
      {head + R"("remote_schema":"rs","hasura_fields":["id"],"remote_field":{}})",
       "Remote fields are represented by an object that maps each field name to its "
       "arguments.Expecting one single mapping, received none.",
       "$.args.remote_field"},
      {head + R"("remote_schema":"rs","hasura_fields":["id"],"remote_field":{"a":{}}})",
       "Remote fields are represented by an object that maps each field name to its "
       "arguments.key \"arguments\" not found",
       "$.args.remote_field"},
      {head + R"("remote_schema":"rs","hasura_fields":["id"],)"
              R"("remote_field":{"a":{"arguments":{"id":"$"}}}})",
       "Remote fields are represented by an object that maps each field name to its "
       "arguments.Remote arguments are represented by an object that maps each argument name "
       "to its value.Empty variable name",
       "$.args.remote_field.arguments"},
      {head + R"("remote_schema":"rs","remote_field":{"a":{"arguments":{}}}})",
       R"(key "hasura_fields" not found)", "$.args"},
      {R"({"table":"books","name":"","definition":)" + std::string(kToUsers) + "}",
       "empty string not allowed", "$.args.name"},
      {"[]", "parsing CreateFromSourceRelationship failed, expected Object, but encountered Array",
       "$.args"},
  };
  for (const Case& c : cases) {
    Error error = CreateFails(c.args);
    EXPECT_EQ(error.code, ErrorCode::kParseFailed) << c.args;
    EXPECT_EQ(error.message, c.message) << c.args;
    EXPECT_EQ(error.path, c.path) << c.args;
  }
  Error error = Fails(R"({"type":"pg_delete_remote_relationship","args":{"table":"books"}})");
  EXPECT_EQ(error.message, R"(key "name" not found)");
}

TEST_F(RemoteRelationshipCommandsTest, DroppingATargetSourceNeedsCascade) {
  Create("user", kToUsers);
  Ok(R"({"type":"pg_create_remote_relationship","args":{"table":"authors","name":"account",)"
     R"("remote_source":{"relationship_type":"object","source":"db2","table":"users",)"
     R"("field_mapping":{"id":"id"}}}})");
  const std::string before = Sources();
  Error error = Fails(R"({"type":"pg_drop_source","args":{"name":"db2"}})");
  EXPECT_EQ(error.code, ErrorCode::kDependencyError);
  EXPECT_EQ(error.message,
            "cannot drop due to the following dependent objects: remote relationship "
            "authors.account in source \"default\", remote relationship books.user in source "
            "\"default\"");
  EXPECT_EQ(Sources(), before);

  EXPECT_EQ(Ok(R"({"type":"pg_drop_source","args":{"name":"db2","cascade":true}})"),
            R"({"message":"success"})");
  EXPECT_EQ(EntryText("default", "books"), R"({"table":{"name":"books","schema":"public"}})");
  EXPECT_EQ(EntryText("default", "authors"), R"({"table":{"name":"authors","schema":"public"}})");
}

TEST_F(RemoteRelationshipCommandsTest, DroppingTheSourceThatHasTheRelationshipNeedsNoCascade) {
  Create("user", kToUsers);
  Ok(R"({"type":"pg_drop_source","args":{"name":"default"}})");
  EXPECT_EQ(current_.sources().size(), 1u);
}

TEST_F(RemoteRelationshipCommandsTest, UntrackingATargetTableNeedsCascade) {
  Create("user", kToUsers);
  Error error = Fails(R"({"type":"pg_untrack_table","args":{"source":"db2","table":"users"}})");
  EXPECT_EQ(error.code, ErrorCode::kDependencyError);
  EXPECT_EQ(error.message,
            "cannot drop due to the following dependent objects: remote relationship books.user "
            "in source \"default\"");
  Ok(R"({"type":"pg_untrack_table","args":{"source":"db2","table":"users","cascade":true}})");
  EXPECT_EQ(EntryText("default", "books"), R"({"table":{"name":"books","schema":"public"}})");
  // The table that has the relationship goes with it, without cascade.
  Create("user", kToUsers);
  Ok(R"({"type":"pg_untrack_table","args":{"table":"books"}})");
  EXPECT_EQ(EntryText("default", "books"), "");
}

TEST_F(RemoteRelationshipCommandsTest, BulkRunsThemAtomically) {
  EXPECT_EQ(Ok(R"({"type":"bulk","args":[{"type":"pg_create_remote_relationship","args":)"
               R"({"table":"books","name":"user","definition":)" +
               std::string(kToUsers) +
               R"(}},{"type":"pg_delete_remote_relationship","args":{"table":"books",)"
               R"("name":"user"}}]})"),
            R"([{"message":"success"},{"message":"success"}])");
  Error error = Fails(R"({"type":"bulk","args":[{"type":"pg_create_remote_relationship","args":)"
                      R"({"table":"books","name":"user","definition":)" +
                      std::string(kToUsers) +
                      R"(}},{"type":"pg_update_remote_relationship","args":{"table":"books",)"
                      R"("name":"other","definition":)" +
                      std::string(kToUsers) + "}}]}");
  EXPECT_EQ(error.path, "$.args[1].args");
  EXPECT_EQ(EntryText("default", "books"), R"({"table":{"name":"books","schema":"public"}})");
}

TEST_F(RemoteRelationshipCommandsTest, LegacyQueryTypesRunTheSameCommands) {
  EXPECT_EQ(RemoteRelationshipCommandOfQueryType("create_remote_relationship"),
            "pg_create_remote_relationship");
  EXPECT_EQ(RemoteRelationshipCommandOfQueryType("update_remote_relationship"),
            "pg_update_remote_relationship");
  EXPECT_EQ(RemoteRelationshipCommandOfQueryType("delete_remote_relationship"),
            "pg_delete_remote_relationship");
  EXPECT_EQ(RemoteRelationshipCommandOfQueryType("track_table"), "");
  Create("user", kToUsers);
  // On /v1/metadata the unprefixed names stay unknown, as in Hasura.
  EXPECT_EQ(Fails(R"({"type":"create_remote_relationship","args":{}})").code,
            ErrorCode::kParseFailed);

  // What /v1/query does with them: the legacy remote-schema args, source "default" implied.
  Result<Command> command =
      ParseCommand(Json::parse(R"({"type":"create_remote_relationship","args":{"table":"books",)"
                               R"("name":"reviews","remote_schema":"rs","hasura_fields":["id"],)"
                               R"("remote_field":{"reviews":{"arguments":{}}}}})"),
                   "$");
  ASSERT_TRUE(command);
  command->type = RemoteRelationshipCommandOfQueryType(command->type);
  CommandState state{current_};
  Result<Json> response = RunCommand(state, *command, context_);
  ASSERT_TRUE(response) << response.error().message;
  EXPECT_EQ(DumpJson(*response), R"({"message":"success"})");
  EXPECT_TRUE(state.modified);
  // The postgres_ prefix names the same commands.
  Ok(R"({"type":"postgres_delete_remote_relationship","args":{"table":"books","name":"user"}})");
}

TEST_F(RemoteRelationshipCommandsTest, ExportAndReplaceRoundTrip) {
  Create("user", kToUsers);
  Ok(R"({"type":"pg_create_remote_relationship","args":{"table":"books","name":"legacy",)"
     R"("remote_schema":"reviews","hasura_fields":["id"],)"
     R"("remote_field":{"reviews":{"arguments":{"book_id":"$id"}}}}})");
  const std::string exported = Ok(R"({"type":"export_metadata","args":{}})");
  Ok(R"({"type":"replace_metadata","args":)" + exported + "}");
  EXPECT_EQ(Ok(R"({"type":"export_metadata","args":{}})"), exported);
}

TEST_F(RemoteRelationshipCommandsTest, TargetsAreReadFromBothSourceForms) {
  std::optional<RemoteSourceTarget> target =
      ReadRemoteSourceTarget(Json::parse(R"({"remote_source":{"source":"db2","table":"users"}})"));
  ASSERT_TRUE(target);
  EXPECT_EQ(target->source, "db2");
  EXPECT_EQ(target->table, "users");
  EXPECT_FALSE(ReadRemoteSourceTarget(Json::parse(R"({"to_remote_schema":{}})")));

  Create("user", kToUsers);
  const std::vector<RemoteRelationshipRef> refs =
      RemoteRelationshipsTo(current_.document(), "db2", QualifiedName{"public", "users"});
  ASSERT_EQ(refs.size(), 1u);
  EXPECT_EQ(refs[0], (RemoteRelationshipRef{"default", {"public", "books"}, "user"}));
  EXPECT_EQ(DependencyText(refs[0]), "remote relationship books.user in source \"default\"");
  EXPECT_TRUE(
      RemoteRelationshipsTo(current_.document(), "db2", QualifiedName{"public", "other"}).empty());
}

}  // namespace
}  // namespace junction::metadata
