#include "backends/postgres/source_config.h"

#include <cstdlib>

#include <gtest/gtest.h>

namespace junction::backends::postgres {
namespace {

using metadata::Json;

Result<PoolSettings> Read(const char* connection_info) {
  return ReadPoolSettings(Json{{"connection_info", Json::parse(connection_info)}});
}

TEST(SourceConfigTest, ReadsAUrlAndHasurasPoolSettings) {
  Result<PoolSettings> settings = Read(R"({"database_url": "postgres://u@h/db",
      "pool_settings": {"max_connections": 7, "idle_timeout": 5, "connection_lifetime": 0,
                        "pool_timeout": 2.0},
      "isolation_level": "serializable"})");
  ASSERT_TRUE(settings) << settings.error().message;
  EXPECT_EQ(settings->database_url, "postgres://u@h/db");
  EXPECT_EQ(settings->max_connections, 7);
  EXPECT_EQ(settings->idle_timeout, std::chrono::seconds(5));
  EXPECT_FALSE(settings->connection_lifetime.has_value());  // 0 disables it, as in Hasura
  EXPECT_EQ(settings->pool_timeout, std::chrono::seconds(2));
  EXPECT_EQ(settings->isolation_level, "serializable");
}

TEST(SourceConfigTest, ReadsTheUrlFromTheEnvironment) {
  ::setenv("JUNCTION_SOURCE_CONFIG_TEST_URL", "postgres://env@h/db", 1);
  Result<PoolSettings> settings =
      Read(R"({"database_url": {"from_env": "JUNCTION_SOURCE_CONFIG_TEST_URL"}})");
  ASSERT_TRUE(settings) << settings.error().message;
  EXPECT_EQ(settings->database_url, "postgres://env@h/db");

  ::unsetenv("JUNCTION_SOURCE_CONFIG_TEST_URL");
  Result<PoolSettings> missing =
      Read(R"({"database_url": {"from_env": "JUNCTION_SOURCE_CONFIG_TEST_URL"}})");
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().message,
            "environment variable 'JUNCTION_SOURCE_CONFIG_TEST_URL' not set");
}

TEST(SourceConfigTest, ConnectionParametersAreQuotedForLibpq) {
  Result<PoolSettings> settings = Read(R"({"database_url": {"connection_parameters":
      {"host": "db", "port": 5433, "username": "o'neil", "password": "a b\\c", "database": "x"}}})");
  ASSERT_TRUE(settings) << settings.error().message;
  EXPECT_EQ(settings->database_url,
            R"(host='db' port='5433' user='o\'neil' password='a b\\c' dbname='x')");
}

TEST(SourceConfigTest, RefusesSettingsOutOfBounds) {
  for (const char* pool_settings :
       {R"({"max_connections": 0})", R"({"max_connections": 99999999999999999999})",
        R"({"max_connections": -3})", R"({"max_connections": 2.5})",
        R"({"max_connections": "10"})", R"({"idle_timeout": -1})", R"({"idle_timeout": 1e300})",
        R"({"pool_timeout": 100000000})"}) {
    Result<PoolSettings> settings = ReadPoolSettings(Json{
        {"connection_info", {{"database_url", "postgres://h/db"},
                             {"pool_settings", Json::parse(pool_settings)}}}});
    ASSERT_FALSE(settings) << pool_settings;
    EXPECT_EQ(settings.error().code, ErrorCode::kInvalidConfiguration);
  }
}

TEST(SourceConfigTest, RefusesAMissingUrlAndAnUnknownIsolationLevel) {
  EXPECT_FALSE(Read(R"({})"));
  EXPECT_FALSE(Read(R"({"database_url": 5})"));
  EXPECT_FALSE(Read(R"({"database_url": "postgres://h/db", "isolation_level": "chaos"})"));
  EXPECT_FALSE(ReadPoolSettings(Json::object()));
}

}  // namespace
}  // namespace junction::backends::postgres
