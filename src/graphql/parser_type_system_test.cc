// Parser tests for type-system documents (§3): schema, the six kinds of type, directives, their
// descriptions and `extend` forms, graphql-js 16's messages for malformed SDL (checked against
// graphql-js 16.8.2), and GitHub's public schema as a large real document.

#include <gtest/gtest.h>

#include <map>
#include <string>

#include "graphql/parser.h"
#include "graphql/test_files.h"

namespace junction::graphql {
namespace {

Document MustParse(std::string_view source) {
  Result<Document> document = Parse(source);
  if (!document) {
    ADD_FAILURE() << "parse failed: " << document.error().message;
    return {};
  }
  return std::move(*document);
}

std::string ParseError(std::string_view source) {
  Result<Document> document = Parse(source);
  if (document) return "parsed";
  const Error& error = document.error();
  return error.message + " @" + std::to_string(error.locations.at(0).line) + ":" +
         std::to_string(error.locations.at(0).column);
}

template <typename T>
const T& Only(const Document& document) {
  static const T kNone{};
  if (document.definitions.size() != 1 || !std::holds_alternative<T>(document.definitions[0])) {
    ADD_FAILURE() << "expected one definition of the kind";
    return kNone;
  }
  return std::get<T>(document.definitions[0]);
}

TEST(ParserTypeSystemTest, SchemaDefinitionAndExtension) {
  const Document document = MustParse(
      "\"The schema\" schema @a { query: Q mutation: M subscription: S }\n"
      "extend schema @b\nextend schema { query: Q2 }");
  ASSERT_EQ(document.definitions.size(), 3u);
  const auto& schema = std::get<SchemaDefinition>(document.definitions[0]);
  EXPECT_FALSE(schema.is_extension);
  ASSERT_TRUE(schema.description.has_value());
  EXPECT_EQ(schema.description->text, "The schema");
  EXPECT_FALSE(schema.description->block);
  EXPECT_EQ(schema.location, (SourceLocation{1, 1}));
  EXPECT_EQ(schema.directives[0].name, "a");
  ASSERT_EQ(schema.operation_types.size(), 3u);
  EXPECT_EQ(schema.operation_types[1].operation, OperationType::kMutation);
  EXPECT_EQ(schema.operation_types[2].type_name, "S");
  EXPECT_EQ(schema.operation_types[0].location, (SourceLocation{1, 26}));
  EXPECT_EQ(schema.operation_types[0].type_name_location, (SourceLocation{1, 33}));
  const auto& with_directive = std::get<SchemaDefinition>(document.definitions[1]);
  EXPECT_TRUE(with_directive.is_extension);
  EXPECT_TRUE(with_directive.operation_types.empty());
  EXPECT_EQ(with_directive.location, (SourceLocation{2, 1}));
  EXPECT_EQ(std::get<SchemaDefinition>(document.definitions[2]).operation_types[0].type_name, "Q2");
}

TEST(ParserTypeSystemTest, ObjectsAndInterfaces) {
  const Document document = MustParse(R"(
"""
A type
"""
type T implements & I & J @d {
  "the field"
  f(
    "an argument"
    a: Int = 1 @x, b: [String!]!): String! @deprecated(reason: "no")
  g: T
})");
  const auto& object = Only<TypeDefinition>(document);
  EXPECT_EQ(object.kind, TypeDefinition::Kind::kObject);
  EXPECT_FALSE(object.is_extension);
  EXPECT_EQ(object.location, (SourceLocation{2, 1}));
  ASSERT_TRUE(object.description.has_value());
  EXPECT_EQ(object.description->text, "A type");
  EXPECT_TRUE(object.description->block);
  EXPECT_EQ(object.name, "T");
  EXPECT_EQ(object.interfaces, (std::vector<std::string>{"I", "J"}));
  EXPECT_EQ(object.interface_locations, (std::vector<SourceLocation>{{5, 21}, {5, 25}}));
  EXPECT_EQ(object.directives[0].name, "d");
  ASSERT_EQ(object.fields.size(), 2u);
  const FieldDefinition& f = object.fields[0];
  EXPECT_EQ(f.description->text, "the field");
  EXPECT_EQ(f.location, (SourceLocation{6, 3}));
  EXPECT_EQ(f.type.ToString(), "String!");
  EXPECT_EQ(f.directives[0].arguments[0].value.text, "no");
  ASSERT_EQ(f.arguments.size(), 2u);
  EXPECT_EQ(f.arguments[0].description->text, "an argument");
  EXPECT_EQ(f.arguments[0].name, "a");
  EXPECT_EQ(f.arguments[0].default_value->text, "1");
  EXPECT_EQ(f.arguments[0].directives[0].name, "x");
  EXPECT_EQ(f.arguments[1].type.ToString(), "[String!]!");

  // Interfaces may implement interfaces (spec October 2021).
  const Document interfaces = MustParse("interface I implements J & K { a: Int }");
  const auto& interface = Only<TypeDefinition>(interfaces);
  EXPECT_EQ(interface.kind, TypeDefinition::Kind::kInterface);
  EXPECT_EQ(interface.interfaces, (std::vector<std::string>{"J", "K"}));
  EXPECT_EQ(Only<TypeDefinition>(MustParse("type Empty")).fields.size(), 0u);
}

TEST(ParserTypeSystemTest, ScalarsUnionsEnumsAndInputs) {
  const Document document = MustParse(R"(
scalar Date @specifiedBy(url: "https://example.com")
union U @u = | A | B
union V
enum E { "first" A @x B }
input I { a: Int! = 1 @y b: [I] })");
  ASSERT_EQ(document.definitions.size(), 5u);
  const auto& scalar = std::get<TypeDefinition>(document.definitions[0]);
  EXPECT_EQ(scalar.kind, TypeDefinition::Kind::kScalar);
  EXPECT_EQ(scalar.directives[0].name, "specifiedBy");
  const auto& union_type = std::get<TypeDefinition>(document.definitions[1]);
  EXPECT_EQ(union_type.kind, TypeDefinition::Kind::kUnion);
  EXPECT_EQ(union_type.union_members, (std::vector<std::string>{"A", "B"}));
  EXPECT_EQ(union_type.union_member_locations, (std::vector<SourceLocation>{{3, 16}, {3, 20}}));
  EXPECT_TRUE(std::get<TypeDefinition>(document.definitions[2]).union_members.empty());
  const auto& enum_type = std::get<TypeDefinition>(document.definitions[3]);
  EXPECT_EQ(enum_type.kind, TypeDefinition::Kind::kEnum);
  ASSERT_EQ(enum_type.enum_values.size(), 2u);
  EXPECT_EQ(enum_type.enum_values[0].description->text, "first");
  EXPECT_EQ(enum_type.enum_values[0].directives[0].name, "x");
  EXPECT_EQ(enum_type.enum_values[1].name, "B");
  const auto& input = std::get<TypeDefinition>(document.definitions[4]);
  EXPECT_EQ(input.kind, TypeDefinition::Kind::kInputObject);
  ASSERT_EQ(input.input_fields.size(), 2u);
  EXPECT_EQ(input.input_fields[0].default_value->text, "1");
  EXPECT_EQ(input.input_fields[1].type.ToString(), "[I]");
}

TEST(ParserTypeSystemTest, DirectiveDefinitions) {
  const Document document = MustParse(
      "\"d\" directive @d(\"arg\" a: Int = 2) repeatable on | FIELD | OBJECT\n"
      "directive @e on QUERY");
  const auto& d = std::get<DirectiveDefinition>(document.definitions[0]);
  EXPECT_EQ(d.description->text, "d");
  EXPECT_EQ(d.name, "d");
  EXPECT_TRUE(d.repeatable);
  EXPECT_EQ(d.arguments[0].description->text, "arg");
  EXPECT_EQ(d.locations, (std::vector<std::string>{"FIELD", "OBJECT"}));
  const auto& e = std::get<DirectiveDefinition>(document.definitions[1]);
  EXPECT_FALSE(e.repeatable);
  EXPECT_TRUE(e.arguments.empty());
}

TEST(ParserTypeSystemTest, TypeExtensions) {
  const Document document = MustParse(R"(
extend scalar S @a
extend type T implements I
extend type T @b
extend interface I implements J { f: Int }
extend union U = C
extend enum E { X }
extend input In { f: Int })");
  ASSERT_EQ(document.definitions.size(), 7u);
  const TypeDefinition::Kind kinds[] = {
      TypeDefinition::Kind::kScalar,     TypeDefinition::Kind::kObject,
      TypeDefinition::Kind::kObject,     TypeDefinition::Kind::kInterface,
      TypeDefinition::Kind::kUnion,      TypeDefinition::Kind::kEnum,
      TypeDefinition::Kind::kInputObject};
  for (size_t i = 0; i < 7; ++i) {
    const auto& type = std::get<TypeDefinition>(document.definitions[i]);
    EXPECT_TRUE(type.is_extension) << i;
    EXPECT_EQ(type.kind, kinds[i]) << i;
    EXPECT_FALSE(type.description.has_value()) << i;
    EXPECT_EQ(type.location, (SourceLocation{static_cast<uint32_t>(i + 2), 1})) << i;
  }
  EXPECT_EQ(std::get<TypeDefinition>(document.definitions[1]).interfaces[0], "I");
  EXPECT_EQ(std::get<TypeDefinition>(document.definitions[3]).fields[0].name, "f");
  EXPECT_EQ(std::get<TypeDefinition>(document.definitions[4]).union_members[0], "C");
  EXPECT_EQ(std::get<TypeDefinition>(document.definitions[5]).enum_values[0].name, "X");
}

// Every expected error is graphql-js 16.8.2's message and location for the same source.
TEST(ParserTypeSystemTest, MalformedDefinitionsFailLikeGraphqlJs) {
  const std::pair<const char*, const char*> cases[] = {
      {"extend foo", "Syntax Error: Unexpected Name \"foo\". @1:8"},
      {"extend type T", "Syntax Error: Unexpected <EOF>. @1:14"},
      {"extend schema", "Syntax Error: Unexpected <EOF>. @1:14"},
      {"extend scalar S", "Syntax Error: Unexpected <EOF>. @1:16"},
      {"\"d\" extend type T @a",
       "Syntax Error: Unexpected description, descriptions are "
       "supported only on type definitions. @1:1"},
      {"\"d\" \"e\" type T", "Syntax Error: Unexpected String \"e\". @1:5"},
      {"schema { foo: Q }", "Syntax Error: Unexpected Name \"foo\". @1:10"},
      {"schema {}", "Syntax Error: Expected Name, found \"}\". @1:9"},
      {"enum E { true }",
       "Syntax Error: Name \"true\" is reserved and cannot be used for an enum value. @1:10"},
      {"enum E { \"null\" }", "Syntax Error: Expected Name, found \"}\". @1:17"},
      {"directive @d on FOO", "Syntax Error: Unexpected Name \"FOO\". @1:17"},
      {"directive d on FIELD", "Syntax Error: Expected \"@\", found Name \"d\". @1:11"},
      {"directive @d FIELD", "Syntax Error: Expected \"on\", found Name \"FIELD\". @1:14"},
      {"type T { a: [Int }", "Syntax Error: Expected \"]\", found \"}\". @1:18"},
      {"type T implements { a: Int }", "Syntax Error: Expected Name, found \"{\". @1:19"},
      {"type T {}", "Syntax Error: Expected Name, found \"}\". @1:9"},
      {"union U = ", "Syntax Error: Expected Name, found <EOF>. @1:11"},
      {"input I { a: Int = $x }",
       "Syntax Error: Unexpected variable \"$x\" in constant value. @1:20"},
  };
  for (const auto& [source, error] : cases) EXPECT_EQ(ParseError(source), error) << source;
}

TEST(ParserTypeSystemTest, KitchenSinkSdl) {
  const Document document = MustParse(testing::ReadGraphqlJsDocument("kitchen-sink-sdl.graphql"));
  ASSERT_EQ(document.definitions.size(), 38u);
  size_t extensions = 0;
  for (const Definition& definition : document.definitions) {
    if (const auto* type = std::get_if<TypeDefinition>(&definition))
      extensions += type->is_extension;
    if (const auto* schema = std::get_if<SchemaDefinition>(&definition)) {
      extensions += schema->is_extension;
    }
  }
  EXPECT_EQ(extensions, 13u);
}

TEST(ParserTypeSystemTest, GithubSchema) {
  const Document document = MustParse(testing::ReadGraphqlJsDocument("github-schema.graphql"));
  // The counts graphql-js 16.8.2 reports for the same file.
  std::map<TypeDefinition::Kind, size_t> kinds;
  for (const Definition& definition : document.definitions) {
    ASSERT_TRUE(std::holds_alternative<TypeDefinition>(definition));
    ++kinds[std::get<TypeDefinition>(definition).kind];
  }
  EXPECT_EQ(document.definitions.size(), 540u);
  EXPECT_EQ(kinds[TypeDefinition::Kind::kObject], 327u);
  EXPECT_EQ(kinds[TypeDefinition::Kind::kInputObject], 90u);
  EXPECT_EQ(kinds[TypeDefinition::Kind::kEnum], 70u);
  EXPECT_EQ(kinds[TypeDefinition::Kind::kInterface], 25u);
  EXPECT_EQ(kinds[TypeDefinition::Kind::kUnion], 20u);
  EXPECT_EQ(kinds[TypeDefinition::Kind::kScalar], 8u);
  const auto& first = std::get<TypeDefinition>(document.definitions[0]);
  EXPECT_EQ(first.name, "AcceptTopicSuggestionInput");
  EXPECT_EQ(first.description->text, "Autogenerated input type of AcceptTopicSuggestion");
  // A definition with a description starts at its description, as in graphql-js.
  EXPECT_EQ(first.input_fields[0].location, (SourceLocation{5, 3}));
}

}  // namespace
}  // namespace junction::graphql
