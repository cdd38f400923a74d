// Introspection answers exactly what graphql-js 16.8.2 answers. The goldens in testdata/ were
// produced by graphql-js (graphqlSync over buildSchema(introspection_schema.graphql)) with
// getIntrospectionQuery() — all options on, and the defaults — and with
// introspection_lookup.graphql (aliases, fragments, __typename, includeDeprecated, variables). The
// comparison is of ordered JSON: key order and array order matter, as they do byte for byte.

#include "graphql/introspection.h"

#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

#include "graphql/build_schema.h"
#include "graphql/parser.h"

namespace junction::graphql {
namespace {

using Json = nlohmann::ordered_json;

std::string ReadFile(const std::string& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string TestData(const std::string& name) {
  return ReadFile(std::string(JUNCTION_SOURCE_DIR) + "/src/graphql/testdata/" + name);
}

std::shared_ptr<const Schema> TestSchema() {
  Result<Document> sdl = Parse(TestData("introspection_schema.graphql"));
  EXPECT_TRUE(sdl) << sdl.error().message;
  Result<std::shared_ptr<const Schema>> schema = BuildSchema(*sdl);
  EXPECT_TRUE(schema) << schema.error().message;
  return *schema;
}

// Runs the root fields of `query` the way the engine does for introspection: Normalize, then
// CollectFields on the root type, then WriteIntrospectionField or the root's __typename.
std::string Execute(const Schema& schema, const std::string& query,
                    const Json& variables = nullptr) {
  Result<Document> document = Parse(query);
  if (!document) return "parse error: " + document.error().message;
  Result<Operation> operation = Normalize(schema, *document, "", variables);
  if (!operation) return "error: " + operation.error().message;
  JsonWriter out;
  out.BeginObject();
  out.Key("data");
  out.BeginObject();
  for (const NormalizedField& field :
       CollectFields(schema, operation->selection_set, *operation->root_type)) {
    out.Key(field.alias);
    if (field.name == "__typename") {
      out.String(operation->root_type->name);
    } else {
      WriteIntrospectionField(schema, field, out);
    }
  }
  out.EndObject();
  out.EndObject();
  return out.Take();
}

// graphql-js's getIntrospectionQuery(options), reproduced for the two option sets of the goldens.
std::string IntrospectionQuery(bool all_options) {
  std::string input_deprecation = all_options ? "(includeDeprecated: true)" : "";
  return std::string("query IntrospectionQuery { __schema { ") +
         (all_options ? "description " : "") +
         "queryType { name } mutationType { name } subscriptionType { name } "
         "types { ...FullType } directives { name description " +
         (all_options ? "isRepeatable " : "") + "locations args" + input_deprecation +
         " { ...InputValue } } } }\n"
         "fragment FullType on __Type { kind name description " +
         (all_options ? "specifiedByURL " : "") +
         "fields(includeDeprecated: true) { name description args" + input_deprecation +
         " { ...InputValue } type { ...TypeRef } isDeprecated deprecationReason } "
         "inputFields" +
         input_deprecation +
         " { ...InputValue } interfaces { ...TypeRef } "
         "enumValues(includeDeprecated: true) { name description isDeprecated deprecationReason } "
         "possibleTypes { ...TypeRef } }\n"
         "fragment InputValue on __InputValue { name description type { ...TypeRef } "
         "defaultValue " +
         (all_options ? "isDeprecated deprecationReason " : "") + "}\n" +
         "fragment TypeRef on __Type { kind name ofType { kind name ofType { kind name ofType { "
         "kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name "
         "ofType { kind name } } } } } } } } }";
}

TEST(IntrospectionTest, FullQueryWithEveryOptionMatchesGraphqlJs) {
  std::shared_ptr<const Schema> schema = TestSchema();
  Json expected = Json::parse(TestData("introspection_full.json"));
  Json actual = Json::parse(Execute(*schema, IntrospectionQuery(true)));
  EXPECT_EQ(actual.dump(1), expected.dump(1));
}

TEST(IntrospectionTest, DefaultQueryMatchesGraphqlJs) {
  std::shared_ptr<const Schema> schema = TestSchema();
  Json expected = Json::parse(TestData("introspection_default.json"));
  Json actual = Json::parse(Execute(*schema, IntrospectionQuery(false)));
  EXPECT_EQ(actual.dump(1), expected.dump(1));
}

TEST(IntrospectionTest, AliasesFragmentsAndArgumentsMatchGraphqlJs) {
  std::shared_ptr<const Schema> schema = TestSchema();
  Json expected = Json::parse(TestData("introspection_lookup.json"));
  Json actual =
      Json::parse(Execute(*schema, TestData("introspection_lookup.graphql"), {{"name", "User"}}));
  EXPECT_EQ(actual.dump(1), expected.dump(1));
}

TEST(IntrospectionTest, OutputIsCompactJsonInSelectionOrder) {
  std::shared_ptr<const Schema> schema = TestSchema();
  EXPECT_EQ(Execute(*schema, R"({ __type(name: "Role") { name k: kind enumValues { name } } })"),
            R"({"data":{"__type":{"name":"Role","k":"ENUM",)"
            R"("enumValues":[{"name":"ADMIN"},{"name":"MEMBER"}]}}})");
}

TEST(IntrospectionTest, WrappedTypesHaveNoNameAndUnwrapThroughOfType) {
  std::shared_ptr<const Schema> schema = TestSchema();
  EXPECT_EQ(
      Execute(
          *schema,
          R"({ __type(name: "Mutations") { fields { type { kind name description fields { name } )"
          R"(ofType { kind ofType { kind ofType { name specifiedByURL } } } } } } })"),
      R"({"data":{"__type":{"fields":[{"type":{"kind":"LIST","name":null,"description":null,)"
      R"("fields":null,"ofType":{"kind":"INTERFACE","ofType":null}}}]}}})")
      << "[Node] is LIST of INTERFACE";
}

TEST(IntrospectionTest, SpecifiedByUrlOnlyForScalarsThatHaveOne) {
  std::shared_ptr<const Schema> schema = TestSchema();
  EXPECT_EQ(Execute(*schema, R"({ a: __type(name: "DateTime") { specifiedByURL }
                                b: __type(name: "JSON") { specifiedByURL }
                                c: __type(name: "User") { specifiedByURL } })"),
            R"({"data":{"a":{"specifiedByURL":"https://tools.ietf.org/html/rfc3339"},)"
            R"("b":{"specifiedByURL":null},"c":{"specifiedByURL":null}}})");
}

TEST(IntrospectionTest, SkippedFieldsAreNotWritten) {
  std::shared_ptr<const Schema> schema = TestSchema();
  EXPECT_EQ(Execute(*schema,
                    R"(query ($s: Boolean!) { __type(name: "Role") { name kind @skip(if: $s) } })",
                    {{"s", true}}),
            R"({"data":{"__type":{"name":"Role"}}})");
}

}  // namespace
}  // namespace junction::graphql
