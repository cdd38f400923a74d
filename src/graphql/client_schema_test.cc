// BuildClientSchema reads what introspection answers. The round trips prove nothing is lost: a
// schema with every kind of type, defaults, deprecations, descriptions, @specifiedBy and custom
// directives (testdata/introspection_schema.graphql) is introspected, rebuilt from the answer and
// introspected again with every option of graphql-js's query on; the two answers must be equal,
// byte for byte (introspection prints every definition the SDL would, defaults included, in order).
// The graphql-js golden of that schema is read back the same way. The rest are the malformed
// results a remote can send, each an Error saying what and where.

#include "graphql/client_schema.h"

#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

#include "graphql/build_schema.h"
#include "graphql/introspection.h"
#include "graphql/operation.h"
#include "graphql/parser.h"
#include "graphql/validation.h"

namespace junction::graphql {
namespace {

using Json = nlohmann::ordered_json;

std::string TestData(const std::string& name) {
  std::ifstream in(std::string(JUNCTION_SOURCE_DIR) + "/src/graphql/testdata/" + name);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

std::shared_ptr<const Schema> SdlSchema(const std::string& sdl) {
  Result<Document> document = Parse(sdl);
  EXPECT_TRUE(document) << document.error().message;
  Result<std::shared_ptr<const Schema>> schema = BuildSchema(*document);
  EXPECT_TRUE(schema) << schema.error().message;
  return *schema;
}

// The `data` of `query` executed against `schema`, as the engine executes introspection.
Json Introspect(const Schema& schema, std::string_view query) {
  Result<Document> document = Parse(query);
  EXPECT_TRUE(document) << document.error().message;
  Result<Operation> operation = Normalize(schema, *document, "", nullptr);
  EXPECT_TRUE(operation) << operation.error().message;
  JsonWriter out;
  out.BeginObject();
  for (const NormalizedField& field :
       CollectFields(schema, operation->selection_set, *operation->root_type)) {
    out.Key(field.alias);
    WriteIntrospectionField(schema, field, out);
  }
  out.EndObject();
  return Json::parse(out.Take());
}

// graphql-js getIntrospectionQuery() with every option on.
constexpr std::string_view kFullQuery =
    "query IntrospectionQuery { __schema { description "
    "queryType { name } mutationType { name } subscriptionType { name } "
    "types { ...FullType } directives { name description isRepeatable locations "
    "args(includeDeprecated: true) { ...InputValue } } } }\n"
    "fragment FullType on __Type { kind name description specifiedByURL "
    "fields(includeDeprecated: true) { name description args(includeDeprecated: true) "
    "{ ...InputValue } type { ...TypeRef } isDeprecated deprecationReason } "
    "inputFields(includeDeprecated: true) { ...InputValue } interfaces { ...TypeRef } "
    "enumValues(includeDeprecated: true) { name description isDeprecated deprecationReason } "
    "possibleTypes { ...TypeRef } }\n"
    "fragment InputValue on __InputValue { name description type { ...TypeRef } defaultValue "
    "isDeprecated deprecationReason }\n"
    "fragment TypeRef on __Type { kind name ofType { kind name ofType { kind name ofType { "
    "kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name "
    "ofType { kind name } } } } } } } } }";

std::shared_ptr<const Schema> Rebuild(const Json& data) {
  Result<std::shared_ptr<const Schema>> schema = BuildClientSchema(data);
  EXPECT_TRUE(schema) << schema.error().message;
  return schema ? *schema : nullptr;
}

// The message of the Error BuildClientSchema returns for `data`, or "ok".
std::string ErrorOf(const Json& data) {
  Result<std::shared_ptr<const Schema>> schema = BuildClientSchema(data);
  if (schema) return "ok";
  EXPECT_EQ(schema.error().code, ErrorCode::kRemoteSchemaError);
  return schema.error().message;
}

TEST(ClientSchemaTest, RoundTripKeepsEveryDefinition) {
  std::shared_ptr<const Schema> original = SdlSchema(TestData("introspection_schema.graphql"));
  Json answer = Introspect(*original, kFullQuery);
  std::shared_ptr<const Schema> rebuilt = Rebuild(answer);
  ASSERT_NE(rebuilt, nullptr);
  EXPECT_EQ(Introspect(*rebuilt, kFullQuery).dump(1), answer.dump(1));
  EXPECT_EQ(rebuilt->query_type()->name, "Root");
  EXPECT_EQ(rebuilt->mutation_type()->name, "Mutations");
  EXPECT_EQ(rebuilt->subscription_type(), nullptr);
}

// Hasura's query does not ask for deprecated arguments and input fields (nor for specifiedByURL
// or isRepeatable), so a remote's deprecated arguments are not part of its schema, as in Hasura;
// everything else comes back.
constexpr std::string_view kEveryKindSdl = R"(
"The remote's query root."
type Query {
  node(id: ID!): Node
  search(text: String!, limit: Int = 10, filter: Filter = {role: ADMIN, tags: ["a"]}): [Result!]
  legacy: Int @deprecated(reason: "Use `node`.")
  at(when: Time = "2020-01-01", depth: [[Float!]] = [[1.5]]): Time
}
type Mutation { touch(ids: [ID!]!): [Node] }
type Subscription { ticks: Int! }
"""
Something with an identifier.
"""
interface Node { id: ID! }
interface Entity implements Node { id: ID! createdAt: Time }
type User implements Entity & Node { id: ID! createdAt: Time role: Role }
type Post implements Entity & Node { id: ID! createdAt: Time title: String @deprecated }
union Result = User | Post
enum Role { ADMIN "Can read." MEMBER OLD @deprecated(reason: "Gone.") }
"Filters things."
input Filter { role: Role = MEMBER tags: [String!] nested: Filter }
scalar Time
"Caches a field."
directive @cached(ttl: Int = 60, scope: Role) on FIELD | QUERY
)";

TEST(ClientSchemaTest, RoundTripThroughHasurasQueryKeepsWhatItAsks) {
  std::shared_ptr<const Schema> original = SdlSchema(std::string(kEveryKindSdl));
  Json answer = Introspect(*original, IntrospectionQuery());
  std::shared_ptr<const Schema> rebuilt = Rebuild(answer);
  ASSERT_NE(rebuilt, nullptr);
  EXPECT_EQ(Introspect(*rebuilt, IntrospectionQuery()).dump(1), answer.dump(1));
  // Defaults come back as values, not text.
  const InputValueDef* filter =
      rebuilt->FindType("Query")->FindField("search")->FindArgument("filter");
  ASSERT_TRUE(filter->default_value);
  EXPECT_EQ(filter->default_value->kind, Value::Kind::kObject);
  EXPECT_EQ(filter->default_value->fields.front().value.text, "ADMIN");
}

TEST(ClientSchemaTest, ReadsGraphqlJsAnswer) {
  Json golden = Json::parse(TestData("introspection_full.json"))["data"];
  std::shared_ptr<const Schema> rebuilt = Rebuild(golden);
  ASSERT_NE(rebuilt, nullptr);
  EXPECT_EQ(Introspect(*rebuilt, kFullQuery).dump(1), golden.dump(1));
  EXPECT_EQ(rebuilt->FindType("DateTime")->specified_by_url, "https://tools.ietf.org/html/rfc3339");
  EXPECT_TRUE(rebuilt->FindDirective("cached")->repeatable);
}

TEST(ClientSchemaTest, IntrospectionQueryIsValidAndNamed) {
  std::shared_ptr<const Schema> schema = SdlSchema("type Query { a: Int }");
  Result<Document> document = Parse(IntrospectionQuery());
  ASSERT_TRUE(document) << document.error().message;
  EXPECT_TRUE(Validate(*schema, *document).empty());
  EXPECT_NE(IntrospectionQuery().find("query IntrospectionQuery"), std::string_view::npos);
}

// A minimal valid answer, for the malformed variants below.
Json Minimal() {
  std::shared_ptr<const Schema> schema =
      SdlSchema("type Query { a(x: Int = 1): Int b: Thing } type Thing { id: ID! }");
  return Introspect(*schema, IntrospectionQuery());
}

Json& TypeNamed(Json& data, const std::string& name) {
  for (Json& type : data["__schema"]["types"]) {
    if (type["name"] == name) return type;
  }
  ADD_FAILURE() << "no type " << name;
  return data;
}

TEST(ClientSchemaTest, MinimalAnswerBuilds) { EXPECT_EQ(ErrorOf(Minimal()), "ok"); }

TEST(ClientSchemaTest, NoSchemaIsAnError) {
  EXPECT_EQ(ErrorOf(Json::object()),
            "Invalid introspection result: no \"__schema\" object (was the introspection query "
            "answered?)");
  EXPECT_EQ(ErrorOf(Json::array()), "Invalid introspection result: the data must be an object");
}

TEST(ClientSchemaTest, TypeWithoutKindIsAnError) {
  Json data = Minimal();
  TypeNamed(data, "Thing").erase("kind");
  EXPECT_EQ(ErrorOf(data),
            "Invalid introspection result: type \"Thing\": \"kind\" must be a string");
  TypeNamed(data, "Thing")["kind"] = "THING";
  EXPECT_EQ(ErrorOf(data), "Invalid introspection result: type \"Thing\": unknown kind \"THING\"");
}

TEST(ClientSchemaTest, UnlistedTypeIsAnError) {
  Json data = Minimal();
  Json& types = data["__schema"]["types"];
  for (auto it = types.begin(); it != types.end(); ++it) {
    if ((*it)["name"] == "Thing") {
      types.erase(it);
      break;
    }
  }
  EXPECT_EQ(ErrorOf(data),
            "Invalid introspection result: type \"Query\", field \"b\": unknown type \"Thing\" "
            "(it is not listed in __schema.types; was the full introspection query used?)");
}

TEST(ClientSchemaTest, DefaultValueThatDoesNotParseIsAnError) {
  Json data = Minimal();
  TypeNamed(data, "Query")["fields"][0]["args"][0]["defaultValue"] = "{a: ";
  EXPECT_EQ(ErrorOf(data),
            "Invalid introspection result: type \"Query\", field \"a\", argument \"x\": default "
            "value \"{a: \" does not parse: it ends too soon");
  TypeNamed(data, "Query")["fields"][0]["args"][0]["defaultValue"] = "[1 2 }";
  EXPECT_NE(ErrorOf(data).find("does not parse: Syntax Error: Unexpected \"}\"."),
            std::string::npos)
      << ErrorOf(data);
  // Text that would end the definition it is parsed in is not a value.
  TypeNamed(data, "Query")["fields"][0]["args"][0]["defaultValue"] = "1) { a }\n#";
  EXPECT_NE(ErrorOf(data).find("does not parse: unexpected \")\""), std::string::npos)
      << ErrorOf(data);
  TypeNamed(data, "Query")["fields"][0]["args"][0]["defaultValue"] = "1 @skip(if: true)";
  EXPECT_NE(ErrorOf(data).find("does not parse"), std::string::npos);
  TypeNamed(data, "Query")["fields"][0]["args"][0]["defaultValue"] = "";
  EXPECT_NE(ErrorOf(data).find("does not parse: it is empty"), std::string::npos);
}

TEST(ClientSchemaTest, WrappedTypeWithoutOfTypeIsAnError) {
  Json data = Minimal();
  TypeNamed(data, "Thing")["fields"][0]["type"]["ofType"] = nullptr;
  EXPECT_EQ(ErrorOf(data),
            "Invalid introspection result: type \"Thing\", field \"id\": a NON_NULL type "
            "reference has no ofType (the type is wrapped deeper than the introspection query "
            "reads)");
}

TEST(ClientSchemaTest, MissingFieldsIsAnError) {
  Json data = Minimal();
  TypeNamed(data, "Thing")["fields"] = nullptr;
  EXPECT_EQ(ErrorOf(data), "Invalid introspection result: type \"Thing\": missing \"fields\"");
}

TEST(ClientSchemaTest, SchemaThatFailsValidationIsAnError) {
  Json data = Minimal();
  TypeNamed(data, "Thing")["fields"] = Json::array();
  EXPECT_EQ(ErrorOf(data),
            "Invalid introspection result: the schema is not valid: Type Thing must define one "
            "or more fields.");
  data = Minimal();
  data["__schema"]["queryType"]["name"] = "Nope";
  EXPECT_NE(ErrorOf(data).find("__schema.queryType: unknown type \"Nope\""), std::string::npos);
}

TEST(ClientSchemaTest, UnionMemberMustBeAnObject) {
  std::shared_ptr<const Schema> schema =
      SdlSchema("type Query { u: U } union U = A type A { a: Int } scalar S");
  Json data = Introspect(*schema, IntrospectionQuery());
  TypeNamed(data, "U")["possibleTypes"][0] = {
      {"kind", "SCALAR"}, {"name", "S"}, {"ofType", nullptr}};
  EXPECT_EQ(ErrorOf(data),
            "Invalid introspection result: type \"U\", possibleTypes: \"S\" is not an OBJECT type");
}

TEST(ClientSchemaTest, DeprecatedWithoutReasonGetsTheDefaultReason) {
  Json data = Minimal();
  Json& field = TypeNamed(data, "Thing")["fields"][0];
  field["isDeprecated"] = true;
  field["deprecationReason"] = nullptr;
  std::shared_ptr<const Schema> schema = Rebuild(data);
  ASSERT_NE(schema, nullptr);
  EXPECT_EQ(schema->FindType("Thing")->FindField("id")->deprecation_reason, "No longer supported");
}

TEST(ClientSchemaTest, BuiltinsInTheAnswerStandForOurs) {
  Json data = Minimal();
  TypeNamed(data, "String")["description"] = "a remote's own words";
  std::shared_ptr<const Schema> schema = Rebuild(data);
  ASSERT_NE(schema, nullptr);
  EXPECT_NE(schema->FindType("String")->description, "a remote's own words");
}

}  // namespace
}  // namespace junction::graphql
