// Tests of the KnownArgumentNames rule (known_argument_names.cc; spec §5.4.1 Argument Names):
// graphql-js 16's KnownArgumentNamesRule-test cases and the spec's examples, each run through this
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

// graphql-js: "single arg is known"
TEST(KnownArgumentNamesTest, SingleArgIsKnown) {
  EXPECT_EQ(RuleErrors(MakeKnownArgumentNamesRule, R"graphql(
      fragment argOnRequiredArg on Dog {
        doesKnowCommand(dogCommand: SIT)
      }
)graphql"),
            Errors{});
}

// graphql-js: "multiple args are known"
TEST(KnownArgumentNamesTest, MultipleArgsAreKnown) {
  EXPECT_EQ(RuleErrors(MakeKnownArgumentNamesRule, R"graphql(
      fragment multipleArgs on ComplicatedArgs {
        multipleReqs(req1: 1, req2: 2)
      }
)graphql"),
            Errors{});
}

// graphql-js: "ignores args of unknown fields"
TEST(KnownArgumentNamesTest, IgnoresArgsOfUnknownFields) {
  EXPECT_EQ(RuleErrors(MakeKnownArgumentNamesRule, R"graphql(
      fragment argOnUnknownField on Dog {
        unknownField(unknownArg: SIT)
      }
)graphql"),
            Errors{});
}

// graphql-js: "multiple args in reverse order are known"
TEST(KnownArgumentNamesTest, MultipleArgsInReverseOrderAreKnown) {
  EXPECT_EQ(RuleErrors(MakeKnownArgumentNamesRule, R"graphql(
      fragment multipleArgsReverseOrder on ComplicatedArgs {
        multipleReqs(req2: 2, req1: 1)
      }
)graphql"),
            Errors{});
}

// graphql-js: "no args on optional arg"
TEST(KnownArgumentNamesTest, NoArgsOnOptionalArg) {
  EXPECT_EQ(RuleErrors(MakeKnownArgumentNamesRule, R"graphql(
      fragment noArgOnOptionalArg on Dog {
        isHouseTrained
      }
)graphql"),
            Errors{});
}

// graphql-js: "args are known deeply"
TEST(KnownArgumentNamesTest, ArgsAreKnownDeeply) {
  EXPECT_EQ(RuleErrors(MakeKnownArgumentNamesRule, R"graphql(
      {
        dog {
          doesKnowCommand(dogCommand: SIT)
        }
        human {
          pet {
            ... on Dog {
              doesKnowCommand(dogCommand: SIT)
            }
          }
        }
      }
)graphql"),
            Errors{});
}

// graphql-js: "directive args are known"
TEST(KnownArgumentNamesTest, DirectiveArgsAreKnown) {
  EXPECT_EQ(RuleErrors(MakeKnownArgumentNamesRule, R"graphql(
      {
        dog @skip(if: true)
      }
)graphql"),
            Errors{});
}

// graphql-js: "field args are invalid"
TEST(KnownArgumentNamesTest, FieldArgsAreInvalid) {
  EXPECT_EQ(RuleErrors(MakeKnownArgumentNamesRule, R"graphql(
      {
        dog @skip(unless: true)
      }
)graphql"),
            (Errors{
                "Unknown argument \"unless\" on directive \"@skip\". @3:19",
            }));
}

// graphql-js: "directive without args is valid"
TEST(KnownArgumentNamesTest, DirectiveWithoutArgsIsValid) {
  EXPECT_EQ(RuleErrors(MakeKnownArgumentNamesRule, R"graphql(
      {
        dog @onField
      }
)graphql"),
            Errors{});
}

// graphql-js: "arg passed to directive without arg is reported"
TEST(KnownArgumentNamesTest, ArgPassedToDirectiveWithoutArgIsReported) {
  EXPECT_EQ(RuleErrors(MakeKnownArgumentNamesRule, R"graphql(
      {
        dog @onField(if: true)
      }
)graphql"),
            (Errors{
                "Unknown argument \"if\" on directive \"@onField\". @3:22",
            }));
}

// graphql-js: "misspelled directive args are reported"
TEST(KnownArgumentNamesTest, MisspelledDirectiveArgsAreReported) {
  EXPECT_EQ(RuleErrors(MakeKnownArgumentNamesRule, R"graphql(
      {
        dog @skip(iff: true)
      }
)graphql"),
            (Errors{
                "Unknown argument \"iff\" on directive \"@skip\". Did you mean \"if\"? @3:19",
            }));
}

// graphql-js: "invalid arg name"
TEST(KnownArgumentNamesTest, InvalidArgName) {
  EXPECT_EQ(RuleErrors(MakeKnownArgumentNamesRule, R"graphql(
      fragment invalidArgName on Dog {
        doesKnowCommand(unknown: true)
      }
)graphql"),
            (Errors{
                "Unknown argument \"unknown\" on field \"Dog.doesKnowCommand\". @3:25",
            }));
}

// graphql-js: "misspelled arg name is reported"
TEST(KnownArgumentNamesTest, MisspelledArgNameIsReported) {
  EXPECT_EQ(RuleErrors(MakeKnownArgumentNamesRule, R"graphql(
      fragment invalidArgName on Dog {
        doesKnowCommand(DogCommand: true)
      }
)graphql"),
            (Errors{
                "Unknown argument \"DogCommand\" on field \"Dog.doesKnowCommand\". Did you mean "
                "\"dogCommand\"? @3:25",
            }));
}

// graphql-js: "unknown args amongst known args"
TEST(KnownArgumentNamesTest, UnknownArgsAmongstKnownArgs) {
  EXPECT_EQ(RuleErrors(MakeKnownArgumentNamesRule, R"graphql(
      fragment oneGoodArgOneInvalidArg on Dog {
        doesKnowCommand(whoKnows: 1, dogCommand: SIT, unknown: true)
      }
)graphql"),
            (Errors{
                "Unknown argument \"whoKnows\" on field \"Dog.doesKnowCommand\". @3:25",
                "Unknown argument \"unknown\" on field \"Dog.doesKnowCommand\". @3:55",
            }));
}

// graphql-js: "unknown args deeply"
TEST(KnownArgumentNamesTest, UnknownArgsDeeply) {
  EXPECT_EQ(RuleErrors(MakeKnownArgumentNamesRule, R"graphql(
      {
        dog {
          doesKnowCommand(unknown: true)
        }
        human {
          pet {
            ... on Dog {
              doesKnowCommand(unknown: true)
            }
          }
        }
      }
)graphql"),
            (Errors{
                "Unknown argument \"unknown\" on field \"Dog.doesKnowCommand\". @4:27",
                "Unknown argument \"unknown\" on field \"Dog.doesKnowCommand\". @9:31",
            }));
}

// directives defined in the document have their arguments known
TEST(KnownArgumentNamesTest, ArgsOnDocumentDefinedDirective) {
  EXPECT_EQ(RuleErrors(MakeKnownArgumentNamesRule, R"graphql(
      directive @cached(ttl: Int) on FIELD
      {
        dog @cached(ttl: 1, tll: 2) { name }
      }
)graphql"),
            (Errors{
                "Unknown argument \"tll\" on directive \"@cached\". Did you mean \"ttl\"? @4:29",
            }));
}

// spec §5.4.1 counter-example (doesKnowCommand(command: …))
TEST(KnownArgumentNamesTest, SpecCounterExampleInvalidArgName) {
  EXPECT_EQ(RuleErrors(MakeKnownArgumentNamesRule, R"graphql(
fragment invalidArgName on Dog {
  doesKnowCommand(command: CLEAN_UP_HOUSE)
}
)graphql",
                       SpecExampleSchema()),
            (Errors{
                "Unknown argument \"command\" on field \"Dog.doesKnowCommand\". Did you mean "
                "\"dogCommand\"? @3:19",
            }));
}

// spec §5.4.1 counter-example (@include(unless: false))
TEST(KnownArgumentNamesTest, SpecCounterExampleUnlessOnInclude) {
  EXPECT_EQ(RuleErrors(MakeKnownArgumentNamesRule, R"graphql(
fragment invalidArgName on Dog {
  isHouseTrained(atOtherHomes: true) @include(unless: false)
}
)graphql",
                       SpecExampleSchema()),
            (Errors{
                "Unknown argument \"unless\" on directive \"@include\". @3:47",
            }));
}

// spec §5.4.1 examples (argument order does not matter)
TEST(KnownArgumentNamesTest, SpecExampleMultipleArgs) {
  EXPECT_EQ(RuleErrors(MakeKnownArgumentNamesRule, R"graphql(
fragment multipleArgs on Arguments {
  multipleRequirements(x: 1, y: 2)
}

fragment multipleArgsReverseOrder on Arguments {
  multipleRequirements(y: 2, x: 1)
}
)graphql",
                       SpecExampleSchema()),
            Errors{});
}

}  // namespace
}  // namespace junction::graphql::validation
