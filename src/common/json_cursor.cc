#include "common/json_cursor.h"

#include <string>

namespace junction {

char JsonCursor::Peek() {
  SkipSpace();
  return at_ < text_.size() ? text_[at_] : '\0';
}

bool JsonCursor::Consume(char c) {
  if (Peek() != c) return false;
  ++at_;
  return true;
}

void JsonCursor::SkipSpace() {
  while (at_ < text_.size() &&
         (text_[at_] == ' ' || text_[at_] == '\n' || text_[at_] == '\t' || text_[at_] == '\r')) {
    ++at_;
  }
}

Error JsonCursor::Malformed() const {
  return Error(ErrorCode::kUnexpected, "malformed JSON at byte " + std::to_string(at_));
}

Status JsonCursor::SkipString() {
  if (!Consume('"')) return Malformed();
  while (at_ < text_.size()) {
    const char c = text_[at_++];
    if (c == '"') return {};
    if (c == '\\') ++at_;  // the escaped byte (\uXXXX's digits need no care)
  }
  return Malformed();
}

Result<std::optional<std::string_view>> JsonCursor::NextKey(bool* first) {
  if (Consume('}')) return std::optional<std::string_view>();
  if (!*first && !Consume(',')) return Malformed();
  *first = false;
  SkipSpace();
  const size_t start = at_ + 1;
  if (Status string = SkipString(); !string) return string.error();
  const std::string_view key = text_.substr(start, at_ - 1 - start);
  if (!Consume(':')) return Malformed();
  return std::optional<std::string_view>(key);
}

Result<bool> JsonCursor::NextElement(bool* first) {
  if (Consume(']')) return false;
  if (!*first && !Consume(',')) return Malformed();
  *first = false;
  return true;
}

Result<std::string_view> JsonCursor::Value() {
  const char next = Peek();
  const size_t start = at_;
  if (next == '"') {
    if (Status string = SkipString(); !string) return string.error();
  } else if (next == '{' || next == '[') {
    size_t depth = 0;
    do {
      if (at_ >= text_.size()) return Malformed();
      const char c = text_[at_];
      if (c == '"') {
        if (Status string = SkipString(); !string) return string.error();
        continue;
      }
      if (c == '{' || c == '[') ++depth;
      if (c == '}' || c == ']') --depth;
      ++at_;
    } while (depth > 0);
  } else {
    // A number, true, false or null: up to the next delimiter.
    while (at_ < text_.size() && text_[at_] != ',' && text_[at_] != '}' && text_[at_] != ']' &&
           text_[at_] != ' ' && text_[at_] != '\n' && text_[at_] != '\t' && text_[at_] != '\r') {
      ++at_;
    }
    if (at_ == start) return Malformed();
  }
  return text_.substr(start, at_ - start);
}

bool JsonCursor::AtEnd() { return Peek() == '\0' && at_ >= text_.size(); }

}  // namespace junction
