// Lexer tests: every token kind, ignored tokens, positions (lines after "\n", "\r\n", "\r";
// columns in UTF-16 units), string decoding, and graphql-js 16's messages for lexical errors
// (checked against graphql-js 16.8.2's output for the same inputs).

#include "graphql/lexer.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace junction::graphql {
namespace {

// All tokens up to and including <EOF>; fails the test on a lexical error.
std::vector<Token> LexAll(std::string_view source) {
  Lexer lexer(source);
  std::vector<Token> tokens;
  for (;;) {
    Result<Token> token = lexer.Next();
    if (!token) {
      ADD_FAILURE() << "unexpected error: " << token.error().message;
      return tokens;
    }
    tokens.push_back(std::move(*token));
    if (tokens.back().kind == TokenKind::kEof) return tokens;
  }
}

// The first token of `source`, which must lex.
Token LexOne(std::string_view source) {
  std::vector<Token> tokens = LexAll(source);
  return tokens.empty() ? Token{} : tokens.front();
}

// The string value of the only token of `source`.
std::string StringValue(std::string_view source) { return LexOne(source).value; }

// The error of lexing all of `source`, as "message @line:column".
std::string LexError(std::string_view source) {
  Lexer lexer(source);
  for (int i = 0; i < 1000; ++i) {
    Result<Token> token = lexer.Next();
    if (!token) {
      const Error& error = token.error();
      if (error.locations.size() != 1) return "no location: " + error.message;
      return error.message + " @" + std::to_string(error.locations[0].line) + ":" +
             std::to_string(error.locations[0].column);
    }
    if (token->kind == TokenKind::kEof) break;
  }
  return "no error";
}

TEST(LexerTest, PunctuatorsAndNames) {
  const std::vector<Token> tokens = LexAll("! $ & ( ) ... : = @ [ ] { | } _name9 Name_");
  const std::vector<TokenKind> expected = {
      TokenKind::kBang,   TokenKind::kDollar,   TokenKind::kAmp,      TokenKind::kParenL,
      TokenKind::kParenR, TokenKind::kSpread,   TokenKind::kColon,    TokenKind::kEquals,
      TokenKind::kAt,     TokenKind::kBracketL, TokenKind::kBracketR, TokenKind::kBraceL,
      TokenKind::kPipe,   TokenKind::kBraceR,   TokenKind::kName,     TokenKind::kName,
      TokenKind::kEof};
  ASSERT_EQ(tokens.size(), expected.size());
  for (size_t i = 0; i < expected.size(); ++i) EXPECT_EQ(tokens[i].kind, expected[i]) << i;
  EXPECT_EQ(tokens[14].text, "_name9");
  EXPECT_EQ(tokens[15].text, "Name_");
}

TEST(LexerTest, EofRepeatsAfterTheEnd) {
  Lexer lexer("a");
  ASSERT_EQ(lexer.Next()->kind, TokenKind::kName);
  EXPECT_EQ(lexer.Next()->kind, TokenKind::kEof);
  EXPECT_EQ(lexer.Next()->kind, TokenKind::kEof);
}

TEST(LexerTest, SkipsIgnoredTokens) {
  // White space, commas, comments, line terminators and the byte order mark.
  const std::vector<Token> tokens = LexAll("\xEF\xBB\xBF  ,,\t# a comment ✓\n  a,b # trailing\r\n");
  ASSERT_EQ(tokens.size(), 3u);
  EXPECT_EQ(tokens[0].text, "a");
  EXPECT_EQ(tokens[1].text, "b");
  EXPECT_EQ(tokens[2].kind, TokenKind::kEof);
}

TEST(LexerTest, CountsLinesAndColumns) {
  // "\n", "\r\n" and "\r" each end one line.
  const std::vector<Token> tokens = LexAll("a\n  b\r\n    c\r d");
  ASSERT_EQ(tokens.size(), 5u);
  EXPECT_EQ(tokens[0].location, (SourceLocation{1, 1}));
  EXPECT_EQ(tokens[1].location, (SourceLocation{2, 3}));
  EXPECT_EQ(tokens[2].location, (SourceLocation{3, 5}));
  EXPECT_EQ(tokens[3].location, (SourceLocation{4, 2}));
  EXPECT_EQ(tokens[0].start, 0u);
  EXPECT_EQ(tokens[3].start, 14u);
}

TEST(LexerTest, ColumnsCountUtf16Units) {
  // é is one UTF-16 unit (two UTF-8 bytes); 😀 is two (a surrogate pair, four bytes); the BOM is
  // one unit (three bytes).
  const std::vector<Token> tokens =
      LexAll("\"é\" x \"😀\" y # ✓✓\n\"\"\"é\né\"\"\" z \xEF\xBB\xBF w");
  ASSERT_EQ(tokens.size(), 8u);
  EXPECT_EQ(tokens[1].location, (SourceLocation{1, 5}));
  EXPECT_EQ(tokens[3].location, (SourceLocation{1, 12}));
  EXPECT_EQ(tokens[4].location, (SourceLocation{2, 1}));
  EXPECT_EQ(tokens[5].location, (SourceLocation{3, 6}));  // after the block string's last line
  EXPECT_EQ(tokens[6].location, (SourceLocation{3, 10}));
}

TEST(LexerTest, Numbers) {
  const std::vector<Token> tokens = LexAll("0 -0 123 -45 1.5 -0.25 1e10 2E-3 6.02e+23 0.0");
  const std::vector<std::pair<TokenKind, std::string>> expected = {
      {TokenKind::kInt, "0"},      {TokenKind::kInt, "-0"},     {TokenKind::kInt, "123"},
      {TokenKind::kInt, "-45"},    {TokenKind::kFloat, "1.5"},  {TokenKind::kFloat, "-0.25"},
      {TokenKind::kFloat, "1e10"}, {TokenKind::kFloat, "2E-3"}, {TokenKind::kFloat, "6.02e+23"},
      {TokenKind::kFloat, "0.0"}};
  ASSERT_EQ(tokens.size(), expected.size() + 1);
  for (size_t i = 0; i < expected.size(); ++i) {
    EXPECT_EQ(tokens[i].kind, expected[i].first) << i;
    EXPECT_EQ(tokens[i].text, expected[i].second) << i;
  }
}

TEST(LexerTest, NumberErrorsFollowTheLookaheadRestrictions) {
  EXPECT_EQ(LexError("01"), "Syntax Error: Invalid number, unexpected digit after 0: \"1\". @1:2");
  EXPECT_EQ(LexError("1."), "Syntax Error: Invalid number, expected digit but got: <EOF>. @1:3");
  EXPECT_EQ(LexError("1.5e)"), "Syntax Error: Invalid number, expected digit but got: \")\". @1:5");
  EXPECT_EQ(LexError("-"), "Syntax Error: Invalid number, expected digit but got: <EOF>. @1:2");
  EXPECT_EQ(LexError("1a"), "Syntax Error: Invalid number, expected digit but got: \"a\". @1:2");
  EXPECT_EQ(LexError("1.5.1"), "Syntax Error: Invalid number, expected digit but got: \".\". @1:4");
  EXPECT_EQ(LexError("0x1"), "Syntax Error: Invalid number, expected digit but got: \"x\". @1:2");
  EXPECT_EQ(LexError("1_000"), "Syntax Error: Invalid number, expected digit but got: \"_\". @1:2");
  EXPECT_EQ(LexError("1.é"), "Syntax Error: Invalid number, expected digit but got: U+00E9. @1:3");
}

TEST(LexerTest, StringEscapes) {
  EXPECT_EQ(StringValue(R"("simple")"), "simple");
  EXPECT_EQ(StringValue(R"("")"), "");
  EXPECT_EQ(StringValue(R"("quote \" backslash \\ slash \/ \b\f\n\r\t")"),
            "quote \" backslash \\ slash / \b\f\n\r\t");
  EXPECT_EQ(StringValue("\"tab\tand \x01 raw\""), "tab\tand \x01 raw");
  EXPECT_EQ(StringValue("\"unicode é 😀\""), "unicode é 😀");
  EXPECT_EQ(LexOne(R"("x")").kind, TokenKind::kString);
}

TEST(LexerTest, UnicodeEscapes) {
  EXPECT_EQ(StringValue(R"("\u0041\u00e9\u20AC")"), "Aé€");
  EXPECT_EQ(StringValue(R"("\u{41}\u{1F600}\u{00000041}")"), "A😀A");
  EXPECT_EQ(StringValue(R"("\u{10FFFF}")"), "\U0010FFFF");
  // A JSON-style surrogate pair is one supplementary code point.
  EXPECT_EQ(StringValue(R"("\uD83D\uDE00")"), "😀");
  EXPECT_EQ(StringValue(R"("\ud83d\ude00!")"), "😀!");
  EXPECT_EQ(StringValue(R"("\u0000")"), std::string(1, '\0'));
}

TEST(LexerTest, InvalidEscapes) {
  EXPECT_EQ(LexError(R"("a\qb")"),
            "Syntax Error: Invalid character escape sequence: \"\\q\". @1:3");
  EXPECT_EQ(LexError(R"("\u12")"),
            "Syntax Error: Invalid Unicode escape sequence: \"\\u12\"\". @1:2");
  EXPECT_EQ(LexError(R"("\u{}")"),
            "Syntax Error: Invalid Unicode escape sequence: \"\\u{}\". @1:2");
  EXPECT_EQ(LexError(R"("\u{110000}")"),
            "Syntax Error: Invalid Unicode escape sequence: \"\\u{110000}\". @1:2");
  EXPECT_EQ(LexError(R"("\u{12345678}")"),
            "Syntax Error: Invalid Unicode escape sequence: \"\\u{12345678}\". @1:2");
  EXPECT_EQ(LexError(R"("\u{FFFFFFFFF}")"),
            "Syntax Error: Invalid Unicode escape sequence: \"\\u{FFFFFFFF\". @1:2");
  EXPECT_EQ(LexError(R"("\u{1G}")"),
            "Syntax Error: Invalid Unicode escape sequence: \"\\u{1G\". @1:2");
  // Surrogates: escaped alone, in the wrong order, or as \u{…} are invalid.
  EXPECT_EQ(LexError(R"("\uD83D")"),
            "Syntax Error: Invalid Unicode escape sequence: \"\\uD83D\". @1:2");
  EXPECT_EQ(LexError(R"("\uD83Dx")"),
            "Syntax Error: Invalid Unicode escape sequence: \"\\uD83D\". @1:2");
  EXPECT_EQ(LexError(R"("\uDE00\uD83D")"),
            "Syntax Error: Invalid Unicode escape sequence: \"\\uDE00\". @1:2");
  EXPECT_EQ(LexError(R"("\uD83D\u0041")"),
            "Syntax Error: Invalid Unicode escape sequence: \"\\uD83D\". @1:2");
  EXPECT_EQ(LexError(R"("\u{D800}")"),
            "Syntax Error: Invalid Unicode escape sequence: \"\\u{D800}\". @1:2");
  // The quoted text holds whole characters.
  EXPECT_EQ(LexError("\"\\é\""), "Syntax Error: Invalid character escape sequence: \"\\é\". @1:2");
}

TEST(LexerTest, UnterminatedStrings) {
  EXPECT_EQ(LexError("\"abc"), "Syntax Error: Unterminated string. @1:5");
  EXPECT_EQ(LexError("\"abc\ndef\""), "Syntax Error: Unterminated string. @1:5");
  EXPECT_EQ(LexError("\"\"\"abc\n\"\""), "Syntax Error: Unterminated string. @2:3");
  EXPECT_EQ(LexError("\"\\"), "Syntax Error: Invalid character escape sequence: \"\\\". @1:2");
}

TEST(LexerTest, BlockStringsAreDedented) {
  const Token token =
      LexOne("\"\"\"\n    Hello,\n      World!\n\n    Yours,\n      GraphQL.\n  \"\"\"");
  EXPECT_EQ(token.kind, TokenKind::kBlockString);
  EXPECT_EQ(token.value, "Hello,\n  World!\n\nYours,\n  GraphQL.");
  EXPECT_EQ(StringValue(R"("""simple""")"), "simple");
  EXPECT_EQ(StringValue(R"("""""")"), "");
  // The first line keeps its indentation; the others lose the common one.
  EXPECT_EQ(StringValue("\"\"\"  first\n    second\n      third\"\"\""),
            "  first\nsecond\n  third");
  // Escapes other than \""" are kept as written.
  EXPECT_EQ(StringValue(R"("""contains \n \u0041 \""" and \\""" too""")"),
            "contains \\n \\u0041 \"\"\" and \\\"\"\" too");
  // "\r\n" and "\r" are line terminators; lines are joined with "\n".
  EXPECT_EQ(StringValue("\"\"\"\r\n  a\r\n  b\r  c\r\n\"\"\""), "a\nb\nc");
  // Blank lines (white space only) at either end go; tabs count as indentation.
  EXPECT_EQ(StringValue("\"\"\"\n \t \n\t\tx\n\t\t  y\n   \n\"\"\""), "x\n  y");
}

TEST(LexerTest, BlockStringsCountLines) {
  const std::vector<Token> tokens = LexAll("\"\"\"a\r\nb\rc\n\"\"\" x");
  ASSERT_EQ(tokens.size(), 3u);
  EXPECT_EQ(tokens[1].location, (SourceLocation{4, 5}));
}

TEST(LexerTest, UnexpectedCharacters) {
  EXPECT_EQ(LexError("?"), "Syntax Error: Unexpected character: \"?\". @1:1");
  EXPECT_EQ(LexError("a ."), "Syntax Error: Unexpected character: \".\". @1:3");
  EXPECT_EQ(LexError(".."), "Syntax Error: Unexpected character: \".\". @1:1");
  EXPECT_EQ(
      LexError("'a'"),
      "Syntax Error: Unexpected single quote character ('), did you mean to use a double quote "
      "(\")? @1:1");
  EXPECT_EQ(LexError("a\x07"), "Syntax Error: Unexpected character: U+0007. @1:2");
  EXPECT_EQ(LexError("é"), "Syntax Error: Unexpected character: U+00E9. @1:1");
  EXPECT_EQ(LexError("\n 😀"), "Syntax Error: Unexpected character: U+1F600. @2:2");
  EXPECT_EQ(LexError("\"😀\" ?"), "Syntax Error: Unexpected character: \"?\". @1:6");
}

TEST(LexerTest, InvalidUtf8IsAnError) {
  EXPECT_EQ(LexError("a \xFF"), "Syntax Error: Invalid character: byte 0xFF (not UTF-8). @1:3");
  EXPECT_EQ(LexError("\"a\xC3\""),
            "Syntax Error: Invalid character within String: byte 0xC3 (not UTF-8). @1:3");
  EXPECT_EQ(LexError("\"\"\"\xC0\x80\"\"\""),
            "Syntax Error: Invalid character within String: byte 0xC0 (not UTF-8). @1:4");
  // An encoded surrogate is not a scalar value (graphql-js's message for a lone surrogate).
  EXPECT_EQ(LexError("\xED\xA0\x80"), "Syntax Error: Invalid character: U+D800. @1:1");
  EXPECT_EQ(LexError("\"\xED\xB0\x80\""),
            "Syntax Error: Invalid character within String: U+DC00. @1:2");
  // A comment ends at an invalid character, which is then reported.
  EXPECT_EQ(LexError("# ok \xFE\n"),
            "Syntax Error: Invalid character: byte 0xFE (not UTF-8). @1:6");
}

TEST(LexerTest, ErrorsAreValidationFailedAtTheQuery) {
  Lexer lexer("?");
  Result<Token> token = lexer.Next();
  ASSERT_FALSE(token);
  EXPECT_EQ(token.error().code, ErrorCode::kValidationFailed);
  EXPECT_EQ(token.error().path, "$.query");
}

TEST(LexerTest, DescribesTokensLikeGraphqlJs) {
  std::vector<Token> tokens = LexAll("{ name 12 1.5 \"s\" \"\"\"b\"\"\"");
  ASSERT_EQ(tokens.size(), 7u);
  EXPECT_EQ(tokens[0].Describe(), "\"{\"");
  EXPECT_EQ(tokens[1].Describe(), "Name \"name\"");
  EXPECT_EQ(tokens[2].Describe(), "Int \"12\"");
  EXPECT_EQ(tokens[3].Describe(), "Float \"1.5\"");
  EXPECT_EQ(tokens[4].Describe(), "String \"s\"");
  EXPECT_EQ(tokens[5].Describe(), "BlockString \"b\"");
  EXPECT_EQ(tokens[6].Describe(), "<EOF>");
}

}  // namespace
}  // namespace junction::graphql
