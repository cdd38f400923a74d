// Printer tests: output byte for byte as graphql-js 16.8.2's `print` (every expected text below is
// its output for the same document), and the round trip Parse(Print(d)) == d with Print
// idempotent, on the graphql-js kitchen sinks and GitHub's schema.

#include "graphql/printer.h"

#include <gtest/gtest.h>

#include <string>

#include "graphql/parser.h"
#include "graphql/test_files.h"

namespace junction::graphql {
namespace {

Document MustParse(std::string_view source) {
  Result<Document> document = Parse(source);
  if (!document) {
    ADD_FAILURE() << "parse failed: " << document.error().message << "\n" << source;
    return {};
  }
  return std::move(*document);
}

std::string Reprint(std::string_view source) { return Print(MustParse(source)); }

std::string Repeat(std::string_view text, int times) {
  std::string out;
  for (int i = 0; i < times; ++i) out += text;
  return out;
}

// graphql-js 16.8.2's print(parse(kitchen-sink-query.graphql)).
constexpr std::string_view kKitchenSinkQueryPrinted =
    R"(query queryName($foo: ComplexType, $site: Site = MOBILE) @onQuery {
  whoever123is: node(id: [123, 456]) {
    id
    ... on User @onInlineFragment {
      field2 {
        id
        alias: field1(first: 10, after: $foo) @include(if: $foo) {
          id
          ...frag @onFragmentSpread
        }
      }
    }
    ... @skip(unless: $foo) {
      id
    }
    ... {
      id
    }
  }
}

mutation likeStory @onMutation {
  like(story: 123) @onField {
    story {
      id @onField
    }
  }
}

subscription StoryLikeSubscription($input: StoryLikeSubscribeInput @onVariableDefinition) @onSubscription {
  storyLikeSubscribe(input: $input) {
    story {
      likers {
        count
      }
      likeSentence {
        text
      }
    }
  }
}

fragment frag on Friend @onFragmentDefinition {
  foo(
    size: $size
    bar: $b
    obj: {key: "value", block: """
    block string uses \"""
    """}
  )
}

{
  unnamed(truthy: true, falsy: false, nullish: null)
  query
}

{
  __typename
})";

TEST(PrinterTest, KitchenSinkQueryMatchesGraphqlJs) {
  EXPECT_EQ(Reprint(testing::ReadGraphqlJsDocument("kitchen-sink-query.graphql")),
            kKitchenSinkQueryPrinted);
}

// graphql-js 16.8.2's print(parse(kitchen-sink-sdl.graphql)).
constexpr std::string_view kKitchenSinkSdlPrinted =
    R"gql("""This is a description of the schema as a whole."""
schema {
  query: QueryType
  mutation: MutationType
}

"""
This is a description
of the `Foo` type.
"""
type Foo implements Bar & Baz & Two {
  "Description of the `one` field."
  one: Type
  """This is a description of the `two` field."""
  two(
    """This is a description of the `argument` argument."""
    argument: InputType!
  ): Type
  """This is a description of the `three` field."""
  three(argument: InputType, other: String): Int
  four(argument: String = "string"): String
  five(argument: [String] = ["string", "string"]): String
  six(argument: InputType = {key: "value"}): Type
  seven(argument: Int = null): Type
  eight(argument: OneOfInputType): Type
}

type AnnotatedObject @onObject(arg: "value") {
  annotatedField(arg: Type = "default" @onArgumentDefinition): Type @onField
}

type UndefinedType

extend type Foo {
  seven(argument: [String]): Type
}

extend type Foo @onType

interface Bar {
  one: Type
  four(argument: String = "string"): String
}

interface AnnotatedInterface @onInterface {
  annotatedField(arg: Type @onArgumentDefinition): Type @onField
}

interface UndefinedInterface

extend interface Bar implements Two {
  two(argument: InputType!): Type
}

extend interface Bar @onInterface

interface Baz implements Bar & Two {
  one: Type
  two(argument: InputType!): Type
  four(argument: String = "string"): String
}

union Feed = Story | Article | Advert

union AnnotatedUnion @onUnion = A | B

union AnnotatedUnionTwo @onUnion = A | B

union UndefinedUnion

extend union Feed = Photo | Video

extend union Feed @onUnion

scalar CustomScalar

scalar AnnotatedScalar @onScalar

extend scalar CustomScalar @onScalar

enum Site {
  """This is a description of the `DESKTOP` value"""
  DESKTOP
  """This is a description of the `MOBILE` value"""
  MOBILE
  "This is a description of the `WEB` value"
  WEB
}

enum AnnotatedEnum @onEnum {
  ANNOTATED_VALUE @onEnumValue
  OTHER_VALUE
}

enum UndefinedEnum

extend enum Site {
  VR
}

extend enum Site @onEnum

input InputType {
  key: String!
  answer: Int = 42
}

input OneOfInputType @oneOf {
  string: String
  int: Int
}

input AnnotatedInput @onInputObject {
  annotatedField: Type @onInputFieldDefinition
}

input UndefinedInput

extend input InputType {
  other: Float = 1.23e4 @onInputFieldDefinition
}

extend input InputType @onInputObject

"""This is a description of the `@skip` directive"""
directive @skip(
  """This is a description of the `if` argument"""
  if: Boolean! @onArgumentDefinition
) on FIELD | FRAGMENT_SPREAD | INLINE_FRAGMENT

directive @include(if: Boolean!) on FIELD | FRAGMENT_SPREAD | INLINE_FRAGMENT

directive @include2(if: Boolean!) on FIELD | FRAGMENT_SPREAD | INLINE_FRAGMENT

directive @myRepeatableDir(name: String!) repeatable on OBJECT | INTERFACE

extend schema @onSchema

extend schema @onSchema {
  subscription: SubscriptionType
})gql";

TEST(PrinterTest, KitchenSinkSdlMatchesGraphqlJs) {
  EXPECT_EQ(Reprint(testing::ReadGraphqlJsDocument("kitchen-sink-sdl.graphql")),
            kKitchenSinkSdlPrinted);
}

TEST(PrinterTest, RoundTripsAndIsIdempotent) {
  for (const char* name : {"kitchen-sink-query.graphql", "kitchen-sink-sdl.graphql",
                           "kitchen-sink.graphql", "github-schema.graphql"}) {
    const Document document = MustParse(testing::ReadGraphqlJsDocument(name));
    const std::string printed = Print(document);
    const Document reparsed = MustParse(printed);
    EXPECT_EQ(reparsed, document) << name;
    EXPECT_EQ(Print(reparsed), printed) << name;
  }
}

TEST(PrinterTest, WrapsFieldArgumentsPastEightyCharacters) {
  // `f(a: "…")` with 72 characters in the string is 80 long; one more wraps.
  const std::string x72(72, 'x');
  EXPECT_EQ(Reprint("{ f(a: \"" + x72 + "\") }"), "{\n  f(a: \"" + x72 + "\")\n}");
  EXPECT_EQ(Reprint("{ f(a: \"" + x72 + "x\") }"), "{\n  f(\n    a: \"" + x72 + "x\"\n  )\n}");
  // Length counts UTF-16 units, as JavaScript does: 😀 is two.
  const std::string emoji36 = Repeat("😀", 36);
  EXPECT_EQ(Reprint("{ f(a: \"" + emoji36 + "\") }"), "{\n  f(a: \"" + emoji36 + "\")\n}");
  EXPECT_EQ(Reprint("{ f(a: \"" + emoji36 + "😀\") }"),
            "{\n  f(\n    a: \"" + emoji36 + "😀\"\n  )\n}");
  // The alias counts; directives and the selection set follow the closing parenthesis.
  const std::string y60(60, 'y');
  EXPECT_EQ(Reprint("{ alias: f(a: 1, bb: \"" + y60 + "\") @d { g } }"),
            "{\n  alias: f(\n    a: 1\n    bb: \"" + y60 + "\"\n  ) @d {\n    g\n  }\n}");
}

TEST(PrinterTest, BlockStringsAreIndentedWithTheirBlock) {
  EXPECT_EQ(Reprint("{ a { b(x: \"\"\"l1\n  l2\"\"\", y: 2) } }"),
            "{\n  a {\n    b(x: \"\"\"\n    l1\n    l2\n    \"\"\", y: 2)\n  }\n}");
  EXPECT_EQ(Reprint("{ f(a: \"\"\"  lead\"\"\", b: \"\"\"x\"y\"\"\") }"),
            "{\n  f(a: \"\"\"  lead\"\"\", b: \"\"\"x\"y\"\"\")\n}");
  EXPECT_EQ(
      Reprint(
          "type T { \"\"\"\n  multi\n  line\n  \"\"\"\n a(\n\"\"\"arg\nmore\"\"\"\nx: Int): Int }"),
      "type T {\n  \"\"\"\n  multi\n  line\n  \"\"\"\n  a(\n    \"\"\"\n    arg\n    more\n    "
      "\"\"\"\n    x: Int\n  ): Int\n}");
}

TEST(PrinterTest, ArgumentDefinitionsWithDescriptionsGoOnePerLine) {
  EXPECT_EQ(
      Reprint("type T { f(\"desc\" a: Int, b: Int): Int g(a: Int, b: [Int] = [1, 2]): Int }"),
      "type T {\n  f(\n    \"desc\"\n    a: Int\n    b: Int\n  ): Int\n  g(a: Int, b: [Int] = "
      "[1, 2]): Int\n}");
  EXPECT_EQ(Reprint("directive @d(\"x\" a: Int) on FIELD"),
            "directive @d(\n  \"x\"\n  a: Int\n) on FIELD");
}

TEST(PrinterTest, EscapesStringsLikeGraphqlJs) {
  EXPECT_EQ(
      Reprint(R"({ f(s: "q\" b\\ \u0001 \u001F \u007F \u0080 \u009F \u00A0 é \t\n\r\b\f") })"),
      "{\n  f(s: \"q\\\" b\\\\ \\u0001 \\u001F \\u007F \\u0080 \\u009F \u00A0 é "
      "\\t\\n\\r\\b\\f\")\n}");
}

TEST(PrinterTest, OperationsFragmentsAndValues) {
  EXPECT_EQ(
      Reprint("query ($a: Int) { a } query @d { a } query { a } query Q { a } mutation { a }"),
      "query ($a: Int) {\n  a\n}\n\nquery @d {\n  a\n}\n\n{\n  a\n}\n\nquery Q {\n  a\n}\n\n"
      "mutation {\n  a\n}");
  EXPECT_EQ(Reprint("{ ...F @a ... on T @b { a } ... @c { a } }"),
            "{\n  ...F @a\n  ... on T @b {\n    a\n  }\n  ... @c {\n    a\n  }\n}");
  EXPECT_EQ(Reprint("fragment F on T @a @b { a }"), "fragment F on T @a @b {\n  a\n}");
  EXPECT_EQ(Reprint("{ f(a: [], b: {}, c: [{x: [1]}], d: -1.5e-3) }"),
            "{\n  f(a: [], b: {}, c: [{x: [1]}], d: -1.5e-3)\n}");
}

TEST(PrinterTest, PrintsValuesAndSelectionSets) {
  const Document document = MustParse("{ a(x: {k: [1, \"s\", $v, E, null, true]}) { b c } }");
  const Field& field =
      std::get<Field>(std::get<OperationDefinition>(document.definitions[0]).selection_set[0].node);
  EXPECT_EQ(Print(field.arguments[0].value), "{k: [1, \"s\", $v, E, null, true]}");
  EXPECT_EQ(Print(field.selection_set), "{\n  b\n  c\n}");
  EXPECT_EQ(Print(SelectionSet{}), "");
}

}  // namespace
}  // namespace junction::graphql
