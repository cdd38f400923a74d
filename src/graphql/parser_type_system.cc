// The type-system half of the parser (spec October 2021, §3): schema, type and directive
// definitions with their descriptions, and the `extend` forms. See parser_internal.h.

#include <utility>

#include "graphql/parser_internal.h"

namespace junction::graphql::internal {
namespace {

constexpr std::string_view kDirectiveLocations[] = {
    "QUERY",
    "MUTATION",
    "SUBSCRIPTION",
    "FIELD",
    "FRAGMENT_DEFINITION",
    "FRAGMENT_SPREAD",
    "INLINE_FRAGMENT",
    "VARIABLE_DEFINITION",
    "SCHEMA",
    "SCALAR",
    "OBJECT",
    "FIELD_DEFINITION",
    "ARGUMENT_DEFINITION",
    "INTERFACE",
    "UNION",
    "ENUM",
    "ENUM_VALUE",
    "INPUT_OBJECT",
    "INPUT_FIELD_DEFINITION",
};

bool IsDirectiveLocation(std::string_view name) {
  for (std::string_view location : kDirectiveLocations) {
    if (location == name) return true;
  }
  return false;
}

}  // namespace

std::optional<Value> Parser::ParseDescription() {
  if (Peek(TokenKind::kString) || Peek(TokenKind::kBlockString)) return ParseStringLiteral();
  return std::nullopt;
}

// REQUIRES: the current token (after an optional description) is the keyword.
std::optional<Definition> Parser::ParseTypeSystemDefinition(std::string_view keyword) {
  using Kind = TypeDefinition::Kind;
  if (keyword == "schema") return ParseSchemaDefinition(false);
  if (keyword == "directive") return ParseDirectiveDefinition();
  Kind kind = Kind::kScalar;
  if (keyword == "type") kind = Kind::kObject;
  if (keyword == "interface") kind = Kind::kInterface;
  if (keyword == "union") kind = Kind::kUnion;
  if (keyword == "enum") kind = Kind::kEnum;
  if (keyword == "input") kind = Kind::kInputObject;
  return ParseTypeDefinition(kind, false);
}

// REQUIRES: the current token is `extend`.
std::optional<Definition> Parser::ParseTypeSystemExtension() {
  using Kind = TypeDefinition::Kind;
  const Token& keyword = Lookahead();
  if (keyword.kind == TokenKind::kName) {
    const std::string_view word = keyword.text;
    if (word == "schema") return ParseSchemaDefinition(true);
    if (word == "scalar") return ParseTypeDefinition(Kind::kScalar, true);
    if (word == "type") return ParseTypeDefinition(Kind::kObject, true);
    if (word == "interface") return ParseTypeDefinition(Kind::kInterface, true);
    if (word == "union") return ParseTypeDefinition(Kind::kUnion, true);
    if (word == "enum") return ParseTypeDefinition(Kind::kEnum, true);
    if (word == "input") return ParseTypeDefinition(Kind::kInputObject, true);
  }
  Unexpected(keyword);
  return std::nullopt;
}

std::optional<SchemaDefinition> Parser::ParseSchemaDefinition(bool is_extension) {
  SchemaDefinition schema;
  schema.is_extension = is_extension;
  schema.location = current_.location;
  if (is_extension) {
    if (!ExpectKeyword("extend")) return std::nullopt;
  } else {
    schema.description = ParseDescription();
  }
  if (!ExpectKeyword("schema")) return std::nullopt;
  std::optional<std::vector<Directive>> directives = ParseDirectives(true);
  if (!directives) return std::nullopt;
  schema.directives = std::move(*directives);
  std::optional<std::vector<OperationTypeDefinition>> operation_types =
      ParseOperationTypes(!is_extension);
  if (!operation_types) return std::nullopt;
  schema.operation_types = std::move(*operation_types);
  if (is_extension && schema.directives.empty() && schema.operation_types.empty()) {
    Unexpected(current_);
    return std::nullopt;
  }
  return schema;
}

// `{ query: Query … }`, required in a schema definition and optional in an extension.
std::optional<std::vector<OperationTypeDefinition>> Parser::ParseOperationTypes(bool required) {
  std::vector<OperationTypeDefinition> operation_types;
  if (required) {
    if (!Expect(TokenKind::kBraceL)) return std::nullopt;
  } else if (!Skip(TokenKind::kBraceL)) {
    return operation_types;
  }
  do {
    OperationTypeDefinition operation_type;
    operation_type.location = current_.location;
    std::optional<OperationType> operation = ParseOperationType();
    if (!operation || !Expect(TokenKind::kColon)) return std::nullopt;
    operation_type.operation = *operation;
    operation_type.type_name_location = current_.location;
    std::optional<std::string> type_name = ParseName();
    if (!type_name) return std::nullopt;
    operation_type.type_name = std::move(*type_name);
    operation_types.push_back(std::move(operation_type));
  } while (!Skip(TokenKind::kBraceR));
  return operation_types;
}

// The six named types (§3.5–§3.10) and their extensions share one shape; each kind reads only
// its own parts, in the grammar's order.
std::optional<TypeDefinition> Parser::ParseTypeDefinition(TypeDefinition::Kind kind,
                                                          bool is_extension) {
  using Kind = TypeDefinition::Kind;
  TypeDefinition type;
  type.kind = kind;
  type.is_extension = is_extension;
  type.location = current_.location;
  if (is_extension) {
    if (!ExpectKeyword("extend")) return std::nullopt;
  } else {
    type.description = ParseDescription();
  }
  // The keyword was checked by the caller.
  if (!Advance()) return std::nullopt;
  std::optional<std::string> name = ParseName();
  if (!name) return std::nullopt;
  type.name = std::move(*name);
  if ((kind == Kind::kObject || kind == Kind::kInterface) && SkipKeyword("implements")) {
    std::optional<NamedTypes> interfaces = ParseNamedTypes(TokenKind::kAmp);
    if (!interfaces) return std::nullopt;
    type.interfaces = std::move(interfaces->names);
    type.interface_locations = std::move(interfaces->locations);
  }
  std::optional<std::vector<Directive>> directives = ParseDirectives(true);
  if (!directives) return std::nullopt;
  type.directives = std::move(*directives);
  bool has_body = false;
  switch (kind) {
    case Kind::kScalar:
      break;
    case Kind::kObject:
    case Kind::kInterface: {
      std::optional<std::vector<FieldDefinition>> fields = ParseFieldsDefinition();
      if (!fields) return std::nullopt;
      type.fields = std::move(*fields);
      has_body = !type.fields.empty() || !type.interfaces.empty();
      break;
    }
    case Kind::kUnion: {
      if (Skip(TokenKind::kEquals)) {
        std::optional<NamedTypes> members = ParseNamedTypes(TokenKind::kPipe);
        if (!members) return std::nullopt;
        type.union_members = std::move(members->names);
        type.union_member_locations = std::move(members->locations);
      }
      has_body = !type.union_members.empty();
      break;
    }
    case Kind::kEnum: {
      std::optional<std::vector<EnumValueDefinition>> values = ParseEnumValuesDefinition();
      if (!values) return std::nullopt;
      type.enum_values = std::move(*values);
      has_body = !type.enum_values.empty();
      break;
    }
    case Kind::kInputObject: {
      std::optional<std::vector<InputValueDefinition>> fields =
          ParseInputValueDefinitions(TokenKind::kBraceL, TokenKind::kBraceR);
      if (!fields) return std::nullopt;
      type.input_fields = std::move(*fields);
      has_body = !type.input_fields.empty();
      break;
    }
  }
  // An extension must add something.
  if (is_extension && !has_body && type.directives.empty()) {
    Unexpected(current_);
    return std::nullopt;
  }
  return type;
}

// `A & B` after `implements`, `A | B` after a union's `=`; a leading delimiter is allowed.
std::optional<Parser::NamedTypes> Parser::ParseNamedTypes(TokenKind delimiter) {
  NamedTypes types;
  Skip(delimiter);
  do {
    types.locations.push_back(current_.location);
    std::optional<std::string> name = ParseName();
    if (!name) return std::nullopt;
    types.names.push_back(std::move(*name));
  } while (Skip(delimiter));
  return types;
}

std::optional<std::vector<FieldDefinition>> Parser::ParseFieldsDefinition() {
  std::vector<FieldDefinition> fields;
  if (!Skip(TokenKind::kBraceL)) return fields;
  do {
    std::optional<FieldDefinition> field = ParseFieldDefinition();
    if (!field) return std::nullopt;
    fields.push_back(std::move(*field));
  } while (!Skip(TokenKind::kBraceR));
  return fields;
}

std::optional<FieldDefinition> Parser::ParseFieldDefinition() {
  FieldDefinition field;
  field.location = current_.location;
  field.description = ParseDescription();
  std::optional<std::string> name = ParseName();
  if (!name) return std::nullopt;
  field.name = std::move(*name);
  std::optional<std::vector<InputValueDefinition>> arguments =
      ParseInputValueDefinitions(TokenKind::kParenL, TokenKind::kParenR);
  if (!arguments || !Expect(TokenKind::kColon)) return std::nullopt;
  field.arguments = std::move(*arguments);
  std::optional<TypeRef> type = ParseTypeReference();
  if (!type) return std::nullopt;
  field.type = std::move(*type);
  std::optional<std::vector<Directive>> directives = ParseDirectives(true);
  if (!directives) return std::nullopt;
  field.directives = std::move(*directives);
  return field;
}

// Argument definitions `( … )` or input fields `{ … }`: absent, or at least one.
std::optional<std::vector<InputValueDefinition>> Parser::ParseInputValueDefinitions(
    TokenKind open, TokenKind close) {
  std::vector<InputValueDefinition> values;
  if (!Skip(open)) return values;
  do {
    std::optional<InputValueDefinition> value = ParseInputValueDefinition();
    if (!value) return std::nullopt;
    values.push_back(std::move(*value));
  } while (!Skip(close));
  return values;
}

std::optional<InputValueDefinition> Parser::ParseInputValueDefinition() {
  InputValueDefinition value;
  value.location = current_.location;
  value.description = ParseDescription();
  std::optional<std::string> name = ParseName();
  if (!name || !Expect(TokenKind::kColon)) return std::nullopt;
  value.name = std::move(*name);
  std::optional<TypeRef> type = ParseTypeReference();
  if (!type) return std::nullopt;
  value.type = std::move(*type);
  if (Skip(TokenKind::kEquals)) {
    std::optional<Value> default_value = ParseValue(true);
    if (!default_value) return std::nullopt;
    value.default_value = std::move(*default_value);
  }
  std::optional<std::vector<Directive>> directives = ParseDirectives(true);
  if (!directives) return std::nullopt;
  value.directives = std::move(*directives);
  return value;
}

std::optional<std::vector<EnumValueDefinition>> Parser::ParseEnumValuesDefinition() {
  std::vector<EnumValueDefinition> values;
  if (!Skip(TokenKind::kBraceL)) return values;
  do {
    std::optional<EnumValueDefinition> value = ParseEnumValueDefinition();
    if (!value) return std::nullopt;
    values.push_back(std::move(*value));
  } while (!Skip(TokenKind::kBraceR));
  return values;
}

std::optional<EnumValueDefinition> Parser::ParseEnumValueDefinition() {
  EnumValueDefinition value;
  value.location = current_.location;
  value.description = ParseDescription();
  // graphql-js compares the value of any token, so String "null" is refused here too.
  if (current_.HasValue() &&
      (current_.Value() == "true" || current_.Value() == "false" || current_.Value() == "null")) {
    FailAt(current_.start,
           current_.Describe() + " is reserved and cannot be used for an enum value.");
    return std::nullopt;
  }
  std::optional<std::string> name = ParseName();
  if (!name) return std::nullopt;
  value.name = std::move(*name);
  std::optional<std::vector<Directive>> directives = ParseDirectives(true);
  if (!directives) return std::nullopt;
  value.directives = std::move(*directives);
  return value;
}

std::optional<DirectiveDefinition> Parser::ParseDirectiveDefinition() {
  DirectiveDefinition directive;
  directive.location = current_.location;
  directive.description = ParseDescription();
  if (!ExpectKeyword("directive") || !Expect(TokenKind::kAt)) return std::nullopt;
  std::optional<std::string> name = ParseName();
  if (!name) return std::nullopt;
  directive.name = std::move(*name);
  std::optional<std::vector<InputValueDefinition>> arguments =
      ParseInputValueDefinitions(TokenKind::kParenL, TokenKind::kParenR);
  if (!arguments) return std::nullopt;
  directive.arguments = std::move(*arguments);
  directive.repeatable = SkipKeyword("repeatable");
  if (!ExpectKeyword("on")) return std::nullopt;
  Skip(TokenKind::kPipe);
  do {
    const Token location = current_;
    std::optional<std::string> name = ParseName();
    if (!name) return std::nullopt;
    if (!IsDirectiveLocation(*name)) {
      Unexpected(location);
      return std::nullopt;
    }
    directive.locations.push_back(std::move(*name));
  } while (Skip(TokenKind::kPipe));
  return directive;
}

}  // namespace junction::graphql::internal
