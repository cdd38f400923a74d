// Tests of Validate (validation.h) as a whole: all rules in one walk, with errors interleaved in
// document order and in graphql-js's rule order, the error cap, and the work bound that keeps
// hostile documents cheap. Each rule's own cases are in validation/<rule>_test.cc. Expected
// errors are what graphql-js 16.8.2's `validate` reports for the same document and schema.

#include "graphql/validation.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "graphql/validation/test_harness.h"

namespace junction::graphql {
namespace {

using validation::testing::AllErrors;
using validation::testing::HarnessSchema;
using validation::testing::SpecExampleSchema;
using Errors = std::vector<std::string>;

// A document valid against the harness, exercising every kind of node.
TEST(ValidateTest, ValidDocumentHasNoErrors) {
  EXPECT_EQ(AllErrors(R"graphql(
      query Q($id: ID, $withMother: Boolean = true, $cmd: DogCommand!) @onQuery {
        human(id: $id) {
          name(surname: true)
          pets { ...PetName ... on Dog { doesKnowCommand(dogCommand: $cmd) } }
          relatives { iq }
        }
        dog @include(if: $withMother) { mother { name } }
        complicatedArgs {
          complexArgField(complexArg: { requiredField: true, stringListField: ["a", null] })
          anyArgField(anyArg: { deep: [1, 2.5, "x", ENUM] })
        }
        __typename
      }
      fragment PetName on Pet { name }
      subscription S { newMessage { body sender } }
    )graphql"),
            Errors{});
}

// Errors of several rules come out in document order; on one node, in graphql-js's rule order
// (ScalarLeafs before FieldsOnCorrectType before KnownArgumentNames …); errors found when leaving
// a node (required arguments, an operation's variables) or the document (unused fragments) come
// after those inside it; a repeated operation name is found on entering the repeat.
TEST(ValidateTest, ErrorsInterleaveInDocumentAndRuleOrder) {
  EXPECT_EQ(AllErrors(R"graphql(
      query Q($unused: Int, $x: Dog) {
        dog(unknownArg: 1) @skip(if: $undefined) { name { first } nonexistent }
        complicatedArgs { multipleReqs(req1: "one") }
        human { ...Missing }
      }
      fragment Unused on Dog { name }
      query Q { dog { ...Cycle } }
      fragment Cycle on Dog { ...Cycle }
    )graphql"),
            (Errors{
                "Variable \"$x\" cannot be non-input type \"Dog\". @2:33",
                "Unknown argument \"unknownArg\" on field \"QueryRoot.dog\". @3:13",
                "Field \"name\" must not have a selection since type \"String\" has no subfields. "
                "@3:57",
                "Cannot query field \"nonexistent\" on type \"Dog\". @3:67",
                "Int cannot represent non-integer value: \"one\" @4:46",
                "Field \"multipleReqs\" argument \"req2\" of type \"Int!\" is required, but it was "
                "not provided. @4:27",
                "Unknown fragment \"Missing\". @5:20",
                "Variable \"$undefined\" is not defined by operation \"Q\". @3:38,2:7",
                "Variable \"$unused\" is never used in operation \"Q\". @2:15",
                "Variable \"$x\" is never used in operation \"Q\". @2:29",
                "There can be only one operation named \"Q\". @2:13,8:13",
                "Cannot spread fragment \"Cycle\" within itself. @9:31",
                "Fragment \"Unused\" is never used. @7:7",
            }));
}

// graphql-js validate's maxErrors: the error after the last allowed one is replaced by one
// without a location, and validation stops there.
TEST(ValidateTest, ErrorLimitStopsValidation) {
  const char* document = "{ a b c d e }";
  EXPECT_EQ(AllErrors(document, HarnessSchema(), ValidationOptions{3}),
            (Errors{
                "Cannot query field \"a\" on type \"QueryRoot\". @1:3",
                "Cannot query field \"b\" on type \"QueryRoot\". @1:5",
                "Cannot query field \"c\" on type \"QueryRoot\". @1:7",
                "Too many validation errors, error limit reached. Validation aborted.",
            }));
  // Exactly as many errors as allowed: no extra error.
  EXPECT_EQ(AllErrors("{ a b c }", HarnessSchema(), ValidationOptions{3}).size(), 3u);
}

TEST(ValidateTest, ErrorCarriesCodeAndLocations) {
  Result<Document> document = Parse("{ dog { meowVolume } }");
  ASSERT_TRUE(document);
  std::vector<Error> errors = Validate(HarnessSchema(), *document);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].code, ErrorCode::kValidationFailed);
  EXPECT_EQ(errors[0].path, "$");
  EXPECT_TRUE(errors[0].internal.is_null());
  ASSERT_EQ(errors[0].locations.size(), 1u);
  EXPECT_EQ(errors[0].locations[0], (SourceLocation{1, 9}));
}

// Spec §5 examples that are valid are valid under every rule together.
TEST(ValidateTest, SpecValidExamples) {
  EXPECT_EQ(AllErrors(R"graphql(
query getDogName {
  dog {
    name
  }
}

query getOwnerName {
  dog {
    owner {
      name
    }
  }
}

query variableUsedInFragment($atOtherHomes: Boolean) {
  dog {
    ...isHouseTrainedFragment
  }
}

fragment isHouseTrainedFragment on Dog {
  isHouseTrained(atOtherHomes: $atOtherHomes)
}

subscription sub {
  newMessage {
    body
    sender
  }
}
)graphql",
                      SpecExampleSchema()),
            Errors{});
}

// A document with 1000 fields of one name makes about 500000 field comparisons: past the work
// bound, validation stops with "Validation aborted." instead of running on.
TEST(ValidateTest, OverlappingFieldsWorkIsBounded) {
  std::string document = "{ dog {";
  for (int i = 0; i < 1000; ++i) document += " name";
  document += " } }";
  Errors errors = AllErrors(document);
  ASSERT_FALSE(errors.empty());
  EXPECT_EQ(errors.back(), "Validation aborted.");
}

// Fragments spreading each other in a lattice (each spreads the next two) would make an
// exponential number of comparisons without graphql-js's comparedFragmentPairs; with it, 40
// levels are checked at once. Also a long chain of spreads, handled without deep recursion.
TEST(ValidateTest, FragmentLatticeAndChainsStayCheap) {
  std::string lattice = "{ dog { ...A0 ...B0 } }\n";
  for (int i = 0; i < 40; ++i) {
    std::string next = std::to_string(i + 1);
    for (const char* side : {"A", "B"}) {
      lattice += "fragment " + std::string(side) + std::to_string(i) + " on Dog { name ...A" +
                 next + " ...B" + next + " }\n";
    }
  }
  lattice += "fragment A40 on Dog { name }\nfragment B40 on Dog { nickname: name }\n";
  EXPECT_EQ(AllErrors(lattice), Errors{});

  std::string chain = "{ dog { ...F0 } }\n";
  for (int i = 0; i < 5000; ++i) {
    chain += "fragment F" + std::to_string(i) + " on Dog { ...F" + std::to_string(i + 1) + " }\n";
  }
  chain += "fragment F5000 on Dog { name }\n";
  EXPECT_EQ(AllErrors(chain), Errors{});
}

// A document that is not executable at all is still walked: type-system definitions are
// reported, and the rules that apply inside them (known types, known directives) report too.
TEST(ValidateTest, TypeSystemDefinitionsAreWalked) {
  EXPECT_EQ(AllErrors(R"graphql(
      type Foo @onField { bar: Baz }
      { dog { name } }
    )graphql"),
            (Errors{
                "The \"Foo\" definition is not executable. @2:7",
                "Directive \"@onField\" may not be used on OBJECT. @2:16",
                "Unknown type \"Baz\". Did you mean \"Cat\"? @2:32",
            }));
}

}  // namespace
}  // namespace junction::graphql
