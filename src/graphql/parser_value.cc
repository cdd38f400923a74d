// Values, directives and type references (spec October 2021, §2.9, §2.11, §2.12), shared by the
// executable and type-system halves of the parser. See parser_internal.h.

#include <utility>

#include "graphql/parser_internal.h"

namespace junction::graphql::internal {

// ---------------------------------------------------------------------------------------------
// Values (§2.9)

std::optional<Value> Parser::ParseValue(bool is_const) {
  Value value;
  value.location = current_.location;
  switch (current_.kind) {
    case TokenKind::kBracketL:
      return ParseList(is_const);
    case TokenKind::kBraceL:
      return ParseObject(is_const);
    case TokenKind::kInt:
    case TokenKind::kFloat:
      value.kind = Peek(TokenKind::kInt) ? Value::Kind::kInt : Value::Kind::kFloat;
      value.text = current_.text;
      if (!Advance()) return std::nullopt;
      return value;
    case TokenKind::kString:
    case TokenKind::kBlockString:
      return ParseStringLiteral();
    case TokenKind::kName: {
      const std::string_view word = current_.text;
      if (word == "true" || word == "false") {
        value.kind = Value::Kind::kBoolean;
        value.boolean = word == "true";
      } else if (word == "null") {
        value.kind = Value::Kind::kNull;
      } else {
        value.kind = Value::Kind::kEnum;
        value.text = word;
      }
      if (!Advance()) return std::nullopt;
      return value;
    }
    case TokenKind::kDollar: {
      const Token dollar = current_;
      if (!Advance()) return std::nullopt;
      if (is_const) {
        if (Peek(TokenKind::kName)) {
          FailAt(dollar.start,
                 "Unexpected variable \"$" + std::string(current_.text) + "\" in constant value.");
        } else {
          Unexpected(dollar);
        }
        return std::nullopt;
      }
      std::optional<std::string> name = ParseName();
      if (!name) return std::nullopt;
      value.kind = Value::Kind::kVariable;
      value.text = std::move(*name);
      return value;
    }
    default:
      Unexpected(current_);
      return std::nullopt;
  }
}

// REQUIRES: the current token is a String or a BlockString.
Value Parser::ParseStringLiteral() {
  Value value;
  value.kind = Value::Kind::kString;
  value.location = current_.location;
  value.block = Peek(TokenKind::kBlockString);
  value.text = std::move(current_.value);
  Advance();
  return value;
}

std::optional<Value> Parser::ParseList(bool is_const) {
  Nesting nesting(*this);
  Value list;
  list.kind = Value::Kind::kList;
  list.location = current_.location;
  if (!Open(TokenKind::kBracketL)) return std::nullopt;
  while (!Skip(TokenKind::kBracketR)) {
    std::optional<Value> item = ParseValue(is_const);
    if (!item) return std::nullopt;
    list.list.push_back(std::move(*item));
  }
  return list;
}

std::optional<Value> Parser::ParseObject(bool is_const) {
  Nesting nesting(*this);
  Value object;
  object.kind = Value::Kind::kObject;
  object.location = current_.location;
  if (!Open(TokenKind::kBraceL)) return std::nullopt;
  while (!Skip(TokenKind::kBraceR)) {
    ObjectField field;
    field.location = current_.location;
    std::optional<std::string> name = ParseName();
    if (!name || !Expect(TokenKind::kColon)) return std::nullopt;
    field.name = std::move(*name);
    std::optional<Value> value = ParseValue(is_const);
    if (!value) return std::nullopt;
    field.value = std::move(*value);
    object.fields.push_back(std::move(field));
  }
  return object;
}

// ---------------------------------------------------------------------------------------------
// Directives (§2.12) and type references (§2.11)

std::optional<std::vector<Directive>> Parser::ParseDirectives(bool is_const) {
  std::vector<Directive> directives;
  while (Peek(TokenKind::kAt)) {
    Directive directive;
    directive.location = current_.location;
    if (!Advance()) return std::nullopt;
    std::optional<std::string> name = ParseName();
    if (!name) return std::nullopt;
    directive.name = std::move(*name);
    std::optional<std::vector<Argument>> arguments = ParseArguments(is_const);
    if (!arguments) return std::nullopt;
    directive.arguments = std::move(*arguments);
    directives.push_back(std::move(directive));
  }
  return directives;
}

// Type :: NamedType | `[` Type `]` | Type `!`, read iteratively: the opening brackets, the name,
// then for each bracket from the innermost an optional `!` and the closing bracket.
std::optional<TypeRef> Parser::ParseTypeReference() {
  TypeRef type;
  type.location = current_.location;
  const size_t depth_before = depth_;
  size_t lists = 0;
  while (Peek(TokenKind::kBracketL)) {
    ++depth_;
    if (!Open(TokenKind::kBracketL)) return std::nullopt;
    ++lists;
  }
  type.name_location = current_.location;
  std::optional<std::string> name = ParseName();
  if (!name) return std::nullopt;
  type.name = std::move(*name);
  // Collected innermost first into scratch space, then copied outermost first (one allocation).
  wrappers_.clear();
  if (Skip(TokenKind::kBang)) wrappers_.push_back(TypeRef::Wrapper::kNonNull);
  for (size_t i = 0; i < lists; ++i) {
    if (!Expect(TokenKind::kBracketR)) return std::nullopt;
    wrappers_.push_back(TypeRef::Wrapper::kList);
    if (Skip(TokenKind::kBang)) wrappers_.push_back(TypeRef::Wrapper::kNonNull);
  }
  type.wrappers.assign(wrappers_.rbegin(), wrappers_.rend());
  depth_ = depth_before;
  return type;
}

}  // namespace junction::graphql::internal
