#include "graphql/inspect.h"

#include <charconv>
#include <cmath>
#include <cstdlib>
#include <string_view>

#include "common/json_writer.h"

namespace junction::graphql {
namespace {

constexpr size_t kMaxArrayLength = 10;
constexpr size_t kMaxRecursiveDepth = 2;

// `depth` is the number of containers enclosing `value` plus one, as graphql-js's seenValues.
void InspectInto(std::string& out, const nlohmann::ordered_json& value, size_t depth) {
  switch (value.type()) {
    case nlohmann::json::value_t::string:
      AppendJsonString(out, value.get_ref<const std::string&>());
      return;
    case nlohmann::json::value_t::null:
      out += "null";
      return;
    case nlohmann::json::value_t::boolean:
      out += value.get<bool>() ? "true" : "false";
      return;
    case nlohmann::json::value_t::number_integer:
    case nlohmann::json::value_t::number_unsigned:
    case nlohmann::json::value_t::number_float:
      out += JsNumberToString(JsonToJsNumber(value));
      return;
    case nlohmann::json::value_t::array: {
      if (value.empty()) {
        out += "[]";
        return;
      }
      if (depth > kMaxRecursiveDepth) {
        out += "[Array]";
        return;
      }
      out += '[';
      size_t shown = std::min(kMaxArrayLength, value.size());
      for (size_t i = 0; i < shown; ++i) {
        if (i > 0) out += ", ";
        InspectInto(out, value[i], depth + 1);
      }
      size_t remaining = value.size() - shown;
      if (remaining == 1) out += ", ... 1 more item";
      if (remaining > 1) out += ", ... " + std::to_string(remaining) + " more items";
      out += ']';
      return;
    }
    case nlohmann::json::value_t::object: {
      if (value.empty()) {
        out += "{}";
        return;
      }
      if (depth > kMaxRecursiveDepth) {
        out += "[Object]";
        return;
      }
      out += "{ ";
      bool first = true;
      for (const auto& [key, member] : value.items()) {
        if (!first) out += ", ";
        first = false;
        out += key;
        out += ": ";
        InspectInto(out, member, depth + 1);
      }
      out += " }";
      return;
    }
    default:
      out += "undefined";  // binary and discarded values do not occur in our JSON
  }
}

}  // namespace

std::string Inspect(const nlohmann::ordered_json& value) {
  std::string out;
  InspectInto(out, value, 1);
  return out;
}

nlohmann::ordered_json JsonFromJsNumber(double value) {
  constexpr double kMaxSafeInteger = 9007199254740991.0;
  if (std::trunc(value) == value && std::fabs(value) <= kMaxSafeInteger) {
    return static_cast<int64_t>(value);
  }
  return value;
}

double JsonToJsNumber(const nlohmann::ordered_json& value) {
  if (value.is_number_unsigned()) return static_cast<double>(value.get<uint64_t>());
  if (value.is_number_integer()) return static_cast<double>(value.get<int64_t>());
  return value.get<double>();
}

// ECMAScript Number::toString(10): the shortest round-trip digits d1…dk and exponent n (value is
// 0.d1…dk × 10^n), laid out in plain notation when -6 < n <= 21 and in exponent notation otherwise.
std::string JsNumberToString(double value) {
  if (std::isnan(value)) return "NaN";
  if (value == 0) return "0";
  if (std::isinf(value)) return value < 0 ? "-Infinity" : "Infinity";
  char buffer[64];
  auto [end, ec] =
      std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::scientific);
  std::string_view text(buffer, static_cast<size_t>(end - buffer));  // "-1.2345e+04"
  std::string sign;
  if (text.front() == '-') {
    sign = "-";
    text.remove_prefix(1);
  }
  size_t e = text.find('e');
  std::string digits;
  for (char c : text.substr(0, e)) {
    if (c != '.') digits.push_back(c);
  }
  int exponent = std::atoi(std::string(text.substr(e + 1)).c_str());
  int k = static_cast<int>(digits.size());
  int n = exponent + 1;
  std::string out = sign;
  if (k <= n && n <= 21) {
    out += digits + std::string(static_cast<size_t>(n - k), '0');
  } else if (0 < n && n <= 21) {
    out += digits.substr(0, static_cast<size_t>(n)) + "." + digits.substr(static_cast<size_t>(n));
  } else if (-6 < n && n <= 0) {
    out += "0." + std::string(static_cast<size_t>(-n), '0') + digits;
  } else {
    out += digits.substr(0, 1);
    if (k > 1) out += "." + digits.substr(1);
    out += (n - 1 >= 0 ? "e+" : "e-") + std::to_string(std::abs(n - 1));
  }
  return out;
}

}  // namespace junction::graphql
