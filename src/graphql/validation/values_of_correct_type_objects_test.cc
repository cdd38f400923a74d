// Tests of the ValuesOfCorrectType rule (lists, input objects, directives and default values)
// (values_of_correct_type.cc; spec §5.6.1 Values of Correct Type, §5.6.2 Input Object Field Names,
// §5.6.4 Input Object Required Fields): graphql-js 16's ValuesOfCorrectTypeRule-test cases and the
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

// graphql-js: "Good list value"
TEST(ValuesOfCorrectTypeTest, GoodListValue) {
  EXPECT_EQ(RuleErrors(MakeValuesOfCorrectTypeRule, R"graphql(
      {
        complicatedArgs {
          stringListArgField(stringListArg: ["one", null, "two"])
        }
      }
)graphql"),
            Errors{});
}

// graphql-js: "Empty list value"
TEST(ValuesOfCorrectTypeTest, EmptyListValue) {
  EXPECT_EQ(RuleErrors(MakeValuesOfCorrectTypeRule, R"graphql(
      {
        complicatedArgs {
          stringListArgField(stringListArg: [])
        }
      }
)graphql"),
            Errors{});
}

// graphql-js: "Null value"
TEST(ValuesOfCorrectTypeTest, NullValueIntoList) {
  EXPECT_EQ(RuleErrors(MakeValuesOfCorrectTypeRule, R"graphql(
      {
        complicatedArgs {
          stringListArgField(stringListArg: null)
        }
      }
)graphql"),
            Errors{});
}

// graphql-js: "Single value into List"
TEST(ValuesOfCorrectTypeTest, SingleValueIntoList) {
  EXPECT_EQ(RuleErrors(MakeValuesOfCorrectTypeRule, R"graphql(
      {
        complicatedArgs {
          stringListArgField(stringListArg: "one")
        }
      }
)graphql"),
            Errors{});
}

// graphql-js: "Incorrect item type"
TEST(ValuesOfCorrectTypeTest, IncorrectItemType) {
  EXPECT_EQ(RuleErrors(MakeValuesOfCorrectTypeRule, R"graphql(
      {
        complicatedArgs {
          stringListArgField(stringListArg: ["one", 2])
        }
      }
)graphql"),
            (Errors{
                "String cannot represent a non string value: 2 @4:53",
            }));
}

// graphql-js: "Single value of incorrect type"
TEST(ValuesOfCorrectTypeTest, SingleValueOfIncorrectType) {
  EXPECT_EQ(RuleErrors(MakeValuesOfCorrectTypeRule, R"graphql(
      {
        complicatedArgs {
          stringListArgField(stringListArg: 1)
        }
      }
)graphql"),
            (Errors{
                "String cannot represent a non string value: 1 @4:45",
            }));
}

// a null item where items are non-null
TEST(ValuesOfCorrectTypeTest, NullInNonNullListItems) {
  EXPECT_EQ(RuleErrors(MakeValuesOfCorrectTypeRule, R"graphql(
      {
        complicatedArgs {
          stringListNonNullArgField(stringListNonNullArg: ["one", null])
        }
      }
)graphql"),
            (Errors{
                "Expected value of type \"String!\", found null. @4:67",
            }));
}

// a list where a scalar is expected is judged as a whole
TEST(ValuesOfCorrectTypeTest, ListIntoScalar) {
  EXPECT_EQ(RuleErrors(MakeValuesOfCorrectTypeRule, R"graphql(
      {
        complicatedArgs {
          a: intArgField(intArg: [1, "two"])
          b: nonNullIntArgField(nonNullIntArg: [1])
          c: complexArgField(complexArg: [{ requiredField: true }])
        }
      }
)graphql"),
            (Errors{
                "Int cannot represent non-integer value: [1, \"two\"] @4:34",
                "Int cannot represent non-integer value: [1] @5:48",
                "Expected value of type \"ComplexInput\", found [{requiredField: true}]. @6:42",
            }));
}

// graphql-js: "Arg on optional arg"
TEST(ValuesOfCorrectTypeTest, ArgOnOptionalArg) {
  EXPECT_EQ(RuleErrors(MakeValuesOfCorrectTypeRule, R"graphql(
      {
        dog {
          isHouseTrained(atOtherHomes: true)
        }
      }
)graphql"),
            Errors{});
}

// graphql-js: "No Arg on optional arg"
TEST(ValuesOfCorrectTypeTest, NoArgOnOptionalArg) {
  EXPECT_EQ(RuleErrors(MakeValuesOfCorrectTypeRule, R"graphql(
      {
        dog {
          isHouseTrained
        }
      }
)graphql"),
            Errors{});
}

// graphql-js: "Multiple args"
TEST(ValuesOfCorrectTypeTest, MultipleArgs) {
  EXPECT_EQ(RuleErrors(MakeValuesOfCorrectTypeRule, R"graphql(
      {
        complicatedArgs {
          multipleReqs(req1: 1, req2: 2)
        }
      }
)graphql"),
            Errors{});
}

// graphql-js: "Incorrect value type"
TEST(ValuesOfCorrectTypeTest, IncorrectValueType) {
  EXPECT_EQ(RuleErrors(MakeValuesOfCorrectTypeRule, R"graphql(
      {
        complicatedArgs {
          multipleReqs(req2: "two", req1: "one")
        }
      }
)graphql"),
            (Errors{
                "Int cannot represent non-integer value: \"two\" @4:30",
                "Int cannot represent non-integer value: \"one\" @4:43",
            }));
}

// graphql-js: "Incorrect value and missing argument (ProvidedRequiredArgumentsRule)"
TEST(ValuesOfCorrectTypeTest, IncorrectValueAndMissingArgument) {
  EXPECT_EQ(RuleErrors(MakeValuesOfCorrectTypeRule, R"graphql(
      {
        complicatedArgs {
          multipleReqs(req1: "one")
        }
      }
)graphql"),
            (Errors{
                "Int cannot represent non-integer value: \"one\" @4:30",
            }));
}

// graphql-js: "Null value"
TEST(ValuesOfCorrectTypeTest, NullValueIntoNonNull) {
  EXPECT_EQ(RuleErrors(MakeValuesOfCorrectTypeRule, R"graphql(
      {
        complicatedArgs {
          multipleReqs(req1: null)
        }
      }
)graphql"),
            (Errors{
                "Expected value of type \"Int!\", found null. @4:30",
            }));
}

// graphql-js: "Optional arg, despite required field in type"
TEST(ValuesOfCorrectTypeTest, OptionalArgDespiteRequiredFieldInType) {
  EXPECT_EQ(RuleErrors(MakeValuesOfCorrectTypeRule, R"graphql(
      {
        complicatedArgs {
          complexArgField
        }
      }
)graphql"),
            Errors{});
}

// graphql-js: "Partial object, only required"
TEST(ValuesOfCorrectTypeTest, PartialObjectOnlyRequired) {
  EXPECT_EQ(RuleErrors(MakeValuesOfCorrectTypeRule, R"graphql(
      {
        complicatedArgs {
          complexArgField(complexArg: { requiredField: true })
        }
      }
)graphql"),
            Errors{});
}

// graphql-js: "Partial object, required field can be falsy"
TEST(ValuesOfCorrectTypeTest, PartialObjectRequiredFieldCanBeFalsy) {
  EXPECT_EQ(RuleErrors(MakeValuesOfCorrectTypeRule, R"graphql(
      {
        complicatedArgs {
          complexArgField(complexArg: { requiredField: false })
        }
      }
)graphql"),
            Errors{});
}

// graphql-js: "Partial object, including required"
TEST(ValuesOfCorrectTypeTest, PartialObjectIncludingRequired) {
  EXPECT_EQ(RuleErrors(MakeValuesOfCorrectTypeRule, R"graphql(
      {
        complicatedArgs {
          complexArgField(complexArg: { requiredField: true, intField: 4 })
        }
      }
)graphql"),
            Errors{});
}

// graphql-js: "Full object"
TEST(ValuesOfCorrectTypeTest, FullObject) {
  EXPECT_EQ(RuleErrors(MakeValuesOfCorrectTypeRule, R"graphql(
      {
        complicatedArgs {
          complexArgField(complexArg: {
            requiredField: true,
            intField: 4,
            stringField: "foo",
            booleanField: false,
            stringListField: ["one", "two"]
          })
        }
      }
)graphql"),
            Errors{});
}

// graphql-js: "Partial object, missing required"
TEST(ValuesOfCorrectTypeTest, PartialObjectMissingRequired) {
  EXPECT_EQ(RuleErrors(MakeValuesOfCorrectTypeRule, R"graphql(
      {
        complicatedArgs {
          complexArgField(complexArg: { intField: 4 })
        }
      }
)graphql"),
            (Errors{
                "Field \"ComplexInput.requiredField\" of required type \"Boolean!\" was not "
                "provided. @4:39",
            }));
}

// graphql-js: "Partial object, invalid field type"
TEST(ValuesOfCorrectTypeTest, PartialObjectInvalidFieldType) {
  EXPECT_EQ(RuleErrors(MakeValuesOfCorrectTypeRule, R"graphql(
      {
        complicatedArgs {
          complexArgField(complexArg: {
            stringListField: ["one", 2],
            requiredField: true,
          })
        }
      }
)graphql"),
            (Errors{
                "String cannot represent a non string value: 2 @5:38",
            }));
}

// graphql-js: "Partial object, null to non-null field"
TEST(ValuesOfCorrectTypeTest, PartialObjectNullToNonNullField) {
  EXPECT_EQ(RuleErrors(MakeValuesOfCorrectTypeRule, R"graphql(
      {
        complicatedArgs {
          complexArgField(complexArg: {
            requiredField: true,
            nonNullField: null,
          })
        }
      }
)graphql"),
            (Errors{
                "Expected value of type \"Boolean!\", found null. @6:27",
            }));
}

// graphql-js: "Partial object, unknown field arg"
TEST(ValuesOfCorrectTypeTest, PartialObjectUnknownFieldArg) {
  EXPECT_EQ(RuleErrors(MakeValuesOfCorrectTypeRule, R"graphql(
      {
        complicatedArgs {
          complexArgField(complexArg: {
            requiredField: true,
            invalidField: "value"
          })
        }
      }
)graphql"),
            (Errors{
                "Field \"invalidField\" is not defined by type \"ComplexInput\". Did you mean "
                "\"intField\"? @6:13",
            }));
}

// an input object literal where a scalar is expected
TEST(ValuesOfCorrectTypeTest, ObjectWhereScalarExpected) {
  EXPECT_EQ(RuleErrors(MakeValuesOfCorrectTypeRule, R"graphql(
      {
        complicatedArgs {
          stringArgField(stringArg: { a: 1 })
          enumArgField(enumArg: { RED: true })
        }
      }
)graphql"),
            (Errors{
                "String cannot represent a non string value: {a: 1} @4:37",
                "Enum \"FurColor\" cannot represent non-enum value: {RED: true}. @5:33",
            }));
}

// a scalar literal where an input object is expected
TEST(ValuesOfCorrectTypeTest, ScalarWhereObjectExpected) {
  EXPECT_EQ(RuleErrors(MakeValuesOfCorrectTypeRule, R"graphql(
      {
        complicatedArgs {
          complexArgField(complexArg: "requiredField")
        }
      }
)graphql"),
            (Errors{
                "Expected value of type \"ComplexInput\", found \"requiredField\". @4:39",
            }));
}

// a custom scalar accepts every literal
TEST(ValuesOfCorrectTypeTest, CustomScalarAcceptsAnyLiteral) {
  EXPECT_EQ(RuleErrors(MakeValuesOfCorrectTypeRule, R"graphql(
      query ($v: Int) {
        complicatedArgs {
          a: anyArgField(anyArg: 1)
          b: anyArgField(anyArg: "x")
          c: anyArgField(anyArg: [1, { x: $v }])
          d: anyArgField(anyArg: { deep: [true, null, ENUM] })
        }
      }
)graphql"),
            Errors{});
}

// graphql-js: "with directives of valid types"
TEST(ValuesOfCorrectTypeTest, WithDirectivesOfValidTypes) {
  EXPECT_EQ(RuleErrors(MakeValuesOfCorrectTypeRule, R"graphql(
      {
        dog @include(if: true) {
          name
        }
        human @skip(if: false) {
          name
        }
      }
)graphql"),
            Errors{});
}

// graphql-js: "with directive with incorrect types"
TEST(ValuesOfCorrectTypeTest, WithDirectiveWithIncorrectTypes) {
  EXPECT_EQ(RuleErrors(MakeValuesOfCorrectTypeRule, R"graphql(
      {
        dog @include(if: "yes") {
          name @skip(if: ENUM)
        }
      }
)graphql"),
            (Errors{
                "Boolean cannot represent a non boolean value: \"yes\" @3:26",
                "Boolean cannot represent a non boolean value: ENUM @4:26",
            }));
}

// graphql-js: "variables with valid default values"
TEST(ValuesOfCorrectTypeTest, VariablesWithValidDefaultValues) {
  EXPECT_EQ(RuleErrors(MakeValuesOfCorrectTypeRule, R"graphql(
      query WithDefaultValues(
        $a: Int = 1,
        $b: String = "ok",
        $c: ComplexInput = { requiredField: true, intField: 3 }
        $d: Int! = 123
      ) {
        dog { name }
      }
)graphql"),
            Errors{});
}

// graphql-js: "variables with valid default null values"
TEST(ValuesOfCorrectTypeTest, VariablesWithValidDefaultNullValues) {
  EXPECT_EQ(RuleErrors(MakeValuesOfCorrectTypeRule, R"graphql(
      query WithDefaultValues(
        $a: Int = null,
        $b: String = null,
        $c: ComplexInput = { requiredField: true, intField: null }
      ) {
        dog { name }
      }
)graphql"),
            Errors{});
}

// graphql-js: "variables with invalid default null values"
TEST(ValuesOfCorrectTypeTest, VariablesWithInvalidDefaultNullValues) {
  EXPECT_EQ(RuleErrors(MakeValuesOfCorrectTypeRule, R"graphql(
      query WithDefaultValues(
        $a: Int! = null,
        $b: String! = null,
        $c: ComplexInput = { requiredField: null, intField: null }
      ) {
        dog { name }
      }
)graphql"),
            (Errors{
                "Expected value of type \"Int!\", found null. @3:20",
                "Expected value of type \"String!\", found null. @4:23",
                "Expected value of type \"Boolean!\", found null. @5:45",
            }));
}

// graphql-js: "variables with invalid default values"
TEST(ValuesOfCorrectTypeTest, VariablesWithInvalidDefaultValues) {
  EXPECT_EQ(RuleErrors(MakeValuesOfCorrectTypeRule, R"graphql(
      query InvalidDefaultValues(
        $a: Int = "one",
        $b: String = 4,
        $c: ComplexInput = "NotVeryComplex"
      ) {
        dog { name }
      }
)graphql"),
            (Errors{
                "Int cannot represent non-integer value: \"one\" @3:19",
                "String cannot represent a non string value: 4 @4:22",
                "Expected value of type \"ComplexInput\", found \"NotVeryComplex\". @5:28",
            }));
}

// graphql-js: "variables with complex invalid default values"
TEST(ValuesOfCorrectTypeTest, VariablesWithComplexInvalidDefaultValues) {
  EXPECT_EQ(RuleErrors(MakeValuesOfCorrectTypeRule, R"graphql(
      query WithDefaultValues(
        $a: ComplexInput = { requiredField: 123, intField: "abc" }
      ) {
        dog { name }
      }
)graphql"),
            (Errors{
                "Boolean cannot represent a non boolean value: 123 @3:45",
                "Int cannot represent non-integer value: \"abc\" @3:60",
            }));
}

// graphql-js: "complex variables missing required field"
TEST(ValuesOfCorrectTypeTest, ComplexVariablesMissingRequiredField) {
  EXPECT_EQ(RuleErrors(MakeValuesOfCorrectTypeRule, R"graphql(
      query MissingRequiredField($a: ComplexInput = {intField: 3}) {
        dog { name }
      }
)graphql"),
            (Errors{
                "Field \"ComplexInput.requiredField\" of required type \"Boolean!\" was not "
                "provided. @2:53",
            }));
}

// graphql-js: "list variables with invalid item"
TEST(ValuesOfCorrectTypeTest, ListVariablesWithInvalidItem) {
  EXPECT_EQ(RuleErrors(MakeValuesOfCorrectTypeRule, R"graphql(
      query InvalidItem($a: [String] = ["one", 2]) {
        dog { name }
      }
)graphql"),
            (Errors{
                "String cannot represent a non string value: 2 @2:48",
            }));
}

// values of unknown arguments have no expected type
TEST(ValuesOfCorrectTypeTest, UnknownArgumentValueIsNotChecked) {
  EXPECT_EQ(RuleErrors(MakeValuesOfCorrectTypeRule, R"graphql(
      {
        dog {
          name(unknown: "x", surname: "yes")
        }
      }
)graphql"),
            (Errors{
                "Boolean cannot represent a non boolean value: \"yes\" @4:39",
            }));
}

// spec §5.6.1 examples (goodBooleanArg, coercedIntIntoFloatArg, goodComplexDefaultValue)
TEST(ValuesOfCorrectTypeTest, SpecExamplesGoodValues) {
  EXPECT_EQ(RuleErrors(MakeValuesOfCorrectTypeRule, R"graphql(
fragment goodBooleanArg on Arguments {
  booleanArgField(booleanArg: true)
}

fragment coercedIntIntoFloatArg on Arguments {
  # Note: The input coercion rules for Float allow Int literals.
  floatArgField(floatArg: 123)
}

query goodComplexDefaultValue($search: ComplexInput = { name: "Fido" }) {
  findDog(complex: $search)
}
)graphql",
                       SpecExampleSchema()),
            Errors{});
}

// spec §5.6.1 counter-examples (stringIntoInt, badComplexValue)
TEST(ValuesOfCorrectTypeTest, SpecCounterExamplesBadValues) {
  EXPECT_EQ(RuleErrors(MakeValuesOfCorrectTypeRule, R"graphql(
fragment stringIntoInt on Arguments {
  intArgField(intArg: "123")
}

query badComplexValue {
  findDog(complex: { name: 123 })
}
)graphql",
                       SpecExampleSchema()),
            (Errors{
                "Int cannot represent non-integer value: \"123\" @3:23",
                "String cannot represent a non string value: 123 @7:28",
            }));
}

// spec §5.6.2 counter-example (favoriteCookieFlavor)
TEST(ValuesOfCorrectTypeTest, SpecCounterExampleUnknownInputField) {
  EXPECT_EQ(RuleErrors(MakeValuesOfCorrectTypeRule, R"graphql(
{
  findDog(complex: { favoriteCookieFlavor: "Bacon" })
}
)graphql",
                       SpecExampleSchema()),
            (Errors{
                "Field \"favoriteCookieFlavor\" is not defined by type \"ComplexInput\". @3:22",
            }));
}

// spec §5.4.2.1 counter-example (nonNullBooleanArg: null)
TEST(ValuesOfCorrectTypeTest, SpecCounterExampleNullRequiredArg) {
  EXPECT_EQ(RuleErrors(MakeValuesOfCorrectTypeRule, R"graphql(
fragment missingRequiredArg on Arguments {
  nonNullBooleanArgField(nonNullBooleanArg: null)
}
)graphql",
                       SpecExampleSchema()),
            (Errors{
                "Expected value of type \"Boolean!\", found null. @3:45",
            }));
}

}  // namespace
}  // namespace junction::graphql::validation
