// Tests of the UniqueOperationNames rule (unique_operation_names.cc; spec §5.2.1.1 Operation Name
// Uniqueness): graphql-js 16's UniqueOperationNamesRule-test cases and the spec's examples, each
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

// graphql-js: "no operations"
TEST(UniqueOperationNamesTest, NoOperations) {
  EXPECT_EQ(RuleErrors(MakeUniqueOperationNamesRule, R"graphql(
      fragment fragA on Type {
        field
      }
)graphql"),
            Errors{});
}

// graphql-js: "one anon operation"
TEST(UniqueOperationNamesTest, OneAnonOperation) {
  EXPECT_EQ(RuleErrors(MakeUniqueOperationNamesRule, R"graphql(
      {
        field
      }
)graphql"),
            Errors{});
}

// graphql-js: "multiple operations"
TEST(UniqueOperationNamesTest, MultipleOperations) {
  EXPECT_EQ(RuleErrors(MakeUniqueOperationNamesRule, R"graphql(
      query Foo {
        field
      }

      query Bar {
        field
      }
)graphql"),
            Errors{});
}

// graphql-js: "multiple operations of different types"
TEST(UniqueOperationNamesTest, MultipleOperationsOfDifferentTypes) {
  EXPECT_EQ(RuleErrors(MakeUniqueOperationNamesRule, R"graphql(
      query Foo {
        field
      }

      mutation Bar {
        field
      }

      subscription Baz {
        field
      }
)graphql"),
            Errors{});
}

// graphql-js: "fragment and operation named the same"
TEST(UniqueOperationNamesTest, FragmentAndOperationNamedTheSame) {
  EXPECT_EQ(RuleErrors(MakeUniqueOperationNamesRule, R"graphql(
      query Foo {
        ...Foo
      }
      fragment Foo on Type {
        field
      }
)graphql"),
            Errors{});
}

// graphql-js: "multiple operations of same name"
TEST(UniqueOperationNamesTest, MultipleOperationsOfSameName) {
  EXPECT_EQ(RuleErrors(MakeUniqueOperationNamesRule, R"graphql(
      query Foo {
        fieldA
      }
      query Foo {
        fieldB
      }
)graphql"),
            (Errors{
                "There can be only one operation named \"Foo\". @2:13,5:13",
            }));
}

// graphql-js: "multiple ops of same name of different types (mutation)"
TEST(UniqueOperationNamesTest, MultipleOpsOfSameNameOfDifferentTypesMutation) {
  EXPECT_EQ(RuleErrors(MakeUniqueOperationNamesRule, R"graphql(
      query Foo {
        fieldA
      }
      mutation Foo {
        fieldB
      }
)graphql"),
            (Errors{
                "There can be only one operation named \"Foo\". @2:13,5:16",
            }));
}

// graphql-js: "multiple ops of same name of different types (subscription)"
TEST(UniqueOperationNamesTest, MultipleOpsOfSameNameOfDifferentTypesSubscription) {
  EXPECT_EQ(RuleErrors(MakeUniqueOperationNamesRule, R"graphql(
      query Foo {
        fieldA
      }
      subscription Foo {
        fieldB
      }
)graphql"),
            (Errors{
                "There can be only one operation named \"Foo\". @2:13,5:20",
            }));
}

// spec §5.2.1.1 counter-example (query getName twice)
TEST(UniqueOperationNamesTest, SpecCounterExampleGetName) {
  EXPECT_EQ(RuleErrors(MakeUniqueOperationNamesRule, R"graphql(
query getName {
  dog {
    name
  }
}

query getName {
  dog {
    owner {
      name
    }
  }
}
)graphql",
                       SpecExampleSchema()),
            (Errors{
                "There can be only one operation named \"getName\". @2:7,8:7",
            }));
}

// every repeat is reported against the first
TEST(UniqueOperationNamesTest, ThreeOperationsOfSameName) {
  EXPECT_EQ(RuleErrors(MakeUniqueOperationNamesRule, R"graphql(
      query Foo { dog { name } }
      query Foo { dog { name } }
      query Foo { dog { name } }
)graphql"),
            (Errors{
                "There can be only one operation named \"Foo\". @2:13,3:13",
                "There can be only one operation named \"Foo\". @2:13,4:13",
            }));
}

}  // namespace
}  // namespace junction::graphql::validation
