// The remote-schema commands against a fixture that plays the engine: the catalogs it
// "introspected" are set by each test (remote_catalogs_), and a remote schema whose catalog is an
// Error is inconsistent, as schema::FindInconsistentObjects reports it.

#include "metadata/remote_schema_commands.h"

#include <string>
#include <utility>

#include <gtest/gtest.h>

#include "metadata/command_test_fixture.h"

namespace junction::metadata {
namespace {

constexpr std::string_view kAddOrders =
    R"({"type":"add_remote_schema","args":{"name":"orders","comment":"the orders service",)"
    R"("definition":{"forward_client_headers":true,"headers":[{"value":"1","name":"x-a"}],)"
    R"("customization":{"type_names":{"prefix":"o_"},"root_fields_namespace":"orders_api"},)"
    R"("timeout_seconds":5,"url":"http://orders:4000/graphql"}}})";

constexpr std::string_view kAddUsers = R"({"type":"add_remote_schema","args":{"name":"users",)"
                                       R"("definition":{"url":"http://users:4000/graphql"}}})";

// Order.customer → users.user(id: $customer_id).
constexpr std::string_view kToUsers =
    R"({"to_remote_schema":{"remote_schema":"users","lhs_fields":["customer_id"],)"
    R"("remote_field":{"user":{"arguments":{"id":"$customer_id"}}}}})";

class RemoteSchemaCommandsTest : public CommandFixture {
 protected:
  RemoteSchemaCommandsTest() {
    auto engine = context_.find_inconsistent_objects;
    context_.find_inconsistent_objects = [this, engine](const Metadata& metadata) {
      std::vector<InconsistentObject> objects = engine(metadata);
      const Json* entries = metadata.Find("remote_schemas");
      for (size_t i = 0; entries != nullptr && i < entries->size(); ++i) {
        const std::string name = EntryName((*entries)[i]);
        const auto catalog = remote_catalogs_.find(name);
        if (catalog == remote_catalogs_.end() || catalog->second) continue;
        objects.push_back({"remote_schema", RemoteSchemaObjectName(name),
                           "Inconsistent object: " + catalog->second.error().message,
                           RemoteSchemaObjectDefinition((*entries)[i]), "remote_schemas", i});
      }
      return objects;
    };
    context_.find_remote_schema_catalog =
        [this](std::string_view name) -> const Result<RemoteSchemaCatalog>* {
      const auto it = remote_catalogs_.find(name);
      return it == remote_catalogs_.end() ? nullptr : &it->second;
    };
  }

  // The remote_schemas section as text ("" when absent).
  std::string RemoteSchemas() const {
    const Json* section = current_.Find("remote_schemas");
    return section != nullptr ? DumpJson(*section) : "";
  }

  void IntrospectedFine(const std::string& name) {
    remote_catalogs_.insert_or_assign(
        name, RemoteSchemaCatalog{Json::parse(R"({"__schema":{"queryType":{"name":"Query"}}})"),
                                  nullptr});
  }

  void AddOrdersAndUsers() {
    IntrospectedFine("orders");
    IntrospectedFine("users");
    Ok(kAddOrders);
    Ok(kAddUsers);
  }

  std::map<std::string, Result<RemoteSchemaCatalog>, std::less<>> remote_catalogs_;
};

TEST_F(RemoteSchemaCommandsTest, AddStoresTheEntryAsHasuraExportsIt) {
  IntrospectedFine("orders");
  IntrospectedFine("users");
  EXPECT_EQ(Ok(kAddUsers), R"({"message":"success"})");
  EXPECT_EQ(Ok(kAddOrders), R"({"message":"success"})");
  // Ordered by name; the definition's keys in Hasura's order, objects' keys sorted, the type
  // names' mapping written out.
  EXPECT_EQ(RemoteSchemas(),
            R"([{"name":"orders","definition":{"url":"http://orders:4000/graphql",)"
            R"("timeout_seconds":5,"customization":{"root_fields_namespace":"orders_api",)"
            R"("type_names":{"mapping":{},"prefix":"o_"}},"headers":[{"name":"x-a","value":"1"}],)"
            R"("forward_client_headers":true},"comment":"the orders service"},)"
            R"({"name":"users","definition":{"url":"http://users:4000/graphql"}}])");
}

TEST_F(RemoteSchemaCommandsTest, AddRefusesADuplicateName) {
  IntrospectedFine("users");
  Ok(kAddUsers);
  const Error error = Fails(kAddUsers);
  EXPECT_EQ(error.code, ErrorCode::kAlreadyExists);
  EXPECT_EQ(error.message, "remote schema with name \"users\" already exists");
  EXPECT_EQ(error.path, "$.args");
}

TEST_F(RemoteSchemaCommandsTest, AddFailsWithTheIntrospectionError) {
  remote_catalogs_.insert_or_assign("users",
                                    Error(ErrorCode::kRemoteSchemaError,
                                          "HTTP exception occurred while sending the request to "
                                          "\"http://users:4000/graphql\"",
                                          "$", Json{{"type", "http_exception"}}));
  const Error error = Fails(kAddUsers);
  EXPECT_EQ(error.code, ErrorCode::kRemoteSchemaError);
  EXPECT_EQ(error.message,
            "HTTP exception occurred while sending the request to \"http://users:4000/graphql\"");
  EXPECT_EQ(error.path, "$.args");
  EXPECT_EQ(error.internal, (Json{{"type", "http_exception"}}));
  EXPECT_EQ(RemoteSchemas(), "");
}

TEST_F(RemoteSchemaCommandsTest, AddValidatesTheDefinitionAfterTheName) {
  Error error = Fails(R"({"type":"add_remote_schema","args":{"name":"rs","definition":{}}})");
  EXPECT_EQ(error.code, ErrorCode::kInvalidParams);
  EXPECT_EQ(error.message, "both `url` and `url_from_env` can't be empty");
  EXPECT_EQ(error.path, "$.args");

  IntrospectedFine("users");
  Ok(kAddUsers);
  error = Fails(R"({"type":"add_remote_schema","args":{"name":"users","definition":{}}})");
  EXPECT_EQ(error.code, ErrorCode::kAlreadyExists);

  error = Fails(R"({"type":"add_remote_schema","args":{"name":"rs","definition":[]}})");
  EXPECT_EQ(error.code, ErrorCode::kParseFailed);
  EXPECT_EQ(error.path, "$.args.definition");
  error = Fails(R"({"type":"add_remote_schema","args":{"name":"rs","comment":1,)"
                R"("definition":{"url":"http://a"}}})");
  EXPECT_EQ(error.code, ErrorCode::kParseFailed);
  EXPECT_EQ(error.path, "$.args.comment");
}

TEST_F(RemoteSchemaCommandsTest, UpdateReplacesTheDefinitionKeepsPermissionsDropsRelationships) {
  AddOrdersAndUsers();
  Ok(std::string(R"({"type":"create_remote_schema_remote_relationship","args":{)") +
     R"("remote_schema":"orders","type_name":"Order","name":"customer","definition":)" +
     std::string(kToUsers) + "}}");
  // Permissions come with replace_metadata (Junction has no add_remote_schema_permissions yet).
  Json document = current_.document();
  document["remote_schemas"][0]["permissions"] =
      Json::parse(R"([{"role":"user","definition":{"schema":"type Query { a: Int }"}}])");
  current_ = *Metadata::FromJson(document);

  EXPECT_EQ(Ok(R"({"type":"update_remote_schema","args":{"name":"orders",)"
               R"("definition":{"url":"http://orders:5000/graphql"}}})"),
            R"({"message":"success"})");
  EXPECT_EQ(DumpJson(current_.Find("remote_schemas")->at(0)),
            R"({"name":"orders","definition":{"url":"http://orders:5000/graphql"},)"
            R"("permissions":[{"role":"user","definition":{"schema":"type Query { a: Int }"}}]})");

  const Error error = Fails(R"({"type":"update_remote_schema","args":{"name":"nope",)"
                            R"("definition":{"url":"http://a"}}})");
  EXPECT_EQ(error.code, ErrorCode::kNotExists);
  EXPECT_EQ(error.message, "remote schema with name \"nope\" doesn't exist");
}

TEST_F(RemoteSchemaCommandsTest, UpdateFailsWithTheIntrospectionError) {
  AddOrdersAndUsers();
  remote_catalogs_.insert_or_assign(
      "users", Error(ErrorCode::kRemoteSchemaError, "Error in $: key \"data\" not found"));
  const Error error = Fails(R"({"type":"update_remote_schema","args":{"name":"users",)"
                            R"("definition":{"url":"http://users:5000/graphql"}}})");
  EXPECT_EQ(error.code, ErrorCode::kRemoteSchemaError);
  EXPECT_EQ(error.message, "Error in $: key \"data\" not found");
}

TEST_F(RemoteSchemaCommandsTest, RemoveDeletesTheEntry) {
  AddOrdersAndUsers();
  EXPECT_EQ(Ok(R"({"type":"remove_remote_schema","args":{"name":"orders"}})"),
            R"({"message":"success"})");
  EXPECT_EQ(RemoteSchemas(),
            R"([{"name":"users","definition":{"url":"http://users:4000/graphql"}}])");
  Ok(R"({"type":"remove_remote_schema","args":{"name":"users"}})");
  EXPECT_EQ(current_.Find("remote_schemas"), nullptr);  // an empty section is left out

  const Error error = Fails(R"({"type":"remove_remote_schema","args":{"name":"users"}})");
  EXPECT_EQ(error.code, ErrorCode::kNotExists);
  EXPECT_EQ(error.message, "no such remote schema");
  EXPECT_EQ(error.path, "$.args");
}

TEST_F(RemoteSchemaCommandsTest, RemoveRefusesWhatOtherObjectsJoinTo) {
  AddOrdersAndUsers();
  AddTrackedLibrary();
  Ok(std::string(R"({"type":"create_remote_schema_remote_relationship","args":{)") +
     R"("remote_schema":"orders","type_name":"Order","name":"customer","definition":)" +
     std::string(kToUsers) + "}}");
  Ok(R"({"type":"pg_create_remote_relationship","args":{"table":"authors","name":"account",)"
     R"("definition":{"to_remote_schema":{"remote_schema":"users","lhs_fields":["id"],)"
     R"("remote_field":{"user":{"arguments":{"id":"$id"}}}}}}})");
  Ok(R"({"type":"pg_create_remote_relationship","args":{"table":"books","name":"buyer",)"
     R"("remote_schema":"users","hasura_fields":["id"],)"
     R"("remote_field":{"user":{"arguments":{"id":"$id"}}}}})");
  const Error error = Fails(R"({"type":"remove_remote_schema","args":{"name":"users"}})");
  EXPECT_EQ(error.code, ErrorCode::kDependencyError);
  EXPECT_EQ(error.message,
            "cannot drop due to the following dependent objects: remote relationship "
            "authors.account in source \"default\", remote relationship books.buyer in source "
            "\"default\", remote_relationship customer on type Order in remote schema orders");

  // A schema's own relationships go with it.
  EXPECT_EQ(Ok(R"({"type":"remove_remote_schema","args":{"name":"orders"}})"),
            R"({"message":"success"})");
}

TEST_F(RemoteSchemaCommandsTest, ReloadAsksTheEngineToIntrospectAgain) {
  AddOrdersAndUsers();
  Result<MetadataResponse> response =
      Run(R"({"type":"reload_remote_schema","args":{"name":"users"}})");
  ASSERT_TRUE(response) << response.error().message;
  EXPECT_EQ(DumpJson(response->body), R"({"message":"success"})");
  EXPECT_EQ(response->remote_schemas_to_reload, (std::set<std::string>{"users"}));
  EXPECT_FALSE(response->reload_all_remote_schemas);
  EXPECT_FALSE(response->modified);

  const Error error = Fails(R"({"type":"reload_remote_schema","args":{"name":"nope"}})");
  EXPECT_EQ(error.code, ErrorCode::kNotExists);
  EXPECT_EQ(error.message, "remote schema with name \"nope\" does not exist");
}

TEST_F(RemoteSchemaCommandsTest, ReloadMetadataReloadsRemoteSchemas) {
  Result<MetadataResponse> response = Run(R"({"type":"reload_metadata","args":{}})");
  ASSERT_TRUE(response);
  EXPECT_TRUE(response->reload_all_remote_schemas);  // Hasura's default
  response = Run(R"({"type":"reload_metadata","args":{"reload_remote_schemas":false}})");
  ASSERT_TRUE(response);
  EXPECT_FALSE(response->reload_all_remote_schemas);
  response = Run(R"({"type":"reload_metadata","args":{"reload_remote_schemas":["a","b"]}})");
  ASSERT_TRUE(response);
  EXPECT_FALSE(response->reload_all_remote_schemas);
  EXPECT_EQ(response->remote_schemas_to_reload, (std::set<std::string>{"a", "b"}));
  const Error error = Fails(R"({"type":"reload_metadata","args":{"reload_remote_schemas":1}})");
  EXPECT_EQ(error.code, ErrorCode::kParseFailed);
}

TEST_F(RemoteSchemaCommandsTest, IntrospectAnswersTheIntrospectionResult) {
  AddOrdersAndUsers();
  EXPECT_EQ(Ok(R"({"type":"introspect_remote_schema","args":{"name":"users"}})"),
            R"({"data":{"__schema":{"queryType":{"name":"Query"}}}})");
  remote_catalogs_.insert_or_assign("users", Error(ErrorCode::kRemoteSchemaError, "down"));
  for (std::string_view name : {"users", "nope"}) {
    const Error error =
        Fails(std::string(R"({"type":"introspect_remote_schema","args":{"name":")") +
              std::string(name) + "\"}}");
    EXPECT_EQ(error.code, ErrorCode::kNotExists);
    EXPECT_EQ(error.message, "remote schema: \"" + std::string(name) + "\" not found");
  }
}

TEST_F(RemoteSchemaCommandsTest, NameArgsAreChecked) {
  Error error = Fails(R"({"type":"remove_remote_schema","args":"users"})");
  EXPECT_EQ(error.code, ErrorCode::kParseFailed);
  error = Fails(R"({"type":"reload_remote_schema","args":{}})");
  EXPECT_EQ(error.message, "key \"name\" not found");
  EXPECT_EQ(error.path, "$.args");
}

TEST_F(RemoteSchemaCommandsTest, RelationshipsAreGroupedByTypeInCreationOrder) {
  AddOrdersAndUsers();
  const std::string create =
      R"({"type":"create_remote_schema_remote_relationship","args":{"remote_schema":"orders",)";
  EXPECT_EQ(Ok(create + R"("type_name":"Order","name":"customer","definition":)" +
               std::string(kToUsers) + "}}"),
            R"({"message":"success"})");
  Ok(create + R"("type_name":"Line","name":"product","definition":{"to_source":{)"
              R"("source":"default","table":"products","relationship_type":"object",)"
              R"("field_mapping":{"product_id":"id"}}}}})");
  Ok(create + R"("type_name":"Order","name":"buyer","definition":)" + std::string(kToUsers) + "}}");
  EXPECT_EQ(
      DumpJson(current_.Find("remote_schemas")->at(0)["remote_relationships"]),
      R"([{"relationships":[{"definition":{"to_remote_schema":{"lhs_fields":["customer_id"],)"
      R"("remote_field":{"user":{"arguments":{"id":"$customer_id"}}},"remote_schema":"users"}},)"
      R"("name":"customer"},{"definition":{"to_remote_schema":{"lhs_fields":["customer_id"],)"
      R"("remote_field":{"user":{"arguments":{"id":"$customer_id"}}},"remote_schema":"users"}},)"
      R"("name":"buyer"}],"type_name":"Order"},{"relationships":[{"definition":{"to_source":{)"
      R"("field_mapping":{"product_id":"id"},"relationship_type":"object","source":"default",)"
      R"("table":"products"}},"name":"product"}],"type_name":"Line"}])");

  // Create again replaces in place; update needs it to exist.
  Ok(create + R"("type_name":"Order","name":"customer","definition":{"to_source":{)"
              R"("source":"default","table":"customers","relationship_type":"object",)"
              R"("field_mapping":{"customer_id":"id"}}}}})");
  const Json& order = current_.Find("remote_schemas")->at(0)["remote_relationships"][0];
  EXPECT_EQ(order["relationships"][0]["name"], "customer");
  EXPECT_TRUE(order["relationships"][0]["definition"].contains("to_source"));
  Ok(R"({"type":"update_remote_schema_remote_relationship","args":{"remote_schema":"orders",)"
     R"("type_name":"Order","name":"customer","definition":)" +
     std::string(kToUsers) + "}}");
  EXPECT_TRUE(current_.Find("remote_schemas")
                  ->at(0)["remote_relationships"][0]["relationships"][0]["definition"]
                  .contains("to_remote_schema"));
}

TEST_F(RemoteSchemaCommandsTest, UpdateOfAMissingRelationshipFailsWithHasurasQuoting) {
  AddOrdersAndUsers();
  const Error error = Fails(
      R"({"type":"update_remote_schema_remote_relationship","args":{"remote_schema":"orders",)"
      R"("type_name":"Order","name":"customer","definition":)" +
      std::string(kToUsers) + "}}");
  EXPECT_EQ(error.code, ErrorCode::kNotExists);
  EXPECT_EQ(error.message,
            "no relationship defined on remote schema \"\"orders\" with name \"customer\"\"");
  EXPECT_EQ(error.path, "$.args");
}

TEST_F(RemoteSchemaCommandsTest, DeleteNeverFailsOnWhatIsAbsent) {
  AddOrdersAndUsers();
  const std::string remove =
      R"({"type":"delete_remote_schema_remote_relationship","args":{"remote_schema":"orders",)"
      R"("type_name":"Order","name":"customer"}})";
  EXPECT_EQ(Ok(remove), R"({"message":"success"})");
  EXPECT_EQ(current_.Find("remote_schemas")->at(0).contains("remote_relationships"), false);
  Ok(R"({"type":"create_remote_schema_remote_relationship","args":{"remote_schema":"orders",)"
     R"("type_name":"Order","name":"customer","definition":)" +
     std::string(kToUsers) + "}}");
  EXPECT_EQ(Ok(remove), R"({"message":"success"})");
  // The type keeps its entry, empty, as in Hasura.
  EXPECT_EQ(DumpJson(current_.Find("remote_schemas")->at(0)["remote_relationships"]),
            R"([{"relationships":[],"type_name":"Order"}])");
  EXPECT_EQ(Ok(R"({"type":"delete_remote_schema_remote_relationship","args":{)"
               R"("remote_schema":"nope","type_name":"Order","name":"customer"}})"),
            R"({"message":"success"})");
}

TEST_F(RemoteSchemaCommandsTest, CreateOnAnUnknownRemoteSchemaChangesNothing) {
  AddOrdersAndUsers();
  const std::string before = RemoteSchemas();
  EXPECT_EQ(Ok(R"({"type":"create_remote_schema_remote_relationship","args":{)"
               R"("remote_schema":"nope","type_name":"Order","name":"customer","definition":)" +
               std::string(kToUsers) + "}}"),
            R"({"message":"success"})");
  EXPECT_EQ(RemoteSchemas(), before);
}

TEST_F(RemoteSchemaCommandsTest, RelationshipArgsAreHasuras) {
  AddOrdersAndUsers();
  const std::string create =
      R"({"type":"create_remote_schema_remote_relationship","args":{"remote_schema":"orders",)";
  Error error = Fails(create + R"("type_name":"Order","name":"customer","definition":{)"
                               R"("to_source":{},"to_remote_schema":{}}}})");
  EXPECT_EQ(error.code, ErrorCode::kParseFailed);
  EXPECT_EQ(error.message,
            "remote relationship definition (strict format) expects exactly one of: to_source, "
            "to_remote_schema");
  EXPECT_EQ(error.path, "$.args");

  error = Fails(create + R"("type_name":"Order","name":"customer","definition":{)"
                         R"("remote_schema":"users","hasura_fields":[],"remote_field":{}}}})");
  EXPECT_EQ(error.code, ErrorCode::kParseFailed);

  error = Fails(create + R"("type_name":"1Order","name":"c","definition":)" +
                std::string(kToUsers) + "}}");
  EXPECT_EQ(error.message, "1Order is not valid GraphQL name");
  EXPECT_EQ(error.path, "$.args.type_name");

  error =
      Fails(create + R"("type":"Order","name":"c","definition":)" + std::string(kToUsers) + "}}");
  EXPECT_EQ(error.message, "key \"type_name\" not found");

  error = Fails(create + R"("type_name":"Order","name":"c"}})");
  EXPECT_EQ(error.message, "key \"definition\" not found");

  error = Fails(R"({"type":"delete_remote_schema_remote_relationship","args":{)"
                R"("remote_schema":"orders","type_name":"Order"}})");
  EXPECT_EQ(error.message, "key \"name\" not found");
}

TEST_F(RemoteSchemaCommandsTest, InconsistentRelationshipsAreRefusedByTheEngineCheck) {
  AddOrdersAndUsers();
  // The engine's resolution (schema/) reports a relationship it cannot serve under this name.
  auto engine = context_.find_inconsistent_objects;
  context_.find_inconsistent_objects = [engine](const Metadata& metadata) {
    std::vector<InconsistentObject> objects = engine(metadata);
    const Json& order = metadata.Find("remote_schemas")->at(0);
    if (order.contains("remote_relationships")) {
      objects.push_back(
          {"remote_schema_remote_relationship",
           RemoteSchemaRelationshipObjectName("orders", "Order", "customer"),
           "Inconsistent object: in remote schema \"orders\": no type named \"Order\"", order,
           "remote_schemas", 0, "/remote_relationships/0/relationships/0"});
    }
    return objects;
  };
  const Error error = Fails(
      R"({"type":"create_remote_schema_remote_relationship","args":{"remote_schema":"orders",)"
      R"("type_name":"Order","name":"customer","definition":)" +
      std::string(kToUsers) + "}}");
  EXPECT_EQ(error.code, ErrorCode::kInvalidConfiguration);
  EXPECT_EQ(error.message,
            "Inconsistent object: in remote schema \"orders\": no type named \"Order\"");
}

TEST_F(RemoteSchemaCommandsTest, ObjectNamesAndDefinitionAreHasuras) {
  EXPECT_EQ(RemoteSchemaObjectName("orders"), "remote_schema orders");
  EXPECT_EQ(RemoteSchemaRelationshipObjectName("orders", "Order", "customer"),
            "remote_schema_remote_relationship remote_relationship customer on type Order in "
            "remote schema orders");
  EXPECT_EQ(DumpJson(RemoteSchemaObjectDefinition(Json::parse(
                R"({"name":"rs","definition":{"url":"http://a","timeout_seconds":5}})"))),
            R"({"comment":null,"definition":{"url":"http://a","timeout_seconds":5},"name":"rs",)"
            R"("permissions":[],"remote_relationships":[]})");
}

TEST_F(RemoteSchemaCommandsTest, RelationshipsToASourceAreFoundAndErased) {
  AddOrdersAndUsers();
  const std::string create =
      R"({"type":"create_remote_schema_remote_relationship","args":{"remote_schema":"orders",)";
  Ok(create + R"("type_name":"Order","name":"buyer","definition":{"to_source":{)"
              R"("source":"default","table":"authors","relationship_type":"object",)"
              R"("field_mapping":{"author_id":"id"}}}}})");
  Ok(create + R"("type_name":"Order","name":"shelf","definition":{"to_source":{)"
              R"("source":"default","table":{"schema":"library","name":"shelves"},)"
              R"("relationship_type":"object","field_mapping":{"shelf_id":"id"}}}}})");
  Ok(create + R"("type_name":"Order","name":"customer","definition":)" + std::string(kToUsers) +
     "}}");
  const Json& document = current_.document();
  EXPECT_EQ(RemoteSchemaRelationshipsToSource(document, "default", std::nullopt),
            (std::vector<std::string>{
                "remote_relationship buyer on type Order in remote schema orders",
                "remote_relationship shelf on type Order in remote schema orders"}));
  EXPECT_EQ(
      RemoteSchemaRelationshipsToSource(document, "default", QualifiedName{"library", "shelves"}),
      (std::vector<std::string>{
          "remote_relationship shelf on type Order in remote schema orders"}));
  EXPECT_TRUE(RemoteSchemaRelationshipsToSource(document, "other", std::nullopt).empty());
  Json erased = document;
  EraseRemoteSchemaRelationshipsToSource(erased, "default", std::nullopt);
  EXPECT_EQ(DumpJson(erased["remote_schemas"][0]["remote_relationships"][0]["relationships"]),
            R"([{"definition":{"to_remote_schema":{"lhs_fields":["customer_id"],)"
            R"("remote_field":{"user":{"arguments":{"id":"$customer_id"}}},)"
            R"("remote_schema":"users"}},"name":"customer"}])");
}

TEST_F(RemoteSchemaCommandsTest, BulkIsAtomic) {
  IntrospectedFine("users");
  const Error error = Fails(std::string(R"({"type":"bulk","args":[)") + std::string(kAddUsers) +
                            "," + std::string(kAddUsers) + "]}");
  EXPECT_EQ(error.code, ErrorCode::kAlreadyExists);
  EXPECT_EQ(error.path, "$.args[1].args");
  EXPECT_EQ(RemoteSchemas(), "");
}

}  // namespace
}  // namespace junction::metadata
