// Tests of the NoUnusedFragments rule (no_unused_fragments.cc; spec §5.5.1.4 Fragments Must Be
// Used): graphql-js 16's NoUnusedFragmentsRule-test cases and the spec's examples, each run through
// this rule alone. The expected errors are what graphql-js 16.8.2 reports for the same document and
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

// graphql-js: "all fragment names are used"
TEST(NoUnusedFragmentsTest, AllFragmentNamesAreUsed) {
  EXPECT_EQ(RuleErrors(MakeNoUnusedFragmentsRule, R"graphql(
      {
        human(id: 4) {
          ...HumanFields1
          ... on Human {
            ...HumanFields2
          }
        }
      }
      fragment HumanFields1 on Human {
        name
        ...HumanFields3
      }
      fragment HumanFields2 on Human {
        name
      }
      fragment HumanFields3 on Human {
        name
      }
)graphql"),
            Errors{});
}

// graphql-js: "all fragment names are used by multiple operations"
TEST(NoUnusedFragmentsTest, AllFragmentNamesAreUsedByMultipleOperations) {
  EXPECT_EQ(RuleErrors(MakeNoUnusedFragmentsRule, R"graphql(
      query Foo {
        human(id: 4) {
          ...HumanFields1
        }
      }
      query Bar {
        human(id: 4) {
          ...HumanFields2
        }
      }
      fragment HumanFields1 on Human {
        name
        ...HumanFields3
      }
      fragment HumanFields2 on Human {
        name
      }
      fragment HumanFields3 on Human {
        name
      }
)graphql"),
            Errors{});
}

// graphql-js: "contains unknown fragments"
TEST(NoUnusedFragmentsTest, ContainsUnknownFragments) {
  EXPECT_EQ(RuleErrors(MakeNoUnusedFragmentsRule, R"graphql(
      query Foo {
        human(id: 4) {
          ...HumanFields1
        }
      }
      query Bar {
        human(id: 4) {
          ...HumanFields2
        }
      }
      fragment HumanFields1 on Human {
        name
        ...HumanFields3
      }
      fragment HumanFields2 on Human {
        name
      }
      fragment HumanFields3 on Human {
        name
      }
      fragment Unused1 on Human {
        name
      }
      fragment Unused2 on Human {
        name
      }
)graphql"),
            (Errors{
                "Fragment \"Unused1\" is never used. @22:7",
                "Fragment \"Unused2\" is never used. @25:7",
            }));
}

// graphql-js: "contains unknown fragments with ref cycle"
TEST(NoUnusedFragmentsTest, ContainsUnknownFragmentsWithRefCycle) {
  EXPECT_EQ(RuleErrors(MakeNoUnusedFragmentsRule, R"graphql(
      query Foo {
        human(id: 4) {
          ...HumanFields1
        }
      }
      query Bar {
        human(id: 4) {
          ...HumanFields2
        }
      }
      fragment HumanFields1 on Human {
        name
        ...HumanFields3
      }
      fragment HumanFields2 on Human {
        name
      }
      fragment HumanFields3 on Human {
        name
      }
      fragment Unused1 on Human {
        name
        ...Unused2
      }
      fragment Unused2 on Human {
        name
        ...Unused1
      }
)graphql"),
            (Errors{
                "Fragment \"Unused1\" is never used. @22:7",
                "Fragment \"Unused2\" is never used. @26:7",
            }));
}

// graphql-js: "contains unknown and undef fragments"
TEST(NoUnusedFragmentsTest, ContainsUnknownAndUndefFragments) {
  EXPECT_EQ(RuleErrors(MakeNoUnusedFragmentsRule, R"graphql(
      query Foo {
        human(id: 4) {
          ...bar
        }
      }
      fragment foo on Human {
        name
      }
)graphql"),
            (Errors{
                "Fragment \"foo\" is never used. @7:7",
            }));
}

// spec §5.5.1.4 counter-example (nameFragment unused)
TEST(NoUnusedFragmentsTest, SpecCounterExampleNameFragment) {
  EXPECT_EQ(RuleErrors(MakeNoUnusedFragmentsRule, R"graphql(
fragment nameFragment on Dog { # unused
  name
}

{
  dog {
    name
  }
}
)graphql",
                       SpecExampleSchema()),
            (Errors{
                "Fragment \"nameFragment\" is never used. @2:1",
            }));
}

}  // namespace
}  // namespace junction::graphql::validation
