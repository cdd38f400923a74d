// Tests of the LoneAnonymousOperation rule (lone_anonymous_operation.cc; spec §5.2.2.1 Lone
// Anonymous Operation): graphql-js 16's LoneAnonymousOperationRule-test cases and the spec's
// examples, each run through this rule alone. The expected errors are what graphql-js 16.8.2
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

// graphql-js: "no operations"
TEST(LoneAnonymousOperationTest, NoOperations) {
  EXPECT_EQ(RuleErrors(MakeLoneAnonymousOperationRule, R"graphql(
      fragment fragA on Type {
        field
      }
)graphql"),
            Errors{});
}

// graphql-js: "one anon operation"
TEST(LoneAnonymousOperationTest, OneAnonOperation) {
  EXPECT_EQ(RuleErrors(MakeLoneAnonymousOperationRule, R"graphql(
      {
        field
      }
)graphql"),
            Errors{});
}

// graphql-js: "multiple named operations"
TEST(LoneAnonymousOperationTest, MultipleNamedOperations) {
  EXPECT_EQ(RuleErrors(MakeLoneAnonymousOperationRule, R"graphql(
      query Foo {
        field
      }

      query Bar {
        field
      }
)graphql"),
            Errors{});
}

// graphql-js: "anon operation with fragment"
TEST(LoneAnonymousOperationTest, AnonOperationWithFragment) {
  EXPECT_EQ(RuleErrors(MakeLoneAnonymousOperationRule, R"graphql(
      {
        ...Foo
      }
      fragment Foo on Type {
        field
      }
)graphql"),
            Errors{});
}

// graphql-js: "multiple anon operations"
TEST(LoneAnonymousOperationTest, MultipleAnonOperations) {
  EXPECT_EQ(RuleErrors(MakeLoneAnonymousOperationRule, R"graphql(
      {
        fieldA
      }
      {
        fieldB
      }
)graphql"),
            (Errors{
                "This anonymous operation must be the only defined operation. @2:7",
                "This anonymous operation must be the only defined operation. @5:7",
            }));
}

// graphql-js: "anon operation with a mutation"
TEST(LoneAnonymousOperationTest, AnonOperationWithAMutation) {
  EXPECT_EQ(RuleErrors(MakeLoneAnonymousOperationRule, R"graphql(
      {
        fieldA
      }
      mutation Foo {
        fieldB
      }
)graphql"),
            (Errors{
                "This anonymous operation must be the only defined operation. @2:7",
            }));
}

// graphql-js: "anon operation with a subscription"
TEST(LoneAnonymousOperationTest, AnonOperationWithASubscription) {
  EXPECT_EQ(RuleErrors(MakeLoneAnonymousOperationRule, R"graphql(
      {
        fieldA
      }
      subscription Foo {
        fieldB
      }
)graphql"),
            (Errors{
                "This anonymous operation must be the only defined operation. @2:7",
            }));
}

// spec §5.2.2.1 counter-example
TEST(LoneAnonymousOperationTest, SpecCounterExample) {
  EXPECT_EQ(RuleErrors(MakeLoneAnonymousOperationRule, R"graphql(
{
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
                "This anonymous operation must be the only defined operation. @2:1",
            }));
}

}  // namespace
}  // namespace junction::graphql::validation
