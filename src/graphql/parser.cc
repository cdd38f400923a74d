#include "graphql/parser.h"

#include <utility>

#include "graphql/parser_internal.h"
#include "graphql/syntax_error.h"

namespace junction::graphql {

Result<Document> Parse(std::string_view source, const ParseOptions& options) {
  if (source.size() >= (size_t{1} << 32)) {
    return SyntaxError({}, 0, "Document is larger than 4 GiB. Parsing aborted.");
  }
  internal::Parser parser(source, options);
  return parser.ParseDocument();
}

namespace internal {

Parser::Parser(std::string_view source, const ParseOptions& options)
    : source_(source), options_(options), lexer_(source) {}

// ---------------------------------------------------------------------------------------------
// Token stream

bool Parser::Fail(Error error) {
  if (!error_) error_ = std::move(error);
  // Whatever comes next, the parse is over: make the rest of the document empty.
  lookahead_.reset();
  current_ = Token{};
  current_.kind = TokenKind::kEof;
  current_.start = current_.end = static_cast<uint32_t>(source_.size());
  return false;
}

bool Parser::FailAt(size_t offset, std::string_view description) {
  return Fail(SyntaxError(source_, offset, description));
}

bool Parser::Unexpected(const Token& token) {
  return FailAt(token.start, "Unexpected " + token.Describe() + ".");
}

bool Parser::Advance() {
  if (error_) return false;
  if (lookahead_) {
    current_ = std::move(*lookahead_);
    lookahead_.reset();
  } else {
    Result<Token> next = lexer_.Next();
    if (!next) return Fail(std::move(next).error());
    current_ = std::move(*next);
  }
  if (current_.kind != TokenKind::kEof && ++token_count_ > options_.max_tokens) {
    return FailAt(current_.start, "Document contains more than " +
                                      std::to_string(options_.max_tokens) +
                                      " tokens. Parsing aborted.");
  }
  return true;
}

const Token& Parser::Lookahead() {
  if (current_.kind == TokenKind::kEof) return current_;
  if (!lookahead_) {
    Result<Token> next = lexer_.Next();
    if (!next) {
      Fail(std::move(next).error());
      return current_;
    }
    lookahead_ = std::move(*next);
  }
  return *lookahead_;
}

bool Parser::Expect(TokenKind kind) {
  if (current_.kind == kind) return Advance();
  std::string expected(ToString(kind));
  if (IsPunctuator(kind)) expected = "\"" + expected + "\"";
  return FailAt(current_.start, "Expected " + expected + ", found " + current_.Describe() + ".");
}

bool Parser::ExpectKeyword(std::string_view keyword) {
  if (PeekKeyword(keyword)) return Advance();
  return FailAt(current_.start,
                "Expected \"" + std::string(keyword) + "\", found " + current_.Describe() + ".");
}

bool Parser::Skip(TokenKind kind) {
  if (current_.kind != kind) return false;
  Advance();
  return true;
}

bool Parser::SkipKeyword(std::string_view keyword) {
  if (!PeekKeyword(keyword)) return false;
  Advance();
  return true;
}

bool Parser::Open(TokenKind kind) {
  if (current_.kind == kind && depth_ > options_.max_depth) {
    return FailAt(current_.start, "Document is nested deeper than " +
                                      std::to_string(options_.max_depth) +
                                      " levels. Parsing aborted.");
  }
  return Expect(kind);
}

// ---------------------------------------------------------------------------------------------
// Document (§2.2)

Result<Document> Parser::ParseDocument() {
  Document document;
  if (Advance()) {
    do {
      std::optional<Definition> definition = ParseDefinition();
      if (!definition) break;
      document.definitions.push_back(std::move(*definition));
    } while (!Peek(TokenKind::kEof));
  }
  if (error_) return std::move(*error_);
  return document;
}

std::optional<Definition> Parser::ParseDefinition() {
  if (Peek(TokenKind::kBraceL)) return ParseOperationDefinition();
  // Type-system definitions may begin with a description: decide by the token after it.
  const bool has_description = Peek(TokenKind::kString) || Peek(TokenKind::kBlockString);
  const Token& keyword = has_description ? Lookahead() : current_;
  if (keyword.kind == TokenKind::kName) {
    const std::string_view word = keyword.text;
    if (word == "schema" || word == "scalar" || word == "type" || word == "interface" ||
        word == "union" || word == "enum" || word == "input" || word == "directive") {
      return ParseTypeSystemDefinition(word);
    }
    if (has_description) {
      FailAt(current_.start,
             "Unexpected description, descriptions are supported only on type definitions.");
      return std::nullopt;
    }
    if (word == "query" || word == "mutation" || word == "subscription") {
      return ParseOperationDefinition();
    }
    if (word == "fragment") return ParseFragmentDefinition();
    if (word == "extend") return ParseTypeSystemExtension();
  }
  Unexpected(keyword);
  return std::nullopt;
}

// ---------------------------------------------------------------------------------------------
// Operations (§2.3)

std::optional<OperationDefinition> Parser::ParseOperationDefinition() {
  OperationDefinition operation;
  operation.location = current_.location;
  if (Peek(TokenKind::kBraceL)) {
    operation.shorthand = true;
    std::optional<SelectionSet> selection_set = ParseSelectionSet();
    if (!selection_set) return std::nullopt;
    operation.selection_set = std::move(*selection_set);
    return operation;
  }
  std::optional<OperationType> type = ParseOperationType();
  if (!type) return std::nullopt;
  operation.operation = *type;
  if (Peek(TokenKind::kName)) {
    operation.name_location = current_.location;
    std::optional<std::string> name = ParseName();
    if (!name) return std::nullopt;
    operation.name = std::move(*name);
  }
  std::optional<std::vector<VariableDefinition>> variables = ParseVariableDefinitions();
  if (!variables) return std::nullopt;
  operation.variables = std::move(*variables);
  std::optional<std::vector<Directive>> directives = ParseDirectives(false);
  if (!directives) return std::nullopt;
  operation.directives = std::move(*directives);
  std::optional<SelectionSet> selection_set = ParseSelectionSet();
  if (!selection_set) return std::nullopt;
  operation.selection_set = std::move(*selection_set);
  return operation;
}

std::optional<OperationType> Parser::ParseOperationType() {
  const Token token = current_;
  if (!Expect(TokenKind::kName)) return std::nullopt;
  if (token.text == "query") return OperationType::kQuery;
  if (token.text == "mutation") return OperationType::kMutation;
  if (token.text == "subscription") return OperationType::kSubscription;
  Unexpected(token);
  return std::nullopt;
}

std::optional<std::vector<VariableDefinition>> Parser::ParseVariableDefinitions() {
  std::vector<VariableDefinition> variables;
  if (!Skip(TokenKind::kParenL)) return variables;
  do {
    std::optional<VariableDefinition> variable = ParseVariableDefinition();
    if (!variable) return std::nullopt;
    variables.push_back(std::move(*variable));
  } while (!Skip(TokenKind::kParenR));
  return variables;
}

std::optional<VariableDefinition> Parser::ParseVariableDefinition() {
  VariableDefinition variable;
  variable.location = current_.location;
  if (!Expect(TokenKind::kDollar)) return std::nullopt;
  std::optional<std::string> name = ParseName();
  if (!name || !Expect(TokenKind::kColon)) return std::nullopt;
  variable.name = std::move(*name);
  std::optional<TypeRef> type = ParseTypeReference();
  if (!type) return std::nullopt;
  variable.type = std::move(*type);
  if (Skip(TokenKind::kEquals)) {
    std::optional<Value> default_value = ParseValue(true);
    if (!default_value) return std::nullopt;
    variable.default_value = std::move(*default_value);
  }
  std::optional<std::vector<Directive>> directives = ParseDirectives(true);
  if (!directives) return std::nullopt;
  variable.directives = std::move(*directives);
  return variable;
}

// ---------------------------------------------------------------------------------------------
// Selections (§2.4–§2.6)

std::optional<SelectionSet> Parser::ParseSelectionSet() {
  Nesting nesting(*this);
  if (!Open(TokenKind::kBraceL)) return std::nullopt;
  SelectionSet selection_set;
  do {
    std::optional<Selection> selection = ParseSelection();
    if (!selection) return std::nullopt;
    selection_set.push_back(std::move(*selection));
  } while (!Skip(TokenKind::kBraceR));
  return selection_set;
}

std::optional<Selection> Parser::ParseSelection() {
  if (Peek(TokenKind::kSpread)) return ParseFragment();
  std::optional<Field> field = ParseField();
  if (!field) return std::nullopt;
  return Selection{std::move(*field)};
}

std::optional<Field> Parser::ParseField() {
  Field field;
  field.location = current_.location;
  std::optional<std::string> name_or_alias = ParseName();
  if (!name_or_alias) return std::nullopt;
  if (Skip(TokenKind::kColon)) {
    std::optional<std::string> name = ParseName();
    if (!name) return std::nullopt;
    field.alias = std::move(*name_or_alias);
    field.name = std::move(*name);
  } else {
    field.name = std::move(*name_or_alias);
  }
  std::optional<std::vector<Argument>> arguments = ParseArguments(false);
  if (!arguments) return std::nullopt;
  field.arguments = std::move(*arguments);
  std::optional<std::vector<Directive>> directives = ParseDirectives(false);
  if (!directives) return std::nullopt;
  field.directives = std::move(*directives);
  if (Peek(TokenKind::kBraceL)) {
    field.selection_set_location = current_.location;
    std::optional<SelectionSet> selection_set = ParseSelectionSet();
    if (!selection_set) return std::nullopt;
    field.selection_set = std::move(*selection_set);
  }
  return field;
}

std::optional<std::vector<Argument>> Parser::ParseArguments(bool is_const) {
  std::vector<Argument> arguments;
  if (!Skip(TokenKind::kParenL)) return arguments;
  do {
    Argument argument;
    argument.location = current_.location;
    std::optional<std::string> name = ParseName();
    if (!name || !Expect(TokenKind::kColon)) return std::nullopt;
    argument.name = std::move(*name);
    std::optional<Value> value = ParseValue(is_const);
    if (!value) return std::nullopt;
    argument.value = std::move(*value);
    arguments.push_back(std::move(argument));
  } while (!Skip(TokenKind::kParenR));
  return arguments;
}

// `...Name` (a fragment spread) or `... on Type { … }` / `... { … }` (an inline fragment).
std::optional<Selection> Parser::ParseFragment() {
  const Location location = current_.location;
  if (!Expect(TokenKind::kSpread)) return std::nullopt;
  const bool has_type_condition = SkipKeyword("on");
  if (!has_type_condition && Peek(TokenKind::kName)) {
    FragmentSpread spread;
    spread.location = location;
    spread.name_location = current_.location;
    std::optional<std::string> name = ParseFragmentName();
    if (!name) return std::nullopt;
    spread.name = std::move(*name);
    std::optional<std::vector<Directive>> directives = ParseDirectives(false);
    if (!directives) return std::nullopt;
    spread.directives = std::move(*directives);
    return Selection{std::move(spread)};
  }
  InlineFragment fragment;
  fragment.location = location;
  if (has_type_condition) {
    fragment.type_condition_location = current_.location;
    std::optional<std::string> type_condition = ParseName();
    if (!type_condition) return std::nullopt;
    fragment.type_condition = std::move(*type_condition);
  }
  std::optional<std::vector<Directive>> directives = ParseDirectives(false);
  if (!directives) return std::nullopt;
  fragment.directives = std::move(*directives);
  std::optional<SelectionSet> selection_set = ParseSelectionSet();
  if (!selection_set) return std::nullopt;
  fragment.selection_set = std::move(*selection_set);
  return Selection{std::move(fragment)};
}

std::optional<FragmentDefinition> Parser::ParseFragmentDefinition() {
  FragmentDefinition fragment;
  fragment.location = current_.location;
  if (!ExpectKeyword("fragment")) return std::nullopt;
  fragment.name_location = current_.location;
  std::optional<std::string> name = ParseFragmentName();
  if (!name || !ExpectKeyword("on")) return std::nullopt;
  fragment.name = std::move(*name);
  fragment.type_condition_location = current_.location;
  std::optional<std::string> type_condition = ParseName();
  if (!type_condition) return std::nullopt;
  fragment.type_condition = std::move(*type_condition);
  std::optional<std::vector<Directive>> directives = ParseDirectives(false);
  if (!directives) return std::nullopt;
  fragment.directives = std::move(*directives);
  std::optional<SelectionSet> selection_set = ParseSelectionSet();
  if (!selection_set) return std::nullopt;
  fragment.selection_set = std::move(*selection_set);
  return fragment;
}

std::optional<std::string> Parser::ParseFragmentName() {
  // graphql-js compares the value of any token, so a String "on" is refused here too.
  if (current_.HasValue() && current_.Value() == "on") {
    Unexpected(current_);
    return std::nullopt;
  }
  return ParseName();
}

std::optional<std::string> Parser::ParseName() {
  if (current_.kind != TokenKind::kName) {
    Expect(TokenKind::kName);
    return std::nullopt;
  }
  std::string name(current_.text);
  if (!Advance()) return std::nullopt;
  return name;
}

}  // namespace internal
}  // namespace junction::graphql
