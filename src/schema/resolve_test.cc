#include "schema/resolve.h"

#include <gtest/gtest.h>

#include "schema/build_role_schema.h"
#include "schema/inconsistencies.h"
#include "schema/test_catalog.h"

namespace junction::schema {
namespace {

using testing::DefaultSource;
using testing::MetadataFrom;
using testing::ShopCatalogs;

const Table& TableOf(const Resolved& resolved, std::string schema, std::string name) {
  const Table* table = resolved.model->FindTable("default", {std::move(schema), std::move(name)});
  EXPECT_NE(table, nullptr);
  return *table;
}

TEST(ResolveTest, NamesTablesInAndOutsidePublic) {
  Resolved resolved = ResolveSources(
      DefaultSource(R"([{"table":{"schema":"public","name":"users"}},)"
                    R"({"table":{"schema":"app","name":"items"}},{"table":"notes"}])"),
      ShopCatalogs());
  EXPECT_TRUE(resolved.inconsistent_objects.empty());
  const Table& users = TableOf(resolved, "public", "users");
  EXPECT_EQ(users.graphql_name, "users");
  EXPECT_EQ(users.root_fields.select, "users");
  EXPECT_EQ(users.root_fields.select_by_pk, "users_by_pk");
  EXPECT_EQ(users.root_fields.select_aggregate, "users_aggregate");
  EXPECT_EQ(users.primary_key, std::vector<std::string>{"id"});
  const Table& items = TableOf(resolved, "app", "items");
  EXPECT_EQ(items.graphql_name, "app_items");
  EXPECT_EQ(items.root_fields.select_by_pk, "app_items_by_pk");
  EXPECT_EQ(TableOf(resolved, "public", "notes").graphql_name, "notes");
}

TEST(ResolveTest, ColumnsGetHasurasScalars) {
  Resolved resolved = ResolveSources(DefaultSource(R"([{"table":"users"}])"), ShopCatalogs());
  const Table& users = TableOf(resolved, "public", "users");
  const std::vector<std::pair<std::string, std::string>> expected = {{"id", "Int"},
                                                                     {"name", "String"},
                                                                     {"email", "String"},
                                                                     {"age", "smallint"},
                                                                     {"score", "float8"},
                                                                     {"balance", "numeric"},
                                                                     {"active", "Boolean"},
                                                                     {"tags", "String"},
                                                                     {"data", "jsonb"},
                                                                     {"meta", "json"},
                                                                     {"created_at", "timestamptz"},
                                                                     {"mood", "mood"},
                                                                     {"address", "inet"}};
  ASSERT_EQ(users.columns.size(), expected.size());
  for (size_t i = 0; i < expected.size(); ++i) {
    EXPECT_EQ(users.columns[i].graphql_name, expected[i].first);
    EXPECT_EQ(users.columns[i].scalar, expected[i].second) << expected[i].first;
  }
  EXPECT_TRUE(users.FindColumn("tags")->is_array);
  EXPECT_FALSE(users.FindColumn("id")->nullable);
  EXPECT_EQ(users.FindColumn("mood")->scalar_kind, PgScalar::Kind::kEnum);
  EXPECT_EQ(users.FindColumn("address")->scalar_kind, PgScalar::Kind::kUnknown);
}

TEST(ResolveTest, CustomNamesRootFieldsAndColumns) {
  Resolved resolved =
      ResolveSources(DefaultSource(R"([{"table":"users","configuration":{"custom_name":"people",)"
                                   R"("custom_root_fields":{"select":"everyone",)"
                                   R"("select_by_pk":{"name":"person","comment":"one person"}},)"
                                   R"("column_config":{"name":{"custom_name":"fullName"}},)"
                                   R"("custom_column_names":{"email":"mail","name":"ignored"}}}])"),
                     ShopCatalogs());
  EXPECT_TRUE(resolved.inconsistent_objects.empty());
  const Table& users = TableOf(resolved, "public", "users");
  EXPECT_EQ(users.graphql_name, "people");
  EXPECT_EQ(users.root_fields.select, "everyone");
  EXPECT_EQ(users.root_fields.select_by_pk, "person");
  EXPECT_EQ(users.root_field_comments.select_by_pk, "one person");
  EXPECT_EQ(users.root_fields.select_aggregate, "people_aggregate");
  EXPECT_EQ(users.FindColumnByName("name")->graphql_name, "fullName");
  EXPECT_EQ(users.FindColumnByName("email")->graphql_name, "mail");
}

TEST(ResolveTest, RelationshipsThroughForeignKeys) {
  Resolved resolved = ResolveSources(
      DefaultSource(
          R"([{"table":"users","array_relationships":[{"name":"orders","using":)"
          R"({"foreign_key_constraint_on":{"table":"orders","column":"user_id"}}}]},)"
          R"({"table":"orders","object_relationships":[{"name":"user","using":)"
          R"({"foreign_key_constraint_on":"user_id"}}]},)"
          R"({"table":{"schema":"app","name":"items"},"object_relationships":[{"name":"order",)"
          R"("using":{"foreign_key_constraint_on":["order_id"]}}]}])"),
      ShopCatalogs());
  EXPECT_TRUE(resolved.inconsistent_objects.empty());
  const Table& users = TableOf(resolved, "public", "users");
  const Table& orders = TableOf(resolved, "public", "orders");

  const Relationship* to_orders = users.FindRelationship("orders");
  ASSERT_NE(to_orders, nullptr);
  EXPECT_EQ(to_orders->kind, Relationship::Kind::kArray);
  EXPECT_EQ(to_orders->target, &orders);
  EXPECT_EQ(to_orders->mapping,
            (std::vector<std::pair<std::string, std::string>>{{"id", "user_id"}}));

  const Relationship* to_user = orders.FindRelationship("user");
  ASSERT_NE(to_user, nullptr);
  EXPECT_EQ(to_user->kind, Relationship::Kind::kObject);
  EXPECT_EQ(to_user->target, &users);
  EXPECT_EQ(to_user->mapping,
            (std::vector<std::pair<std::string, std::string>>{{"user_id", "id"}}));
  EXPECT_FALSE(to_user->nullable) << "user_id is NOT NULL";

  const Relationship* to_order = TableOf(resolved, "app", "items").FindRelationship("order");
  ASSERT_NE(to_order, nullptr);
  EXPECT_TRUE(to_order->nullable) << "order_id is nullable";
}

TEST(ResolveTest, RelationshipsThroughManualConfiguration) {
  Resolved resolved = ResolveSources(
      DefaultSource(
          R"([{"table":"users"},{"table":"orders","object_relationships":[{"name":)"
          R"("buyer","using":{"manual_configuration":{"remote_table":)"
          R"({"schema":"public","name":"users"},"column_mapping":{"user_id":"id"}}}}]}])"),
      ShopCatalogs());
  EXPECT_TRUE(resolved.inconsistent_objects.empty());
  const Relationship* buyer = TableOf(resolved, "public", "orders").FindRelationship("buyer");
  ASSERT_NE(buyer, nullptr);
  EXPECT_EQ(buyer->target, &TableOf(resolved, "public", "users"));
  EXPECT_TRUE(buyer->nullable) << "a manual object relationship may find nothing";
  EXPECT_EQ(buyer->mapping, (std::vector<std::pair<std::string, std::string>>{{"user_id", "id"}}));
}

TEST(ResolveTest, MissingTableIsInconsistentAndTheRestIsServed) {
  Resolved resolved = ResolveSources(
      DefaultSource(R"([{"table":"users"},{"table":{"schema":"pub","name":"gone"}}])"),
      ShopCatalogs());
  ASSERT_EQ(resolved.inconsistent_objects.size(), 1u);
  const metadata::InconsistentObject& object = resolved.inconsistent_objects[0];
  EXPECT_EQ(metadata::DumpJson(metadata::ToJson(object)),
            R"({"definition":{"name":"gone","schema":"pub"},"name":"table pub.gone in source )"
            R"(default","reason":"Inconsistent object: no such table/view exists in source: )"
            R"(\"pub.gone\"","type":"table"})");
  EXPECT_EQ(object.section, "sources");
  EXPECT_EQ(object.index, 0u);
  EXPECT_EQ(object.pointer, "/tables/1");
  EXPECT_NE(resolved.model->FindTable("default", {"public", "users"}), nullptr);
}

TEST(ResolveTest, RelationshipWithoutForeignKeyIsInconsistent) {
  Resolved resolved = ResolveSources(
      DefaultSource(R"([{"table":"users"},{"table":"orders","object_relationships":[{"name":)"
                    R"("user","using":{"foreign_key_constraint_on":"total"}}]}])"),
      ShopCatalogs());
  ASSERT_EQ(resolved.inconsistent_objects.size(), 1u);
  const metadata::InconsistentObject& object = resolved.inconsistent_objects[0];
  EXPECT_EQ(metadata::DumpJson(metadata::ToJson(object)),
            R"({"definition":{"comment":null,"name":"user","source":"default",)"
            R"("table":{"name":"orders","schema":"public"},)"
            R"("using":{"foreign_key_constraint_on":"total"}},)"
            R"("name":"object_relation user in table orders in source default",)"
            R"("reason":"Inconsistent object: in table \"orders\": in relationship \"user\": )"
            R"j(no foreign constraint exists on the given column(s)","type":"object_relation"})j");
  EXPECT_EQ(object.pointer, "/tables/1/object_relationships/0");
  EXPECT_TRUE(TableOf(resolved, "public", "orders").relationships.empty());
}

TEST(ResolveTest, RelationshipToUntrackedOrMissingTableIsInconsistent) {
  Resolved resolved = ResolveSources(
      DefaultSource(
          R"([{"table":"orders","object_relationships":[{"name":"user","using":)"
          R"({"foreign_key_constraint_on":"user_id"}}],"array_relationships":[{"name":"x",)"
          R"("using":{"foreign_key_constraint_on":{"table":"nowhere","column":"id"}}}]}])"),
      ShopCatalogs());
  ASSERT_EQ(resolved.inconsistent_objects.size(), 2u);
  EXPECT_EQ(resolved.inconsistent_objects[0].reason,
            "Inconsistent object: table \"users\" is not tracked");
  EXPECT_EQ(resolved.inconsistent_objects[1].type, "array_relation");
  EXPECT_EQ(resolved.inconsistent_objects[1].reason,
            "Inconsistent object: in table \"orders\": in relationship \"x\": table \"nowhere\" "
            "does not exist in source: default");
}

TEST(ResolveTest, UnreachableSourceServesNothing) {
  metadata::Catalogs catalogs;
  catalogs.emplace("default", Error(ErrorCode::kPostgresError, "connection to server failed"));
  Resolved resolved = ResolveSources(DefaultSource(R"([{"table":"users"}])"), catalogs);
  ASSERT_EQ(resolved.inconsistent_objects.size(), 1u);
  EXPECT_EQ(metadata::DumpJson(metadata::ToJson(resolved.inconsistent_objects[0])),
            R"({"definition":"default","message":"connection to server failed",)"
            R"("name":"source default","reason":"Inconsistent object: connection error",)"
            R"("type":"source"})");
  EXPECT_EQ(resolved.inconsistent_objects[0].index, 0u);
  EXPECT_TRUE(resolved.model->sources.empty());
}

TEST(ResolveTest, ClashingGraphqlNamesMakeTheLaterTableInconsistent) {
  Resolved resolved = ResolveSources(
      DefaultSource(R"([{"table":"users"},)"
                    R"({"table":"orders","configuration":{"custom_name":"users"}}])"),
      ShopCatalogs());
  ASSERT_EQ(resolved.inconsistent_objects.size(), 1u);
  EXPECT_EQ(resolved.inconsistent_objects[0].name, "table orders in source default");
  EXPECT_EQ(resolved.inconsistent_objects[0].reason,
            "Inconsistent object: the GraphQL type \"users\" is already generated for table "
            "\"users\"");
  EXPECT_EQ(resolved.model->FindTable("default", {"public", "orders"}), nullptr);
}

TEST(ResolveTest, NamesAreClaimedAcrossSources) {
  metadata::Metadata metadata = MetadataFrom(
      R"({"version":3,"sources":[)"
      R"({"name":"default","kind":"postgres","tables":[{"table":"users"}],"configuration":{}},)"
      R"({"name":"second","kind":"postgres","tables":[{"table":"users"},{"table":"orders"}],)"
      R"("configuration":{}}]})");
  metadata::Catalogs catalogs = ShopCatalogs();
  catalogs.emplace("second", testing::ShopCatalog());
  Resolved resolved = ResolveSources(metadata, catalogs);
  ASSERT_EQ(resolved.inconsistent_objects.size(), 1u);
  EXPECT_EQ(resolved.inconsistent_objects[0].name, "table users in source second");
  EXPECT_EQ(resolved.inconsistent_objects[0].index, 1u);
  EXPECT_EQ(resolved.inconsistent_objects[0].reason,
            "Inconsistent object: the GraphQL type \"users\" is already generated for table "
            "\"users\" in source \"default\"");
  EXPECT_EQ(resolved.model->FindTable("second", {"public", "users"}), nullptr);
  EXPECT_NE(resolved.model->FindTable("second", {"public", "orders"}), nullptr);
  Result<std::shared_ptr<const RoleSchema>> admin = BuildRoleSchema(resolved.model);
  ASSERT_TRUE(admin) << admin.error().message;
  EXPECT_NE((*admin)->schema->FindType("users"), nullptr);
  EXPECT_NE((*admin)->schema->FindType("orders"), nullptr);
}

TEST(ResolveTest, TableTypesMayNotTakeSharedOrColumnNames) {
  metadata::Catalogs catalogs = ShopCatalogs();
  metadata::Catalog& catalog = *catalogs.at("default");
  metadata::CatalogTable mood;
  mood.name = {"public", "mood"};
  mood.columns = {testing::Col("label", "text")};
  catalog.tables[mood.name] = mood;
  Resolved resolved = ResolveSources(
      DefaultSource(R"([{"table":"mood"},{"table":"users"},{"table":"notes","configuration":)"
                    R"({"column_config":{"body":{"custom_name":"text"}},)"
                    R"("custom_column_names":{"body":"ignored"}}},)"
                    R"({"table":"orders","configuration":{"custom_column_names":)"
                    R"({"total":"id"}}}])"),
      catalogs);
  ASSERT_EQ(resolved.inconsistent_objects.size(), 2u);
  EXPECT_EQ(resolved.inconsistent_objects[0].reason,
            "Inconsistent object: in table \"orders\": more than one column is named \"id\" in "
            "the GraphQL schema");
  EXPECT_EQ(resolved.inconsistent_objects[1].name, "table mood in source default");
  EXPECT_EQ(resolved.inconsistent_objects[1].reason,
            "Inconsistent object: the GraphQL type \"mood\" clashes with a type the schema needs");
  EXPECT_NE(resolved.model->FindTable("default", {"public", "notes"}), nullptr);
}

TEST(ResolveTest, SourceCustomizationIsNotSupported) {
  metadata::Metadata metadata = MetadataFrom(
      R"({"version":3,"sources":[{"name":"default","kind":"postgres","tables":[{"table":"users"}],)"
      R"("configuration":{},"customization":{"root_fields":{"prefix":"a_"}}}]})");
  Resolved resolved = ResolveSources(metadata, ShopCatalogs());
  ASSERT_EQ(resolved.inconsistent_objects.size(), 1u);
  EXPECT_EQ(resolved.inconsistent_objects[0].name, "source default");
  EXPECT_EQ(resolved.inconsistent_objects[0].reason,
            "Inconsistent object: source customization is not supported by Junction yet");
  EXPECT_TRUE(resolved.model->sources.empty());
}

TEST(ResolveTest, OtherSourceKindsAreNotSupported) {
  metadata::Metadata metadata =
      MetadataFrom(R"({"version":3,"sources":[{"name":"ms","kind":"mssql","tables":[]}]})");
  std::vector<metadata::InconsistentObject> objects = FindInconsistentObjects(metadata, {});
  ASSERT_EQ(objects.size(), 1u);
  EXPECT_EQ(objects[0].reason,
            "Inconsistent object: sources of kind \"mssql\" are not supported by Junction yet "
            "(no mssql backend)");
}

}  // namespace
}  // namespace junction::schema
