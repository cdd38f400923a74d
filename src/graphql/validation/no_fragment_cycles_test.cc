// Tests of the NoFragmentCycles rule (no_fragment_cycles.cc; spec §5.5.2.2 Fragment spreads must
// not form cycles): graphql-js 16's NoFragmentCyclesRule-test cases and the spec's examples, each
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

// graphql-js: "single reference is valid"
TEST(NoFragmentCyclesTest, SingleReferenceIsValid) {
  EXPECT_EQ(RuleErrors(MakeNoFragmentCyclesRule, R"graphql(
      fragment fragA on Dog { ...fragB }
      fragment fragB on Dog { name }
)graphql"),
            Errors{});
}

// graphql-js: "spreading twice is not circular"
TEST(NoFragmentCyclesTest, SpreadingTwiceIsNotCircular) {
  EXPECT_EQ(RuleErrors(MakeNoFragmentCyclesRule, R"graphql(
      fragment fragA on Dog { ...fragB, ...fragB }
      fragment fragB on Dog { name }
)graphql"),
            Errors{});
}

// graphql-js: "spreading twice indirectly is not circular"
TEST(NoFragmentCyclesTest, SpreadingTwiceIndirectlyIsNotCircular) {
  EXPECT_EQ(RuleErrors(MakeNoFragmentCyclesRule, R"graphql(
      fragment fragA on Dog { ...fragB, ...fragC }
      fragment fragB on Dog { ...fragC }
      fragment fragC on Dog { name }
)graphql"),
            Errors{});
}

// graphql-js: "double spread within abstract types"
TEST(NoFragmentCyclesTest, DoubleSpreadWithinAbstractTypes) {
  EXPECT_EQ(RuleErrors(MakeNoFragmentCyclesRule, R"graphql(
      fragment nameFragment on Pet {
        ... on Dog { name }
        ... on Cat { name }
      }

      fragment spreadsInAnon on Pet {
        ... on Dog { ...nameFragment }
        ... on Cat { ...nameFragment }
      }
)graphql"),
            Errors{});
}

// graphql-js: "does not false positive on unknown fragment"
TEST(NoFragmentCyclesTest, DoesNotFalsePositiveOnUnknownFragment) {
  EXPECT_EQ(RuleErrors(MakeNoFragmentCyclesRule, R"graphql(
      fragment nameFragment on Pet {
        ...UnknownFragment
      }
)graphql"),
            Errors{});
}

// graphql-js: "spreading recursively within field fails"
TEST(NoFragmentCyclesTest, SpreadingRecursivelyWithinFieldFails) {
  EXPECT_EQ(RuleErrors(MakeNoFragmentCyclesRule, R"graphql(
      fragment fragA on Human { relatives { ...fragA } },
)graphql"),
            (Errors{
                "Cannot spread fragment \"fragA\" within itself. @2:45",
            }));
}

// graphql-js: "no spreading itself directly"
TEST(NoFragmentCyclesTest, NoSpreadingItselfDirectly) {
  EXPECT_EQ(RuleErrors(MakeNoFragmentCyclesRule, R"graphql(
      fragment fragA on Dog { ...fragA }
)graphql"),
            (Errors{
                "Cannot spread fragment \"fragA\" within itself. @2:31",
            }));
}

// graphql-js: "no spreading itself directly within inline fragment"
TEST(NoFragmentCyclesTest, NoSpreadingItselfDirectlyWithinInlineFragment) {
  EXPECT_EQ(RuleErrors(MakeNoFragmentCyclesRule, R"graphql(
      fragment fragA on Pet {
        ... on Dog {
          ...fragA
        }
      }
)graphql"),
            (Errors{
                "Cannot spread fragment \"fragA\" within itself. @4:11",
            }));
}

// graphql-js: "no spreading itself indirectly"
TEST(NoFragmentCyclesTest, NoSpreadingItselfIndirectly) {
  EXPECT_EQ(RuleErrors(MakeNoFragmentCyclesRule, R"graphql(
      fragment fragA on Dog { ...fragB }
      fragment fragB on Dog { ...fragA }
)graphql"),
            (Errors{
                "Cannot spread fragment \"fragA\" within itself via \"fragB\". @2:31,3:31",
            }));
}

// graphql-js: "no spreading itself indirectly reports opposite order"
TEST(NoFragmentCyclesTest, NoSpreadingItselfIndirectlyReportsOppositeOrder) {
  EXPECT_EQ(RuleErrors(MakeNoFragmentCyclesRule, R"graphql(
      fragment fragB on Dog { ...fragA }
      fragment fragA on Dog { ...fragB }
)graphql"),
            (Errors{
                "Cannot spread fragment \"fragB\" within itself via \"fragA\". @2:31,3:31",
            }));
}

// graphql-js: "no spreading itself indirectly within inline fragment"
TEST(NoFragmentCyclesTest, NoSpreadingItselfIndirectlyWithinInlineFragment) {
  EXPECT_EQ(RuleErrors(MakeNoFragmentCyclesRule, R"graphql(
      fragment fragA on Pet {
        ... on Dog {
          ...fragB
        }
      }
      fragment fragB on Pet {
        ... on Dog {
          ...fragA
        }
      }
)graphql"),
            (Errors{
                "Cannot spread fragment \"fragA\" within itself via \"fragB\". @4:11,9:11",
            }));
}

// graphql-js: "no spreading itself deeply"
TEST(NoFragmentCyclesTest, NoSpreadingItselfDeeply) {
  EXPECT_EQ(
      RuleErrors(MakeNoFragmentCyclesRule, R"graphql(
      fragment fragA on Dog { ...fragB }
      fragment fragB on Dog { ...fragC }
      fragment fragC on Dog { ...fragO }
      fragment fragX on Dog { ...fragY }
      fragment fragY on Dog { ...fragZ }
      fragment fragZ on Dog { ...fragO }
      fragment fragO on Dog { ...fragP }
      fragment fragP on Dog { ...fragA, ...fragX }
)graphql"),
      (Errors{
          "Cannot spread fragment \"fragA\" within itself via \"fragB\", \"fragC\", \"fragO\", "
          "\"fragP\". @2:31,3:31,4:31,8:31,9:31",
          "Cannot spread fragment \"fragO\" within itself via \"fragP\", \"fragX\", \"fragY\", "
          "\"fragZ\". @8:31,9:41,5:31,6:31,7:31",
      }));
}

// graphql-js: "no spreading itself deeply two paths"
TEST(NoFragmentCyclesTest, NoSpreadingItselfDeeplyTwoPaths) {
  EXPECT_EQ(RuleErrors(MakeNoFragmentCyclesRule, R"graphql(
      fragment fragA on Dog { ...fragB, ...fragC }
      fragment fragB on Dog { ...fragA }
      fragment fragC on Dog { ...fragA }
)graphql"),
            (Errors{
                "Cannot spread fragment \"fragA\" within itself via \"fragB\". @2:31,3:31",
                "Cannot spread fragment \"fragA\" within itself via \"fragC\". @2:41,4:31",
            }));
}

// graphql-js: "no spreading itself deeply two paths -- alt traverse order"
TEST(NoFragmentCyclesTest, NoSpreadingItselfDeeplyTwoPathsAltTraverseOrder) {
  EXPECT_EQ(RuleErrors(MakeNoFragmentCyclesRule, R"graphql(
      fragment fragA on Dog { ...fragC }
      fragment fragB on Dog { ...fragC }
      fragment fragC on Dog { ...fragA, ...fragB }
)graphql"),
            (Errors{
                "Cannot spread fragment \"fragA\" within itself via \"fragC\". @2:31,4:31",
                "Cannot spread fragment \"fragC\" within itself via \"fragB\". @4:41,3:31",
            }));
}

// graphql-js: "no spreading itself deeply and immediately"
TEST(NoFragmentCyclesTest, NoSpreadingItselfDeeplyAndImmediately) {
  EXPECT_EQ(RuleErrors(MakeNoFragmentCyclesRule, R"graphql(
      fragment fragA on Dog { ...fragB }
      fragment fragB on Dog { ...fragB, ...fragC }
      fragment fragC on Dog { ...fragA, ...fragB }
)graphql"),
            (Errors{
                "Cannot spread fragment \"fragB\" within itself. @3:31",
                "Cannot spread fragment \"fragA\" within itself via \"fragB\", \"fragC\". "
                "@2:31,3:41,4:31",
                "Cannot spread fragment \"fragB\" within itself via \"fragC\". @3:41,4:41",
            }));
}

// spec §5.5.2.2 counter-example (nameFragment / barkVolumeFragment)
TEST(NoFragmentCyclesTest, SpecCounterExampleNameFragment) {
  EXPECT_EQ(RuleErrors(MakeNoFragmentCyclesRule, R"graphql(
{
  dog {
    ...nameFragment
  }
}

fragment nameFragment on Dog {
  name
  ...barkVolumeFragment
}

fragment barkVolumeFragment on Dog {
  barkVolume
  ...nameFragment
}
)graphql",
                       SpecExampleSchema()),
            (Errors{
                "Cannot spread fragment \"nameFragment\" within itself via \"barkVolumeFragment\". "
                "@10:3,15:3",
            }));
}

// spec §5.5.2.2 counter-example (dogFragment / ownerFragment)
TEST(NoFragmentCyclesTest, SpecCounterExampleDogOwner) {
  EXPECT_EQ(RuleErrors(MakeNoFragmentCyclesRule, R"graphql(
{
  dog {
    ...dogFragment
  }
}

fragment dogFragment on Dog {
  name
  owner {
    ...ownerFragment
  }
}

fragment ownerFragment on Human {
  name
  pets {
    ...dogFragment
  }
}
)graphql",
                       SpecExampleSchema()),
            (Errors{
                "Cannot spread fragment \"dogFragment\" within itself via \"ownerFragment\". "
                "@11:5,18:5",
            }));
}

}  // namespace
}  // namespace junction::graphql::validation
