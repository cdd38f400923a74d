// ReadRemoteSchemaDefinition: a remote_schemas entry read into what the engine calls, with
// Hasura's parse errors (parse-failed at the member's path) and validation errors (invalid-params
// for the URL, not-found for a header's unset variable).

#include "metadata/remote_schema.h"

#include <cstdlib>

#include <gtest/gtest.h>

namespace junction::metadata {
namespace {

Result<RemoteSchemaDefinition> Read(std::string_view text) {
  return ReadRemoteSchemaDefinition(Json::parse(text), "$.args");
}

Error Fails(std::string_view text) {
  Result<RemoteSchemaDefinition> read = Read(text);
  EXPECT_FALSE(read) << text;
  return read ? Error() : read.error();
}

TEST(ReadRemoteSchemaDefinitionTest, ReadsEveryMember) {
  ::setenv("RS_TEST_KEY", "secret", 1);
  Result<RemoteSchemaDefinition> read = Read(R"({"name":"orders","definition":{
      "url":"http://orders:4000/graphql","timeout_seconds":5,"forward_client_headers":true,
      "headers":[{"name":"x-a","value":"1"},{"name":"x-key","value_from_env":"RS_TEST_KEY"}],
      "customization":{"root_fields_namespace":"orders_api",
        "type_names":{"prefix":"o_","suffix":"_t","mapping":{"Order":"RemoteOrder"}},
        "field_names":[{"parent_type":"Order","prefix":"f_","mapping":{"id":"order_id"}}]}}})");
  ASSERT_TRUE(read) << read.error().message;
  EXPECT_EQ(read->name, "orders");
  EXPECT_EQ(read->url, "http://orders:4000/graphql");
  EXPECT_EQ(read->timeout_seconds, 5);
  EXPECT_TRUE(read->forward_client_headers);
  ASSERT_EQ(read->headers.size(), 2u);
  EXPECT_EQ(read->headers[0].name, "x-a");
  EXPECT_EQ(read->headers[0].value, "1");
  EXPECT_EQ(read->headers[1].name, "x-key");
  EXPECT_EQ(read->headers[1].value, "secret");
  const RemoteSchemaCustomization& customization = read->customization;
  EXPECT_EQ(customization.root_fields_namespace, "orders_api");
  EXPECT_EQ(customization.type_names.prefix, "o_");
  EXPECT_EQ(customization.type_names.suffix, "_t");
  EXPECT_EQ(customization.type_names.mapping.at("Order"), "RemoteOrder");
  ASSERT_EQ(customization.field_names.size(), 1u);
  EXPECT_EQ(customization.field_names[0].parent_type, "Order");
  EXPECT_EQ(customization.field_names[0].prefix, "f_");
  EXPECT_EQ(customization.field_names[0].mapping.at("id"), "order_id");
}

TEST(ReadRemoteSchemaDefinitionTest, DefaultsAndNulls) {
  Result<RemoteSchemaDefinition> read =
      Read(R"({"name":"rs","definition":{"url":"http://x/g","headers":null,"timeout_seconds":null,)"
           R"("customization":{"type_names":{"prefix":null}}},"comment":null})");
  ASSERT_TRUE(read) << read.error().message;
  EXPECT_EQ(read->timeout_seconds, 60);
  EXPECT_FALSE(read->forward_client_headers);
  EXPECT_TRUE(read->headers.empty());
  EXPECT_TRUE(read->customization.empty());
}

TEST(ReadRemoteSchemaDefinitionTest, UrlFromEnvironment) {
  ::setenv("RS_TEST_URL", "https://orders.internal/graphql", 1);
  Result<RemoteSchemaDefinition> read =
      Read(R"({"name":"rs","definition":{"url_from_env":"RS_TEST_URL"}})");
  ASSERT_TRUE(read) << read.error().message;
  EXPECT_EQ(read->url, "https://orders.internal/graphql");

  ::unsetenv("RS_TEST_UNSET");
  Error error = Fails(R"({"name":"rs","definition":{"url_from_env":"RS_TEST_UNSET"}})");
  EXPECT_EQ(error.code, ErrorCode::kInvalidParams);
  EXPECT_EQ(error.message, "environment variable 'RS_TEST_UNSET' not set");
  EXPECT_EQ(error.path, "$.args");

  ::setenv("RS_TEST_NOT_URL", "not a url", 1);
  error = Fails(R"({"name":"rs","definition":{"url_from_env":"RS_TEST_NOT_URL"}})");
  EXPECT_EQ(error.code, ErrorCode::kInvalidParams);
  EXPECT_EQ(error.message, "not a valid URI in environment variable: RS_TEST_NOT_URL");
}

TEST(ReadRemoteSchemaDefinitionTest, UrlTemplateReadsTheEnvironment) {
  ::setenv("RS_TEST_HOST", "http://orders:4000", 1);
  Result<RemoteSchemaDefinition> read =
      Read(R"({"name":"rs","definition":{"url":"{{RS_TEST_HOST}}/graphql"}})");
  ASSERT_TRUE(read) << read.error().message;
  EXPECT_EQ(read->url, "http://orders:4000/graphql");

  ::unsetenv("RS_TEST_NO_HOST");
  Error error = Fails(R"({"name":"rs","definition":{"url":"{{RS_TEST_NO_HOST}}/graphql"}})");
  EXPECT_EQ(error.code, ErrorCode::kUnexpected);
  EXPECT_EQ(error.message, "Value for environment variables not found: RS_TEST_NO_HOST");

  error = Fails(R"({"name":"rs","definition":{"url":"orders/graphql"}})");
  EXPECT_EQ(error.code, ErrorCode::kInvalidParams);
  EXPECT_EQ(error.message, "not a valid URI generated from the template: orders/graphql");
}

TEST(ReadRemoteSchemaDefinitionTest, ExactlyOneUrl) {
  Error error = Fails(R"({"name":"rs","definition":{"url":"http://a","url_from_env":"B"}})");
  EXPECT_EQ(error.code, ErrorCode::kInvalidParams);
  EXPECT_EQ(error.message, "both `url` and `url_from_env` can't be present");
  error = Fails(R"({"name":"rs","definition":{}})");
  EXPECT_EQ(error.code, ErrorCode::kInvalidParams);
  EXPECT_EQ(error.message, "both `url` and `url_from_env` can't be empty");
}

TEST(ReadRemoteSchemaDefinitionTest, HeaderVariableUnset) {
  ::unsetenv("RS_TEST_NO_KEY");
  Error error = Fails(R"({"name":"rs","definition":{"url":"http://a",)"
                      R"("headers":[{"name":"k","value_from_env":"RS_TEST_NO_KEY"}]}})");
  EXPECT_EQ(error.code, ErrorCode::kNotFound);
  EXPECT_EQ(error.message, "environment variable 'RS_TEST_NO_KEY' not set");
}

TEST(ReadRemoteSchemaDefinitionTest, ShapeErrorsAreParseFailures) {
  Error error = Fails(R"({"definition":{"url":"http://a"}})");
  EXPECT_EQ(error.code, ErrorCode::kParseFailed);
  EXPECT_EQ(error.message, "key \"name\" not found");
  EXPECT_EQ(error.path, "$.args");

  error = Fails(R"({"name":"","definition":{"url":"http://a"}})");
  EXPECT_EQ(error.message, "empty string not allowed");
  EXPECT_EQ(error.path, "$.args.name");

  error = Fails(R"({"name":"rs"})");
  EXPECT_EQ(error.message, "key \"definition\" not found");

  error = Fails(R"({"name":"rs","definition":{"url":"http://a","headers":[{"name":"k"}]}})");
  EXPECT_EQ(error.code, ErrorCode::kParseFailed);
  EXPECT_EQ(error.message, "expecting value or value_from_env keys");
  EXPECT_EQ(error.path, "$.args.definition.headers[0]");

  error = Fails(R"({"name":"rs","definition":{"url":"http://a","timeout_seconds":"5"}})");
  EXPECT_EQ(error.code, ErrorCode::kParseFailed);
  EXPECT_EQ(error.path, "$.args.definition.timeout_seconds");

  error = Fails(R"({"name":"rs","definition":{"url":"http://a",)"
                R"("customization":{"type_names":{"prefix":"1x"}}}})");
  EXPECT_EQ(error.code, ErrorCode::kParseFailed);
  EXPECT_EQ(error.message, "1x is not valid GraphQL name");
  EXPECT_EQ(error.path, "$.args.definition.customization.type_names.prefix");

  error = Fails(R"({"name":"rs","definition":{"url":"http://a",)"
                R"("customization":{"field_names":[{"prefix":"p"}]}}})");
  EXPECT_EQ(error.message, "key \"parent_type\" not found");
  EXPECT_EQ(error.path, "$.args.definition.customization.field_names[0]");
}

TEST(ReadRemoteSchemaDefinitionTest, ReservedFieldNamesCannotBeRenamed) {
  Error error =
      Fails(R"({"name":"rs","definition":{"url":"http://a","customization":)"
            R"({"field_names":[{"parent_type":"Query","mapping":{"__typename":"t"}}]}}})");
  EXPECT_EQ(error.code, ErrorCode::kInvalidParams);
  EXPECT_EQ(error.message, "attempt to customize reserved field name \"__typename\"");
}

}  // namespace
}  // namespace junction::metadata
