// Tests of the FieldsOnCorrectType rule (fields_on_correct_type.cc; spec §5.3.1 Field Selections):
// graphql-js 16's FieldsOnCorrectTypeRule-test cases and the spec's examples, each run through this
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

// graphql-js: "Object field selection"
TEST(FieldsOnCorrectTypeTest, ObjectFieldSelection) {
  EXPECT_EQ(RuleErrors(MakeFieldsOnCorrectTypeRule, R"graphql(
      fragment objectFieldSelection on Dog {
        __typename
        name
      }
)graphql"),
            Errors{});
}

// graphql-js: "Aliased object field selection"
TEST(FieldsOnCorrectTypeTest, AliasedObjectFieldSelection) {
  EXPECT_EQ(RuleErrors(MakeFieldsOnCorrectTypeRule, R"graphql(
      fragment aliasedObjectFieldSelection on Dog {
        tn : __typename
        otherName : name
      }
)graphql"),
            Errors{});
}

// graphql-js: "Interface field selection"
TEST(FieldsOnCorrectTypeTest, InterfaceFieldSelection) {
  EXPECT_EQ(RuleErrors(MakeFieldsOnCorrectTypeRule, R"graphql(
      fragment interfaceFieldSelection on Pet {
        __typename
        name
      }
)graphql"),
            Errors{});
}

// graphql-js: "Lying alias selection"
TEST(FieldsOnCorrectTypeTest, LyingAliasSelection) {
  EXPECT_EQ(RuleErrors(MakeFieldsOnCorrectTypeRule, R"graphql(
      fragment lyingAliasSelection on Dog {
        name : nickname
      }
)graphql"),
            Errors{});
}

// graphql-js: "Ignores fields on unknown type"
TEST(FieldsOnCorrectTypeTest, IgnoresFieldsOnUnknownType) {
  EXPECT_EQ(RuleErrors(MakeFieldsOnCorrectTypeRule, R"graphql(
      fragment unknownSelection on UnknownType {
        unknownField
      }
)graphql"),
            Errors{});
}

// graphql-js: "reports errors when type is known again"
TEST(FieldsOnCorrectTypeTest, ReportsErrorsWhenTypeIsKnownAgain) {
  EXPECT_EQ(RuleErrors(MakeFieldsOnCorrectTypeRule, R"graphql(
      fragment typeKnownAgain on Pet {
        unknown_pet_field {
          ... on Cat {
            unknown_cat_field
          }
        }
      }
)graphql"),
            (Errors{
                "Cannot query field \"unknown_pet_field\" on type \"Pet\". @3:9",
                "Cannot query field \"unknown_cat_field\" on type \"Cat\". @5:13",
            }));
}

// graphql-js: "Field not defined on fragment"
TEST(FieldsOnCorrectTypeTest, FieldNotDefinedOnFragment) {
  EXPECT_EQ(
      RuleErrors(MakeFieldsOnCorrectTypeRule, R"graphql(
      fragment fieldNotDefined on Dog {
        meowVolume
      }
)graphql"),
      (Errors{
          "Cannot query field \"meowVolume\" on type \"Dog\". Did you mean \"barkVolume\"? @3:9",
      }));
}

// graphql-js: "Ignores deeply unknown field"
TEST(FieldsOnCorrectTypeTest, IgnoresDeeplyUnknownField) {
  EXPECT_EQ(RuleErrors(MakeFieldsOnCorrectTypeRule, R"graphql(
      fragment deepFieldNotDefined on Dog {
        unknown_field {
          deeper_unknown_field
        }
      }
)graphql"),
            (Errors{
                "Cannot query field \"unknown_field\" on type \"Dog\". @3:9",
            }));
}

// graphql-js: "Sub-field not defined"
TEST(FieldsOnCorrectTypeTest, SubFieldNotDefined) {
  EXPECT_EQ(RuleErrors(MakeFieldsOnCorrectTypeRule, R"graphql(
      fragment subFieldNotDefined on Human {
        pets {
          unknown_field
        }
      }
)graphql"),
            (Errors{
                "Cannot query field \"unknown_field\" on type \"Pet\". @4:11",
            }));
}

// graphql-js: "Field not defined on inline fragment"
TEST(FieldsOnCorrectTypeTest, FieldNotDefinedOnInlineFragment) {
  EXPECT_EQ(RuleErrors(MakeFieldsOnCorrectTypeRule, R"graphql(
      fragment fieldNotDefined on Pet {
        ... on Dog {
          meowVolume
        }
      }
)graphql"),
            (Errors{
                "Cannot query field \"meowVolume\" on type \"Dog\". Did you mean \"barkVolume\"? "
                "@4:11",
            }));
}

// graphql-js: "Aliased field target not defined"
TEST(FieldsOnCorrectTypeTest, AliasedFieldTargetNotDefined) {
  EXPECT_EQ(
      RuleErrors(MakeFieldsOnCorrectTypeRule, R"graphql(
      fragment aliasedFieldTargetNotDefined on Dog {
        volume : mooVolume
      }
)graphql"),
      (Errors{
          "Cannot query field \"mooVolume\" on type \"Dog\". Did you mean \"barkVolume\"? @3:9",
      }));
}

// graphql-js: "Aliased lying field target not defined"
TEST(FieldsOnCorrectTypeTest, AliasedLyingFieldTargetNotDefined) {
  EXPECT_EQ(
      RuleErrors(MakeFieldsOnCorrectTypeRule, R"graphql(
      fragment aliasedLyingFieldTargetNotDefined on Dog {
        barkVolume : kawVolume
      }
)graphql"),
      (Errors{
          "Cannot query field \"kawVolume\" on type \"Dog\". Did you mean \"barkVolume\"? @3:9",
      }));
}

// graphql-js: "Not defined on interface"
TEST(FieldsOnCorrectTypeTest, NotDefinedOnInterface) {
  EXPECT_EQ(RuleErrors(MakeFieldsOnCorrectTypeRule, R"graphql(
      fragment notDefinedOnInterface on Pet {
        tailLength
      }
)graphql"),
            (Errors{
                "Cannot query field \"tailLength\" on type \"Pet\". @3:9",
            }));
}

// graphql-js: "Defined on implementors but not on interface"
TEST(FieldsOnCorrectTypeTest, DefinedOnImplementorsButNotOnInterface) {
  EXPECT_EQ(RuleErrors(MakeFieldsOnCorrectTypeRule, R"graphql(
      fragment definedOnImplementorsButNotInterface on Pet {
        nickname
      }
)graphql"),
            (Errors{
                "Cannot query field \"nickname\" on type \"Pet\". Did you mean to use an inline "
                "fragment on \"Cat\" or \"Dog\"? @3:9",
            }));
}

// graphql-js: "Meta field selection on union"
TEST(FieldsOnCorrectTypeTest, MetaFieldSelectionOnUnion) {
  EXPECT_EQ(RuleErrors(MakeFieldsOnCorrectTypeRule, R"graphql(
      fragment directFieldSelectionOnUnion on CatOrDog {
        __typename
      }
)graphql"),
            Errors{});
}

// graphql-js: "Direct field selection on union"
TEST(FieldsOnCorrectTypeTest, DirectFieldSelectionOnUnion) {
  EXPECT_EQ(RuleErrors(MakeFieldsOnCorrectTypeRule, R"graphql(
      fragment directFieldSelectionOnUnion on CatOrDog {
        directField
      }
)graphql"),
            (Errors{
                "Cannot query field \"directField\" on type \"CatOrDog\". @3:9",
            }));
}

// graphql-js: "Defined on implementors queried on union"
TEST(FieldsOnCorrectTypeTest, DefinedOnImplementorsQueriedOnUnion) {
  EXPECT_EQ(RuleErrors(MakeFieldsOnCorrectTypeRule, R"graphql(
      fragment definedOnImplementorsQueriedOnUnion on CatOrDog {
        name
      }
)graphql"),
            (Errors{
                "Cannot query field \"name\" on type \"CatOrDog\". Did you mean to use an inline "
                "fragment on \"Being\", \"Pet\", \"Canine\", \"Cat\", or \"Dog\"? @3:9",
            }));
}

// graphql-js: "valid field in inline fragment"
TEST(FieldsOnCorrectTypeTest, ValidFieldInInlineFragment) {
  EXPECT_EQ(RuleErrors(MakeFieldsOnCorrectTypeRule, R"graphql(
      fragment objectFieldSelection on Pet {
        ... on Dog {
          name
        }
        ... {
          name
        }
      }
)graphql"),
            Errors{});
}

// graphql-js suggestions: interfaces and implementations that define the field
TEST(FieldsOnCorrectTypeTest, SuggestsInterfacesBeforeImplementations) {
  EXPECT_EQ(RuleErrors(MakeFieldsOnCorrectTypeRule, R"graphql(
      fragment onBeing on Being {
        iq
      }
      fragment onDogOrHuman on DogOrHuman {
        mother
      }
      fragment onHumanOrAlien on HumanOrAlien {
        iq
        name
      }
)graphql"),
            (Errors{
                "Cannot query field \"iq\" on type \"Being\". Did you mean to use an inline "
                "fragment on \"Intelligent\", \"Alien\", or \"Human\"? @3:9",
                "Cannot query field \"mother\" on type \"DogOrHuman\". Did you mean to use an "
                "inline fragment on \"Mammal\", \"Canine\", or \"Dog\"? @6:9",
                "Cannot query field \"iq\" on type \"HumanOrAlien\". Did you mean to use an inline "
                "fragment on \"Intelligent\", \"Alien\", or \"Human\"? @9:9",
                "Cannot query field \"name\" on type \"HumanOrAlien\". Did you mean to use an "
                "inline fragment on \"Being\", \"Alien\", or \"Human\"? @10:9",
            }));
}

// __schema and __type are fields of the query root only
TEST(FieldsOnCorrectTypeTest, MetaFieldsOnlyOnQueryRoot) {
  EXPECT_EQ(RuleErrors(MakeFieldsOnCorrectTypeRule, R"graphql(
      {
        __typename
        __schema { queryType { name } }
        __type(name: "Dog") { name }
        dog { __schema { queryType { name } } }
      }
)graphql"),
            (Errors{
                "Cannot query field \"__schema\" on type \"Dog\". @6:15",
            }));
}

// spec §5.3.1 counter-example (fieldNotDefined, aliasedLyingFieldTargetNotDefined)
TEST(FieldsOnCorrectTypeTest, SpecCounterExampleFieldNotDefined) {
  EXPECT_EQ(
      RuleErrors(MakeFieldsOnCorrectTypeRule, R"graphql(
fragment fieldNotDefined on Dog {
  meowVolume
}

fragment aliasedLyingFieldTargetNotDefined on Dog {
  barkVolume: kawVolume
}
)graphql",
                 SpecExampleSchema()),
      (Errors{
          "Cannot query field \"meowVolume\" on type \"Dog\". Did you mean \"barkVolume\"? @3:3",
          "Cannot query field \"kawVolume\" on type \"Dog\". Did you mean \"barkVolume\"? @7:3",
      }));
}

// spec §5.3.1 counter-example (definedOnImplementorsButNotInterface)
TEST(FieldsOnCorrectTypeTest, SpecCounterExampleDefinedOnImplementors) {
  EXPECT_EQ(RuleErrors(MakeFieldsOnCorrectTypeRule, R"graphql(
fragment definedOnImplementorsButNotInterface on Pet {
  nickname
}
)graphql",
                       SpecExampleSchema()),
            (Errors{
                "Cannot query field \"nickname\" on type \"Pet\". Did you mean to use an inline "
                "fragment on \"Cat\" or \"Dog\"? @3:3",
            }));
}

// spec §5.3.1 example (inDirectFieldSelectionOnUnion)
TEST(FieldsOnCorrectTypeTest, SpecExampleInDirectFieldSelectionOnUnion) {
  EXPECT_EQ(RuleErrors(MakeFieldsOnCorrectTypeRule, R"graphql(
fragment inDirectFieldSelectionOnUnion on CatOrDog {
  __typename
  ... on Pet {
    name
  }
  ... on Dog {
    barkVolume
  }
}
)graphql",
                       SpecExampleSchema()),
            Errors{});
}

// spec §5.3.1 counter-example (directFieldSelectionOnUnion)
TEST(FieldsOnCorrectTypeTest, SpecCounterExampleDirectFieldSelectionOnUnion) {
  EXPECT_EQ(RuleErrors(MakeFieldsOnCorrectTypeRule, R"graphql(
fragment directFieldSelectionOnUnion on CatOrDog {
  name
  barkVolume
}
)graphql",
                       SpecExampleSchema()),
            (Errors{
                "Cannot query field \"name\" on type \"CatOrDog\". Did you mean to use an inline "
                "fragment on \"Pet\", \"Cat\", or \"Dog\"? @3:3",
                "Cannot query field \"barkVolume\" on type \"CatOrDog\". Did you mean to use an "
                "inline fragment on \"Dog\"? @4:3",
            }));
}

}  // namespace
}  // namespace junction::graphql::validation
