#include "graphql/utf8.h"

#include <cstdio>

namespace junction::graphql {

Utf8Char DecodeUtf8(std::string_view text, size_t offset) {
  const auto byte = [&](size_t i) -> uint32_t {
    return offset + i < text.size() ? static_cast<unsigned char>(text[offset + i]) : 0;
  };
  const auto continuation = [&](size_t i) { return (byte(i) & 0xC0) == 0x80; };
  const uint32_t lead = byte(0);
  Utf8Char out;
  out.code_point = static_cast<int32_t>(lead);
  if (lead < 0x80) {
    out.well_formed = true;
    return out;
  }
  if (lead >= 0xC2 && lead <= 0xDF && continuation(1)) {
    out.code_point = static_cast<int32_t>(((lead & 0x1F) << 6) | (byte(1) & 0x3F));
    out.length = 2;
    out.well_formed = true;
    return out;
  }
  if (lead >= 0xE0 && lead <= 0xEF && continuation(1) && continuation(2)) {
    const uint32_t code = ((lead & 0x0F) << 12) | ((byte(1) & 0x3F) << 6) | (byte(2) & 0x3F);
    if (code >= 0x800) {
      out.code_point = static_cast<int32_t>(code);
      out.length = 3;
      out.well_formed = true;
    }
    return out;
  }
  if (lead >= 0xF0 && lead <= 0xF4 && continuation(1) && continuation(2) && continuation(3)) {
    const uint32_t code = ((lead & 0x07) << 18) | ((byte(1) & 0x3F) << 12) |
                          ((byte(2) & 0x3F) << 6) | (byte(3) & 0x3F);
    if (code >= 0x10000 && code <= 0x10FFFF) {
      out.code_point = static_cast<int32_t>(code);
      out.length = 4;
      out.well_formed = true;
    }
    return out;
  }
  return out;
}

void AppendUtf8(int32_t code_point, std::string& out) {
  const auto code = static_cast<uint32_t>(code_point);
  if (code < 0x80) {
    out.push_back(static_cast<char>(code));
  } else if (code < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (code >> 6)));
    out.push_back(static_cast<char>(0x80 | (code & 0x3F)));
  } else if (code < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (code >> 12)));
    out.push_back(static_cast<char>(0x80 | ((code >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (code & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (code >> 18)));
    out.push_back(static_cast<char>(0x80 | ((code >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((code >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (code & 0x3F)));
  }
}

size_t Utf16Length(std::string_view text) {
  size_t units = 0;
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if ((byte & 0xC0) != 0x80) units += byte >= 0xF0 ? 2 : 1;
  }
  return units;
}

std::string_view SliceCodeUnits(std::string_view text, size_t offset, size_t units) {
  size_t end = offset;
  while (units > 0 && end < text.size()) {
    const Utf8Char decoded = DecodeUtf8(text, end);
    end += decoded.length;
    units -= decoded.Utf16Length() > units ? units : decoded.Utf16Length();
  }
  return text.substr(offset, end - offset);
}

std::string DescribeCharAt(std::string_view text, size_t offset) {
  if (offset >= text.size()) return "<EOF>";
  const Utf8Char decoded = DecodeUtf8(text, offset);
  char buffer[32];
  if (!decoded.well_formed) {
    std::snprintf(buffer, sizeof buffer, "byte 0x%02X (not UTF-8)",
                  static_cast<unsigned>(static_cast<unsigned char>(text[offset])));
    return buffer;
  }
  const int32_t code = decoded.code_point;
  if (code == '"') return "'\"'";
  if (code >= 0x20 && code <= 0x7E) return std::string{'"', static_cast<char>(code), '"'};
  std::snprintf(buffer, sizeof buffer, "U+%04X", static_cast<unsigned>(code));
  return buffer;
}

}  // namespace junction::graphql
