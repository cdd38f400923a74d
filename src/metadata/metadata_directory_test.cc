#include "metadata/metadata_directory.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

namespace junction::metadata {
namespace {

namespace fs = std::filesystem;

const fs::path kFixtures = fs::path(JUNCTION_SOURCE_DIR) / "tests/data/metadata_dirs";

using Files = std::map<std::string, std::string>;

// Every regular file under `dir`, by path relative to it.
Files ReadTree(const fs::path& dir) {
  Files files;
  for (const fs::directory_entry& entry : fs::recursive_directory_iterator(dir)) {
    if (!entry.is_regular_file()) continue;
    std::ifstream in(entry.path(), std::ios::binary);
    std::stringstream content;
    content << in.rdbuf();
    files[entry.path().lexically_relative(dir).generic_string()] = content.str();
  }
  return files;
}

void WriteText(const fs::path& path, const std::string& content) {
  fs::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary) << content;
}

class MetadataDirectoryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char pattern[] = "/tmp/metadata_directory_test.XXXXXX";
    ASSERT_NE(mkdtemp(pattern), nullptr);
    temp_ = pattern;
  }
  void TearDown() override { fs::remove_all(temp_); }

  // A copy of the fixture `name` in the temporary directory.
  fs::path CopyFixture(const std::string& name) {
    const fs::path dir = temp_ / name;
    fs::copy(kFixtures / name, dir, fs::copy_options::recursive);
    return dir;
  }

  // The error reading `dir` gives (the test fails if there is none).
  std::string ReadError(const fs::path& dir) {
    Result<MetadataDirectory> read = ReadMetadataDirectory(dir);
    EXPECT_FALSE(read) << read->metadata.ToText();
    return read ? "" : read.error().message;
  }

  fs::path temp_;
};

// The fixture reads, and writing it gives exactly its files back.
MetadataDirectory ExpectRoundTrip(const fs::path& dir) {
  Result<MetadataDirectory> read = ReadMetadataDirectory(dir);
  EXPECT_TRUE(read) << read.error().message;
  if (!read) return {};
  EXPECT_EQ(MetadataDirectoryFiles(read->metadata), ReadTree(dir));
  return std::move(read).value();
}

TEST_F(MetadataDirectoryTest, PostgresSeedExampleReadsAndRoundTripsByteForByte) {
  const MetadataDirectory read = ExpectRoundTrip(kFixtures / "postgres_remote_join");
  const Json& sources = read.metadata.sources();
  ASSERT_EQ(sources.size(), 2u);
  EXPECT_EQ(sources[0]["name"], "default");
  EXPECT_EQ(sources[1]["name"], "pg2");
  EXPECT_EQ(sources[0]["configuration"]["connection_info"]["database_url"],
            Json::parse(R"({"from_env":"PG_DATABASE_URL"})"));
  EXPECT_EQ(sources[0]["tables"][0], Json::parse(R"({
      "table":{"name":"order","schema":"public"},
      "remote_relationships":[{"name":"user","definition":{"to_source":{
        "relationship_type":"object","source":"pg2","table":{"name":"user","schema":"public"},
        "field_mapping":{"user_id":"id"}}}}]})"));
  EXPECT_EQ(sources[1]["tables"], Json::parse(R"([{"table":{"name":"user","schema":"public"}}])"));

  const std::optional<FileLocation> relationship =
      read.source_map.Find("$.sources[0].tables[0].remote_relationships[0].definition");
  ASSERT_TRUE(relationship);
  EXPECT_EQ(relationship->ToString(), "databases/default/tables/public_order.yaml:7:7");
}

TEST_F(MetadataDirectoryTest, BigQuerySeedExampleReadsAndRoundTripsByteForByte) {
  const MetadataDirectory read = ExpectRoundTrip(kFixtures / "bigquery_remote_join");
  const Json& sources = read.metadata.sources();
  ASSERT_EQ(sources.size(), 2u);
  EXPECT_EQ(sources[0]["kind"], "bigquery");
  EXPECT_EQ(sources[0]["tables"][0], Json::parse(R"({
      "table":{"dataset":"source","name":"author"},
      "remote_relationships":[{"name":"articles","definition":{"to_source":{
        "field_mapping":{"id":"author_id"},"relationship_type":"array","source":"bq-target",
        "table":{"dataset":"target","name":"articles"}}}}]})"));
  const Files files = MetadataDirectoryFiles(read.metadata);
  EXPECT_TRUE(files.contains("databases/bq-source/tables/source_author.yaml"));
  EXPECT_TRUE(files.contains("databases/bq-target/tables/target_articles.yaml"));
}

TEST_F(MetadataDirectoryTest, HandWrittenProjectReadsToTheInlinedDocument) {
  Result<MetadataDirectory> read = ReadMetadataDirectory(kFixtures / "hasura_project");
  ASSERT_TRUE(read) << read.error().message;
  const Json expected = Json::parse(R"({
    "version": 3,
    "sources": [
      {"name": "default", "kind": "postgres",
       "configuration": {"connection_info": {"database_url": {"from_env": "PG_DATABASE_URL"},
                                             "pool_settings": {"max_connections": 50,
                                                               "idle_timeout": 180}}},
       "tables": [
         {"table": {"name": "author", "schema": "public"},
          "array_relationships": [{"name": "articles", "using": {"foreign_key_constraint_on": {
            "column": "author_id", "table": {"name": "article", "schema": "public"}}}}],
          "select_permissions": [{"role": "user", "permission": {
            "columns": ["id", "name"], "filter": {"id": {"_eq": "X-Hasura-User-Id"}},
            "limit": 10}}]},
         {"table": {"name": "article", "schema": "public"},
          "object_relationships": [{"name": "author",
                                    "using": {"foreign_key_constraint_on": "author_id"}}],
          "array_relationships": [{"name": "comments", "using": {"manual_configuration": {
            "remote_table": {"name": "comment", "schema": "public"},
            "column_mapping": {"id": "article_id"}}}}],
          "remote_relationships": [{"name": "views", "definition": {"to_source": {
            "relationship_type": "array", "source": "analytics",
            "table": {"name": "page_view", "schema": "public"},
            "field_mapping": {"id": "article_id"}}}}],
          "select_permissions": [{"role": "user", "permission": {
            "columns": "*", "filter": {}, "allow_aggregations": true}}]},
         {"table": {"name": "comment", "schema": "public"}}],
       "functions": [{"function": {"name": "search_articles", "schema": "public"},
                      "configuration": {"custom_root_fields": {}}}]},
      {"name": "analytics", "kind": "postgres",
       "configuration": {"connection_info": {"database_url": {"from_env": "PG2_DATABASE_URL"}}},
       "tables": [{"table": {"name": "page_view", "schema": "public"}}]}],
    "remote_schemas": [
      {"name": "forum",
       "definition": {"url": "http://localhost:4000/graphql", "timeout_seconds": 60,
                      "forward_client_headers": false},
       "comment": "the forum service",
       "remote_relationships": [{"type_name": "Message", "relationships": [
         {"name": "author", "definition": {"to_source": {
           "relationship_type": "object", "source": "default",
           "table": {"name": "author", "schema": "public"},
           "field_mapping": {"author_id": "id"}}}}]}]}],
    "query_collections": [
      {"name": "allowed-queries", "definition": {"queries": [
        {"name": "AuthorNames", "query": "query AuthorNames {\n  author {\n    name\n  }\n}\n"},
        {"name": "RecentArticles",
         "query": "query RecentArticles {\n  article(limit: 10) {\n    id\n  }\n}\n"}]}}],
    "allowlist": [{"collection": "allowed-queries", "scope": {"global": true}}],
    "api_limits": {"disabled": false,
                   "rate_limit": {"global": {"unique_params": "IP", "max_reqs_per_min": 100}}},
    "inherited_roles": [{"role_name": "editor", "role_set": ["user", "reviewer"]}],
    "network": {"tls_allowlist": [{"host": "forum.internal", "suffix": "4000"}]}
  })");
  EXPECT_EQ(read->metadata.document(), expected) << read->metadata.document().dump(2);
  EXPECT_EQ(read->source_map.Find("$.sources[0].tables[0].select_permissions[0].role")->ToString(),
            "databases/default/tables/permissions/author_select.yaml:1:9");
  EXPECT_EQ(read->source_map.Find("$.query_collections[0].definition.queries[1].query")->ToString(),
            "queries/recent_articles.graphql:1:1");
}

TEST_F(MetadataDirectoryTest, WriteReadWriteGivesIdenticalBytes) {
  Result<MetadataDirectory> read = ReadMetadataDirectory(kFixtures / "hasura_project");
  ASSERT_TRUE(read) << read.error().message;
  const fs::path first = temp_ / "first";
  ASSERT_TRUE(WriteMetadataDirectory(first, read->metadata));
  Result<MetadataDirectory> again = ReadMetadataDirectory(first);
  ASSERT_TRUE(again) << again.error().message;
  EXPECT_EQ(again->metadata.document(), read->metadata.document());
  const fs::path second = temp_ / "second";
  ASSERT_TRUE(WriteMetadataDirectory(second, again->metadata));
  EXPECT_EQ(ReadTree(first), ReadTree(second));
  EXPECT_EQ(ReadTree(first), MetadataDirectoryFiles(again->metadata));
}

TEST_F(MetadataDirectoryTest, WritesHasurasLayoutWithIncludes) {
  Result<MetadataDirectory> read = ReadMetadataDirectory(kFixtures / "hasura_project");
  ASSERT_TRUE(read) << read.error().message;
  const Files files = MetadataDirectoryFiles(read->metadata);
  EXPECT_EQ(files.at("databases/default/tables/tables.yaml"),
            "- \"!include public_author.yaml\"\n"
            "- \"!include public_article.yaml\"\n"
            "- \"!include public_comment.yaml\"\n");
  EXPECT_EQ(files.at("databases/default/functions/functions.yaml"),
            "- \"!include public_search_articles.yaml\"\n");
  EXPECT_EQ(files.at("databases/databases.yaml"),
            "- name: default\n"
            "  kind: postgres\n"
            "  configuration:\n"
            "    connection_info:\n"
            "      database_url:\n"
            "        from_env: PG_DATABASE_URL\n"
            "      pool_settings:\n"
            "        max_connections: 50\n"
            "        idle_timeout: 180\n"
            "  tables: \"!include default/tables/tables.yaml\"\n"
            "  functions: \"!include default/functions/functions.yaml\"\n"
            "- name: analytics\n"
            "  kind: postgres\n"
            "  configuration:\n"
            "    connection_info:\n"
            "      database_url:\n"
            "        from_env: PG2_DATABASE_URL\n"
            "  tables: \"!include analytics/tables/tables.yaml\"\n");
  EXPECT_EQ(files.at("query_collections.yaml"),
            "- name: allowed-queries\n"
            "  definition:\n"
            "    queries:\n"
            "      - name: AuthorNames\n"
            "        query: |\n"
            "          query AuthorNames {\n"
            "            author {\n"
            "              name\n"
            "            }\n"
            "          }\n"
            "      - name: RecentArticles\n"
            "        query: |\n"
            "          query RecentArticles {\n"
            "            article(limit: 10) {\n"
            "              id\n"
            "            }\n"
            "          }\n");
  EXPECT_EQ(files.at("network.yaml"),
            "tls_allowlist:\n  - host: forum.internal\n    suffix: \"4000\"\n");
}

TEST_F(MetadataDirectoryTest, EmptyMetadataWritesTheFilesOfAnEmptyHasuraProject) {
  const Files files = MetadataDirectoryFiles(Metadata());
  const Files expected = {
      {"actions.graphql", ""},
      {"actions.yaml",
       "actions: []\ncustom_types:\n  enums: []\n  input_objects: []\n  objects: []\n"
       "  scalars: []\n"},
      {"allow_list.yaml", "[]\n"},
      {"api_limits.yaml", "{}\n"},
      {"backend_configs.yaml", "{}\n"},
      {"cron_triggers.yaml", "[]\n"},
      {"databases/databases.yaml", "[]\n"},
      {"graphql_schema_introspection.yaml", "{}\n"},
      {"inherited_roles.yaml", "[]\n"},
      {"metrics_config.yaml", "{}\n"},
      {"network.yaml", "{}\n"},
      {"opentelemetry.yaml", "{}\n"},
      {"query_collections.yaml", "[]\n"},
      {"remote_schemas.yaml", "[]\n"},
      {"rest_endpoints.yaml", "[]\n"},
      {"version.yaml", "version: 3\n"},
  };
  EXPECT_EQ(files, expected);
  const fs::path dir = temp_ / "empty";
  ASSERT_TRUE(WriteMetadataDirectory(dir, Metadata()));
  Result<MetadataDirectory> read = ReadMetadataDirectory(dir);
  ASSERT_TRUE(read) << read.error().message;
  EXPECT_EQ(read->metadata.document(), Metadata().document());
}

TEST_F(MetadataDirectoryTest, MissingOptionalFilesAreAbsentSections) {
  const fs::path dir = temp_ / "minimal";
  WriteText(dir / "version.yaml", "version: 3\n");
  Result<MetadataDirectory> read = ReadMetadataDirectory(dir);
  ASSERT_TRUE(read) << read.error().message;
  EXPECT_EQ(read->metadata.document(), Json::parse(R"({"version":3,"sources":[]})"));
}

TEST_F(MetadataDirectoryTest, WriteRemovesStaleLayoutFilesAndKeepsForeignOnes) {
  const fs::path dir = CopyFixture("postgres_remote_join");
  WriteText(dir / "README.md", "notes\n");
  WriteText(dir / "databases/pg2/tables/notes.txt", "keep me\n");
  WriteText(dir / "databases/old/tables/tables.yaml", "[]\n");
  Result<MetadataDirectory> read = ReadMetadataDirectory(dir);
  ASSERT_TRUE(read) << read.error().message;

  // Drop the table public.order and the source pg2.
  Json document = read->metadata.document();
  document["sources"][0]["tables"] = Json::array();
  document["sources"].erase(1);
  Result<Metadata> changed = Metadata::FromJson(document);
  ASSERT_TRUE(changed) << changed.error().message;
  ASSERT_TRUE(WriteMetadataDirectory(dir, *changed));

  EXPECT_FALSE(fs::exists(dir / "databases/default/tables/public_order.yaml"));
  EXPECT_EQ(ReadTree(dir / "databases/default"), Files({{"tables/tables.yaml", "[]\n"}}));
  EXPECT_FALSE(fs::exists(dir / "databases/old"));
  EXPECT_FALSE(fs::exists(dir / "databases/pg2/tables/public_user.yaml"));
  EXPECT_FALSE(fs::exists(dir / "databases/pg2/tables/tables.yaml"));
  EXPECT_TRUE(fs::exists(dir / "databases/pg2/tables/notes.txt"));
  EXPECT_TRUE(fs::exists(dir / "README.md"));
  Result<MetadataDirectory> back = ReadMetadataDirectory(dir);
  ASSERT_TRUE(back) << back.error().message;
  EXPECT_EQ(back->metadata.document(), changed->document());
}

TEST_F(MetadataDirectoryTest, NewFilesArePrivateAndExistingFilesKeepTheirMode) {
  const fs::path dir = CopyFixture("postgres_remote_join");
  fs::permissions(dir / "version.yaml", fs::perms(0644));
  Result<MetadataDirectory> read = ReadMetadataDirectory(dir);
  ASSERT_TRUE(read) << read.error().message;
  Json document = read->metadata.document();
  document["sources"][1]["tables"].push_back(
      Json::parse(R"({"table":{"name":"address","schema":"public"}})"));
  document["network"] = Json::parse(R"({"tls_allowlist":[{"host":"a"}]})");
  Result<Metadata> changed = Metadata::FromJson(document);
  ASSERT_TRUE(changed);
  ASSERT_TRUE(WriteMetadataDirectory(dir, *changed));
  const auto mode = [&](const char* file) {
    return static_cast<int>(fs::status(dir / file).permissions()) & 0777;
  };
  EXPECT_EQ(mode("databases/pg2/tables/public_address.yaml"), 0600);
  EXPECT_EQ(mode("version.yaml"), 0644);
  EXPECT_EQ(ReadTree(dir), MetadataDirectoryFiles(*changed));
}

TEST_F(MetadataDirectoryTest, CollidingFileNamesGetNumberedDeterministically) {
  Result<Metadata> metadata = Metadata::FromJson(Json::parse(R"({"version":3,"sources":[
      {"name":"a/b","kind":"postgres","tables":[
        {"table":{"schema":"x_y","name":"z"}},
        {"table":{"schema":"x","name":"y_z"}},
        {"table":{"schema":"s","name":"../up"}},
        {"table":"plain"}]},
      {"name":"a_b","kind":"postgres","tables":[]}]})"));
  ASSERT_TRUE(metadata) << metadata.error().message;
  const Files files = MetadataDirectoryFiles(*metadata);
  EXPECT_EQ(files.at("databases/a_b/tables/tables.yaml"),
            "- \"!include x_y_z.yaml\"\n- \"!include x_y_z_2.yaml\"\n"
            "- \"!include s_.._up.yaml\"\n- \"!include public_plain.yaml\"\n");
  EXPECT_EQ(files.at("databases/a_b_2/tables/tables.yaml"), "[]\n");
  const fs::path dir = temp_ / "collisions";
  ASSERT_TRUE(WriteMetadataDirectory(dir, *metadata));
  Result<MetadataDirectory> read = ReadMetadataDirectory(dir);
  ASSERT_TRUE(read) << read.error().message;
  EXPECT_EQ(read->metadata.document(), metadata->document());
}

TEST_F(MetadataDirectoryTest, BrokenYamlNamesFileAndLine) {
  const fs::path dir = CopyFixture("postgres_remote_join");
  WriteText(dir / "databases/default/tables/public_order.yaml",
            "table:\n  name: order\n  schema: public\nremote_relationships:\n  - name: [user\n");
  const std::string error = ReadError(dir);
  EXPECT_TRUE(error.starts_with("databases/default/tables/public_order.yaml:")) << error;
  EXPECT_EQ(ReadMetadataDirectory(dir).error().code, ErrorCode::kParseFailed);
}

TEST_F(MetadataDirectoryTest, MissingIncludeNamesTheIncludingLine) {
  const fs::path dir = CopyFixture("postgres_remote_join");
  WriteText(dir / "databases/default/tables/tables.yaml",
            "- \"!include public_order.yaml\"\n- \"!include public_missing.yaml\"\n");
  EXPECT_EQ(ReadError(dir),
            "databases/default/tables/tables.yaml:2:3: !include public_missing.yaml: no such "
            "file databases/default/tables/public_missing.yaml");
}

TEST_F(MetadataDirectoryTest, IncludeCycleIsRefused) {
  const fs::path dir = CopyFixture("postgres_remote_join");
  WriteText(dir / "databases/pg2/tables/public_user.yaml",
            "table:\n  name: user\n  schema: public\nselect_permissions: !include loop.yaml\n");
  WriteText(dir / "databases/pg2/tables/loop.yaml", "- !include public_user.yaml\n");
  EXPECT_EQ(ReadError(dir),
            "databases/pg2/tables/loop.yaml:1:3: !include public_user.yaml: include cycle: "
            "databases/databases.yaml → databases/pg2/tables/tables.yaml → "
            "databases/pg2/tables/public_user.yaml → databases/pg2/tables/loop.yaml → "
            "databases/pg2/tables/public_user.yaml");
}

TEST_F(MetadataDirectoryTest, IncludeOutsideTheDirectoryIsRefused) {
  const fs::path dir = CopyFixture("postgres_remote_join");
  WriteText(temp_ / "secret.yaml", "x: 1\n");
  WriteText(dir / "databases/pg2/tables/tables.yaml", "- \"!include ../../../../secret.yaml\"\n");
  EXPECT_EQ(ReadError(dir),
            "databases/pg2/tables/tables.yaml:1:3: !include ../../../../secret.yaml: the file is "
            "outside the metadata directory");
}

TEST_F(MetadataDirectoryTest, TablesThatAreNotAListAreRefused) {
  const fs::path dir = CopyFixture("postgres_remote_join");
  WriteText(dir / "databases/default/tables/tables.yaml", "table: order\n");
  EXPECT_EQ(ReadError(dir),
            "databases/default/tables/tables.yaml:1:1: expected a list of tables, found an "
            "Object");
}

TEST_F(MetadataDirectoryTest, ValuesMetadataRefusesNameTheirLine) {
  const fs::path dir = CopyFixture("postgres_remote_join");
  WriteText(dir / "remote_schemas.yaml",
            "- name: forum\n  definition:\n    url: http://forum\n- name: 42\n  definition: {}\n");
  Result<MetadataDirectory> read = ReadMetadataDirectory(dir);
  ASSERT_FALSE(read);
  EXPECT_EQ(read.error().path, "$.remote_schemas[1].name");
  EXPECT_EQ(read.error().message,
            "remote_schemas.yaml:4:9: parsing Text failed, expected String, but encountered "
            "Number");

  WriteText(dir / "remote_schemas.yaml", "[]\n");
  std::string databases = ReadTree(dir).at("databases/databases.yaml");
  databases.replace(databases.find("kind: postgres"), 14, "kind: [postgres]");
  WriteText(dir / "databases/databases.yaml", databases);
  EXPECT_EQ(ReadError(dir),
            "databases/databases.yaml:2:9: parsing Text failed, expected String, but encountered "
            "Array");
}

TEST_F(MetadataDirectoryTest, VersionMustBeThree) {
  const fs::path dir = CopyFixture("postgres_remote_join");
  WriteText(dir / "version.yaml", "version: 2\n");
  EXPECT_EQ(ReadError(dir),
            "version.yaml:1:10: expected \"version: 3\" (a config v3 metadata directory), found "
            "version 2");
  fs::remove(dir / "version.yaml");
  EXPECT_TRUE(ReadError(dir).starts_with("version.yaml: missing")) << ReadError(dir);
}

TEST_F(MetadataDirectoryTest, ActionsComeFromActionsYamlAndSdlIsRefused) {
  const fs::path dir = CopyFixture("postgres_remote_join");
  WriteText(dir / "actions.yaml",
            "actions:\n  - name: login\n    definition:\n      kind: synchronous\n"
            "      handler: http://auth/login\n      output_type: Token\n"
            "custom_types:\n  objects:\n    - name: Token\n      fields:\n        - name: token\n"
            "          type: String!\n");
  const MetadataDirectory read = ExpectRoundTrip(dir);
  EXPECT_EQ(read.metadata.Find("actions")->at(0)["name"], "login");
  EXPECT_EQ(read.metadata.Find("custom_types")->at("objects")[0]["name"], "Token");

  WriteText(dir / "actions.graphql", "# comments only\n\n");
  EXPECT_TRUE(ReadMetadataDirectory(dir));

  WriteText(dir / "actions.graphql", "# sdl\n\n  type Mutation {\n  login: Token\n}\n");
  const std::string error = ReadError(dir);
  EXPECT_TRUE(
      error.starts_with("actions.graphql:3:3: action definitions in GraphQL SDL are not "
                        "supported"))
      << error;
}

TEST_F(MetadataDirectoryTest, SelectPermissionsRoundTripUnchanged) {
  // Select permissions as pg_create_select_permission stores them (permission_commands.h).
  Result<Metadata> metadata = Metadata::FromJson(Json::parse(R"({"version":3,"sources":[
    {"name":"default","kind":"postgres","configuration":{"connection_info":{"database_url":"u"}},
     "tables":[{"table":{"name":"author","schema":"public"},"select_permissions":[
       {"role":"anonymous","permission":{"columns":"*","filter":{}}},
       {"role":"user","permission":{"columns":["name","id"],"computed_fields":["full_name"],
        "filter":{"_or":[{"id":{"_eq":"X-Hasura-User-Id"}},{"articles":{"id":{"_gt":1}}}]},
        "limit":10,"allow_aggregations":true,"query_root_fields":[],
        "subscription_root_fields":["select","select_stream"]},"comment":"own rows"}]}]}]})"));
  ASSERT_TRUE(metadata) << metadata.error().message;
  const Files files = MetadataDirectoryFiles(*metadata);
  EXPECT_EQ(files.at("databases/default/tables/public_author.yaml"),
            "table:\n"
            "  name: author\n"
            "  schema: public\n"
            "select_permissions:\n"
            "  - role: anonymous\n"
            "    permission:\n"
            "      columns: '*'\n"
            "      filter: {}\n"
            "  - role: user\n"
            "    permission:\n"
            "      columns:\n"
            "        - name\n"
            "        - id\n"
            "      computed_fields:\n"
            "        - full_name\n"
            "      filter:\n"
            "        _or:\n"
            "          - id:\n"
            "              _eq: X-Hasura-User-Id\n"
            "          - articles:\n"
            "              id:\n"
            "                _gt: 1\n"
            "      limit: 10\n"
            "      allow_aggregations: true\n"
            "      query_root_fields: []\n"
            "      subscription_root_fields:\n"
            "        - select\n"
            "        - select_stream\n"
            "    comment: own rows\n");

  const fs::path first = temp_ / "first";
  ASSERT_TRUE(WriteMetadataDirectory(first, *metadata));
  Result<MetadataDirectory> read = ReadMetadataDirectory(first);
  ASSERT_TRUE(read) << read.error().message;
  EXPECT_EQ(read->metadata.document(), metadata->document());
  EXPECT_EQ(read->metadata.ToText(), metadata->ToText());
  EXPECT_EQ(MetadataDirectoryFiles(read->metadata), files);
}

TEST_F(MetadataDirectoryTest, RemoteSchemasWithRelationshipsRoundTripByteForByte) {
  // A remote schema as add_remote_schema and create_remote_schema_remote_relationship store it
  // (remote_schema_commands.h), in remote_schemas.yaml as Hasura's CLI writes it.
  const std::string yaml =
      "- name: orders\n"
      "  definition:\n"
      "    url_from_env: ORDERS_URL\n"
      "    timeout_seconds: 5\n"
      "    customization:\n"
      "      root_fields_namespace: orders_api\n"
      "      type_names:\n"
      "        mapping: {}\n"
      "        prefix: o_\n"
      "    headers:\n"
      "      - name: x-api-key\n"
      "        value_from_env: ORDERS_KEY\n"
      "    forward_client_headers: true\n"
      "  comment: the orders service\n"
      "  remote_relationships:\n"
      "    - relationships:\n"
      "        - definition:\n"
      "            to_source:\n"
      "              field_mapping:\n"
      "                customer_id: id\n"
      "              relationship_type: object\n"
      "              source: default\n"
      "              table:\n"
      "                name: customer\n"
      "                schema: public\n"
      "          name: customer\n"
      "        - definition:\n"
      "            to_remote_schema:\n"
      "              lhs_fields:\n"
      "                - id\n"
      "              remote_field:\n"
      "                invoices:\n"
      "                  arguments:\n"
      "                    order_id: $id\n"
      "              remote_schema: billing\n"
      "          name: invoices\n"
      "      type_name: Order\n"
      "    - relationships: []\n"
      "      type_name: Line\n";
  Result<Metadata> metadata = Metadata::FromJson(Json::parse(R"({"version":3,"sources":[],
    "remote_schemas":[{"name":"orders","definition":{"url_from_env":"ORDERS_URL",
      "timeout_seconds":5,"customization":{"root_fields_namespace":"orders_api",
      "type_names":{"mapping":{},"prefix":"o_"}},
      "headers":[{"name":"x-api-key","value_from_env":"ORDERS_KEY"}],
      "forward_client_headers":true},"comment":"the orders service",
     "remote_relationships":[{"relationships":[
       {"definition":{"to_source":{"field_mapping":{"customer_id":"id"},
         "relationship_type":"object","source":"default",
         "table":{"name":"customer","schema":"public"}}},"name":"customer"},
       {"definition":{"to_remote_schema":{"lhs_fields":["id"],
         "remote_field":{"invoices":{"arguments":{"order_id":"$id"}}},"remote_schema":"billing"}},
        "name":"invoices"}],"type_name":"Order"},
      {"relationships":[],"type_name":"Line"}]}]})"));
  ASSERT_TRUE(metadata) << metadata.error().message;
  const Files files = MetadataDirectoryFiles(*metadata);
  EXPECT_EQ(files.at("remote_schemas.yaml"), yaml);

  const fs::path dir = temp_ / "project";
  ASSERT_TRUE(WriteMetadataDirectory(dir, *metadata));
  Result<MetadataDirectory> read = ReadMetadataDirectory(dir);
  ASSERT_TRUE(read) << read.error().message;
  EXPECT_EQ(read->metadata.ToText(), metadata->ToText());
  EXPECT_EQ(ReadTree(dir), files);
}

}  // namespace
}  // namespace junction::metadata
