// Tests of the OverlappingFieldsCanBeMerged rule (names and arguments)
// (overlapping_fields_can_be_merged.cc; spec §5.3.2 Field Selection Merging): graphql-js 16's
// OverlappingFieldsCanBeMergedRule-test cases and the spec's examples, each run through this rule
// alone. The expected errors are what graphql-js 16.8.2 reports for the same document and schema.

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "graphql/validation/test_harness.h"

namespace junction::graphql::validation {
namespace {

using testing::RuleErrors;
using Errors = std::vector<std::string>;

// graphql-js: "unique fields"
TEST(OverlappingFieldsCanBeMergedTest, UniqueFields) {
  EXPECT_EQ(RuleErrors(MakeOverlappingFieldsCanBeMergedRule, R"graphql(
      fragment uniqueFields on Dog {
        name
        nickname
      }
)graphql"),
            Errors{});
}

// graphql-js: "identical fields"
TEST(OverlappingFieldsCanBeMergedTest, IdenticalFields) {
  EXPECT_EQ(RuleErrors(MakeOverlappingFieldsCanBeMergedRule, R"graphql(
      fragment mergeIdenticalFields on Dog {
        name
        name
      }
)graphql"),
            Errors{});
}

// graphql-js: "identical fields with identical args"
TEST(OverlappingFieldsCanBeMergedTest, IdenticalFieldsWithIdenticalArgs) {
  EXPECT_EQ(RuleErrors(MakeOverlappingFieldsCanBeMergedRule, R"graphql(
      fragment mergeIdenticalFieldsWithIdenticalArgs on Dog {
        doesKnowCommand(dogCommand: SIT)
        doesKnowCommand(dogCommand: SIT)
      }
)graphql"),
            Errors{});
}

// graphql-js: "identical fields with identical directives"
TEST(OverlappingFieldsCanBeMergedTest, IdenticalFieldsWithIdenticalDirectives) {
  EXPECT_EQ(RuleErrors(MakeOverlappingFieldsCanBeMergedRule, R"graphql(
      fragment mergeSameFieldsWithSameDirectives on Dog {
        name @include(if: true)
        name @include(if: true)
      }
)graphql"),
            Errors{});
}

// graphql-js: "different args with different aliases"
TEST(OverlappingFieldsCanBeMergedTest, DifferentArgsWithDifferentAliases) {
  EXPECT_EQ(RuleErrors(MakeOverlappingFieldsCanBeMergedRule, R"graphql(
      fragment differentArgsWithDifferentAliases on Dog {
        knowsSit: doesKnowCommand(dogCommand: SIT)
        knowsDown: doesKnowCommand(dogCommand: DOWN)
      }
)graphql"),
            Errors{});
}

// graphql-js: "different directives with different aliases"
TEST(OverlappingFieldsCanBeMergedTest, DifferentDirectivesWithDifferentAliases) {
  EXPECT_EQ(RuleErrors(MakeOverlappingFieldsCanBeMergedRule, R"graphql(
      fragment differentDirectivesWithDifferentAliases on Dog {
        nameIfTrue: name @include(if: true)
        nameIfFalse: name @include(if: false)
      }
)graphql"),
            Errors{});
}

// graphql-js: "different skip/include directives accepted"
TEST(OverlappingFieldsCanBeMergedTest, DifferentSkipIncludeDirectivesAccepted) {
  EXPECT_EQ(RuleErrors(MakeOverlappingFieldsCanBeMergedRule, R"graphql(
      fragment differentDirectivesWithDifferentAliases on Dog {
        name @include(if: true)
        name @include(if: false)
      }
)graphql"),
            Errors{});
}

// graphql-js: "Same aliases with different field targets"
TEST(OverlappingFieldsCanBeMergedTest, SameAliasesWithDifferentFieldTargets) {
  EXPECT_EQ(RuleErrors(MakeOverlappingFieldsCanBeMergedRule, R"graphql(
      fragment sameAliasesWithDifferentFieldTargets on Dog {
        fido: name
        fido: nickname
      }
)graphql"),
            (Errors{
                "Fields \"fido\" conflict because \"name\" and \"nickname\" are different fields. "
                "Use different aliases on the fields to fetch both if this was intentional. "
                "@3:9,4:9",
            }));
}

// graphql-js: "Same aliases allowed on non-overlapping fields"
TEST(OverlappingFieldsCanBeMergedTest, SameAliasesAllowedOnNonOverlappingFields) {
  EXPECT_EQ(RuleErrors(MakeOverlappingFieldsCanBeMergedRule, R"graphql(
      fragment sameAliasesWithDifferentFieldTargets on Pet {
        ... on Dog {
          name
        }
        ... on Cat {
          name: nickname
        }
      }
)graphql"),
            Errors{});
}

// graphql-js: "Alias masking direct field access"
TEST(OverlappingFieldsCanBeMergedTest, AliasMaskingDirectFieldAccess) {
  EXPECT_EQ(RuleErrors(MakeOverlappingFieldsCanBeMergedRule, R"graphql(
      fragment aliasMaskingDirectFieldAccess on Dog {
        name: nickname
        name
      }
)graphql"),
            (Errors{
                "Fields \"name\" conflict because \"nickname\" and \"name\" are different fields. "
                "Use different aliases on the fields to fetch both if this was intentional. "
                "@3:9,4:9",
            }));
}

// graphql-js: "different args, second adds an argument"
TEST(OverlappingFieldsCanBeMergedTest, DifferentArgsSecondAddsAnArgument) {
  EXPECT_EQ(RuleErrors(MakeOverlappingFieldsCanBeMergedRule, R"graphql(
      fragment conflictingArgs on Dog {
        doesKnowCommand
        doesKnowCommand(dogCommand: HEEL)
      }
)graphql"),
            (Errors{
                "Fields \"doesKnowCommand\" conflict because they have differing arguments. Use "
                "different aliases on the fields to fetch both if this was intentional. "
                "@3:9,4:9",
            }));
}

// graphql-js: "different args, second missing an argument"
TEST(OverlappingFieldsCanBeMergedTest, DifferentArgsSecondMissingAnArgument) {
  EXPECT_EQ(RuleErrors(MakeOverlappingFieldsCanBeMergedRule, R"graphql(
      fragment conflictingArgs on Dog {
        doesKnowCommand(dogCommand: SIT)
        doesKnowCommand
      }
)graphql"),
            (Errors{
                "Fields \"doesKnowCommand\" conflict because they have differing arguments. Use "
                "different aliases on the fields to fetch both if this was intentional. "
                "@3:9,4:9",
            }));
}

// graphql-js: "conflicting arg values"
TEST(OverlappingFieldsCanBeMergedTest, ConflictingArgValues) {
  EXPECT_EQ(RuleErrors(MakeOverlappingFieldsCanBeMergedRule, R"graphql(
      fragment conflictingArgs on Dog {
        doesKnowCommand(dogCommand: SIT)
        doesKnowCommand(dogCommand: HEEL)
      }
)graphql"),
            (Errors{
                "Fields \"doesKnowCommand\" conflict because they have differing arguments. Use "
                "different aliases on the fields to fetch both if this was intentional. "
                "@3:9,4:9",
            }));
}

// graphql-js: "conflicting arg names"
TEST(OverlappingFieldsCanBeMergedTest, ConflictingArgNames) {
  EXPECT_EQ(RuleErrors(MakeOverlappingFieldsCanBeMergedRule, R"graphql(
      fragment conflictingArgs on Dog {
        isAtLocation(x: 0)
        isAtLocation(y: 0)
      }
)graphql"),
            (Errors{
                "Fields \"isAtLocation\" conflict because they have differing arguments. Use "
                "different aliases on the fields to fetch both if this was intentional. "
                "@3:9,4:9",
            }));
}

// graphql-js: "allows different args where no conflict is possible"
TEST(OverlappingFieldsCanBeMergedTest, AllowsDifferentArgsWhereNoConflictIsPossible) {
  EXPECT_EQ(RuleErrors(MakeOverlappingFieldsCanBeMergedRule, R"graphql(
      fragment conflictingArgs on Pet {
        ... on Dog {
          name(surname: true)
        }
        ... on Cat {
          name
        }
      }
)graphql"),
            Errors{});
}

// graphql-js: "allows different order of args"
TEST(OverlappingFieldsCanBeMergedTest, AllowsDifferentOrderOfArgs) {
  EXPECT_EQ(RuleErrors(MakeOverlappingFieldsCanBeMergedRule, R"graphql(
      {
        complicatedArgs {
          multipleOpts(opt1: 1, opt2: 2)
          multipleOpts(opt2: 2, opt1: 1)
        }
      }
)graphql"),
            Errors{});
}

// graphql-js: "allows different order of input object fields in arg values"
TEST(OverlappingFieldsCanBeMergedTest, AllowsDifferentOrderOfInputObjectFields) {
  EXPECT_EQ(RuleErrors(MakeOverlappingFieldsCanBeMergedRule, R"graphql(
      {
        complicatedArgs {
          complexArgField(complexArg: { requiredField: true, intField: 1 })
          complexArgField(complexArg: { intField: 1, requiredField: true })
        }
      }
)graphql"),
            Errors{});
}

// a string and a block string with the same text print differently
TEST(OverlappingFieldsCanBeMergedTest, StringAndBlockStringArgumentsDiffer) {
  EXPECT_EQ(RuleErrors(MakeOverlappingFieldsCanBeMergedRule, R"graphql(
      {
        complicatedArgs {
          stringArgField(stringArg: "a")
          stringArgField(stringArg: """a""")
        }
      }
)graphql"),
            (Errors{
                "Fields \"stringArgField\" conflict because they have differing arguments. Use "
                "different aliases on the fields to fetch both if this was intentional. "
                "@4:11,5:11",
            }));
}

// arguments given by variables merge when the variables are the same
TEST(OverlappingFieldsCanBeMergedTest, VariableArgumentsCompareByName) {
  EXPECT_EQ(RuleErrors(MakeOverlappingFieldsCanBeMergedRule, R"graphql(
      query ($a: Int, $b: Int) {
        complicatedArgs {
          intArgField(intArg: $a)
          intArgField(intArg: $a)
          other: intArgField(intArg: $a)
          other: intArgField(intArg: $b)
        }
      }
)graphql"),
            (Errors{
                "Fields \"other\" conflict because they have differing arguments. Use different "
                "aliases on the fields to fetch both if this was intentional. @6:11,7:11",
            }));
}

}  // namespace
}  // namespace junction::graphql::validation
