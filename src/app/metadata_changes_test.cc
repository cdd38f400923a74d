#include "app/metadata_changes.h"

#include <gtest/gtest.h>

namespace junction::app {
namespace {

using metadata::Json;
using Kind = MetadataChange::Kind;

std::vector<std::string> Lines(const std::vector<MetadataChange>& changes) {
  std::vector<std::string> lines;
  for (const MetadataChange& change : changes) lines.push_back(change.ToString());
  return lines;
}

Json Table(std::string_view name) {
  return Json::parse(R"({"table":{"name":")" + std::string(name) + R"(","schema":"public"}})");
}

Json Source(std::string_view name, Json tables = Json::array()) {
  Json source = {{"name", name}, {"kind", "postgres"}, {"tables", std::move(tables)}};
  source["configuration"] = {{"connection_info", {{"database_url", {{"from_env", "PG_URL"}}}}}};
  return source;
}

Json Document(Json sources) {
  Json document = Json::object();
  document["version"] = 3;
  document["sources"] = std::move(sources);
  return document;
}

TEST(SummarizeChangesTest, EqualDocumentsHaveNoChanges) {
  const Json document = Document({Source("default", {Table("order")})});
  EXPECT_TRUE(SummarizeChanges(document, document).empty());
}

TEST(SummarizeChangesTest, TheOrderOfKeysIsNoChange) {
  // An engine given a source through pg_add_source exports {name, kind, tables, configuration};
  // the same source read from databases.yaml is {name, kind, configuration, tables}.
  const Json api = Document(Json::array({Source("default", Json::array({Table("order")}))}));
  const Json directory =
      Json::parse(R"({"version":3,"sources":[{"name":"default","kind":"postgres","configuration":)"
                  R"({"connection_info":{"database_url":{"from_env":"PG_URL"}}},)"
                  R"("tables":[{"table":{"schema":"public","name":"order"}}]}]})");
  ASSERT_NE(api, directory);
  EXPECT_TRUE(SameMetadata(api, directory));
  EXPECT_TRUE(SummarizeChanges(api, directory).empty());
  EXPECT_FALSE(SameMetadata(api, Document(Json::array())));
}

TEST(SummarizeChangesTest, SourcesAddedAndRemoved) {
  const Json before = Document({Source("default"), Source("old")});
  const Json after = Document({Source("default"), Source("pg2", {Table("user")})});
  EXPECT_EQ(Lines(SummarizeChanges(before, after)),
            (std::vector<std::string>{"+ source pg2", "- source old"}));
}

TEST(SummarizeChangesTest, TablesComparedOneByOne) {
  Json order = Table("order");
  const Json before = Document({Source("default", {order, Table("gone")})});
  order["remote_relationships"] = Json::array({{{"name", "user"}}});
  const Json after = Document({Source("default", {order, Table("item")})});
  EXPECT_EQ(Lines(SummarizeChanges(before, after)),
            (std::vector<std::string>{"~ table public.order (source default)",
                                      "+ table public.item (source default)",
                                      "- table public.gone (source default)"}));
}

TEST(SummarizeChangesTest, SourceConfigurationChangeIsAChangeOfTheSource) {
  const Json before = Document({Source("default", {Table("order")})});
  Json after = before;
  after["sources"][0]["configuration"]["connection_info"]["database_url"] = "postgres://x/y";
  EXPECT_EQ(Lines(SummarizeChanges(before, after)), (std::vector<std::string>{"~ source default"}));
}

TEST(SummarizeChangesTest, BigQueryTablesAndFunctionsAreNamedByTheirQualifiers) {
  Json source = Source("bq");
  source["kind"] = "bigquery";
  const Json before = Document({source});
  source["tables"] = Json::array({{{"table", {{"dataset", "shop"}, {"name", "author"}}}}});
  source["functions"] = Json::array({{{"function", {{"schema", "public"}, {"name", "f"}}}}});
  const Json after = Document({source});
  EXPECT_EQ(Lines(SummarizeChanges(before, after)),
            (std::vector<std::string>{"+ table shop.author (source bq)",
                                      "+ function public.f (source bq)"}));
}

TEST(SummarizeChangesTest, EntriesOfOtherSectionsAndWholeSections) {
  Json before = Document(Json::array());
  before["remote_schemas"] = Json::array({{{"name", "forum"}, {"definition", {{"url", "a"}}}},
                                          {{"name", "old"}, {"definition", {{"url", "b"}}}}});
  before["api_limits"] = {{"disabled", true}};
  before["network"] = {{"tls_allowlist", Json::array()}};
  Json after = Document(Json::array());
  after["remote_schemas"] = Json::array({{{"name", "forum"}, {"definition", {{"url", "c"}}}}});
  after["actions"] = Json::array({{{"name", "login"}}});
  after["api_limits"] = {{"disabled", false}};
  after["metrics_config"] = {{"analyze_query_variables", true}};
  EXPECT_EQ(
      Lines(SummarizeChanges(before, after)),
      (std::vector<std::string>{"~ remote schema forum", "- remote schema old", "+ action login",
                                "~ api_limits", "+ metrics_config", "- network"}));
}

TEST(SummarizeChangesTest, ReorderingOnlyChangesTheSection) {
  const Json before = Document({Source("a"), Source("b")});
  const Json after = Document({Source("b"), Source("a")});
  EXPECT_EQ(Lines(SummarizeChanges(before, after)), (std::vector<std::string>{"~ sources"}));
}

TEST(SummarizeChangesTest, EntriesWithoutIdentityChangeTheSection) {
  Json before = Document(Json::array());
  before["remote_schemas"] = Json::array({{{"definition", {{"url", "a"}}}}});
  Json after = before;
  after["remote_schemas"][0]["definition"]["url"] = "b";
  EXPECT_EQ(Lines(SummarizeChanges(before, after)), (std::vector<std::string>{"~ remote_schemas"}));
}

TEST(UnifiedDiffTest, EqualTextsGiveNothing) {
  EXPECT_EQ(UnifiedDiff("a\nb\n", "a\nb\n", "x", "y"), "");
  EXPECT_EQ(UnifiedDiff("", "", "x", "y"), "");
}

TEST(UnifiedDiffTest, OneChangeWithThreeLinesOfContext) {
  const std::string before = "1\n2\n3\n4\n5\n6\n7\n8\n9\n";
  const std::string after = "1\n2\n3\n4\nfive\n6\n7\n8\n9\n";
  EXPECT_EQ(UnifiedDiff(before, after, "server/a.yaml", "metadata/a.yaml"),
            "--- server/a.yaml\n+++ metadata/a.yaml\n"
            "@@ -2,7 +2,7 @@\n 2\n 3\n 4\n-5\n+five\n 6\n 7\n 8\n");
}

TEST(UnifiedDiffTest, DistantChangesMakeTwoHunks) {
  const std::string before = "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\n12\n";
  const std::string after = "one\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\ntwelve\n";
  EXPECT_EQ(UnifiedDiff(before, after, "a", "b"),
            "--- a\n+++ b\n"
            "@@ -1,4 +1,4 @@\n-1\n+one\n 2\n 3\n 4\n"
            "@@ -9,4 +9,4 @@\n 9\n 10\n 11\n-12\n+twelve\n");
}

TEST(UnifiedDiffTest, ChangesSixLinesApartShareAHunk) {
  const std::string before = "1\n2\n3\n4\n5\n6\n7\n8\n";
  const std::string after = "one\n2\n3\n4\n5\n6\n7\neight\n";
  EXPECT_EQ(UnifiedDiff(before, after, "a", "b"),
            "--- a\n+++ b\n"
            "@@ -1,8 +1,8 @@\n-1\n+one\n 2\n 3\n 4\n 5\n 6\n 7\n-8\n+eight\n");
}

TEST(UnifiedDiffTest, InsertionsAndDeletions) {
  EXPECT_EQ(UnifiedDiff("a\nb\nc\n", "a\nx\nb\n", "a", "b"),
            "--- a\n+++ b\n@@ -1,3 +1,3 @@\n a\n+x\n b\n-c\n");
}

TEST(UnifiedDiffTest, NewAndDeletedFiles) {
  EXPECT_EQ(UnifiedDiff("", "a\nb\n", "/dev/null", "b"),
            "--- /dev/null\n+++ b\n@@ -0,0 +1,2 @@\n+a\n+b\n");
  EXPECT_EQ(UnifiedDiff("a\n", "", "a", "/dev/null"), "--- a\n+++ /dev/null\n@@ -1 +0,0 @@\n-a\n");
}

TEST(UnifiedDiffTest, MissingTrailingNewline) {
  EXPECT_EQ(UnifiedDiff("a\nb", "a\nb\n", "x", "y"),
            "--- x\n+++ y\n@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+b\n");
  EXPECT_EQ(UnifiedDiff("a\n", "a\nc", "x", "y"),
            "--- x\n+++ y\n@@ -1 +1,2 @@\n a\n+c\n\\ No newline at end of file\n");
}

TEST(DiffFilesTest, FilesOnOneSideAreDiffedAgainstDevNull) {
  const std::map<std::string, std::string> server = {{"a.yaml", "x: 1\n"}, {"same.yaml", "s\n"}};
  const std::map<std::string, std::string> local = {{"b.yaml", "y: 2\n"}, {"same.yaml", "s\n"}};
  EXPECT_EQ(DiffFiles(server, local, "server", "metadata"),
            "--- server/a.yaml\n+++ /dev/null\n@@ -1 +0,0 @@\n-x: 1\n"
            "--- /dev/null\n+++ metadata/b.yaml\n@@ -0,0 +1 @@\n+y: 2\n");
}

Json SeedDocument() {
  Json order = Table("order");
  order["object_relationships"] = Json::array({{{"name", "item"}}});
  order["remote_relationships"] = Json::array({{{"name", "other"}}, {{"name", "user"}}});
  Json document = Document({Source("default", {Table("item"), order}), Source("pg2")});
  document["remote_schemas"] = Json::array({{{"name", "forum"}, {"definition", {{"url", "u"}}}}});
  document["api_limits"] = {{"disabled", false}};
  return document;
}

TEST(FindObjectPathTest, SourcesTablesAndRelationships) {
  const Json document = SeedDocument();
  const Json source = {{"type", "source"}, {"name", "source pg2"}, {"definition", "pg2"}};
  EXPECT_EQ(FindObjectPath(document, source), "$.sources[1]");
  const Json table = {{"type", "table"},
                      {"name", "table public.order in source default"},
                      {"definition", {{"name", "order"}, {"schema", "public"}}}};
  EXPECT_EQ(FindObjectPath(document, table), "$.sources[0].tables[1]");
  Json remote = {{"type", "remote_relationship"},
                 {"name", "remote_relationship user in table public.order in source default"}};
  remote["definition"] = {{"name", "user"}, {"source", "default"}, {"table", table["definition"]}};
  EXPECT_EQ(FindObjectPath(document, remote), "$.sources[0].tables[1].remote_relationships[1]");
  Json local = remote;
  local["type"] = "object_relation";
  local["definition"]["name"] = "item";
  EXPECT_EQ(FindObjectPath(document, local), "$.sources[0].tables[1].object_relationships[0]");
}

TEST(FindObjectPathTest, TopLevelEntriesAndSections) {
  const Json document = SeedDocument();
  const Json schema = {{"type", "remote_schema"},
                       {"name", "remote_schema forum"},
                       {"definition", document["remote_schemas"][0]}};
  EXPECT_EQ(FindObjectPath(document, schema), "$.remote_schemas[0]");
  const Json limits = {
      {"type", "api_limits"}, {"name", "api_limits"}, {"definition", document["api_limits"]}};
  EXPECT_EQ(FindObjectPath(document, limits), "$.api_limits");
  const Json unknown = {{"type", "table"},
                        {"name", "table public.nope in source nowhere"},
                        {"definition", {{"name", "nope"}, {"schema", "public"}}}};
  EXPECT_EQ(FindObjectPath(document, unknown), std::nullopt);
}

}  // namespace
}  // namespace junction::app
