#pragma once
// Lexer: GraphQL source text → tokens (spec October 2021, §2.1), one at a time, for the parser
// (parser.h). Ignored tokens (white space, line terminators, commas, comments, the byte order mark)
// are skipped. Names and numbers are views into the source; string values are decoded (escapes,
// `\u{…}`, surrogate pairs; block strings through the spec's BlockStringValue dedent).
//
//   Lexer lexer("{ a(x: 1.5) }");
//   lexer.Next() → { · Name "a" · ( · Name "x" · : · Float "1.5" · ) · } · <EOF> · <EOF> …
//
// The source is UTF-8. Locations are 1-based lines and columns counted in UTF-16 code units, as
// graphql-js counts them. Errors are graphql-js's messages (syntax_error.h), e.g.
// `Syntax Error: Unterminated string.`; invalid UTF-8 is reported as an invalid character.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"
#include "graphql/ast.h"

namespace junction::graphql {

enum class TokenKind : uint8_t {
  kSof,
  kEof,
  kBang,
  kDollar,
  kAmp,
  kParenL,
  kParenR,
  kSpread,
  kColon,
  kEquals,
  kAt,
  kBracketL,
  kBracketR,
  kBraceL,
  kPipe,
  kBraceR,
  kName,
  kInt,
  kFloat,
  kString,
  kBlockString,
};

// graphql-js's name of the kind: "<EOF>", "!", "...", "Name", "BlockString", …
std::string_view ToString(TokenKind kind);
bool IsPunctuator(TokenKind kind);

// Whether `text` is a GraphQL Name (/[_A-Za-z][_0-9A-Za-z]*/): what field, type and argument names
// in metadata must be.
bool IsName(std::string_view text);

struct Token {
  TokenKind kind = TokenKind::kSof;
  uint32_t start = 0;  // byte offsets of the token in the source, [start, end)
  uint32_t end = 0;
  Location location;  // of `start`
  // kName, kInt, kFloat: the token's text (a view into the source). Empty for punctuators.
  std::string_view text;
  // kString, kBlockString: the decoded value.
  std::string value;

  // True for the kinds that carry a value (names, numbers, strings).
  bool HasValue() const { return kind >= TokenKind::kName; }
  // The token's value: `text` or, for strings, `value`.
  std::string_view Value() const {
    return kind == TokenKind::kString || kind == TokenKind::kBlockString ? value : text;
  }
  // graphql-js's description of the token for messages: `Name "x"`, `"{"`, `<EOF>`.
  std::string Describe() const;
};

class Lexer {
 public:
  // The source must outlive the lexer and the tokens it returns. REQUIRES: source.size() < 4 GiB.
  explicit Lexer(std::string_view source);

  // The next token; after the end of the source, kEof on every call.
  Result<Token> Next();

  std::string_view source() const { return source_; }

 private:
  Token Make(TokenKind kind, size_t start, size_t end) const;
  Error ErrorAt(size_t offset, std::string_view description) const;
  Result<Token> ReadNumber(size_t start);
  Result<Token> ReadString(size_t start);
  Result<Token> ReadBlockString(size_t start);
  Result<Token> ReadName(size_t start);
  Error UnexpectedCharacter(size_t offset) const;
  // Appends the code point an escape at `offset` (the backslash) stands for; advances `offset`.
  Status ReadEscape(size_t& offset, std::string& out) const;

  std::string_view source_;
  size_t position_ = 0;
  uint32_t line_ = 1;
  // Byte offset of the current line's start, moved right by the bytes that a UTF-8 sequence takes
  // beyond its UTF-16 length, so that `1 + offset - line_start_` is the UTF-16 column.
  size_t line_start_ = 0;
  // Scratch space of ReadBlockString, kept to reuse its allocation.
  std::vector<std::string_view> block_lines_;
};

}  // namespace junction::graphql
