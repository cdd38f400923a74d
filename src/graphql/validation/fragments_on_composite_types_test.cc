// Tests of the FragmentsOnCompositeTypes rule (fragments_on_composite_types.cc; spec §5.5.1.3
// Fragments On Composite Types): graphql-js 16's FragmentsOnCompositeTypesRule-test cases and the
// spec's examples, each run through this rule alone. The expected errors are what graphql-js 16.8.2
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

// graphql-js: "object is valid fragment type"
TEST(FragmentsOnCompositeTypesTest, ObjectIsValidFragmentType) {
  EXPECT_EQ(RuleErrors(MakeFragmentsOnCompositeTypesRule, R"graphql(
      fragment validFragment on Dog {
        barks
      }
)graphql"),
            Errors{});
}

// graphql-js: "interface is valid fragment type"
TEST(FragmentsOnCompositeTypesTest, InterfaceIsValidFragmentType) {
  EXPECT_EQ(RuleErrors(MakeFragmentsOnCompositeTypesRule, R"graphql(
      fragment validFragment on Pet {
        name
      }
)graphql"),
            Errors{});
}

// graphql-js: "object is valid inline fragment type"
TEST(FragmentsOnCompositeTypesTest, ObjectIsValidInlineFragmentType) {
  EXPECT_EQ(RuleErrors(MakeFragmentsOnCompositeTypesRule, R"graphql(
      fragment validFragment on Pet {
        ... on Dog {
          barks
        }
      }
)graphql"),
            Errors{});
}

// graphql-js: "interface is valid inline fragment type"
TEST(FragmentsOnCompositeTypesTest, InterfaceIsValidInlineFragmentType) {
  EXPECT_EQ(RuleErrors(MakeFragmentsOnCompositeTypesRule, R"graphql(
      fragment validFragment on Mammal {
        ... on Canine {
          name
        }
      }
)graphql"),
            Errors{});
}

// graphql-js: "inline fragment without type is valid"
TEST(FragmentsOnCompositeTypesTest, InlineFragmentWithoutTypeIsValid) {
  EXPECT_EQ(RuleErrors(MakeFragmentsOnCompositeTypesRule, R"graphql(
      fragment validFragment on Pet {
        ... {
          name
        }
      }
)graphql"),
            Errors{});
}

// graphql-js: "union is valid fragment type"
TEST(FragmentsOnCompositeTypesTest, UnionIsValidFragmentType) {
  EXPECT_EQ(RuleErrors(MakeFragmentsOnCompositeTypesRule, R"graphql(
      fragment validFragment on CatOrDog {
        __typename
      }
)graphql"),
            Errors{});
}

// graphql-js: "scalar is invalid fragment type"
TEST(FragmentsOnCompositeTypesTest, ScalarIsInvalidFragmentType) {
  EXPECT_EQ(RuleErrors(MakeFragmentsOnCompositeTypesRule, R"graphql(
      fragment scalarFragment on Boolean {
        bad
      }
)graphql"),
            (Errors{
                "Fragment \"scalarFragment\" cannot condition on non composite type \"Boolean\". "
                "@2:34",
            }));
}

// graphql-js: "enum is invalid fragment type"
TEST(FragmentsOnCompositeTypesTest, EnumIsInvalidFragmentType) {
  EXPECT_EQ(RuleErrors(MakeFragmentsOnCompositeTypesRule, R"graphql(
      fragment scalarFragment on FurColor {
        bad
      }
)graphql"),
            (Errors{
                "Fragment \"scalarFragment\" cannot condition on non composite type \"FurColor\". "
                "@2:34",
            }));
}

// graphql-js: "input object is invalid fragment type"
TEST(FragmentsOnCompositeTypesTest, InputObjectIsInvalidFragmentType) {
  EXPECT_EQ(RuleErrors(MakeFragmentsOnCompositeTypesRule, R"graphql(
      fragment inputFragment on ComplexInput {
        stringField
      }
)graphql"),
            (Errors{
                "Fragment \"inputFragment\" cannot condition on non composite type "
                "\"ComplexInput\". @2:33",
            }));
}

// graphql-js: "scalar is invalid inline fragment type"
TEST(FragmentsOnCompositeTypesTest, ScalarIsInvalidInlineFragmentType) {
  EXPECT_EQ(RuleErrors(MakeFragmentsOnCompositeTypesRule, R"graphql(
      fragment invalidFragment on Pet {
        ... on String {
          barks
        }
      }
)graphql"),
            (Errors{
                "Fragment cannot condition on non composite type \"String\". @3:16",
            }));
}

// spec §5.5.1.3 counter-examples (fragOnScalar, inlineFragOnScalar)
TEST(FragmentsOnCompositeTypesTest, SpecCounterExamples) {
  EXPECT_EQ(RuleErrors(MakeFragmentsOnCompositeTypesRule, R"graphql(
fragment fragOnScalar on Int {
  something
}

fragment inlineFragOnScalar on Dog {
  ... on Boolean {
    somethingElse
  }
}
)graphql",
                       SpecExampleSchema()),
            (Errors{
                "Fragment \"fragOnScalar\" cannot condition on non composite type \"Int\". @2:26",
                "Fragment cannot condition on non composite type \"Boolean\". @7:10",
            }));
}

}  // namespace
}  // namespace junction::graphql::validation
