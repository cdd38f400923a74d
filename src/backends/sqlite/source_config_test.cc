// ReadSourceConfig: Junction's and Hasura's forms of a SQLite source's configuration, defaults,
// and an error naming the key for every malformed value.

#include "backends/sqlite/source_config.h"

#include <gtest/gtest.h>

namespace junction::backends::sqlite {
namespace {

using metadata::Json;

Result<SourceConfig> Read(const char* configuration) {
  return ReadSourceConfig(Json::parse(configuration));
}

TEST(SqliteSourceConfigTest, ReadsThePathAndDefaults) {
  Result<SourceConfig> config = Read(R"({"db": "data/shop.db"})");
  ASSERT_TRUE(config) << config.error().message;
  EXPECT_EQ(config->database, "data/shop.db");
  EXPECT_FALSE(config->read_only);
  EXPECT_EQ(config->busy_timeout, std::chrono::milliseconds(5000));
}

TEST(SqliteSourceConfigTest, ReadsEveryKey) {
  Result<SourceConfig> config = Read(R"({"db": "/tmp/x.db", "read_only": true,
                                         "busy_timeout": 250.0})");
  ASSERT_TRUE(config) << config.error().message;
  EXPECT_EQ(config->database, "/tmp/x.db");
  EXPECT_TRUE(config->read_only);
  EXPECT_EQ(config->busy_timeout, std::chrono::milliseconds(250));
}

TEST(SqliteSourceConfigTest, ReadsHasurasDataConnectorForm) {
  Result<SourceConfig> config = Read(R"({"value": {"db": "chinook.db", "tables": ["Album"],
      "include_sqlite_meta_tables": false, "explicit_main_schema": false},
      "template": null, "timeout": null})");
  ASSERT_TRUE(config) << config.error().message;
  EXPECT_EQ(config->database, "chinook.db");
  EXPECT_FALSE(config->read_only);
}

TEST(SqliteSourceConfigTest, NullMeansTheDefault) {
  Result<SourceConfig> config = Read(R"({"db": "a.db", "read_only": null, "busy_timeout": null})");
  ASSERT_TRUE(config) << config.error().message;
  EXPECT_EQ(config->busy_timeout, std::chrono::milliseconds(5000));
}

TEST(SqliteSourceConfigTest, RejectsMalformedValuesNamingTheKey) {
  struct Case {
    const char* configuration;
    const char* key;
  };
  for (const Case& c :
       {Case{R"({})", "db"}, Case{R"({"db": 7})", "db"}, Case{R"({"db": ""})", "db"},
        Case{R"({"value": {}})", "db"}, Case{R"({"value": "x.db"})", "value"},
        Case{R"("x.db")", "object"}, Case{R"({"db": "a", "read_only": "yes"})", "read_only"},
        Case{R"({"db": "a", "busy_timeout": -1})", "busy_timeout"},
        Case{R"({"db": "a", "busy_timeout": 1.5})", "busy_timeout"},
        Case{R"({"db": "a", "busy_timeout": 1e12})", "busy_timeout"},
        Case{R"({"db": "a", "busy_timeout": "5s"})", "busy_timeout"}}) {
    Result<SourceConfig> config = Read(c.configuration);
    ASSERT_FALSE(config) << c.configuration;
    EXPECT_EQ(config.error().code, ErrorCode::kInvalidConfiguration) << c.configuration;
    EXPECT_NE(config.error().message.find(c.key), std::string::npos)
        << c.configuration << ": " << config.error().message;
  }
}

}  // namespace
}  // namespace junction::backends::sqlite
