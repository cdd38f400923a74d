// Tests of the PossibleFragmentSpreads rule (possible_fragment_spreads.cc; spec §5.5.2.3 Fragment
// spread is possible): graphql-js 16's PossibleFragmentSpreadsRule-test cases and the spec's
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

// graphql-js: "of the same object"
TEST(PossibleFragmentSpreadsTest, OfTheSameObject) {
  EXPECT_EQ(RuleErrors(MakePossibleFragmentSpreadsRule, R"graphql(
      fragment objectWithinObject on Dog { ...dogFragment }
      fragment dogFragment on Dog { barkVolume }
)graphql"),
            Errors{});
}

// graphql-js: "of the same object with inline fragment"
TEST(PossibleFragmentSpreadsTest, OfTheSameObjectWithInlineFragment) {
  EXPECT_EQ(RuleErrors(MakePossibleFragmentSpreadsRule, R"graphql(
      fragment objectWithinObjectAnon on Dog { ... on Dog { barkVolume } }
)graphql"),
            Errors{});
}

// graphql-js: "object into an implemented interface"
TEST(PossibleFragmentSpreadsTest, ObjectIntoAnImplementedInterface) {
  EXPECT_EQ(RuleErrors(MakePossibleFragmentSpreadsRule, R"graphql(
      fragment objectWithinInterface on Pet { ...dogFragment }
      fragment dogFragment on Dog { barkVolume }
)graphql"),
            Errors{});
}

// graphql-js: "object into containing union"
TEST(PossibleFragmentSpreadsTest, ObjectIntoContainingUnion) {
  EXPECT_EQ(RuleErrors(MakePossibleFragmentSpreadsRule, R"graphql(
      fragment objectWithinUnion on CatOrDog { ...dogFragment }
      fragment dogFragment on Dog { barkVolume }
)graphql"),
            Errors{});
}

// graphql-js: "union into contained object"
TEST(PossibleFragmentSpreadsTest, UnionIntoContainedObject) {
  EXPECT_EQ(RuleErrors(MakePossibleFragmentSpreadsRule, R"graphql(
      fragment unionWithinObject on Dog { ...catOrDogFragment }
      fragment catOrDogFragment on CatOrDog { __typename }
)graphql"),
            Errors{});
}

// graphql-js: "union into overlapping interface"
TEST(PossibleFragmentSpreadsTest, UnionIntoOverlappingInterface) {
  EXPECT_EQ(RuleErrors(MakePossibleFragmentSpreadsRule, R"graphql(
      fragment unionWithinInterface on Pet { ...catOrDogFragment }
      fragment catOrDogFragment on CatOrDog { __typename }
)graphql"),
            Errors{});
}

// graphql-js: "union into overlapping union"
TEST(PossibleFragmentSpreadsTest, UnionIntoOverlappingUnion) {
  EXPECT_EQ(RuleErrors(MakePossibleFragmentSpreadsRule, R"graphql(
      fragment unionWithinUnion on DogOrHuman { ...catOrDogFragment }
      fragment catOrDogFragment on CatOrDog { __typename }
)graphql"),
            Errors{});
}

// graphql-js: "interface into implemented object"
TEST(PossibleFragmentSpreadsTest, InterfaceIntoImplementedObject) {
  EXPECT_EQ(RuleErrors(MakePossibleFragmentSpreadsRule, R"graphql(
      fragment interfaceWithinObject on Dog { ...petFragment }
      fragment petFragment on Pet { name }
)graphql"),
            Errors{});
}

// graphql-js: "interface into overlapping interface"
TEST(PossibleFragmentSpreadsTest, InterfaceIntoOverlappingInterface) {
  EXPECT_EQ(RuleErrors(MakePossibleFragmentSpreadsRule, R"graphql(
      fragment interfaceWithinInterface on Pet { ...beingFragment }
      fragment beingFragment on Being { name }
)graphql"),
            Errors{});
}

// graphql-js: "interface into overlapping interface in inline fragment"
TEST(PossibleFragmentSpreadsTest, InterfaceIntoOverlappingInterfaceInInlineFragment) {
  EXPECT_EQ(RuleErrors(MakePossibleFragmentSpreadsRule, R"graphql(
      fragment interfaceWithinInterface on Pet { ... on Being { name } }
)graphql"),
            Errors{});
}

// graphql-js: "interface into overlapping union"
TEST(PossibleFragmentSpreadsTest, InterfaceIntoOverlappingUnion) {
  EXPECT_EQ(RuleErrors(MakePossibleFragmentSpreadsRule, R"graphql(
      fragment interfaceWithinUnion on CatOrDog { ...petFragment }
      fragment petFragment on Pet { name }
)graphql"),
            Errors{});
}

// graphql-js: "ignores incorrect type (caught by FragmentsOnCompositeTypesRule)"
TEST(PossibleFragmentSpreadsTest, IgnoresIncorrectTypeCaughtByFragmentsOnCompositeTypes) {
  EXPECT_EQ(RuleErrors(MakePossibleFragmentSpreadsRule, R"graphql(
      fragment petFragment on Pet { ...badInADifferentWay }
      fragment badInADifferentWay on String { name }
)graphql"),
            Errors{});
}

// graphql-js: "ignores unknown fragments (caught by KnownFragmentNamesRule)"
TEST(PossibleFragmentSpreadsTest, IgnoresUnknownFragments) {
  EXPECT_EQ(RuleErrors(MakePossibleFragmentSpreadsRule, R"graphql(
      fragment petFragment on Pet { ...UnknownFragment }
)graphql"),
            Errors{});
}

// graphql-js: "different object into object"
TEST(PossibleFragmentSpreadsTest, DifferentObjectIntoObject) {
  EXPECT_EQ(RuleErrors(MakePossibleFragmentSpreadsRule, R"graphql(
      fragment invalidObjectWithinObject on Cat { ...dogFragment }
      fragment dogFragment on Dog { barkVolume }
)graphql"),
            (Errors{
                "Fragment \"dogFragment\" cannot be spread here as objects of type \"Cat\" can "
                "never be of type \"Dog\". @2:51",
            }));
}

// graphql-js: "different object into object in inline fragment"
TEST(PossibleFragmentSpreadsTest, DifferentObjectIntoObjectInInlineFragment) {
  EXPECT_EQ(RuleErrors(MakePossibleFragmentSpreadsRule, R"graphql(
      fragment invalidObjectWithinObjectAnon on Cat {
        ... on Dog { barkVolume }
      }
)graphql"),
            (Errors{
                "Fragment cannot be spread here as objects of type \"Cat\" can never be of type "
                "\"Dog\". @3:9",
            }));
}

// graphql-js: "object into not implementing interface"
TEST(PossibleFragmentSpreadsTest, ObjectIntoNotImplementingInterface) {
  EXPECT_EQ(RuleErrors(MakePossibleFragmentSpreadsRule, R"graphql(
      fragment invalidObjectWithinInterface on Pet { ...humanFragment }
      fragment humanFragment on Human { pets { name } }
)graphql"),
            (Errors{
                "Fragment \"humanFragment\" cannot be spread here as objects of type \"Pet\" can "
                "never be of type \"Human\". @2:54",
            }));
}

// graphql-js: "object into not containing union"
TEST(PossibleFragmentSpreadsTest, ObjectIntoNotContainingUnion) {
  EXPECT_EQ(RuleErrors(MakePossibleFragmentSpreadsRule, R"graphql(
      fragment invalidObjectWithinUnion on CatOrDog { ...humanFragment }
      fragment humanFragment on Human { pets { name } }
)graphql"),
            (Errors{
                "Fragment \"humanFragment\" cannot be spread here as objects of type \"CatOrDog\" "
                "can never be of type \"Human\". @2:55",
            }));
}

// graphql-js: "union into not contained object"
TEST(PossibleFragmentSpreadsTest, UnionIntoNotContainedObject) {
  EXPECT_EQ(RuleErrors(MakePossibleFragmentSpreadsRule, R"graphql(
      fragment invalidUnionWithinObject on Human { ...catOrDogFragment }
      fragment catOrDogFragment on CatOrDog { __typename }
)graphql"),
            (Errors{
                "Fragment \"catOrDogFragment\" cannot be spread here as objects of type \"Human\" "
                "can never be of type \"CatOrDog\". @2:52",
            }));
}

// graphql-js: "union into non overlapping interface"
TEST(PossibleFragmentSpreadsTest, UnionIntoNonOverlappingInterface) {
  EXPECT_EQ(RuleErrors(MakePossibleFragmentSpreadsRule, R"graphql(
      fragment invalidUnionWithinInterface on Pet { ...humanOrAlienFragment }
      fragment humanOrAlienFragment on HumanOrAlien { __typename }
)graphql"),
            (Errors{
                "Fragment \"humanOrAlienFragment\" cannot be spread here as objects of type "
                "\"Pet\" can never be of type \"HumanOrAlien\". @2:53",
            }));
}

// graphql-js: "union into non overlapping union"
TEST(PossibleFragmentSpreadsTest, UnionIntoNonOverlappingUnion) {
  EXPECT_EQ(RuleErrors(MakePossibleFragmentSpreadsRule, R"graphql(
      fragment invalidUnionWithinUnion on CatOrDog { ...humanOrAlienFragment }
      fragment humanOrAlienFragment on HumanOrAlien { __typename }
)graphql"),
            (Errors{
                "Fragment \"humanOrAlienFragment\" cannot be spread here as objects of type "
                "\"CatOrDog\" can never be of type \"HumanOrAlien\". @2:54",
            }));
}

// graphql-js: "interface into non implementing object"
TEST(PossibleFragmentSpreadsTest, InterfaceIntoNonImplementingObject) {
  EXPECT_EQ(RuleErrors(MakePossibleFragmentSpreadsRule, R"graphql(
      fragment invalidInterfaceWithinObject on Cat { ...intelligentFragment }
      fragment intelligentFragment on Intelligent { iq }
)graphql"),
            (Errors{
                "Fragment \"intelligentFragment\" cannot be spread here as objects of type \"Cat\" "
                "can never be of type \"Intelligent\". @2:54",
            }));
}

// graphql-js: "interface into non overlapping interface"
TEST(PossibleFragmentSpreadsTest, InterfaceIntoNonOverlappingInterface) {
  EXPECT_EQ(RuleErrors(MakePossibleFragmentSpreadsRule, R"graphql(
      fragment invalidInterfaceWithinInterface on Pet {
        ...intelligentFragment
      }
      fragment intelligentFragment on Intelligent { iq }
)graphql"),
            (Errors{
                "Fragment \"intelligentFragment\" cannot be spread here as objects of type \"Pet\" "
                "can never be of type \"Intelligent\". @3:9",
            }));
}

// graphql-js: "interface into non overlapping interface in inline fragment"
TEST(PossibleFragmentSpreadsTest, InterfaceIntoNonOverlappingInterfaceInInlineFragment) {
  EXPECT_EQ(RuleErrors(MakePossibleFragmentSpreadsRule, R"graphql(
      fragment invalidInterfaceWithinInterfaceAnon on Pet {
        ...on Intelligent { iq }
      }
)graphql"),
            (Errors{
                "Fragment cannot be spread here as objects of type \"Pet\" can never be of type "
                "\"Intelligent\". @3:9",
            }));
}

// graphql-js: "interface into non overlapping union"
TEST(PossibleFragmentSpreadsTest, InterfaceIntoNonOverlappingUnion) {
  EXPECT_EQ(RuleErrors(MakePossibleFragmentSpreadsRule, R"graphql(
      fragment invalidInterfaceWithinUnion on HumanOrAlien { ...petFragment }
      fragment petFragment on Pet { name }
)graphql"),
            (Errors{
                "Fragment \"petFragment\" cannot be spread here as objects of type "
                "\"HumanOrAlien\" can never be of type \"Pet\". @2:62",
            }));
}

// spec §5.5.2.3 counter-examples (catInDogFragmentInvalid, sentientFragment, humanOrAlienFragment)
TEST(PossibleFragmentSpreadsTest, SpecCounterExamplesObjectSpreads) {
  EXPECT_EQ(RuleErrors(MakePossibleFragmentSpreadsRule, R"graphql(
fragment catInDogFragmentInvalid on Dog {
  ... on Cat {
    meowVolume
  }
}

fragment sentientFragment on Sentient {
  ... on Dog {
    barkVolume
  }
}

fragment humanOrAlienFragment on HumanOrAlien {
  ... on Cat {
    meowVolume
  }
}
)graphql",
                       SpecExampleSchema()),
            (Errors{
                "Fragment cannot be spread here as objects of type \"Dog\" can never be of type "
                "\"Cat\". @3:3",
                "Fragment cannot be spread here as objects of type \"Sentient\" can never be of "
                "type \"Dog\". @9:3",
                "Fragment cannot be spread here as objects of type \"HumanOrAlien\" can never be "
                "of type \"Cat\". @15:3",
            }));
}

// spec §5.5.2.3 counter-example (nonIntersectingInterfaces)
TEST(PossibleFragmentSpreadsTest, SpecCounterExampleNonIntersectingInterfaces) {
  EXPECT_EQ(RuleErrors(MakePossibleFragmentSpreadsRule, R"graphql(
fragment nonIntersectingInterfaces on Pet {
  ...sentientFragment
}

fragment sentientFragment on Sentient {
  name
}
)graphql",
                       SpecExampleSchema()),
            (Errors{
                "Fragment \"sentientFragment\" cannot be spread here as objects of type \"Pet\" "
                "can never be of type \"Sentient\". @3:3",
            }));
}

// spec §5.5.2.3 examples (abstract spreads in object and abstract scope)
TEST(PossibleFragmentSpreadsTest, SpecExamplesAbstractSpreads) {
  EXPECT_EQ(RuleErrors(MakePossibleFragmentSpreadsRule, R"graphql(
fragment petNameFragment on Pet {
  name
}

fragment interfaceWithinObjectFragment on Dog {
  ...petNameFragment
}

fragment catOrDogNameFragment on CatOrDog {
  ... on Cat {
    meowVolume
  }
}

fragment unionWithObjectFragment on Dog {
  ...catOrDogNameFragment
}

fragment unionWithInterface on Pet {
  ...dogOrHumanFragment
}

fragment dogOrHumanFragment on DogOrHuman {
  ... on Dog {
    barkVolume
  }
}
)graphql",
                       SpecExampleSchema()),
            Errors{});
}

}  // namespace
}  // namespace junction::graphql::validation
