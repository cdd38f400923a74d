// BuildSchema: SDL → Schema as graphql-js 16.8.2 buildASTSchema does it. The kitchen-sink SDL and
// GitHub's schema come from ../shared/testdata/graphql-js; the expected error text and type order
// in testdata/ were produced by graphql-js (buildSchema(...).getTypeMap(), and the message it
// throws for the kitchen sink, whose undefined types and directives it rejects).

#include "graphql/build_schema.h"

#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

#include "graphql/parser.h"

namespace junction::graphql {
namespace {

std::string ReadFile(const std::string& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

Result<std::shared_ptr<const Schema>> Build(std::string_view sdl) {
  Result<Document> document = Parse(sdl);
  if (!document) return document.error();
  return BuildSchema(*document);
}

std::shared_ptr<const Schema> MustBuild(std::string_view sdl) {
  Result<std::shared_ptr<const Schema>> schema = Build(sdl);
  EXPECT_TRUE(schema) << schema.error().message;
  return schema ? *schema : nullptr;
}

std::string BuildError(std::string_view sdl) {
  Result<std::shared_ptr<const Schema>> schema = Build(sdl);
  return schema ? "" : schema.error().message;
}

TEST(BuildSchemaTest, GithubSchemaBuildsWithGraphqlJsTypeOrder) {
  std::string sdl =
      ReadFile(std::string(JUNCTION_SHARED_DIR) + "/testdata/graphql-js/github-schema.graphql");
  std::shared_ptr<const Schema> schema = MustBuild(sdl);
  ASSERT_NE(schema, nullptr);
  std::string names;
  for (const TypeDef& type : schema->types()) names += type.name + "\n";
  EXPECT_EQ(names, ReadFile(std::string(JUNCTION_SOURCE_DIR) +
                            "/src/graphql/testdata/github_schema_types.txt"));
  EXPECT_EQ(schema->query_type()->name, "Query");
  EXPECT_EQ(schema->mutation_type()->name, "Mutation");
  EXPECT_EQ(schema->subscription_type(), nullptr);
  EXPECT_EQ(schema->directives().size(), 4u);
}

TEST(BuildSchemaTest, KitchenSinkIsRejectedWithGraphqlJsErrors) {
  std::string sdl =
      ReadFile(std::string(JUNCTION_SHARED_DIR) + "/testdata/graphql-js/kitchen-sink-sdl.graphql");
  std::string expected = ReadFile(std::string(JUNCTION_SOURCE_DIR) +
                                  "/src/graphql/testdata/kitchen_sink_sdl_errors.txt");
  EXPECT_EQ(BuildError(sdl) + "\n", expected);
}

TEST(BuildSchemaTest, DescriptionsDeprecationsAndSpecifiedBy) {
  std::shared_ptr<const Schema> schema = MustBuild(R"(
    """The schema."""
    schema { query: Q }
    "A date." scalar Date @specifiedBy(url: "https://example.com/date")
    scalar Time
    extend scalar Time @specifiedBy(url: "https://example.com/ignored")
    """
    The root.
      Indented.
    """
    type Q {
      "plain" a(x: Int @deprecated, y: E = B): Date @deprecated(reason: "use b")
      b: E @deprecated(reason: null)
      t: Time
    }
    enum E { A "bee" B @deprecated }
    input I { f: Int = 3 @deprecated(reason: "gone") }
  )");
  ASSERT_NE(schema, nullptr);
  EXPECT_EQ(schema->description(), "The schema.");
  const TypeDef& date = *schema->FindType("Date");
  EXPECT_EQ(date.description, "A date.");
  EXPECT_EQ(date.specified_by_url, "https://example.com/date");
  // graphql-js buildASTSchema reads @specifiedBy from the definition only.
  EXPECT_FALSE(schema->FindType("Time")->specified_by_url.has_value());
  const TypeDef& q = *schema->FindType("Q");
  EXPECT_EQ(q.description, "The root.\n  Indented.");
  const FieldDef& a = *q.FindField("a");
  EXPECT_EQ(a.description, "plain");
  EXPECT_EQ(a.deprecation_reason, "use b");
  EXPECT_EQ(a.arguments[0].deprecation_reason, "No longer supported");
  EXPECT_EQ(a.arguments[1].default_value->text, "B");
  EXPECT_FALSE(q.FindField("b")->deprecation_reason.has_value());
  const TypeDef& e = *schema->FindType("E");
  EXPECT_EQ(e.enum_values[1].description, "bee");
  EXPECT_EQ(e.enum_values[1].deprecation_reason, "No longer supported");
  EXPECT_EQ(schema->FindType("I")->input_fields[0].deprecation_reason, "gone");
}

TEST(BuildSchemaTest, ExtensionsMergeIntoTheirTypes) {
  std::shared_ptr<const Schema> schema = MustBuild(R"(
    type Query { a: Int }
    extend type Query implements Node { id: ID! }
    interface Node { id: ID! }
    extend type Query { b: U }
    union U = Query
    extend union U = Other
    type Other { x: Int }
    enum E { A }
    extend enum E { B }
    input In { a: Int }
    extend input In { b: E }
    extend schema { mutation: Other }
  )");
  ASSERT_NE(schema, nullptr);
  const TypeDef& query = *schema->FindType("Query");
  ASSERT_EQ(query.fields.size(), 3u);
  EXPECT_EQ(query.fields[2].name, "b");
  EXPECT_EQ(query.interfaces, std::vector<std::string>{"Node"});
  EXPECT_EQ(schema->FindType("U")->union_members, (std::vector<std::string>{"Query", "Other"}));
  EXPECT_EQ(schema->FindType("E")->enum_values.size(), 2u);
  EXPECT_EQ(schema->FindType("In")->input_fields[1].name, "b");
  // Without a schema definition the type named Query is the query root, even when an extension
  // names other roots (graphql-js buildASTSchema).
  EXPECT_EQ(schema->query_type()->name, "Query");
  EXPECT_EQ(schema->mutation_type()->name, "Other");
}

TEST(BuildSchemaTest, RootsComeFromTheSchemaDefinition) {
  std::shared_ptr<const Schema> schema = MustBuild(R"(
    schema { query: Root subscription: Events }
    type Root { a: Int }
    type Query { b: Int }
    type Events { c: Int }
  )");
  ASSERT_NE(schema, nullptr);
  EXPECT_EQ(schema->query_type()->name, "Root");
  EXPECT_EQ(schema->subscription_type()->name, "Events");
  EXPECT_EQ(schema->mutation_type(), nullptr);
}

TEST(BuildSchemaTest, StandardScalarsMayBeDeclaredAndIntrospectionTypesReferenced) {
  std::shared_ptr<const Schema> schema = MustBuild(R"(
    scalar String
    type Query { a: String, t: __Type }
  )");
  ASSERT_NE(schema, nullptr);
  EXPECT_EQ(schema->types()[0].name, "String");
  EXPECT_NE(schema->FindType("String")->description, "");
}

TEST(BuildSchemaTest, RedefinedSpecifiedDirectiveReplacesIt) {
  std::shared_ptr<const Schema> schema = MustBuild(R"(
    directive @skip(when: Boolean!) on FIELD
    type Query { a: Int }
  )");
  ASSERT_NE(schema, nullptr);
  ASSERT_EQ(schema->directives().size(), 4u);
  EXPECT_EQ(schema->directives()[0].name, "skip");
  EXPECT_EQ(schema->directives()[0].arguments[0].name, "when");
  EXPECT_EQ(schema->directives()[1].name, "include");
}

TEST(BuildSchemaTest, SdlRulesReportGraphqlJsMessages) {
  EXPECT_EQ(BuildError("type Query { a: Usr } type User { id: ID }"),
            "Unknown type \"Usr\". Did you mean \"User\"?");
  EXPECT_EQ(BuildError("type Query { a: Int } type Query { b: Int }"),
            "There can be only one type named \"Query\".");
  EXPECT_EQ(BuildError("type Query { a: Int a: ID }"),
            "Field \"Query.a\" can only be defined once.");
  EXPECT_EQ(BuildError("type Query { a(x: Int, x: Int): Int }"),
            "Argument \"Query.a(x:)\" can only be defined once.");
  EXPECT_EQ(BuildError("type Query { a: E } enum E { A A }"),
            "Enum value \"E.A\" can only be defined once.");
  EXPECT_EQ(BuildError("type Query { a: Int } extend type Qery { b: Int }"),
            "Cannot extend type \"Qery\" because it is not defined. Did you mean \"Query\"?");
  EXPECT_EQ(BuildError("type Query { a: Int } extend input Query { b: Int }"),
            "Cannot extend non-input object type \"Query\".");
  EXPECT_EQ(BuildError("type Query { a: Int @skip(if: true) }"),
            "Directive \"@skip\" may not be used on FIELD_DEFINITION.");
  EXPECT_EQ(BuildError("type Query { a: Int @deprecated @deprecated }"),
            "The directive \"@deprecated\" can only be used once at this location.");
  EXPECT_EQ(BuildError("type Query { a: Int @deprecated(reasn: \"x\") }"),
            "Unknown argument \"reasn\" on directive \"@deprecated\". Did you mean \"reason\"?");
  EXPECT_EQ(BuildError("scalar S @specifiedBy type Query { a: S }"),
            "Directive \"@specifiedBy\" argument \"url\" of type \"String!\" is required, but it "
            "was not provided.");
  EXPECT_EQ(
      BuildError("schema { query: Q } schema { query: Q } type Q { a: Int }"),
      "Must provide only one schema definition.\n\nThere can be only one query type in schema.");
  EXPECT_EQ(BuildError("directive @d on FIELD directive @d on QUERY type Query { a: Int }"),
            "There can be only one directive named \"@d\".");
  EXPECT_EQ(BuildError("type Query { a(x: In = {a: 1, a: 2}): Int } input In { a: Int }"),
            "There can be only one input field named \"a\".");
  EXPECT_EQ(BuildError("type Query { a: Int } query { a }"),
            "An operation cannot be part of a type-system document.");
}

TEST(BuildSchemaTest, TypeSystemValidationRunsOnTheBuiltSchema) {
  EXPECT_EQ(
      BuildError("type Query { a: Int } interface I { b: Int } type T implements I { c: Int }"),
      "Interface field I.b expected but T does not provide it.");
  EXPECT_EQ(BuildError("type Q { a: Int }"), "Query root type must be provided.");
  EXPECT_EQ(BuildError("type Query { a: Int @deprecated(reason: 1) }"),
            "Argument \"reason\" has invalid value 1.");
}

}  // namespace
}  // namespace junction::graphql
