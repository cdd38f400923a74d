// Normalize and CollectFields: operation selection (graphql-js's messages), fragments inlined,
// @skip/@include, variables and argument defaults, merging of same-key fields, and type conditions
// kept only where the parent type does not imply them (spec §6.3.2 CollectFields, §6.4.1).

#include "graphql/operation.h"

#include <gtest/gtest.h>

#include "graphql/build_schema.h"
#include "graphql/parser.h"

namespace junction::graphql {
namespace {

using Json = nlohmann::ordered_json;

constexpr std::string_view kSchema = R"(
  type Query {
    users(limit: Int = 10, where: Filter): [User!]!
    node(id: ID!): Node
    search(text: String!): [Result!]!
    me: User
  }
  type Mutation { touch(id: ID!): Node }
  interface Node { id: ID! }
  type User implements Node { id: ID! name(upper: Boolean = false): String friends: [User!]! }
  type Post implements Node { id: ID! title: String author: User }
  union Result = User | Post
  input Filter { name: String, active: Boolean = true }
)";

class NormalizeTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Result<Document> sdl = Parse(kSchema);
    ASSERT_TRUE(sdl) << sdl.error().message;
    Result<std::shared_ptr<const Schema>> schema = BuildSchema(*sdl);
    ASSERT_TRUE(schema) << schema.error().message;
    schema_ = *schema;
  }

  Result<Operation> Run(std::string_view query, std::string_view name = "",
                        const Json& variables = Json::object()) {
    Result<Document> document = Parse(query);
    EXPECT_TRUE(document) << document.error().message;
    if (!document) return document.error();
    return Normalize(*schema_, *document, name, variables);
  }

  std::string ErrorOf(std::string_view query, std::string_view name = "",
                      const Json& variables = Json::object()) {
    Result<Operation> operation = Run(query, name, variables);
    if (operation) return "";
    EXPECT_EQ(operation.error().code, ErrorCode::kValidationFailed);
    EXPECT_EQ(operation.error().path, "$");
    return operation.error().message;
  }

  std::shared_ptr<const Schema> schema_;
};

// A compact rendering of normalized fields: alias:name(args)[conditions]{children}.
std::string Show(const std::vector<NormalizedField>& fields) {
  std::string out;
  for (const NormalizedField& field : fields) {
    if (!out.empty()) out += " ";
    out += field.alias == field.name ? field.name : field.alias + ":" + field.name;
    if (!field.arguments.empty()) out += field.arguments.dump();
    if (!field.type_conditions.empty()) {
      out += "[";
      for (size_t i = 0; i < field.type_conditions.size(); ++i) {
        out += (i > 0 ? "," : "") + field.type_conditions[i];
      }
      out += "]";
    }
    if (!field.selection_set.empty()) out += "{" + Show(field.selection_set) + "}";
  }
  return out;
}

TEST_F(NormalizeTest, PicksTheOperationAsGraphqlJsDoes) {
  EXPECT_EQ(ErrorOf("query A { me { id } } query B { me { id } }"),
            "Must provide operation name if query contains multiple operations.");
  EXPECT_EQ(ErrorOf("query A { me { id } }", "C"), "Unknown operation named \"C\".");
  EXPECT_EQ(ErrorOf("fragment F on User { id }"), "Must provide an operation.");
  EXPECT_EQ(ErrorOf("subscription { me { id } }"),
            "Schema is not configured to execute subscription operation.");
  Result<Operation> operation =
      Run("query A { me { id } } mutation B { touch(id: 1) { id } }", "B");
  ASSERT_TRUE(operation) << operation.error().message;
  EXPECT_EQ(operation->type, OperationType::kMutation);
  EXPECT_EQ(operation->name, "B");
  EXPECT_EQ(operation->root_type->name, "Mutation");
  EXPECT_EQ(Show(operation->selection_set), R"(touch{"id":"1"}{id})");
}

TEST_F(NormalizeTest, InlinesFragmentsAndAppliesArgumentDefaults) {
  // The example in operation.h.
  Result<Operation> operation =
      Run("query ($n: Int = 2) { users(limit: $n) { id ... on User { name } ...F } } "
          "fragment F on Node { id }");
  ASSERT_TRUE(operation) << operation.error().message;
  EXPECT_EQ(operation->root_type->name, "Query");
  EXPECT_EQ(Show(operation->selection_set), R"(users{"limit":2}{id name{"upper":false}})");
}

TEST_F(NormalizeTest, VariablesAndInputObjectsAreCoerced) {
  Result<Operation> operation =
      Run("query ($w: Filter, $x: String) { a: users(where: $w) { id } b: users(where: {name: $x}) "
          "{ id } }",
          "", {{"w", {{"name", "ann"}}}});
  ASSERT_TRUE(operation) << operation.error().message;
  EXPECT_EQ(Show(operation->selection_set),
            R"(a:users{"limit":10,"where":{"name":"ann","active":true}}{id} )"
            R"(b:users{"limit":10,"where":{"active":true}}{id})");
  EXPECT_EQ(
      ErrorOf("query ($n: Int) { users(limit: $n) { id } }", "", {{"n", "x"}}),
      "Variable \"$n\" got invalid value \"x\"; Int cannot represent non-integer value: \"x\"");
  EXPECT_EQ(ErrorOf("query ($id: ID!) { node(id: $id) { id } }"),
            "Variable \"$id\" of required type \"ID!\" was not provided.");
  EXPECT_EQ(ErrorOf("query ($id: ID!) { node(id: $id) { id } }", "", {{"id", nullptr}}),
            "Variable \"$id\" of non-null type \"ID!\" must not be null.");
}

TEST_F(NormalizeTest, SkipAndIncludeFollowGraphqlJs) {
  Result<Operation> operation =
      Run("query ($yes: Boolean!, $no: Boolean = false) {"
          "  me { id @skip(if: $yes) name @include(if: $no) friends @include(if: true) @skip(if: "
          "$no) { id } }"
          "  a: me @skip(if: false) @include(if: false) { id }"
          "  ... @skip(if: $yes) { b: me { id } }"
          "  ...F @include(if: $yes)"
          "} fragment F on Query { c: me { id } }",
          "", {{"yes", true}});
  ASSERT_TRUE(operation) << operation.error().message;
  EXPECT_EQ(Show(operation->selection_set), "me{friends{id}} c:me{id}");
  EXPECT_EQ(ErrorOf("query ($s: Boolean) { me @skip(if: $s) { id } }", "", {{"s", nullptr}}),
            "Argument \"if\" of non-null type \"Boolean!\" must not be null.");
}

TEST_F(NormalizeTest, MergesFieldsWithTheSameResponseKeyRecursively) {
  Result<Operation> operation =
      Run("{ me { id friends { id } } me { name friends { name id } } ...F }"
          "fragment F on Query { me { friends { friends { id } } } }");
  ASSERT_TRUE(operation) << operation.error().message;
  EXPECT_EQ(Show(operation->selection_set),
            R"(me{id friends{id name{"upper":false} friends{id}} name{"upper":false}})");
}

TEST_F(NormalizeTest, TypeConditionsAreKeptOnlyWhereNotImplied) {
  Result<Operation> operation =
      Run("{ node(id: 1) { id ... on Node { id } ... on User { name } ... on Post { title author { "
          "... on Node { id } ... on Post { title } } } } "
          "search(text: \"x\") { __typename ... on Node { id ... on User { name } } } }");
  ASSERT_TRUE(operation) << operation.error().message;
  // `... on Node` inside Node is implied and dropped; inside User (author), Node is implied and a
  // Post condition can never match a User, so that field is gone.
  EXPECT_EQ(Show(operation->selection_set),
            R"(node{"id":"1"}{id name{"upper":false}[User] title[Post] author[Post]{id}} )"
            R"(search{"text":"x"}{__typename id[Node] name{"upper":false}[Node,User]})");
}

TEST_F(NormalizeTest, CollectFieldsPicksTheFieldsOfOneObjectType) {
  Result<Operation> operation =
      Run("{ search(text: \"x\") { __typename ... on User { id friends { id } } "
          "... on Node { id ... on User { friends { name } } } ... on Post { title } } }");
  ASSERT_TRUE(operation) << operation.error().message;
  const std::vector<NormalizedField>& fields = operation->selection_set[0].selection_set;
  EXPECT_EQ(Show(CollectFields(*schema_, fields, *schema_->FindType("User"))),
            R"(__typename id friends{id name{"upper":false}})");
  EXPECT_EQ(Show(CollectFields(*schema_, fields, *schema_->FindType("Post"))),
            "__typename id title");
}

TEST_F(NormalizeTest, RecursiveFragmentSpreadsTerminate) {
  // Invalid (validation rejects fragment cycles), but Normalize must not loop or crash.
  Result<Operation> operation =
      Run("{ me { ...A } } fragment A on User { id ...B } fragment B on User { ...A }");
  ASSERT_TRUE(operation) << operation.error().message;
  EXPECT_EQ(Show(operation->selection_set), "me{id}");
}

TEST_F(NormalizeTest, ExponentialFragmentExpansionIsRefused) {
  // Each fragment spreads the next in two fields: 2^30 fields once expanded, from 1 KB of text.
  std::string query = "{ me { ...F0 } }";
  for (int i = 0; i < 30; ++i) {
    query += " fragment F" + std::to_string(i) + " on User { friends { ...F" +
             std::to_string(i + 1) + " } f: friends { ...F" + std::to_string(i + 1) + " } }";
  }
  query += " fragment F30 on User { id }";
  EXPECT_EQ(ErrorOf(query),
            "The query is too large: it selects more than 100000 fields once its fragments are "
            "expanded.");
}

TEST_F(NormalizeTest, UnknownFieldIsAnErrorNotACrash) {
  EXPECT_EQ(ErrorOf("{ nope }"), "Cannot query field \"nope\" on type \"Query\".");
}

TEST_F(NormalizeTest, IntrospectionFieldsNormalizeOnTheirTypes) {
  Result<Operation> operation =
      Run("{ __typename __type(name: \"User\") { name fields { name } } __schema { queryType { "
          "name } } }");
  ASSERT_TRUE(operation) << operation.error().message;
  EXPECT_EQ(Show(operation->selection_set),
            R"(__typename __type{"name":"User"}{name fields{"includeDeprecated":false}{name}} )"
            R"(__schema{queryType{name}})");
}

}  // namespace
}  // namespace junction::graphql
