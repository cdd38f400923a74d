// Tests of the UniqueDirectivesPerLocation rule (unique_directives_per_location.cc; spec §5.7.3
// Directives Are Unique Per Location): graphql-js 16's UniqueDirectivesPerLocationRule-test cases
// and the spec's examples, each run through this rule alone. The expected errors are what graphql-
// js 16.8.2 reports for the same document and schema.

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "graphql/validation/test_harness.h"

namespace junction::graphql::validation {
namespace {

using testing::RuleErrors;
using testing::SpecExampleSchema;
using Errors = std::vector<std::string>;

// graphql-js: "no directives"
TEST(UniqueDirectivesPerLocationTest, NoDirectives) {
  EXPECT_EQ(RuleErrors(MakeUniqueDirectivesPerLocationRule, R"graphql(
      fragment Test on Type {
        field
      }
)graphql"),
            Errors{});
}

// graphql-js: "unique directives in different locations"
TEST(UniqueDirectivesPerLocationTest, UniqueDirectivesInDifferentLocations) {
  EXPECT_EQ(RuleErrors(MakeUniqueDirectivesPerLocationRule, R"graphql(
      fragment Test on Type @directiveA {
        field @directiveB
      }
)graphql"),
            Errors{});
}

// graphql-js: "unique directives in same locations"
TEST(UniqueDirectivesPerLocationTest, UniqueDirectivesInSameLocations) {
  EXPECT_EQ(RuleErrors(MakeUniqueDirectivesPerLocationRule, R"graphql(
      fragment Test on Type @onField @onQuery {
        field @onField @onQuery
      }
)graphql"),
            Errors{});
}

// graphql-js: "same directives in different locations"
TEST(UniqueDirectivesPerLocationTest, SameDirectivesInDifferentLocations) {
  EXPECT_EQ(RuleErrors(MakeUniqueDirectivesPerLocationRule, R"graphql(
      fragment Test on Type @onField {
        field @onField
      }
)graphql"),
            Errors{});
}

// graphql-js: "same directives in similar locations"
TEST(UniqueDirectivesPerLocationTest, SameDirectivesInSimilarLocations) {
  EXPECT_EQ(RuleErrors(MakeUniqueDirectivesPerLocationRule, R"graphql(
      fragment Test on Type {
        field @onField
        field @onField
      }
)graphql"),
            Errors{});
}

// graphql-js: "unknown directives must be ignored"
TEST(UniqueDirectivesPerLocationTest, UnknownDirectivesMustBeIgnored) {
  EXPECT_EQ(RuleErrors(MakeUniqueDirectivesPerLocationRule, R"graphql(
      type Test @unknown @unknown {
        field: String! @unknown @unknown
      }

      extend type Test @unknown {
        anotherField: String!
      }
)graphql"),
            Errors{});
}

// graphql-js: "duplicate directives in one location"
TEST(UniqueDirectivesPerLocationTest, DuplicateDirectivesInOneLocation) {
  EXPECT_EQ(RuleErrors(MakeUniqueDirectivesPerLocationRule, R"graphql(
      fragment Test on Type {
        field @onField @onField
      }
)graphql"),
            (Errors{
                "The directive \"@onField\" can only be used once at this location. @3:15,3:24",
            }));
}

// graphql-js: "many duplicate directives in one location"
TEST(UniqueDirectivesPerLocationTest, ManyDuplicateDirectivesInOneLocation) {
  EXPECT_EQ(RuleErrors(MakeUniqueDirectivesPerLocationRule, R"graphql(
      fragment Test on Type {
        field @onField @onField @onField
      }
)graphql"),
            (Errors{
                "The directive \"@onField\" can only be used once at this location. @3:15,3:24",
                "The directive \"@onField\" can only be used once at this location. @3:15,3:33",
            }));
}

// graphql-js: "different duplicate directives in one location"
TEST(UniqueDirectivesPerLocationTest, DifferentDuplicateDirectivesInOneLocation) {
  EXPECT_EQ(RuleErrors(MakeUniqueDirectivesPerLocationRule, R"graphql(
      fragment Test on Type {
        field @onField @onQuery @onField @onQuery
      }
)graphql"),
            (Errors{
                "The directive \"@onField\" can only be used once at this location. @3:15,3:33",
                "The directive \"@onQuery\" can only be used once at this location. @3:24,3:42",
            }));
}

// graphql-js: "duplicate directives in many locations"
TEST(UniqueDirectivesPerLocationTest, DuplicateDirectivesInManyLocations) {
  EXPECT_EQ(RuleErrors(MakeUniqueDirectivesPerLocationRule, R"graphql(
      fragment Test on Type @onFragmentDefinition @onFragmentDefinition {
        field @onField @onField
      }
)graphql"),
            (Errors{
                "The directive \"@onFragmentDefinition\" can only be used once at this location. "
                "@2:29,2:51",
                "The directive \"@onField\" can only be used once at this location. @3:15,3:24",
            }));
}

// graphql-js: "duplicate directives between SDL definitions and extensions"
TEST(UniqueDirectivesPerLocationTest, DuplicateDirectivesOnTypeAndExtension) {
  EXPECT_EQ(RuleErrors(MakeUniqueDirectivesPerLocationRule, R"graphql(
      directive @nonRepeatable on OBJECT | SCHEMA
      schema @nonRepeatable { query: QueryRoot }
      extend schema @nonRepeatable
      type TestObject @nonRepeatable
      extend type TestObject @nonRepeatable
)graphql"),
            (Errors{
                "The directive \"@nonRepeatable\" can only be used once at this location. "
                "@3:14,4:21",
                "The directive \"@nonRepeatable\" can only be used once at this location. "
                "@5:23,6:30",
            }));
}

// a repeatable directive may appear several times
TEST(UniqueDirectivesPerLocationTest, RepeatableDirectivesMayRepeat) {
  EXPECT_EQ(RuleErrors(MakeUniqueDirectivesPerLocationRule, R"graphql(
      directive @tag(name: String) repeatable on FIELD
      {
        dog @tag(name: "a") @tag(name: "b") @skip(if: false) @skip(if: true) { name }
      }
)graphql"),
            (Errors{
                "The directive \"@skip\" can only be used once at this location. @4:45,4:62",
            }));
}

// spec §5.7.3 counter-example (@skip twice on one field)
TEST(UniqueDirectivesPerLocationTest, SpecCounterExampleSkipTwice) {
  EXPECT_EQ(RuleErrors(MakeUniqueDirectivesPerLocationRule, R"graphql(
query ($foo: Boolean = true, $bar: Boolean = false) {
  field @skip(if: $foo) @skip(if: $bar)
}
)graphql",
                       SpecExampleSchema()),
            (Errors{
                "The directive \"@skip\" can only be used once at this location. @3:9,3:25",
            }));
}

// spec §5.7.3 example (@skip once per location)
TEST(UniqueDirectivesPerLocationTest, SpecExampleSkipOncePerLocation) {
  EXPECT_EQ(RuleErrors(MakeUniqueDirectivesPerLocationRule, R"graphql(
query ($foo: Boolean = true, $bar: Boolean = false) {
  field @skip(if: $foo) {
    subfieldA
  }
  field @skip(if: $bar) {
    subfieldB
  }
}
)graphql",
                       SpecExampleSchema()),
            Errors{});
}

}  // namespace
}  // namespace junction::graphql::validation
