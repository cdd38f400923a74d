// Tests of the NoUnusedVariables rule (no_unused_variables.cc; spec §5.8.4 All Variables Used):
// graphql-js 16's NoUnusedVariablesRule-test cases and the spec's examples, each run through this
// rule alone. The expected errors are what graphql-js 16.8.2 reports for the same document and
// schema.

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "graphql/validation/test_harness.h"

namespace junction::graphql::validation {
namespace {

using testing::RuleErrors;
using testing::SpecExampleSchema;
using Errors = std::vector<std::string>;

// graphql-js: "uses all variables"
TEST(NoUnusedVariablesTest, UsesAllVariables) {
  EXPECT_EQ(RuleErrors(MakeNoUnusedVariablesRule, R"graphql(
      query ($a: String, $b: String, $c: String) {
        field(a: $a, b: $b, c: $c)
      }
)graphql"),
            Errors{});
}

// graphql-js: "uses all variables deeply"
TEST(NoUnusedVariablesTest, UsesAllVariablesDeeply) {
  EXPECT_EQ(RuleErrors(MakeNoUnusedVariablesRule, R"graphql(
      query Foo($a: String, $b: String, $c: String) {
        field(a: $a) {
          field(b: $b) {
            field(c: $c)
          }
        }
      }
)graphql"),
            Errors{});
}

// graphql-js: "uses all variables in fragments"
TEST(NoUnusedVariablesTest, UsesAllVariablesInFragments) {
  EXPECT_EQ(RuleErrors(MakeNoUnusedVariablesRule, R"graphql(
      query Foo($a: String, $b: String, $c: String) {
        ...FragA
      }
      fragment FragA on Type {
        field(a: $a) {
          ...FragB
        }
      }
      fragment FragB on Type {
        field(b: $b) {
          ...FragC
        }
      }
      fragment FragC on Type {
        field(c: $c)
      }
)graphql"),
            Errors{});
}

// graphql-js: "variable used by recursive fragment"
TEST(NoUnusedVariablesTest, VariableUsedByRecursiveFragment) {
  EXPECT_EQ(RuleErrors(MakeNoUnusedVariablesRule, R"graphql(
      query Foo($a: String) {
        ...FragA
      }
      fragment FragA on Type {
        field(a: $a) {
          ...FragA
        }
      }
)graphql"),
            Errors{});
}

// graphql-js: "variable not used"
TEST(NoUnusedVariablesTest, VariableNotUsed) {
  EXPECT_EQ(RuleErrors(MakeNoUnusedVariablesRule, R"graphql(
      query ($a: String, $b: String, $c: String) {
        field(a: $a, b: $b)
      }
)graphql"),
            (Errors{
                "Variable \"$c\" is never used. @2:38",
            }));
}

// graphql-js: "multiple variables not used"
TEST(NoUnusedVariablesTest, MultipleVariablesNotUsed) {
  EXPECT_EQ(RuleErrors(MakeNoUnusedVariablesRule, R"graphql(
      query Foo($a: String, $b: String, $c: String) {
        field(b: $b)
      }
)graphql"),
            (Errors{
                "Variable \"$a\" is never used in operation \"Foo\". @2:17",
                "Variable \"$c\" is never used in operation \"Foo\". @2:41",
            }));
}

// graphql-js: "variable not used in fragments"
TEST(NoUnusedVariablesTest, VariableNotUsedInFragments) {
  EXPECT_EQ(RuleErrors(MakeNoUnusedVariablesRule, R"graphql(
      query Foo($a: String, $b: String, $c: String) {
        ...FragA
      }
      fragment FragA on Type {
        field(a: $a) {
          ...FragB
        }
      }
      fragment FragB on Type {
        field(b: $b) {
          ...FragC
        }
      }
      fragment FragC on Type {
        field
      }
)graphql"),
            (Errors{
                "Variable \"$c\" is never used in operation \"Foo\". @2:41",
            }));
}

// graphql-js: "variable not used by unreferenced fragment"
TEST(NoUnusedVariablesTest, VariableNotUsedByUnreferencedFragment) {
  EXPECT_EQ(RuleErrors(MakeNoUnusedVariablesRule, R"graphql(
      query Foo($b: String) {
        ...FragA
      }
      fragment FragA on Type {
        field(a: $a)
      }
      fragment FragB on Type {
        field(b: $b)
      }
)graphql"),
            (Errors{
                "Variable \"$b\" is never used in operation \"Foo\". @2:17",
            }));
}

// graphql-js: "variable not used by fragment used by other operation"
TEST(NoUnusedVariablesTest, VariableNotUsedByFragmentUsedByOtherOperation) {
  EXPECT_EQ(RuleErrors(MakeNoUnusedVariablesRule, R"graphql(
      query Foo($b: String) {
        ...FragA
      }
      query Bar($a: String) {
        ...FragB
      }
      fragment FragA on Type {
        field(a: $a)
      }
      fragment FragB on Type {
        field(b: $b)
      }
)graphql"),
            (Errors{
                "Variable \"$b\" is never used in operation \"Foo\". @2:17",
                "Variable \"$a\" is never used in operation \"Bar\". @5:17",
            }));
}

// a variable definition is not a use, not even its default value
TEST(NoUnusedVariablesTest, VariableUsedOnlyInItsOwnDefaultIsUnused) {
  EXPECT_EQ(RuleErrors(MakeNoUnusedVariablesRule, R"graphql(
      query Foo($a: Int = 1, $b: [Int] = [1]) @skip(if: $c) {
        dog { name }
      }
)graphql"),
            (Errors{
                "Variable \"$a\" is never used in operation \"Foo\". @2:17",
                "Variable \"$b\" is never used in operation \"Foo\". @2:30",
            }));
}

// spec §5.8.4 counter-example (variableUnused)
TEST(NoUnusedVariablesTest, SpecCounterExampleVariableUnused) {
  EXPECT_EQ(RuleErrors(MakeNoUnusedVariablesRule, R"graphql(
query variableUnused($atOtherHomes: Boolean) {
  dog {
    isHouseTrained
  }
}
)graphql",
                       SpecExampleSchema()),
            (Errors{
                "Variable \"$atOtherHomes\" is never used in operation \"variableUnused\". @2:22",
            }));
}

// spec §5.8.4 counter-example (queryWithExtraVar)
TEST(NoUnusedVariablesTest, SpecCounterExampleQueryWithExtraVar) {
  EXPECT_EQ(RuleErrors(MakeNoUnusedVariablesRule, R"graphql(
query queryWithUsedVar($atOtherHomes: Boolean) {
  dog {
    ...isHouseTrainedFragment
  }
}

query queryWithExtraVar($atOtherHomes: Boolean, $extra: Int) {
  dog {
    ...isHouseTrainedFragment
  }
}

fragment isHouseTrainedFragment on Dog {
  isHouseTrained(atOtherHomes: $atOtherHomes)
}
)graphql",
                       SpecExampleSchema()),
            (Errors{
                "Variable \"$extra\" is never used in operation \"queryWithExtraVar\". @8:49",
            }));
}

}  // namespace
}  // namespace junction::graphql::validation
