#include "common/json_cursor.h"

#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace junction {
namespace {

// Reads an object's members as (key, value text) pairs.
std::vector<std::pair<std::string, std::string>> Members(std::string_view text) {
  JsonCursor in(text);
  EXPECT_TRUE(in.BeginObject());
  std::vector<std::pair<std::string, std::string>> members;
  bool first = true;
  for (;;) {
    auto key = in.NextKey(&first);
    EXPECT_TRUE(key.has_value());
    if (!key.has_value() || !key->has_value()) break;
    auto value = in.Value();
    EXPECT_TRUE(value.has_value());
    if (!value.has_value()) break;
    members.emplace_back(std::string(**key), std::string(*value));
  }
  EXPECT_TRUE(in.AtEnd());
  return members;
}

TEST(JsonCursorTest, ReadsMembersAndHandsBackValueText) {
  const auto members =
      Members(R"( {"id": 1, "name":"a \"b\" ]}", "tags" : [ "x", {"y": [1, 2]} ], "n" :null,)"
              R"( "f":-1.5e3, "t":true, "o":{}} )");
  ASSERT_EQ(members.size(), 7u);
  EXPECT_EQ(members[0], std::make_pair(std::string("id"), std::string("1")));
  EXPECT_EQ(members[1].second, R"("a \"b\" ]}")");
  EXPECT_EQ(members[2].second, R"([ "x", {"y": [1, 2]} ])");
  EXPECT_EQ(members[3].second, "null");
  EXPECT_EQ(members[4].second, "-1.5e3");
  EXPECT_EQ(members[5].second, "true");
  EXPECT_EQ(members[6].second, "{}");
}

TEST(JsonCursorTest, WalksArrayElements) {
  JsonCursor in(R"([1, [2, 3], "4"])");
  ASSERT_TRUE(in.BeginArray());
  std::vector<std::string> elements;
  bool first = true;
  for (;;) {
    auto more = in.NextElement(&first);
    ASSERT_TRUE(more.has_value());
    if (!*more) break;
    auto value = in.Value();
    ASSERT_TRUE(value.has_value());
    elements.emplace_back(*value);
  }
  EXPECT_EQ(elements, (std::vector<std::string>{"1", "[2, 3]", "\"4\""}));
  EXPECT_TRUE(in.AtEnd());
}

TEST(JsonCursorTest, EmptyContainers) {
  JsonCursor object("{}");
  ASSERT_TRUE(object.BeginObject());
  bool first = true;
  auto key = object.NextKey(&first);
  ASSERT_TRUE(key.has_value());
  EXPECT_FALSE(key->has_value());
  JsonCursor array("[ ]");
  ASSERT_TRUE(array.BeginArray());
  first = true;
  auto more = array.NextElement(&first);
  ASSERT_TRUE(more.has_value());
  EXPECT_FALSE(*more);
}

TEST(JsonCursorTest, MalformedTextIsAnErrorNotACrash) {
  for (std::string_view text : {R"({"a" 1})", R"({"a":1 "b":2})", R"("unterminated)", R"([1, [2)",
                                R"({"a)", "", R"({"a":})"}) {
    JsonCursor in(text);
    bool failed = false;
    if (in.BeginObject()) {
      bool first = true;
      for (int i = 0; i < 4 && !failed; ++i) {
        auto key = in.NextKey(&first);
        if (!key.has_value()) {
          failed = true;
        } else if (!key->has_value()) {
          break;
        } else {
          failed = !in.Value().has_value();
        }
      }
    } else {
      failed = !in.Value().has_value();
    }
    EXPECT_TRUE(failed) << text;
  }
}

}  // namespace
}  // namespace junction
