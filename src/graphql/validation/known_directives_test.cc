// Tests of the KnownDirectives rule (known_directives.cc; spec §5.7.1 Directives Are Defined,
// §5.7.2 Directives Are In Valid Locations): graphql-js 16's KnownDirectivesRule-test cases and the
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

// graphql-js: "with no directives"
TEST(KnownDirectivesTest, WithNoDirectives) {
  EXPECT_EQ(RuleErrors(MakeKnownDirectivesRule, R"graphql(
      query Foo {
        name
        ...Frag
      }

      fragment Frag on Dog {
        name
      }
)graphql"),
            Errors{});
}

// graphql-js: "with standard directives"
TEST(KnownDirectivesTest, WithStandardDirectives) {
  EXPECT_EQ(RuleErrors(MakeKnownDirectivesRule, R"graphql(
      {
        human @skip(if: false) {
          name
          pets {
            ... on Dog @include(if: true) {
              name
            }
          }
        }
      }
)graphql"),
            Errors{});
}

// graphql-js: "with unknown directive"
TEST(KnownDirectivesTest, WithUnknownDirective) {
  EXPECT_EQ(RuleErrors(MakeKnownDirectivesRule, R"graphql(
      {
        human @unknown(directive: "value") {
          name
        }
      }
)graphql"),
            (Errors{
                "Unknown directive \"@unknown\". @3:15",
            }));
}

// graphql-js: "with many unknown directives"
TEST(KnownDirectivesTest, WithManyUnknownDirectives) {
  EXPECT_EQ(RuleErrors(MakeKnownDirectivesRule, R"graphql(
      {
        __typename @unknown
        human @unknown {
          name
          pets @unknown {
            name
          }
        }
      }
)graphql"),
            (Errors{
                "Unknown directive \"@unknown\". @3:20",
                "Unknown directive \"@unknown\". @4:15",
                "Unknown directive \"@unknown\". @6:16",
            }));
}

// graphql-js: "with well placed directives"
TEST(KnownDirectivesTest, WithWellPlacedDirectives) {
  EXPECT_EQ(RuleErrors(MakeKnownDirectivesRule, R"graphql(
      query ($var: Boolean @onVariableDefinition) @onQuery {
        human @onField {
          ...Frag @onFragmentSpread
          ... @onInlineFragment {
            name @onField
          }
        }
      }

      mutation @onMutation {
        someField @onField
      }

      subscription @onSubscription {
        someField @onField
      }

      fragment Frag on Human @onFragmentDefinition {
        name @onField
      }
)graphql"),
            Errors{});
}

// graphql-js: "with misplaced directives"
TEST(KnownDirectivesTest, WithMisplacedDirectives) {
  EXPECT_EQ(RuleErrors(MakeKnownDirectivesRule, R"graphql(
      query ($var: Boolean @onQuery) @onMutation {
        human @onQuery {
          ...Frag @onQuery
          ... @onQuery {
            name @onQuery
          }
        }
      }

      mutation @onQuery {
        someField @onQuery
      }

      subscription @onQuery {
        someField @onQuery
      }

      fragment Frag on Human @onQuery {
        name @onQuery
      }
)graphql"),
            (Errors{
                "Directive \"@onQuery\" may not be used on VARIABLE_DEFINITION. @2:28",
                "Directive \"@onMutation\" may not be used on QUERY. @2:38",
                "Directive \"@onQuery\" may not be used on FIELD. @3:15",
                "Directive \"@onQuery\" may not be used on FRAGMENT_SPREAD. @4:19",
                "Directive \"@onQuery\" may not be used on INLINE_FRAGMENT. @5:15",
                "Directive \"@onQuery\" may not be used on FIELD. @6:18",
                "Directive \"@onQuery\" may not be used on MUTATION. @11:16",
                "Directive \"@onQuery\" may not be used on FIELD. @12:19",
                "Directive \"@onQuery\" may not be used on SUBSCRIPTION. @15:20",
                "Directive \"@onQuery\" may not be used on FIELD. @16:19",
                "Directive \"@onQuery\" may not be used on FRAGMENT_DEFINITION. @19:30",
                "Directive \"@onQuery\" may not be used on FIELD. @20:14",
            }));
}

// graphql-js "within SDL": directives on type-system definitions
TEST(KnownDirectivesTest, WithinSchemaLanguage) {
  EXPECT_EQ(RuleErrors(MakeKnownDirectivesRule, R"graphql(
      schema @onQuery {
        query: QueryRoot
      }
      type MyObj implements Being @deprecated {
        name(surname: Boolean @deprecated): String @deprecated
        other(x: Int @onField): String @onField
      }
      input MyInput @onField {
        f: Int @deprecated @onQuery
      }
      enum MyEnum @onField {
        A @deprecated
        B @onField
      }
      scalar MyScalar @specifiedBy(url: "https://example.com") @onField
      directive @custom on OBJECT
      extend type Dog @custom @onFragmentSpread
)graphql"),
            (Errors{
                "Directive \"@onQuery\" may not be used on SCHEMA. @2:14",
                "Directive \"@deprecated\" may not be used on OBJECT. @5:35",
                "Directive \"@onField\" may not be used on ARGUMENT_DEFINITION. @7:22",
                "Directive \"@onField\" may not be used on FIELD_DEFINITION. @7:40",
                "Directive \"@onField\" may not be used on INPUT_OBJECT. @9:21",
                "Directive \"@onQuery\" may not be used on INPUT_FIELD_DEFINITION. @10:28",
                "Directive \"@onField\" may not be used on ENUM. @12:19",
                "Directive \"@onField\" may not be used on ENUM_VALUE. @14:11",
                "Directive \"@onField\" may not be used on SCALAR. @16:64",
                "Directive \"@onFragmentSpread\" may not be used on OBJECT. @18:31",
            }));
}

// a directive defined in the document brings its own locations
TEST(KnownDirectivesTest, DocumentDefinedDirectiveLocations) {
  EXPECT_EQ(RuleErrors(MakeKnownDirectivesRule, R"graphql(
      directive @onlyOnSpreads on FRAGMENT_SPREAD
      {
        dog @onlyOnSpreads { ...F @onlyOnSpreads }
      }
      fragment F on Dog { name }
)graphql"),
            (Errors{
                "Directive \"@onlyOnSpreads\" may not be used on FIELD. @4:13",
            }));
}

// spec §5.7.2 counter-example (@skip on QUERY)
TEST(KnownDirectivesTest, SpecCounterExampleSkipOnQuery) {
  EXPECT_EQ(RuleErrors(MakeKnownDirectivesRule, R"graphql(
query @skip(if: $foo) {
  field
}
)graphql",
                       SpecExampleSchema()),
            (Errors{
                "Directive \"@skip\" may not be used on QUERY. @2:7",
            }));
}

}  // namespace
}  // namespace junction::graphql::validation
