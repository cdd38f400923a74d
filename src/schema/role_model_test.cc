#include "schema/role_model.h"

#include <algorithm>

#include <gtest/gtest.h>

#include "schema/resolve.h"
#include "schema/snapshot.h"
#include "schema/test_catalog.h"

namespace junction::schema {
namespace {

using testing::DefaultSource;
using testing::ShopCatalogs;

// users and orders (orders.user_id → users.id), with the given select permissions.
metadata::Metadata Shop(std::string_view user_permissions, std::string_view order_permissions) {
  return DefaultSource(R"([{"table":"users","array_relationships":[{"name":"orders","using":)"
                       R"({"foreign_key_constraint_on":{"table":"orders","column":"user_id"}}}],)"
                       R"("select_permissions":)" +
                       std::string(user_permissions) +
                       R"(},{"table":"orders","object_relationships":[{"name":"user","using":)"
                       R"({"foreign_key_constraint_on":"user_id"}}],"select_permissions":)" +
                       std::string(order_permissions) + "}]");
}

RoleModels Resolve(const metadata::Metadata& metadata) {
  return ResolveRoleModels(metadata, ResolveSources(metadata, ShopCatalogs()).model);
}

std::vector<std::string> FieldNames(const graphql::Schema& schema, std::string_view type) {
  std::vector<std::string> names;
  const graphql::TypeDef* found = schema.FindType(type);
  if (found == nullptr) return names;
  for (const auto& field : found->fields) names.push_back(field.name);
  for (const auto& field : found->input_fields) names.push_back(field.name);
  return names;
}

bool Has(const std::vector<std::string>& names, std::string_view name) {
  return std::ranges::find(names, name) != names.end();
}

TEST(RoleModelTest, ARoleSeesOnlyWhatItsPermissionsAllow) {
  const metadata::Metadata metadata = Shop(
      R"([{"role":"user","permission":{"columns":["name"],"filter":{"id":{"_eq":"X-Hasura-User-Id"}}}}])",
      R"([{"role":"user","permission":{"columns":"*","filter":{},"limit":2,)"
      R"("allow_aggregations":true,"query_root_fields":["select","select_aggregate"]}}])");
  RoleModels roles = Resolve(metadata);
  ASSERT_TRUE(roles.inconsistent_objects.empty());
  ASSERT_TRUE(roles.roles.contains("user"));
  const SourceModel& model = *roles.roles.at("user");
  const Table* users = model.FindTable("default", {"public", "users"});
  ASSERT_NE(users, nullptr);
  ASSERT_EQ(users->columns.size(), 1u);
  EXPECT_EQ(users->columns[0].name, "name");
  EXPECT_NE(users->FindColumnByName("id"), nullptr);  // hidden, still a join key
  EXPECT_EQ(users->FindColumn("id"), nullptr);
  EXPECT_TRUE(users->root_fields.select_by_pk.empty());  // id is not selectable
  EXPECT_TRUE(users->root_fields.select_aggregate.empty());
  EXPECT_TRUE(users->permission->uses_session);
  // The relationship points at the role's orders, whose permission applies inside.
  const Relationship* orders = users->FindRelationship("orders");
  ASSERT_NE(orders, nullptr);
  EXPECT_EQ(orders->target, model.FindTable("default", {"public", "orders"}));
  EXPECT_EQ(orders->target->permission->limit, 2);

  Result<std::shared_ptr<const Snapshot>> snapshot = BuildSnapshot(metadata, ShopCatalogs());
  ASSERT_TRUE(snapshot);
  const graphql::Schema& schema = *(*snapshot)->ForRole("user").schema;
  EXPECT_EQ(FieldNames(schema, "users"),
            (std::vector<std::string>{"name", "orders", "orders_aggregate"}));
  EXPECT_EQ(FieldNames(schema, "query_root"),
            (std::vector<std::string>{"orders", "orders_aggregate", "users"}));
  EXPECT_FALSE(Has(FieldNames(schema, "users_bool_exp"), "id"));
  EXPECT_TRUE((*snapshot)->ForRole("user").session_dependent);
  // Any other role: the placeholder.
  EXPECT_EQ(FieldNames(*(*snapshot)->ForRole("guest").schema, "query_root"),
            (std::vector<std::string>{"no_queries_available"}));
}

TEST(RoleModelTest, NoAggregatesAndNoRelationshipWithoutPermission) {
  const metadata::Metadata metadata =
      Shop(R"([{"role":"user","permission":{"columns":["id","name"],"filter":{}}}])", "[]");
  Result<std::shared_ptr<const Snapshot>> snapshot = BuildSnapshot(metadata, ShopCatalogs());
  ASSERT_TRUE(snapshot);
  const graphql::Schema& schema = *(*snapshot)->ForRole("user").schema;
  EXPECT_EQ(FieldNames(schema, "users"), (std::vector<std::string>{"id", "name"}));
  EXPECT_EQ(FieldNames(schema, "query_root"), (std::vector<std::string>{"users", "users_by_pk"}));
  EXPECT_EQ(schema.FindType("orders"), nullptr);
  EXPECT_FALSE((*snapshot)->ForRole("user").session_dependent);
}

TEST(RoleModelTest, BrokenPermissionsAreInconsistentObjects) {
  const metadata::Metadata metadata = Shop(
      R"([{"role":"a","permission":{"columns":["nope"],"filter":{}}},)"
      R"({"role":"b","permission":{"columns":["id"],"filter":{"nope":{"_eq":1}}}},)"
      R"({"role":"c","permission":{"columns":["id"],"filter":{"id":{"_frob":1}}}},)"
      R"({"role":"d","permission":{"columns":["id"],"filter":{"_exists":{"_table":"gone","_where":{}}}}},)"
      R"({"role":"e","permission":{"columns":["id"],"filter":{},"limit":-1}},)"
      R"({"role":"f","permission":{"columns":["id"],"filter":{"orders":{"total":{"_gt":"5"}}}}}])",
      "[]");
  RoleModels roles = Resolve(metadata);
  ASSERT_EQ(roles.inconsistent_objects.size(), 5u);
  EXPECT_EQ(roles.inconsistent_objects[0].type, "select_permission");
  EXPECT_EQ(roles.inconsistent_objects[0].name,
            "select_permission a in table users in source default");
  EXPECT_EQ(roles.inconsistent_objects[0].reason,
            R"(Inconsistent object: in table "users": in permission for role "a": no such column )"
            R"(exists: "nope")");
  EXPECT_EQ(roles.inconsistent_objects[0].pointer, "/tables/0/select_permissions/0");
  EXPECT_EQ(roles.inconsistent_objects[1].reason,
            R"(Inconsistent object: in table "users": in permission for role "b": no such column )"
            R"(or relationship exists: "nope")");
  EXPECT_EQ(roles.inconsistent_objects[2].reason,
            R"(Inconsistent object: in table "users": in permission for role "c": unknown )"
            R"(operator "_frob" on column "id")");
  EXPECT_NE(roles.inconsistent_objects[3].reason.find(R"(table "gone" is not tracked)"),
            std::string::npos);
  EXPECT_NE(roles.inconsistent_objects[4].reason.find("non-negative"), std::string::npos);
  // The consistent one still serves.
  EXPECT_TRUE(roles.roles.contains("f"));
  EXPECT_FALSE(roles.roles.contains("a"));
}

}  // namespace
}  // namespace junction::schema
