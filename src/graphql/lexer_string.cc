// The string half of the lexer (spec October 2021, §2.9.4): "quoted" strings with their escapes
// and """block""" strings, decoded as they are read. See lexer.h.

#include "graphql/lexer.h"

#include <array>
#include <bit>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "graphql/block_string.h"
#include "graphql/syntax_error.h"
#include "graphql/utf8.h"

namespace junction::graphql {
namespace {

// Bytes a string or block string copies as they are: ASCII but for `"`, `\` and line breaks.
constexpr std::array<bool, 256> MakePlainStringByte() {
  std::array<bool, 256> table{};
  for (int c = 0; c < 0x80; ++c) table[c] = c != '"' && c != '\\' && c != '\n' && c != '\r';
  return table;
}
constexpr std::array<bool, 256> kPlainStringByte = MakePlainStringByte();

// Flags (high bit) the bytes of `word` equal to `byte`: the has-zero-byte test on word ^ byte…byte.
// Bytes above a true match may be flagged wrongly, never bytes below it, so the lowest flag marks
// the first match.
constexpr uint64_t HasByte(uint64_t word, uint8_t byte) {
  constexpr uint64_t kOnes = 0x0101010101010101;
  constexpr uint64_t kHighBits = 0x8080808080808080;
  const uint64_t x = word ^ (kOnes * byte);
  return (x - kOnes) & ~x & kHighBits;
}

// The offset of the first byte from `offset` on that is not a plain string byte, sixteen (SSE2)
// or eight bytes at a time: descriptions make up most of a large schema.
size_t SkipPlainStringBytes(std::string_view text, size_t offset) {
  const char* data = text.data();
  const size_t size = text.size();
#if defined(__SSE2__)
  const __m128i quote = _mm_set1_epi8('"');
  const __m128i backslash = _mm_set1_epi8('\\');
  const __m128i newline = _mm_set1_epi8('\n');
  const __m128i carriage_return = _mm_set1_epi8('\r');
  while (offset + 16 <= size) {
    const __m128i bytes = _mm_loadu_si128(reinterpret_cast<const __m128i*>(data + offset));
    const __m128i special = _mm_or_si128(
        _mm_or_si128(_mm_cmpeq_epi8(bytes, quote), _mm_cmpeq_epi8(bytes, backslash)),
        _mm_or_si128(_mm_cmpeq_epi8(bytes, newline), _mm_cmpeq_epi8(bytes, carriage_return)));
    // The high bit of each byte flags a match or a non-ASCII byte.
    const auto mask = static_cast<unsigned>(_mm_movemask_epi8(_mm_or_si128(special, bytes)));
    if (mask != 0) return offset + static_cast<size_t>(std::countr_zero(mask));
    offset += 16;
  }
#endif
  while (offset + 8 <= size) {
    uint64_t word;
    std::memcpy(&word, data + offset, 8);
    const uint64_t special = HasByte(word, '"') | HasByte(word, '\\') | HasByte(word, '\n') |
                             HasByte(word, '\r') | (word & 0x8080808080808080);
    if (special != 0) {
      if constexpr (std::endian::native == std::endian::little) {
        return offset + static_cast<size_t>(std::countr_zero(special)) / 8;
      }
      break;
    }
    offset += 8;
  }
  while (offset < size && kPlainStringByte[static_cast<unsigned char>(data[offset])]) ++offset;
  return offset;
}

int HexValue(int c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

bool IsLeadingSurrogate(int32_t code) { return code >= 0xD800 && code <= 0xDBFF; }
bool IsTrailingSurrogate(int32_t code) { return code >= 0xDC00 && code <= 0xDFFF; }

}  // namespace

// StringValue :: " StringCharacter* " (§2.9.4), decoding escapes as it goes.
Result<Token> Lexer::ReadString(size_t start) {
  Token token = Make(TokenKind::kString, start, start);
  const size_t size = source_.size();
  size_t pos = start + 1;
  size_t chunk_start = pos;
  while (pos < size) {
    const int c = static_cast<unsigned char>(source_[pos]);
    if (kPlainStringByte[c]) {
      pos = SkipPlainStringBytes(source_, pos);
      continue;
    }
    if (c == '"') {
      token.value.append(source_.data() + chunk_start, pos - chunk_start);
      token.end = static_cast<uint32_t>(pos + 1);
      position_ = pos + 1;
      return token;
    }
    if (c == '\\') {
      token.value.append(source_.data() + chunk_start, pos - chunk_start);
      Status escaped = ReadEscape(pos, token.value);
      if (!escaped) return std::move(escaped).error();
      chunk_start = pos;
      continue;
    }
    if (c == '\n' || c == '\r') break;
    const Utf8Char decoded = DecodeUtf8(source_, pos);
    if (!decoded.IsScalarValue()) {
      return ErrorAt(pos, "Invalid character within String: " + DescribeCharAt(source_, pos) + ".");
    }
    pos += decoded.length;
    line_start_ += decoded.length - decoded.Utf16Length();
  }
  return ErrorAt(pos, "Unterminated string.");
}

Status Lexer::ReadEscape(size_t& offset, std::string& out) const {
  const size_t size = source_.size();
  const auto at = [&](size_t i) -> int {
    return i < size ? static_cast<unsigned char>(source_[i]) : -1;
  };
  const size_t escape = offset;  // the backslash
  const auto invalid = [&](std::string_view what, size_t units) {
    return ErrorAt(escape, std::string(what) + ": \"" +
                               std::string(SliceCodeUnits(source_, escape, units)) + "\".");
  };
  if (at(escape + 1) == 'u' && at(escape + 2) == '{') {
    // \u{HexDigit+}: at most eight digits, a Unicode scalar value. The arithmetic is graphql-js's
    // 32-bit one so that the message quotes the same characters.
    uint32_t point = 0;
    size_t length = 3;
    while (length < 12) {
      const int c = at(escape + length++);
      if (c == '}') {
        if (length < 5 || !IsScalarValue(static_cast<int32_t>(point))) break;
        AppendUtf8(static_cast<int32_t>(point), out);
        offset = escape + length;
        return {};
      }
      const int digit = HexValue(c);
      if (digit < 0) break;
      point = (point << 4) | static_cast<uint32_t>(digit);
      if (static_cast<int32_t>(point) < 0) break;
    }
    return invalid("Invalid Unicode escape sequence", length);
  }
  if (at(escape + 1) == 'u') {
    // \uXXXX, or a JSON-style surrogate pair \uD83D\uDE00.
    const auto read_hex4 = [&](size_t from) -> int32_t {
      int32_t code = 0;
      for (size_t i = 0; i < 4; ++i) {
        const int digit = HexValue(at(from + i));
        if (digit < 0) return -1;
        code = (code << 4) | digit;
      }
      return code;
    };
    const int32_t code = read_hex4(escape + 2);
    if (IsScalarValue(code)) {
      AppendUtf8(code, out);
      offset = escape + 6;
      return {};
    }
    if (IsLeadingSurrogate(code) && at(escape + 6) == '\\' && at(escape + 7) == 'u') {
      const int32_t trailing = read_hex4(escape + 8);
      if (IsTrailingSurrogate(trailing)) {
        AppendUtf8(0x10000 + ((code - 0xD800) << 10) + (trailing - 0xDC00), out);
        offset = escape + 12;
        return {};
      }
    }
    return invalid("Invalid Unicode escape sequence", 6);
  }
  char decoded = 0;
  switch (at(escape + 1)) {
    case '"':
      decoded = '"';
      break;
    case '\\':
      decoded = '\\';
      break;
    case '/':
      decoded = '/';
      break;
    case 'b':
      decoded = '\b';
      break;
    case 'f':
      decoded = '\f';
      break;
    case 'n':
      decoded = '\n';
      break;
    case 'r':
      decoded = '\r';
      break;
    case 't':
      decoded = '\t';
      break;
    default:
      return invalid("Invalid character escape sequence", 2);
  }
  out.push_back(decoded);
  offset = escape + 2;
  return {};
}

// StringValue :: """ BlockStringCharacter* """ (§2.9.4); the value is BlockStringValue(raw).
// The raw lines are views of the source, found while reading; an escaped triple quote (rare)
// makes the raw text differ from the source, and then it is copied.
Result<Token> Lexer::ReadBlockString(size_t start) {
  Token token = Make(TokenKind::kBlockString, start, start);
  const size_t size = source_.size();
  const char* data = source_.data();
  size_t pos = start + 3;
  size_t line_start = pos;
  size_t chunk_start = pos;
  std::string unescaped;  // the raw text, once an escaped triple quote makes it differ
  bool escaped = false;
  block_lines_.clear();
  while (pos < size) {
    const int c = static_cast<unsigned char>(data[pos]);
    if (kPlainStringByte[c]) {
      pos = SkipPlainStringBytes(source_, pos);
      continue;
    }
    if (c == '"' && pos + 2 < size && data[pos + 1] == '"' && data[pos + 2] == '"') {
      if (escaped) {
        unescaped.append(data + chunk_start, pos - chunk_start);
        token.value = BlockStringValue(unescaped);
      } else {
        block_lines_.push_back(source_.substr(line_start, pos - line_start));
        token.value = BlockStringValue(block_lines_);
      }
      token.end = static_cast<uint32_t>(pos + 3);
      position_ = pos + 3;
      return token;
    }
    if (c == '\\' && pos + 3 < size && data[pos + 1] == '"' && data[pos + 2] == '"' &&
        data[pos + 3] == '"') {
      unescaped.append(data + chunk_start, pos - chunk_start);
      escaped = true;
      chunk_start = pos + 1;  // keep the quotes, drop the backslash
      pos += 4;
      continue;
    }
    if (c == '\n' || c == '\r') {
      block_lines_.push_back(source_.substr(line_start, pos - line_start));
      pos += (c == '\r' && pos + 1 < size && data[pos + 1] == '\n') ? 2 : 1;
      line_start = pos;
      ++line_;
      line_start_ = pos;
      continue;
    }
    if (c < 0x80) {  // a lone `"` or `\`
      ++pos;
      continue;
    }
    const Utf8Char decoded = DecodeUtf8(source_, pos);
    if (!decoded.IsScalarValue()) {
      return ErrorAt(pos, "Invalid character within String: " + DescribeCharAt(source_, pos) + ".");
    }
    pos += decoded.length;
    line_start_ += decoded.length - decoded.Utf16Length();
  }
  return ErrorAt(pos, "Unterminated string.");
}

}  // namespace junction::graphql
