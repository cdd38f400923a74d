// Tests of the KnownTypeNames rule (known_type_names.cc; spec §5.5.1.2 Fragment Spread Type
// Existence): graphql-js 16's KnownTypeNamesRule-test cases and the spec's examples, each run
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

// graphql-js: "known type names are valid"
TEST(KnownTypeNamesTest, KnownTypeNamesAreValid) {
  EXPECT_EQ(RuleErrors(MakeKnownTypeNamesRule, R"graphql(
      query Foo(
        $var: String
        $required: [Int!]!
        $introspectionType: __EnumValue
      ) {
        user(id: 4) {
          pets { ... on Pet { name }, ...PetFields, ... { name } }
        }
      }

      fragment PetFields on Pet {
        name
      }
)graphql"),
            Errors{});
}

// graphql-js: "unknown type names are invalid"
TEST(KnownTypeNamesTest, UnknownTypeNamesAreInvalid) {
  EXPECT_EQ(RuleErrors(MakeKnownTypeNamesRule, R"graphql(
      query Foo($var: [JumbledUpLetters!]!) {
        user(id: 4) {
          name
          pets { ... on Badger { name }, ...PetFields }
        }
      }
      fragment PetFields on Peat {
        name
      }
)graphql"),
            (Errors{
                "Unknown type \"JumbledUpLetters\". @2:24",
                "Unknown type \"Badger\". @5:25",
                "Unknown type \"Peat\". Did you mean \"Pet\" or \"Cat\"? @8:29",
            }));
}

// graphql-js: "references to standard scalars that are missing in schema" (the spec example schema
// uses no ID)
TEST(KnownTypeNamesTest, ReferencesToStandardScalarsThatAreMissingInSchema) {
  EXPECT_EQ(RuleErrors(MakeKnownTypeNamesRule, R"graphql(
      query ($id: ID, $float: Float, $int: Int) {
        __typename
      }
)graphql",
                       SpecExampleSchema()),
            (Errors{
                "Unknown type \"ID\". @2:19",
            }));
}

// type-system definitions: standard types are known there, defined types count
TEST(KnownTypeNamesTest, UnknownTypeInSchemaDefinitionParts) {
  EXPECT_EQ(RuleErrors(MakeKnownTypeNamesRule, R"graphql(
      type Foo { bar: Flot, baz(a: Strin): [Boolean] }
      input Bar { f: Baz = 1 }
      query { dog { name } }
)graphql"),
            (Errors{
                "Unknown type \"Flot\". Did you mean \"Float\" or \"Foo\"? @2:23",
                "Unknown type \"Strin\". Did you mean \"String\"? @2:36",
                "Unknown type \"Baz\". Did you mean \"Bar\" or \"Cat\"? @3:22",
            }));
}

// type-system definitions: implemented interfaces, union members, root types
TEST(KnownTypeNamesTest, UnknownInterfacesMembersAndRoots) {
  EXPECT_EQ(RuleErrors(MakeKnownTypeNamesRule, R"graphql(
      schema { query: Qery }
      type A implements Nope & Being { a: Int }
      union U = Dog | Nop
      { dog { name } }
)graphql"),
            (Errors{
                "Unknown type \"Qery\". @2:23",
                "Unknown type \"Nope\". @3:25",
                "Unknown type \"Nop\". Did you mean \"Dog\"? @4:23",
            }));
}

// spec §5.5.1.2 counter-examples (NotInSchema)
TEST(KnownTypeNamesTest, SpecCounterExampleNotOnExistingType) {
  EXPECT_EQ(RuleErrors(MakeKnownTypeNamesRule, R"graphql(
fragment notOnExistingType on NotInSchema {
  name
}

fragment inlineNotExistingType on Dog {
  ... on NotInSchema {
    name
  }
}
)graphql",
                       SpecExampleSchema()),
            (Errors{
                "Unknown type \"NotInSchema\". Did you mean \"__Schema\"? @2:31",
                "Unknown type \"NotInSchema\". Did you mean \"__Schema\"? @7:10",
            }));
}

// spec §5.5.1.2 examples (correctType, inlineFragment, inlineFragment2)
TEST(KnownTypeNamesTest, SpecExampleCorrectTypes) {
  EXPECT_EQ(RuleErrors(MakeKnownTypeNamesRule, R"graphql(
fragment correctType on Dog {
  name
}

fragment inlineFragment on Dog {
  ... on Dog {
    name
  }
}

fragment inlineFragment2 on Dog {
  ... @include(if: true) {
    name
  }
}
)graphql",
                       SpecExampleSchema()),
            Errors{});
}

}  // namespace
}  // namespace junction::graphql::validation
