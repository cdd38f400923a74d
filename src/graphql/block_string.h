#pragma once
// Block strings (spec October 2021, §2.9.4): the BlockStringValue algorithm that turns the raw text
// between `"""` and `"""` into a value (common indentation and blank first/last lines removed),
// used by the lexer; and its inverse for the printer, graphql-js 16's printBlockString, which
// chooses between `"""value"""` and the indented multi-line form exactly as graphql-js does.
//
//   raw "\n    Hello,\n      World!\n  "  →  BlockStringValue  →  "Hello,\n  World!"
//   "Hello,\n  World!"  →  PrintBlockString  →  "\"\"\"\nHello,\n  World!\n\"\"\""

#include <span>
#include <string>
#include <string_view>

namespace junction::graphql {

// REQUIRES: `raw` has its escaped triple quotes (\""") already replaced by """. Line terminators
// may be "\n", "\r\n" or "\r"; the value's lines are joined with "\n".
std::string BlockStringValue(std::string_view raw);
// The same for raw text already split into lines (the lexer finds the line breaks as it reads).
// REQUIRES: no line holds a line terminator.
std::string BlockStringValue(std::span<const std::string_view> lines);

// The `"""…"""` literal for `value`, with any """ in it escaped.
std::string PrintBlockString(std::string_view value);

}  // namespace junction::graphql
