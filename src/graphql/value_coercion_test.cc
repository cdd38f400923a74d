// Value coercion against graphql-js 16.8.2. testdata/variable_coercion.json holds the results of
// graphql-js getVariableValues for each case (its first error, since Normalize reports one); the
// argument, serialization and number-formatting expectations below were taken from graphql-js
// getArgumentValues, GraphQLScalarType.serialize and String(number).

#include "graphql/value_coercion.h"

#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

#include "graphql/build_schema.h"
#include "graphql/did_you_mean.h"
#include "graphql/inspect.h"
#include "graphql/parser.h"
#include "graphql/printer.h"

namespace junction::graphql {
namespace {

using Json = nlohmann::ordered_json;

std::shared_ptr<const Schema> BuildOrDie(std::string_view sdl) {
  Result<Document> document = Parse(sdl);
  EXPECT_TRUE(document) << document.error().message;
  Result<std::shared_ptr<const Schema>> schema = BuildSchema(*document);
  EXPECT_TRUE(schema) << schema.error().message;
  return *schema;
}

const OperationDefinition& FirstOperation(const Document& document) {
  return std::get<OperationDefinition>(document.definitions.front());
}

TEST(VariableCoercionTest, MatchesGraphqlJsOnEveryRecordedCase) {
  std::ifstream in(std::string(JUNCTION_SOURCE_DIR) +
                   "/src/graphql/testdata/variable_coercion.json");
  Json data = Json::parse(in);
  std::shared_ptr<const Schema> schema = BuildOrDie(data["schema"].get<std::string>());
  ASSERT_GT(data["cases"].size(), 40u);
  for (const Json& test : data["cases"]) {
    std::string type = test["type"].get<std::string>();
    SCOPED_TRACE(type + " <- " + test["json"].dump());
    Result<Document> document = Parse("query ($v: " + type + ") { f }");
    ASSERT_TRUE(document);
    Json inputs = Json::object();
    if (!test["json"].is_null()) inputs["v"] = Json::parse(test["json"].get<std::string>());
    Result<Json> coerced =
        CoerceVariableValues(*schema, FirstOperation(*document).variables, inputs);
    const Json& expected = test["result"];
    if (expected.contains("errors")) {
      ASSERT_FALSE(coerced) << coerced->dump();
      EXPECT_EQ(coerced.error().message, expected["errors"][0].get<std::string>());
      EXPECT_EQ(coerced.error().code, ErrorCode::kValidationFailed);
    } else {
      ASSERT_TRUE(coerced) << coerced.error().message;
      EXPECT_EQ(coerced->dump(), expected["coerced"].dump());
    }
  }
}

TEST(VariableCoercionTest, DefaultsAbsenceAndNonObjectInputs) {
  std::shared_ptr<const Schema> schema = BuildOrDie("type Query { f(a: Int): Int }");
  Result<Document> document = Parse("query ($a: Int = 4, $b: Int, $c: Int = null) { f }");
  ASSERT_TRUE(document);
  const std::vector<VariableDefinition>& definitions = FirstOperation(*document).variables;
  Result<Json> coerced = CoerceVariableValues(*schema, definitions, nullptr);
  ASSERT_TRUE(coerced);
  EXPECT_EQ(coerced->dump(), R"({"a":4,"c":null})");  // $b has no value: absent, not null
  coerced = CoerceVariableValues(*schema, definitions, Json{{"a", nullptr}});
  ASSERT_TRUE(coerced);
  EXPECT_EQ(coerced->dump(), R"({"a":null,"c":null})");
  coerced = CoerceVariableValues(*schema, definitions, Json::array({1}));
  ASSERT_FALSE(coerced);
  EXPECT_EQ(coerced.error().message,
            "Variables must be provided as an Object where each property is a variable value. "
            "Perhaps look to see if an unparsed JSON string was provided.");
}

TEST(VariableCoercionTest, DeeplyNestedInputIsRefusedNotOverflowed) {
  std::shared_ptr<const Schema> schema =
      BuildOrDie("type Query { f(a: Deep): Int } input Deep { d: Deep, n: Int }");
  Result<Document> document = Parse("query ($v: Deep) { f }");
  ASSERT_TRUE(document);
  std::string text;
  for (int i = 0; i < 5000; ++i) text += R"({"d":)";
  text += "null";
  for (int i = 0; i < 5000; ++i) text += "}";
  Result<Json> coerced = CoerceVariableValues(*schema, FirstOperation(*document).variables,
                                              Json{{"v", Json::parse(text)}});
  ASSERT_FALSE(coerced);
  EXPECT_NE(coerced.error().message.find("Value is nested too deeply."), std::string::npos);
}

class ArgumentCoercionTest : public ::testing::Test {
 protected:
  void SetUp() override {
    schema_ = BuildOrDie(R"(
      type Query {
        f(req: Int!, opt: Int = 3, list: [Int!], e: Color = RED, p: Point, s: String, id: ID,
          fl: Float, j: JSON): Int
      }
      enum Color { RED GREEN }
      input Point { x: Int! y: Int = 7 tags: [String] }
      scalar JSON
    )");
  }

  // Coerces the arguments of the first field of `query` with `variables` → JSON text or
  // "ERROR <message>", the form the graphql-js expectations were recorded in.
  std::string Coerce(const std::string& query, const Json& variables = Json::object()) {
    Result<Document> document = Parse(query);
    if (!document) return "PARSE " + document.error().message;
    const OperationDefinition& operation = FirstOperation(*document);
    Result<Json> values = CoerceVariableValues(*schema_, operation.variables, variables);
    if (!values) return "VARIABLES " + values.error().message;
    const Field& field = std::get<Field>(operation.selection_set.front().node);
    const FieldDef& definition = *schema_->query_type()->FindField("f");
    Result<Json> arguments =
        CoerceArgumentValues(*schema_, definition.arguments, field.arguments, *values);
    return arguments ? arguments->dump() : "ERROR " + arguments.error().message;
  }

  std::shared_ptr<const Schema> schema_;
};

TEST_F(ArgumentCoercionTest, LiteralsAndDefaults) {
  EXPECT_EQ(Coerce("{ f(req: 1) }"), R"({"req":1,"opt":3,"e":"RED"})");
  EXPECT_EQ(Coerce(R"({ f(req: 1, list: 2, e: GREEN, p: {x: 1, tags: "a"}, s: "q", id: 12, fl: 3,
                        j: {a: [1, 2.5, "x", null, ENUMV]}) })"),
            R"({"req":1,"opt":3,"list":[2],"e":"GREEN","p":{"x":1,"y":7,"tags":["a"]},"s":"q",)"
            R"("id":"12","fl":3,"j":{"a":[1,2.5,"x",null,"ENUMV"]}})");
}

TEST_F(ArgumentCoercionTest, VariablesInArguments) {
  EXPECT_EQ(Coerce("query ($r: Int) { f(req: $r) }"),
            "ERROR Argument \"req\" of required type \"Int!\" was provided the variable \"$r\" "
            "which was not provided a runtime value.");
  EXPECT_EQ(Coerce("query ($r: Int) { f(req: $r) }", {{"r", nullptr}}),
            "ERROR Argument \"req\" of non-null type \"Int!\" must not be null.");
  EXPECT_EQ(Coerce("query ($o: Int) { f(req: 1, opt: $o) }"), R"({"req":1,"opt":3,"e":"RED"})");
  EXPECT_EQ(Coerce("query ($o: Int) { f(req: 1, opt: $o) }", {{"o", nullptr}}),
            R"({"req":1,"opt":null,"e":"RED"})");
  EXPECT_EQ(Coerce("query ($x: Int) { f(req: 1, p: {x: $x}) }"),
            "ERROR Argument \"p\" has invalid value {x: $x}.");
  EXPECT_EQ(Coerce("query ($y: Int) { f(req: 1, p: {x: 1, y: $y}) }"),
            R"({"req":1,"opt":3,"e":"RED","p":{"x":1,"y":7}})");
  EXPECT_EQ(Coerce("query ($i: Int) { f(req: 1, list: [1, $i]) }"),
            "ERROR Argument \"list\" has invalid value [1, $i].");
  EXPECT_EQ(Coerce("query ($j: JSON) { f(req: 1, j: {a: $j, b: [$j]}) }"),
            R"({"req":1,"opt":3,"e":"RED","j":{"b":[null]}})");
  EXPECT_EQ(Coerce("query ($i: Int) { f(req: $i) }", {{"i", 5}}), R"({"req":5,"opt":3,"e":"RED"})");
}

TEST_F(ArgumentCoercionTest, InvalidLiterals) {
  EXPECT_EQ(Coerce("{ f }"), "ERROR Argument \"req\" of required type \"Int!\" was not provided.");
  EXPECT_EQ(Coerce("{ f(req: null) }"),
            "ERROR Argument \"req\" of non-null type \"Int!\" must not be null.");
  EXPECT_EQ(Coerce(R"({ f(req: "x") })"), "ERROR Argument \"req\" has invalid value \"x\".");
  EXPECT_EQ(Coerce("{ f(req: 99999999999) }"),
            "ERROR Argument \"req\" has invalid value 99999999999.");
  // graphql-js would pass Infinity on; JSON cannot carry it, so the literal is refused.
  EXPECT_EQ(Coerce("{ f(req: 1, fl: 1e500) }"), "ERROR Argument \"fl\" has invalid value 1e500.");
}

TEST(ValueFromAstTest, ListsAndInputObjects) {
  std::shared_ptr<const Schema> schema = BuildOrDie(
      "type Query { f(a: In, b: Float, c: ID): Int } input In { a: [Int!]! b: String = \"d\" }");
  auto from = [&](std::string_view literal_text, std::string_view type) -> std::string {
    Result<Document> document = Parse(std::string("{ f(a: ") + std::string(literal_text) + ") }");
    EXPECT_TRUE(document);
    const Field& field = std::get<Field>(FirstOperation(*document).selection_set[0].node);
    TypeRef ref;
    Result<Document> type_doc = Parse("query ($v: " + std::string(type) + ") { f }");
    ref = FirstOperation(*type_doc).variables[0].type;
    std::optional<Json> value = ValueFromAst(*schema, field.arguments[0].value, ref);
    return value ? value->dump() : "invalid";
  };
  EXPECT_EQ(from("{a: 1}", "In"), R"({"a":[1],"b":"d"})");
  EXPECT_EQ(from("{b: null, a: [1, 2]}", "In!"), R"({"a":[1,2],"b":null})");
  EXPECT_EQ(from("{b: \"x\"}", "In"), "invalid");
  EXPECT_EQ(from("{a: [null]}", "In"), "invalid");
  EXPECT_EQ(from("null", "In!"), "invalid");
  EXPECT_EQ(from("null", "In"), "null");
  EXPECT_EQ(from("[[1], 2]", "[[Int]]"), "[[1],[2]]");
  EXPECT_EQ(from("2147483647", "Int"), "2147483647");
  EXPECT_EQ(from("-2147483649", "Int"), "invalid");
  EXPECT_EQ(from("1.0", "Float"), "1");
  EXPECT_EQ(from("1.25", "Float"), "1.25");
  EXPECT_EQ(from("7", "ID"), R"("7")");
  EXPECT_EQ(from("true", "String"), "invalid");
}

TEST(SerializeLeafValueTest, ScalarsAsGraphqlJsSerializes) {
  std::shared_ptr<const Schema> schema =
      BuildOrDie("type Query { i: Int f: Float s: String b: Boolean id: ID e: E } enum E { A B }");
  auto serialize = [&](std::string_view type, std::string_view json) -> std::string {
    Result<Json> value = SerializeLeafValue(*schema->FindType(type), Json::parse(json));
    return value ? value->dump() : "ERROR " + value.error().message;
  };
  EXPECT_EQ(serialize("Int", "12"), "12");
  EXPECT_EQ(serialize("Int", R"(" 0x1F ")"), "31");
  EXPECT_EQ(serialize("Int", R"("1e3")"), "1000");
  EXPECT_EQ(serialize("Int", R"("abc")"), R"(ERROR Int cannot represent non-integer value: "abc")");
  EXPECT_EQ(serialize("Int", R"("")"), R"(ERROR Int cannot represent non-integer value: "")");
  EXPECT_EQ(serialize("Int", "1.5"), "ERROR Int cannot represent non-integer value: 1.5");
  EXPECT_EQ(serialize("Int", "2.0"), "2");
  EXPECT_EQ(serialize("Int", "true"), "1");
  EXPECT_EQ(serialize("Int", "3000000000"),
            "ERROR Int cannot represent non 32-bit signed integer value: 3000000000");
  EXPECT_EQ(serialize("Int", R"("Infinity")"),
            R"(ERROR Int cannot represent non-integer value: "Infinity")");
  EXPECT_EQ(serialize("Int", R"({"a":1})"),
            "ERROR Int cannot represent non-integer value: { a: 1 }");
  EXPECT_EQ(serialize("Int", R"("1.")"), "1");
  EXPECT_EQ(serialize("Int", R"("-0")"), "0");
  EXPECT_EQ(serialize("Float", R"(".5")"), "0.5");
  EXPECT_EQ(serialize("Float", "2.0"), "2");
  EXPECT_EQ(serialize("Float", "false"), "0");
  EXPECT_EQ(serialize("Float", "null"), "ERROR Float cannot represent non numeric value: null");
  EXPECT_EQ(serialize("String", "2.0"), R"("2")");
  EXPECT_EQ(serialize("String", "3000000000"), R"("3000000000")");
  EXPECT_EQ(serialize("String", "true"), R"("true")");
  EXPECT_EQ(serialize("String", "[1]"), "ERROR String cannot represent value: [1]");
  EXPECT_EQ(serialize("Boolean", "-7"), "true");
  EXPECT_EQ(serialize("Boolean", R"("1")"),
            R"(ERROR Boolean cannot represent a non boolean value: "1")");
  EXPECT_EQ(serialize("ID", "-7"), R"("-7")");
  EXPECT_EQ(serialize("ID", "1.5"), "ERROR ID cannot represent value: 1.5");
  EXPECT_EQ(serialize("ID", "true"), "ERROR ID cannot represent value: true");
  EXPECT_EQ(serialize("E", R"("B")"), R"("B")");
  EXPECT_EQ(serialize("E", R"("C")"), R"(ERROR Enum "E" cannot represent value: "C")");
}

TEST(AstFromValueTest, PrintsAsIntrospectionPrintsDefaults) {
  std::shared_ptr<const Schema> schema = BuildOrDie(
      "type Query { f(a: In): Int } input In { e: E, ids: [ID], f: Float, s: String! } enum E { A "
      "}");
  auto print = [&](std::string_view json, std::string_view type) -> std::string {
    Result<Document> type_doc = Parse("query ($v: " + std::string(type) + ") { f }");
    std::optional<Value> literal =
        AstFromValue(*schema, Json::parse(json), FirstOperation(*type_doc).variables[0].type);
    return literal ? Print(*literal) : "none";
  };
  EXPECT_EQ(print(R"({"s":"x\"y","f":12300.0,"e":"A","ids":["7","a"]})", "In"),
            R"({e: A, ids: [7, "a"], f: 12300, s: "x\"y"})");
  EXPECT_EQ(print("1e21", "Float"), "1e+21");
  EXPECT_EQ(print("0.5", "[Float]"), "0.5");
  EXPECT_EQ(print("null", "Int!"), "none");
  EXPECT_EQ(print("null", "Int"), "null");
  EXPECT_EQ(print(R"({"s":null})", "In"), "{}");  // null for a non-null field is left out
  EXPECT_EQ(print(R"({"e":null})", "In"), "{e: null}");
}

TEST(InspectTest, FormatsLikeGraphqlJsInspect) {
  EXPECT_EQ(Inspect(Json::parse(R"("a\"b\n")")), R"("a\"b\n")");
  EXPECT_EQ(Inspect(Json::parse("[]")), "[]");
  EXPECT_EQ(Inspect(Json::parse("{}")), "{}");
  EXPECT_EQ(Inspect(Json::parse(R"({"a":{"b":{"c":1}},"d":[[[1]]]})")),
            "{ a: { b: [Object] }, d: [[Array]] }");
  EXPECT_EQ(Inspect(Json::parse("[1,2,3,4,5,6,7,8,9,10,11]")),
            "[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, ... 1 more item]");
  EXPECT_EQ(Inspect(Json::parse("[null,true,1.5e300]")), "[null, true, 1.5e+300]");
}

TEST(InspectTest, JsNumberToStringMatchesJavascript) {
  EXPECT_EQ(JsNumberToString(0.0), "0");
  EXPECT_EQ(JsNumberToString(-0.0), "0");
  EXPECT_EQ(JsNumberToString(1.5), "1.5");
  EXPECT_EQ(JsNumberToString(12300), "12300");
  EXPECT_EQ(JsNumberToString(1e21), "1e+21");
  EXPECT_EQ(JsNumberToString(1e-7), "1e-7");
  EXPECT_EQ(JsNumberToString(123456789012345680000.0), "123456789012345680000");
  EXPECT_EQ(JsNumberToString(0.000001), "0.000001");
  EXPECT_EQ(JsNumberToString(1.7976931348623157e308), "1.7976931348623157e+308");
  EXPECT_EQ(JsNumberToString(5e-324), "5e-324");
  EXPECT_EQ(JsNumberToString(-2.5e-8), "-2.5e-8");
  EXPECT_EQ(JsNumberToString(0.1 + 0.2), "0.30000000000000004");
}

TEST(DidYouMeanTest, SuggestionsAsGraphqlJsOrdersThem) {
  EXPECT_EQ(SuggestionList("GRENE", {"RED", "GREEN", "BLUE"}),
            (std::vector<std::string>{"GREEN", "RED"}));
  EXPECT_EQ(SuggestionList("type", {"Type", "__Type", "Typo"}),
            (std::vector<std::string>{"Type", "Typo", "__Type"}));
  EXPECT_EQ(SuggestionList("a10", {"a9", "a10x", "a2"}),
            (std::vector<std::string>{"a10x", "a2", "a9"}));
  EXPECT_EQ(DidYouMean({}), "");
  EXPECT_EQ(DidYouMean({"A"}, "the enum value"), " Did you mean the enum value \"A\"?");
  EXPECT_EQ(DidYouMean({"A", "B"}), " Did you mean \"A\" or \"B\"?");
  EXPECT_EQ(DidYouMean({"A", "B", "C", "D", "E", "F"}),
            " Did you mean \"A\", \"B\", \"C\", \"D\", or \"E\"?");
}

}  // namespace
}  // namespace junction::graphql
