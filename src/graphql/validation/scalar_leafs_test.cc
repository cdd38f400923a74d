// Tests of the ScalarLeafs rule (scalar_leafs.cc; spec §5.3.3 Leaf Field Selections): graphql-js
// 16's ScalarLeafsRule-test cases and the spec's examples, each run through this rule alone. The
// expected errors are what graphql-js 16.8.2 reports for the same document and schema.

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "graphql/validation/test_harness.h"

namespace junction::graphql::validation {
namespace {

using testing::RuleErrors;
using testing::SpecExampleSchema;
using Errors = std::vector<std::string>;

// graphql-js: "valid scalar selection"
TEST(ScalarLeafsTest, ValidScalarSelection) {
  EXPECT_EQ(RuleErrors(MakeScalarLeafsRule, R"graphql(
      fragment scalarSelection on Dog {
        barks
      }
)graphql"),
            Errors{});
}

// graphql-js: "object type missing selection"
TEST(ScalarLeafsTest, ObjectTypeMissingSelection) {
  EXPECT_EQ(RuleErrors(MakeScalarLeafsRule, R"graphql(
      query directQueryOnObjectWithoutSubFields {
        human
      }
)graphql"),
            (Errors{
                "Field \"human\" of type \"Human\" must have a selection of subfields. Did you "
                "mean \"human { ... }\"? @3:9",
            }));
}

// graphql-js: "interface type missing selection"
TEST(ScalarLeafsTest, InterfaceTypeMissingSelection) {
  EXPECT_EQ(RuleErrors(MakeScalarLeafsRule, R"graphql(
      {
        human { pets }
      }
)graphql"),
            (Errors{
                "Field \"pets\" of type \"[Pet]\" must have a selection of subfields. Did you mean "
                "\"pets { ... }\"? @3:17",
            }));
}

// graphql-js: "valid scalar selection with args"
TEST(ScalarLeafsTest, ValidScalarSelectionWithArgs) {
  EXPECT_EQ(RuleErrors(MakeScalarLeafsRule, R"graphql(
      fragment scalarSelectionWithArgs on Dog {
        doesKnowCommand(dogCommand: SIT)
      }
)graphql"),
            Errors{});
}

// graphql-js: "scalar selection not allowed on Boolean"
TEST(ScalarLeafsTest, ScalarSelectionNotAllowedOnBoolean) {
  EXPECT_EQ(RuleErrors(MakeScalarLeafsRule, R"graphql(
      fragment scalarSelectionsNotAllowedOnBoolean on Dog {
        barks { sinceWhen }
      }
)graphql"),
            (Errors{
                "Field \"barks\" must not have a selection since type \"Boolean\" has no "
                "subfields. @3:15",
            }));
}

// graphql-js: "scalar selection not allowed on Enum"
TEST(ScalarLeafsTest, ScalarSelectionNotAllowedOnEnum) {
  EXPECT_EQ(RuleErrors(MakeScalarLeafsRule, R"graphql(
      fragment scalarSelectionsNotAllowedOnEnum on Cat {
        furColor { inHexDec }
      }
)graphql"),
            (Errors{
                "Field \"furColor\" must not have a selection since type \"FurColor\" has no "
                "subfields. @3:18",
            }));
}

// graphql-js: "scalar selection not allowed with args"
TEST(ScalarLeafsTest, ScalarSelectionNotAllowedWithArgs) {
  EXPECT_EQ(RuleErrors(MakeScalarLeafsRule, R"graphql(
      fragment scalarSelectionsNotAllowedWithArgs on Dog {
        doesKnowCommand(dogCommand: SIT) { sinceWhen }
      }
)graphql"),
            (Errors{
                "Field \"doesKnowCommand\" must not have a selection since type \"Boolean\" has no "
                "subfields. @3:42",
            }));
}

// graphql-js: "Scalar selection not allowed with directives"
TEST(ScalarLeafsTest, ScalarSelectionNotAllowedWithDirectives) {
  EXPECT_EQ(RuleErrors(MakeScalarLeafsRule, R"graphql(
      fragment scalarSelectionsNotAllowedWithDirectives on Dog {
        name @include(if: true) { isAlsoHumanName }
      }
)graphql"),
            (Errors{
                "Field \"name\" must not have a selection since type \"String\" has no subfields. "
                "@3:33",
            }));
}

// graphql-js: "Scalar selection not allowed with directives and args"
TEST(ScalarLeafsTest, ScalarSelectionNotAllowedWithDirectivesAndArgs) {
  EXPECT_EQ(RuleErrors(MakeScalarLeafsRule, R"graphql(
      fragment scalarSelectionsNotAllowedWithDirectivesAndArgs on Dog {
        doesKnowCommand(dogCommand: SIT) @include(if: true) { sinceWhen }
      }
)graphql"),
            (Errors{
                "Field \"doesKnowCommand\" must not have a selection since type \"Boolean\" has no "
                "subfields. @3:61",
            }));
}

// the type in the message keeps its list wrapper
TEST(ScalarLeafsTest, WrappedObjectTypeMissingSelection) {
  EXPECT_EQ(RuleErrors(MakeScalarLeafsRule, R"graphql(
      {
        human { relatives }
      }
)graphql"),
            (Errors{
                "Field \"relatives\" of type \"[Human]\" must have a selection of subfields. Did "
                "you mean \"relatives { ... }\"? @3:17",
            }));
}

// spec §5.3.3 counter-example (scalarSelectionsNotAllowedOnInt)
TEST(ScalarLeafsTest, SpecCounterExampleSelectionOnInt) {
  EXPECT_EQ(RuleErrors(MakeScalarLeafsRule, R"graphql(
fragment scalarSelectionsNotAllowedOnInt on Dog {
  barkVolume {
    sinceWhen
  }
}
)graphql",
                       SpecExampleSchema()),
            (Errors{
                "Field \"barkVolume\" must not have a selection since type \"Int\" has no "
                "subfields. @3:14",
            }));
}

// spec §5.3.3 counter-examples (object, interface, union without sub-fields)
TEST(ScalarLeafsTest, SpecCounterExamplesWithoutSubFields) {
  EXPECT_EQ(RuleErrors(MakeScalarLeafsRule, R"graphql(
query directQueryOnObjectWithoutSubFields {
  human
}

query directQueryOnInterfaceWithoutSubFields {
  pet
}

query directQueryOnUnionWithoutSubFields {
  catOrDog
}
)graphql",
                       SpecExampleSchema()),
            (Errors{
                "Field \"human\" of type \"Human\" must have a selection of subfields. Did you "
                "mean \"human { ... }\"? @3:3",
                "Field \"pet\" of type \"Pet\" must have a selection of subfields. Did you mean "
                "\"pet { ... }\"? @7:3",
                "Field \"catOrDog\" of type \"CatOrDog\" must have a selection of subfields. Did "
                "you mean \"catOrDog { ... }\"? @11:3",
            }));
}

}  // namespace
}  // namespace junction::graphql::validation
