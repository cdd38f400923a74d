// ParseSourceConfig: every form Hasura's BigQuery configuration takes (BIGQUERY.md §2.1) —
// service_account as an object, a JSON string or {"from_env"}; project_id as a string, a number or
// {"from_env"}; datasets as a list, a comma-separated string or {"from_env"}; the numbers as
// integers or strings — Junction's location and timeout_seconds, the errors naming the field.

#include "backends/bigquery/source_config.h"

#include <map>
#include <set>

#include <gtest/gtest.h>

namespace junction::backends::bigquery {
namespace {

using nlohmann::json;

const json kKey = {
    {"type", "service_account"},
    {"project_id", "key-project"},
    {"private_key_id", "abc123"},
    {"private_key", "-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----\n"},
    {"client_email", "engine@key-project.iam.gserviceaccount.com"},
    {"token_uri", "http://127.0.0.1:9/token"}};

// An environment of our own: tests never read or change the process's.
EnvLookup Env(std::map<std::string, std::string> variables) {
  return [variables = std::move(variables)](std::string_view name) -> std::optional<std::string> {
    const auto found = variables.find(std::string(name));
    if (found == variables.end()) return std::nullopt;
    return found->second;
  };
}

json Minimal() {
  return {{"service_account", kKey}, {"project_id", "p"}, {"datasets", {"source", "target"}}};
}

TEST(ParseSourceConfigTest, ReadsTheObjectFormWithDefaults) {
  Result<SourceConfig> config = ParseSourceConfig(Minimal(), Env({}));
  ASSERT_TRUE(config) << config.error().message;
  EXPECT_EQ(config->service_account.client_email, "engine@key-project.iam.gserviceaccount.com");
  EXPECT_EQ(config->service_account.private_key_id, "abc123");
  EXPECT_EQ(config->service_account.project_id, "key-project");
  EXPECT_EQ(config->service_account.token_uri, "http://127.0.0.1:9/token");
  EXPECT_TRUE(config->service_account.private_key.starts_with("-----BEGIN PRIVATE KEY-----\n"));
  EXPECT_EQ(config->project_id, "p");
  EXPECT_EQ(config->datasets, (std::vector<std::string>{"source", "target"}));
  EXPECT_EQ(config->global_select_limit, 1000);
  EXPECT_EQ(config->retry_limit, 5);
  EXPECT_EQ(config->retry_base_delay, std::chrono::microseconds(500'000));
  EXPECT_EQ(config->location, std::nullopt);
  EXPECT_EQ(config->timeout, std::chrono::milliseconds(60'000));
}

TEST(ParseSourceConfigTest, TheTokenUriDefaultsToGoogles) {
  json configuration = Minimal();
  configuration["service_account"].erase("token_uri");
  configuration["service_account"].erase("private_key_id");
  Result<SourceConfig> config = ParseSourceConfig(configuration, Env({}));
  ASSERT_TRUE(config) << config.error().message;
  EXPECT_EQ(config->service_account.token_uri, "https://oauth2.googleapis.com/token");
  EXPECT_EQ(config->service_account.private_key_id, "");
}

TEST(ParseSourceConfigTest, ServiceAccountAsAJsonString) {
  json configuration = Minimal();
  configuration["service_account"] = kKey.dump();
  Result<SourceConfig> config = ParseSourceConfig(configuration, Env({}));
  ASSERT_TRUE(config) << config.error().message;
  EXPECT_EQ(config->service_account.client_email, "engine@key-project.iam.gserviceaccount.com");
}

TEST(ParseSourceConfigTest, EverythingFromTheEnvironment) {
  const json configuration = {{"service_account", {{"from_env", "BQ_KEY"}}},
                              {"project_id", {{"from_env", "BQ_PROJECT"}}},
                              {"datasets", {{"from_env", "BQ_DATASETS"}}},
                              {"global_select_limit", {{"from_env", "BQ_LIMIT"}}}};
  Result<SourceConfig> config =
      ParseSourceConfig(configuration, Env({{"BQ_KEY", kKey.dump()},
                                            {"BQ_PROJECT", "env-project"},
                                            {"BQ_DATASETS", "source, target ,other"},
                                            {"BQ_LIMIT", "50"}}));
  ASSERT_TRUE(config) << config.error().message;
  EXPECT_EQ(config->service_account.private_key_id, "abc123");
  EXPECT_EQ(config->project_id, "env-project");
  EXPECT_EQ(config->datasets, (std::vector<std::string>{"source", "target", "other"}));
  EXPECT_EQ(config->global_select_limit, 50);
}

TEST(ParseSourceConfigTest, AMissingVariableIsNamed) {
  json configuration = Minimal();
  configuration["service_account"] = {{"from_env", "NOPE"}};
  Result<SourceConfig> config = ParseSourceConfig(configuration, Env({}));
  ASSERT_FALSE(config);
  EXPECT_EQ(config.error().code, ErrorCode::kInvalidConfiguration);
  EXPECT_EQ(config.error().message,
            "configuration.service_account: environment variable \"NOPE\" is not set");
}

TEST(ParseSourceConfigTest, ProjectIdAsANumber) {
  json configuration = Minimal();
  configuration["project_id"] = 123456;
  Result<SourceConfig> config = ParseSourceConfig(configuration, Env({}));
  ASSERT_TRUE(config) << config.error().message;
  EXPECT_EQ(config->project_id, "123456");
}

TEST(ParseSourceConfigTest, ProjectIdFallsBackToTheKeys) {
  json configuration = Minimal();
  configuration.erase("project_id");
  Result<SourceConfig> config = ParseSourceConfig(configuration, Env({}));
  ASSERT_TRUE(config) << config.error().message;
  EXPECT_EQ(config->project_id, "key-project");
}

TEST(ParseSourceConfigTest, DatasetsAsACommaSeparatedString) {
  json configuration = Minimal();
  configuration["datasets"] = "a,b";
  Result<SourceConfig> config = ParseSourceConfig(configuration, Env({}));
  ASSERT_TRUE(config) << config.error().message;
  EXPECT_EQ(config->datasets, (std::vector<std::string>{"a", "b"}));
}

TEST(ParseSourceConfigTest, NumbersAsIntegersOrStrings) {
  json configuration = Minimal();
  configuration["global_select_limit"] = "250";
  configuration["retry_limit"] = 0;
  configuration["retry_base_delay"] = "1000";
  configuration["location"] = "EU";
  configuration["timeout_seconds"] = 2.5;
  Result<SourceConfig> config = ParseSourceConfig(configuration, Env({}));
  ASSERT_TRUE(config) << config.error().message;
  EXPECT_EQ(config->global_select_limit, 250);
  EXPECT_EQ(config->retry_limit, 0);
  EXPECT_EQ(config->retry_base_delay, std::chrono::microseconds(1000));
  EXPECT_EQ(config->location, "EU");
  EXPECT_EQ(config->timeout, std::chrono::milliseconds(2500));
  configuration["timeout_seconds"] = "30";
  config = ParseSourceConfig(configuration, Env({}));
  ASSERT_TRUE(config) << config.error().message;
  EXPECT_EQ(config->timeout, std::chrono::milliseconds(30'000));
}

TEST(ParseSourceConfigTest, NullMembersAreAbsent) {
  json configuration = Minimal();
  configuration["location"] = nullptr;
  configuration["global_select_limit"] = nullptr;
  Result<SourceConfig> config = ParseSourceConfig(configuration, Env({}));
  ASSERT_TRUE(config) << config.error().message;
  EXPECT_EQ(config->location, std::nullopt);
  EXPECT_EQ(config->global_select_limit, 1000);
}

// Each bad configuration and the message that names its field.
TEST(ParseSourceConfigTest, ErrorsNameTheField) {
  struct Case {
    std::string key;
    json value;
    std::string message;
  };
  const std::vector<Case> cases = {
      {"datasets", 7, "configuration.datasets: expected a list of strings"},
      {"datasets", {"a", 1}, "configuration.datasets: expected a list of strings"},
      {"datasets", "a,,b", "configuration.datasets: a comma-separated list has an empty name"},
      {"project_id", true,
       "configuration.project_id: expected a string, a number or {\"from_env\"}"},
      {"project_id", "", "configuration.project_id: must not be empty"},
      {"global_select_limit", -1,
       "configuration.global_select_limit: expected a non-negative integer (or a string holding "
       "one)"},
      {"retry_limit", "x1",
       "configuration.retry_limit: expected a non-negative integer (or a string holding one)"},
      {"retry_base_delay", 1.5,
       "configuration.retry_base_delay: expected a non-negative integer (or a string holding "
       "one)"},
      {"timeout_seconds", 0,
       "configuration.timeout_seconds: expected a positive number of seconds, at most 86400"},
      {"location", 3,
       "configuration.location: expected a non-empty string (\"US\", \"EU\", \"europe-west2\", …)"},
      {"service_account", "{not json",
       "configuration.service_account: the string does not hold valid JSON"},
      {"service_account", 5,
       "configuration.service_account: expected the key's JSON object, a string holding it, or "
       "{\"from_env\"}"},
      {"service_account",
       {{"client_email", "a@b"}},
       "configuration.service_account: the key has no private_key"},
      {"service_account",
       {{"private_key", "k"}},
       "configuration.service_account: the key has no client_email"},
  };
  for (const Case& test : cases) {
    json configuration = Minimal();
    configuration[test.key] = test.value;
    Result<SourceConfig> config = ParseSourceConfig(configuration, Env({}));
    ASSERT_FALSE(config) << test.key << " = " << test.value.dump();
    EXPECT_EQ(config.error().code, ErrorCode::kInvalidConfiguration);
    EXPECT_EQ(config.error().message, test.message) << test.key << " = " << test.value.dump();
  }
  for (const char* required : {"service_account", "datasets"}) {
    json configuration = Minimal();
    configuration.erase(required);
    Result<SourceConfig> config = ParseSourceConfig(configuration, Env({}));
    ASSERT_FALSE(config) << required;
    EXPECT_TRUE(config.error().message.starts_with(std::string("configuration.") + required))
        << config.error().message;
  }
  EXPECT_FALSE(ParseSourceConfig(json::array(), Env({})));
}

// retry_base_delay × 2^retries within ±20%, capped at 30 s; the jitter really varies.
TEST(RetryDelayTest, DoublesWithJitterUpToACap) {
  using std::chrono::milliseconds;
  for (int64_t retries = 0; retries < 4; ++retries) {
    const int64_t nominal = int64_t{100} << retries;
    std::set<int64_t> seen;
    for (int i = 0; i < 200; ++i) {
      const milliseconds delay = RetryDelay(milliseconds(100), retries);
      EXPECT_GE(delay.count(), nominal * 8 / 10 - 1) << retries;
      EXPECT_LE(delay.count(), nominal * 12 / 10) << retries;
      seen.insert(delay.count());
    }
    EXPECT_GT(seen.size(), 5u) << "no jitter at retry " << retries;
  }
  for (const int64_t retries : {int64_t{10}, int64_t{40}, int64_t{1} << 40}) {
    const milliseconds delay = RetryDelay(std::chrono::seconds(10), retries);
    EXPECT_GE(delay, milliseconds(24'000));
    EXPECT_LE(delay, milliseconds(30'000));
  }
  EXPECT_EQ(RetryDelay(std::chrono::microseconds(0), 3), milliseconds(0));
}

TEST(TrimSpaceTest, TrimsBothEnds) {
  EXPECT_EQ(TrimSpace("  a b\t\r\n"), "a b");
  EXPECT_EQ(TrimSpace(" \n "), "");
  EXPECT_EQ(TrimSpace("x"), "x");
}

}  // namespace
}  // namespace junction::backends::bigquery
