// Parser tests for executable documents (§2): every construct and where it is located, graphql-js
// 16's messages and positions for malformed documents (each checked against graphql-js 16.8.2),
// and the ParseOptions limits that keep abusive documents from costing memory or stack.

#include "graphql/parser.h"

#include <gtest/gtest.h>

#include <string>

#include "graphql/test_files.h"

namespace junction::graphql {
namespace {

Document MustParse(std::string_view source, const ParseOptions& options = {}) {
  Result<Document> document = Parse(source, options);
  if (!document) {
    ADD_FAILURE() << "parse failed: " << document.error().message;
    return {};
  }
  return std::move(*document);
}

// "message @line:column" of the error parsing `source`, or "parsed".
std::string ParseError(std::string_view source, const ParseOptions& options = {}) {
  Result<Document> document = Parse(source, options);
  if (document) return "parsed";
  const Error& error = document.error();
  if (error.locations.size() != 1) return "no location: " + error.message;
  return error.message + " @" + std::to_string(error.locations[0].line) + ":" +
         std::to_string(error.locations[0].column);
}

const OperationDefinition& OnlyOperation(const Document& document) {
  static const OperationDefinition kNone;
  if (document.definitions.size() != 1 ||
      !std::holds_alternative<OperationDefinition>(document.definitions[0])) {
    ADD_FAILURE() << "expected one operation";
    return kNone;
  }
  return std::get<OperationDefinition>(document.definitions[0]);
}

const Field& FieldAt(const SelectionSet& selection_set, size_t i) {
  static const Field kNone;
  if (i >= selection_set.size() || !std::holds_alternative<Field>(selection_set[i].node)) {
    ADD_FAILURE() << "no field at " << i;
    return kNone;
  }
  return std::get<Field>(selection_set[i].node);
}

TEST(ParserTest, QueryShorthand) {
  const Document document = MustParse("{ a }");
  const OperationDefinition& operation = OnlyOperation(document);
  EXPECT_TRUE(operation.shorthand);
  EXPECT_EQ(operation.operation, OperationType::kQuery);
  EXPECT_EQ(operation.name, "");
  EXPECT_EQ(operation.location, (SourceLocation{1, 1}));
  EXPECT_EQ(FieldAt(operation.selection_set, 0).name, "a");
  EXPECT_EQ(operation.selection_set[0].location(), (SourceLocation{1, 3}));
}

TEST(ParserTest, OperationsWithVariablesAndDirectives) {
  const Document document = MustParse(
      "query Q($id: ID! = \"x\" @v(a: 1), $list: [Int!]) @op { a }\n"
      "mutation M { b }\nsubscription { c }\nquery { d }");
  ASSERT_EQ(document.definitions.size(), 4u);
  const auto& query = std::get<OperationDefinition>(document.definitions[0]);
  EXPECT_FALSE(query.shorthand);
  EXPECT_EQ(query.name, "Q");
  EXPECT_EQ(query.name_location, (SourceLocation{1, 7}));
  ASSERT_EQ(query.variables.size(), 2u);
  EXPECT_EQ(query.variables[0].name, "id");
  EXPECT_EQ(query.variables[0].location, (SourceLocation{1, 9}));
  EXPECT_EQ(query.variables[0].type.ToString(), "ID!");
  ASSERT_TRUE(query.variables[0].default_value.has_value());
  EXPECT_EQ(query.variables[0].default_value->text, "x");
  ASSERT_EQ(query.variables[0].directives.size(), 1u);
  EXPECT_EQ(query.variables[0].directives[0].name, "v");
  EXPECT_EQ(query.variables[0].directives[0].arguments[0].value.text, "1");
  EXPECT_EQ(query.variables[1].type.ToString(), "[Int!]");
  EXPECT_FALSE(query.variables[1].default_value.has_value());
  ASSERT_EQ(query.directives.size(), 1u);
  EXPECT_EQ(query.directives[0].name, "op");
  EXPECT_EQ(query.directives[0].location, (SourceLocation{1, 49}));

  const auto& mutation = std::get<OperationDefinition>(document.definitions[1]);
  EXPECT_EQ(mutation.operation, OperationType::kMutation);
  EXPECT_EQ(mutation.name, "M");
  EXPECT_EQ(mutation.location, (SourceLocation{2, 1}));
  const auto& subscription = std::get<OperationDefinition>(document.definitions[2]);
  EXPECT_EQ(subscription.operation, OperationType::kSubscription);
  EXPECT_EQ(subscription.name, "");
  const auto& keyword_query = std::get<OperationDefinition>(document.definitions[3]);
  EXPECT_FALSE(keyword_query.shorthand);
  EXPECT_EQ(ToString(OperationType::kSubscription), "subscription");
}

TEST(ParserTest, FieldsWithAliasesArgumentsDirectivesAndSelections) {
  const Document document =
      MustParse("{\n  alias: field(x: 1, y: $v) @skip(if: true) { sub }\n  plain\n}");
  const OperationDefinition& operation = OnlyOperation(document);
  const Field& field = FieldAt(operation.selection_set, 0);
  EXPECT_EQ(field.alias, "alias");
  EXPECT_EQ(field.name, "field");
  EXPECT_EQ(field.ResponseKey(), "alias");
  EXPECT_EQ(field.location, (SourceLocation{2, 3}));
  ASSERT_EQ(field.arguments.size(), 2u);
  EXPECT_EQ(field.arguments[0].name, "x");
  EXPECT_EQ(field.arguments[0].location, (SourceLocation{2, 16}));
  EXPECT_EQ(field.arguments[1].value.kind, Value::Kind::kVariable);
  EXPECT_EQ(field.arguments[1].value.text, "v");
  ASSERT_EQ(field.directives.size(), 1u);
  EXPECT_EQ(field.directives[0].arguments[0].value.kind, Value::Kind::kBoolean);
  EXPECT_EQ(field.selection_set_location, (SourceLocation{2, 45}));
  EXPECT_EQ(FieldAt(field.selection_set, 0).name, "sub");
  const Field& plain = FieldAt(operation.selection_set, 1);
  EXPECT_EQ(plain.alias, "");
  EXPECT_EQ(plain.ResponseKey(), "plain");
  EXPECT_TRUE(plain.selection_set.empty());
}

TEST(ParserTest, FragmentsSpreadsAndInlineFragments) {
  const Document document = MustParse(
      "{ ...F @d ... on T { a } ... @include(if: $c) { b } ... { c } }\n"
      "fragment F on T @fd { a }");
  ASSERT_EQ(document.definitions.size(), 2u);
  const auto& operation = std::get<OperationDefinition>(document.definitions[0]);
  ASSERT_EQ(operation.selection_set.size(), 4u);
  const auto& spread = std::get<FragmentSpread>(operation.selection_set[0].node);
  EXPECT_EQ(spread.name, "F");
  EXPECT_EQ(spread.location, (SourceLocation{1, 3}));
  EXPECT_EQ(spread.name_location, (SourceLocation{1, 6}));
  EXPECT_EQ(spread.directives[0].name, "d");
  const auto& typed = std::get<InlineFragment>(operation.selection_set[1].node);
  EXPECT_EQ(typed.type_condition, "T");
  EXPECT_EQ(typed.type_condition_location, (SourceLocation{1, 18}));
  const auto& directed = std::get<InlineFragment>(operation.selection_set[2].node);
  EXPECT_EQ(directed.type_condition, "");
  EXPECT_EQ(directed.directives[0].name, "include");
  const auto& bare = std::get<InlineFragment>(operation.selection_set[3].node);
  EXPECT_TRUE(bare.directives.empty());
  EXPECT_EQ(FieldAt(bare.selection_set, 0).name, "c");

  const auto& fragment = std::get<FragmentDefinition>(document.definitions[1]);
  EXPECT_EQ(fragment.name, "F");
  EXPECT_EQ(fragment.type_condition, "T");
  EXPECT_EQ(fragment.location, (SourceLocation{2, 1}));
  EXPECT_EQ(fragment.name_location, (SourceLocation{2, 10}));
  EXPECT_EQ(fragment.type_condition_location, (SourceLocation{2, 15}));
  EXPECT_EQ(fragment.directives[0].name, "fd");
}

TEST(ParserTest, EveryKindOfValue) {
  const Document document = MustParse(
      R"({ f(a: -12, b: 1.5e3, c: "s\n", d: """ block """, e: true, f: false, g: null, h: ENUM,
           i: $var, j: [1, [2], []], k: {x: 1, y: {z: "w"}, e: {}}) })");
  const Field& field = FieldAt(OnlyOperation(document).selection_set, 0);
  ASSERT_EQ(field.arguments.size(), 11u);
  const auto value = [&](size_t i) -> const Value& { return field.arguments[i].value; };
  EXPECT_EQ(value(0).kind, Value::Kind::kInt);
  EXPECT_EQ(value(0).text, "-12");
  EXPECT_EQ(value(1).kind, Value::Kind::kFloat);
  EXPECT_EQ(value(1).text, "1.5e3");
  EXPECT_EQ(value(2).kind, Value::Kind::kString);
  EXPECT_EQ(value(2).text, "s\n");
  EXPECT_FALSE(value(2).block);
  EXPECT_EQ(value(3).text, " block ");
  EXPECT_TRUE(value(3).block);
  EXPECT_TRUE(value(4).boolean);
  EXPECT_EQ(value(5).kind, Value::Kind::kBoolean);
  EXPECT_FALSE(value(5).boolean);
  EXPECT_EQ(value(6).kind, Value::Kind::kNull);
  EXPECT_EQ(value(7).kind, Value::Kind::kEnum);
  EXPECT_EQ(value(7).text, "ENUM");
  EXPECT_EQ(value(8).kind, Value::Kind::kVariable);
  EXPECT_EQ(value(8).text, "var");
  ASSERT_EQ(value(9).kind, Value::Kind::kList);
  ASSERT_EQ(value(9).list.size(), 3u);
  EXPECT_EQ(value(9).list[1].list[0].text, "2");
  EXPECT_TRUE(value(9).list[2].list.empty());
  ASSERT_EQ(value(10).kind, Value::Kind::kObject);
  ASSERT_EQ(value(10).fields.size(), 3u);
  EXPECT_EQ(value(10).fields[1].name, "y");
  EXPECT_EQ(value(10).fields[1].value.fields[0].value.text, "w");
  EXPECT_EQ(value(10).fields[1].location, (SourceLocation{2, 48}));
  EXPECT_EQ(value(10).fields[2].value.kind, Value::Kind::kObject);
}

TEST(ParserTest, TypeReferences) {
  const Document document = MustParse("query ($a: [[String!]]!, $b: Int) { a }");
  const OperationDefinition& operation = OnlyOperation(document);
  const TypeRef& type = operation.variables[0].type;
  using W = TypeRef::Wrapper;
  EXPECT_EQ(type.name, "String");
  EXPECT_EQ(type.wrappers, (std::vector<W>{W::kNonNull, W::kList, W::kList, W::kNonNull}));
  EXPECT_EQ(type.location, (SourceLocation{1, 12}));
  EXPECT_EQ(type.name_location, (SourceLocation{1, 14}));
  EXPECT_EQ(type.ToString(), "[[String!]]!");
  EXPECT_TRUE(type.IsNonNull());
  EXPECT_TRUE(type.IsList());
  EXPECT_EQ(type.Nullable().ToString(), "[[String!]]");
  EXPECT_EQ(type.ItemType().ToString(), "[String!]");
  EXPECT_EQ(type.ItemType().ItemType().ToString(), "String!");
  EXPECT_FALSE(type.ItemType().ItemType().IsList());
  const TypeRef& plain = operation.variables[1].type;
  EXPECT_FALSE(plain.IsList());
  EXPECT_EQ(plain.Nullable(), plain);
}

TEST(ParserTest, EqualityIgnoresLocationsAndSpelling) {
  EXPECT_EQ(MustParse("{ a(x: 1) }"), MustParse("\n\n  query   {\n a ( x : 1 , ) }"));
  EXPECT_NE(MustParse("{ a(x: 1) }"), MustParse("{ a(x: 2) }"));
  EXPECT_NE(MustParse("{ a(x: \"s\") }"), MustParse("{ a(x: \"\"\"s\"\"\") }"));
  EXPECT_NE(MustParse("{ a: b }"), MustParse("{ b }"));
}

TEST(ParserTest, IgnoresCommentsCommasAndByteOrderMark) {
  EXPECT_EQ(MustParse("\xEF\xBB\xBF# comment\n{ a,,, b # c\n }"), MustParse("{ a b }"));
}

struct MalformedCase {
  const char* source;
  const char* error;
};

// Every expected error is graphql-js 16.8.2's message and location for the same source.
TEST(ParserTest, MalformedDocumentsFailLikeGraphqlJs) {
  const MalformedCase cases[] = {
      {"", "Syntax Error: Unexpected <EOF>. @1:1"},
      {"{", "Syntax Error: Expected Name, found <EOF>. @1:2"},
      {"{ a", "Syntax Error: Expected Name, found <EOF>. @1:4"},
      {"query Q($a) { a }", "Syntax Error: Expected \":\", found \")\". @1:11"},
      {"{ a(x: ) }", "Syntax Error: Unexpected \")\". @1:8"},
      {"{ a(x: 1 }", "Syntax Error: Expected Name, found \"}\". @1:10"},
      {"fragment on on T { a }", "Syntax Error: Unexpected Name \"on\". @1:10"},
      {"fragment F T { a }", "Syntax Error: Expected \"on\", found Name \"T\". @1:12"},
      {"\"desc\" query { a }",
       "Syntax Error: Unexpected description, descriptions are supported only on type "
       "definitions. @1:1"},
      {"query Q($v: Int = $w) { a }",
       "Syntax Error: Unexpected variable \"$w\" in constant value. @1:19"},
      {"query Q($v: Int = $) { a }", "Syntax Error: Unexpected \"$\". @1:19"},
      {"{ ...on }", "Syntax Error: Expected Name, found \"}\". @1:9"},
      {"{ a(x: [1, 2) }", "Syntax Error: Unexpected \")\". @1:13"},
      {"{ a }\n\n  }", "Syntax Error: Unexpected \"}\". @3:3"},
      {"{\r\n  a(x: 1)\r\n  ?\r\n}", "Syntax Error: Unexpected character: \"?\". @3:3"},
      {"{\r  a\r  ?\r}", "Syntax Error: Unexpected character: \"?\". @3:3"},
      {"mutatio { a }", "Syntax Error: Unexpected Name \"mutatio\". @1:1"},
      {"query Q { a } }", "Syntax Error: Unexpected \"}\". @1:15"},
      {"{ a(x: \"😀\") ? }", "Syntax Error: Unexpected character: \"?\". @1:14"},
      {"{ a(x: \"é\") b(y: \"\\x\") }",
       "Syntax Error: Invalid character escape sequence: \"\\x\". @1:19"},
      {"\"\"\"a\nb\"\"\" ?", "Syntax Error: Unexpected character: \"?\". @2:6"},
      {"{ a .. b }", "Syntax Error: Unexpected character: \".\". @1:5"},
  };
  for (const MalformedCase& c : cases) EXPECT_EQ(ParseError(c.source), c.error) << c.source;
}

TEST(ParserTest, ErrorsAreValidationFailedAtTheQuery) {
  Result<Document> document = Parse("{");
  ASSERT_FALSE(document);
  EXPECT_EQ(document.error().code, ErrorCode::kValidationFailed);
  EXPECT_EQ(document.error().path, "$.query");
}

TEST(ParserLimitsTest, TokenCount) {
  // `{ a b c }` is five tokens.
  EXPECT_EQ(ParseError("{ a b c }", {.max_tokens = 5}), "parsed");
  EXPECT_EQ(ParseError("{ a b c }", {.max_tokens = 4}),
            "Syntax Error: Document contains more than 4 tokens. Parsing aborted. @1:9");
  // The default allows 100,000 tokens.
  std::string many = "{";
  for (int i = 0; i < 99'998; ++i) many += " a";
  EXPECT_EQ(ParseError(many + " }"), "parsed");  // 100,000 tokens
  EXPECT_EQ(ParseError(many + " a }"),
            "Syntax Error: Document contains more than 100000 tokens. Parsing aborted. @1:200001");
}

TEST(ParserLimitsTest, NestingOfSelectionSets) {
  std::string nested;
  for (int i = 0; i < 128; ++i) nested += "{ a ";
  nested += "{ a }";
  for (int i = 0; i < 128; ++i) nested += " }";
  // 129 selection sets: one too many for the default of 128.
  EXPECT_EQ(ParseError(nested),
            "Syntax Error: Document is nested deeper than 128 levels. "
            "Parsing aborted. @1:513");
  EXPECT_EQ(ParseError(nested, {.max_depth = 129}), "parsed");
}

TEST(ParserLimitsTest, ValuesAndTypesCountTowardsNesting) {
  // One selection set and three lists.
  EXPECT_EQ(ParseError("{ a(x: [[[1]]]) }", {.max_depth = 4}), "parsed");
  EXPECT_EQ(ParseError("{ a(x: [[[1]]]) }", {.max_depth = 3}),
            "Syntax Error: Document is nested deeper than 3 levels. Parsing aborted. @1:10");
  EXPECT_EQ(ParseError("{ a(x: {b: {c: 1}}) }", {.max_depth = 2}),
            "Syntax Error: Document is nested deeper than 2 levels. Parsing aborted. @1:12");
  EXPECT_EQ(ParseError("query ($a: [[[Int]]]) { a }", {.max_depth = 2}),
            "Syntax Error: Document is nested deeper than 2 levels. Parsing aborted. @1:14");
}

TEST(ParserLimitsTest, HugeNestingIsAnErrorNotACrash) {
  const std::string brackets(100'000, '[');
  EXPECT_EQ(ParseError("{ a(x: " + brackets),
            "Syntax Error: Document is nested deeper than 128 levels. Parsing aborted. @1:135");
  EXPECT_EQ(ParseError("query ($a: " + brackets),
            "Syntax Error: Document is nested deeper than 128 levels. Parsing aborted. @1:140");
  std::string braces;
  for (int i = 0; i < 100'000; ++i) braces += "{a";
  EXPECT_EQ(ParseError(braces),
            "Syntax Error: Document is nested deeper than 128 levels. Parsing aborted. @1:257");
  std::string objects = "{ a(x: ";
  for (int i = 0; i < 100'000; ++i) objects += "{a: ";
  EXPECT_EQ(ParseError(objects),
            "Syntax Error: Document is nested deeper than 128 levels. Parsing aborted. @1:516");
  // A deep document within an explicit, larger limit still parses.
  std::string deep;
  for (int i = 0; i < 1'000; ++i) deep += "{a";
  deep += std::string(1'000, '}');
  EXPECT_EQ(ParseError(deep),
            "Syntax Error: Document is nested deeper than 128 levels. "
            "Parsing aborted. @1:257");
  EXPECT_EQ(ParseError(deep, {.max_depth = 1'000}), "parsed");
}

TEST(ParserTest, KitchenSinkQuery) {
  const Document document = MustParse(testing::ReadGraphqlJsDocument("kitchen-sink-query.graphql"));
  ASSERT_EQ(document.definitions.size(), 6u);
  const auto& query = std::get<OperationDefinition>(document.definitions[0]);
  EXPECT_EQ(query.name, "queryName");
  EXPECT_EQ(query.location, (SourceLocation{2, 1}));
  EXPECT_EQ(query.variables[1].default_value->kind, Value::Kind::kEnum);
  const Field& node = FieldAt(query.selection_set, 0);
  EXPECT_EQ(node.alias, "whoever123is");
  EXPECT_EQ(node.arguments[0].value.list.size(), 2u);
  const auto& subscription = std::get<OperationDefinition>(document.definitions[2]);
  EXPECT_EQ(subscription.variables[0].directives[0].name, "onVariableDefinition");
  const auto& fragment = std::get<FragmentDefinition>(document.definitions[3]);
  const Value& object = FieldAt(fragment.selection_set, 0).arguments[2].value;
  EXPECT_EQ(object.fields[1].value.text, "block string uses \"\"\"");
  EXPECT_TRUE(object.fields[1].value.block);
  EXPECT_TRUE(std::get<OperationDefinition>(document.definitions[4]).shorthand);
  EXPECT_FALSE(std::get<OperationDefinition>(document.definitions[5]).shorthand);
}

}  // namespace
}  // namespace junction::graphql
