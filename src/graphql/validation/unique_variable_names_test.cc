// Tests of the UniqueVariableNames rule (unique_variable_names.cc; spec §5.8.1 Variable
// Uniqueness): graphql-js 16's UniqueVariableNamesRule-test cases and the spec's examples, each run
// through this rule alone. The expected errors are what graphql-js 16.8.2 reports for the same
// document and schema.

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "graphql/validation/test_harness.h"

namespace junction::graphql::validation {
namespace {

using testing::RuleErrors;
using testing::SpecExampleSchema;
using Errors = std::vector<std::string>;

// graphql-js: "unique variable names"
TEST(UniqueVariableNamesTest, UniqueVariableNames) {
  EXPECT_EQ(RuleErrors(MakeUniqueVariableNamesRule, R"graphql(
      query A($x: Int, $y: String) { __typename }
      query B($x: String, $y: Int) { __typename }
)graphql"),
            Errors{});
}

// graphql-js: "duplicate variable names"
TEST(UniqueVariableNamesTest, DuplicateVariableNames) {
  EXPECT_EQ(RuleErrors(MakeUniqueVariableNamesRule, R"graphql(
      query A($x: Int, $x: Int, $x: String) { __typename }
      query B($x: String, $x: Int) { __typename }
      query C($x: Int, $x: Int) { __typename }
)graphql"),
            (Errors{
                "There can be only one variable named \"$x\". @2:16,2:25,2:34",
                "There can be only one variable named \"$x\". @3:16,3:28",
                "There can be only one variable named \"$x\". @4:16,4:25",
            }));
}

// spec §5.8.1 counter-example (houseTrainedQuery)
TEST(UniqueVariableNamesTest, SpecCounterExample) {
  EXPECT_EQ(RuleErrors(MakeUniqueVariableNamesRule, R"graphql(
query houseTrainedQuery($atOtherHomes: Boolean, $atOtherHomes: Boolean) {
  dog {
    isHouseTrained(atOtherHomes: $atOtherHomes)
  }
}
)graphql",
                       SpecExampleSchema()),
            (Errors{
                "There can be only one variable named \"$atOtherHomes\". @2:26,2:50",
            }));
}

// spec §5.8.1 example (A and B share HouseTrainedFragment)
TEST(UniqueVariableNamesTest, SpecExampleSameNameInTwoOperations) {
  EXPECT_EQ(RuleErrors(MakeUniqueVariableNamesRule, R"graphql(
query A($atOtherHomes: Boolean) {
  ...HouseTrainedFragment
}

query B($atOtherHomes: Boolean) {
  ...HouseTrainedFragment
}

fragment HouseTrainedFragment on Query {
  dog {
    isHouseTrained(atOtherHomes: $atOtherHomes)
  }
}
)graphql",
                       SpecExampleSchema()),
            Errors{});
}

}  // namespace
}  // namespace junction::graphql::validation
