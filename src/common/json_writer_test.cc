#include "common/json_writer.h"

#include <gtest/gtest.h>

namespace junction {
namespace {

TEST(JsonWriterTest, InsertsCommasBetweenMembersAndItems) {
  JsonWriter w;
  w.BeginObject();
  w.Key("a");
  w.Int(1);
  w.Key("b");
  w.BeginArray();
  w.Bool(true);
  w.Null();
  w.String("x");
  w.EndArray();
  w.Key("c");
  w.BeginObject();
  w.EndObject();
  w.EndObject();
  EXPECT_EQ(w.str(), R"({"a":1,"b":[true,null,"x"],"c":{}})");
}

TEST(JsonWriterTest, KeepsKeysInTheOrderWritten) {
  JsonWriter w;
  w.BeginObject();
  w.Key("z");
  w.Int(1);
  w.Key("a");
  w.Int(2);
  w.EndObject();
  EXPECT_EQ(w.str(), R"({"z":1,"a":2})");
}

TEST(JsonWriterTest, SplicesRawFragmentsAsValues) {
  JsonWriter w;
  w.BeginArray();
  w.Raw(R"({"id":1})");
  w.Raw("[2,3]");
  w.EndArray();
  EXPECT_EQ(w.str(), R"([{"id":1},[2,3]])");
}

TEST(JsonWriterTest, EscapesStringsAsRfc8259Requires) {
  JsonWriter w;
  w.String("q\"b\\n\n\t\x01\x1f/é");
  EXPECT_EQ(w.str(), "\"q\\\"b\\\\n\\n\\t\\u0001\\u001f/é\"");
}

TEST(JsonWriterTest, WritesShortestRoundTripDoublesAndNullForNonFinite) {
  JsonWriter w;
  w.BeginArray();
  w.Double(0.1);
  w.Double(2.5e-300);
  w.Double(1.0 / 0.0);
  w.EndArray();
  EXPECT_EQ(w.str(), "[0.1,2.5e-300,null]");
}

TEST(JsonWriterTest, WritesExtremeIntegers) {
  JsonWriter w;
  w.BeginArray();
  w.Int(INT64_MIN);
  w.Int(INT64_MAX);
  w.EndArray();
  EXPECT_EQ(w.str(), "[-9223372036854775808,9223372036854775807]");
}

}  // namespace
}  // namespace junction
