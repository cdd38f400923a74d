// Tests of the test harness itself (test_harness.h): its two schemas build, and the harness SDL
// the unit tests use is the schema the oracle validates tests/oracle/validation/ against, so the
// unit tests and the graphql-js comparison can never drift apart.

#include "graphql/validation/test_harness.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>

#include "graphql/parser.h"

namespace junction::graphql::validation::testing {
namespace {

TEST(TestHarnessTest, SchemasBuild) {
  EXPECT_NE(HarnessSchema().query_type(), nullptr);
  EXPECT_NE(HarnessSchema().subscription_type(), nullptr);
  EXPECT_NE(SpecExampleSchema().query_type(), nullptr);
  EXPECT_NE(SpecExampleSchema().FindType("Arguments"), nullptr);
}

TEST(TestHarnessTest, HarnessSdlIsTheOracleSchema) {
  std::ifstream file(std::string(JUNCTION_SOURCE_DIR) + "/tests/oracle/schemas/harness.graphql");
  ASSERT_TRUE(file) << "tests/oracle/schemas/harness.graphql is missing";
  std::ostringstream text;
  text << file.rdbuf();
  Result<Document> oracle = Parse(text.str());
  Result<Document> header = Parse(kHarnessSdl);
  ASSERT_TRUE(oracle);
  ASSERT_TRUE(header);
  EXPECT_TRUE(*oracle == *header);
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
