// Block strings: the spec's BlockStringValue (§2.9.4) and graphql-js 16's printBlockString. The
// expected printed forms are graphql-js 16.8.2's output for the same values.

#include "graphql/block_string.h"

#include <gtest/gtest.h>

#include <string>

namespace junction::graphql {
namespace {

TEST(BlockStringValueTest, RemovesCommonIndentationButNotTheFirstLine) {
  EXPECT_EQ(BlockStringValue("\n    Hello,\n      World!\n\n    Yours,\n      GraphQL.\n  "),
            "Hello,\n  World!\n\nYours,\n  GraphQL.");
  EXPECT_EQ(BlockStringValue("  first\n    second\n      third"), "  first\nsecond\n  third");
  EXPECT_EQ(BlockStringValue("first\n  second"), "first\nsecond");
}

TEST(BlockStringValueTest, RemovesBlankLinesAtEitherEnd) {
  EXPECT_EQ(BlockStringValue("\n\n  \t\n  text\n \n\t\n"), "text");
  EXPECT_EQ(BlockStringValue("  \n  a\n\n  b\n  "), "a\n\nb");
  EXPECT_EQ(BlockStringValue(""), "");
  EXPECT_EQ(BlockStringValue("   \n \t \n"), "");
}

TEST(BlockStringValueTest, BlankLinesDoNotSetTheIndentation) {
  EXPECT_EQ(BlockStringValue("\n    a\n \n    b"), "a\n\nb");
}

TEST(BlockStringValueTest, AcceptsEveryLineTerminator) {
  EXPECT_EQ(BlockStringValue("\r\n  a\r  b\n  c\r\n"), "a\nb\nc");
}

TEST(PrintBlockStringTest, ShortSingleLinesStayOnOneLine) {
  EXPECT_EQ(PrintBlockString(""), R"("""""")");
  EXPECT_EQ(PrintBlockString("simple"), R"("""simple""")");
  EXPECT_EQ(PrintBlockString(" leading space"), R"(""" leading space""")");
  EXPECT_EQ(PrintBlockString("\tleading tab"), "\"\"\"\tleading tab\"\"\"");
  EXPECT_EQ(PrintBlockString("has \"\"\" inside"), R"("""has \""" inside""")");
  EXPECT_EQ(PrintBlockString(std::string(70, 'x')), "\"\"\"" + std::string(70, 'x') + "\"\"\"");
}

TEST(PrintBlockStringTest, LongOrMultiLineValuesGoOnTheirOwnLines) {
  EXPECT_EQ(PrintBlockString(std::string(71, 'x')), "\"\"\"\n" + std::string(71, 'x') + "\n\"\"\"");
  // Length is counted in UTF-16 units, as graphql-js counts it: 71 × é is past 70.
  std::string accents;
  for (int i = 0; i < 71; ++i) accents += "é";
  EXPECT_EQ(PrintBlockString(accents), "\"\"\"\n" + accents + "\n\"\"\"");
  EXPECT_EQ(PrintBlockString("two\nlines"), "\"\"\"\ntwo\nlines\n\"\"\"");
  EXPECT_EQ(PrintBlockString("first\n  indented"), "\"\"\"\nfirst\n  indented\n\"\"\"");
  EXPECT_EQ(PrintBlockString("  lead\nsecond"), "\"\"\"\n  lead\nsecond\n\"\"\"");
  EXPECT_EQ(PrintBlockString("a\n\nb"), "\"\"\"\na\n\nb\n\"\"\"");
  EXPECT_EQ(PrintBlockString("\n"), "\"\"\"\n\n\n\"\"\"");
}

TEST(PrintBlockStringTest, TrailingQuotesAndSlashesForceALineBreak) {
  EXPECT_EQ(PrintBlockString("trailing quote\""), "\"\"\"\ntrailing quote\"\n\"\"\"");
  EXPECT_EQ(PrintBlockString("trailing slash\\"), "\"\"\"\ntrailing slash\\\n\"\"\"");
  EXPECT_EQ(PrintBlockString("ends with \"\"\""), "\"\"\"\nends with \\\"\"\"\n\"\"\"");
}

TEST(PrintBlockStringTest, RoundTripsThroughBlockStringValue) {
  // Not every string survives ("\ta\n\tb" comes back as "a\nb"), but every value a parse can
  // produce does; these cover the printer's cases.
  for (const std::string value : {"", "x", " lead", "a\nb", "a\n  b\n c", "  a\nb", "q\"", "s\\",
                                  "\"\"\"", "a\"\"\"b\"\"\"", "a\n\n\nb", "\ttab\nnext"}) {
    std::string printed = PrintBlockString(value);
    ASSERT_GE(printed.size(), 6u);
    std::string raw = printed.substr(3, printed.size() - 6);
    // Undo the \""" escape as the lexer does, then apply BlockStringValue.
    for (size_t at = raw.find("\\\"\"\""); at != std::string::npos;
         at = raw.find("\\\"\"\"", at + 3)) {
      raw.erase(at, 1);
    }
    EXPECT_EQ(BlockStringValue(raw), value) << printed;
  }
}

}  // namespace
}  // namespace junction::graphql
