#include "metadata/json_text.h"

#include <string>

namespace junction::metadata {
namespace {

// The deepest nesting of arrays and objects in `text`, stopping early once past `limit`. Strings
// are skipped so brackets inside them do not count; the text need not be valid JSON.
size_t NestingDepth(std::string_view text, size_t limit) {
  size_t depth = 0;
  size_t deepest = 0;
  bool in_string = false;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      if (c == '\\') {
        ++i;
      } else if (c == '"') {
        in_string = false;
      }
      continue;
    }
    if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth > deepest) {
        deepest = depth;
        if (deepest > limit) return deepest;
      }
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    }
  }
  return deepest;
}

bool IsBlank(std::string_view text) {
  return text.find_first_not_of(" \t\r\n") == std::string_view::npos;
}

// nlohmann's message without its "[json.exception.parse_error.101] parse error at " prefix:
// "line 1, column 8: syntax error while parsing value - invalid literal; last read: '…'".
std::string ParseErrorDetail(const char* what) {
  std::string_view message = what;
  if (const size_t bracket = message.find("] "); bracket != std::string_view::npos) {
    message.remove_prefix(bracket + 2);
  }
  constexpr std::string_view kPrefix = "parse error at ";
  if (message.substr(0, kPrefix.size()) == kPrefix) message.remove_prefix(kPrefix.size());
  return std::string(message);
}

}  // namespace

Result<Json> ParseJsonText(std::string_view text, size_t max_depth) {
  if (IsBlank(text)) {
    return Error(ErrorCode::kInvalidJson, "Error in $: not enough input");
  }
  if (NestingDepth(text, max_depth) > max_depth) {
    return Error(ErrorCode::kInvalidJson, "Error in $: JSON is nested more than " +
                                              std::to_string(max_depth) + " levels deep");
  }
  try {
    return Json::parse(text.begin(), text.end());
  } catch (const Json::parse_error& error) {
    return Error(ErrorCode::kInvalidJson, "Error in $: " + ParseErrorDetail(error.what()));
  } catch (const Json::exception& error) {
    return Error(ErrorCode::kInvalidJson, std::string("Error in $: ") + error.what());
  }
}

std::string DumpJson(const Json& value) {
  return value.dump(-1, ' ', false, Json::error_handler_t::replace);
}

}  // namespace junction::metadata
