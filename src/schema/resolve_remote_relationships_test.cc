// Remote relationships (resolve_remote_relationships.cc) between two hand-built sources:
// "default" (test_catalog.h's shop) and "crm":
//
//   crm.public.profiles(id int4 pk, user_id int8, user_name text, labels text[])
//   crm.public.tickets(id int4 pk, user_id int4, subject text)

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include "metadata/json_text.h"
#include "schema/build_role_schema.h"
#include "schema/resolve.h"
#include "schema/test_catalog.h"

namespace junction::schema {
namespace {

using testing::Col;
using testing::MetadataFrom;
using Mapping = std::vector<std::pair<std::string, std::string>>;

metadata::Catalog CrmCatalog() {
  metadata::Catalog catalog;
  metadata::CatalogTable profiles;
  profiles.name = {"public", "profiles"};
  profiles.columns = {Col("id", "int4", false), Col("user_id", "int8"), Col("user_name", "text"),
                      Col("labels", "text", true, true)};
  profiles.primary_key = {"id"};
  catalog.tables[profiles.name] = profiles;
  metadata::CatalogTable tickets;
  tickets.name = {"public", "tickets"};
  tickets.columns = {Col("id", "int4", false), Col("user_id", "int4"), Col("subject", "text")};
  tickets.primary_key = {"id"};
  catalog.tables[tickets.name] = tickets;
  return catalog;
}

metadata::Catalogs TwoCatalogs() {
  metadata::Catalogs catalogs = testing::ShopCatalogs();
  catalogs.emplace("crm", CrmCatalog());
  return catalogs;
}

// "default" tracking `tables` (a JSON array's text), "crm" tracking profiles and tickets.
metadata::Metadata TwoSources(std::string_view tables) {
  return MetadataFrom(
      R"({"version":3,"sources":[{"name":"default","kind":"postgres","tables":)" +
      std::string(tables) +
      R"(,"configuration":{}},{"name":"crm","kind":"postgres","tables":[{"table":"profiles"},)"
      R"({"table":"tickets"}],"configuration":{}}]})");
}

// A `to_source` remote relationship entry's text.
std::string ToSource(std::string_view name, std::string_view type, std::string_view source,
                     std::string_view table, std::string_view mapping) {
  return R"({"name":")" + std::string(name) + R"(","definition":{"to_source":{"source":")" +
         std::string(source) + R"(","table":)" + std::string(table) + R"(,"relationship_type":")" +
         std::string(type) + R"(","field_mapping":)" + std::string(mapping) + "}}}";
}

// "default" tracking users and orders, the latter with the remote relationships `remote` (the
// text of a JSON array's members).
Resolved OrdersWith(const std::string& remote, const metadata::Catalogs& catalogs = TwoCatalogs()) {
  return ResolveSources(
      TwoSources(R"([{"table":"users"},{"table":"orders","object_relationships":[{"name":)"
                 R"("user","using":{"foreign_key_constraint_on":"user_id"}}],)"
                 R"("remote_relationships":[)" +
                 remote + "]}]"),
      catalogs);
}

const Table& TableOf(const Resolved& resolved, std::string_view source, std::string name) {
  const Table* table = resolved.model->FindTable(source, {"public", std::move(name)});
  EXPECT_NE(table, nullptr);
  return *table;
}

// The reason of the only inconsistent object.
std::string OnlyReason(const Resolved& resolved) {
  EXPECT_EQ(resolved.inconsistent_objects.size(), 1u);
  if (resolved.inconsistent_objects.empty()) return "";
  EXPECT_EQ(resolved.inconsistent_objects[0].type, "remote_relationship");
  return resolved.inconsistent_objects[0].reason;
}

TEST(RemoteRelationshipTest, ObjectAndArrayRelationshipsResolveToTheOtherSource) {
  Resolved resolved = ResolveSources(
      TwoSources(R"([{"table":"users","remote_relationships":[)" +
                 ToSource("tickets", "array", "crm", R"("tickets")", R"({"id":"user_id"})") + "," +
                 ToSource("profile", "object", "crm", R"({"schema":"public","name":"profiles"})",
                          R"({"name":"user_name","id":"user_id"})") +
                 "]}]"),
      TwoCatalogs());
  ASSERT_TRUE(resolved.inconsistent_objects.empty()) << resolved.inconsistent_objects[0].reason;
  const Table& users = TableOf(resolved, "default", "users");
  ASSERT_EQ(users.relationships.size(), 2u);

  const Relationship* tickets = users.FindRelationship("tickets");
  ASSERT_NE(tickets, nullptr);
  EXPECT_TRUE(tickets->remote);
  EXPECT_EQ(tickets->kind, Relationship::Kind::kArray);
  EXPECT_EQ(tickets->target, &TableOf(resolved, "crm", "tickets"));
  EXPECT_EQ(tickets->target->source, "crm");
  EXPECT_EQ(tickets->mapping, (Mapping{{"id", "user_id"}}));
  EXPECT_TRUE(tickets->nullable);

  const Relationship* profile = users.FindRelationship("profile");
  ASSERT_NE(profile, nullptr);
  EXPECT_TRUE(profile->remote);
  EXPECT_EQ(profile->kind, Relationship::Kind::kObject);
  EXPECT_EQ(profile->target, &TableOf(resolved, "crm", "profiles"));
  EXPECT_EQ(profile->mapping, (Mapping{{"name", "user_name"}, {"id", "user_id"}}))
      << "in field_mapping order; int4 joins int8";
  EXPECT_TRUE(profile->nullable);
}

TEST(RemoteRelationshipTest, ARelationshipToTheSameSourceIsRemoteToo) {
  Resolved resolved =
      OrdersWith(ToSource("buyer", "object", "default", R"("users")", R"({"user_id":"id"})"));
  ASSERT_TRUE(resolved.inconsistent_objects.empty());
  const Table& orders = TableOf(resolved, "default", "orders");
  const Relationship* buyer = orders.FindRelationship("buyer");
  ASSERT_NE(buyer, nullptr);
  EXPECT_TRUE(buyer->remote);
  EXPECT_EQ(buyer->target, &TableOf(resolved, "default", "users"));
  EXPECT_EQ(buyer->mapping, (Mapping{{"user_id", "id"}}));
  EXPECT_FALSE(orders.FindRelationship("user")->remote);
}

TEST(RemoteRelationshipTest, UnknownSourceIsInconsistentAsInHasura) {
  Resolved resolved =
      OrdersWith(ToSource("profile", "object", "nowhere", R"("profiles")", R"({"user_id":"id"})"));
  ASSERT_EQ(resolved.inconsistent_objects.size(), 1u);
  const metadata::InconsistentObject& object = resolved.inconsistent_objects[0];
  EXPECT_EQ(metadata::DumpJson(metadata::ToJson(object)),
            R"({"definition":{"definition":{"to_source":{"field_mapping":{"user_id":"id"},)"
            R"("relationship_type":"object","source":"nowhere","table":"profiles"}},)"
            R"("name":"profile","source":"default","table":{"name":"orders","schema":"public"}},)"
            R"("name":"remote_relationship profile in table orders in source default",)"
            R"("reason":"Inconsistent object: in table \"orders\": in remote relationship )"
            R"(\"profile\": source not found: \"nowhere\"","type":"remote_relationship"})");
  EXPECT_EQ(object.section, "sources");
  EXPECT_EQ(object.index, 0u);
  EXPECT_EQ(object.pointer, "/tables/1/remote_relationships/0");
  EXPECT_EQ(TableOf(resolved, "default", "orders").FindRelationship("profile"), nullptr);
}

TEST(RemoteRelationshipTest, AnInconsistentTargetSourceIsNotFound) {
  metadata::Catalogs catalogs = TwoCatalogs();
  catalogs.erase("crm");
  catalogs.emplace("crm", Error(ErrorCode::kPostgresError, "connection refused"));
  Resolved resolved = OrdersWith(
      ToSource("profile", "object", "crm", R"("profiles")", R"({"user_id":"user_id"})"), catalogs);
  ASSERT_EQ(resolved.inconsistent_objects.size(), 2u);
  EXPECT_EQ(resolved.inconsistent_objects[0].name,
            "remote_relationship profile in table orders "
            "in source default");
  EXPECT_EQ(resolved.inconsistent_objects[0].reason,
            "Inconsistent object: in table \"orders\": in remote relationship \"profile\": source "
            "not found: \"crm\"");
  EXPECT_EQ(resolved.inconsistent_objects[1].name, "source crm");
}

TEST(RemoteRelationshipTest, UnknownTableIsInconsistent) {
  EXPECT_EQ(OnlyReason(OrdersWith(ToSource("profile", "object", "crm",
                                           R"({"schema":"app","name":"profiles"})",
                                           R"({"user_id":"user_id"})"))),
            "Inconsistent object: in table \"orders\": in remote relationship \"profile\": table "
            "\"app.profiles\" does not exist in source: crm");
}

TEST(RemoteRelationshipTest, AnUntrackedTargetTableDoesNotExist) {
  Resolved resolved = ResolveSources(
      MetadataFrom(
          R"({"version":3,"sources":[{"name":"default","kind":"postgres","tables":[)"
          R"({"table":"orders","remote_relationships":[)" +
          ToSource("profile", "object", "crm", R"("profiles")", R"({"user_id":"user_id"})") +
          R"(]}],"configuration":{}},{"name":"crm","kind":"postgres","tables":[],)"
          R"("configuration":{}}]})"),
      TwoCatalogs());
  EXPECT_EQ(OnlyReason(resolved),
            "Inconsistent object: in table \"orders\": in remote relationship \"profile\": table "
            "\"profiles\" does not exist in source: crm");
}

TEST(RemoteRelationshipTest, UnknownColumnsAreInconsistent) {
  EXPECT_EQ(OnlyReason(OrdersWith(ToSource("profile", "object", "crm", R"("profiles")",
                                           R"({"buyer_id":"user_id"})"))),
            "Inconsistent object: in table \"orders\": in remote relationship \"profile\": "
            "\"buyer_id\" does not exist");
  EXPECT_EQ(OnlyReason(OrdersWith(
                ToSource("profile", "object", "crm", R"("profiles")", R"({"user_id":"owner"})"))),
            "Inconsistent object: in table \"orders\": in remote relationship \"profile\": "
            "\"owner\" does not exist");
}

TEST(RemoteRelationshipTest, JoinColumnsMustBeComparable) {
  EXPECT_EQ(OnlyReason(OrdersWith(ToSource("profile", "object", "crm", R"("profiles")",
                                           R"({"user_id":"user_name"})"))),
            "Inconsistent object: in table \"orders\": in remote relationship \"profile\": column "
            "\"user_id\" (int4) cannot be compared with column \"user_name\" (text) of table "
            "\"profiles\"");
  EXPECT_EQ(OnlyReason(OrdersWith(
                ToSource("profile", "object", "crm", R"("profiles")", R"({"total":"user_id"})"))),
            "Inconsistent object: in table \"orders\": in remote relationship \"profile\": column "
            "\"total\" (numeric) cannot be compared with column \"user_id\" (int8) of table "
            "\"profiles\"");
  EXPECT_EQ(OnlyReason(OrdersWith(ToSource("profile", "object", "crm", R"("profiles")",
                                           R"({"user_id":"user_name","id":"owner"})"))),
            "Inconsistent object: in table \"orders\": in remote relationship \"profile\": "
            "\"owner\" does not exist")
      << "every column exists before types are compared";
  Resolved lists = ResolveSources(
      TwoSources(R"([{"table":"users","remote_relationships":[)" +
                 ToSource("profile", "object", "crm", R"("profiles")", R"({"tags":"user_name"})") +
                 "]}]"),
      TwoCatalogs());
  EXPECT_EQ(OnlyReason(lists),
            "Inconsistent object: in table \"users\": in remote relationship \"profile\": column "
            "\"tags\" (text[]) cannot be compared with column \"user_name\" (text) of table "
            "\"profiles\"");
}

TEST(RemoteRelationshipTest, TypesOfOneFamilyAreComparable) {
  // users: name text, email varchar, id int4; profiles: user_name text, user_id int8.
  Resolved resolved =
      ResolveSources(TwoSources(R"([{"table":"users","remote_relationships":[)" +
                                ToSource("by_email", "object", "crm", R"("profiles")",
                                         R"({"email":"user_name","id":"user_id"})") +
                                "]}]"),
                     TwoCatalogs());
  EXPECT_TRUE(resolved.inconsistent_objects.empty());
  EXPECT_EQ(TableOf(resolved, "default", "users").relationships.size(), 1u);
}

// Array columns are no join keys, not even with an array of the same type: the engine sends the
// keys as an array of the target column's type.
TEST(RemoteRelationshipTest, ArrayColumnsAreNoJoinKeys) {
  Resolved resolved = ResolveSources(
      TwoSources(R"([{"table":"users","remote_relationships":[)" +
                 ToSource("by_tags", "object", "crm", R"("profiles")", R"({"tags":"labels"})") +
                 "]}]"),
      TwoCatalogs());
  EXPECT_EQ(OnlyReason(resolved),
            "Inconsistent object: in table \"users\": in remote relationship \"by_tags\": column "
            "\"tags\" (text[]) cannot be compared with column \"labels\" (text[]) of table "
            "\"profiles\"");
}

TEST(RemoteRelationshipTest, NamesTakenByColumnsOrRelationshipsAreInconsistent) {
  EXPECT_EQ(OnlyReason(OrdersWith(
                ToSource("total", "object", "crm", R"("profiles")", R"({"user_id":"user_id"})"))),
            "Inconsistent object: field definition conflicts with postgres column");
  Resolved local =
      OrdersWith(ToSource("user", "object", "crm", R"("profiles")", R"({"user_id":"user_id"})"));
  EXPECT_EQ(OnlyReason(local), "Conflicting objects: conflicting definitions for field \"user\"");
  EXPECT_FALSE(TableOf(local, "default", "orders").FindRelationship("user")->remote)
      << "the local relationship stays";
  EXPECT_EQ(
      OnlyReason(OrdersWith(
          ToSource("tickets", "array", "crm", R"("tickets")", R"({"user_id":"user_id"})") + "," +
          ToSource("tickets_aggregate", "object", "crm", R"("profiles")",
                   R"({"user_id":"user_id"})"))),
      "Conflicting objects: conflicting definitions for field \"tickets_aggregate\"");
  Resolved custom = ResolveSources(
      TwoSources(R"([{"table":"orders","configuration":{"column_config":{"total":)"
                 R"({"custom_name":"profile"}}},"remote_relationships":[)" +
                 ToSource("profile", "object", "crm", R"("profiles")", R"({"user_id":"user_id"})") +
                 "]}]"),
      TwoCatalogs());
  EXPECT_EQ(OnlyReason(custom),
            "Inconsistent object: field definition conflicts with custom field name for postgres "
            "column \"total\"");
}

TEST(RemoteRelationshipTest, RemoteSchemasAreNotFound) {
  Resolved resolved =
      OrdersWith(R"({"name":"messages","definition":{"to_remote_schema":{"remote_schema":"forum",)"
                 R"("lhs_fields":["id"],"remote_field":{"messages":{"arguments":{"id":"$id"}}}}}},)"
                 R"({"name":"legacy","definition":{"remote_schema":"forum","hasura_fields":["id"],)"
                 R"("remote_field":{"messages":{"arguments":{"id":"$id"}}}}})");
  ASSERT_EQ(resolved.inconsistent_objects.size(), 2u);
  EXPECT_EQ(resolved.inconsistent_objects[0].reason,
            "Inconsistent object: in table \"orders\": in remote relationship \"messages\": remote "
            "schema with name \"forum\" not found");
  EXPECT_EQ(metadata::DumpJson(metadata::ToJson(resolved.inconsistent_objects[1])),
            R"({"definition":{"hasura_fields":["id"],"name":"legacy",)"
            R"("remote_field":{"messages":{"arguments":{"id":"$id"}}},"remote_schema":"forum",)"
            R"("source":"default","table":{"name":"orders","schema":"public"}},)"
            R"("name":"remote_relationship legacy in table orders in source default",)"
            R"("reason":"Inconsistent object: in table \"orders\": in remote relationship )"
            R"(\"legacy\": remote schema with name \"forum\" not found",)"
            R"("type":"remote_relationship"})");
}

TEST(RemoteRelationshipTest, TheOlderRemoteSourceKeyIsReadLikeToSource) {
  Resolved resolved = OrdersWith(
      R"({"name":"profile","definition":{"remote_source":{"source":"crm","table":"profiles",)"
      R"("relationship_type":"object","field_mapping":{"user_id":"user_id"}}}})");
  EXPECT_TRUE(resolved.inconsistent_objects.empty());
  EXPECT_NE(TableOf(resolved, "default", "orders").FindRelationship("profile"), nullptr);
}

// The admin schema of users → tickets (array) and orders → profile (object) across sources.
std::shared_ptr<const RoleSchema> CrossSourceSchema() {
  Resolved resolved = ResolveSources(
      TwoSources(R"([{"table":"users","array_relationships":[{"name":"orders","using":)"
                 R"({"foreign_key_constraint_on":{"table":"orders","column":"user_id"}}}],)"
                 R"("remote_relationships":[)" +
                 ToSource("tickets", "array", "crm", R"("tickets")", R"({"id":"user_id"})") +
                 R"(]},{"table":"orders","object_relationships":[{"name":"user","using":)"
                 R"({"foreign_key_constraint_on":"user_id"}}],"remote_relationships":[)" +
                 ToSource("profile", "object", "crm", R"("profiles")", R"({"user_id":"user_id"})") +
                 "]}]"),
      TwoCatalogs());
  EXPECT_TRUE(resolved.inconsistent_objects.empty());
  Result<std::shared_ptr<const RoleSchema>> admin = BuildRoleSchema(resolved.model);
  EXPECT_TRUE(admin) << admin.error().message;
  return *admin;
}

TEST(RemoteRelationshipSchemaTest, ObjectRelationshipIsANullableFieldWithoutArguments) {
  std::shared_ptr<const RoleSchema> admin = CrossSourceSchema();
  const graphql::TypeDef* orders = admin->schema->FindType("orders");
  ASSERT_NE(orders, nullptr);
  const graphql::FieldDef* profile = orders->FindField("profile");
  ASSERT_NE(profile, nullptr);
  EXPECT_EQ(profile->type.ToString(), "profiles");
  EXPECT_TRUE(profile->arguments.empty());
  EXPECT_EQ(profile->description, "") << "Hasura gives remote relationships no description";
  EXPECT_EQ(orders->FindField("user")->type.ToString(), "users!") << "the local one is unchanged";
}

TEST(RemoteRelationshipSchemaTest, ArrayRelationshipHasSelectArgumentsAndAnAggregate) {
  std::shared_ptr<const RoleSchema> admin = CrossSourceSchema();
  const graphql::TypeDef* users = admin->schema->FindType("users");
  ASSERT_NE(users, nullptr);
  const graphql::FieldDef* tickets = users->FindField("tickets");
  ASSERT_NE(tickets, nullptr);
  EXPECT_EQ(tickets->type.ToString(), "[tickets!]!");
  std::vector<std::string> arguments;
  for (const graphql::InputValueDef& argument : tickets->arguments) {
    arguments.push_back(argument.name + ": " + argument.type.ToString());
  }
  EXPECT_EQ(arguments, (std::vector<std::string>{
                           "distinct_on: [tickets_select_column!]", "limit: Int", "offset: Int",
                           "order_by: [tickets_order_by!]", "where: tickets_bool_exp"}));
  const graphql::FieldDef* aggregate = users->FindField("tickets_aggregate");
  ASSERT_NE(aggregate, nullptr);
  EXPECT_EQ(aggregate->type.ToString(), "tickets_aggregate!");
  EXPECT_EQ(aggregate->arguments.size(), 5u);
  EXPECT_NE(admin->schema->FindType("tickets_aggregate"), nullptr);
}

TEST(RemoteRelationshipSchemaTest, RemoteRelationshipsAreNotInBoolExpNorOrderBy) {
  std::shared_ptr<const RoleSchema> admin = CrossSourceSchema();
  const graphql::TypeDef* users_where = admin->schema->FindType("users_bool_exp");
  ASSERT_NE(users_where, nullptr);
  EXPECT_NE(users_where->FindInputField("orders"), nullptr);
  EXPECT_EQ(users_where->FindInputField("tickets"), nullptr);
  const graphql::TypeDef* users_order = admin->schema->FindType("users_order_by");
  ASSERT_NE(users_order, nullptr);
  EXPECT_NE(users_order->FindInputField("orders_aggregate"), nullptr);
  EXPECT_EQ(users_order->FindInputField("tickets_aggregate"), nullptr);
  const graphql::TypeDef* orders_where = admin->schema->FindType("orders_bool_exp");
  ASSERT_NE(orders_where, nullptr);
  EXPECT_NE(orders_where->FindInputField("user"), nullptr);
  EXPECT_EQ(orders_where->FindInputField("profile"), nullptr);
  const graphql::TypeDef* orders_order = admin->schema->FindType("orders_order_by");
  ASSERT_NE(orders_order, nullptr);
  EXPECT_NE(orders_order->FindInputField("user"), nullptr);
  EXPECT_EQ(orders_order->FindInputField("profile"), nullptr);
}

// Two BigQuery sources, author in dataset `source` of "bq-source" and articles in `target` of
// "bq-target" (the seed), with `target_configuration` for bq-target, whose datasets BigQuery
// reported in `target_location` (bq-source's are in US).
Resolved BigQuerySeed(std::string_view target_configuration, std::string target_location = "US",
                      std::optional<int64_t> target_limit = std::nullopt,
                      std::string_view mapping = R"({"id":"author_id"})") {
  metadata::Catalogs catalogs;
  metadata::Catalog source;
  source.location = "US";
  metadata::CatalogTable author;
  author.name = {"source", "author"};
  author.columns = {Col("id", "INT64", false), Col("name", "STRING"), Col("meta", "JSON")};
  for (metadata::CatalogColumn& column : author.columns) column.type_schema = "bigquery";
  source.tables[author.name] = author;
  catalogs.emplace("bq-source", source);
  metadata::Catalog target;
  target.location = std::move(target_location);
  target.global_select_limit = target_limit;
  metadata::CatalogTable articles;
  articles.name = {"target", "articles"};
  articles.columns = {Col("id", "INT64", false), Col("author_id", "INT64"), Col("meta", "JSON")};
  for (metadata::CatalogColumn& column : articles.columns) column.type_schema = "bigquery";
  target.tables[articles.name] = articles;
  catalogs.emplace("bq-target", target);
  const std::string configuration =
      R"({"service_account":{"from_env":"KEY"},"project_id":"p","datasets":["source"]})";
  return ResolveSources(
      MetadataFrom(
          R"({"version":3,"sources":[{"name":"bq-source","kind":"bigquery","configuration":)" +
          configuration +
          R"(,"tables":[{"table":{"dataset":"source","name":"author"},"remote_relationships":[)" +
          ToSource("articles", "array", "bq-target", R"({"dataset":"target","name":"articles"})",
                   mapping) +
          R"(]}]},{"name":"bq-target","kind":"bigquery","configuration":)" +
          std::string(target_configuration) +
          R"(,"tables":[{"table":{"dataset":"target","name":"articles"}}]}]})"),
      catalogs);
}

TEST(ResolveRemoteRelationshipsTest, BigQuerySourcesSharingKeyProjectAndLocationAreCoLocated) {
  constexpr std::string_view kSame =
      R"({"service_account":{"from_env":"KEY"},"project_id":"p","datasets":["target"]})";
  const Resolved same = BigQuerySeed(kSame);
  ASSERT_TRUE(same.inconsistent_objects.empty()) << same.inconsistent_objects[0].reason;
  const Table* author = same.model->FindTable("bq-source", {"source", "author"});
  ASSERT_NE(author, nullptr);
  const Relationship* articles = author->FindRelationship("articles");
  ASSERT_NE(articles, nullptr);
  EXPECT_TRUE(articles->co_located);
  EXPECT_FALSE(articles->remote) << "joined in the query, as a local relationship";
  EXPECT_EQ(author->backend, Backend::kBigQuery);
  EXPECT_EQ(author->graphql_name, "source_author");
  EXPECT_EQ(author->global_select_limit, 1000);
  EXPECT_EQ(author->FindColumn("id")->scalar, "Int");

  // Another key or project; the same configuration with the datasets elsewhere (BigQuery
  // cannot join across locations), or where BigQuery did not say.
  const std::pair<std::string_view, std::string> apart_cases[] = {
      {R"({"service_account":{"from_env":"OTHER"},"project_id":"p","datasets":["target"]})", "US"},
      {R"({"service_account":{"from_env":"KEY"},"project_id":"q","datasets":["target"]})", "US"},
      {kSame, "EU"},
      {kSame, ""}};
  for (const auto& [other, location] : apart_cases) {
    const Resolved apart = BigQuerySeed(other, location);
    ASSERT_TRUE(apart.inconsistent_objects.empty()) << other;
    const Relationship* remote =
        apart.model->FindTable("bq-source", {"source", "author"})->FindRelationship("articles");
    EXPECT_FALSE(remote->co_located) << other << " " << location;
    EXPECT_TRUE(remote->remote) << other << " " << location;
  }
  // BigQuery can neither compare nor group JSON: such a join is refused when it is made.
  const Resolved json_keys = BigQuerySeed(kSame, "US", std::nullopt, R"({"meta":"meta"})");
  ASSERT_EQ(json_keys.inconsistent_objects.size(), 1u);
  EXPECT_EQ(json_keys.inconsistent_objects[0].type, "remote_relationship");
  // global_select_limit as the source's connection read it.
  EXPECT_EQ(BigQuerySeed(kSame, "US", 7)
                .model->FindTable("bq-target", {"target", "articles"})
                ->global_select_limit,
            7);
}

}  // namespace
}  // namespace junction::schema
