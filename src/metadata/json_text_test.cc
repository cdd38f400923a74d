#include "metadata/json_text.h"

#include <string>

#include <gtest/gtest.h>

namespace junction::metadata {
namespace {

TEST(JsonPathTest, SpellsPathsAsAeson) {
  EXPECT_EQ(JsonPathKey("$", "args"), "$.args");
  EXPECT_EQ(JsonPathIndex(JsonPathKey("$.args", "sources"), 2), "$.args.sources[2]");
  EXPECT_EQ(JsonPathKey("$", "my key"), "$['my key']");
  EXPECT_EQ(JsonPathKey("$", "it's"), R"($['it\'s'])");
  EXPECT_EQ(JsonPathKey("$", "1st"), "$['1st']");
  EXPECT_EQ(JsonPathKey("$", ""), "$['']");
}

TEST(JsonPathTest, RebasesNestedErrors) {
  Error error(ErrorCode::kParseFailed, "x", "$.sources[0].kind");
  EXPECT_EQ(RebasePath(error, "$.args.metadata").path, "$.args.metadata.sources[0].kind");
  EXPECT_EQ(RebasePath(Error(ErrorCode::kParseFailed, "x", "$"), "$.args").path, "$.args");
}

TEST(JsonPathTest, NamesTypesAsAeson) {
  EXPECT_EQ(JsonTypeName(Json::object()), "Object");
  EXPECT_EQ(JsonTypeName(Json::array()), "Array");
  EXPECT_EQ(JsonTypeName(Json("s")), "String");
  EXPECT_EQ(JsonTypeName(Json(1)), "Number");
  EXPECT_EQ(JsonTypeName(Json(1.5)), "Number");
  EXPECT_EQ(JsonTypeName(Json(true)), "Boolean");
  EXPECT_EQ(JsonTypeName(Json(nullptr)), "Null");
}

TEST(JsonTextTest, ParsesKeepingKeyOrder) {
  Result<Json> json = ParseJsonText(R"({"b":1,"a":[true,null,"x"]})");
  ASSERT_TRUE(json);
  EXPECT_EQ(DumpJson(*json), R"({"b":1,"a":[true,null,"x"]})");
}

TEST(JsonTextTest, EmptyBodyIsNotEnoughInput) {
  for (std::string_view text : {"", "  \n"}) {
    Result<Json> json = ParseJsonText(text);
    ASSERT_FALSE(json);
    EXPECT_EQ(json.error().code, ErrorCode::kInvalidJson);
    EXPECT_EQ(json.error().path, "$");
    EXPECT_EQ(json.error().message, "Error in $: not enough input");
  }
}

TEST(JsonTextTest, MalformedJsonSaysWhere) {
  Result<Json> json = ParseJsonText("{\"a\":\n  x}");
  ASSERT_FALSE(json);
  EXPECT_EQ(json.error().code, ErrorCode::kInvalidJson);
  EXPECT_EQ(json.error().path, "$");
  EXPECT_EQ(json.error().message.rfind("Error in $: line 2, column 3: syntax error", 0), 0u)
      << json.error().message;
}

TEST(JsonTextTest, NumbersOutOfRangeAreErrorsNotExceptions) {
  Result<Json> json = ParseJsonText("[1e999]");
  ASSERT_FALSE(json);
  EXPECT_EQ(json.error().code, ErrorCode::kInvalidJson);
}

TEST(JsonTextTest, RefusesDeepNestingBeforeParsing) {
  const std::string deep = std::string(100'000, '[') + std::string(100'000, ']');
  Result<Json> json = ParseJsonText(deep);
  ASSERT_FALSE(json);
  EXPECT_EQ(json.error().message, "Error in $: JSON is nested more than 512 levels deep");
  // Brackets inside strings do not count.
  const std::string quoted = "[\"" + std::string(1000, '[') + "\"]";
  EXPECT_TRUE(ParseJsonText(quoted));
  EXPECT_TRUE(ParseJsonText(std::string(512, '[') + std::string(512, ']')));
}

}  // namespace
}  // namespace junction::metadata
