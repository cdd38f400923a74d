#include "graphql/syntax_error.h"

#include <cstdint>

namespace junction::graphql {

SourceLocation LocationAt(std::string_view source, size_t offset) {
  uint32_t line = 1;
  uint32_t column = 1;
  for (size_t i = 0; i < offset && i < source.size(); ++i) {
    const auto byte = static_cast<unsigned char>(source[i]);
    if (byte == '\n' || byte == '\r') {
      if (byte == '\r' && i + 1 < offset && source[i + 1] == '\n') ++i;
      ++line;
      column = 1;
    } else if ((byte & 0xC0) != 0x80) {
      // A lead byte starts one UTF-16 unit; a four-byte sequence is a surrogate pair (two units).
      column += byte >= 0xF0 ? 2 : 1;
    }
  }
  return {line, column};
}

Error SyntaxError(std::string_view source, size_t offset, std::string_view description) {
  std::string message;
  message.reserve(14 + description.size());
  message.append("Syntax Error: ").append(description);
  Error error(ErrorCode::kValidationFailed, std::move(message), "$.query");
  error.locations.push_back(LocationAt(source, offset));
  return error;
}

}  // namespace junction::graphql
