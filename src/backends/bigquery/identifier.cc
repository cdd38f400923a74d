#include "backends/bigquery/identifier.h"

#include <string>
#include <string_view>

namespace junction::backends::bigquery {
namespace {

// Why `name` cannot be quoted, or nullptr when it can.
const char* Refusal(std::string_view name) {
  if (name.empty()) return "it is empty";
  for (const char c : name) {
    const auto byte = static_cast<unsigned char>(c);
    if (c == '`') return "it holds a backtick";
    if (c == '\\') return "it holds a backslash";
    if (byte < 0x20 || byte == 0x7F) return "it holds a control character";
  }
  return nullptr;
}

}  // namespace

Result<std::string> QuoteIdentifier(std::string_view name) {
  if (const char* why = Refusal(name)) {
    return Error(ErrorCode::kValidationFailed,
                 "the name \"" + std::string(name) + "\" cannot be used in BigQuery SQL: " + why);
  }
  std::string quoted;
  quoted.reserve(name.size() + 2);
  quoted.push_back('`');
  quoted.append(name);
  quoted.push_back('`');
  return quoted;
}

std::string Upper(std::string_view text) {
  std::string upper(text);
  // ASCII only: a locale's toupper could fold other bytes of a UTF-8 name.
  for (char& c : upper) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  return upper;
}

}  // namespace junction::backends::bigquery
