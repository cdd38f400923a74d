// Tests of the SingleFieldSubscriptions rule (single_field_subscriptions.cc; spec §5.2.3.1 Single
// root field): graphql-js 16's SingleFieldSubscriptionsRule-test cases and the spec's examples,
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

// graphql-js: "valid subscription"
TEST(SingleFieldSubscriptionsTest, ValidSubscription) {
  EXPECT_EQ(RuleErrors(MakeSingleFieldSubscriptionsRule, R"graphql(
      subscription ImportantEmails {
        importantEmails
      }
)graphql"),
            Errors{});
}

// graphql-js: "valid subscription with fragment"
TEST(SingleFieldSubscriptionsTest, ValidSubscriptionWithFragment) {
  EXPECT_EQ(RuleErrors(MakeSingleFieldSubscriptionsRule, R"graphql(
      subscription sub {
        ...newMessageFields
      }

      fragment newMessageFields on SubscriptionRoot {
        newMessage {
          body
          sender
        }
      }
)graphql"),
            Errors{});
}

// graphql-js: "valid subscription with fragment and field"
TEST(SingleFieldSubscriptionsTest, ValidSubscriptionWithFragmentAndField) {
  EXPECT_EQ(RuleErrors(MakeSingleFieldSubscriptionsRule, R"graphql(
      subscription sub {
        newMessage {
          body
        }
        ...newMessageFields
      }

      fragment newMessageFields on SubscriptionRoot {
        newMessage {
          body
          sender
        }
      }
)graphql"),
            Errors{});
}

// graphql-js: "fails with more than one root field"
TEST(SingleFieldSubscriptionsTest, FailsWithMoreThanOneRootField) {
  EXPECT_EQ(RuleErrors(MakeSingleFieldSubscriptionsRule, R"graphql(
      subscription ImportantEmails {
        importantEmails
        notImportantEmails
      }
)graphql"),
            (Errors{
                "Subscription \"ImportantEmails\" must select only one top level field. @4:9",
            }));
}

// graphql-js: "fails with more than one root field including introspection"
TEST(SingleFieldSubscriptionsTest, FailsWithMoreThanOneRootFieldIncludingIntrospection) {
  EXPECT_EQ(RuleErrors(MakeSingleFieldSubscriptionsRule, R"graphql(
      subscription ImportantEmails {
        importantEmails
        __typename
      }
)graphql"),
            (Errors{
                "Subscription \"ImportantEmails\" must select only one top level field. @4:9",
                "Subscription \"ImportantEmails\" must not select an introspection top level "
                "field. @4:9",
            }));
}

// graphql-js: "fails with more than one root field including aliased introspection via fragment"
TEST(SingleFieldSubscriptionsTest,
     FailsWithMoreThanOneRootFieldIncludingAliasedIntrospectionViaFragment) {
  EXPECT_EQ(RuleErrors(MakeSingleFieldSubscriptionsRule, R"graphql(
      subscription ImportantEmails {
        importantEmails
        ...Introspection
      }
      fragment Introspection on SubscriptionRoot {
        typename: __typename
      }
)graphql"),
            (Errors{
                "Subscription \"ImportantEmails\" must select only one top level field. @7:9",
                "Subscription \"ImportantEmails\" must not select an introspection top level "
                "field. @7:9",
            }));
}

// graphql-js: "fails with many more than one root field"
TEST(SingleFieldSubscriptionsTest, FailsWithManyMoreThanOneRootField) {
  EXPECT_EQ(RuleErrors(MakeSingleFieldSubscriptionsRule, R"graphql(
      subscription ImportantEmails {
        importantEmails
        notImportantEmails
        spamEmails
      }
)graphql"),
            (Errors{
                "Subscription \"ImportantEmails\" must select only one top level field. @4:9,5:9",
            }));
}

// graphql-js: "fails with many more than one root field via fragments"
TEST(SingleFieldSubscriptionsTest, FailsWithManyMoreThanOneRootFieldViaFragments) {
  EXPECT_EQ(RuleErrors(MakeSingleFieldSubscriptionsRule, R"graphql(
      subscription ImportantEmails {
        importantEmails
        ... {
          more: moreImportantEmails
        }
        ...NotImportantEmails
      }
      fragment NotImportantEmails on SubscriptionRoot {
        notImportantEmails
        deleted: deletedEmails
        ...SpamEmails
      }
      fragment SpamEmails on SubscriptionRoot {
        spamEmails
      }
)graphql"),
            (Errors{
                "Subscription \"ImportantEmails\" must select only one top level field. "
                "@5:11,10:9,11:9,15:9",
            }));
}

// graphql-js: "does not infinite loop on recursive fragments"
TEST(SingleFieldSubscriptionsTest, DoesNotInfiniteLoopOnRecursiveFragments) {
  EXPECT_EQ(RuleErrors(MakeSingleFieldSubscriptionsRule, R"graphql(
      subscription NoInfiniteLoop {
        ...A
      }
      fragment A on SubscriptionRoot {
        ...A
      }
)graphql"),
            Errors{});
}

// graphql-js: "fails with many more than one root field via fragments (anonymous)"
TEST(SingleFieldSubscriptionsTest, FailsWithManyMoreThanOneRootFieldViaFragmentsAnonymous) {
  EXPECT_EQ(RuleErrors(MakeSingleFieldSubscriptionsRule, R"graphql(
      subscription {
        importantEmails
        ... {
          more: moreImportantEmails
          ...NotImportantEmails
        }
        ...NotImportantEmails
      }
      fragment NotImportantEmails on SubscriptionRoot {
        notImportantEmails
        deleted: deletedEmails
        ... {
          ... {
            archivedEmails
          }
        }
        ...SpamEmails
      }
      fragment SpamEmails on SubscriptionRoot {
        spamEmails
        ...NonExistentFragment
      }
)graphql"),
            (Errors{
                "Anonymous Subscription must select only one top level field. "
                "@5:11,11:9,12:9,15:13,21:9",
            }));
}

// graphql-js: "fails with more than one root field in anonymous subscriptions"
TEST(SingleFieldSubscriptionsTest, FailsWithMoreThanOneRootFieldInAnonymousSubscriptions) {
  EXPECT_EQ(RuleErrors(MakeSingleFieldSubscriptionsRule, R"graphql(
      subscription {
        importantEmails
        notImportantEmails
      }
)graphql"),
            (Errors{
                "Anonymous Subscription must select only one top level field. @4:9",
            }));
}

// graphql-js: "fails with introspection field"
TEST(SingleFieldSubscriptionsTest, FailsWithIntrospectionField) {
  EXPECT_EQ(RuleErrors(MakeSingleFieldSubscriptionsRule, R"graphql(
      subscription ImportantEmails {
        __typename
      }
)graphql"),
            (Errors{
                "Subscription \"ImportantEmails\" must not select an introspection top level "
                "field. @3:9",
            }));
}

// graphql-js: "fails with introspection field in anonymous subscription"
TEST(SingleFieldSubscriptionsTest, FailsWithIntrospectionFieldInAnonymousSubscription) {
  EXPECT_EQ(RuleErrors(MakeSingleFieldSubscriptionsRule, R"graphql(
      subscription {
        __typename
      }
)graphql"),
            (Errors{
                "Anonymous Subscription must not select an introspection top level field. @3:9",
            }));
}

// graphql-js: "skips if not subscription type" (a query is not checked)
TEST(SingleFieldSubscriptionsTest, SkipsIfNotSubscriptionType) {
  EXPECT_EQ(RuleErrors(MakeSingleFieldSubscriptionsRule, R"graphql(
      query {
        dog { name }
        cat { name }
      }
)graphql"),
            Errors{});
}

// fields excluded by literal @skip/@include do not count
TEST(SingleFieldSubscriptionsTest, LiteralSkipAndIncludeApply) {
  EXPECT_EQ(RuleErrors(MakeSingleFieldSubscriptionsRule, R"graphql(
      subscription Sub {
        importantEmails
        notImportantEmails @skip(if: true)
        spamEmails @include(if: false)
        ... on SubscriptionRoot @skip(if: true) { deletedEmails }
      }
)graphql"),
            Errors{});
}

// an inline fragment on a type other than the root does not apply
TEST(SingleFieldSubscriptionsTest, FragmentOnOtherTypeDoesNotApply) {
  EXPECT_EQ(RuleErrors(MakeSingleFieldSubscriptionsRule, R"graphql(
      subscription Sub {
        importantEmails
        ... on Dog { name }
      }
)graphql"),
            Errors{});
}

// spec §5.2.3.1 counter-example (disallowedSecondRootField)
TEST(SingleFieldSubscriptionsTest, SpecCounterExampleSecondRootField) {
  EXPECT_EQ(RuleErrors(MakeSingleFieldSubscriptionsRule, R"graphql(
subscription sub {
  newMessage {
    body
    sender
  }
  disallowedSecondRootField
}
)graphql",
                       SpecExampleSchema()),
            (Errors{
                "Subscription \"sub\" must select only one top level field. @7:3",
            }));
}

// spec §5.2.3.1 counter-example (multipleSubscriptions fragment)
TEST(SingleFieldSubscriptionsTest, SpecCounterExampleViaFragment) {
  EXPECT_EQ(RuleErrors(MakeSingleFieldSubscriptionsRule, R"graphql(
subscription sub {
  ...multipleSubscriptions
}

fragment multipleSubscriptions on Subscription {
  newMessage {
    body
    sender
  }
  disallowedSecondRootField
}
)graphql",
                       SpecExampleSchema()),
            (Errors{
                "Subscription \"sub\" must select only one top level field. @11:3",
            }));
}

// spec §5.2.3.1 counter-example (__typename root field)
TEST(SingleFieldSubscriptionsTest, SpecCounterExampleTypename) {
  EXPECT_EQ(RuleErrors(MakeSingleFieldSubscriptionsRule, R"graphql(
subscription sub {
  __typename
}
)graphql",
                       SpecExampleSchema()),
            (Errors{
                "Subscription \"sub\" must not select an introspection top level field. @3:3",
            }));
}

}  // namespace
}  // namespace junction::graphql::validation
