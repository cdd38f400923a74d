#include "backends/bigquery/source_config.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdlib>
#include <limits>
#include <random>
#include <utility>

#include <fmt/format.h>

namespace junction::backends::bigquery {
namespace {

using nlohmann::json;

Error Invalid(std::string_view field, std::string_view what) {
  return Error(ErrorCode::kInvalidConfiguration, fmt::format("configuration.{}: {}", field, what));
}

// The member `key` of `object`; null when absent or JSON null (metadata may write "location":
// null).
const json* Member(const json& object, std::string_view key) {
  auto found = object.find(key);
  return found == object.end() || found->is_null() ? nullptr : &*found;
}

// {"from_env": "VAR"}: Hasura's FromEnv form, recognised by its string member `from_env`.
std::optional<std::string> FromEnvName(const json& value) {
  if (!value.is_object()) return std::nullopt;
  const json* name = Member(value, "from_env");
  if (name == nullptr || !name->is_string()) return std::nullopt;
  return name->get<std::string>();
}

// The value of a {"from_env"} member, read from the environment; `value` itself otherwise.
Result<json> Resolve(std::string_view field, const json& value, const EnvLookup& env) {
  if (value.is_object() && value.contains("from_env") && !FromEnvName(value)) {
    return Invalid(field, "from_env must name an environment variable (a string)");
  }
  std::optional<std::string> variable = FromEnvName(value);
  if (!variable) return value;
  std::optional<std::string> text = env(*variable);
  if (!text) {
    return Invalid(field, fmt::format("environment variable \"{}\" is not set", *variable));
  }
  return json(std::move(*text));
}

Result<ServiceAccount> ReadServiceAccount(const json& configuration, const EnvLookup& env) {
  constexpr std::string_view kField = "service_account";
  const json* member = Member(configuration, kField);
  if (member == nullptr) return Invalid(kField, "required (the service account key's JSON)");
  Result<json> resolved = Resolve(kField, *member, env);
  if (!resolved) return resolved.error();
  json key = std::move(*resolved);
  // A string holds the key file's JSON (Hasura decodes it, and so may the variable's value).
  if (key.is_string()) {
    json parsed = json::parse(key.get<std::string>(), nullptr, /*allow_exceptions=*/false);
    if (parsed.is_discarded()) return Invalid(kField, "the string does not hold valid JSON");
    key = std::move(parsed);
  }
  if (!key.is_object()) {
    return Invalid(kField,
                   "expected the key's JSON object, a string holding it, or {\"from_env\"}");
  }
  ServiceAccount account;
  auto read = [&](std::string_view name, std::string& into, bool required) -> Status {
    const json* value = Member(key, name);
    if (value == nullptr) {
      if (required) return Invalid(kField, fmt::format("the key has no {}", name));
      return {};
    }
    if (!value->is_string())
      return Invalid(kField, fmt::format("the key's {} must be a string", name));
    into = value->get<std::string>();
    if (required && into.empty()) {
      return Invalid(kField, fmt::format("the key's {} is empty", name));
    }
    return {};
  };
  if (Status s = read("client_email", account.client_email, true); !s) return s.error();
  if (Status s = read("private_key", account.private_key, true); !s) return s.error();
  if (Status s = read("private_key_id", account.private_key_id, false); !s) return s.error();
  if (Status s = read("project_id", account.project_id, false); !s) return s.error();
  std::string token_uri;
  if (Status s = read("token_uri", token_uri, false); !s) return s.error();
  if (!token_uri.empty()) account.token_uri = std::move(token_uri);
  return account;
}

Result<std::string> ReadProjectId(const json& configuration, const ServiceAccount& account,
                                  const EnvLookup& env) {
  constexpr std::string_view kField = "project_id";
  const json* member = Member(configuration, kField);
  // Hasura requires project_id; the key file names its project too, so it serves when absent.
  if (member == nullptr) {
    if (!account.project_id.empty()) return account.project_id;
    return Invalid(kField, "required (the project the queries run in)");
  }
  Result<json> resolved = Resolve(kField, *member, env);
  if (!resolved) return resolved.error();
  std::string project;
  if (resolved->is_string()) {
    project = std::string(TrimSpace(resolved->get<std::string>()));
  } else if (resolved->is_number_integer()) {
    project = resolved->dump();
  } else {
    return Invalid(kField, "expected a string, a number or {\"from_env\"}");
  }
  if (project.empty()) return Invalid(kField, "must not be empty");
  return project;
}

// A comma-separated list of names, each trimmed; empty entries are errors.
Result<std::vector<std::string>> SplitDatasets(std::string_view text) {
  std::vector<std::string> datasets;
  if (TrimSpace(text).empty()) return datasets;
  size_t begin = 0;
  while (true) {
    const size_t comma = text.find(',', begin);
    const std::string_view name =
        TrimSpace(text.substr(begin, comma == std::string_view::npos ? text.npos : comma - begin));
    if (name.empty()) return Invalid("datasets", "a comma-separated list has an empty name");
    datasets.emplace_back(name);
    if (comma == std::string_view::npos) break;
    begin = comma + 1;
  }
  return datasets;
}

Result<std::vector<std::string>> ReadDatasets(const json& configuration, const EnvLookup& env) {
  constexpr std::string_view kField = "datasets";
  const json* member = Member(configuration, kField);
  if (member == nullptr) return Invalid(kField, "required (a list of dataset names)");
  Result<json> resolved = Resolve(kField, *member, env);
  if (!resolved) return resolved.error();
  if (resolved->is_string()) return SplitDatasets(resolved->get<std::string>());
  if (!resolved->is_array()) return Invalid(kField, "expected a list of strings");
  std::vector<std::string> datasets;
  for (const json& name : *resolved) {
    if (!name.is_string() || TrimSpace(name.get<std::string>()).empty()) {
      return Invalid(kField, "expected a list of strings");
    }
    datasets.emplace_back(TrimSpace(name.get<std::string>()));
  }
  return datasets;
}

// A non-negative integer, or a string holding one (Hasura accepts both); whole floats too.
Result<int64_t> ReadCount(const json& configuration, std::string_view field, int64_t fallback,
                          const EnvLookup& env) {
  const json* member = Member(configuration, field);
  if (member == nullptr) return fallback;
  Result<json> resolved = Resolve(field, *member, env);
  if (!resolved) return resolved.error();
  const Error invalid = Invalid(field, "expected a non-negative integer (or a string holding one)");
  if (resolved->is_number_unsigned()) {
    const uint64_t number = resolved->get<uint64_t>();
    if (number > static_cast<uint64_t>(std::numeric_limits<int64_t>::max())) return invalid;
    return static_cast<int64_t>(number);
  }
  if (resolved->is_number_integer()) {
    const int64_t number = resolved->get<int64_t>();
    if (number < 0) return invalid;
    return number;
  }
  if (resolved->is_number_float()) {
    const double number = resolved->get<double>();
    if (!(number >= 0 && number < 9.2e18) || number != std::floor(number)) return invalid;
    return static_cast<int64_t>(number);
  }
  if (!resolved->is_string()) return invalid;
  const std::string_view text = TrimSpace(resolved->get_ref<const std::string&>());
  if (text.empty() || text.size() > 18) return invalid;
  int64_t number = 0;
  for (const char c : text) {
    if (c < '0' || c > '9') return invalid;
    number = number * 10 + (c - '0');
  }
  return number;
}

// A positive number of seconds (fractions allowed), or a string holding one.
Result<std::chrono::milliseconds> ReadTimeout(const json& configuration, const EnvLookup& env,
                                              std::chrono::milliseconds fallback) {
  constexpr std::string_view kField = "timeout_seconds";
  const json* member = Member(configuration, kField);
  if (member == nullptr) return fallback;
  Result<json> resolved = Resolve(kField, *member, env);
  if (!resolved) return resolved.error();
  double seconds = 0;
  if (resolved->is_number()) {
    seconds = resolved->get<double>();
  } else if (resolved->is_string()) {
    const std::string text(TrimSpace(resolved->get_ref<const std::string&>()));
    char* end = nullptr;
    seconds = std::strtod(text.c_str(), &end);
    if (text.empty() || end != text.c_str() + text.size()) seconds = -1;
  } else {
    seconds = -1;
  }
  // A day bounds it: past that a query is surely stuck, and the milliseconds cannot overflow.
  if (!(seconds > 0 && seconds <= 86'400)) {
    return Invalid(kField, "expected a positive number of seconds, at most 86400");
  }
  const auto milliseconds = static_cast<int64_t>(std::llround(seconds * 1000));
  return std::chrono::milliseconds(std::max<int64_t>(milliseconds, 1));
}

Result<std::optional<std::string>> ReadLocation(const json& configuration, const EnvLookup& env) {
  constexpr std::string_view kField = "location";
  const json* member = Member(configuration, kField);
  if (member == nullptr) return std::optional<std::string>();
  Result<json> resolved = Resolve(kField, *member, env);
  if (!resolved) return resolved.error();
  if (!resolved->is_string() || TrimSpace(resolved->get<std::string>()).empty()) {
    return Invalid(kField, "expected a non-empty string (\"US\", \"EU\", \"europe-west2\", …)");
  }
  return std::optional<std::string>(std::string(TrimSpace(resolved->get<std::string>())));
}

}  // namespace

std::string_view TrimSpace(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) {
    text.remove_prefix(1);
  }
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) {
    text.remove_suffix(1);
  }
  return text;
}

std::chrono::milliseconds RetryDelay(std::chrono::microseconds retry_base_delay, int64_t retries) {
  constexpr std::chrono::microseconds kMax = std::chrono::seconds(30);
  const auto base = std::clamp(retry_base_delay, std::chrono::microseconds(0), kMax);
  // Past 2^20 the cap holds anyway; the shift must not overflow.
  const auto delay = std::min(base * (int64_t{1} << std::clamp<int64_t>(retries, 0, 20)), kMax);
  thread_local std::mt19937_64 random{std::random_device{}()};
  std::uniform_real_distribution<double> jitter(0.8, 1.2);
  const auto varied = std::chrono::microseconds(
      static_cast<int64_t>(static_cast<double>(delay.count()) * jitter(random)));
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::min(varied, kMax));
}

std::optional<std::string> ProcessEnv(std::string_view name) {
  const std::string variable(name);
  const char* value = std::getenv(variable.c_str());
  if (value == nullptr) return std::nullopt;
  return std::string(value);
}

Result<SourceConfig> ParseSourceConfig(const nlohmann::json& configuration, const EnvLookup& env) {
  if (!configuration.is_object()) {
    return Error(ErrorCode::kInvalidConfiguration,
                 "configuration: expected an object (service_account, project_id, datasets)");
  }
  SourceConfig config;
  Result<ServiceAccount> account = ReadServiceAccount(configuration, env);
  if (!account) return account.error();
  config.service_account = std::move(*account);
  Result<std::string> project = ReadProjectId(configuration, config.service_account, env);
  if (!project) return project.error();
  config.project_id = std::move(*project);
  Result<std::vector<std::string>> datasets = ReadDatasets(configuration, env);
  if (!datasets) return datasets.error();
  config.datasets = std::move(*datasets);

  Result<int64_t> limit =
      ReadCount(configuration, "global_select_limit", config.global_select_limit, env);
  if (!limit) return limit.error();
  config.global_select_limit = *limit;
  Result<int64_t> retries = ReadCount(configuration, "retry_limit", config.retry_limit, env);
  if (!retries) return retries.error();
  config.retry_limit = *retries;
  Result<int64_t> delay =
      ReadCount(configuration, "retry_base_delay", config.retry_base_delay.count(), env);
  if (!delay) return delay.error();
  config.retry_base_delay = std::chrono::microseconds(*delay);

  Result<std::optional<std::string>> location = ReadLocation(configuration, env);
  if (!location) return location.error();
  config.location = std::move(*location);
  Result<std::chrono::milliseconds> timeout = ReadTimeout(configuration, env, config.timeout);
  if (!timeout) return timeout.error();
  config.timeout = *timeout;
  return config;
}

}  // namespace junction::backends::bigquery
