#include "schema/snapshot.h"

#include <string>

#include <gtest/gtest.h>

#include "metadata/json_text.h"
#include "schema/inconsistencies.h"

namespace junction::schema {
namespace {

metadata::Metadata MetadataFrom(std::string_view text) {
  Result<metadata::Json> json = metadata::ParseJsonText(text);
  EXPECT_TRUE(json);
  Result<metadata::Metadata> metadata = metadata::Metadata::FromJson(*json);
  EXPECT_TRUE(metadata) << metadata.error().message;
  return *metadata;
}

TEST(RoleSchemaTest, EmptySchemaHasHasurasPlaceholderQueryRoot) {
  Result<std::shared_ptr<const RoleSchema>> role = BuildEmptyRoleSchema();
  ASSERT_TRUE(role) << role.error().message;
  const graphql::Schema& schema = *(*role)->schema;

  ASSERT_NE(schema.query_type(), nullptr);
  EXPECT_EQ(schema.query_type()->name, "query_root");
  EXPECT_EQ(schema.mutation_type(), nullptr);
  EXPECT_EQ(schema.subscription_type(), nullptr);

  ASSERT_EQ(schema.query_type()->fields.size(), 1u);
  const graphql::FieldDef& field = schema.query_type()->fields.front();
  EXPECT_EQ(field.name, "no_queries_available");
  EXPECT_EQ(field.type.ToString(), "String!");
  EXPECT_TRUE(field.arguments.empty());
  EXPECT_EQ(field.description,
            "There are no queries available to the current role. Either there are no sources or "
            "remote schemas configured, or the current role doesn't have the required "
            "permissions.");

  const RootField* bound =
      (*role)->FindRootField(graphql::OperationType::kQuery, "no_queries_available");
  ASSERT_NE(bound, nullptr);
  ASSERT_TRUE(std::holds_alternative<PlaceholderField>(*bound));
  EXPECT_EQ(std::get<PlaceholderField>(*bound).value, field.description);
  EXPECT_EQ((*role)->FindRootField(graphql::OperationType::kMutation, "no_queries_available"),
            nullptr);
  EXPECT_EQ((*role)->FindRootField(graphql::OperationType::kQuery, "users"), nullptr);
}

TEST(SnapshotTest, EmptyMetadataIsConsistentAndEveryRoleGetsASchema) {
  Result<std::shared_ptr<const Snapshot>> snapshot = BuildSnapshot(metadata::Metadata(), {});
  ASSERT_TRUE(snapshot) << snapshot.error().message;
  EXPECT_TRUE((*snapshot)->inconsistent_objects.empty());
  EXPECT_EQ((*snapshot)->metadata, metadata::Metadata());
  EXPECT_EQ(&(*snapshot)->ForRole("admin"), (*snapshot)->admin.get());
  EXPECT_EQ(&(*snapshot)->ForRole("user"), (*snapshot)->unprivileged.get());
  EXPECT_EQ((*snapshot)->ForRole("anyone").schema->query_type()->name, "query_root");
}

TEST(SnapshotTest, UnservableObjectsBecomeInconsistentObjects) {
  metadata::Metadata metadata = MetadataFrom(
      R"({"version":3,"sources":[{"name":"default","kind":"postgres","tables":[]},)"
      R"({"name":"legacy","tables":[]},{"name":"ms","kind":"mssql"}],)"
      R"("remote_schemas":[{"name":"countries","definition":{}}],)"
      R"("query_collections":[{"name":"c","definition":{"queries":[]}}],)"
      R"("actions":[{"name":"login","definition":{}}],)"
      R"("cron_triggers":[{"name":"nightly"}],"rest_endpoints":[{"name":"e"}],)"
      R"("api_limits":{"disabled":false,"depth_limit":{"global":3}},)"
      R"("inherited_roles":[{"role_name":"m","role_set":["a"]}],)"
      R"("graphql_schema_introspection":{"disabled_for_roles":["anon"]},"network":{}})");
  metadata::Catalogs catalogs;
  catalogs.emplace("default", Error(ErrorCode::kPostgresError, "could not connect"));
  Result<std::shared_ptr<const Snapshot>> snapshot = BuildSnapshot(metadata, catalogs);
  ASSERT_TRUE(snapshot);
  const auto& objects = (*snapshot)->inconsistent_objects;
  ASSERT_EQ(objects.size(), 9u);

  EXPECT_EQ(metadata::DumpJson(metadata::ToJson(objects[0])),
            R"({"definition":"default","message":"could not connect","name":"source default",)"
            R"("reason":"Inconsistent object: connection error","type":"source"})");
  EXPECT_EQ(objects[1].name, "source legacy");
  EXPECT_NE(objects[1].reason.find("was not introspected"), std::string::npos)
      << "kind defaults to postgres, which needs a catalog";
  EXPECT_NE(objects[2].reason.find("\"mssql\""), std::string::npos);
  EXPECT_EQ(objects[2].section, "sources");
  EXPECT_EQ(objects[2].index, 2u);

  EXPECT_EQ(objects[3].type, "remote_schema");
  EXPECT_EQ(objects[3].name, "remote_schema countries");
  EXPECT_EQ(objects[3].reason,
            "Inconsistent object: remote schema countries has not been introspected");
  EXPECT_EQ(objects[4].name, "action login");
  EXPECT_EQ(objects[5].name, "cron_trigger nightly");
  EXPECT_EQ(objects[6].name, "endpoint e");
  EXPECT_EQ(objects[7].type, "api_limits");
  EXPECT_FALSE(objects[7].index.has_value());
  EXPECT_EQ(objects[8].type, "graphql_schema_introspection");

  // The schema is still the placeholder one: nothing above can be served.
  EXPECT_EQ((*snapshot)->admin->query_fields.count("no_queries_available"), 1u);
}

TEST(SnapshotTest, HarmlessSectionsAreConsistent) {
  metadata::Metadata metadata = MetadataFrom(
      R"({"version":3,"sources":[],"query_collections":[{"name":"c","definition":{"queries":[]}}],)"
      R"("allowlist":[{"collection":"c"}],"custom_types":{"objects":[]},)"
      R"("api_limits":{"disabled":true,"depth_limit":{"global":3}},)"
      R"("graphql_schema_introspection":{"disabled_for_roles":[]},)"
      R"("inherited_roles":[{"role_name":"m","role_set":["a"]}],"network":{"a":1},)"
      R"("backend_configs":{"dataconnector":{}},"metrics_config":{"x":1},)"
      R"("opentelemetry":{"status":"disabled"}})");
  EXPECT_TRUE(FindInconsistentObjects(metadata, {}).empty());
}

}  // namespace
}  // namespace junction::schema
