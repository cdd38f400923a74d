#include "execute/execute.h"

#include <optional>
#include <string>
#include <utility>  // before any Asio header: Boost 1.74 + GCC 12
#include <vector>

#include <gtest/gtest.h>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>

namespace junction::execute {
namespace {

// The Plan and Execute stages of one operation, on an io_context of its own.
Result<std::string> PlanAndExecute(const graphql::Operation& operation,
                                   const schema::RoleSchema& role) {
  Result<plan::Plan> plan = plan::MakePlan(operation, role, schema::Session());
  if (!plan) return plan.error();
  Result<ExecutablePlan> prepared = Prepare(std::move(plan).value());
  if (!prepared) return prepared.error();
  const SourcePools pools;  // no sources: the coroutine refers to it until it ends
  boost::asio::io_context ioc;
  std::optional<Result<std::string>> response;
  auto run = [&]() -> boost::asio::awaitable<void> {
    response.emplace(co_await Execute(*prepared, pools));
  };
  boost::asio::co_spawn(ioc, run, boost::asio::detached);
  ioc.run();
  if (!response) return Error(ErrorCode::kUnexpected, "Execute did not finish");
  return std::move(*response);
}

using graphql::NormalizedField;

NormalizedField Field(std::string name, std::string alias = "",
                      std::vector<NormalizedField> selection = {}) {
  NormalizedField field;
  field.name = std::move(name);
  field.alias = alias.empty() ? field.name : std::move(alias);
  field.selection_set = std::move(selection);
  return field;
}

class ExecuteTest : public testing::Test {
 protected:
  void SetUp() override {
    Result<std::shared_ptr<const schema::RoleSchema>> role = schema::BuildEmptyRoleSchema();
    ASSERT_TRUE(role) << role.error().message;
    role_ = *role;
  }

  graphql::Operation Query(std::vector<NormalizedField> fields) const {
    graphql::Operation operation;
    operation.type = graphql::OperationType::kQuery;
    operation.root_type = role_->schema->query_type();
    operation.selection_set = std::move(fields);
    return operation;
  }

  std::shared_ptr<const schema::RoleSchema> role_;
};

const std::string kPlaceholder =
    "\"There are no queries available to the current role. Either there are no sources or remote "
    "schemas configured, or the current role doesn't have the required permissions.\"";

TEST_F(ExecuteTest, TypenameAtTheRootIsQueryRoot) {
  Result<std::string> response = PlanAndExecute(Query({Field("__typename")}), *role_);
  ASSERT_TRUE(response) << response.error().message;
  EXPECT_EQ(*response, R"({"data":{"__typename":"query_root"}})");
}

TEST_F(ExecuteTest, PlaceholderAnswersItsText) {
  Result<std::string> response = PlanAndExecute(Query({Field("no_queries_available")}), *role_);
  ASSERT_TRUE(response);
  EXPECT_EQ(*response, R"({"data":{"no_queries_available":)" + kPlaceholder + "}}");
}

TEST_F(ExecuteTest, KeysFollowTheQueryOrderAndAliases) {
  Result<std::string> response = PlanAndExecute(
      Query({Field("no_queries_available", "b"), Field("__typename", "a"), Field("__typename")}),
      *role_);
  ASSERT_TRUE(response);
  EXPECT_EQ(*response,
            R"({"data":{"b":)" + kPlaceholder + R"(,"a":"query_root","__typename":"query_root"}})");
}

TEST_F(ExecuteTest, IntrospectionFieldsAreAnswered) {
  NormalizedField type = Field("__type", "t", {Field("name"), Field("kind")});
  type.arguments["name"] = "query_root";
  NormalizedField schema_field =
      Field("__schema", "",
            {Field("queryType", "", {Field("name")}), Field("mutationType", "", {Field("name")})});
  Result<std::string> response = PlanAndExecute(Query({type, schema_field}), *role_);
  ASSERT_TRUE(response) << response.error().message;
  EXPECT_EQ(*response, R"({"data":{"t":{"name":"query_root","kind":"OBJECT"},)"
                       R"("__schema":{"queryType":{"name":"query_root"},"mutationType":null}}})");
}

TEST_F(ExecuteTest, FieldsOnOtherTypesAreLeftOut) {
  NormalizedField elsewhere = Field("__typename", "other");
  elsewhere.type_conditions = {"SomethingElse"};
  Result<std::string> response = PlanAndExecute(Query({Field("__typename"), elsewhere}), *role_);
  ASSERT_TRUE(response) << response.error().message;
  EXPECT_EQ(*response, R"({"data":{"__typename":"query_root"}})");
}

TEST_F(ExecuteTest, ARootFieldWithNothingToResolveItIsAnError) {
  // A RoleSchema whose map lacks the field its GraphQL schema declares: a bug, reported.
  schema::RoleSchema broken = *role_;
  broken.query_fields.clear();
  Result<std::string> response =
      PlanAndExecute(Query({Field("no_queries_available", "x")}), broken);
  ASSERT_FALSE(response);
  EXPECT_EQ(response.error().code, ErrorCode::kUnexpected);
  EXPECT_EQ(response.error().path, "$.selectionSet.x");
}

TEST_F(ExecuteTest, OperationWithoutRootTypeIsAnError) {
  graphql::Operation operation;
  EXPECT_FALSE(PlanAndExecute(operation, *role_));
}

}  // namespace
}  // namespace junction::execute
