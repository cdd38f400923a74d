// Tests of the UniqueArgumentNames rule (unique_argument_names.cc; spec §5.4.2 Argument
// Uniqueness): graphql-js 16's UniqueArgumentNamesRule-test cases and the spec's examples, each run
// through this rule alone. The expected errors are what graphql-js 16.8.2 reports for the same
// document and schema.

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "graphql/validation/test_harness.h"

namespace junction::graphql::validation {
namespace {

using testing::RuleErrors;
using Errors = std::vector<std::string>;

// graphql-js: "no arguments on field"
TEST(UniqueArgumentNamesTest, NoArgumentsOnField) {
  EXPECT_EQ(RuleErrors(MakeUniqueArgumentNamesRule, R"graphql(
      {
        field
      }
)graphql"),
            Errors{});
}

// graphql-js: "no arguments on directive"
TEST(UniqueArgumentNamesTest, NoArgumentsOnDirective) {
  EXPECT_EQ(RuleErrors(MakeUniqueArgumentNamesRule, R"graphql(
      {
        field @directive
      }
)graphql"),
            Errors{});
}

// graphql-js: "argument on field"
TEST(UniqueArgumentNamesTest, ArgumentOnField) {
  EXPECT_EQ(RuleErrors(MakeUniqueArgumentNamesRule, R"graphql(
      {
        field(arg: "value")
      }
)graphql"),
            Errors{});
}

// graphql-js: "same argument on two fields"
TEST(UniqueArgumentNamesTest, SameArgumentOnTwoFields) {
  EXPECT_EQ(RuleErrors(MakeUniqueArgumentNamesRule, R"graphql(
      {
        one: field(arg: "value")
        two: field(arg: "value")
      }
)graphql"),
            Errors{});
}

// graphql-js: "same argument on field and directive"
TEST(UniqueArgumentNamesTest, SameArgumentOnFieldAndDirective) {
  EXPECT_EQ(RuleErrors(MakeUniqueArgumentNamesRule, R"graphql(
      {
        field(arg: "value") @directive(arg: "value")
      }
)graphql"),
            Errors{});
}

// graphql-js: "same argument on two directives"
TEST(UniqueArgumentNamesTest, SameArgumentOnTwoDirectives) {
  EXPECT_EQ(RuleErrors(MakeUniqueArgumentNamesRule, R"graphql(
      {
        field @directive1(arg: "value") @directive2(arg: "value")
      }
)graphql"),
            Errors{});
}

// graphql-js: "multiple field arguments"
TEST(UniqueArgumentNamesTest, MultipleFieldArguments) {
  EXPECT_EQ(RuleErrors(MakeUniqueArgumentNamesRule, R"graphql(
      {
        field(arg1: "value", arg2: "value", arg3: "value")
      }
)graphql"),
            Errors{});
}

// graphql-js: "duplicate field arguments"
TEST(UniqueArgumentNamesTest, DuplicateFieldArguments) {
  EXPECT_EQ(RuleErrors(MakeUniqueArgumentNamesRule, R"graphql(
      {
        field(arg1: "value", arg1: "value")
      }
)graphql"),
            (Errors{
                "There can be only one argument named \"arg1\". @3:15,3:30",
            }));
}

// graphql-js: "many duplicate field arguments"
TEST(UniqueArgumentNamesTest, ManyDuplicateFieldArguments) {
  EXPECT_EQ(RuleErrors(MakeUniqueArgumentNamesRule, R"graphql(
      {
        field(arg1: "value", arg1: "value", arg1: "value")
      }
)graphql"),
            (Errors{
                "There can be only one argument named \"arg1\". @3:15,3:30,3:45",
            }));
}

// graphql-js: "duplicate directive arguments"
TEST(UniqueArgumentNamesTest, DuplicateDirectiveArguments) {
  EXPECT_EQ(RuleErrors(MakeUniqueArgumentNamesRule, R"graphql(
      {
        field @directive(arg1: "value", arg1: "value")
      }
)graphql"),
            (Errors{
                "There can be only one argument named \"arg1\". @3:26,3:41",
            }));
}

// graphql-js: "many duplicate directive arguments"
TEST(UniqueArgumentNamesTest, ManyDuplicateDirectiveArguments) {
  EXPECT_EQ(RuleErrors(MakeUniqueArgumentNamesRule, R"graphql(
      {
        field @directive(arg1: "value", arg1: "value", arg1: "value")
      }
)graphql"),
            (Errors{
                "There can be only one argument named \"arg1\". @3:26,3:41,3:56",
            }));
}

// each duplicated name is reported once, in order of first appearance
TEST(UniqueArgumentNamesTest, SeveralDuplicatedNames) {
  EXPECT_EQ(RuleErrors(MakeUniqueArgumentNamesRule, R"graphql(
      {
        dog {
          isAtLocation(y: 1, x: 1, y: 2, x: 2)
        }
      }
)graphql"),
            (Errors{
                "There can be only one argument named \"y\". @4:24,4:36",
                "There can be only one argument named \"x\". @4:30,4:42",
            }));
}

}  // namespace
}  // namespace junction::graphql::validation
