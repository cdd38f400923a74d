// Tests of the VariablesAreInputTypes rule (variables_are_input_types.cc; spec §5.8.2 Variables Are
// Input Types): graphql-js 16's VariablesAreInputTypesRule-test cases and the spec's examples, each
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

// graphql-js: "unknown types are ignored"
TEST(VariablesAreInputTypesTest, UnknownTypesAreIgnored) {
  EXPECT_EQ(RuleErrors(MakeVariablesAreInputTypesRule, R"graphql(
      query Foo($a: Unknown, $b: [[Unknown!]]!) {
        field(a: $a, b: $b)
      }
)graphql"),
            Errors{});
}

// graphql-js: "input types are valid"
TEST(VariablesAreInputTypesTest, InputTypesAreValid) {
  EXPECT_EQ(RuleErrors(MakeVariablesAreInputTypesRule, R"graphql(
      query Foo($a: String, $b: [Boolean!]!, $c: ComplexInput) {
        field(a: $a, b: $b, c: $c)
      }
)graphql"),
            Errors{});
}

// graphql-js: "output types are invalid"
TEST(VariablesAreInputTypesTest, OutputTypesAreInvalid) {
  EXPECT_EQ(RuleErrors(MakeVariablesAreInputTypesRule, R"graphql(
      query Foo($a: Dog, $b: [[CatOrDog!]]!, $c: Pet) {
        field(a: $a, b: $b, c: $c)
      }
)graphql"),
            (Errors{
                "Variable \"$a\" cannot be non-input type \"Dog\". @2:21",
                "Variable \"$b\" cannot be non-input type \"[[CatOrDog!]]!\". @2:30",
                "Variable \"$c\" cannot be non-input type \"Pet\". @2:50",
            }));
}

// spec §5.8.2 examples (takesBoolean, takesComplexInput, TakesListOfBooleanBang)
TEST(VariablesAreInputTypesTest, SpecExamples) {
  EXPECT_EQ(RuleErrors(MakeVariablesAreInputTypesRule, R"graphql(
query takesBoolean($atOtherHomes: Boolean) {
  dog {
    isHouseTrained(atOtherHomes: $atOtherHomes)
  }
}

query takesComplexInput($complexInput: ComplexInput) {
  findDog(complex: $complexInput) {
    name
  }
}

query TakesListOfBooleanBang($booleans: [Boolean!]) {
  booleanList(booleanListArg: $booleans)
}
)graphql",
                       SpecExampleSchema()),
            Errors{});
}

// spec §5.8.2 counter-examples (takesCat, takesDogBang, takesListOfPet, takesCatOrDog)
TEST(VariablesAreInputTypesTest, SpecCounterExamples) {
  EXPECT_EQ(RuleErrors(MakeVariablesAreInputTypesRule, R"graphql(
query takesCat($cat: Cat) {
  dog { name }
}

query takesDogBang($dog: Dog!) {
  dog { name }
}

query takesListOfPet($pets: [Pet]) {
  dog { name }
}

query takesCatOrDog($catOrDog: CatOrDog) {
  dog { name }
}
)graphql",
                       SpecExampleSchema()),
            (Errors{
                "Variable \"$cat\" cannot be non-input type \"Cat\". @2:22",
                "Variable \"$dog\" cannot be non-input type \"Dog!\". @6:26",
                "Variable \"$pets\" cannot be non-input type \"[Pet]\". @10:29",
                "Variable \"$catOrDog\" cannot be non-input type \"CatOrDog\". @14:32",
            }));
}

}  // namespace
}  // namespace junction::graphql::validation
