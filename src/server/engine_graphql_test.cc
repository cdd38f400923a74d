// Engine::HandleGraphql: every answer is HTTP 200; bodies are {"data"} or {"errors"} in Hasura's
// shape (DESIGN.md §1).

#include <string>

#include <gtest/gtest.h>

#include "metadata/json_text.h"
#include "server/engine_test_support.h"

namespace junction::server {
namespace {

using testing_support::kPlaceholderJson;

class GraphqlHandlerTest : public testing_support::EngineTest {
 protected:
  // The single error of an {"errors":[…]} body.
  static metadata::Json OnlyError(const HttpResponse& response) {
    EXPECT_EQ(response.status, 200u);
    Result<metadata::Json> body = metadata::ParseJsonText(response.body);
    EXPECT_TRUE(body) << response.body;
    if (!body || !body->contains("errors") || (*body)["errors"].size() != 1) {
      ADD_FAILURE() << "expected one error: " << response.body;
      return metadata::Json::object();
    }
    return (*body)["errors"][0];
  }
};

TEST_F(GraphqlHandlerTest, AnswersTypename) {
  HttpResponse response = Graphql(R"({"query":"{ __typename }"})");
  EXPECT_EQ(response.status, 200u);
  EXPECT_EQ(response.body, R"({"data":{"__typename":"query_root"}})");
  EXPECT_EQ(response.content_type, "application/json; charset=utf-8");
}

TEST_F(GraphqlHandlerTest, AnswersThePlaceholder) {
  HttpResponse response =
      Graphql(R"({"query":"query Q { x: no_queries_available }","operationName":"Q"})");
  EXPECT_EQ(response.body, R"({"data":{"x":)" + kPlaceholderJson + "}}");
}

TEST_F(GraphqlHandlerTest, AnswersIntrospection) {
  HttpResponse response =
      Graphql(R"({"query":"{ __schema { queryType { name } mutationType { name } )"
              R"(subscriptionType { name } } }"})");
  EXPECT_EQ(response.body,
            R"({"data":{"__schema":{"queryType":{"name":"query_root"},"mutationType":null,)"
            R"("subscriptionType":null}}})");
}

TEST_F(GraphqlHandlerTest, UsesVariables) {
  HttpResponse response = Graphql(R"({"query":"query ($t: String!) { __type(name: $t) { name } }",)"
                                  R"("variables":{"t":"query_root"}})");
  EXPECT_EQ(response.body, R"({"data":{"__type":{"name":"query_root"}}})");
}

TEST_F(GraphqlHandlerTest, MalformedJsonIsInvalidJson) {
  for (const char* body : {"{\"query\":", "", "nope"}) {
    metadata::Json error = OnlyError(Graphql(body));
    EXPECT_EQ(error["extensions"]["code"], "invalid-json") << body;
    EXPECT_EQ(error["extensions"]["path"], "$") << body;
    EXPECT_EQ(error["message"].get<std::string>().rfind("Error in $: ", 0), 0u) << body;
  }
}

TEST_F(GraphqlHandlerTest, BadRequestShapesAreParseFailures) {
  metadata::Json error = OnlyError(Graphql(R"([1])"));
  EXPECT_EQ(error["extensions"]["code"], "parse-failed");
  EXPECT_EQ(error["extensions"]["path"], "$[0]");

  error = OnlyError(Graphql(R"({"variables":{}})"));
  EXPECT_EQ(error["message"], R"(key "query" not found)");
  error = OnlyError(Graphql(R"({"query":{}})"));
  EXPECT_EQ(error["extensions"]["path"], "$.query");
  error = OnlyError(Graphql(R"({"query":"{ __typename }","variables":"x"})"));
  EXPECT_EQ(error["extensions"]["path"], "$.variables");
  EXPECT_EQ(error["extensions"]["code"], "parse-failed");
}

TEST_F(GraphqlHandlerTest, SyntaxErrorsHaveLocations) {
  metadata::Json error = OnlyError(Graphql(R"({"query":"{ __typename "})"));
  EXPECT_EQ(error["extensions"]["code"], "validation-failed");
  EXPECT_EQ(error["message"].get<std::string>().rfind("Syntax Error:", 0), 0u) << error.dump();
  ASSERT_TRUE(error.contains("locations")) << error.dump();
  EXPECT_EQ(error["locations"][0]["line"], 1);
}

TEST_F(GraphqlHandlerTest, ValidationErrorsAreAllReported) {
  HttpResponse response = Graphql(R"({"query":"{ users { id } orders }"})");
  EXPECT_EQ(response.status, 200u);
  Result<metadata::Json> body = metadata::ParseJsonText(response.body);
  ASSERT_TRUE(body);
  ASSERT_FALSE(body->contains("data")) << response.body;
  ASSERT_EQ((*body)["errors"].size(), 2u) << response.body;
  for (const auto& error : (*body)["errors"]) {
    EXPECT_EQ(error["extensions"]["code"], "validation-failed");
    EXPECT_TRUE(error.contains("locations"));
  }
  EXPECT_NE((*body)["errors"][0]["message"].get<std::string>().find("\"users\""),
            std::string::npos);
}

TEST_F(GraphqlHandlerTest, MutationsAreNotAvailable) {
  metadata::Json error = OnlyError(Graphql(R"({"query":"mutation { __typename }"})"));
  EXPECT_EQ(error["extensions"]["code"], "validation-failed");
}

TEST_F(GraphqlHandlerTest, UnknownOperationNameIsAnError) {
  metadata::Json error = OnlyError(
      Graphql(R"({"query":"query A { __typename } query B { __typename }","operationName":"C"})"));
  EXPECT_EQ(error["extensions"]["code"], "validation-failed");
}

TEST_F(GraphqlHandlerTest, BatchesAnswerAnArray) {
  HttpResponse response =
      Graphql(R"([{"query":"{ __typename }"},{"query":"{ nope }"},{"query":"{ a: __typename }"}])");
  EXPECT_EQ(response.status, 200u);
  Result<metadata::Json> body = metadata::ParseJsonText(response.body);
  ASSERT_TRUE(body) << response.body;
  ASSERT_TRUE(body->is_array());
  ASSERT_EQ(body->size(), 3u);
  EXPECT_EQ(metadata::DumpJson((*body)[0]), R"({"data":{"__typename":"query_root"}})");
  EXPECT_TRUE((*body)[1].contains("errors"));
  EXPECT_EQ(metadata::DumpJson((*body)[2]), R"({"data":{"a":"query_root"}})");
  EXPECT_EQ(Graphql("[]").body, "[]");
}

TEST_F(GraphqlHandlerTest, AdminSecretIsEnforced) {
  MakeEngine("s3cret");
  metadata::Json error = OnlyError(Graphql(R"({"query":"{ __typename }"})"));
  EXPECT_EQ(metadata::DumpJson(error),
            R"({"message":"x-hasura-admin-secret/x-hasura-access-key required, but not found",)"
            R"("extensions":{"path":"$","code":"access-denied"}})");

  error = OnlyError(Graphql(R"({"query":"{ __typename }"})", {{"x-hasura-admin-secret", "nope"}}));
  EXPECT_EQ(error["message"], "invalid x-hasura-admin-secret/x-hasura-access-key");
  EXPECT_EQ(error["extensions"]["code"], "access-denied");

  // Authentication is answered before the body is even read.
  error = OnlyError(Graphql("{not json", {{"x-hasura-admin-secret", "nope"}}));
  EXPECT_EQ(error["extensions"]["code"], "access-denied");

  EXPECT_EQ(Graphql(R"({"query":"{ __typename }"})", {{"x-hasura-admin-secret", "s3cret"}}).body,
            R"({"data":{"__typename":"query_root"}})");
}

TEST_F(GraphqlHandlerTest, OtherRolesSeeThePlaceholderSchema) {
  HttpResponse response =
      Graphql(R"({"query":"{ no_queries_available }"})", {{"x-hasura-role", "user"}});
  EXPECT_EQ(response.body, R"({"data":{"no_queries_available":)" + kPlaceholderJson + "}}");
}

}  // namespace
}  // namespace junction::server
