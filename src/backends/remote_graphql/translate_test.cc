// The requests sent to remote schemas and the reading of their answers (translate.h), on a
// hand-built IR over a remote schema built from SDL (its types prefixed "o_" in the engine's
// schema, so that the documents must use the remote's names):
//
//   order(id: Int!): Order          orders(where: OrderFilter, limit: Int): [Order!]!
//   orders_by_ids(ids: [Int!]!)     lookup(region: String!): Lookup { order(id, extra) … }

#include "backends/remote_graphql/translate.h"

#include <memory>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "graphql/build_schema.h"
#include "graphql/parser.h"

namespace junction::backends::remote_graphql {
namespace {

using Json = nlohmann::ordered_json;

constexpr std::string_view kOrdersSdl = R"(
type Query {
  order(id: Int!): Order
  orders(where: OrderFilter, limit: Int): [Order!]!
  orders_by_ids(ids: [Int!]!): [Order!]!
  lookup(region: String!): Lookup
}
type Mutation { cancel(id: Int!, reason: String): Order }
type Lookup { order(id: Int!, extra: OrderFilter): Order }
interface Node { id: ID! }
type Order implements Node { id: ID! total: Float code: String lines: [Line!]! }
type Line { sku: String }
input OrderFilter { id: IntCmp status: [String!] note: String }
input IntCmp { eq: Int gt: Int }
)";

graphql::TypeRef Type(std::string name, std::vector<graphql::TypeRef::Wrapper> wrappers = {}) {
  graphql::TypeRef type;
  type.name = std::move(name);
  type.wrappers = std::move(wrappers);
  return type;
}

const graphql::TypeRef kIntNonNull = Type("Int", {graphql::TypeRef::Wrapper::kNonNull});

template <typename... Items>
std::vector<ir::RemoteSelection> Sel(Items... items) {
  std::vector<ir::RemoteSelection> selection;
  (selection.push_back(std::move(items)), ...);
  return selection;
}

ir::RemoteSelection Leaf(std::string alias, std::string name,
                         std::vector<std::string> conditions = {}) {
  return {std::move(conditions), ir::RemoteField{std::move(alias), std::move(name), {}, {}}};
}

ir::RemoteSelection Object(std::string alias, std::string name,
                           std::vector<ir::RemoteArgument> arguments,
                           std::vector<ir::RemoteSelection> selection,
                           std::vector<std::string> conditions = {}) {
  return {std::move(conditions), ir::RemoteField{std::move(alias), std::move(name),
                                                 std::move(arguments), std::move(selection)}};
}

class TranslateTest : public ::testing::Test {
 protected:
  TranslateTest() {
    Result<graphql::Document> sdl = graphql::Parse(kOrdersSdl);
    EXPECT_TRUE(sdl) << sdl.error().message;
    Result<std::shared_ptr<const graphql::Schema>> remote = graphql::BuildSchema(*sdl);
    EXPECT_TRUE(remote) << remote.error().message;
    schema_.definition.name = "orders";
    schema_.remote = *remote;
    metadata::RemoteSchemaCustomization customization;
    customization.type_names.prefix = "o_";
    Result<schema::RemoteNames> names = schema::RemoteNames::Make(*schema_.remote, customization);
    EXPECT_TRUE(names) << names.error().message;
    schema_.names = *names;
    plain_ = schema_;
    plain_.names = schema::RemoteNames();
  }

  // A relationship to `schema_` joining on `lhs` along `path` ([field, template arguments]).
  schema::RemoteSchemaRelationship Relationship(
      std::vector<std::string> lhs, std::vector<std::pair<std::string, std::string>> path) {
    schema::RemoteSchemaRelationship relationship;
    relationship.name = "rel";
    relationship.remote_schema = "orders";
    relationship.target = &schema_;
    relationship.lhs_fields = std::move(lhs);
    for (auto& [field, arguments] : path) {
      relationship.path.push_back({field, Json::parse(arguments)});
    }
    return relationship;
  }

  schema::RemoteSchema schema_;
  schema::RemoteSchema plain_;  // the same without customization
};

// ---- TranslateRoot
// -------------------------------------------------------------------------------

TEST_F(TranslateTest, RootFieldAsInTheHeaderExample) {
  ir::RemoteRootField root;
  root.alias = "o";
  root.schema = &schema_;
  root.selection = Sel(Object("o", "order", {{"id", kIntNonNull, 7}},
                              Sel(Leaf("id", "id"), Leaf("total", "total", {"Order"}))));
  Result<GraphqlRequest> request = TranslateRoot(root);
  ASSERT_TRUE(request) << request.error().message;
  EXPECT_EQ(request->query,
            "query ($v0: Int!) { o: order(id: $v0) { id: id ... on Order { total: total } } }");
  EXPECT_EQ(request->variables, Json::parse(R"({"v0":7})"));
  EXPECT_EQ(request->Body(),
            R"({"query":"query ($v0: Int!) { o: order(id: $v0) { id: id ... on Order { total: )"
            R"(total } } }","variables":{"v0":7}})");
}

TEST_F(TranslateTest, EveryArgumentIsAVariableOfTheRemotesType) {
  ir::RemoteRootField root;
  root.alias = "data";
  root.schema = &schema_;
  root.namespaced = true;
  root.selection =
      Sel(Object("a", "orders",
                 {{"where", Type("OrderFilter"), Json::parse(R"({"id":{"eq":1},"note":"$x"})")},
                  {"limit", Type("Int"), 2}},
                 Sel(Leaf("n", "__typename"),
                     Object("lines", "lines", {}, Sel(Leaf("sku", "sku")), {"Node", "Order"}))),
          Object("b", "order", {{"id", kIntNonNull, 3}}, Sel(Leaf("code", "code"))),
          Leaf("t", "__typename"));
  Result<GraphqlRequest> request = TranslateRoot(root);
  ASSERT_TRUE(request) << request.error().message;
  EXPECT_EQ(request->query,
            "query ($v0: OrderFilter, $v1: Int, $v2: Int!) { a: orders(where: $v0, limit: $v1) "
            "{ n: __typename ... on Node { ... on Order { lines: lines { sku: sku } } } } "
            "b: order(id: $v2) { code: code } t: __typename }");
  EXPECT_EQ(request->variables.dump(), R"({"v0":{"id":{"eq":1},"note":"$x"},"v1":2,"v2":3})");
}

TEST_F(TranslateTest, WithoutArgumentsAndAsAMutation) {
  ir::RemoteRootField plain;
  plain.schema = &schema_;
  plain.selection = Sel(Leaf("__typename", "__typename"));
  Result<GraphqlRequest> request = TranslateRoot(plain);
  ASSERT_TRUE(request);
  EXPECT_EQ(request->query, "query { __typename: __typename }");
  EXPECT_EQ(request->variables, Json::object());

  ir::RemoteRootField mutation;
  mutation.schema = &schema_;
  mutation.operation = graphql::OperationType::kMutation;
  mutation.selection =
      Sel(Object("c", "cancel", {{"id", kIntNonNull, 9}, {"reason", Type("String"), nullptr}},
                 Sel(Leaf("id", "id"))));
  request = TranslateRoot(mutation);
  ASSERT_TRUE(request);
  EXPECT_EQ(request->query,
            "mutation ($v0: Int!, $v1: String) { c: cancel(id: $v0, reason: $v1) { id: id } }");
  EXPECT_EQ(request->variables.dump(), R"({"v0":9,"v1":null})");
}

TEST_F(TranslateTest, ARelationshipLeftInTheSelectionIsAnError) {
  ir::RemoteRootField root;
  root.schema = &schema_;
  root.selection =
      Sel(Object("o", "order", {{"id", kIntNonNull, 1}},
                 Sel(ir::RemoteSelection{{}, ir::Field{"rel", ir::JoinPlaceholder{}}})));
  Result<GraphqlRequest> request = TranslateRoot(root);
  ASSERT_FALSE(request);
  EXPECT_EQ(request.error().message, "a relationship was not cut out of a remote query");
}

// ---- TranslateJoin
// ---------------------------------------------------------------------------------

TEST_F(TranslateTest, AliasedJoinOneFieldPerKey) {
  schema::RemoteSchemaRelationship relationship =
      Relationship({"order_id"}, {{"order", R"({"id":"$order_id"})"}});
  ir::RemoteSchemaRelation relation{&relationship, {}, Sel(Leaf("total", "total"))};
  const JoinArguments keys = {{"1"}, {"2"}, {"3"}};
  Result<GraphqlRequest> request = TranslateJoin(relation, keys, 0, 2);
  ASSERT_TRUE(request) << request.error().message;
  EXPECT_EQ(request->query,
            "query ($v0: Int!, $v1: Int!) { f0: order(id: $v0) { total: total } "
            "f1: order(id: $v1) { total: total } }");
  EXPECT_EQ(request->variables.dump(), R"({"v0":1,"v1":2})");

  // A range names its keys by their ids.
  request = TranslateJoin(relation, keys, 1, 3);
  ASSERT_TRUE(request);
  EXPECT_EQ(request->query,
            "query ($v0: Int!, $v1: Int!) { f1: order(id: $v0) { total: total } "
            "f2: order(id: $v1) { total: total } }");
  EXPECT_EQ(request->variables.dump(), R"({"v0":2,"v1":3})");
}

TEST_F(TranslateTest, UserArgumentsAreMergedIntoTheTemplate) {
  schema::RemoteSchemaRelationship relationship = Relationship(
      {"order_id"}, {{"orders", R"({"where":{"id":{"eq":"$order_id"},"status":["open"]}})"}});
  ir::RemoteSchemaRelation relation{
      &relationship,
      {{"where", Type("OrderFilter"),
        Json::parse(R"({"id":{"gt":0},"status":["closed"],"note":"n"})")},
       {"limit", Type("Int"), 5}},
      Sel(Leaf("id", "id"))};
  const JoinArguments keys = {{"\"k\""}};
  Result<GraphqlRequest> request = TranslateJoin(relation, keys, 0, 1);
  ASSERT_TRUE(request) << request.error().message;
  EXPECT_EQ(request->query,
            "query ($v0: OrderFilter, $v1: Int) { f0: orders(where: $v0, limit: $v1) "
            "{ id: id } }");
  EXPECT_EQ(request->variables.dump(),
            R"({"v0":{"id":{"eq":"k","gt":0},"status":["open","closed"],"note":"n"},"v1":5})");
}

TEST_F(TranslateTest, ANestedPathTakesTheUsersArgumentsAtItsLastField) {
  schema::RemoteSchemaRelationship relationship =
      Relationship({"order_id", "region"},
                   {{"lookup", R"({"region":"$region"})"}, {"order", R"({"id":"$order_id"})"}});
  ir::RemoteSchemaRelation relation{
      &relationship,
      {{"extra", Type("OrderFilter"), Json::parse(R"({"note":"x"})")}},
      Sel(Leaf("total", "total"), Leaf("t", "__typename"))};
  const JoinArguments keys = {{"1", "\"eu\""}, {"2", "\"us\""}};
  Result<GraphqlRequest> request = TranslateJoin(relation, keys, 0, 2);
  ASSERT_TRUE(request) << request.error().message;
  EXPECT_EQ(request->query,
            "query ($v0: String!, $v1: Int!, $v2: OrderFilter, $v3: String!, $v4: Int!, "
            "$v5: OrderFilter) { f0: lookup(region: $v0) { order: order(id: $v1, extra: $v2) "
            "{ total: total t: __typename } } f1: lookup(region: $v3) { order: order(id: $v4, "
            "extra: $v5) { total: total t: __typename } } }");
  EXPECT_EQ(request->variables.dump(),
            R"({"v0":"eu","v1":1,"v2":{"note":"x"},"v3":"us","v4":2,"v5":{"note":"x"}})");
}

TEST_F(TranslateTest, BatchModeSendsTheListOfKeys) {
  schema::RemoteSchemaRelationship relationship =
      Relationship({"order_id"}, {{"orders_by_ids", R"({"ids":"$order_id"})"}});
  relationship.batch = schema::RemoteBatch{"id", false};
  ir::RemoteSchemaRelation relation{&relationship, {}, Sel(Leaf("total", "total"))};
  const JoinArguments keys = {{"1"}, {"\"2\""}, {"3"}};
  Result<GraphqlRequest> request = TranslateJoin(relation, keys, 0, 3);
  ASSERT_TRUE(request) << request.error().message;
  EXPECT_EQ(request->query,
            "query ($v0: [Int!]!) { f: orders_by_ids(ids: $v0) { total: total "
            "__junction_key: id } }");
  EXPECT_EQ(request->variables.dump(), R"({"v0":[1,"2",3]})");

  request = TranslateJoin(relation, keys, 1, 2);
  ASSERT_TRUE(request);
  EXPECT_EQ(request->variables.dump(), R"({"v0":["2"]})");
}

TEST_F(TranslateTest, AValueThatCannotMergeIsAnError) {
  schema::RemoteSchemaRelationship relationship =
      Relationship({"order_id"}, {{"orders", R"({"where":{"id":{"eq":"$order_id"}}})"}});
  ir::RemoteSchemaRelation relation{
      &relationship,
      {{"where", Type("OrderFilter"), Json::parse(R"({"id":{"eq":3}})")}},
      Sel(Leaf("id", "id"))};
  const JoinArguments keys = {{"1"}};
  Result<GraphqlRequest> request = TranslateJoin(relation, keys, 0, 1);
  ASSERT_FALSE(request);
  EXPECT_EQ(request.error().message, "combineValues: cannot combine values (1) and (3)");

  relation.arguments = {{"where", Type("OrderFilter"), Json::parse(R"({"id":[1]})")}};
  request = TranslateJoin(relation, keys, 0, 1);
  ASSERT_FALSE(request);
  EXPECT_EQ(request.error().message,
            R"(combineValues: cannot combine values ({"eq":1}) and ([1]))");
}

// ---- JoinAnswers
// ----------------------------------------------------------------------------------

std::string Answers(const ir::RemoteSchemaRelation& relation, std::string_view data,
                    const JoinArguments& keys, size_t begin, size_t end) {
  Result<std::string> answers = JoinAnswers(relation, Json::parse(data), keys, begin, end);
  return answers ? *answers : "error: " + answers.error().message;
}

TEST_F(TranslateTest, AliasedAnswersByArgumentId) {
  schema::RemoteSchemaRelationship relationship =
      Relationship({"order_id"}, {{"order", R"({"id":"$order_id"})"}});
  relationship.target = &plain_;
  ir::RemoteSchemaRelation relation{&relationship, {}, Sel(Leaf("total", "total"))};
  const JoinArguments keys = {{"1"}, {"2"}, {"3"}, {"4"}};
  EXPECT_EQ(Answers(relation, R"({"f2":{"total":1.5},"f3":null})", keys, 2, 4),
            R"([[2,{"total":1.5}],[3,null]])");
  EXPECT_EQ(Answers(relation, R"({"f2":{"total":1.5}})", keys, 2, 4),
            "error: failed to lookup key 'f3' in response");
  EXPECT_EQ(Answers(relation, R"([])", keys, 0, 1),
            "error: \"data\" field not found in remote response");
  EXPECT_EQ(Answers(relation, R"({})", keys, 0, 0), "[]");
}

TEST_F(TranslateTest, AliasedAnswersDescendANestedPath) {
  schema::RemoteSchemaRelationship relationship =
      Relationship({"order_id", "region"},
                   {{"lookup", R"({"region":"$region"})"}, {"order", R"({"id":"$order_id"})"}});
  relationship.target = &plain_;
  ir::RemoteSchemaRelation relation{&relationship, {}, Sel(Leaf("total", "total"))};
  const JoinArguments keys = {{"1", "\"a\""}, {"2", "\"b\""}, {"3", "\"c\""}};
  EXPECT_EQ(Answers(relation, R"({"f0":{"order":{"total":2}},"f1":null,"f2":{"order":null}})", keys,
                    0, 3),
            R"([[0,{"total":2}],[1,null],[2,null]])");
  EXPECT_EQ(Answers(relation, R"({"f0":{"other":{}}})", keys, 0, 1),
            "error: failed to lookup key 'f0' in response");
  EXPECT_EQ(Answers(relation, R"({"f0":[1]})", keys, 0, 1),
            "error: failed to lookup key 'f0' in response");
}

TEST_F(TranslateTest, BatchAnswersAreMatchedByKeyText) {
  schema::RemoteSchemaRelationship relationship =
      Relationship({"order_id"}, {{"orders_by_ids", R"({"ids":"$order_id"})"}});
  relationship.target = &plain_;
  relationship.batch = schema::RemoteBatch{"id", false};
  ir::RemoteSchemaRelation relation{&relationship, {}, Sel(Leaf("total", "total"))};
  // The remote answers ID 7 as "7"; the key "8" (a string) matches an answer 8.
  const JoinArguments keys = {{"7"}, {"\"8\""}, {"9"}};
  const std::string data =
      R"({"f":[{"total":1,"__junction_key":"7"},{"total":2,"__junction_key":8},)"
      R"({"total":3,"__junction_key":"7"},{"total":4},5]})";
  EXPECT_EQ(Answers(relation, data, keys, 0, 3), R"([[0,{"total":1}],[1,{"total":2}]])")
      << "an object relationship takes the first match; 9 matches nothing";

  relationship.batch->array = true;
  EXPECT_EQ(Answers(relation, data, keys, 0, 3),
            R"([[0,[{"total":1},{"total":3}]],[1,[{"total":2}]]])");
  EXPECT_EQ(Answers(relation, data, keys, 1, 2), R"([[1,[{"total":2}]]])");

  EXPECT_EQ(Answers(relation, R"({"f":null})", keys, 0, 3), "[]");
  EXPECT_EQ(Answers(relation, R"({"g":[]})", keys, 0, 3),
            "error: failed to lookup key 'f' in response");
}

TEST_F(TranslateTest, BatchAnswersUnderANestedPath) {
  schema::RemoteSchemaRelationship relationship =
      Relationship({"order_id"},
                   {{"lookup", R"({"region":"eu"})"}, {"orders_by_ids", R"({"ids":"$order_id"})"}});
  relationship.target = &plain_;
  relationship.batch = schema::RemoteBatch{"id", false};
  ir::RemoteSchemaRelation relation{&relationship, {}, Sel(Leaf("total", "total"))};
  const JoinArguments keys = {{"1"}};
  EXPECT_EQ(
      Answers(relation, R"({"f":{"orders_by_ids":[{"total":5,"__junction_key":1}]}})", keys, 0, 1),
      R"([[0,{"total":5}]])");
}

// ---- RenameTypenames
// ------------------------------------------------------------------------------

TEST_F(TranslateTest, TypenamesAreRenamedToTheEnginesNames) {
  const std::vector<ir::RemoteSelection> selection =
      Sel(Leaf("t", "__typename"), Leaf("code", "code"),
          Object("lines", "lines", {}, Sel(Leaf("kind", "__typename"), Leaf("sku", "sku"))));
  Json value = Json::parse(
      R"({"t":"Order","code":"Order","lines":[{"kind":"Line","sku":"Line"},{"kind":"Zed"}]})");
  RenameTypenames(schema_, selection, value);
  EXPECT_EQ(value.dump(),
            R"({"t":"o_Order","code":"Order","lines":[{"kind":"o_Line","sku":"Line"},)"
            R"({"kind":"Zed"}]})");

  Json list = Json::parse(R"([{"t":"Order"},null,{"t":"Line"}])");
  RenameTypenames(schema_, selection, list);
  EXPECT_EQ(list.dump(), R"([{"t":"o_Order"},null,{"t":"o_Line"}])");

  Json unchanged = Json::parse(R"({"t":"Order"})");
  RenameTypenames(plain_, selection, unchanged);
  EXPECT_EQ(unchanged.dump(), R"({"t":"Order"})");
}

TEST_F(TranslateTest, JoinAnswersRenameTypenames) {
  schema::RemoteSchemaRelationship relationship =
      Relationship({"order_id"}, {{"order", R"({"id":"$order_id"})"}});
  ir::RemoteSchemaRelation relation{&relationship, {}, Sel(Leaf("t", "__typename"))};
  const JoinArguments keys = {{"1"}};
  EXPECT_EQ(Answers(relation, R"({"f0":{"t":"Order"}})", keys, 0, 1), R"([[0,{"t":"o_Order"}]])");

  relationship.batch = schema::RemoteBatch{"id", true};
  relationship.path = {{"orders_by_ids", Json::parse(R"({"ids":"$order_id"})")}};
  EXPECT_EQ(Answers(relation, R"({"f":[{"t":"Order","__junction_key":1}]})", keys, 0, 1),
            R"([[0,[{"t":"o_Order"}]]])");
}

}  // namespace
}  // namespace junction::backends::remote_graphql
