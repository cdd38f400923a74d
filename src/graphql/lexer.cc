#include "graphql/lexer.h"

#include <algorithm>
#include <array>

#include "graphql/syntax_error.h"
#include "graphql/utf8.h"

namespace junction::graphql {
namespace {

constexpr std::array<bool, 256> MakeNameContinue() {
  std::array<bool, 256> table{};
  for (int c = 'a'; c <= 'z'; ++c) table[c] = true;
  for (int c = 'A'; c <= 'Z'; ++c) table[c] = true;
  for (int c = '0'; c <= '9'; ++c) table[c] = true;
  table['_'] = true;
  return table;
}
constexpr std::array<bool, 256> kNameContinue = MakeNameContinue();

bool IsDigit(int c) { return c >= '0' && c <= '9'; }
bool IsNameStart(int c) { return c != -1 && kNameContinue[c] && !IsDigit(c); }

}  // namespace

bool IsName(std::string_view text) {
  if (text.empty() || !IsNameStart(static_cast<unsigned char>(text.front()))) return false;
  return std::ranges::all_of(text,
                             [](char c) { return kNameContinue[static_cast<unsigned char>(c)]; });
}

std::string_view ToString(TokenKind kind) {
  switch (kind) {
    case TokenKind::kSof:
      return "<SOF>";
    case TokenKind::kEof:
      return "<EOF>";
    case TokenKind::kBang:
      return "!";
    case TokenKind::kDollar:
      return "$";
    case TokenKind::kAmp:
      return "&";
    case TokenKind::kParenL:
      return "(";
    case TokenKind::kParenR:
      return ")";
    case TokenKind::kSpread:
      return "...";
    case TokenKind::kColon:
      return ":";
    case TokenKind::kEquals:
      return "=";
    case TokenKind::kAt:
      return "@";
    case TokenKind::kBracketL:
      return "[";
    case TokenKind::kBracketR:
      return "]";
    case TokenKind::kBraceL:
      return "{";
    case TokenKind::kPipe:
      return "|";
    case TokenKind::kBraceR:
      return "}";
    case TokenKind::kName:
      return "Name";
    case TokenKind::kInt:
      return "Int";
    case TokenKind::kFloat:
      return "Float";
    case TokenKind::kString:
      return "String";
    case TokenKind::kBlockString:
      return "BlockString";
  }
  return "<EOF>";
}

bool IsPunctuator(TokenKind kind) { return kind >= TokenKind::kBang && kind <= TokenKind::kBraceR; }

std::string Token::Describe() const {
  std::string out;
  if (IsPunctuator(kind)) {
    out.append("\"").append(ToString(kind)).append("\"");
  } else {
    out.append(ToString(kind));
  }
  if (HasValue()) out.append(" \"").append(Value()).append("\"");
  return out;
}

Lexer::Lexer(std::string_view source) : source_(source) {}

Token Lexer::Make(TokenKind kind, size_t start, size_t end) const {
  Token token;
  token.kind = kind;
  token.start = static_cast<uint32_t>(start);
  token.end = static_cast<uint32_t>(end);
  token.location = {line_, static_cast<uint32_t>(1 + start - line_start_)};
  return token;
}

Error Lexer::ErrorAt(size_t offset, std::string_view description) const {
  return SyntaxError(source_, offset, description);
}

Error Lexer::UnexpectedCharacter(size_t offset) const {
  if (source_[offset] == '\'') {
    return ErrorAt(offset,
                   "Unexpected single quote character ('), did you mean to use a double quote "
                   "(\")?");
  }
  const Utf8Char decoded = DecodeUtf8(source_, offset);
  const char* prefix = decoded.IsScalarValue() ? "Unexpected character: " : "Invalid character: ";
  return ErrorAt(offset, std::string(prefix) + DescribeCharAt(source_, offset) + ".");
}

Result<Token> Lexer::Next() {
  const size_t size = source_.size();
  const auto at = [&](size_t i) -> int {
    return i < size ? static_cast<unsigned char>(source_[i]) : -1;
  };
  size_t pos = position_;
  while (pos < size) {
    const int c = static_cast<unsigned char>(source_[pos]);
    TokenKind punctuator = TokenKind::kSof;
    switch (c) {
      case '\t':
      case ' ':
      case ',':
        ++pos;
        continue;
      case '\n':
        ++pos;
        ++line_;
        line_start_ = pos;
        continue;
      case '\r':
        pos += at(pos + 1) == '\n' ? 2 : 1;
        ++line_;
        line_start_ = pos;
        continue;
      case 0xEF:  // U+FEFF, the byte order mark: three bytes, one UTF-16 unit
        if (at(pos + 1) == 0xBB && at(pos + 2) == 0xBF) {
          pos += 3;
          line_start_ += 2;
          continue;
        }
        return UnexpectedCharacter(pos);
      case '#':
        // Comment :: # CommentChar*; it ends at a line terminator or at an invalid character.
        ++pos;
        while (pos < size) {
          const int d = static_cast<unsigned char>(source_[pos]);
          if (d == '\n' || d == '\r') break;
          if (d < 0x80) {
            ++pos;
            continue;
          }
          const Utf8Char decoded = DecodeUtf8(source_, pos);
          if (!decoded.IsScalarValue()) break;
          pos += decoded.length;
          line_start_ += decoded.length - decoded.Utf16Length();
        }
        continue;
      case '!':
        punctuator = TokenKind::kBang;
        break;
      case '$':
        punctuator = TokenKind::kDollar;
        break;
      case '&':
        punctuator = TokenKind::kAmp;
        break;
      case '(':
        punctuator = TokenKind::kParenL;
        break;
      case ')':
        punctuator = TokenKind::kParenR;
        break;
      case ':':
        punctuator = TokenKind::kColon;
        break;
      case '=':
        punctuator = TokenKind::kEquals;
        break;
      case '@':
        punctuator = TokenKind::kAt;
        break;
      case '[':
        punctuator = TokenKind::kBracketL;
        break;
      case ']':
        punctuator = TokenKind::kBracketR;
        break;
      case '{':
        punctuator = TokenKind::kBraceL;
        break;
      case '|':
        punctuator = TokenKind::kPipe;
        break;
      case '}':
        punctuator = TokenKind::kBraceR;
        break;
      case '.':
        if (at(pos + 1) == '.' && at(pos + 2) == '.') {
          position_ = pos + 3;
          return Make(TokenKind::kSpread, pos, pos + 3);
        }
        return UnexpectedCharacter(pos);
      case '"':
        if (at(pos + 1) == '"' && at(pos + 2) == '"') return ReadBlockString(pos);
        return ReadString(pos);
      default:
        if (IsDigit(c) || c == '-') return ReadNumber(pos);
        if (IsNameStart(c)) return ReadName(pos);
        return UnexpectedCharacter(pos);
    }
    position_ = pos + 1;
    return Make(punctuator, pos, pos + 1);
  }
  position_ = size;
  return Make(TokenKind::kEof, size, size);
}

Result<Token> Lexer::ReadName(size_t start) {
  size_t pos = start + 1;
  while (pos < source_.size() && kNameContinue[static_cast<unsigned char>(source_[pos])]) ++pos;
  Token token = Make(TokenKind::kName, start, pos);
  token.text = source_.substr(start, pos - start);
  position_ = pos;
  return token;
}

// IntValue and FloatValue (§2.9.1, §2.9.2), including the lookahead restriction: a number is not
// followed by a digit, `.` or a NameStart.
Result<Token> Lexer::ReadNumber(size_t start) {
  const size_t size = source_.size();
  const auto at = [&](size_t i) -> int {
    return i < size ? static_cast<unsigned char>(source_[i]) : -1;
  };
  const auto expected_digit = [&](size_t offset) {
    return ErrorAt(
        offset, "Invalid number, expected digit but got: " + DescribeCharAt(source_, offset) + ".");
  };
  const auto read_digits = [&](size_t& offset) -> bool {
    if (!IsDigit(at(offset))) return false;
    while (IsDigit(at(++offset))) {
    }
    return true;
  };
  size_t pos = start;
  bool is_float = false;
  if (at(pos) == '-') ++pos;
  if (at(pos) == '0') {
    ++pos;
    if (IsDigit(at(pos))) {
      return ErrorAt(
          pos, "Invalid number, unexpected digit after 0: " + DescribeCharAt(source_, pos) + ".");
    }
  } else if (!read_digits(pos)) {
    return expected_digit(pos);
  }
  if (at(pos) == '.') {
    is_float = true;
    ++pos;
    if (!read_digits(pos)) return expected_digit(pos);
  }
  if (at(pos) == 'e' || at(pos) == 'E') {
    is_float = true;
    ++pos;
    if (at(pos) == '+' || at(pos) == '-') ++pos;
    if (!read_digits(pos)) return expected_digit(pos);
  }
  if (at(pos) == '.' || IsNameStart(at(pos))) return expected_digit(pos);
  Token token = Make(is_float ? TokenKind::kFloat : TokenKind::kInt, start, pos);
  token.text = source_.substr(start, pos - start);
  position_ = pos;
  return token;
}

}  // namespace junction::graphql
