// Tests of the NoUndefinedVariables rule (no_undefined_variables.cc; spec §5.8.3 All Variable Uses
// Defined): graphql-js 16's NoUndefinedVariablesRule-test cases and the spec's examples, each run
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

// graphql-js: "all variables defined"
TEST(NoUndefinedVariablesTest, AllVariablesDefined) {
  EXPECT_EQ(RuleErrors(MakeNoUndefinedVariablesRule, R"graphql(
      query Foo($a: String, $b: String, $c: String) {
        field(a: $a, b: $b, c: $c)
      }
)graphql"),
            Errors{});
}

// graphql-js: "all variables deeply defined"
TEST(NoUndefinedVariablesTest, AllVariablesDeeplyDefined) {
  EXPECT_EQ(RuleErrors(MakeNoUndefinedVariablesRule, R"graphql(
      query Foo($a: String, $b: String, $c: String) {
        field(a: $a) {
          field(b: $b) {
            field(c: $c)
          }
        }
      }
)graphql"),
            Errors{});
}

// graphql-js: "all variables deeply in inline fragments defined"
TEST(NoUndefinedVariablesTest, AllVariablesDeeplyInInlineFragmentsDefined) {
  EXPECT_EQ(RuleErrors(MakeNoUndefinedVariablesRule, R"graphql(
      query Foo($a: String, $b: String, $c: String) {
        ... on Type {
          field(a: $a) {
            field(b: $b) {
              ... on Type {
                field(c: $c)
              }
            }
          }
        }
      }
)graphql"),
            Errors{});
}

// graphql-js: "all variables in fragments deeply defined"
TEST(NoUndefinedVariablesTest, AllVariablesInFragmentsDeeplyDefined) {
  EXPECT_EQ(RuleErrors(MakeNoUndefinedVariablesRule, R"graphql(
      query Foo($a: String, $b: String, $c: String) {
        ...FragA
      }
      fragment FragA on Type {
        field(a: $a) {
          ...FragB
        }
      }
      fragment FragB on Type {
        field(b: $b) {
          ...FragC
        }
      }
      fragment FragC on Type {
        field(c: $c)
      }
)graphql"),
            Errors{});
}

// graphql-js: "variable within single fragment defined in multiple operations"
TEST(NoUndefinedVariablesTest, VariableWithinSingleFragmentDefinedInMultipleOperations) {
  EXPECT_EQ(RuleErrors(MakeNoUndefinedVariablesRule, R"graphql(
      query Foo($a: String) {
        ...FragA
      }
      query Bar($a: String) {
        ...FragA
      }
      fragment FragA on Type {
        field(a: $a)
      }
)graphql"),
            Errors{});
}

// graphql-js: "variable within fragments defined in operations"
TEST(NoUndefinedVariablesTest, VariableWithinFragmentsDefinedInOperations) {
  EXPECT_EQ(RuleErrors(MakeNoUndefinedVariablesRule, R"graphql(
      query Foo($a: String) {
        ...FragA
      }
      query Bar($b: String) {
        ...FragB
      }
      fragment FragA on Type {
        field(a: $a)
      }
      fragment FragB on Type {
        field(b: $b)
      }
)graphql"),
            Errors{});
}

// graphql-js: "variable within recursive fragment defined"
TEST(NoUndefinedVariablesTest, VariableWithinRecursiveFragmentDefined) {
  EXPECT_EQ(RuleErrors(MakeNoUndefinedVariablesRule, R"graphql(
      query Foo($a: String) {
        ...FragA
      }
      fragment FragA on Type {
        field(a: $a) {
          ...FragA
        }
      }
)graphql"),
            Errors{});
}

// graphql-js: "variable not defined"
TEST(NoUndefinedVariablesTest, VariableNotDefined) {
  EXPECT_EQ(RuleErrors(MakeNoUndefinedVariablesRule, R"graphql(
      query Foo($a: String, $b: String, $c: String) {
        field(a: $a, b: $b, c: $c, d: $d)
      }
)graphql"),
            (Errors{
                "Variable \"$d\" is not defined by operation \"Foo\". @3:39,2:7",
            }));
}

// graphql-js: "variable not defined by un-named query"
TEST(NoUndefinedVariablesTest, VariableNotDefinedByUnNamedQuery) {
  EXPECT_EQ(RuleErrors(MakeNoUndefinedVariablesRule, R"graphql(
      {
        field(a: $a)
      }
)graphql"),
            (Errors{
                "Variable \"$a\" is not defined. @3:18,2:7",
            }));
}

// graphql-js: "multiple variables not defined"
TEST(NoUndefinedVariablesTest, MultipleVariablesNotDefined) {
  EXPECT_EQ(RuleErrors(MakeNoUndefinedVariablesRule, R"graphql(
      query Foo($b: String) {
        field(a: $a, b: $b, c: $c)
      }
)graphql"),
            (Errors{
                "Variable \"$a\" is not defined by operation \"Foo\". @3:18,2:7",
                "Variable \"$c\" is not defined by operation \"Foo\". @3:32,2:7",
            }));
}

// graphql-js: "variable in fragment not defined by un-named query"
TEST(NoUndefinedVariablesTest, VariableInFragmentNotDefinedByUnNamedQuery) {
  EXPECT_EQ(RuleErrors(MakeNoUndefinedVariablesRule, R"graphql(
      {
        ...FragA
      }
      fragment FragA on Type {
        field(a: $a)
      }
)graphql"),
            (Errors{
                "Variable \"$a\" is not defined. @6:18,2:7",
            }));
}

// graphql-js: "variable in fragment not defined by operation"
TEST(NoUndefinedVariablesTest, VariableInFragmentNotDefinedByOperation) {
  EXPECT_EQ(RuleErrors(MakeNoUndefinedVariablesRule, R"graphql(
      query Foo($a: String, $b: String) {
        ...FragA
      }
      fragment FragA on Type {
        field(a: $a) {
          ...FragB
        }
      }
      fragment FragB on Type {
        field(b: $b) {
          ...FragC
        }
      }
      fragment FragC on Type {
        field(c: $c)
      }
)graphql"),
            (Errors{
                "Variable \"$c\" is not defined by operation \"Foo\". @16:18,2:7",
            }));
}

// graphql-js: "multiple variables in fragments not defined"
TEST(NoUndefinedVariablesTest, MultipleVariablesInFragmentsNotDefined) {
  EXPECT_EQ(RuleErrors(MakeNoUndefinedVariablesRule, R"graphql(
      query Foo($b: String) {
        ...FragA
      }
      fragment FragA on Type {
        field(a: $a) {
          ...FragB
        }
      }
      fragment FragB on Type {
        field(b: $b) {
          ...FragC
        }
      }
      fragment FragC on Type {
        field(c: $c)
      }
)graphql"),
            (Errors{
                "Variable \"$a\" is not defined by operation \"Foo\". @6:18,2:7",
                "Variable \"$c\" is not defined by operation \"Foo\". @16:18,2:7",
            }));
}

// graphql-js: "single variable in fragment not defined by multiple operations"
TEST(NoUndefinedVariablesTest, SingleVariableInFragmentNotDefinedByMultipleOperations) {
  EXPECT_EQ(RuleErrors(MakeNoUndefinedVariablesRule, R"graphql(
      query Foo($a: String) {
        ...FragAB
      }
      query Bar($a: String) {
        ...FragAB
      }
      fragment FragAB on Type {
        field(a: $a, b: $b)
      }
)graphql"),
            (Errors{
                "Variable \"$b\" is not defined by operation \"Foo\". @9:25,2:7",
                "Variable \"$b\" is not defined by operation \"Bar\". @9:25,5:7",
            }));
}

// graphql-js: "variables in fragment not defined by multiple operations"
TEST(NoUndefinedVariablesTest, VariablesInFragmentNotDefinedByMultipleOperations) {
  EXPECT_EQ(RuleErrors(MakeNoUndefinedVariablesRule, R"graphql(
      query Foo($b: String) {
        ...FragAB
      }
      query Bar($a: String) {
        ...FragAB
      }
      fragment FragAB on Type {
        field(a: $a, b: $b)
      }
)graphql"),
            (Errors{
                "Variable \"$a\" is not defined by operation \"Foo\". @9:18,2:7",
                "Variable \"$b\" is not defined by operation \"Bar\". @9:25,5:7",
            }));
}

// graphql-js: "variable in fragment used by other operation"
TEST(NoUndefinedVariablesTest, VariableInFragmentUsedByOtherOperation) {
  EXPECT_EQ(RuleErrors(MakeNoUndefinedVariablesRule, R"graphql(
      query Foo($b: String) {
        ...FragA
      }
      query Bar($a: String) {
        ...FragB
      }
      fragment FragA on Type {
        field(a: $a)
      }
      fragment FragB on Type {
        field(b: $b)
      }
)graphql"),
            (Errors{
                "Variable \"$a\" is not defined by operation \"Foo\". @9:18,2:7",
                "Variable \"$b\" is not defined by operation \"Bar\". @12:18,5:7",
            }));
}

// graphql-js: "multiple undefined variables produce multiple errors"
TEST(NoUndefinedVariablesTest, MultipleUndefinedVariablesProduceMultipleErrors) {
  EXPECT_EQ(RuleErrors(MakeNoUndefinedVariablesRule, R"graphql(
      query Foo($b: String) {
        ...FragAB
      }
      query Bar($a: String) {
        ...FragAB
      }
      fragment FragAB on Type {
        field1(a: $a, b: $b)
        ...FragC
        field3(a: $a, b: $b)
      }
      fragment FragC on Type {
        field2(c: $c)
      }
)graphql"),
            (Errors{
                "Variable \"$a\" is not defined by operation \"Foo\". @9:19,2:7",
                "Variable \"$a\" is not defined by operation \"Foo\". @11:19,2:7",
                "Variable \"$c\" is not defined by operation \"Foo\". @14:19,2:7",
                "Variable \"$b\" is not defined by operation \"Bar\". @9:26,5:7",
                "Variable \"$b\" is not defined by operation \"Bar\". @11:26,5:7",
                "Variable \"$c\" is not defined by operation \"Bar\". @14:19,5:7",
            }));
}

// usages through fragments come in graphql-js 16.8's fragment order
TEST(NoUndefinedVariablesTest, FragmentOrderFollowsGraphqlJs) {
  EXPECT_EQ(RuleErrors(MakeNoUndefinedVariablesRule, R"graphql(
      query Q {
        ...A
        dog { ...B }
        ...C
      }
      fragment A on QueryRoot { a(x: $a) ...D }
      fragment B on Dog { b(x: $b) }
      fragment C on QueryRoot { c(x: $c) }
      fragment D on QueryRoot { d(x: $d) }
)graphql"),
            (Errors{
                "Variable \"$a\" is not defined by operation \"Q\". @7:38,2:7",
                "Variable \"$c\" is not defined by operation \"Q\". @9:38,2:7",
                "Variable \"$b\" is not defined by operation \"Q\". @8:32,2:7",
                "Variable \"$d\" is not defined by operation \"Q\". @10:38,2:7",
            }));
}

// variables in the operation's own directives are uses
TEST(NoUndefinedVariablesTest, VariableInDirectiveOfOperation) {
  EXPECT_EQ(RuleErrors(MakeNoUndefinedVariablesRule, R"graphql(
      query Q @skip(if: $cond) {
        dog { name }
      }
)graphql"),
            (Errors{
                "Variable \"$cond\" is not defined by operation \"Q\". @2:25,2:7",
            }));
}

// spec §5.8.3 counter-example (variableIsNotDefined)
TEST(NoUndefinedVariablesTest, SpecCounterExampleVariableIsNotDefined) {
  EXPECT_EQ(RuleErrors(MakeNoUndefinedVariablesRule, R"graphql(
query variableIsNotDefined {
  dog {
    isHouseTrained(atOtherHomes: $atOtherHomes)
  }
}
)graphql",
                       SpecExampleSchema()),
            (Errors{
                "Variable \"$atOtherHomes\" is not defined by operation \"variableIsNotDefined\". "
                "@4:34,2:1",
            }));
}

// spec §5.8.3 counter-example (variableIsNotDefinedUsedInNestedFragment)
TEST(NoUndefinedVariablesTest, SpecCounterExampleNestedFragment) {
  EXPECT_EQ(RuleErrors(MakeNoUndefinedVariablesRule, R"graphql(
query variableIsNotDefinedUsedInNestedFragment {
  dog {
    ...outerHouseTrainedFragment
  }
}

fragment outerHouseTrainedFragment on Dog {
  ...isHouseTrainedFragment
}

fragment isHouseTrainedFragment on Dog {
  isHouseTrained(atOtherHomes: $atOtherHomes)
}
)graphql",
                       SpecExampleSchema()),
            (Errors{
                "Variable \"$atOtherHomes\" is not defined by operation "
                "\"variableIsNotDefinedUsedInNestedFragment\". @13:32,2:1",
            }));
}

// spec §5.8.3 counter-example (houseTrainedQueryTwoNotDefined)
TEST(NoUndefinedVariablesTest, SpecCounterExampleHouseTrainedQueryTwoNotDefined) {
  EXPECT_EQ(RuleErrors(MakeNoUndefinedVariablesRule, R"graphql(
query houseTrainedQueryOne($atOtherHomes: Boolean) {
  dog {
    ...isHouseTrainedFragment
  }
}

query houseTrainedQueryTwoNotDefined {
  dog {
    ...isHouseTrainedFragment
  }
}

fragment isHouseTrainedFragment on Dog {
  isHouseTrained(atOtherHomes: $atOtherHomes)
}
)graphql",
                       SpecExampleSchema()),
            (Errors{
                "Variable \"$atOtherHomes\" is not defined by operation "
                "\"houseTrainedQueryTwoNotDefined\". @15:32,8:1",
            }));
}

}  // namespace
}  // namespace junction::graphql::validation
