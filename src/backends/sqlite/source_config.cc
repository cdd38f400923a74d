#include "backends/sqlite/source_config.h"

#include <cmath>
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <utility>

namespace junction::backends::sqlite {
namespace {

using metadata::Json;

Error Invalid(std::string message) {
  return Error(ErrorCode::kInvalidConfiguration, std::move(message));
}

// The member `key` of `object`; null when absent or JSON null (Hasura writes "timeout": null).
const Json* Member(const Json& object, std::string_view key) {
  const Json* member = metadata::FindKey(object, key);
  return member == nullptr || member->is_null() ? nullptr : member;
}

// sqlite3_busy_timeout takes an int of milliseconds.
constexpr int64_t kMaxBusyTimeout = std::numeric_limits<int>::max();

// A whole number of milliseconds in [0, kMaxBusyTimeout]; 5000.0 is accepted as 5000.
Result<std::chrono::milliseconds> ReadBusyTimeout(const Json& value) {
  const Error invalid =
      Invalid("the SQLite source's busy_timeout must be a whole number from 0 to " +
              std::to_string(kMaxBusyTimeout) + " (milliseconds)");
  if (value.is_number_unsigned()) {
    const uint64_t number = value.get<uint64_t>();
    if (number > static_cast<uint64_t>(kMaxBusyTimeout)) return invalid;
    return std::chrono::milliseconds(static_cast<int64_t>(number));
  }
  if (value.is_number_integer()) {
    const int64_t number = value.get<int64_t>();
    if (number < 0 || number > kMaxBusyTimeout) return invalid;
    return std::chrono::milliseconds(number);
  }
  if (value.is_number_float()) {
    const double number = value.get<double>();
    if (!(number >= 0 && number <= static_cast<double>(kMaxBusyTimeout)) ||
        number != std::floor(number)) {
      return invalid;
    }
    return std::chrono::milliseconds(static_cast<int64_t>(number));
  }
  return invalid;
}

}  // namespace

Result<SourceConfig> ReadSourceConfig(const Json& configuration) {
  if (!configuration.is_object()) {
    return Invalid("the SQLite source's configuration must be an object");
  }
  // Hasura's data-connector form wraps the agent's configuration in "value".
  const Json* settings = &configuration;
  if (const Json* value = Member(configuration, "value"); value && !Member(configuration, "db")) {
    if (!value->is_object())
      return Invalid("the SQLite source's configuration.value must be an object");
    settings = value;
  }

  SourceConfig config;
  const Json* db = Member(*settings, "db");
  if (db == nullptr) return Invalid("the SQLite source's configuration has no \"db\" (the file)");
  if (!db->is_string() || db->get<std::string>().empty()) {
    return Invalid("the SQLite source's db must be a non-empty string (the file's path)");
  }
  config.database = db->get<std::string>();
  // SQLite reads a path up to its first NUL; one inside would open another file than shown.
  if (config.database.find('\0') != std::string::npos) {
    return Invalid("the SQLite source's db must not contain a NUL character");
  }

  if (const Json* read_only = Member(*settings, "read_only")) {
    if (!read_only->is_boolean()) return Invalid("the SQLite source's read_only must be a boolean");
    config.read_only = read_only->get<bool>();
  }
  if (const Json* busy_timeout = Member(*settings, "busy_timeout")) {
    Result<std::chrono::milliseconds> timeout = ReadBusyTimeout(*busy_timeout);
    if (!timeout) return timeout.error();
    config.busy_timeout = *timeout;
  }
  return config;
}

}  // namespace junction::backends::sqlite
