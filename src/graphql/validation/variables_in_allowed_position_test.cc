// Tests of the VariablesInAllowedPosition rule (variables_in_allowed_position.cc; spec §5.8.5 All
// Variable Usages are Allowed): graphql-js 16's VariablesInAllowedPositionRule-test cases and the
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

// graphql-js: "Boolean => Boolean"
TEST(VariablesInAllowedPositionTest, BooleanIntoBoolean) {
  EXPECT_EQ(RuleErrors(MakeVariablesInAllowedPositionRule, R"graphql(
      query Query($booleanArg: Boolean)
      {
        complicatedArgs {
          booleanArgField(booleanArg: $booleanArg)
        }
      }
)graphql"),
            Errors{});
}

// graphql-js: "Boolean => Boolean within fragment"
TEST(VariablesInAllowedPositionTest, BooleanIntoBooleanWithinFragment) {
  EXPECT_EQ(RuleErrors(MakeVariablesInAllowedPositionRule, R"graphql(
      fragment booleanArgFrag on ComplicatedArgs {
        booleanArgField(booleanArg: $booleanArg)
      }
      query Query($booleanArg: Boolean)
      {
        complicatedArgs {
          ...booleanArgFrag
        }
      }
)graphql"),
            Errors{});
}

// graphql-js: "Boolean! => Boolean"
TEST(VariablesInAllowedPositionTest, NonNullBooleanIntoBoolean) {
  EXPECT_EQ(RuleErrors(MakeVariablesInAllowedPositionRule, R"graphql(
      query Query($nonNullBooleanArg: Boolean!)
      {
        complicatedArgs {
          booleanArgField(booleanArg: $nonNullBooleanArg)
        }
      }
)graphql"),
            Errors{});
}

// graphql-js: "Int => Int! with non-null default value"
TEST(VariablesInAllowedPositionTest, IntIntoNonNullIntWithDefault) {
  EXPECT_EQ(RuleErrors(MakeVariablesInAllowedPositionRule, R"graphql(
      query Query($intVar: Int = 1) {
        complicatedArgs {
          nonNullIntArgField(nonNullIntArg: $intVar)
        }
      }
)graphql"),
            Errors{});
}

// graphql-js: "[String] => [String]"
TEST(VariablesInAllowedPositionTest, StringListIntoStringList) {
  EXPECT_EQ(RuleErrors(MakeVariablesInAllowedPositionRule, R"graphql(
      query Query($stringListVar: [String])
      {
        complicatedArgs {
          stringListArgField(stringListArg: $stringListVar)
        }
      }
)graphql"),
            Errors{});
}

// graphql-js: "[String!] => [String]"
TEST(VariablesInAllowedPositionTest, NonNullStringListIntoStringList) {
  EXPECT_EQ(RuleErrors(MakeVariablesInAllowedPositionRule, R"graphql(
      query Query($stringListVar: [String!])
      {
        complicatedArgs {
          stringListArgField(stringListArg: $stringListVar)
        }
      }
)graphql"),
            Errors{});
}

// graphql-js: "String => [String] in item position"
TEST(VariablesInAllowedPositionTest, StringIntoStringListInItemPosition) {
  EXPECT_EQ(RuleErrors(MakeVariablesInAllowedPositionRule, R"graphql(
      query Query($stringVar: String)
      {
        complicatedArgs {
          stringListArgField(stringListArg: [$stringVar])
        }
      }
)graphql"),
            Errors{});
}

// graphql-js: "ComplexInput => ComplexInput"
TEST(VariablesInAllowedPositionTest, ComplexInputIntoComplexInput) {
  EXPECT_EQ(RuleErrors(MakeVariablesInAllowedPositionRule, R"graphql(
      query Query($complexVar: ComplexInput)
      {
        complicatedArgs {
          complexArgField(complexArg: $complexVar)
        }
      }
)graphql"),
            Errors{});
}

// graphql-js: "Boolean! => Boolean! in directive"
TEST(VariablesInAllowedPositionTest, NonNullBooleanIntoNonNullBooleanInDirective) {
  EXPECT_EQ(RuleErrors(MakeVariablesInAllowedPositionRule, R"graphql(
      query Query($boolVar: Boolean!)
      {
        dog @include(if: $boolVar)
      }
)graphql"),
            Errors{});
}

// graphql-js: "Int => Int!"
TEST(VariablesInAllowedPositionTest, IntIntoNonNullInt) {
  EXPECT_EQ(RuleErrors(MakeVariablesInAllowedPositionRule, R"graphql(
      query Query($intArg: Int) {
        complicatedArgs {
          nonNullIntArgField(nonNullIntArg: $intArg)
        }
      }
)graphql"),
            (Errors{
                "Variable \"$intArg\" of type \"Int\" used in position expecting type \"Int!\". "
                "@2:19,4:45",
            }));
}

// graphql-js: "Int => Int! within fragment"
TEST(VariablesInAllowedPositionTest, IntIntoNonNullIntWithinFragment) {
  EXPECT_EQ(RuleErrors(MakeVariablesInAllowedPositionRule, R"graphql(
      fragment nonNullIntArgFieldFrag on ComplicatedArgs {
        nonNullIntArgField(nonNullIntArg: $intArg)
      }

      query Query($intArg: Int) {
        complicatedArgs {
          ...nonNullIntArgFieldFrag
        }
      }
)graphql"),
            (Errors{
                "Variable \"$intArg\" of type \"Int\" used in position expecting type \"Int!\". "
                "@6:19,3:43",
            }));
}

// graphql-js: "Int => Int! within nested fragment"
TEST(VariablesInAllowedPositionTest, IntIntoNonNullIntWithinNestedFragment) {
  EXPECT_EQ(RuleErrors(MakeVariablesInAllowedPositionRule, R"graphql(
      fragment outerFrag on ComplicatedArgs {
        ...nonNullIntArgFieldFrag
      }

      fragment nonNullIntArgFieldFrag on ComplicatedArgs {
        nonNullIntArgField(nonNullIntArg: $intArg)
      }

      query Query($intArg: Int) {
        complicatedArgs {
          ...outerFrag
        }
      }
)graphql"),
            (Errors{
                "Variable \"$intArg\" of type \"Int\" used in position expecting type \"Int!\". "
                "@10:19,7:43",
            }));
}

// graphql-js: "String over Boolean"
TEST(VariablesInAllowedPositionTest, StringOverBoolean) {
  EXPECT_EQ(RuleErrors(MakeVariablesInAllowedPositionRule, R"graphql(
      query Query($stringVar: String) {
        complicatedArgs {
          booleanArgField(booleanArg: $stringVar)
        }
      }
)graphql"),
            (Errors{
                "Variable \"$stringVar\" of type \"String\" used in position expecting type "
                "\"Boolean\". @2:19,4:39",
            }));
}

// graphql-js: "String => [String]"
TEST(VariablesInAllowedPositionTest, StringIntoStringList) {
  EXPECT_EQ(RuleErrors(MakeVariablesInAllowedPositionRule, R"graphql(
      query Query($stringVar: String) {
        complicatedArgs {
          stringListArgField(stringListArg: $stringVar)
        }
      }
)graphql"),
            (Errors{
                "Variable \"$stringVar\" of type \"String\" used in position expecting type "
                "\"[String]\". @2:19,4:45",
            }));
}

// graphql-js: "Boolean => Boolean! in directive"
TEST(VariablesInAllowedPositionTest, BooleanIntoNonNullBooleanInDirective) {
  EXPECT_EQ(RuleErrors(MakeVariablesInAllowedPositionRule, R"graphql(
      query Query($boolVar: Boolean) {
        dog @include(if: $boolVar)
      }
)graphql"),
            (Errors{
                "Variable \"$boolVar\" of type \"Boolean\" used in position expecting type "
                "\"Boolean!\". @2:19,3:26",
            }));
}

// graphql-js: "String => Boolean! in directive"
TEST(VariablesInAllowedPositionTest, StringIntoNonNullBooleanInDirective) {
  EXPECT_EQ(RuleErrors(MakeVariablesInAllowedPositionRule, R"graphql(
      query Query($stringVar: String) {
        dog @include(if: $stringVar)
      }
)graphql"),
            (Errors{
                "Variable \"$stringVar\" of type \"String\" used in position expecting type "
                "\"Boolean!\". @2:19,3:26",
            }));
}

// graphql-js: "[String] => [String!]"
TEST(VariablesInAllowedPositionTest, StringListIntoNonNullStringList) {
  EXPECT_EQ(RuleErrors(MakeVariablesInAllowedPositionRule, R"graphql(
      query Query($stringListVar: [String])
      {
        complicatedArgs {
          stringListNonNullArgField(stringListNonNullArg: $stringListVar)
        }
      }
)graphql"),
            (Errors{
                "Variable \"$stringListVar\" of type \"[String]\" used in position expecting type "
                "\"[String!]\". @2:19,5:59",
            }));
}

// graphql-js: "Int => Int! fails when variable provides null default value"
TEST(VariablesInAllowedPositionTest, IntIntoNonNullIntFailsWhenVariableProvidesNullDefault) {
  EXPECT_EQ(RuleErrors(MakeVariablesInAllowedPositionRule, R"graphql(
      query Query($intVar: Int = null) {
        complicatedArgs {
          nonNullIntArgField(nonNullIntArg: $intVar)
        }
      }
)graphql"),
            (Errors{
                "Variable \"$intVar\" of type \"Int\" used in position expecting type \"Int!\". "
                "@2:19,4:45",
            }));
}

// graphql-js: "Int => Int! when optional argument provides default value"
TEST(VariablesInAllowedPositionTest, IntIntoNonNullIntWhenFieldHasDefault) {
  EXPECT_EQ(RuleErrors(MakeVariablesInAllowedPositionRule, R"graphql(
      query Query($intVar: Int) {
        complicatedArgs {
          nonNullFieldWithDefault(arg: $intVar)
        }
      }
)graphql"),
            Errors{});
}

// an input field with a default accepts a nullable variable
TEST(VariablesInAllowedPositionTest, BooleanIntoNonNullBooleanInInputFieldWithDefault) {
  EXPECT_EQ(RuleErrors(MakeVariablesInAllowedPositionRule, R"graphql(
      query Query($b: Boolean) {
        complicatedArgs {
          complexArgField(complexArg: { requiredField: true, nonNullField: $b })
        }
      }
)graphql"),
            Errors{});
}

// each operation checks its own definition of the variable
TEST(VariablesInAllowedPositionTest, VariableUsedInTwoOperations) {
  EXPECT_EQ(
      RuleErrors(MakeVariablesInAllowedPositionRule, R"graphql(
      query A($v: Int) { complicatedArgs { nonNullIntArgField(nonNullIntArg: $v) } }
      query B($v: Int!) { complicatedArgs { nonNullIntArgField(nonNullIntArg: $v) } }
)graphql"),
      (Errors{
          "Variable \"$v\" of type \"Int\" used in position expecting type \"Int!\". @2:15,2:78",
      }));
}

// spec §5.8.5 counter-examples (intCannotGoIntoBoolean, booleanListCannotGoIntoBoolean,
// booleanArgQuery, listToNonNullList)
TEST(VariablesInAllowedPositionTest, SpecCounterExamples) {
  EXPECT_EQ(RuleErrors(MakeVariablesInAllowedPositionRule, R"graphql(
query intCannotGoIntoBoolean($intArg: Int) {
  arguments {
    booleanArgField(booleanArg: $intArg)
  }
}

query booleanListCannotGoIntoBoolean($booleanListArg: [Boolean]) {
  arguments {
    booleanArgField(booleanArg: $booleanListArg)
  }
}

query booleanArgQuery($booleanArg: Boolean) {
  arguments {
    nonNullBooleanArgField(nonNullBooleanArg: $booleanArg)
  }
}

query listToNonNullList($booleanList: [Boolean]) {
  arguments {
    nonNullBooleanListField(nonNullBooleanListArg: $booleanList)
  }
}
)graphql",
                       SpecExampleSchema()),
            (Errors{
                "Variable \"$intArg\" of type \"Int\" used in position expecting type \"Boolean\". "
                "@2:30,4:33",
                "Variable \"$booleanListArg\" of type \"[Boolean]\" used in position expecting "
                "type \"Boolean\". @8:38,10:33",
                "Variable \"$booleanArg\" of type \"Boolean\" used in position expecting type "
                "\"Boolean!\". @14:23,16:47",
                "Variable \"$booleanList\" of type \"[Boolean]\" used in position expecting type "
                "\"[Boolean]!\". @20:25,22:52",
            }));
}

// spec §5.8.5 examples (nonNullListToList, booleanArgQueryWithDefault)
TEST(VariablesInAllowedPositionTest, SpecExamples) {
  EXPECT_EQ(RuleErrors(MakeVariablesInAllowedPositionRule, R"graphql(
query nonNullListToList($nonNullBooleanList: [Boolean]!) {
  arguments {
    booleanListArgField(booleanListArg: $nonNullBooleanList)
  }
}

query booleanArgQueryWithDefault($booleanArg: Boolean) {
  arguments {
    optionalNonNullBooleanArgField(optionalBooleanArg: $booleanArg)
  }
}

query booleanArgQueryWithDefault2($booleanArg: Boolean = true) {
  arguments {
    nonNullBooleanArgField(nonNullBooleanArg: $booleanArg)
  }
}
)graphql",
                       SpecExampleSchema()),
            Errors{});
}

}  // namespace
}  // namespace junction::graphql::validation
