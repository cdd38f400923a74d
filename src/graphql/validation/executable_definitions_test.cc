// Tests of the ExecutableDefinitions rule (executable_definitions.cc; spec §5.1.1 Executable
// Definitions): graphql-js 16's ExecutableDefinitionsRule-test cases and the spec's examples, each
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

// graphql-js: "with only operation"
TEST(ExecutableDefinitionsTest, WithOnlyOperation) {
  EXPECT_EQ(RuleErrors(MakeExecutableDefinitionsRule, R"graphql(
      query Foo {
        dog {
          name
        }
      }
)graphql"),
            Errors{});
}

// graphql-js: "with operation and fragment"
TEST(ExecutableDefinitionsTest, WithOperationAndFragment) {
  EXPECT_EQ(RuleErrors(MakeExecutableDefinitionsRule, R"graphql(
      query Foo {
        dog {
          name
          ...Frag
        }
      }

      fragment Frag on Dog {
        name
      }
)graphql"),
            Errors{});
}

// graphql-js: "with type definition"
TEST(ExecutableDefinitionsTest, WithTypeDefinition) {
  EXPECT_EQ(RuleErrors(MakeExecutableDefinitionsRule, R"graphql(
      query Foo {
        dog {
          name
        }
      }

      type Cow {
        name: String
      }

      extend type Dog {
        color: String
      }
)graphql"),
            (Errors{
                "The \"Cow\" definition is not executable. @8:7",
                "The \"Dog\" definition is not executable. @12:7",
            }));
}

// graphql-js: "with schema definition"
TEST(ExecutableDefinitionsTest, WithSchemaDefinition) {
  EXPECT_EQ(RuleErrors(MakeExecutableDefinitionsRule, R"graphql(
      schema {
        query: Query
      }

      type Query {
        test: String
      }

      extend schema @directive
)graphql"),
            (Errors{
                "The schema definition is not executable. @2:7",
                "The \"Query\" definition is not executable. @6:7",
                "The schema definition is not executable. @10:7",
            }));
}

// spec §5.1.1 counter-example (getDogName + extend type Dog)
TEST(ExecutableDefinitionsTest, SpecCounterExampleTypeExtension) {
  EXPECT_EQ(RuleErrors(MakeExecutableDefinitionsRule, R"graphql(
query getDogName {
  dog {
    name
    color
  }
}

extend type Dog {
  color: String
}
)graphql",
                       SpecExampleSchema()),
            (Errors{
                "The \"Dog\" definition is not executable. @9:1",
            }));
}

// a directive definition in an executable document
TEST(ExecutableDefinitionsTest, DirectiveDefinitionIsNotExecutable) {
  EXPECT_EQ(RuleErrors(MakeExecutableDefinitionsRule, R"graphql(
      directive @cached(ttl: Int) on FIELD
      { dog { name } }
)graphql"),
            (Errors{
                "The \"cached\" definition is not executable. @2:7",
            }));
}

}  // namespace
}  // namespace junction::graphql::validation
