#include "graphql/block_string.h"

#include <algorithm>
#include <cstddef>
#include <limits>
#include <vector>

#include "graphql/utf8.h"

namespace junction::graphql {
namespace {

bool IsWhiteSpace(char c) { return c == ' ' || c == '\t'; }

// Splits text into lines at "\r\n", "\r" and "\n", one line per call to Next.
class LineCursor {
 public:
  explicit LineCursor(std::string_view text) : text_(text) {}

  bool Next(std::string_view& line) {
    if (done_) return false;
    size_t end = text_.find_first_of("\r\n", position_);
    if (end == std::string_view::npos) {
      end = text_.size();
      done_ = true;
    }
    line = text_.substr(position_, end - position_);
    if (!done_) {
      const bool crlf = text_[end] == '\r' && end + 1 < text_.size() && text_[end + 1] == '\n';
      position_ = end + (crlf ? 2 : 1);
    }
    return true;
  }

 private:
  std::string_view text_;
  size_t position_ = 0;
  bool done_ = false;
};

size_t LeadingWhiteSpace(std::string_view line) {
  size_t i = 0;
  while (i < line.size() && IsWhiteSpace(line[i])) ++i;
  return i;
}

}  // namespace

std::string BlockStringValue(std::span<const std::string_view> lines) {
  constexpr size_t kNone = std::numeric_limits<size_t>::max();
  size_t common_indent = kNone;
  size_t first_non_empty = kNone;
  size_t last_non_empty = kNone;
  for (size_t i = 0; i < lines.size(); ++i) {
    const size_t indent = LeadingWhiteSpace(lines[i]);
    if (indent == lines[i].size()) continue;  // blank lines do not count
    if (first_non_empty == kNone) first_non_empty = i;
    last_non_empty = i;
    if (i != 0 && indent < common_indent) common_indent = indent;
  }
  std::string value;
  if (first_non_empty == kNone) return value;
  const auto dedented = [&](size_t i) {
    return i == 0 ? lines[i] : lines[i].substr(std::min(common_indent, lines[i].size()));
  };
  size_t size = last_non_empty - first_non_empty;  // the line breaks
  for (size_t i = first_non_empty; i <= last_non_empty; ++i) size += dedented(i).size();
  value.reserve(size);
  for (size_t i = first_non_empty; i <= last_non_empty; ++i) {
    if (i > first_non_empty) value.push_back('\n');
    value.append(dedented(i));
  }
  return value;
}

std::string BlockStringValue(std::string_view raw) {
  std::vector<std::string_view> lines;
  std::string_view line;
  LineCursor cursor(raw);
  while (cursor.Next(line)) lines.push_back(line);
  return BlockStringValue(lines);
}

std::string PrintBlockString(std::string_view value) {
  std::string escaped;
  escaped.reserve(value.size() + 8);
  size_t line_count = 1;
  bool every_later_line_indented = true;  // each line after the first is empty or starts blank
  for (size_t i = 0; i < value.size(); ++i) {
    const char c = value[i];
    if (c == '"' && value.substr(i, 3) == "\"\"\"") {
      escaped.append("\\\"\"\"");
      i += 2;
    } else {
      escaped.push_back(c);
    }
    if (c == '\n' || c == '\r') {
      if (c == '\r' && i + 1 < value.size() && value[i + 1] == '\n') escaped.push_back(value[++i]);
      ++line_count;
      // The escape rewrites only quotes, so the next line starts at value[i + 1] in both texts.
      const bool next_empty = i + 1 >= value.size() || value[i + 1] == '\n' || value[i + 1] == '\r';
      if (!next_empty && !IsWhiteSpace(value[i + 1])) every_later_line_indented = false;
    }
  }
  const bool single_line = line_count == 1;
  const bool force_leading_newline = !single_line && every_later_line_indented;
  const bool trailing_triple_quotes = escaped.ends_with("\\\"\"\"");
  const bool trailing_quote = value.ends_with('"') && !trailing_triple_quotes;
  const bool trailing_slash = value.ends_with('\\');
  const bool force_trailing_newline = trailing_quote || trailing_slash;
  const bool multiple_lines = !single_line || Utf16Length(value) > 70 || force_trailing_newline ||
                              force_leading_newline || trailing_triple_quotes;
  const bool skip_leading_newline = single_line && !value.empty() && IsWhiteSpace(value[0]);

  std::string out;
  out.reserve(escaped.size() + 8);
  out.append("\"\"\"");
  if ((multiple_lines && !skip_leading_newline) || force_leading_newline) out.push_back('\n');
  out.append(escaped);
  if (multiple_lines || force_trailing_newline) out.push_back('\n');
  out.append("\"\"\"");
  return out;
}

}  // namespace junction::graphql
