// Tests of the OverlappingFieldsCanBeMerged rule (fragments, sub-fields and return types)
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
using testing::SpecExampleSchema;
using Errors = std::vector<std::string>;

// graphql-js: "encounters conflict in fragments"
TEST(OverlappingFieldsCanBeMergedTest, EncountersConflictInFragments) {
  EXPECT_EQ(RuleErrors(MakeOverlappingFieldsCanBeMergedRule, R"graphql(
      {
        ...A
        ...B
      }
      fragment A on Type {
        x: a
      }
      fragment B on Type {
        x: b
      }
)graphql"),
            (Errors{
                "Fields \"x\" conflict because \"a\" and \"b\" are different fields. Use different "
                "aliases on the fields to fetch both if this was intentional. @7:9,10:9",
            }));
}

// graphql-js: "reports each conflict once"
TEST(OverlappingFieldsCanBeMergedTest, ReportsEachConflictOnce) {
  EXPECT_EQ(RuleErrors(MakeOverlappingFieldsCanBeMergedRule, R"graphql(
      {
        f1 {
          ...A
          ...B
        }
        f2 {
          ...B
          ...A
        }
        f3 {
          ...A
          ...B
          x: c
        }
      }
      fragment A on Type {
        x: a
      }
      fragment B on Type {
        x: b
      }
)graphql"),
            (Errors{
                "Fields \"x\" conflict because \"a\" and \"b\" are different fields. Use different "
                "aliases on the fields to fetch both if this was intentional. @18:9,21:9",
                "Fields \"x\" conflict because \"c\" and \"a\" are different fields. Use different "
                "aliases on the fields to fetch both if this was intentional. @14:11,18:9",
                "Fields \"x\" conflict because \"c\" and \"b\" are different fields. Use different "
                "aliases on the fields to fetch both if this was intentional. @14:11,21:9",
            }));
}

// graphql-js: "deep conflict"
TEST(OverlappingFieldsCanBeMergedTest, DeepConflict) {
  EXPECT_EQ(
      RuleErrors(MakeOverlappingFieldsCanBeMergedRule, R"graphql(
      {
        field {
          x: a
        },
        field {
          x: b
        }
      }
)graphql"),
      (Errors{
          "Fields \"field\" conflict because subfields \"x\" conflict because \"a\" and \"b\" "
          "are different fields. Use different aliases on the fields to fetch both if "
          "this was intentional. @3:9,4:11,6:9,7:11",
      }));
}

// graphql-js: "deep conflict with multiple issues"
TEST(OverlappingFieldsCanBeMergedTest, DeepConflictWithMultipleIssues) {
  EXPECT_EQ(
      RuleErrors(MakeOverlappingFieldsCanBeMergedRule, R"graphql(
      {
        field {
          x: a
          y: c
        },
        field {
          x: b
          y: d
        }
      }
)graphql"),
      (Errors{
          "Fields \"field\" conflict because subfields \"x\" conflict because \"a\" and \"b\" "
          "are different fields and subfields \"y\" conflict because \"c\" and \"d\" are "
          "different fields. Use different aliases on the fields to fetch both if this "
          "was intentional. @3:9,4:11,5:11,7:9,8:11,9:11",
      }));
}

// graphql-js: "very deep conflict"
TEST(OverlappingFieldsCanBeMergedTest, VeryDeepConflict) {
  EXPECT_EQ(RuleErrors(MakeOverlappingFieldsCanBeMergedRule, R"graphql(
      {
        field {
          deepField {
            x: a
          }
        },
        field {
          deepField {
            x: b
          }
        }
      }
)graphql"),
            (Errors{
                "Fields \"field\" conflict because subfields \"deepField\" conflict because "
                "subfields \"x\" conflict because \"a\" and \"b\" are different fields. Use "
                "different aliases on the fields to fetch both if this was intentional. "
                "@3:9,4:11,5:13,8:9,9:11,10:13",
            }));
}

// graphql-js: "reports deep conflict to nearest common ancestor"
TEST(OverlappingFieldsCanBeMergedTest, ReportsDeepConflictToNearestCommonAncestor) {
  EXPECT_EQ(RuleErrors(MakeOverlappingFieldsCanBeMergedRule, R"graphql(
      {
        field {
          deepField {
            x: a
          }
          deepField {
            x: b
          }
        },
        field {
          deepField {
            y
          }
        }
      }
)graphql"),
            (Errors{
                "Fields \"deepField\" conflict because subfields \"x\" conflict because \"a\" and "
                "\"b\" are different fields. Use different aliases on the fields to fetch both "
                "if this was intentional. @4:11,5:13,7:11,8:13",
            }));
}

// graphql-js: "reports deep conflict to nearest common ancestor in fragments"
TEST(OverlappingFieldsCanBeMergedTest, ReportsDeepConflictToNearestCommonAncestorInFragments) {
  EXPECT_EQ(
      RuleErrors(MakeOverlappingFieldsCanBeMergedRule, R"graphql(
      {
        field {
          ...F
        }
        field {
          ...F
        }
      }
      fragment F on T {
        deepField {
          deeperField {
            x: a
          }
          deeperField {
            x: b
          }
        },
        deepField {
          deeperField {
            y
          }
        }
      }
)graphql"),
      (Errors{
          "Fields \"deeperField\" conflict because subfields \"x\" conflict because \"a\" and "
          "\"b\" are different fields. Use different aliases on the fields to fetch both "
          "if this was intentional. @12:11,13:13,15:11,16:13",
      }));
}

// graphql-js: "reports deep conflict in nested fragments"
TEST(OverlappingFieldsCanBeMergedTest, ReportsDeepConflictInNestedFragments) {
  EXPECT_EQ(
      RuleErrors(MakeOverlappingFieldsCanBeMergedRule, R"graphql(
      {
        field {
          ...F
        }
        field {
          ...I
        }
      }
      fragment F on T {
        x: a
        ...G
      }
      fragment G on T {
        y: c
      }
      fragment I on T {
        y: d
        ...J
      }
      fragment J on T {
        x: b
      }
)graphql"),
      (Errors{
          "Fields \"field\" conflict because subfields \"x\" conflict because \"a\" and \"b\" "
          "are different fields and subfields \"y\" conflict because \"c\" and \"d\" are "
          "different fields. Use different aliases on the fields to fetch both if this "
          "was intentional. @3:9,11:9,15:9,6:9,22:9,18:9",
      }));
}

// graphql-js: "ignores unknown fragments"
TEST(OverlappingFieldsCanBeMergedTest, IgnoresUnknownFragments) {
  EXPECT_EQ(RuleErrors(MakeOverlappingFieldsCanBeMergedRule, R"graphql(
      {
        field
        ...Unknown
        ...Known
      }

      fragment Known on T {
        field
        ...OtherUnknown
      }
)graphql"),
            Errors{});
}

// graphql-js: "conflicting return types which potentially overlap"
TEST(OverlappingFieldsCanBeMergedTest, ConflictingReturnTypesWhichPotentiallyOverlap) {
  EXPECT_EQ(RuleErrors(MakeOverlappingFieldsCanBeMergedRule, R"graphql(
      {
        dogOrHuman {
          ... on Dog {
            scalar: name
          }
          ... on Human {
            scalar: iq
          }
        }
      }
)graphql"),
            (Errors{
                "Fields \"scalar\" conflict because they return conflicting types \"String\" and "
                "\"Int\". Use different aliases on the fields to fetch both if this was "
                "intentional. @5:13,8:13",
            }));
}

// graphql-js: "compatible return shapes on different return types"
TEST(OverlappingFieldsCanBeMergedTest, CompatibleReturnShapesOnDifferentReturnTypes) {
  EXPECT_EQ(RuleErrors(MakeOverlappingFieldsCanBeMergedRule, R"graphql(
      {
        pet {
          ... on Dog {
            mother {
              name
            }
          }
          ... on Cat {
            mother: nickname
          }
        }
      }
)graphql"),
            (Errors{
                "Fields \"mother\" conflict because they return conflicting types \"Dog\" and "
                "\"String\". Use different aliases on the fields to fetch both if this was "
                "intentional. @5:13,10:13",
            }));
}

// graphql-js: "disallows differing return types despite no overlap"
TEST(OverlappingFieldsCanBeMergedTest, DisallowsDifferingReturnTypesDespiteNoOverlap) {
  EXPECT_EQ(RuleErrors(MakeOverlappingFieldsCanBeMergedRule, R"graphql(
      {
        pet {
          ... on Dog {
            scalar: barkVolume
          }
          ... on Cat {
            scalar: nickname
          }
        }
      }
)graphql"),
            (Errors{
                "Fields \"scalar\" conflict because they return conflicting types \"Int\" and "
                "\"String\". Use different aliases on the fields to fetch both if this was "
                "intentional. @5:13,8:13",
            }));
}

// differing nullability conflicts even on different object types
TEST(OverlappingFieldsCanBeMergedTest, DisallowsDifferingReturnTypeNullabilityDespiteNoOverlap) {
  EXPECT_EQ(RuleErrors(MakeOverlappingFieldsCanBeMergedRule, R"graphql(
      {
        catOrDog {
          ... on Dog {
            relatives: name
          }
          ... on Cat {
            relatives: furColor
          }
        }
        dogOrHuman {
          ... on Human {
            relatives { name }
          }
          ... on Dog {
            relatives: mother { name }
          }
        }
      }
)graphql"),
            (Errors{
                "Fields \"relatives\" conflict because they return conflicting types \"String\" "
                "and \"FurColor\". Use different aliases on the fields to fetch both if this was "
                "intentional. @5:13,8:13",
                "Fields \"relatives\" conflict because they return conflicting types \"[Human]\" "
                "and \"Dog\". Use different aliases on the fields to fetch both if this was "
                "intentional. @13:13,16:13",
            }));
}

// graphql-js: "disallows differing return type list despite no overlap"
TEST(OverlappingFieldsCanBeMergedTest, DisallowsDifferingReturnTypeListDespiteNoOverlap) {
  EXPECT_EQ(RuleErrors(MakeOverlappingFieldsCanBeMergedRule, R"graphql(
      {
        dogOrHuman {
          ... on Human {
            family: relatives {
              name
            }
          }
          ... on Dog {
            family: mother {
              name
            }
          }
        }
      }
)graphql"),
            (Errors{
                "Fields \"family\" conflict because they return conflicting types \"[Human]\" and "
                "\"Dog\". Use different aliases on the fields to fetch both if this was "
                "intentional. @5:13,10:13",
            }));
}

// graphql-js: "disallows differing subfields"
TEST(OverlappingFieldsCanBeMergedTest, DisallowsDifferingSubfields) {
  EXPECT_EQ(RuleErrors(MakeOverlappingFieldsCanBeMergedRule, R"graphql(
      {
        dogOrHuman {
          ... on Dog {
            mother {
              name: nickname
            }
          }
          ... on Human {
            mother: relatives {
              name
            }
          }
        }
      }
)graphql"),
            (Errors{
                "Fields \"mother\" conflict because they return conflicting types \"Dog\" and "
                "\"[Human]\". Use different aliases on the fields to fetch both if this was "
                "intentional. @5:13,10:13",
            }));
}

// graphql-js: "disallows differing deep return types despite no overlap"
TEST(OverlappingFieldsCanBeMergedTest, DisallowsDifferingDeepReturnTypesDespiteNoOverlap) {
  EXPECT_EQ(RuleErrors(MakeOverlappingFieldsCanBeMergedRule, R"graphql(
      {
        dogOrHuman {
          ... on Dog {
            parent: mother {
              scalar: barkVolume
            }
          }
          ... on Human {
            parent: relatives {
              scalar: name
            }
          }
        }
      }
)graphql"),
            (Errors{
                "Fields \"parent\" conflict because they return conflicting types \"Dog\" and "
                "\"[Human]\". Use different aliases on the fields to fetch both if this was "
                "intentional. @5:13,10:13",
            }));
}

// graphql-js: "allows non-conflicting overlapping types"
TEST(OverlappingFieldsCanBeMergedTest, AllowsNonConflictingOverlappingTypes) {
  EXPECT_EQ(RuleErrors(MakeOverlappingFieldsCanBeMergedRule, R"graphql(
      {
        pet {
          ... on Dog {
            scalar: name
          }
          ... on Cat {
            scalar: nickname
          }
        }
      }
)graphql"),
            Errors{});
}

// graphql-js: "same wrapped scalar return types"
TEST(OverlappingFieldsCanBeMergedTest, SameWrappedScalarReturnTypes) {
  EXPECT_EQ(RuleErrors(MakeOverlappingFieldsCanBeMergedRule, R"graphql(
      {
        pet {
          ...on Dog {
            name
          }
          ...on Cat {
            name
          }
        }
      }
)graphql"),
            Errors{});
}

// graphql-js: "allows inline fragments without type condition"
TEST(OverlappingFieldsCanBeMergedTest, AllowsInlineFragmentsWithoutTypeCondition) {
  EXPECT_EQ(RuleErrors(MakeOverlappingFieldsCanBeMergedRule, R"graphql(
      {
        a
        ... {
          a
        }
      }
)graphql"),
            Errors{});
}

// graphql-js: "compares deep types including list"
TEST(OverlappingFieldsCanBeMergedTest, ComparesDeepTypesIncludingList) {
  EXPECT_EQ(RuleErrors(MakeOverlappingFieldsCanBeMergedRule, R"graphql(
      {
        human {
          relatives {
            ...HumanName
          }
          relatives {
            name: iq
          }
        }
      }
      fragment HumanName on Human {
        name
      }
)graphql"),
            (Errors{
                "Fields \"relatives\" conflict because subfields \"name\" conflict because \"iq\" "
                "and \"name\" are different fields. Use different aliases on the fields to fetch "
                "both if this was intentional. @4:11,8:13,7:11,13:9",
            }));
}

// graphql-js: "ignores unknown types"
TEST(OverlappingFieldsCanBeMergedTest, IgnoresUnknownTypes) {
  EXPECT_EQ(
      RuleErrors(MakeOverlappingFieldsCanBeMergedRule, R"graphql(
      {
        pet {
          ...on UnknownType {
            scalar: name
          }
          ...on Cat {
            scalar: nickname
          }
        }
      }
)graphql"),
      (Errors{
          "Fields \"scalar\" conflict because \"name\" and \"nickname\" are different fields. "
          "Use different aliases on the fields to fetch both if this was intentional. "
          "@5:13,8:13",
      }));
}

// graphql-js 16.8 checks an inline fragment's selection set on its own too
TEST(OverlappingFieldsCanBeMergedTest, ConflictInsideInlineFragmentIsReportedTwice) {
  EXPECT_EQ(RuleErrors(MakeOverlappingFieldsCanBeMergedRule, R"graphql(
      {
        dog {
          ... on Dog {
            name: nickname
            name
          }
        }
      }
)graphql"),
            (Errors{
                "Fields \"name\" conflict because \"nickname\" and \"name\" are different fields. "
                "Use different aliases on the fields to fetch both if this was intentional. "
                "@5:13,6:13",
                "Fields \"name\" conflict because \"nickname\" and \"name\" are different fields. "
                "Use different aliases on the fields to fetch both if this was intentional. "
                "@5:13,6:13",
            }));
}

// graphql-js: "finds invalid case even with immediately recursive fragment"
TEST(OverlappingFieldsCanBeMergedTest, FindsInvalidCaseEvenWithImmediatelyRecursiveFragment) {
  EXPECT_EQ(RuleErrors(MakeOverlappingFieldsCanBeMergedRule, R"graphql(
      fragment sameAliasesWithDifferentFieldTargets on Dog {
        ...sameAliasesWithDifferentFieldTargets
        fido: name
        fido: nickname
      }
)graphql"),
            (Errors{
                "Fields \"fido\" conflict because \"name\" and \"nickname\" are different fields. "
                "Use different aliases on the fields to fetch both if this was intentional. "
                "@4:9,5:9",
            }));
}

// graphql-js: "does not infinite loop on recursive fragment"
TEST(OverlappingFieldsCanBeMergedTest, DoesNotInfiniteLoopOnRecursiveFragment) {
  EXPECT_EQ(RuleErrors(MakeOverlappingFieldsCanBeMergedRule, R"graphql(
      {
        ...fragA
      }

      fragment fragA on Human { name, relatives { name, ...fragA } }
)graphql"),
            Errors{});
}

// graphql-js: "does not infinite loop on transitively recursive fragment"
TEST(OverlappingFieldsCanBeMergedTest, DoesNotInfiniteLoopOnTransitivelyRecursiveFragment) {
  EXPECT_EQ(RuleErrors(MakeOverlappingFieldsCanBeMergedRule, R"graphql(
      {
        ...fragA
        fragB
      }

      fragment fragA on Human { name, ...fragB }
      fragment fragB on Human { name, ...fragC }
      fragment fragC on Human { name, ...fragA }
)graphql"),
            Errors{});
}

// graphql-js: "finds invalid case even with field named after fragment"
TEST(OverlappingFieldsCanBeMergedTest, FindsInvalidCaseWithFieldNamedAfterFragment) {
  EXPECT_EQ(RuleErrors(MakeOverlappingFieldsCanBeMergedRule, R"graphql(
      {
        fragA
        ...fragA
      }

      fragment fragA on Type {
        fragA: b
      }
)graphql"),
            (Errors{
                "Fields \"fragA\" conflict because \"fragA\" and \"b\" are different fields. Use "
                "different aliases on the fields to fetch both if this was intentional. "
                "@3:9,8:9",
            }));
}

// mutually recursive fragments: conflicts are found and the search ends
TEST(OverlappingFieldsCanBeMergedTest, ReportsMutualRecursionConflicts) {
  EXPECT_EQ(RuleErrors(MakeOverlappingFieldsCanBeMergedRule, R"graphql(
      {
        dog { ...A }
      }
      fragment A on Dog { x: name ...B }
      fragment B on Dog { x: nickname ...A }
)graphql"),
            (Errors{
                "Fields \"x\" conflict because \"name\" and \"nickname\" are different fields. Use "
                "different aliases on the fields to fetch both if this was intentional. "
                "@5:27,6:27",
                "Fields \"x\" conflict because \"nickname\" and \"name\" are different fields. Use "
                "different aliases on the fields to fetch both if this was intentional. "
                "@6:27,5:27",
            }));
}

// spec §5.3.2 counter-example (conflictingBecauseAlias)
TEST(OverlappingFieldsCanBeMergedTest, SpecCounterExampleConflictingBecauseAlias) {
  EXPECT_EQ(RuleErrors(MakeOverlappingFieldsCanBeMergedRule, R"graphql(
fragment conflictingBecauseAlias on Dog {
  name: nickname
  name
}
)graphql",
                       SpecExampleSchema()),
            (Errors{
                "Fields \"name\" conflict because \"nickname\" and \"name\" are different fields. "
                "Use different aliases on the fields to fetch both if this was intentional. "
                "@3:3,4:3",
            }));
}

// spec §5.3.2 counter-examples (arguments that do not merge)
TEST(OverlappingFieldsCanBeMergedTest, SpecCounterExamplesConflictingArgs) {
  EXPECT_EQ(RuleErrors(MakeOverlappingFieldsCanBeMergedRule, R"graphql(
fragment conflictingArgsOnValues on Dog {
  doesKnowCommand(dogCommand: SIT)
  doesKnowCommand(dogCommand: HEEL)
}

fragment conflictingArgsValueAndVar on Dog {
  doesKnowCommand(dogCommand: SIT)
  doesKnowCommand(dogCommand: $dogCommand)
}

fragment conflictingArgsWithVars on Dog {
  doesKnowCommand(dogCommand: $varOne)
  doesKnowCommand(dogCommand: $varTwo)
}

fragment differingArgs on Dog {
  doesKnowCommand(dogCommand: SIT)
  doesKnowCommand
}
)graphql",
                       SpecExampleSchema()),
            (Errors{
                "Fields \"doesKnowCommand\" conflict because they have differing arguments. Use "
                "different aliases on the fields to fetch both if this was intentional. "
                "@3:3,4:3",
                "Fields \"doesKnowCommand\" conflict because they have differing arguments. Use "
                "different aliases on the fields to fetch both if this was intentional. "
                "@8:3,9:3",
                "Fields \"doesKnowCommand\" conflict because they have differing arguments. Use "
                "different aliases on the fields to fetch both if this was intentional. "
                "@13:3,14:3",
                "Fields \"doesKnowCommand\" conflict because they have differing arguments. Use "
                "different aliases on the fields to fetch both if this was intentional. "
                "@18:3,19:3",
            }));
}

// spec §5.3.2 examples (safeDifferingFields, safeDifferingArgs)
TEST(OverlappingFieldsCanBeMergedTest, SpecExampleSafeDifferingFields) {
  EXPECT_EQ(RuleErrors(MakeOverlappingFieldsCanBeMergedRule, R"graphql(
fragment safeDifferingFields on Pet {
  ... on Dog {
    volume: barkVolume
  }
  ... on Cat {
    volume: meowVolume
  }
}

fragment safeDifferingArgs on Pet {
  ... on Dog {
    doesKnowCommand(dogCommand: SIT)
  }
  ... on Cat {
    doesKnowCommand(catCommand: JUMP)
  }
}
)graphql",
                       SpecExampleSchema()),
            Errors{});
}

// spec §5.3.2 counter-example (conflictingDifferingResponses)
TEST(OverlappingFieldsCanBeMergedTest, SpecCounterExampleConflictingDifferingResponses) {
  EXPECT_EQ(RuleErrors(MakeOverlappingFieldsCanBeMergedRule, R"graphql(
fragment conflictingDifferingResponses on Pet {
  ... on Dog {
    someValue: nickname
  }
  ... on Cat {
    someValue: meowVolume
  }
}
)graphql",
                       SpecExampleSchema()),
            (Errors{
                "Fields \"someValue\" conflict because they return conflicting types \"String\" "
                "and \"Int\". Use different aliases on the fields to fetch both if this was "
                "intentional. @4:5,7:5",
            }));
}

}  // namespace
}  // namespace junction::graphql::validation
