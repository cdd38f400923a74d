#include "metadata/source_commands.h"

#include <string>

#include <gtest/gtest.h>

#include "metadata/command_test_fixture.h"

namespace junction::metadata {
namespace {

class SourceCommandsTest : public CommandFixture {
 protected:
  SourceCommandsTest() {
    catalogs_["default"];
    catalogs_["db"];
    catalogs_["alpha"];
    catalogs_["zeta"];
  }
};

TEST_F(SourceCommandsTest, AddSourceStoresTheConfigurationAsHasurasExportPrintsIt) {
  EXPECT_EQ(Ok(R"({"type":"pg_add_source","args":{"name":"db","configuration":{)"
               R"("connection_info":{"use_prepared_statements":true,)"
               R"("pool_settings":{"max_connections":10,"idle_timeout":null,"retries":2,)"
               R"("connection_lifetime":600.5},"database_url":{"from_env":"DB_URL"},)"
               R"("unknown":1},"extensions_schema":"public"}}})"),
            R"({"message":"success"})");
  EXPECT_EQ(Sources(),
            R"([{"name":"db","kind":"postgres","tables":[],"configuration":{"connection_info":{)"
            R"("database_url":{"from_env":"DB_URL"},"isolation_level":"read-committed",)"
            R"("pool_settings":{"connection_lifetime":600.5,"max_connections":10,"retries":2},)"
            R"("use_prepared_statements":true}}}])");
  EXPECT_EQ(current_.resource_version(), 2);
}

TEST_F(SourceCommandsTest, PoolSettingsGetHasurasDefaultConnectionLifetime) {
  Ok(R"({"type":"pg_add_source","args":{"name":"db","configuration":{"connection_info":{)"
     R"("database_url":"u","pool_settings":{"max_connections":5}}}}})");
  Ok(R"({"type":"pg_add_source","args":{"name":"zeta","configuration":{"connection_info":{)"
     R"("database_url":"u","pool_settings":{"connection_lifetime":0}}}}})");
  EXPECT_EQ(DumpJson(current_.sources()[0]["configuration"]["connection_info"]["pool_settings"]),
            R"({"connection_lifetime":600,"max_connections":5})");
  EXPECT_EQ(DumpJson(current_.sources()[1]["configuration"]["connection_info"]["pool_settings"]),
            "{}");
}

TEST_F(SourceCommandsTest, AddSourceWritesDefaultsAndReplicas) {
  Ok(R"({"type":"postgres_add_source","args":{"name":"db","customization":{"type_names":null},)"
     R"("configuration":{"extensions_schema":"ext",)"
     R"("read_replicas":[{"database_url":"postgres://replica"}],)"
     R"("connection_info":{"isolation_level":"serializable","database_url":{)"
     R"("connection_parameters":{"username":"u","host":"h","port":5432,"database":"d"}}}}}})");
  EXPECT_EQ(Sources(),
            R"([{"name":"db","kind":"postgres","tables":[],"configuration":{"connection_info":{)"
            R"("database_url":{"connection_parameters":{"database":"d","host":"h","port":5432,)"
            R"("username":"u"}},"isolation_level":"serializable","use_prepared_statements":false},)"
            R"("extensions_schema":"ext","read_replicas":[{"database_url":"postgres://replica",)"
            R"("isolation_level":"read-committed","use_prepared_statements":false}]}}])");
}

TEST_F(SourceCommandsTest, SourceCustomizationIsNotSupportedYet) {
  const Error error =
      Fails(R"({"type":"pg_add_source","args":{"name":"db","customization":{"type_names":)"
            R"({"prefix":"x_"},"root_fields":null},"configuration":{"connection_info":{)"
            R"("database_url":"postgres://one"}}}})");
  EXPECT_EQ(error.code, ErrorCode::kNotSupported);
  EXPECT_EQ(error.message, "source customization is not supported by Junction yet");
  EXPECT_EQ(error.path, "$.args.customization");
  EXPECT_TRUE(current_.sources().empty());
}

TEST_F(SourceCommandsTest, SourcesAreOrderedAsHasuraExportsThem) {
  for (const char* name : {"zeta", "default", "alpha"}) {
    Ok(std::string(R"({"type":"pg_add_source","args":{"name":")") + name +
       R"(","configuration":{"connection_info":{"database_url":"postgres://x"}}}})");
  }
  ASSERT_EQ(current_.sources().size(), 3u);
  EXPECT_EQ(current_.sources()[0]["name"], "default");
  EXPECT_EQ(current_.sources()[1]["name"], "alpha");
  EXPECT_EQ(current_.sources()[2]["name"], "zeta");
}

TEST_F(SourceCommandsTest, AnExistingSourceIsReplacedOnlyWhenAsked) {
  Ok(R"({"type":"pg_add_source","args":{"name":"db",)"
     R"("configuration":{"connection_info":{"database_url":"postgres://one"}}}})");
  const Error error =
      Fails(R"({"type":"pg_add_source","args":{"name":"db",)"
            R"("configuration":{"connection_info":{"database_url":"postgres://two"}}}})");
  EXPECT_EQ(error.code, ErrorCode::kAlreadyExists);
  EXPECT_EQ(error.message, R"(source with name "db" already exists)");
  EXPECT_EQ(error.path, "$.args");

  Ok(R"({"type":"bulk","args":[{"type":"replace_metadata","args":{"allow_inconsistent_metadata":)"
     R"(true,"metadata":{"version":3,"sources":[{"name":"db","kind":"postgres","tables":)"
     R"([{"table":{"name":"t","schema":"public"}}],"configuration":{},"query_tags":{"a":1},)"
     R"("customization":{"root_fields":{"prefix":"a"}},"health_check":{"x":1}}]}}},)"
     R"({"type":"pg_add_source","args":{"name":"db","replace_configuration":true,)"
     R"("configuration":{"connection_info":{"database_url":"postgres://two"}}}}]})");
  EXPECT_EQ(
      Sources(),
      R"([{"name":"db","kind":"postgres","tables":[{"table":{"name":"t","schema":"public"}}],)"
      R"("configuration":{"connection_info":{"database_url":"postgres://two",)"
      R"("isolation_level":"read-committed","use_prepared_statements":false}},)"
      R"("query_tags":{"a":1},"health_check":{"x":1}}])");
}

struct BadArgs {
  std::string_view args;
  std::string_view path;
  std::string_view message;
};

class AddSourceErrorTest : public SourceCommandsTest,
                           public testing::WithParamInterface<BadArgs> {};

TEST_P(AddSourceErrorTest, ReportsHasurasParseError) {
  const Error error =
      Fails(R"({"type":"pg_add_source","args":)" + std::string(GetParam().args) + "}");
  EXPECT_EQ(error.code, ErrorCode::kParseFailed);
  EXPECT_EQ(error.path, GetParam().path);
  EXPECT_EQ(error.message, GetParam().message);
}

INSTANTIATE_TEST_SUITE_P(
    Args, AddSourceErrorTest,
    testing::Values(
        BadArgs{"[]", "$.args", "parsing AddSource failed, expected Object, but encountered Array"},
        BadArgs{R"({"configuration":{}})", "$.args", R"(key "name" not found)"},
        BadArgs{R"({"name":"db"})", "$.args", R"(key "configuration" not found)"},
        BadArgs{R"({"name":"db","configuration":{}})", "$.args.configuration",
                R"(key "connection_info" not found)"},
        BadArgs{R"({"name":"db","configuration":{"connection_info":{"database_url":5}}})",
                "$.args.configuration.connection_info.database_url",
                "one of string or object must be provided for url/webhook"},
        BadArgs{R"({"name":"db","configuration":{"connection_info":{"database_url":{}}}})",
                "$.args.configuration.connection_info.database_url",
                R"(Either "from_env" or "connection_parameters" should be provided)"},
        BadArgs{R"({"name":"db","configuration":{"connection_info":{"database_url":)"
                R"({"from_env":"A","connection_parameters":{}}}}})",
                "$.args.configuration.connection_info.database_url.connection_parameters",
                R"(key "host" not found)"},
        BadArgs{R"({"name":"db","configuration":{"connection_info":{"database_url":)"
                R"({"from_env":"A","dynamic_from_file":"/f"}}}})",
                "$.args.configuration.connection_info.database_url",
                R"(Only one of "from_env" or "connection_parameters" should be provided)"},
        BadArgs{R"({"name":"db","configuration":{"connection_info":{"database_url":"u",)"
                R"("pool_settings":{"max_connections":"10"}}}})",
                "$.args.configuration.connection_info.pool_settings.max_connections",
                "parsing Int failed, expected Number, but encountered String"},
        BadArgs{R"({"name":"db","configuration":{"connection_info":{"database_url":"u",)"
                R"("isolation_level":"dirty"}}})",
                "$.args.configuration.connection_info.isolation_level",
                "Only expecting read-committed / repeatable-read / serializable"},
        BadArgs{R"({"name":"db","configuration":{"connection_info":{"database_url":"u",)"
                R"("use_prepared_statements":"yes"}}})",
                "$.args.configuration.connection_info.use_prepared_statements",
                "parsing Bool failed, expected Boolean, but encountered String"},
        BadArgs{R"({"name":"db","replace_configuration":1,)"
                R"("configuration":{"connection_info":{"database_url":"u"}}})",
                "$.args.replace_configuration",
                "parsing Bool failed, expected Boolean, but encountered Number"},
        BadArgs{R"({"name":"db","configuration":{"connection_info":{"database_url":"u"},)"
                R"("read_replicas":[]}})",
                "$.args.configuration.read_replicas",
                "parsing NonEmpty failed, unexpected empty list"}));

TEST_F(SourceCommandsTest, ASourceTheEngineCannotReachIsRefused) {
  const Error error =
      Fails(R"({"type":"pg_add_source","args":{"name":"down",)"
            R"("configuration":{"connection_info":{"database_url":"postgres://x"}}}})");
  EXPECT_EQ(error.code, ErrorCode::kInvalidConfiguration);
  EXPECT_EQ(error.path, "$.args");
  EXPECT_EQ(error.message, "Inconsistent object: could not connect to source");
  EXPECT_EQ(DumpJson(error.internal),
            R"([{"definition":{"name":"down","kind":"postgres","tables":[],"configuration":)"
            R"({"connection_info":{"database_url":"postgres://x","isolation_level":)"
            R"("read-committed","use_prepared_statements":false}}},"name":"source down",)"
            R"("reason":"Inconsistent object: could not connect to source","type":"source"}])");
}

TEST_F(SourceCommandsTest, DropSourceRemovesIt) {
  Ok(R"({"type":"pg_add_source","args":{"name":"db",)"
     R"("configuration":{"connection_info":{"database_url":"postgres://x"}}}})");
  EXPECT_EQ(Ok(R"({"type":"pg_drop_source","args":{"name":"db"}})"), R"({"message":"success"})");
  EXPECT_EQ(Sources(), "[]");

  const Error error = Fails(R"({"type":"pg_drop_source","args":{"name":"db","cascade":true}})");
  EXPECT_EQ(error.code, ErrorCode::kNotExists);
  EXPECT_EQ(error.message, R"(source with name "db" does not exist)");
  EXPECT_EQ(error.path, "$.args");
  EXPECT_EQ(Fails(R"({"type":"pg_drop_source","args":{"cascade":true}})").message,
            R"(key "name" not found)");
  EXPECT_EQ(Fails(R"({"type":"pg_drop_source","args":{"name":"db","cascade":"no"}})").path,
            "$.args.cascade");
}

TEST_F(SourceCommandsTest, AnInconsistentSourceIsDroppedOnlyWithoutCascade) {
  Ok(R"({"type":"replace_metadata","args":{"allow_inconsistent_metadata":true,"metadata":)"
     R"({"version":3,"sources":[{"name":"down","kind":"postgres","tables":[],)"
     R"("configuration":{}}]}}})");
  const Error error = Fails(R"({"type":"pg_drop_source","args":{"name":"down","cascade":true}})");
  EXPECT_EQ(error.code, ErrorCode::kUnexpected);
  EXPECT_EQ(error.message, R"(source with name "down" is inconsistent)");
  Ok(R"({"type":"pg_drop_source","args":{"name":"down"}})");
  EXPECT_EQ(Sources(), "[]");
}

TEST_F(SourceCommandsTest, ErrorsInsideBulkPointIntoTheCommandAndChangeNothing) {
  const Error error = Fails(
      R"({"type":"bulk","args":[{"type":"pg_add_source","args":{"name":"db",)"
      R"("configuration":{"connection_info":{"database_url":"postgres://x"}}}},)"
      R"({"type":"pg_add_source","args":{"name":"zeta","configuration":{"connection_info":{}}}}]})");
  EXPECT_EQ(error.path, "$.args[1].args.configuration.connection_info");
  EXPECT_EQ(error.message, R"(key "database_url" not found)");
  EXPECT_EQ(Sources(), "[]");
}

TEST_F(SourceCommandsTest, SqliteAddSourceStoresItsKindAndConfiguration) {
  Ok(R"({"type":"sqlite_add_source","args":{"name":"db","configuration":{)"
     R"("read_only":true,"db":"data/shop.db"}}})");
  // Hasura's data-connector form, {"value": {…}}, is kept as given.
  Ok(R"({"type":"sqlite_add_source","args":{"name":"alpha","configuration":{)"
     R"("value":{"db":"crm.db"},"template":null,"timeout":null}}})");
  EXPECT_EQ(Sources(),
            R"([{"name":"alpha","kind":"sqlite","tables":[],"configuration":{"template":null,)"
            R"("timeout":null,"value":{"db":"crm.db"}}},{"name":"db","kind":"sqlite",)"
            R"("tables":[],"configuration":{"db":"data/shop.db","read_only":true}}])");
}

TEST_F(SourceCommandsTest, SqliteAddSourceNeedsADatabaseFile) {
  Error missing = Fails(R"({"type":"sqlite_add_source","args":{"name":"db","configuration":{}}})");
  EXPECT_EQ(missing.path, "$.args.configuration");
  EXPECT_EQ(missing.message, R"(key "db" not found)");
  Error wrapped = Fails(
      R"({"type":"sqlite_add_source","args":{"name":"db","configuration":{"value":{"db":""}}}})");
  EXPECT_EQ(wrapped.code, ErrorCode::kInvalidConfiguration);
  EXPECT_EQ(wrapped.path, "$.args.configuration.value.db");
  Error timeout = Fails(R"({"type":"sqlite_add_source","args":{"name":"db","configuration":{)"
                        R"("db":"x.db","busy_timeout":"soon"}}})");
  EXPECT_EQ(timeout.path, "$.args.configuration.busy_timeout");
}

TEST_F(SourceCommandsTest, SqliteTablesAreNamedInSchemaMain) {
  Catalog& catalog = catalogs_["db"];
  catalog.tables[{"main", "orders"}] = Table({"main", "orders"}, {"id"}, {});
  catalog.tables[{"main", "items"}] = Table({"main", "items"}, {"id"}, {});
  Ok(R"({"type":"sqlite_add_source","args":{"name":"db","configuration":{"db":"shop.db"}}})");
  Ok(R"({"type":"sqlite_track_table","args":{"source":"db","table":"orders"}})");
  Ok(R"({"type":"sqlite_track_table","args":{"source":"db","table":["main","items"]}})");
  EXPECT_EQ(DumpJson(current_.sources()[0]["tables"]),
            R"([{"table":{"name":"items","schema":"main"}},)"
            R"({"table":{"name":"orders","schema":"main"}}])");
  Ok(R"({"type":"sqlite_untrack_table","args":{"source":"db","table":["orders"]}})");
  EXPECT_EQ(current_.sources()[0]["tables"].size(), 1u);
}

TEST_F(SourceCommandsTest, ACommandForAnotherKindOfSourceIsRefused) {
  Ok(R"({"type":"sqlite_add_source","args":{"name":"db","configuration":{"db":"shop.db"}}})");
  Error error = Fails(R"({"type":"pg_track_table","args":{"source":"db","table":"orders"}})");
  EXPECT_EQ(error.code, ErrorCode::kNotExists);
  EXPECT_EQ(error.message,
            R"(source with name "db" has backend type sqlite which does not match the expected )"
            R"(type postgres)");
  EXPECT_EQ(error.path, "$.args");
  // Nor does replacing a source change its kind.
  Error replace = Fails(R"({"type":"pg_add_source","args":{"name":"db","replace_configuration":)"
                        R"(true,"configuration":{"connection_info":{"database_url":"u"}}}})");
  EXPECT_EQ(replace.code, ErrorCode::kNotExists);
  Error unknown = Fails(R"({"type":"sqlite_set_table_is_enum","args":{}})");
  EXPECT_EQ(unknown.code, ErrorCode::kNotSupported);
}

}  // namespace
}  // namespace junction::metadata
