#pragma once
// SourceConfig: a BigQuery source's `configuration` as metadata holds it (Hasura's
// BigQueryConfiguration, bigquery_add_source), read into what the client needs.
//
//   {"service_account": {"client_email": "…", "private_key": "-----BEGIN PRIVATE KEY-----…",
//                        "project_id": "p", "token_uri": "https://oauth2.googleapis.com/token"},
//    "project_id": "p", "datasets": ["source", "target"], "global_select_limit": 1000}
//
// service_account: the key file's JSON object, a string holding it, or {"from_env": "VAR"} (the
// variable holds the JSON). project_id: a string (or number) or {"from_env"}. datasets: a list of
// names, a comma-separated string, or {"from_env"} holding a comma-separated list.
// global_select_limit (default 1000), retry_limit (default 5; 0: no retries) and
// retry_base_delay (µs, default 500000) are non-negative integers or strings holding one.
// Junction's additions: `location` (the datasets' location, sent with every job; absent: the
// project's default) and `timeout_seconds` (default 60: a query's whole run, polls and retries
// included).

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "common/result.h"

namespace junction::backends::bigquery {

struct ServiceAccount {
  std::string client_email;
  std::string private_key;     // PEM, PKCS#8 (-----BEGIN PRIVATE KEY-----) or PKCS#1
  std::string private_key_id;  // may be empty; the JWT's `kid` when set
  std::string project_id;      // may be empty
  std::string token_uri = "https://oauth2.googleapis.com/token";
};

struct SourceConfig {
  ServiceAccount service_account;
  std::string project_id;
  std::vector<std::string> datasets;
  int64_t global_select_limit = 1000;
  int64_t retry_limit = 5;
  std::chrono::microseconds retry_base_delay{500'000};
  std::optional<std::string> location;
  std::chrono::milliseconds timeout{60'000};
};

// Reads an environment variable (std::getenv in production; tests pass their own).
using EnvLookup = std::function<std::optional<std::string>(std::string_view)>;
std::optional<std::string> ProcessEnv(std::string_view name);

// Errors: kInvalidConfiguration naming the field at fault ("configuration.datasets: expected a
// list of strings", "environment variable \"X\" is not set", "service_account: the key has no
// private_key").
Result<SourceConfig> ParseSourceConfig(const nlohmann::json& configuration,
                                       const EnvLookup& env = ProcessEnv);

// The wait before retry number `retries` (0: the first) of a failed request — the API's and the
// token endpoint's alike: retry_base_delay × 2^retries, varied by ±20% at random (so that queries
// that failed together do not all retry at the same moment), at most 30 s.
std::chrono::milliseconds RetryDelay(std::chrono::microseconds retry_base_delay, int64_t retries);

// `text` without the white space (std::isspace) at either end.
std::string_view TrimSpace(std::string_view text);

}  // namespace junction::backends::bigquery
