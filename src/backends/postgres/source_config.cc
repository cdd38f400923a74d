#include "backends/postgres/source_config.h"

#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

namespace junction::backends::postgres {
namespace {

using metadata::Json;

Error Invalid(std::string message) {
  return Error(ErrorCode::kInvalidConfiguration, std::move(message));
}

const Json* Member(const Json& object, std::string_view key) {
  if (!object.is_object()) return nullptr;
  const auto it = object.find(key);
  return it == object.end() || it->is_null() ? nullptr : &*it;
}

// libpq's conninfo keyword=value syntax: values quoted, with \ and ' escaped.
std::string ConninfoValue(const Json& value) {
  const std::string text = value.is_string() ? value.get<std::string>() : value.dump();
  std::string quoted = "'";
  for (char c : text) {
    if (c == '\\' || c == '\'') quoted += '\\';
    quoted += c;
  }
  return quoted + "'";
}

Result<std::string> ReadDatabaseUrl(const Json& connection_info) {
  if (const Json* url = Member(connection_info, "database_url")) {
    if (url->is_string()) return url->get<std::string>();
    if (const Json* variable = Member(*url, "from_env"); variable && variable->is_string()) {
      const std::string name = variable->get<std::string>();
      const char* value = std::getenv(name.c_str());
      if (value == nullptr) return Invalid("environment variable '" + name + "' not set");
      return std::string(value);
    }
    if (const Json* parameters = Member(*url, "connection_parameters")) {
      static constexpr std::pair<std::string_view, std::string_view> kKeywords[] = {
          {"host", "host"},
          {"port", "port"},
          {"username", "user"},
          {"password", "password"},
          {"database", "dbname"}};
      std::string conninfo;
      for (const auto& [key, keyword] : kKeywords) {
        const Json* value = Member(*parameters, key);
        if (value == nullptr) continue;
        if (!conninfo.empty()) conninfo += ' ';
        conninfo += std::string(keyword) + "=" + ConninfoValue(*value);
      }
      return conninfo;
    }
    return Invalid(
        "database_url must be a string, {\"from_env\": …} or "
        "{\"connection_parameters\": …}");
  }
  return Invalid("connection_info has no database_url");
}

// Bounds that keep every setting meaningful (and its conversion to clock ticks from overflowing).
constexpr int64_t kMaxConnections = 10'000;
constexpr int64_t kMaxSeconds = 10'000'000;  // about 115 days

// A whole number in [low, high] at pool_settings.`key` (Hasura's JSON numbers may be written
// 10.0); checked before any conversion, so no value can overflow one.
Result<int64_t> ReadBounded(const Json& value, std::string_view key, int64_t low, int64_t high) {
  const auto invalid = [&] {
    return Invalid("pool_settings." + std::string(key) + " must be a whole number from " +
                   std::to_string(low) + " to " + std::to_string(high));
  };
  if (value.is_number_unsigned()) {
    const uint64_t number = value.get<uint64_t>();
    if (number > static_cast<uint64_t>(high) || static_cast<int64_t>(number) < low) {
      return invalid();
    }
    return static_cast<int64_t>(number);
  }
  if (value.is_number_integer()) {
    const int64_t number = value.get<int64_t>();
    if (number < low || number > high) return invalid();
    return number;
  }
  if (value.is_number_float()) {
    const double number = value.get<double>();
    if (!(number >= static_cast<double>(low) && number <= static_cast<double>(high)) ||
        number != std::floor(number)) {
      return invalid();
    }
    return static_cast<int64_t>(number);
  }
  return invalid();
}

Result<std::chrono::seconds> ReadSeconds(const Json& value, std::string_view key) {
  Result<int64_t> seconds = ReadBounded(value, key, 0, kMaxSeconds);
  if (!seconds) return seconds.error();
  return std::chrono::seconds(*seconds);
}

Status ReadPoolLimits(const Json& pool_settings, PoolSettings& settings) {
  if (const Json* max = Member(pool_settings, "max_connections")) {
    Result<int64_t> connections = ReadBounded(*max, "max_connections", 1, kMaxConnections);
    if (!connections) return connections.error();
    settings.max_connections = static_cast<int>(*connections);
  }
  if (const Json* idle = Member(pool_settings, "idle_timeout")) {
    Result<std::chrono::seconds> seconds = ReadSeconds(*idle, "idle_timeout");
    if (!seconds) return seconds.error();
    settings.idle_timeout = *seconds;
  }
  if (const Json* lifetime = Member(pool_settings, "connection_lifetime")) {
    Result<std::chrono::seconds> seconds = ReadSeconds(*lifetime, "connection_lifetime");
    if (!seconds) return seconds.error();
    // Hasura: 0 disables the lifetime limit.
    settings.connection_lifetime =
        seconds->count() == 0 ? std::nullopt : std::optional<std::chrono::seconds>(*seconds);
  }
  if (const Json* timeout = Member(pool_settings, "pool_timeout")) {
    Result<std::chrono::seconds> seconds = ReadSeconds(*timeout, "pool_timeout");
    if (!seconds) return seconds.error();
    settings.pool_timeout = *seconds;
  }
  return {};
}

}  // namespace

Result<PoolSettings> ReadPoolSettings(const Json& configuration) {
  const Json* connection_info = Member(configuration, "connection_info");
  if (connection_info == nullptr) return Invalid("the source configuration has no connection_info");
  PoolSettings settings;
  Result<std::string> url = ReadDatabaseUrl(*connection_info);
  if (!url) return url.error();
  settings.database_url = std::move(url).value();
  if (const Json* pool_settings = Member(*connection_info, "pool_settings")) {
    if (Status limits = ReadPoolLimits(*pool_settings, settings); !limits) return limits.error();
  }
  if (const Json* isolation = Member(*connection_info, "isolation_level")) {
    const std::string level = isolation->is_string() ? isolation->get<std::string>() : "";
    if (level != "read-committed" && level != "repeatable-read" && level != "serializable") {
      return Invalid(
          "isolation_level must be one of read-committed, repeatable-read, "
          "serializable");
    }
    settings.isolation_level = level;
  }
  return settings;
}

}  // namespace junction::backends::postgres
