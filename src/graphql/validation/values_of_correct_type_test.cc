// Tests of the ValuesOfCorrectType rule (scalars and enums) (values_of_correct_type.cc; spec §5.6.1
// Values of Correct Type, §5.6.2 Input Object Field Names, §5.6.4 Input Object Required Fields):
// graphql-js 16's ValuesOfCorrectTypeRule-test cases and the spec's examples, each run through this
// rule alone. The expected errors are what graphql-js 16.8.2 reports for the same document and
// schema.

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "graphql/validation/test_harness.h"

namespace junction::graphql::validation {
namespace {

using testing::RuleErrors;
using Errors = std::vector<std::string>;

// graphql-js: "Good int value"
TEST(ValuesOfCorrectTypeTest, GoodIntValue) {
  EXPECT_EQ(RuleErrors(MakeValuesOfCorrectTypeRule, R"graphql(
      {
        complicatedArgs {
          intArgField(intArg: 2)
        }
      }
)graphql"),
            Errors{});
}

// graphql-js: "Good negative int value"
TEST(ValuesOfCorrectTypeTest, GoodNegativeIntValue) {
  EXPECT_EQ(RuleErrors(MakeValuesOfCorrectTypeRule, R"graphql(
      {
        complicatedArgs {
          intArgField(intArg: -2)
        }
      }
)graphql"),
            Errors{});
}

// graphql-js: "Good boolean value"
TEST(ValuesOfCorrectTypeTest, GoodBooleanValue) {
  EXPECT_EQ(RuleErrors(MakeValuesOfCorrectTypeRule, R"graphql(
      {
        complicatedArgs {
          booleanArgField(booleanArg: true)
        }
      }
)graphql"),
            Errors{});
}

// graphql-js: "Good string value"
TEST(ValuesOfCorrectTypeTest, GoodStringValue) {
  EXPECT_EQ(RuleErrors(MakeValuesOfCorrectTypeRule, R"graphql(
      {
        complicatedArgs {
          stringArgField(stringArg: "foo")
        }
      }
)graphql"),
            Errors{});
}

// graphql-js: "Good float value"
TEST(ValuesOfCorrectTypeTest, GoodFloatValue) {
  EXPECT_EQ(RuleErrors(MakeValuesOfCorrectTypeRule, R"graphql(
      {
        complicatedArgs {
          floatArgField(floatArg: 1.1)
        }
      }
)graphql"),
            Errors{});
}

// graphql-js: "Good negative float value"
TEST(ValuesOfCorrectTypeTest, GoodNegativeFloatValue) {
  EXPECT_EQ(RuleErrors(MakeValuesOfCorrectTypeRule, R"graphql(
      {
        complicatedArgs {
          floatArgField(floatArg: -1.1)
        }
      }
)graphql"),
            Errors{});
}

// graphql-js: "Int into Float"
TEST(ValuesOfCorrectTypeTest, IntIntoFloat) {
  EXPECT_EQ(RuleErrors(MakeValuesOfCorrectTypeRule, R"graphql(
      {
        complicatedArgs {
          floatArgField(floatArg: 1)
        }
      }
)graphql"),
            Errors{});
}

// graphql-js: "Int into ID"
TEST(ValuesOfCorrectTypeTest, IntIntoID) {
  EXPECT_EQ(RuleErrors(MakeValuesOfCorrectTypeRule, R"graphql(
      {
        complicatedArgs {
          idArgField(idArg: 1)
        }
      }
)graphql"),
            Errors{});
}

// graphql-js: "String into ID"
TEST(ValuesOfCorrectTypeTest, StringIntoID) {
  EXPECT_EQ(RuleErrors(MakeValuesOfCorrectTypeRule, R"graphql(
      {
        complicatedArgs {
          idArgField(idArg: "someIdString")
        }
      }
)graphql"),
            Errors{});
}

// graphql-js: "Good enum value"
TEST(ValuesOfCorrectTypeTest, GoodEnumValue) {
  EXPECT_EQ(RuleErrors(MakeValuesOfCorrectTypeRule, R"graphql(
      {
        dog {
          doesKnowCommand(dogCommand: SIT)
        }
      }
)graphql"),
            Errors{});
}

// graphql-js: "Enum with undefined value"
TEST(ValuesOfCorrectTypeTest, EnumWithUndefinedValue) {
  EXPECT_EQ(RuleErrors(MakeValuesOfCorrectTypeRule, R"graphql(
      {
        complicatedArgs {
          enumArgField(enumArg: UNKNOWN)
        }
      }
)graphql"),
            Errors{});
}

// graphql-js: "Enum with null value"
TEST(ValuesOfCorrectTypeTest, EnumWithNullValue) {
  EXPECT_EQ(RuleErrors(MakeValuesOfCorrectTypeRule, R"graphql(
      {
        complicatedArgs {
          enumArgField(enumArg: NO_FUR)
        }
      }
)graphql"),
            Errors{});
}

// graphql-js: "null into nullable type"
TEST(ValuesOfCorrectTypeTest, NullIntoNullableType) {
  EXPECT_EQ(RuleErrors(MakeValuesOfCorrectTypeRule, R"graphql(
      {
        complicatedArgs {
          intArgField(intArg: null)
        }
      }
)graphql"),
            Errors{});
}

// graphql-js: "null into nullable type" (second case)
TEST(ValuesOfCorrectTypeTest, NullIntoNullableTypeOnDogName) {
  EXPECT_EQ(RuleErrors(MakeValuesOfCorrectTypeRule, R"graphql(
      {
        dog(a: null, b: null, c:{ requiredField: true, intField: null }) {
          name
        }
      }
)graphql"),
            Errors{});
}

// graphql-js: "Int into String"
TEST(ValuesOfCorrectTypeTest, IntIntoString) {
  EXPECT_EQ(RuleErrors(MakeValuesOfCorrectTypeRule, R"graphql(
      {
        complicatedArgs {
          stringArgField(stringArg: 1)
        }
      }
)graphql"),
            (Errors{
                "String cannot represent a non string value: 1 @4:37",
            }));
}

// graphql-js: "Float into String"
TEST(ValuesOfCorrectTypeTest, FloatIntoString) {
  EXPECT_EQ(RuleErrors(MakeValuesOfCorrectTypeRule, R"graphql(
      {
        complicatedArgs {
          stringArgField(stringArg: 1.0)
        }
      }
)graphql"),
            (Errors{
                "String cannot represent a non string value: 1.0 @4:37",
            }));
}

// graphql-js: "Boolean into String"
TEST(ValuesOfCorrectTypeTest, BooleanIntoString) {
  EXPECT_EQ(RuleErrors(MakeValuesOfCorrectTypeRule, R"graphql(
      {
        complicatedArgs {
          stringArgField(stringArg: true)
        }
      }
)graphql"),
            (Errors{
                "String cannot represent a non string value: true @4:37",
            }));
}

// graphql-js: "Unquoted String into String"
TEST(ValuesOfCorrectTypeTest, UnquotedStringIntoString) {
  EXPECT_EQ(RuleErrors(MakeValuesOfCorrectTypeRule, R"graphql(
      {
        complicatedArgs {
          stringArgField(stringArg: BAR)
        }
      }
)graphql"),
            (Errors{
                "String cannot represent a non string value: BAR @4:37",
            }));
}

// graphql-js: "String into Int"
TEST(ValuesOfCorrectTypeTest, StringIntoInt) {
  EXPECT_EQ(RuleErrors(MakeValuesOfCorrectTypeRule, R"graphql(
      {
        complicatedArgs {
          intArgField(intArg: "3")
        }
      }
)graphql"),
            (Errors{
                "Int cannot represent non-integer value: \"3\" @4:31",
            }));
}

// graphql-js: "Big Int into Int"
TEST(ValuesOfCorrectTypeTest, BigIntIntoInt) {
  EXPECT_EQ(RuleErrors(MakeValuesOfCorrectTypeRule, R"graphql(
      {
        complicatedArgs {
          intArgField(intArg: 829384293849283498239482938)
        }
      }
)graphql"),
            (Errors{
                "Int cannot represent non 32-bit signed integer value: "
                "829384293849283498239482938 @4:31",
            }));
}

// Int accepts exactly the 32-bit range
TEST(ValuesOfCorrectTypeTest, IntBoundaries) {
  EXPECT_EQ(RuleErrors(MakeValuesOfCorrectTypeRule, R"graphql(
      {
        complicatedArgs {
          a: intArgField(intArg: 2147483647)
          b: intArgField(intArg: -2147483648)
          c: intArgField(intArg: 2147483648)
          d: intArgField(intArg: -2147483649)
          e: intArgField(intArg: -0)
        }
      }
)graphql"),
            (Errors{
                "Int cannot represent non 32-bit signed integer value: 2147483648 @6:34",
                "Int cannot represent non 32-bit signed integer value: -2147483649 @7:34",
            }));
}

// graphql-js: "Unquoted String into Int"
TEST(ValuesOfCorrectTypeTest, UnquotedStringIntoInt) {
  EXPECT_EQ(RuleErrors(MakeValuesOfCorrectTypeRule, R"graphql(
      {
        complicatedArgs {
          intArgField(intArg: FOO)
        }
      }
)graphql"),
            (Errors{
                "Int cannot represent non-integer value: FOO @4:31",
            }));
}

// graphql-js: "Simple Float into Int"
TEST(ValuesOfCorrectTypeTest, SimpleFloatIntoInt) {
  EXPECT_EQ(RuleErrors(MakeValuesOfCorrectTypeRule, R"graphql(
      {
        complicatedArgs {
          intArgField(intArg: 3.0)
        }
      }
)graphql"),
            (Errors{
                "Int cannot represent non-integer value: 3.0 @4:31",
            }));
}

// graphql-js: "Float into Int"
TEST(ValuesOfCorrectTypeTest, FloatIntoInt) {
  EXPECT_EQ(RuleErrors(MakeValuesOfCorrectTypeRule, R"graphql(
      {
        complicatedArgs {
          intArgField(intArg: 3.333)
        }
      }
)graphql"),
            (Errors{
                "Int cannot represent non-integer value: 3.333 @4:31",
            }));
}

// graphql-js: "String into Float"
TEST(ValuesOfCorrectTypeTest, StringIntoFloat) {
  EXPECT_EQ(RuleErrors(MakeValuesOfCorrectTypeRule, R"graphql(
      {
        complicatedArgs {
          floatArgField(floatArg: "3.333")
        }
      }
)graphql"),
            (Errors{
                "Float cannot represent non numeric value: \"3.333\" @4:35",
            }));
}

// graphql-js: "Boolean into Float"
TEST(ValuesOfCorrectTypeTest, BooleanIntoFloat) {
  EXPECT_EQ(RuleErrors(MakeValuesOfCorrectTypeRule, R"graphql(
      {
        complicatedArgs {
          floatArgField(floatArg: true)
        }
      }
)graphql"),
            (Errors{
                "Float cannot represent non numeric value: true @4:35",
            }));
}

// graphql-js: "Unquoted into Float"
TEST(ValuesOfCorrectTypeTest, UnquotedIntoFloat) {
  EXPECT_EQ(RuleErrors(MakeValuesOfCorrectTypeRule, R"graphql(
      {
        complicatedArgs {
          floatArgField(floatArg: FOO)
        }
      }
)graphql"),
            (Errors{
                "Float cannot represent non numeric value: FOO @4:35",
            }));
}

// graphql-js: "Int into Boolean"
TEST(ValuesOfCorrectTypeTest, IntIntoBoolean) {
  EXPECT_EQ(RuleErrors(MakeValuesOfCorrectTypeRule, R"graphql(
      {
        complicatedArgs {
          booleanArgField(booleanArg: 2)
        }
      }
)graphql"),
            (Errors{
                "Boolean cannot represent a non boolean value: 2 @4:39",
            }));
}

// graphql-js: "Float into Boolean"
TEST(ValuesOfCorrectTypeTest, FloatIntoBoolean) {
  EXPECT_EQ(RuleErrors(MakeValuesOfCorrectTypeRule, R"graphql(
      {
        complicatedArgs {
          booleanArgField(booleanArg: 1.0)
        }
      }
)graphql"),
            (Errors{
                "Boolean cannot represent a non boolean value: 1.0 @4:39",
            }));
}

// graphql-js: "String into Boolean"
TEST(ValuesOfCorrectTypeTest, StringIntoBoolean) {
  EXPECT_EQ(RuleErrors(MakeValuesOfCorrectTypeRule, R"graphql(
      {
        complicatedArgs {
          booleanArgField(booleanArg: "true")
        }
      }
)graphql"),
            (Errors{
                "Boolean cannot represent a non boolean value: \"true\" @4:39",
            }));
}

// graphql-js: "Unquoted into Boolean"
TEST(ValuesOfCorrectTypeTest, UnquotedIntoBoolean) {
  EXPECT_EQ(RuleErrors(MakeValuesOfCorrectTypeRule, R"graphql(
      {
        complicatedArgs {
          booleanArgField(booleanArg: TRUE)
        }
      }
)graphql"),
            (Errors{
                "Boolean cannot represent a non boolean value: TRUE @4:39",
            }));
}

// graphql-js: "Float into ID"
TEST(ValuesOfCorrectTypeTest, FloatIntoID) {
  EXPECT_EQ(RuleErrors(MakeValuesOfCorrectTypeRule, R"graphql(
      {
        complicatedArgs {
          idArgField(idArg: 1.0)
        }
      }
)graphql"),
            (Errors{
                "ID cannot represent a non-string and non-integer value: 1.0 @4:29",
            }));
}

// graphql-js: "Boolean into ID"
TEST(ValuesOfCorrectTypeTest, BooleanIntoID) {
  EXPECT_EQ(RuleErrors(MakeValuesOfCorrectTypeRule, R"graphql(
      {
        complicatedArgs {
          idArgField(idArg: true)
        }
      }
)graphql"),
            (Errors{
                "ID cannot represent a non-string and non-integer value: true @4:29",
            }));
}

// graphql-js: "Unquoted into ID"
TEST(ValuesOfCorrectTypeTest, UnquotedIntoID) {
  EXPECT_EQ(RuleErrors(MakeValuesOfCorrectTypeRule, R"graphql(
      {
        complicatedArgs {
          idArgField(idArg: SOMETHING)
        }
      }
)graphql"),
            (Errors{
                "ID cannot represent a non-string and non-integer value: SOMETHING @4:29",
            }));
}

// graphql-js: "Int into Enum"
TEST(ValuesOfCorrectTypeTest, IntIntoEnum) {
  EXPECT_EQ(RuleErrors(MakeValuesOfCorrectTypeRule, R"graphql(
      {
        dog {
          doesKnowCommand(dogCommand: 2)
        }
      }
)graphql"),
            (Errors{
                "Enum \"DogCommand\" cannot represent non-enum value: 2. @4:39",
            }));
}

// graphql-js: "Float into Enum"
TEST(ValuesOfCorrectTypeTest, FloatIntoEnum) {
  EXPECT_EQ(RuleErrors(MakeValuesOfCorrectTypeRule, R"graphql(
      {
        dog {
          doesKnowCommand(dogCommand: 1.0)
        }
      }
)graphql"),
            (Errors{
                "Enum \"DogCommand\" cannot represent non-enum value: 1.0. @4:39",
            }));
}

// graphql-js: "String into Enum"
TEST(ValuesOfCorrectTypeTest, StringIntoEnum) {
  EXPECT_EQ(RuleErrors(MakeValuesOfCorrectTypeRule, R"graphql(
      {
        dog {
          doesKnowCommand(dogCommand: "SIT")
        }
      }
)graphql"),
            (Errors{
                "Enum \"DogCommand\" cannot represent non-enum value: \"SIT\". Did you mean the "
                "enum value \"SIT\"? @4:39",
            }));
}

// graphql-js: "Boolean into Enum"
TEST(ValuesOfCorrectTypeTest, BooleanIntoEnum) {
  EXPECT_EQ(RuleErrors(MakeValuesOfCorrectTypeRule, R"graphql(
      {
        dog {
          doesKnowCommand(dogCommand: true)
        }
      }
)graphql"),
            (Errors{
                "Enum \"DogCommand\" cannot represent non-enum value: true. @4:39",
            }));
}

// graphql-js: "Unknown Enum Value into Enum"
TEST(ValuesOfCorrectTypeTest, UnknownEnumValueIntoEnum) {
  EXPECT_EQ(RuleErrors(MakeValuesOfCorrectTypeRule, R"graphql(
      {
        dog {
          doesKnowCommand(dogCommand: JUGGLE)
        }
      }
)graphql"),
            (Errors{
                "Value \"JUGGLE\" does not exist in \"DogCommand\" enum. @4:39",
            }));
}

// graphql-js: "Different case Enum Value into Enum"
TEST(ValuesOfCorrectTypeTest, DifferentCaseEnumValueIntoEnum) {
  EXPECT_EQ(RuleErrors(MakeValuesOfCorrectTypeRule, R"graphql(
      {
        dog {
          doesKnowCommand(dogCommand: sit)
        }
      }
)graphql"),
            (Errors{
                "Value \"sit\" does not exist in \"DogCommand\" enum. Did you mean the enum value "
                "\"SIT\"? @4:39",
            }));
}

}  // namespace
}  // namespace junction::graphql::validation
