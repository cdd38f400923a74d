// Tests of the ProvidedRequiredArguments rule (provided_required_arguments.cc; spec §5.4.2.1
// Required Arguments): graphql-js 16's ProvidedRequiredArgumentsRule-test cases and the spec's
// examples, each run through this rule alone. The expected errors are what graphql-js 16.8.2
// reports for the same document and schema.

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "graphql/validation/test_harness.h"

namespace junction::graphql::validation {
namespace {

using testing::RuleErrors;
using testing::SpecExampleSchema;
using Errors = std::vector<std::string>;

// graphql-js: "ignores unknown arguments"
TEST(ProvidedRequiredArgumentsTest, IgnoresUnknownArguments) {
  EXPECT_EQ(RuleErrors(MakeProvidedRequiredArgumentsRule, R"graphql(
      {
        dog {
          isHouseTrained(unknownArgument: true)
        }
      }
)graphql"),
            Errors{});
}

// graphql-js: "Arg on optional arg"
TEST(ProvidedRequiredArgumentsTest, ArgOnOptionalArg) {
  EXPECT_EQ(RuleErrors(MakeProvidedRequiredArgumentsRule, R"graphql(
      {
        dog {
          isHouseTrained(atOtherHomes: true)
        }
      }
)graphql"),
            Errors{});
}

// graphql-js: "No Arg on optional arg"
TEST(ProvidedRequiredArgumentsTest, NoArgOnOptionalArg) {
  EXPECT_EQ(RuleErrors(MakeProvidedRequiredArgumentsRule, R"graphql(
      {
        dog {
          isHouseTrained
        }
      }
)graphql"),
            Errors{});
}

// graphql-js: "No arg on non-null field with default"
TEST(ProvidedRequiredArgumentsTest, NoArgOnNonNullFieldWithDefault) {
  EXPECT_EQ(RuleErrors(MakeProvidedRequiredArgumentsRule, R"graphql(
      {
        complicatedArgs {
          nonNullFieldWithDefault
        }
      }
)graphql"),
            Errors{});
}

// graphql-js: "Multiple args"
TEST(ProvidedRequiredArgumentsTest, MultipleArgs) {
  EXPECT_EQ(RuleErrors(MakeProvidedRequiredArgumentsRule, R"graphql(
      {
        complicatedArgs {
          multipleReqs(req1: 1, req2: 2)
        }
      }
)graphql"),
            Errors{});
}

// graphql-js: "Multiple args reverse order"
TEST(ProvidedRequiredArgumentsTest, MultipleArgsReverseOrder) {
  EXPECT_EQ(RuleErrors(MakeProvidedRequiredArgumentsRule, R"graphql(
      {
        complicatedArgs {
          multipleReqs(req2: 2, req1: 1)
        }
      }
)graphql"),
            Errors{});
}

// graphql-js: "No args on multiple optional"
TEST(ProvidedRequiredArgumentsTest, NoArgsOnMultipleOptional) {
  EXPECT_EQ(RuleErrors(MakeProvidedRequiredArgumentsRule, R"graphql(
      {
        complicatedArgs {
          multipleOpts
        }
      }
)graphql"),
            Errors{});
}

// graphql-js: "One arg on multiple optional"
TEST(ProvidedRequiredArgumentsTest, OneArgOnMultipleOptional) {
  EXPECT_EQ(RuleErrors(MakeProvidedRequiredArgumentsRule, R"graphql(
      {
        complicatedArgs {
          multipleOpts(opt1: 1)
        }
      }
)graphql"),
            Errors{});
}

// graphql-js: "Second arg on multiple optional"
TEST(ProvidedRequiredArgumentsTest, SecondArgOnMultipleOptional) {
  EXPECT_EQ(RuleErrors(MakeProvidedRequiredArgumentsRule, R"graphql(
      {
        complicatedArgs {
          multipleOpts(opt2: 1)
        }
      }
)graphql"),
            Errors{});
}

// graphql-js: "Multiple required args on mixedList"
TEST(ProvidedRequiredArgumentsTest, MultipleRequiredArgsOnMixedList) {
  EXPECT_EQ(RuleErrors(MakeProvidedRequiredArgumentsRule, R"graphql(
      {
        complicatedArgs {
          multipleOptAndReq(req1: 3, req2: 4)
        }
      }
)graphql"),
            Errors{});
}

// graphql-js: "Multiple required and one optional arg on mixedList"
TEST(ProvidedRequiredArgumentsTest, MultipleRequiredAndOneOptionalArgOnMixedList) {
  EXPECT_EQ(RuleErrors(MakeProvidedRequiredArgumentsRule, R"graphql(
      {
        complicatedArgs {
          multipleOptAndReq(req1: 3, req2: 4, opt1: 5)
        }
      }
)graphql"),
            Errors{});
}

// graphql-js: "All required and optional args on mixedList"
TEST(ProvidedRequiredArgumentsTest, AllRequiredAndOptionalArgsOnMixedList) {
  EXPECT_EQ(RuleErrors(MakeProvidedRequiredArgumentsRule, R"graphql(
      {
        complicatedArgs {
          multipleOptAndReq(req1: 3, req2: 4, opt1: 5, opt2: 6)
        }
      }
)graphql"),
            Errors{});
}

// graphql-js: "Missing one non-nullable argument"
TEST(ProvidedRequiredArgumentsTest, MissingOneNonNullableArgument) {
  EXPECT_EQ(RuleErrors(MakeProvidedRequiredArgumentsRule, R"graphql(
      {
        complicatedArgs {
          multipleReqs(req2: 2)
        }
      }
)graphql"),
            (Errors{
                "Field \"multipleReqs\" argument \"req1\" of type \"Int!\" is required, but it was "
                "not provided. @4:11",
            }));
}

// graphql-js: "Missing multiple non-nullable arguments"
TEST(ProvidedRequiredArgumentsTest, MissingMultipleNonNullableArguments) {
  EXPECT_EQ(RuleErrors(MakeProvidedRequiredArgumentsRule, R"graphql(
      {
        complicatedArgs {
          multipleReqs
        }
      }
)graphql"),
            (Errors{
                "Field \"multipleReqs\" argument \"req1\" of type \"Int!\" is required, but it was "
                "not provided. @4:11",
                "Field \"multipleReqs\" argument \"req2\" of type \"Int!\" is required, but it was "
                "not provided. @4:11",
            }));
}

// graphql-js: "Incorrect value and missing argument"
TEST(ProvidedRequiredArgumentsTest, IncorrectValueAndMissingArgument) {
  EXPECT_EQ(RuleErrors(MakeProvidedRequiredArgumentsRule, R"graphql(
      {
        complicatedArgs {
          multipleReqs(req1: "one")
        }
      }
)graphql"),
            (Errors{
                "Field \"multipleReqs\" argument \"req2\" of type \"Int!\" is required, but it was "
                "not provided. @4:11",
            }));
}

// graphql-js: "ignores unknown directives"
TEST(ProvidedRequiredArgumentsTest, IgnoresUnknownDirectives) {
  EXPECT_EQ(RuleErrors(MakeProvidedRequiredArgumentsRule, R"graphql(
      {
        dog @unknown
      }
)graphql"),
            Errors{});
}

// graphql-js: "with directives of valid types"
TEST(ProvidedRequiredArgumentsTest, WithDirectivesOfValidTypes) {
  EXPECT_EQ(RuleErrors(MakeProvidedRequiredArgumentsRule, R"graphql(
      {
        dog @include(if: true) {
          name
        }
        human @skip(if: false) {
          name
        }
      }
)graphql"),
            Errors{});
}

// graphql-js: "with directive with missing types"
TEST(ProvidedRequiredArgumentsTest, WithDirectiveWithMissingTypes) {
  EXPECT_EQ(
      RuleErrors(MakeProvidedRequiredArgumentsRule, R"graphql(
      {
        dog @include {
          name @skip
        }
      }
)graphql"),
      (Errors{
          "Directive \"@include\" argument \"if\" of type \"Boolean!\" is required, but it was "
          "not provided. @3:13",
          "Directive \"@skip\" argument \"if\" of type \"Boolean!\" is required, but it was "
          "not provided. @4:16",
      }));
}

// a directive defined in the document with a required argument
TEST(ProvidedRequiredArgumentsTest, DocumentDefinedDirectiveWithRequiredArgument) {
  EXPECT_EQ(
      RuleErrors(MakeProvidedRequiredArgumentsRule, R"graphql(
      directive @cached(ttl: Int!, scope: String! = "all") on FIELD
      {
        dog @cached { name }
      }
)graphql"),
      (Errors{
          "Directive \"@cached\" argument \"ttl\" of type \"Int!\" is required, but it was not "
          "provided. @4:13",
      }));
}

// spec §5.4.2.1 counter-example (missingRequiredArg)
TEST(ProvidedRequiredArgumentsTest, SpecCounterExampleMissingRequiredArg) {
  EXPECT_EQ(RuleErrors(MakeProvidedRequiredArgumentsRule, R"graphql(
fragment missingRequiredArg on Arguments {
  nonNullBooleanArgField
}
)graphql",
                       SpecExampleSchema()),
            (Errors{
                "Field \"nonNullBooleanArgField\" argument \"nonNullBooleanArg\" of type "
                "\"Boolean!\" is required, but it was not provided. @3:3",
            }));
}

// spec §5.4.2.1 examples (goodBooleanArg, goodNonNullArg, goodBooleanArgDefault)
TEST(ProvidedRequiredArgumentsTest, SpecExamplesGoodArgs) {
  EXPECT_EQ(RuleErrors(MakeProvidedRequiredArgumentsRule, R"graphql(
fragment goodBooleanArg on Arguments {
  booleanArgField(booleanArg: true)
}

fragment goodNonNullArg on Arguments {
  nonNullBooleanArgField(nonNullBooleanArg: true)
}

fragment goodBooleanArgDefault on Arguments {
  booleanArgField
}
)graphql",
                       SpecExampleSchema()),
            Errors{});
}

}  // namespace
}  // namespace junction::graphql::validation
