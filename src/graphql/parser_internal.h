#pragma once
// The recursive-descent parser behind Parse (parser.h); internal to src/graphql. It follows the
// grammar of the spec's Appendix B and, step for step, graphql-js 16's parser, so that a malformed
// document fails at the same token with the same message. parser.cc holds the token stream and the
// executable grammar (§2), parser_value.cc values, directives and types, parser_type_system.cc
// the type-system grammar (§3).
//
// Error handling: the first error is kept in `error_` and every parse function reports failure to
// its caller (an empty optional or false), which returns at once. When an optional token was
// consumed but the token after it could not be read (a lexical error, too many tokens), the
// current token becomes <EOF>: the next expectation fails and the parse unwinds with the first
// error. Nesting (selection sets, list and object values, list types) is bounded by
// ParseOptions::max_depth, so recursion depth is bounded whatever the input.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"
#include "graphql/ast.h"
#include "graphql/lexer.h"
#include "graphql/parser.h"

namespace junction::graphql::internal {

class Parser {
 public:
  Parser(std::string_view source, const ParseOptions& options);

  Result<Document> ParseDocument();

 private:
  // One level of nesting (a selection set, a list or object value) for the lifetime of the
  // scope; Open checks the depth against ParseOptions::max_depth.
  class Nesting {
   public:
    explicit Nesting(Parser& parser) : parser_(parser) { ++parser_.depth_; }
    ~Nesting() { --parser_.depth_; }
    Nesting(const Nesting&) = delete;
    Nesting& operator=(const Nesting&) = delete;

   private:
    Parser& parser_;
  };

  // Token stream (parser.cc).
  bool Advance();
  const Token& Lookahead();
  bool Peek(TokenKind kind) const { return current_.kind == kind; }
  bool PeekKeyword(std::string_view keyword) const {
    return current_.kind == TokenKind::kName && current_.text == keyword;
  }
  bool Expect(TokenKind kind);
  bool ExpectKeyword(std::string_view keyword);
  // Consumes the token if it is of `kind`; says whether it was.
  bool Skip(TokenKind kind);
  bool SkipKeyword(std::string_view keyword);
  // Consumes an opening token (`{`, `[`) one level deeper; fails past max_depth.
  bool Open(TokenKind kind);
  bool Fail(Error error);
  bool FailAt(size_t offset, std::string_view description);
  bool Unexpected(const Token& token);

  // Executable documents (parser.cc).
  std::optional<Definition> ParseDefinition();
  std::optional<OperationDefinition> ParseOperationDefinition();
  std::optional<OperationType> ParseOperationType();
  std::optional<std::vector<VariableDefinition>> ParseVariableDefinitions();
  std::optional<VariableDefinition> ParseVariableDefinition();
  std::optional<SelectionSet> ParseSelectionSet();
  std::optional<Selection> ParseSelection();
  std::optional<Field> ParseField();
  std::optional<std::vector<Argument>> ParseArguments(bool is_const);
  std::optional<Selection> ParseFragment();
  std::optional<FragmentDefinition> ParseFragmentDefinition();
  std::optional<std::string> ParseFragmentName();
  std::optional<std::string> ParseName();
  std::optional<Value> ParseValue(bool is_const);
  Value ParseStringLiteral();
  std::optional<Value> ParseList(bool is_const);
  std::optional<Value> ParseObject(bool is_const);
  std::optional<std::vector<Directive>> ParseDirectives(bool is_const);
  std::optional<TypeRef> ParseTypeReference();

  // Type-system documents (parser_type_system.cc).
  std::optional<Value> ParseDescription();
  std::optional<Definition> ParseTypeSystemDefinition(std::string_view keyword);
  std::optional<Definition> ParseTypeSystemExtension();
  std::optional<SchemaDefinition> ParseSchemaDefinition(bool is_extension);
  std::optional<std::vector<OperationTypeDefinition>> ParseOperationTypes(bool required);
  std::optional<TypeDefinition> ParseTypeDefinition(TypeDefinition::Kind kind, bool is_extension);
  struct NamedTypes {
    std::vector<std::string> names;
    std::vector<Location> locations;
  };
  std::optional<NamedTypes> ParseNamedTypes(TokenKind delimiter);
  std::optional<std::vector<FieldDefinition>> ParseFieldsDefinition();
  std::optional<FieldDefinition> ParseFieldDefinition();
  std::optional<std::vector<InputValueDefinition>> ParseInputValueDefinitions(TokenKind open,
                                                                              TokenKind close);
  std::optional<InputValueDefinition> ParseInputValueDefinition();
  std::optional<std::vector<EnumValueDefinition>> ParseEnumValuesDefinition();
  std::optional<EnumValueDefinition> ParseEnumValueDefinition();
  std::optional<DirectiveDefinition> ParseDirectiveDefinition();

  std::string_view source_;
  ParseOptions options_;
  Lexer lexer_;
  Token current_;
  std::optional<Token> lookahead_;
  size_t token_count_ = 0;
  size_t depth_ = 0;
  std::optional<Error> error_;
  std::vector<TypeRef::Wrapper> wrappers_;  // scratch space of ParseTypeReference
};

}  // namespace junction::graphql::internal
