#pragma once
// UTF-8 helpers for the GraphQL lexer and printer. GraphQL source text is a sequence of Unicode
// scalar values (§2.1.1); Junction receives it as UTF-8, while graphql-js — whose messages,
// columns and line-length rules we reproduce — counts UTF-16 code units. These helpers bridge the
// two: decoding one character, measuring in UTF-16 units, and describing a character the way
// graphql-js's error messages do.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace junction::graphql {

// One decoded character. `well_formed` is false for bytes that are not UTF-8 (bad lead or
// continuation bytes, overlong forms, values past U+10FFFF); those decode as one byte. Encoded
// surrogates (U+D800–U+DFFF) are well formed here but are not scalar values.
struct Utf8Char {
  int32_t code_point = 0;
  uint8_t length = 1;  // bytes
  bool well_formed = false;

  bool IsScalarValue() const { return well_formed && (code_point < 0xD800 || code_point > 0xDFFF); }
  // 2 for a supplementary code point (a surrogate pair in UTF-16), else 1.
  size_t Utf16Length() const { return code_point >= 0x10000 ? 2 : 1; }
};

// Decodes the character at byte `offset`. REQUIRES: offset < text.size().
Utf8Char DecodeUtf8(std::string_view text, size_t offset);

// True for U+0000–U+D7FF and U+E000–U+10FFFF.
inline bool IsScalarValue(int32_t code) {
  return (code >= 0 && code <= 0xD7FF) || (code >= 0xE000 && code <= 0x10FFFF);
}

// Appends the UTF-8 form of a scalar value.
void AppendUtf8(int32_t code_point, std::string& out);

// The length of `text` in UTF-16 code units (what JavaScript's `length` reports).
size_t Utf16Length(std::string_view text);

// The bytes from `offset` covering `units` UTF-16 code units (whole characters, clamped to the
// end of `text`): JavaScript's `text.slice(offset, offset + units)`.
std::string_view SliceCodeUnits(std::string_view text, size_t offset, size_t units);

// graphql-js's printCodePointAt: `<EOF>` past the end, `"c"` for printable ASCII (`'"'` for the
// double quote), `U+XXXX` otherwise; bytes that are not UTF-8 print as `byte 0xFF (not UTF-8)`.
std::string DescribeCharAt(std::string_view text, size_t offset);

}  // namespace junction::graphql
