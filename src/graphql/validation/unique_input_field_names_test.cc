// Tests of the UniqueInputFieldNames rule (unique_input_field_names.cc; spec §5.6.3 Input Object
// Field Uniqueness): graphql-js 16's UniqueInputFieldNamesRule-test cases and the spec's examples,
// each run through this rule alone. The expected errors are what graphql-js 16.8.2 reports for the
// same document and schema.

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "graphql/validation/test_harness.h"

namespace junction::graphql::validation {
namespace {

using testing::RuleErrors;
using testing::SpecExampleSchema;
using Errors = std::vector<std::string>;

// graphql-js: "input object with fields"
TEST(UniqueInputFieldNamesTest, InputObjectWithFields) {
  EXPECT_EQ(RuleErrors(MakeUniqueInputFieldNamesRule, R"graphql(
      {
        field(arg: { f: true })
      }
)graphql"),
            Errors{});
}

// graphql-js: "same input object within two args"
TEST(UniqueInputFieldNamesTest, SameInputObjectWithinTwoArgs) {
  EXPECT_EQ(RuleErrors(MakeUniqueInputFieldNamesRule, R"graphql(
      {
        field(arg1: { f: true }, arg2: { f: true })
      }
)graphql"),
            Errors{});
}

// graphql-js: "multiple input object fields"
TEST(UniqueInputFieldNamesTest, MultipleInputObjectFields) {
  EXPECT_EQ(RuleErrors(MakeUniqueInputFieldNamesRule, R"graphql(
      {
        field(arg: { f1: "value", f2: "value", f3: "value" })
      }
)graphql"),
            Errors{});
}

// graphql-js: "allows for nested input objects with similar fields"
TEST(UniqueInputFieldNamesTest, AllowsForNestedInputObjectsWithSimilarFields) {
  EXPECT_EQ(RuleErrors(MakeUniqueInputFieldNamesRule, R"graphql(
      {
        field(arg: {
          deep: {
            deep: {
              id: 1
            }
            id: 1
          }
          id: 1
        })
      }
)graphql"),
            Errors{});
}

// graphql-js: "duplicate input object fields"
TEST(UniqueInputFieldNamesTest, DuplicateInputObjectFields) {
  EXPECT_EQ(RuleErrors(MakeUniqueInputFieldNamesRule, R"graphql(
      {
        field(arg: { f1: "value", f1: "value" })
      }
)graphql"),
            (Errors{
                "There can be only one input field named \"f1\". @3:22,3:35",
            }));
}

// graphql-js: "many duplicate input object fields"
TEST(UniqueInputFieldNamesTest, ManyDuplicateInputObjectFields) {
  EXPECT_EQ(RuleErrors(MakeUniqueInputFieldNamesRule, R"graphql(
      {
        field(arg: { f1: "value", f1: "value", f1: "value" })
      }
)graphql"),
            (Errors{
                "There can be only one input field named \"f1\". @3:22,3:35",
                "There can be only one input field named \"f1\". @3:22,3:48",
            }));
}

// graphql-js: "nested duplicate input object fields"
TEST(UniqueInputFieldNamesTest, NestedDuplicateInputObjectFields) {
  EXPECT_EQ(RuleErrors(MakeUniqueInputFieldNamesRule, R"graphql(
      {
        field(arg: { f1: {f2: "value", f2: "value" }})
      }
)graphql"),
            (Errors{
                "There can be only one input field named \"f2\". @3:27,3:40",
            }));
}

// spec §5.6.3 counter-example (field: true, field: false)
TEST(UniqueInputFieldNamesTest, SpecCounterExample) {
  EXPECT_EQ(RuleErrors(MakeUniqueInputFieldNamesRule, R"graphql(
{
  field(arg: { field: true, field: false })
}
)graphql",
                       SpecExampleSchema()),
            (Errors{
                "There can be only one input field named \"field\". @3:16,3:29",
            }));
}

}  // namespace
}  // namespace junction::graphql::validation
