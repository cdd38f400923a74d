#include "server/graphql_request.h"

#include <gtest/gtest.h>

#include "metadata/json_text.h"

namespace junction::server {
namespace {

Result<GraphqlBatch> Parse(std::string_view text) {
  Result<metadata::Json> json = metadata::ParseJsonText(text);
  EXPECT_TRUE(json) << text;
  return ParseGraphqlBatch(*json);
}

TEST(GraphqlRequestTest, ReadsOneRequest) {
  Result<GraphqlBatch> batch =
      Parse(R"({"query":"{ a }","operationName":"Q","variables":{"n":1},"extensions":{}})");
  ASSERT_TRUE(batch);
  EXPECT_FALSE(batch->is_batch);
  ASSERT_EQ(batch->requests.size(), 1u);
  EXPECT_EQ(batch->requests[0].query, "{ a }");
  EXPECT_EQ(batch->requests[0].operation_name, "Q");
  EXPECT_EQ(metadata::DumpJson(batch->requests[0].variables), R"({"n":1})");
}

TEST(GraphqlRequestTest, NullOptionalFieldsAreAbsent) {
  Result<GraphqlBatch> batch = Parse(R"({"query":"{ a }","operationName":null,"variables":null})");
  ASSERT_TRUE(batch);
  EXPECT_EQ(batch->requests[0].operation_name, "");
  EXPECT_TRUE(batch->requests[0].variables.is_object());
  EXPECT_TRUE(batch->requests[0].variables.empty());
}

TEST(GraphqlRequestTest, ReadsABatch) {
  Result<GraphqlBatch> batch = Parse(R"([{"query":"{ a }"},{"query":"{ b }"}])");
  ASSERT_TRUE(batch);
  EXPECT_TRUE(batch->is_batch);
  ASSERT_EQ(batch->requests.size(), 2u);
  EXPECT_EQ(batch->requests[1].query, "{ b }");
  Result<GraphqlBatch> empty = Parse("[]");
  ASSERT_TRUE(empty);
  EXPECT_TRUE(empty->is_batch);
  EXPECT_TRUE(empty->requests.empty());
}

struct BadBody {
  std::string_view text;
  std::string_view path;
  std::string_view message;
};

class GraphqlRequestErrorTest : public testing::TestWithParam<BadBody> {};

TEST_P(GraphqlRequestErrorTest, IsAParseFailure) {
  Result<GraphqlBatch> batch = Parse(GetParam().text);
  ASSERT_FALSE(batch);
  EXPECT_EQ(batch.error().code, ErrorCode::kParseFailed);
  EXPECT_EQ(batch.error().path, GetParam().path);
  EXPECT_EQ(batch.error().message, GetParam().message);
}

INSTANTIATE_TEST_SUITE_P(
    Bodies, GraphqlRequestErrorTest,
    testing::Values(BadBody{R"("{ a }")", "$",
                            "parsing GQLReq failed, expected Object, but encountered String"},
                    BadBody{R"({"operationName":"Q"})", "$", R"(key "query" not found)"},
                    BadBody{R"({"query":7})", "$.query",
                            "parsing Text failed, expected String, but encountered Number"},
                    BadBody{R"({"query":null})", "$.query",
                            "parsing Text failed, expected String, but encountered Null"},
                    BadBody{R"({"query":"{a}","operationName":["Q"]})", "$.operationName",
                            "parsing Text failed, expected String, but encountered Array"},
                    BadBody{R"({"query":"{a}","variables":[1]})", "$.variables",
                            "parsing HashMap failed, expected Object, but encountered Array"},
                    BadBody{R"([{"query":"{a}"},{"query":1}])", "$[1].query",
                            "parsing Text failed, expected String, but encountered Number"},
                    BadBody{R"([{"query":"{a}"},3])", "$[1]",
                            "parsing GQLReq failed, expected Object, but encountered Number"}));

TEST(GraphqlErrorsBodyTest, WritesMessageLocationsAndExtensions) {
  Error error(ErrorCode::kValidationFailed, "Cannot query field \"x\".", "$");
  error.locations = {{1, 3}, {2, 5}};
  EXPECT_EQ(GraphqlErrorsBody({error}, false),
            R"({"errors":[{"message":"Cannot query field \"x\".",)"
            R"("locations":[{"line":1,"column":3},{"line":2,"column":5}],)"
            R"("extensions":{"path":"$","code":"validation-failed"}}]})");
}

TEST(GraphqlErrorsBodyTest, InternalOnlyForAdmins) {
  Error error(ErrorCode::kUnexpected, "boom", "$.selectionSet.x",
              metadata::Json{{"sql", "SELECT"}});
  EXPECT_EQ(GraphqlErrorsBody({error}, false),
            R"({"errors":[{"message":"boom","extensions":{"path":"$.selectionSet.x",)"
            R"("code":"unexpected"}}]})");
  EXPECT_EQ(GraphqlErrorsBody({error}, true),
            R"({"errors":[{"message":"boom","extensions":{"path":"$.selectionSet.x",)"
            R"("code":"unexpected","internal":{"sql":"SELECT"}}}]})");
}

}  // namespace
}  // namespace junction::server
