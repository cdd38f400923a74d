#include "backends/sqlite/table_definition.h"

#include <cstddef>
#include <utility>

namespace junction::backends::sqlite {
namespace {

struct Token {
  enum class Kind { kWord, kQuoted, kString, kPunct };
  Kind kind;
  std::string text;  // a quoted name or string without its quotes

  bool IsWord(std::string_view keyword) const {
    if (kind != Kind::kWord || text.size() != keyword.size()) return false;
    for (size_t i = 0; i < text.size(); ++i) {
      char c = text[i];
      if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
      if (c != keyword[i]) return false;
    }
    return true;
  }
  bool IsPunct(char c) const { return kind == Kind::kPunct && text.size() == 1 && text[0] == c; }
  bool IsName() const {
    return kind == Kind::kWord || kind == Kind::kQuoted || kind == Kind::kString;
  }
};

bool IsWordByte(char c) {
  const auto byte = static_cast<unsigned char>(c);
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         c == '$' || byte >= 0x80;
}

// Reads a quoted token from `text[i]` (the opening quote) to its `close`, a doubled `close`
// standing for itself.
std::string ReadQuoted(std::string_view text, size_t& i, char close) {
  std::string value;
  for (++i; i < text.size(); ++i) {
    if (text[i] == close) {
      if (close != ']' && i + 1 < text.size() && text[i + 1] == close) {
        value += close;
        ++i;
        continue;
      }
      ++i;
      break;
    }
    value += text[i];
  }
  return value;
}

std::vector<Token> Tokenize(std::string_view text) {
  std::vector<Token> tokens;
  size_t i = 0;
  while (i < text.size()) {
    const char c = text[i];
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
      ++i;
    } else if (text.substr(i, 2) == "--") {
      while (i < text.size() && text[i] != '\n') ++i;
    } else if (text.substr(i, 2) == "/*") {
      const size_t end = text.find("*/", i + 2);
      i = end == std::string_view::npos ? text.size() : end + 2;
    } else if (c == '\'') {
      tokens.push_back({Token::Kind::kString, ReadQuoted(text, i, '\'')});
    } else if (c == '"' || c == '`' || c == '[') {
      tokens.push_back({Token::Kind::kQuoted, ReadQuoted(text, i, c == '[' ? ']' : c)});
    } else if (IsWordByte(c)) {
      const size_t start = i;
      while (i < text.size() && IsWordByte(text[i])) ++i;
      tokens.push_back({Token::Kind::kWord, std::string(text.substr(start, i - start))});
    } else {
      tokens.push_back({Token::Kind::kPunct, std::string(1, c)});
      ++i;
    }
  }
  return tokens;
}

using Item = std::vector<Token>;

// The names in a parenthesised list starting at items[i] ('('); i ends past the ')'.
std::vector<std::string> ReadNameList(const Item& item, size_t& i) {
  std::vector<std::string> names;
  if (i >= item.size() || !item[i].IsPunct('(')) return names;
  bool expect_name = true;
  for (++i; i < item.size() && !item[i].IsPunct(')'); ++i) {
    if (item[i].IsPunct(',')) {
      expect_name = true;
    } else if (expect_name && item[i].IsName()) {
      names.push_back(item[i].text);
      expect_name = false;  // COLLATE x / ASC after a name are not names
    }
  }
  if (i < item.size()) ++i;
  return names;
}

// CONSTRAINT name FOREIGN KEY (…) REFERENCES t …, or without CONSTRAINT; other constraints
// (PRIMARY KEY, UNIQUE, CHECK) are ignored.
void ReadTableConstraint(const Item& item, std::vector<DeclaredForeignKey>& keys) {
  size_t i = 0;
  DeclaredForeignKey key;
  if (item[i].IsWord("CONSTRAINT") && i + 1 < item.size()) {
    key.constraint = item[i + 1].text;
    i += 2;
  }
  if (i + 1 >= item.size() || !item[i].IsWord("FOREIGN") || !item[i + 1].IsWord("KEY")) return;
  i += 2;
  key.columns = ReadNameList(item, i);
  if (i + 1 >= item.size() || !item[i].IsWord("REFERENCES")) return;
  key.foreign_table = item[i + 1].text;
  keys.push_back(std::move(key));
}

// A column definition: `name type … [CONSTRAINT c] REFERENCES t …`; a CONSTRAINT name belongs
// to the constraint right after it.
void ReadColumn(const Item& item, std::vector<DeclaredForeignKey>& keys) {
  std::optional<std::string> pending;
  int depth = 0;  // words inside (…) — a type's size, a CHECK or DEFAULT expression — are skipped
  for (size_t i = 1; i < item.size(); ++i) {
    const Token& token = item[i];
    if (token.IsPunct('(')) ++depth;
    if (token.IsPunct(')')) --depth;
    if (depth > 0 || token.kind != Token::Kind::kWord) continue;
    if (token.IsWord("CONSTRAINT") && i + 1 < item.size()) {
      pending = item[++i].text;
    } else if (token.IsWord("REFERENCES") && i + 1 < item.size()) {
      keys.push_back({std::exchange(pending, std::nullopt), {item[0].text}, item[++i].text});
    } else if (token.IsWord("PRIMARY") || token.IsWord("NOT") || token.IsWord("NULL") ||
               token.IsWord("UNIQUE") || token.IsWord("CHECK") || token.IsWord("DEFAULT") ||
               token.IsWord("COLLATE") || token.IsWord("GENERATED") || token.IsWord("AS")) {
      pending.reset();
    }
  }
}

}  // namespace

TableDefinition ReadTableDefinition(std::string_view create_table) {
  const std::vector<Token> tokens = Tokenize(create_table);
  TableDefinition definition;
  size_t i = 0;
  while (i < tokens.size() && !tokens[i].IsPunct('(')) ++i;
  if (i == tokens.size()) return definition;  // CREATE TABLE … AS SELECT: no constraints

  // Split the body into its comma-separated items at depth 1.
  std::vector<Item> items(1);
  int depth = 1;
  for (++i; i < tokens.size(); ++i) {
    const Token& token = tokens[i];
    if (token.IsPunct('(')) ++depth;
    if (token.IsPunct(')') && --depth == 0) break;
    if (depth == 1 && token.IsPunct(',')) {
      items.emplace_back();
    } else {
      items.back().push_back(token);
    }
  }
  for (const Item& item : items) {
    if (item.empty()) continue;
    const Token& first = item[0];
    if (first.IsWord("CONSTRAINT") || first.IsWord("FOREIGN") || first.IsWord("PRIMARY") ||
        first.IsWord("UNIQUE") || first.IsWord("CHECK")) {
      ReadTableConstraint(item, definition.foreign_keys);
    } else {
      ReadColumn(item, definition.foreign_keys);
    }
  }
  // Table options after the body: WITHOUT ROWID, STRICT, in any order.
  for (++i; i + 1 < tokens.size(); ++i) {
    if (tokens[i].IsWord("WITHOUT") && tokens[i + 1].IsWord("ROWID"))
      definition.without_rowid = true;
  }
  return definition;
}

}  // namespace junction::backends::sqlite
