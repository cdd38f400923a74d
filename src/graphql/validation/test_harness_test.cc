// Tests of the test harness itself (test_harness.h): its two schemas build (the harness one read
// from the oracle's tests/oracle/schemas/harness.graphql) and errors are described as expected.

#include "graphql/validation/test_harness.h"

#include <gtest/gtest.h>

#include <string>


namespace junction::graphql::validation::testing {
namespace {

TEST(TestHarnessTest, SchemasBuild) {
  EXPECT_NE(HarnessSchema().query_type(), nullptr);
  EXPECT_NE(HarnessSchema().subscription_type(), nullptr);
  EXPECT_NE(SpecExampleSchema().query_type(), nullptr);
  EXPECT_NE(SpecExampleSchema().FindType("Arguments"), nullptr);
}

TEST(TestHarnessTest, DescribeJoinsMessageAndLocations) {
  Error error(ErrorCode::kValidationFailed, "Boom.");
  error.locations = {{1, 2}, {3, 4}};
  EXPECT_EQ(Describe({error}), std::vector<std::string>{"Boom. @1:2,3:4"});
  EXPECT_EQ(Describe({Error(ErrorCode::kValidationFailed, "Too many.")}),
            std::vector<std::string>{"Too many."});
}

}  // namespace
}  // namespace junction::graphql::validation::testing
