// CheckLimits tests: selection depth (through fragments, safe on cycles and long fragment
// chains) and aliased-field counts (each fragment once), with the errors a client sees.

#include "graphql/limits.h"

#include <gtest/gtest.h>

#include <string>

#include "graphql/parser.h"

namespace junction::graphql {
namespace {

Document MustParse(std::string_view source) {
  Result<Document> document = Parse(source);
  if (!document) {
    ADD_FAILURE() << "parse failed: " << document.error().message;
    return {};
  }
  return std::move(*document);
}

// "ok", or the error's message.
std::string Check(std::string_view source, const QueryLimits& limits) {
  Status status = CheckLimits(MustParse(source), limits);
  return status ? "ok" : status.error().message;
}

TEST(LimitsTest, DepthCountsNestedFields) {
  // a → b → c: depth 3. Inline fragments add no depth.
  const std::string query = "{ a { b { ... on T { c } } } d }";
  EXPECT_EQ(Check(query, {.max_depth = 3}), "ok");
  EXPECT_EQ(Check(query, {.max_depth = 2}), "The query is nested 3 levels deep; the limit is 2.");
  EXPECT_EQ(Check("mutation M { a { b } }", {.max_depth = 1}),
            "The mutation \"M\" is nested 2 levels deep; the limit is 1.");
}

TEST(LimitsTest, DepthFollowsFragments) {
  const std::string query =
      "query Q { a { ...F } }\n"
      "fragment F on T { b { ...G } c }\n"
      "fragment G on T { d { e } }";
  // a → b → d → e
  EXPECT_EQ(Check(query, {.max_depth = 4}), "ok");
  EXPECT_EQ(Check(query, {.max_depth = 3}),
            "The query \"Q\" is nested 4 levels deep; the limit is 3.");
}

TEST(LimitsTest, ErrorIsValidationFailedAtTheOperation) {
  Status status =
      CheckLimits(MustParse("{ ok }\n\n  subscription S { a { b } }"), {.max_depth = 1});
  ASSERT_FALSE(status);
  EXPECT_EQ(status.error().code, ErrorCode::kValidationFailed);
  ASSERT_EQ(status.error().locations.size(), 1u);
  EXPECT_EQ(status.error().locations[0], (SourceLocation{3, 3}));
}

TEST(LimitsTest, FragmentCyclesAndUnknownFragmentsTerminate) {
  // Invalid documents (validation reports the cycle), but CheckLimits runs first and must end.
  EXPECT_EQ(Check("{ ...A } fragment A on T { a { ...B } } fragment B on T { b { ...A } }",
                  {.max_depth = 2}),
            "ok");
  EXPECT_EQ(Check("{ ...A } fragment A on T { a { ...B } } fragment B on T { b { ...A } }",
                  {.max_depth = 1}),
            "The query is nested 2 levels deep; the limit is 1.");
  EXPECT_EQ(Check("{ ...Self } fragment Self on T { x { ...Self } }", {.max_depth = 1}), "ok");
  EXPECT_EQ(Check("{ a { ...Missing } }", {.max_depth = 1}), "ok");
}

TEST(LimitsTest, LongFragmentChainsDoNotExhaustTheStack) {
  // 20,000 fragments, each spreading the next inside one field: depth 20,000.
  std::string document = "{ ...F0 }\n";
  constexpr int kFragments = 20'000;
  for (int i = 0; i < kFragments; ++i) {
    document += "fragment F" + std::to_string(i) + " on T { f";
    if (i + 1 < kFragments) document += " { ...F" + std::to_string(i + 1) + " }";
    document += " }\n";
  }
  Result<Document> parsed = Parse(document, {.max_tokens = 1'000'000});
  ASSERT_TRUE(parsed) << parsed.error().message;
  Status status = CheckLimits(*parsed, {.max_depth = kFragments});
  EXPECT_TRUE(status) << status.error().message;
  status = CheckLimits(*parsed, {.max_depth = kFragments - 1});
  ASSERT_FALSE(status);
  EXPECT_EQ(status.error().message, "The query is nested 20000 levels deep; the limit is 19999.");
}

TEST(LimitsTest, WideFragmentReuseIsCheap) {
  // Each level spreads the next fragment twice: expanding it would visit 2^40 fields.
  std::string document = "{ ...F0 }\n";
  for (int i = 0; i < 40; ++i) {
    document += "fragment F" + std::to_string(i) + " on T { a: f { ...F" + std::to_string(i + 1) +
                " } b: f { ...F" + std::to_string(i + 1) + " } }\n";
  }
  document += "fragment F40 on T { leaf }";
  EXPECT_EQ(Check(document, {.max_depth = 41, .max_aliases = 80}), "ok");
  EXPECT_EQ(Check(document, {.max_depth = 40}),
            "The query is nested 41 levels deep; the limit is 40.");
}

TEST(LimitsTest, AliasesAreCountedOncePerFragment) {
  const std::string query =
      "query Q { x: a y: b ...F ...F ... on T { ...F z: c } }\n"
      "fragment F on T { p: a q: b }";
  // x, y, z in the operation; p, q once for F however often it is spread.
  EXPECT_EQ(Check(query, {.max_aliases = 5}), "ok");
  EXPECT_EQ(Check(query, {.max_aliases = 4}),
            "The query \"Q\" has 5 aliased fields; the limit is 4.");
}

TEST(LimitsTest, EachOperationIsCheckedOnItsOwn) {
  const std::string document =
      "query A { x: a }\nquery B { x: a y: b ...F }\nfragment F on T { z: c }";
  EXPECT_EQ(Check(document, {.max_aliases = 3}), "ok");
  EXPECT_EQ(Check(document, {.max_aliases = 2}),
            "The query \"B\" has 3 aliased fields; the limit is 2.");
}

TEST(LimitsTest, DefaultsAllowOrdinaryQueries) {
  EXPECT_TRUE(CheckLimits(MustParse("query { user(id: 1) { name friends { name } } }")));
  EXPECT_TRUE(CheckLimits(MustParse("type T { a: Int }")));
}

}  // namespace
}  // namespace junction::graphql
