// Tests of the KnownFragmentNames rule (known_fragment_names.cc; spec §5.5.2.1 Fragment spread
// target defined): graphql-js 16's KnownFragmentNamesRule-test cases and the spec's examples, each
// run through this rule alone. The expected errors are what graphql-js 16.8.2 reports for the same
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

// graphql-js: "known fragment names are valid"
TEST(KnownFragmentNamesTest, KnownFragmentNamesAreValid) {
  EXPECT_EQ(RuleErrors(MakeKnownFragmentNamesRule, R"graphql(
      {
        human(id: 4) {
          ...HumanFields1
          ... on Human {
            ...HumanFields2
          }
          ... {
            name
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

// graphql-js: "unknown fragment names are invalid"
TEST(KnownFragmentNamesTest, UnknownFragmentNamesAreInvalid) {
  EXPECT_EQ(RuleErrors(MakeKnownFragmentNamesRule, R"graphql(
      {
        human(id: 4) {
          ...UnknownFragment1
          ... on Human {
            ...UnknownFragment2
          }
        }
      }
      fragment HumanFields on Human {
        name
        ...UnknownFragment3
      }
)graphql"),
            (Errors{
                "Unknown fragment \"UnknownFragment1\". @4:14",
                "Unknown fragment \"UnknownFragment2\". @6:16",
                "Unknown fragment \"UnknownFragment3\". @12:12",
            }));
}

// the error points at the name, after `...` and any space
TEST(KnownFragmentNamesTest, NameAfterSpacedSpread) {
  EXPECT_EQ(RuleErrors(MakeKnownFragmentNamesRule, R"graphql(
      {
        dog { ...   Unknown }
      }
)graphql"),
            (Errors{
                "Unknown fragment \"Unknown\". @3:21",
            }));
}

// spec §5.5.2.1 counter-example (undefinedFragment)
TEST(KnownFragmentNamesTest, SpecCounterExampleUndefinedFragment) {
  EXPECT_EQ(RuleErrors(MakeKnownFragmentNamesRule, R"graphql(
{
  dog {
    ...undefinedFragment
  }
}
)graphql",
                       SpecExampleSchema()),
            (Errors{
                "Unknown fragment \"undefinedFragment\". @4:8",
            }));
}

}  // namespace
}  // namespace junction::graphql::validation
