// Tests of the UniqueFragmentNames rule (unique_fragment_names.cc; spec §5.5.1.1 Fragment Name
// Uniqueness): graphql-js 16's UniqueFragmentNamesRule-test cases and the spec's examples, each run
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

// graphql-js: "no fragments"
TEST(UniqueFragmentNamesTest, NoFragments) {
  EXPECT_EQ(RuleErrors(MakeUniqueFragmentNamesRule, R"graphql(
      {
        field
      }
)graphql"),
            Errors{});
}

// graphql-js: "one fragment"
TEST(UniqueFragmentNamesTest, OneFragment) {
  EXPECT_EQ(RuleErrors(MakeUniqueFragmentNamesRule, R"graphql(
      {
        ...fragA
      }

      fragment fragA on Type {
        field
      }
)graphql"),
            Errors{});
}

// graphql-js: "many fragments"
TEST(UniqueFragmentNamesTest, ManyFragments) {
  EXPECT_EQ(RuleErrors(MakeUniqueFragmentNamesRule, R"graphql(
      {
        ...fragA
        ...fragB
        ...fragC
      }
      fragment fragA on Type {
        fieldA
      }
      fragment fragB on Type {
        fieldB
      }
      fragment fragC on Type {
        fieldC
      }
)graphql"),
            Errors{});
}

// graphql-js: "inline fragments are always unique"
TEST(UniqueFragmentNamesTest, InlineFragmentsAreAlwaysUnique) {
  EXPECT_EQ(RuleErrors(MakeUniqueFragmentNamesRule, R"graphql(
      {
        ...on Type {
          fieldA
        }
        ...on Type {
          fieldB
        }
      }
)graphql"),
            Errors{});
}

// graphql-js: "fragment and operation named the same"
TEST(UniqueFragmentNamesTest, FragmentAndOperationNamedTheSame) {
  EXPECT_EQ(RuleErrors(MakeUniqueFragmentNamesRule, R"graphql(
      query Foo {
        ...Foo
      }
      fragment Foo on Type {
        field
      }
)graphql"),
            Errors{});
}

// graphql-js: "fragments named the same"
TEST(UniqueFragmentNamesTest, FragmentsNamedTheSame) {
  EXPECT_EQ(RuleErrors(MakeUniqueFragmentNamesRule, R"graphql(
      {
        ...fragA
      }
      fragment fragA on Type {
        fieldA
      }
      fragment fragA on Type {
        fieldB
      }
)graphql"),
            (Errors{
                "There can be only one fragment named \"fragA\". @5:16,8:16",
            }));
}

// graphql-js: "fragments named the same without being referenced"
TEST(UniqueFragmentNamesTest, FragmentsNamedTheSameWithoutBeingReferenced) {
  EXPECT_EQ(RuleErrors(MakeUniqueFragmentNamesRule, R"graphql(
      fragment fragA on Type {
        fieldA
      }
      fragment fragA on Type {
        fieldB
      }
)graphql"),
            (Errors{
                "There can be only one fragment named \"fragA\". @2:16,5:16",
            }));
}

// spec §5.5.1.1 counter-example (fragmentOne twice)
TEST(UniqueFragmentNamesTest, SpecCounterExampleFragmentOne) {
  EXPECT_EQ(RuleErrors(MakeUniqueFragmentNamesRule, R"graphql(
{
  dog {
    ...fragmentOne
  }
}

fragment fragmentOne on Dog {
  name
}

fragment fragmentOne on Dog {
  owner {
    name
  }
}
)graphql",
                       SpecExampleSchema()),
            (Errors{
                "There can be only one fragment named \"fragmentOne\". @8:10,12:10",
            }));
}

}  // namespace
}  // namespace junction::graphql::validation
