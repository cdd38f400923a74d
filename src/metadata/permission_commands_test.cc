#include "metadata/permission_commands.h"

#include <string>

#include <gtest/gtest.h>

#include "metadata/command_test_fixture.h"

namespace junction::metadata {
namespace {

class PermissionCommandsTest : public CommandFixture {
 protected:
  PermissionCommandsTest() { AddTrackedLibrary(); }

  Error CreateFails(std::string_view args) {
    return Fails(R"({"type":"pg_create_select_permission","args":)" + std::string(args) + "}");
  }

  // Makes the engine's stand-in also report, like schema/ does, a select permission naming a
  // column its table lacks.
  void ReportUnknownColumns() {
    auto base = context_.find_inconsistent_objects;
    context_.find_inconsistent_objects = [this, base](const Metadata& metadata) {
      std::vector<InconsistentObject> objects = base(metadata);
      const Json& tables = metadata.sources()[0]["tables"];
      for (size_t t = 0; t < tables.size(); ++t) {
        const QualifiedName name = EntryTableName(tables[t]);
        const CatalogTable* table = catalogs_["default"].FindTable(name);
        const Json permissions = tables[t].value("select_permissions", Json::array());
        for (size_t p = 0; p < permissions.size(); ++p) {
          const Json& columns = permissions[p]["permission"]["columns"];
          for (const Json& column : columns.is_array() ? columns : Json::array()) {
            if (table->FindColumn(column.get<std::string>()) != nullptr) continue;
            const std::string role = permissions[p]["role"];
            objects.push_back(
                {"select_permission", PermissionObjectName("default", name, "select", role),
                 "Inconsistent object: column " + DumpJson(column) + " not found", permissions[p],
                 "sources", 0,
                 "/tables/" + std::to_string(t) + "/select_permissions/" + std::to_string(p)});
          }
        }
      }
      return objects;
    };
  }
};

TEST_F(PermissionCommandsTest, PermissionsAreStoredAsHasuraExportsThem) {
  EXPECT_EQ(Ok(R"({"type":"pg_create_select_permission","args":{"table":"authors","role":"user",)"
               R"("permission":{"subscription_root_fields":["select","select_stream","select"],)"
               R"("limit":10,"filter":{"name":{"_eq":"x"},"id":{"_eq":"X-Hasura-User-Id"}},)"
               R"("columns":["name","id"],"allow_aggregations":true,)"
               R"("computed_fields":["full_name"],"query_root_fields":[],"set":{"id":1}},)"
               R"("comment":"own row"}})"),
            R"({"message":"success"})");
  // Defaults are left out: no limit, allow_aggregations false, no computed fields, all root
  // fields.
  Ok(R"({"type":"pg_create_select_permission","args":{"table":"authors","role":"anonymous",)"
     R"("source":"default","permission":{"columns":"*","filter":{},"allow_aggregations":false,)"
     R"("computed_fields":[],"limit":null,"query_root_fields":null},"comment":null}})");

  // Ordered by role; the filter's keys sorted, members Hasura ignores ("set") dropped.
  const std::string expected =
      R"({"table":{"name":"authors","schema":"public"},"select_permissions":[)"
      R"({"role":"anonymous","permission":{"columns":"*","filter":{}}},)"
      R"({"role":"user","permission":{"columns":["name","id"],"computed_fields":["full_name"],)"
      R"("filter":{"id":{"_eq":"X-Hasura-User-Id"},"name":{"_eq":"x"}},"limit":10,)"
      R"("allow_aggregations":true,"query_root_fields":[],)"
      R"("subscription_root_fields":["select","select_stream"]},"comment":"own row"}]})";
  EXPECT_EQ(TrackedTable("authors"), expected);

  // export_metadata answers them so.
  Result<MetadataResponse> exported = Run(R"({"type":"export_metadata","args":{}})");
  ASSERT_TRUE(exported);
  EXPECT_EQ(DumpJson(exported->body["sources"][0]["tables"][0]), expected);
}

TEST_F(PermissionCommandsTest, TheTableEntryKeepsHasurasMemberOrder) {
  Ok(R"({"type":"pg_create_select_permission","args":{"table":"books","role":"user",)"
     R"("permission":{"columns":["id"],"filter":{}}}})");
  Ok(R"({"type":"pg_create_object_relationship","args":{"table":"books","name":"author",)"
     R"("using":{"foreign_key_constraint_on":"author_id"}}})");
  EXPECT_EQ(TrackedTable("books"),
            R"({"table":{"name":"books","schema":"public"},"object_relationships":[)"
            R"({"name":"author","using":{"foreign_key_constraint_on":"author_id"}}],)"
            R"("select_permissions":[{"role":"user","permission":{"columns":["id"],)"
            R"("filter":{}}}]})");
}

TEST_F(PermissionCommandsTest, DropSelectPermission) {
  Ok(R"({"type":"pg_create_select_permission","args":{"table":"authors","role":"user",)"
     R"("permission":{"columns":"*","filter":{}}}})");
  Ok(R"({"type":"pg_create_select_permission","args":{"table":"authors","role":"editor",)"
     R"("permission":{"columns":"*","filter":{}}}})");
  EXPECT_EQ(Ok(R"({"type":"pg_drop_select_permission","args":{"table":"authors","role":"user"}})"),
            R"({"message":"success"})");
  EXPECT_EQ(TrackedTable("authors"), R"({"table":{"name":"authors","schema":"public"},)"
                                     R"("select_permissions":[{"role":"editor","permission":)"
                                     R"({"columns":"*","filter":{}}}]})");
  // The last one leaves no empty list.
  Ok(R"({"type":"pg_drop_select_permission","args":{"table":{"name":"authors"},"role":"editor"}})");
  EXPECT_EQ(TrackedTable("authors"), R"({"table":{"name":"authors","schema":"public"}})");

  const Error error =
      Fails(R"({"type":"pg_drop_select_permission","args":{"table":"authors","role":"user"}})");
  EXPECT_EQ(error.code, ErrorCode::kBadRequest);
  EXPECT_EQ(error.path, "$.args");
  EXPECT_EQ(error.message, R"(select permission on "authors" for role "user" does not exist)");
}

TEST_F(PermissionCommandsTest, APermissionCanBeCreatedOnce) {
  const std::string args = R"({"table":"authors","role":"user","permission":)"
                           R"({"columns":"*","filter":{}}})";
  Ok(R"({"type":"pg_create_select_permission","args":)" + args + "}");
  Error error = CreateFails(args);
  EXPECT_EQ(error.code, ErrorCode::kAlreadyExists);
  EXPECT_EQ(error.path, "$.args");
  EXPECT_EQ(error.message,
            R"(select permission already defined on table "authors" with role "user")");
  // The admin role has every permission already.
  error = CreateFails(R"({"table":"authors","role":"admin","permission":)"
                      R"({"columns":"*","filter":{}}})");
  EXPECT_EQ(error.code, ErrorCode::kAlreadyExists);
  EXPECT_EQ(error.message,
            R"(select permission already defined on table "authors" with role "admin")");
}

TEST_F(PermissionCommandsTest, TheAdminRolesPermissionIsImplicit) {
  // Dropping it, or setting its comment, succeeds and changes nothing (as in Hasura).
  const Json before = current_.document();
  Ok(R"({"type":"pg_drop_select_permission","args":{"table":"authors","role":"admin"}})");
  Ok(R"({"type":"pg_set_permission_comment","args":{"table":"authors","role":"admin",)"
     R"("permission":"select","comment":"x"}})");
  EXPECT_EQ(current_.document(), before);
}

TEST_F(PermissionCommandsTest, TheTableMustBeTrackedInAKnownSource) {
  Error error = CreateFails(R"({"table":{"schema":"library","name":"shelves"},"role":"user",)"
                            R"("permission":{"columns":"*","filter":{}}})");
  EXPECT_EQ(error.code, ErrorCode::kNotExists);
  EXPECT_EQ(error.message, R"(table "library.shelves" does not exist in source: default)");
  error = CreateFails(R"({"table":"authors","source":"nope","role":"user",)"
                      R"("permission":{"columns":"*","filter":{}}})");
  EXPECT_EQ(error.message, R"(source with name "nope" does not exist)");
  error = Fails(R"({"type":"pg_drop_select_permission","args":{"table":"shelves","role":"u"}})");
  EXPECT_EQ(error.message, R"(table "shelves" does not exist in source: default)");
}

TEST_F(PermissionCommandsTest, ANewInconsistencyOfThePermissionRefusesIt) {
  ReportUnknownColumns();
  const Error error = CreateFails(R"({"table":"authors","role":"user","permission":)"
                                  R"({"columns":["id","nope"],"filter":{}}})");
  EXPECT_EQ(error.code, ErrorCode::kInvalidConfiguration);
  EXPECT_EQ(error.path, "$.args");
  EXPECT_EQ(error.message, R"(Inconsistent object: column "nope" not found)");
  EXPECT_EQ(DumpJson(error.internal),
            R"([{"definition":{"role":"user","permission":{"columns":["id","nope"],)"
            R"("filter":{}}},"name":"select_permission user in table authors in source )"
            R"(default","reason":"Inconsistent object: column \"nope\" not found",)"
            R"("type":"select_permission"}])");
}

struct BadArgs {
  std::string_view args;
  std::string_view path;
  std::string_view message;
};

class PermissionArgsTest : public PermissionCommandsTest,
                           public testing::WithParamInterface<BadArgs> {};

TEST_P(PermissionArgsTest, MalformedArgsAnswerHasurasParseErrors) {
  const Error error = CreateFails(GetParam().args);
  EXPECT_EQ(error.code, ErrorCode::kParseFailed);
  EXPECT_EQ(error.path, GetParam().path);
  EXPECT_EQ(error.message, GetParam().message);
}

INSTANTIATE_TEST_SUITE_P(
    Cases, PermissionArgsTest,
    testing::Values(
        BadArgs{R"([])", "$.args", "expecting an Object with key 'table'"},
        BadArgs{R"({"role":"u","permission":{}})", "$.args", R"(key "table" not found)"},
        BadArgs{R"({"table":"authors","permission":{}})", "$.args", R"(key "role" not found)"},
        BadArgs{R"({"table":"authors","role":"","permission":{}})", "$.args.role",
                "empty string not allowed"},
        BadArgs{R"({"table":"authors","role":"u"})", "$.args", R"(key "permission" not found)"},
        BadArgs{R"({"table":"authors","role":"u","permission":[]})", "$.args.permission",
                "parsing SelPerm failed, expected Object, but encountered Array"},
        BadArgs{R"({"table":"authors","role":"u","permission":{"filter":{}}})", "$.args.permission",
                R"(key "columns" not found)"},
        BadArgs{R"({"table":"authors","role":"u","permission":{"columns":"id","filter":{}}})",
                "$.args.permission.columns", "expected [a], but encountered String"},
        BadArgs{R"({"table":"authors","role":"u","permission":{"columns":[1],"filter":{}}})",
                "$.args.permission.columns[0]",
                "parsing Text failed, expected String, but encountered Number"},
        BadArgs{R"({"table":"authors","role":"u","permission":{"columns":"*"}})",
                "$.args.permission", R"(key "filter" not found)"},
        BadArgs{R"({"table":"authors","role":"u","permission":{"columns":"*","filter":[]}})",
                "$.args.permission.filter",
                "parsing boolean expression failed, expected Object, but encountered Array"},
        BadArgs{R"({"table":"authors","role":"u","permission":{"columns":"*",)"
                R"("filter":{"_or":[{"id":{"_eq":1}},3]}}})",
                "$.args.permission.filter._or[1]",
                "parsing boolean expression failed, expected Object, but encountered Number"},
        BadArgs{R"({"table":"authors","role":"u","permission":{"columns":"*",)"
                R"("filter":{"_not":{"_and":{}}}}})",
                "$.args.permission.filter._not._and", "expected [a], but encountered Object"},
        BadArgs{R"({"table":"authors","role":"u","permission":{"columns":"*",)"
                R"("filter":{"_exists":{"_table":"books"}}}})",
                "$.args.permission.filter._exists", R"(key "_where" not found)"},
        BadArgs{R"({"table":"authors","role":"u","permission":{"columns":"*","filter":{},)"
                R"("limit":"10"}})",
                "$.args.permission.limit",
                "parsing Int failed, expected Number, but encountered String"},
        BadArgs{R"({"table":"authors","role":"u","permission":{"columns":"*","filter":{},)"
                R"("limit":1.5}})",
                "$.args.permission.limit", "parsing Int failed, unexpected floating number 1.5"},
        BadArgs{R"({"table":"authors","role":"u","permission":{"columns":"*","filter":{},)"
                R"("allow_aggregations":"yes"}})",
                "$.args.permission.allow_aggregations",
                "parsing Bool failed, expected Boolean, but encountered String"},
        BadArgs{R"({"table":"authors","role":"u","permission":{"columns":"*","filter":{},)"
                R"("query_root_fields":["select","select_stream"]}})",
                "$.args.permission.query_root_fields[1]",
                "parsing Hasura.RQL.Types.Permission.QueryRootFieldType failed, expected one "
                R"(of the tags ["select","select_by_pk","select_aggregate"], but found tag )"
                R"("select_stream")"},
        BadArgs{R"({"table":"authors","role":"u","permission":{"columns":"*","filter":{}},)"
                R"("comment":1})",
                "$.args.comment", "parsing Text failed, expected String, but encountered Number"}));

TEST_F(PermissionCommandsTest, SetPermissionComment) {
  Ok(R"({"type":"pg_create_select_permission","args":{"table":"authors","role":"user",)"
     R"("permission":{"columns":"*","filter":{}}}})");
  EXPECT_EQ(Ok(R"({"type":"pg_set_permission_comment","args":{"table":"authors","role":"user",)"
               R"("permission":"select","comment":"own rows"}})"),
            R"({"message":"success"})");
  EXPECT_EQ(TrackedTable("authors"), R"({"table":{"name":"authors","schema":"public"},)"
                                     R"("select_permissions":[{"role":"user","permission":)"
                                     R"({"columns":"*","filter":{}},"comment":"own rows"}]})");
  Ok(R"({"type":"pg_set_permission_comment","args":{"table":"authors","role":"user",)"
     R"("permission":"select"}})");
  EXPECT_EQ(TrackedTable("authors"), R"({"table":{"name":"authors","schema":"public"},)"
                                     R"("select_permissions":[{"role":"user","permission":)"
                                     R"({"columns":"*","filter":{}}}]})");

  Error error = Fails(R"({"type":"pg_set_permission_comment","args":{"table":"authors",)"
                      R"("role":"user","permission":"insert","comment":"x"}})");
  EXPECT_EQ(error.code, ErrorCode::kBadRequest);
  EXPECT_EQ(error.message, R"('insert' permission on "authors" for role "user" does not exist)");
  error = Fails(R"({"type":"pg_set_permission_comment","args":{"table":"authors",)"
                R"("role":"user","permission":"read"}})");
  EXPECT_EQ(error.code, ErrorCode::kParseFailed);
  EXPECT_EQ(error.path, "$.args.permission");
  EXPECT_EQ(error.message, "perm_type should be one of 'insert', 'select', 'update', 'delete'");
}

TEST_F(PermissionCommandsTest, UntrackingATableDropsItsPermissions) {
  Ok(R"({"type":"pg_create_select_permission","args":{"table":"authors","role":"user",)"
     R"("permission":{"columns":"*","filter":{}}}})");
  Ok(R"({"type":"pg_untrack_table","args":{"table":"authors"}})");
  Ok(R"({"type":"pg_track_table","args":{"table":"authors"}})");
  EXPECT_EQ(TrackedTable("authors"), R"({"table":{"name":"authors","schema":"public"}})");
}

TEST_F(PermissionCommandsTest, ReplaceAndExportMetadataCarryPermissions) {
  Result<MetadataResponse> exported = Run(R"({"type":"export_metadata","args":{}})");
  ASSERT_TRUE(exported);
  Json document = exported->body;
  document["sources"][0]["tables"][0]["select_permissions"] = Json::parse(
      R"([{"role":"user","permission":{"columns":["id"],"filter":{"id":{"_eq":"X-Hasura-User-Id"}},)"
      R"("limit":5},"comment":"c"}])");
  Ok(R"({"type":"replace_metadata","args":)" + DumpJson(document) + "}");
  exported = Run(R"({"type":"export_metadata","args":{}})");
  ASSERT_TRUE(exported);
  EXPECT_EQ(exported->body, document);
  // And the commands see them.
  EXPECT_EQ(CreateFails(R"({"table":"authors","role":"user","permission":)"
                        R"({"columns":"*","filter":{}}})")
                .code,
            ErrorCode::kAlreadyExists);
  Ok(R"({"type":"pg_drop_select_permission","args":{"table":"authors","role":"user"}})");
}

TEST_F(PermissionCommandsTest, BulkErrorsPointIntoTheCommand) {
  const Error error =
      Fails(R"({"type":"bulk","args":[{"type":"pg_create_select_permission","args":{"table":)"
            R"("authors","role":"u","permission":{"columns":"*","filter":{}}}},)"
            R"({"type":"pg_create_select_permission","args":{"table":"authors","role":"v",)"
            R"("permission":{"columns":"*","filter":7}}}]})");
  EXPECT_EQ(error.path, "$.args[1].args.permission.filter");
  EXPECT_EQ(TrackedTable("authors"), R"({"table":{"name":"authors","schema":"public"}})");
}

TEST_F(PermissionCommandsTest, SqliteSourcesHaveThemToo) {
  catalogs_["db"].tables[{"main", "orders"}] =
      CommandFixture::Table({"main", "orders"}, {"id"}, {});
  Ok(R"({"type":"sqlite_add_source","args":{"name":"db","configuration":{"db":"shop.db"}}})");
  Ok(R"({"type":"sqlite_track_table","args":{"source":"db","table":"orders"}})");
  Ok(R"({"type":"sqlite_create_select_permission","args":{"source":"db","table":["orders"],)"
     R"("role":"user","permission":{"columns":["id"],"filter":{}}}})");
  EXPECT_EQ(DumpJson(current_.sources()[1]["tables"]),
            R"([{"table":{"name":"orders","schema":"main"},"select_permissions":[)"
            R"({"role":"user","permission":{"columns":["id"],"filter":{}}}]}])");

  // A pg_ command may not name it.
  const Error error = Fails(R"({"type":"pg_drop_select_permission","args":{"source":"db",)"
                            R"("table":"orders","role":"user"}})");
  EXPECT_EQ(error.code, ErrorCode::kNotExists);
  EXPECT_EQ(error.message,
            R"(source with name "db" has backend type sqlite which does not match the expected )"
            R"(type postgres)");
  Ok(R"({"type":"sqlite_drop_select_permission","args":{"source":"db","table":"orders",)"
     R"("role":"user"}})");
  EXPECT_EQ(DumpJson(current_.sources()[1]["tables"]),
            R"([{"table":{"name":"orders","schema":"main"}}])");
}

TEST_F(PermissionCommandsTest, PermissionsUsingARelationshipDependOnIt) {
  Ok(R"({"type":"pg_create_object_relationship","args":{"table":"books","name":"author",)"
     R"("using":{"foreign_key_constraint_on":"author_id"}}})");
  Ok(R"({"type":"pg_create_array_relationship","args":{"table":"authors","name":"books",)"
     R"("using":{"foreign_key_constraint_on":{"table":"books","column":"author_id"}}}})");
  // Directly, after another relationship, and inside _exists.
  Ok(R"({"type":"bulk","args":[)"
     R"({"type":"pg_create_select_permission","args":{"table":"books","role":"reader",)"
     R"("permission":{"columns":"*","filter":{"_or":[{"author":{"name":{"_eq":"x"}}}]}}}},)"
     R"({"type":"pg_create_select_permission","args":{"table":"authors","role":"fan",)"
     R"("permission":{"columns":"*","filter":{"books":{"author":{"id":{"_eq":1}}}}}}},)"
     R"({"type":"pg_create_select_permission","args":{"table":"authors","role":"auditor",)"
     R"("permission":{"columns":"*","filter":{"_exists":{"_table":"books",)"
     R"("_where":{"_not":{"author":{}}}}}}}},)"
     R"({"type":"pg_create_select_permission","args":{"table":"books","role":"user",)"
     R"("permission":{"columns":"*","filter":{"author_id":{"_eq":1}}}}}]})");
  const Json& source = current_.sources()[0];
  const auto texts = [&](const QualifiedName& table, std::string_view relationship) {
    std::vector<std::string> found;
    for (const PermissionRef& permission :
         PermissionsUsingRelationship(source, "default", table, relationship, context_)) {
      found.push_back(PermissionDependencyText("default", permission));
    }
    return found;
  };
  EXPECT_EQ(texts({"public", "books"}, "author"),
            (std::vector<std::string>{
                R"(permission authors.auditor.select in source "default")",
                R"(permission authors.fan.select in source "default")",
                R"(permission books.reader.select in source "default")",
            }));
  EXPECT_EQ(texts({"public", "authors"}, "books"),
            (std::vector<std::string>{R"(permission authors.fan.select in source "default")"}));
  EXPECT_TRUE(texts({"public", "books"}, "author_id").empty());

  // Dropping the relationship is refused while they use it ...
  const Error error = Fails(R"({"type":"pg_drop_relationship","args":{"table":"books",)"
                            R"("relationship":"author"}})");
  EXPECT_EQ(error.code, ErrorCode::kDependencyError);
  EXPECT_EQ(error.path, "$.args");
  EXPECT_EQ(error.message,
            R"(cannot drop due to the following dependent objects: permission )"
            R"(authors.auditor.select in source "default", permission authors.fan.select in )"
            R"(source "default", permission books.reader.select in source "default")");
  // ... and with cascade drops them too.
  Ok(R"({"type":"pg_drop_relationship","args":{"table":"books","relationship":"author",)"
     R"("cascade":true}})");
  EXPECT_EQ(TrackedTable("books"),
            R"({"table":{"name":"books","schema":"public"},)"
            R"("select_permissions":[{"role":"user","permission":{"columns":"*",)"
            R"("filter":{"author_id":{"_eq":1}}}}]})");
  EXPECT_EQ(TrackedTable("authors"),
            R"({"table":{"name":"authors","schema":"public"},"array_relationships":[)"
            R"({"name":"books","using":{"foreign_key_constraint_on":{"column":"author_id",)"
            R"("table":{"name":"books","schema":"public"}}}}]})");
  // A relationship nothing uses drops as before; a missing one is DropRelationship's error.
  Ok(R"({"type":"pg_drop_relationship","args":{"table":"authors","relationship":"books"}})");
  EXPECT_EQ(Fails(R"({"type":"pg_drop_relationship","args":{"table":"authors",)"
                  R"("relationship":"books"}})")
                .message,
            R"(relationship "books" does not exist)");
}

TEST(PermissionCommandOfQueryTypeTest, NamesThePgCommand) {
  EXPECT_EQ(PermissionCommandOfQueryType("create_select_permission"),
            "pg_create_select_permission");
  EXPECT_EQ(PermissionCommandOfQueryType("drop_select_permission"), "pg_drop_select_permission");
  EXPECT_EQ(PermissionCommandOfQueryType("set_permission_comment"), "pg_set_permission_comment");
  EXPECT_EQ(PermissionCommandOfQueryType("create_insert_permission"), "");
}

}  // namespace
}  // namespace junction::metadata
