#include "metadata/yaml.h"

#include <gtest/gtest.h>

namespace junction::metadata {
namespace {

Json Parse(std::string_view text) {
  Result<YamlDocument> document = ParseYaml(text);
  EXPECT_TRUE(document) << (document ? "" : document.error().message);
  return document ? document->value : Json();
}

TEST(ParseYamlTest, TypesPlainScalarsByTheCoreSchema) {
  const Json value = Parse(
      "a: ~\nb: null\nc:\nd: true\ne: False\nf: 42\ng: -7\nh: 0x1F\ni: 0o17\nj: 1.5\nk: .5\n"
      "l: 1e3\nm: yes\nn: on\no: 1:20\np: 2024-01-02\nq: hello world\n");
  EXPECT_EQ(value, Json::parse(R"({"a":null,"b":null,"c":null,"d":true,"e":false,"f":42,"g":-7,
      "h":31,"i":15,"j":1.5,"k":0.5,"l":1000.0,"m":"yes","n":"on","o":"1:20","p":"2024-01-02",
      "q":"hello world"})"));
}

TEST(ParseYamlTest, QuotedAndBlockScalarsAreStrings) {
  const Json value = Parse("a: 'true'\nb: \"42\"\nc: !!str 7\nd: |\n  line 1\n  line 2\ne: ''\n");
  EXPECT_EQ(value, Json::parse(R"({"a":"true","b":"42","c":"7","d":"line 1\nline 2\n","e":""})"));
}

TEST(ParseYamlTest, KeepsKeyOrder) {
  EXPECT_EQ(Parse("z: 1\na: 2\nm: 3\n").dump(), R"({"z":1,"a":2,"m":3})");
}

TEST(ParseYamlTest, IncludeTagBecomesHasurasIncludeString) {
  EXPECT_EQ(Parse("tables: !include default/tables/tables.yaml\n"),
            Json::parse(R"({"tables":"!include default/tables/tables.yaml"})"));
}

TEST(ParseYamlTest, RecordsWhereEachValueStarts) {
  Result<YamlDocument> document = ParseYaml("table:\n  name: order\nlist:\n  - a\n  - b: 1\n");
  ASSERT_TRUE(document);
  std::map<std::string, std::pair<uint32_t, uint32_t>> marks;
  for (const auto& [path, mark] : document->marks) marks[path] = {mark.line, mark.column};
  EXPECT_EQ(marks["$"], std::make_pair(1u, 1u));
  EXPECT_EQ(marks["$.table.name"], std::make_pair(2u, 9u));
  EXPECT_EQ(marks["$.list[0]"], std::make_pair(4u, 5u));
  EXPECT_EQ(marks["$.list[1].b"], std::make_pair(5u, 8u));
}

TEST(ParseYamlTest, SyntaxErrorsCarryTheirPosition) {
  Result<YamlDocument> document = ParseYaml("a: 1\nb: [1, 2\n");
  ASSERT_FALSE(document);
  EXPECT_EQ(document.error().code, ErrorCode::kParseFailed);
  ASSERT_EQ(document.error().locations.size(), 1u);
  EXPECT_GE(document.error().locations[0].line, 2u);
}

TEST(ParseYamlTest, RefusesDuplicateKeysAndUnknownTagsAndInfinity) {
  Result<YamlDocument> duplicate = ParseYaml("a: 1\na: 2\n");
  ASSERT_FALSE(duplicate);
  EXPECT_EQ(duplicate.error().message, "duplicate key \"a\"");
  EXPECT_EQ(duplicate.error().locations[0].line, 2u);
  EXPECT_FALSE(ParseYaml("a: !custom x\n"));
  EXPECT_FALSE(ParseYaml("a: .inf\n"));
  Result<YamlDocument> two = ParseYaml("a: 1\n---\nb: 2\n");
  ASSERT_FALSE(two);
  EXPECT_EQ(two.error().message, "expected one YAML document, found several");
}

TEST(ParseYamlTest, EmptyTextAndCommentsAreNull) {
  EXPECT_EQ(Parse(""), Json(nullptr));
  EXPECT_EQ(Parse("# nothing here\n"), Json(nullptr));
  Result<YamlDocument> document = ParseYaml("");
  ASSERT_TRUE(document);
  ASSERT_EQ(document->marks.size(), 1u);
  EXPECT_EQ(document->marks[0].first, "$");
}

TEST(EmitYamlTest, WritesHasuraCliLayout) {
  const Json value = Json::parse(R"({"table":{"name":"order","schema":"public"},
      "remote_relationships":[{"name":"user","definition":{"to_source":{"field_mapping":
      {"user_id":"id"},"lhs":[["a","b"],[]],"empty":{}}}}]})");
  EXPECT_EQ(EmitYaml(value),
            "table:\n"
            "  name: order\n"
            "  schema: public\n"
            "remote_relationships:\n"
            "  - name: user\n"
            "    definition:\n"
            "      to_source:\n"
            "        field_mapping:\n"
            "          user_id: id\n"
            "        lhs:\n"
            "          - - a\n"
            "            - b\n"
            "          - []\n"
            "        empty: {}\n");
  EXPECT_EQ(EmitYaml(Json::array()), "[]\n");
  EXPECT_EQ(EmitYaml(Json::object()), "{}\n");
  EXPECT_EQ(EmitYaml(Json::parse(R"(["!include public_t1.yaml"])")),
            "- \"!include public_t1.yaml\"\n");
}

TEST(EmitYamlTest, QuotesOnlyWhereNeeded) {
  const Json value = Json::parse(R"({"plain":"https://httpbin.org/post","star":"*",
      "bool":"true","legacy":"yes","int":"42","float":"1.5","date":"2024-01-02","empty":"",
      "null":"null","colon":"a: b","hash":"a #b","lead":" x","tab":"a\tb","quote":"it's",
      "dash":"- x","x-hasura-user-id":"X-Hasura-User-Id","sexagesimal":"1:20","number":7,
      "nothing":null,"yes":false,"$id":"$id","unicode":"café"})");
  EXPECT_EQ(EmitYaml(value),
            "plain: https://httpbin.org/post\n"
            "star: '*'\n"
            "bool: \"true\"\n"
            "legacy: \"yes\"\n"
            "int: \"42\"\n"
            "float: \"1.5\"\n"
            "date: \"2024-01-02\"\n"
            "empty: \"\"\n"
            "\"null\": \"null\"\n"
            "colon: 'a: b'\n"
            "hash: 'a #b'\n"
            "lead: ' x'\n"
            "tab: \"a\\tb\"\n"
            "quote: it's\n"
            "dash: '- x'\n"
            "x-hasura-user-id: X-Hasura-User-Id\n"
            "sexagesimal: \"1:20\"\n"
            "number: 7\n"
            "nothing: null\n"
            "\"yes\": false\n"
            "$id: $id\n"
            "unicode: café\n");
}

TEST(EmitYamlTest, MultiLineStringsAreLiteralBlocks) {
  const Json value = Json::parse(R"({"query":"query {\n  a\n}\n","body":"{\n\n  x\n}",
      "kept":"a\n\n","indented":"  a\nb","space_before_break":"a \nb",
      "items":["one\ntwo"]})");
  EXPECT_EQ(EmitYaml(value),
            "query: |\n"
            "  query {\n"
            "    a\n"
            "  }\n"
            "body: |-\n"
            "  {\n"
            "\n"
            "    x\n"
            "  }\n"
            "kept: |+\n"
            "  a\n"
            "\n"
            "indented: |2-\n"
            "    a\n"
            "  b\n"
            "space_before_break: \"a \\nb\"\n"
            "items:\n"
            "  - |-\n"
            "    one\n"
            "    two\n");
}

// The style of files Hasura's CLI wrote (its export tests' expected files).
TEST(EmitYamlTest, MatchesFilesHasurasCliWrites) {
  const Json table = Json::parse(R"({"table":{"schema":"public","name":"t1"},
      "insert_permissions":[{"role":"user","permission":{"check":{"id":{"_eq":"X-Hasura-User-Id"}},
        "columns":[],"backend_only":false}}],
      "event_triggers":[{"name":"artists","definition":{"enable_manual":false,
        "insert":{"columns":"*"}},"webhook":"https://httpbin.org/post","request_transform":{
        "body":"{\n  \"table\": {\n    \"name\": {{$body.table.name}}\n  }\n}",
        "query_params":{},"template_engine":"Kriti"}}]})");
  EXPECT_EQ(EmitYaml(table),
            "table:\n"
            "  schema: public\n"
            "  name: t1\n"
            "insert_permissions:\n"
            "  - role: user\n"
            "    permission:\n"
            "      check:\n"
            "        id:\n"
            "          _eq: X-Hasura-User-Id\n"
            "      columns: []\n"
            "      backend_only: false\n"
            "event_triggers:\n"
            "  - name: artists\n"
            "    definition:\n"
            "      enable_manual: false\n"
            "      insert:\n"
            "        columns: '*'\n"
            "    webhook: https://httpbin.org/post\n"
            "    request_transform:\n"
            "      body: |-\n"
            "        {\n"
            "          \"table\": {\n"
            "            \"name\": {{$body.table.name}}\n"
            "          }\n"
            "        }\n"
            "      query_params: {}\n"
            "      template_engine: Kriti\n");
  // A line ending in a space rules out a literal block.
  const Json action = Json::parse(
      R"({"body":"{\n  \"my-baz\": {{$body.input.foo.baz}}\n \"my-bar\": {{$body.input.foo.bar}}\n \n}"})");
  EXPECT_EQ(EmitYaml(action),
            "body: \"{\\n  \\\"my-baz\\\": {{$body.input.foo.baz}}\\n \\\"my-bar\\\": "
            "{{$body.input.foo.bar}}\\n \\n}\"\n");
}

TEST(EmitYamlTest, WhatItWritesReadsBackTheSame) {
  const Json value = Json::parse(R"({"a":["x",1,2.5,true,null,"","~","0x1F","yes","1_000",
      "a\tb","é","\u0001","line\nnext","  lead\n","trail\n\n\n",{"k":[]}],"b":{"c d":"#x"},
      "":"empty key","multi\nkey":1})");
  Result<YamlDocument> back = ParseYaml(EmitYaml(value));
  ASSERT_TRUE(back) << back.error().message;
  EXPECT_EQ(back->value, value) << EmitYaml(value);
}

TEST(EmitYamlTest, QuotesExactlyTheStringsThatWouldReadAsSomethingElse) {
  for (const char* quoted : {"1e5", "-1.5E-3", ".5", "0755", "0b101", "0o17", "0xFf", "+12",
                             "1_000.5", "12:30:45.5", "2024-1-2", "2024-01-02T10:00:00Z",
                             "2024-01-02 10:00:00.5+02:00", "-.inf", ".NaN", "Off", "n", "<<"}) {
    EXPECT_EQ(EmitYaml(Json{{"k", quoted}}), "k: \"" + std::string(quoted) + "\"\n");
  }
  for (const char* plain : {"12abc", "1.2.3", "1:60", "0b2", "0x", "_", "2024-01", "yess",
                            "2024-01-02T10", "1e", "v1.5", "nulls"}) {
    EXPECT_EQ(EmitYaml(Json{{"k", plain}}), "k: " + std::string(plain) + "\n");
  }
}

}  // namespace
}  // namespace junction::metadata
