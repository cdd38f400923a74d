#include "plan/remote_joins.h"

#include <gtest/gtest.h>

#include "graphql/build_schema.h"
#include "graphql/operation.h"
#include "graphql/parser.h"
#include "graphql/validation.h"
#include "ir/build_ir.h"
#include "ir/test_support.h"
#include "schema/snapshot.h"
#include "schema/test_catalog.h"

namespace junction::plan {
namespace {

using graphql::NormalizedField;
using ir::testing_support::Aliased;
using ir::testing_support::Field;
using ir::testing_support::MakeColumn;
using ir::testing_support::MakeRelationship;
using Json = nlohmann::ordered_json;
using Kind = schema::TableRootField::Kind;
using RelationshipKind = schema::Relationship::Kind;

NormalizedField Field(std::string name, std::vector<NormalizedField> selection) {
  return Field(std::move(name), Json::object(), std::move(selection));
}

// The response keys of `fields`, in order.
std::vector<std::string> Aliases(const std::vector<ir::Field>& fields) {
  std::vector<std::string> aliases;
  for (const ir::Field& field : fields) aliases.push_back(field.alias);
  return aliases;
}

// The database column a field of `fields` selects under `alias` ("" when it selects none).
std::string ColumnUnder(const std::vector<ir::Field>& fields, const std::string& alias) {
  for (const ir::Field& field : fields) {
    if (field.alias != alias) continue;
    const auto* column = std::get_if<ir::ColumnField>(&field.value);
    return column != nullptr ? column->column->name : "";
  }
  return "";
}

// The fields of the rows a relationship field (object, array) selects.
const std::vector<ir::Field>& SelectedFields(const ir::Field& field) {
  if (const auto* object = std::get_if<ir::ObjectRelation>(&field.value)) {
    return object->select.fields;
  }
  return std::get<ir::ArrayRelation>(field.value).select.fields;
}

using Strings = std::vector<std::string>;

// Source "default": store —orders (local)→ order —items (local)→ item —order (local)→ order;
// order —user, buyer (remote, user_id → id)→ accounts.user; order —region (remote,
// (region_id, region_code) → (id, code))→ accounts.region. Source "accounts": user —orders
// (remote, id → user_id)→ default.order.
class CutRemoteJoinsTest : public ::testing::Test {
 protected:
  CutRemoteJoinsTest() {
    schema::Source& main = model_.sources["default"];
    schema::Source& accounts = model_.sources["accounts"];
    schema::Table& store = main.tables[{"public", "store"}];
    schema::Table& order = main.tables[{"public", "order"}];
    schema::Table& item = main.tables[{"public", "item"}];
    schema::Table& user = accounts.tables[{"public", "user"}];
    schema::Table& region = accounts.tables[{"public", "region"}];
    store.source = order.source = item.source = "default";
    user.source = region.source = "accounts";
    store.name = {"public", "store"};
    store.graphql_name = "store";
    store.columns = {MakeColumn("id", "int4", "Int"), MakeColumn("name", "text", "String")};
    store.relationships = {
        MakeRelationship("orders", RelationshipKind::kArray, order, {{"id", "store_id"}}, false)};
    store.primary_key = {"id"};
    order.name = {"public", "order"};
    order.graphql_name = "order";
    order.columns = {MakeColumn("id", "int4", "Int"),
                     MakeColumn("store_id", "int4", "Int"),
                     MakeColumn("user_id", "int4", "Int"),
                     MakeColumn("total", "numeric", "numeric"),
                     MakeColumn("region_code", "text", "String"),
                     MakeColumn("region_id", "int4", "Int")};
    order.relationships = {
        MakeRelationship("items", RelationshipKind::kArray, item, {{"id", "order_id"}}, false),
        MakeRelationship("user", RelationshipKind::kObject, user, {{"user_id", "id"}}, true),
        MakeRelationship("buyer", RelationshipKind::kObject, user, {{"user_id", "id"}}, true),
        MakeRelationship("region", RelationshipKind::kObject, region,
                         {{"region_id", "id"}, {"region_code", "code"}}, true)};
    order.primary_key = {"id"};
    item.name = {"public", "item"};
    item.graphql_name = "item";
    item.columns = {MakeColumn("id", "int4", "Int"), MakeColumn("order_id", "int4", "Int"),
                    MakeColumn("sku", "text", "String")};
    item.relationships = {
        MakeRelationship("order", RelationshipKind::kObject, order, {{"order_id", "id"}}, false)};
    user.name = {"public", "user"};
    user.graphql_name = "user";
    user.columns = {MakeColumn("id", "int4", "Int"), MakeColumn("name", "text", "String")};
    user.relationships = {
        MakeRelationship("orders", RelationshipKind::kArray, order, {{"id", "user_id"}}, true)};
    region.name = {"public", "region"};
    region.graphql_name = "region";
    region.columns = {MakeColumn("id", "int4", "Int"), MakeColumn("code", "text", "String"),
                      MakeColumn("name", "text", "String")};
    store_ = &store;
    order_ = &order;
    item_ = &item;
    user_ = &user;
  }

  // BuildRootField, failing the test (and answering an empty root field) on an error.
  ir::RootField Build(const schema::Table* table, Kind kind, const NormalizedField& field) {
    auto built = ir::BuildRootField({table, kind}, field);
    if (!built) {
      ADD_FAILURE() << built.error().message;
      return {};
    }
    return std::move(built).value();
  }

  schema::SourceModel model_;
  const schema::Table* store_ = nullptr;
  const schema::Table* order_ = nullptr;
  const schema::Table* item_ = nullptr;
  const schema::Table* user_ = nullptr;
};

// The remote field keeps its key as a placeholder; the join column is appended as a phantom.
TEST_F(CutRemoteJoinsTest, ObjectRelationshipBecomesPlaceholderAndPhantom) {
  ir::RootField root =
      Build(order_, Kind::kSelect,
            Aliased("orders",
                    Field("order", {Field("id"), Field("user", {Field("name")}), Field("total")})));
  JoinTree tree = CutRemoteJoins(root);
  const std::vector<ir::Field>& fields = root.select.fields;
  EXPECT_EQ(Aliases(fields), (Strings{"id", "user", "total", "user_id_join_column"}));
  EXPECT_TRUE(std::holds_alternative<ir::JoinPlaceholder>(fields[1].value));
  EXPECT_EQ(ColumnUnder(fields, "user_id_join_column"), "user_id");
  EXPECT_EQ(tree.phantoms, Strings{"user_id_join_column"});
  EXPECT_TRUE(tree.children.empty());
  ASSERT_EQ(tree.joins.size(), 1u);
  const RemoteJoin& join = tree.joins[0];
  EXPECT_EQ(join.alias, "user");
  EXPECT_EQ(join.keys, Strings{"user_id_join_column"});
  EXPECT_EQ(join.source, "accounts");
  EXPECT_EQ(join.path, "$.selectionSet.orders.selectionSet.user");
  const auto& user = std::get<ir::ObjectRelation>(join.field.value);
  EXPECT_EQ(join.field.alias, "user");
  EXPECT_EQ(user.relationship->name, "user");
  EXPECT_EQ(user.select.table, user_);
  EXPECT_EQ(Aliases(user.select.fields), Strings{"name"});
  EXPECT_TRUE(join.tree.empty());
  EXPECT_TRUE(join.tree.phantoms.empty());
}

// Hasura's rule: `<column>_join_column` plus underscores, one more character than the longest
// key of the object (the remote field's own alias included), so it clashes with none.
TEST_F(CutRemoteJoinsTest, PhantomIsLongerThanEveryAlias) {
  const std::string longest = "the_user_of_this_order";  // 22 characters
  ir::RootField root = Build(order_, Kind::kSelect,
                             Field("order", {Aliased(longest, Field("user", {Field("name")}))}));
  JoinTree tree = CutRemoteJoins(root);
  const std::string phantom = "user_id_join_column____";  // 19 + 4 = 23 characters
  EXPECT_EQ(Aliases(root.select.fields), (Strings{longest, phantom}));
  EXPECT_EQ(tree.phantoms, Strings{phantom});
  ASSERT_EQ(tree.joins.size(), 1u);
  EXPECT_EQ(tree.joins[0].keys, Strings{phantom});

  // A user alias equal to the unpadded name: one underscore more.
  ir::RootField clash = Build(order_, Kind::kSelect,
                              Field("order", {Aliased("user_id_join_column", Field("total")),
                                              Field("user", {Field("name")})}));
  JoinTree clash_tree = CutRemoteJoins(clash);
  EXPECT_EQ(Aliases(clash.select.fields),
            (Strings{"user_id_join_column", "user", "user_id_join_column_"}));
  EXPECT_EQ(ColumnUnder(clash.select.fields, "user_id_join_column"), "total");
  EXPECT_EQ(ColumnUnder(clash.select.fields, "user_id_join_column_"), "user_id");
  ASSERT_EQ(clash_tree.joins.size(), 1u);
  EXPECT_EQ(clash_tree.joins[0].keys, Strings{"user_id_join_column_"});
}

// A join column the user selected, under any alias, is the key: nothing is added or stripped.
TEST_F(CutRemoteJoinsTest, SelectedJoinColumnIsReused) {
  ir::RootField root =
      Build(order_, Kind::kSelect,
            Field("order", {Field("user", {Field("name")}), Aliased("uid", Field("user_id"))}));
  JoinTree tree = CutRemoteJoins(root);
  EXPECT_EQ(Aliases(root.select.fields), (Strings{"user", "uid"}));
  EXPECT_TRUE(tree.phantoms.empty());
  ASSERT_EQ(tree.joins.size(), 1u);
  EXPECT_EQ(tree.joins[0].keys, Strings{"uid"});
}

// Two relationships on the same column share one phantom.
TEST_F(CutRemoteJoinsTest, RelationshipsSharingAJoinColumnShareThePhantom) {
  ir::RootField root =
      Build(order_, Kind::kSelect,
            Field("order", {Field("user", {Field("name")}), Field("buyer", {Field("id")})}));
  JoinTree tree = CutRemoteJoins(root);
  EXPECT_EQ(Aliases(root.select.fields), (Strings{"user", "buyer", "user_id_join_column"}));
  EXPECT_EQ(tree.phantoms, Strings{"user_id_join_column"});
  ASSERT_EQ(tree.joins.size(), 2u);
  EXPECT_EQ(tree.joins[0].alias, "user");
  EXPECT_EQ(tree.joins[1].alias, "buyer");
  EXPECT_EQ(tree.joins[0].keys, Strings{"user_id_join_column"});
  EXPECT_EQ(tree.joins[1].keys, Strings{"user_id_join_column"});
}

// Keys follow the mapping's order, phantom or selected.
TEST_F(CutRemoteJoinsTest, MultiColumnMappingKeepsMappingOrder) {
  ir::RootField root =
      Build(order_, Kind::kSelect, Field("order", {Field("region", {Field("name")})}));
  JoinTree tree = CutRemoteJoins(root);
  EXPECT_EQ(Aliases(root.select.fields),
            (Strings{"region", "region_id_join_column", "region_code_join_column"}));
  EXPECT_EQ(tree.phantoms, (Strings{"region_id_join_column", "region_code_join_column"}));
  ASSERT_EQ(tree.joins.size(), 1u);
  EXPECT_EQ(tree.joins[0].keys, (Strings{"region_id_join_column", "region_code_join_column"}));

  ir::RootField selected = Build(
      order_, Kind::kSelect,
      Field("order", {Aliased("code", Field("region_code")), Field("region", {Field("name")})}));
  JoinTree selected_tree = CutRemoteJoins(selected);
  EXPECT_EQ(selected_tree.phantoms, Strings{"region_id_join_column"});
  ASSERT_EQ(selected_tree.joins.size(), 1u);
  EXPECT_EQ(selected_tree.joins[0].keys, (Strings{"region_id_join_column", "code"}));
}

// A remote join in the objects of a local relationship is a child under that field's key, and
// its phantom is selected in those objects.
TEST_F(CutRemoteJoinsTest, InsideLocalRelationships) {
  ir::RootField root =
      Build(item_, Kind::kSelect,
            Field("item",
                  {Field("sku"), Aliased("o", Field("order", {Field("user", {Field("name")})}))}));
  JoinTree tree = CutRemoteJoins(root);
  EXPECT_TRUE(tree.joins.empty());
  EXPECT_TRUE(tree.phantoms.empty());
  EXPECT_EQ(Aliases(root.select.fields), (Strings{"sku", "o"}));
  ASSERT_EQ(tree.children.size(), 1u);
  EXPECT_EQ(tree.children[0].key, "o");
  const JoinTree& child = tree.children[0].tree;
  EXPECT_EQ(child.phantoms, Strings{"user_id_join_column"});
  ASSERT_EQ(child.joins.size(), 1u);
  EXPECT_EQ(child.joins[0].path, "$.selectionSet.item.selectionSet.o.selectionSet.user");
  EXPECT_EQ(Aliases(SelectedFields(root.select.fields[1])),
            (Strings{"user", "user_id_join_column"}));

  // Through a local array relationship and a local object relationship back.
  ir::RootField stores = Build(
      store_, Kind::kSelectByPk,
      Field(
          "store_by_pk", {{"id", 1}},
          {Field("orders", {Field("items", {Field("order", {Field("buyer", {Field("id")})})})})}));
  JoinTree stores_tree = CutRemoteJoins(stores);
  ASSERT_EQ(stores_tree.children.size(), 1u);
  EXPECT_EQ(stores_tree.children[0].key, "orders");
  const JoinTree& items = stores_tree.children[0].tree;
  EXPECT_TRUE(items.joins.empty());
  ASSERT_EQ(items.children.size(), 1u);
  EXPECT_EQ(items.children[0].key, "items");
  ASSERT_EQ(items.children[0].tree.children.size(), 1u);
  EXPECT_EQ(items.children[0].tree.children[0].key, "order");
  const JoinTree& order = items.children[0].tree.children[0].tree;
  ASSERT_EQ(order.joins.size(), 1u);
  EXPECT_EQ(order.joins[0].path,
            "$.selectionSet.store_by_pk.selectionSet.orders.selectionSet.items.selectionSet.order."
            "selectionSet.buyer");
}

// `<rel>_aggregate { nodes }` and a root `_aggregate { nodes }`: the children go through the
// aggregate's key and then the nodes' key.
TEST_F(CutRemoteJoinsTest, InsideAggregateNodes) {
  ir::RootField root = Build(
      store_, Kind::kSelect,
      Field("store", {Field("orders_aggregate",
                            {Field("aggregate", {Field("count")}),
                             Aliased("n", Field("nodes", {Field("user", {Field("name")})}))})}));
  JoinTree tree = CutRemoteJoins(root);
  EXPECT_TRUE(tree.joins.empty());
  ASSERT_EQ(tree.children.size(), 1u);
  EXPECT_EQ(tree.children[0].key, "orders_aggregate");
  const JoinTree& aggregate = tree.children[0].tree;
  EXPECT_TRUE(aggregate.joins.empty());
  EXPECT_TRUE(aggregate.phantoms.empty());
  ASSERT_EQ(aggregate.children.size(), 1u);
  EXPECT_EQ(aggregate.children[0].key, "n");
  const JoinTree& nodes = aggregate.children[0].tree;
  EXPECT_EQ(nodes.phantoms, Strings{"user_id_join_column"});
  ASSERT_EQ(nodes.joins.size(), 1u);
  EXPECT_EQ(nodes.joins[0].path,
            "$.selectionSet.store.selectionSet.orders_aggregate.selectionSet.n.selectionSet.user");
  const auto& select = std::get<ir::ArrayAggregate>(root.select.fields[0].value).select;
  EXPECT_EQ(Aliases(std::get<ir::Nodes>(select.fields[1].value).fields),
            (Strings{"user", "user_id_join_column"}));

  ir::RootField root_aggregate = Build(
      order_, Kind::kSelectAggregate,
      Field("order_aggregate", {Field("aggregate", {Field("count")}),
                                Field("nodes", {Field("id"), Field("buyer", {Field("name")})})}));
  JoinTree root_tree = CutRemoteJoins(root_aggregate);
  EXPECT_TRUE(root_tree.joins.empty());
  ASSERT_EQ(root_tree.children.size(), 1u);
  EXPECT_EQ(root_tree.children[0].key, "nodes");
  ASSERT_EQ(root_tree.children[0].tree.joins.size(), 1u);
  EXPECT_EQ(root_tree.children[0].tree.joins[0].path,
            "$.selectionSet.order_aggregate.selectionSet.nodes.selectionSet.buyer");
  EXPECT_EQ(Aliases(std::get<ir::Nodes>(root_aggregate.aggregate.fields[1].value).fields),
            (Strings{"id", "buyer", "user_id_join_column"}));
}

// A remote join in the remote join's own selection is cut from it into RemoteJoin::tree, its
// phantom selected on the target side; three hops deep (order → user → order → user).
TEST_F(CutRemoteJoinsTest, NestedRemoteJoins) {
  ir::RootField root = Build(
      order_, Kind::kSelect,
      Field("order",
            {Field("user", {Field("name"),
                            Field("orders", {Field("total"), Field("user", {Field("id")})})})}));
  JoinTree tree = CutRemoteJoins(root);
  ASSERT_EQ(tree.joins.size(), 1u);
  const RemoteJoin& user = tree.joins[0];
  EXPECT_EQ(Aliases(SelectedFields(user.field)), (Strings{"name", "orders", "id_join_column"}));
  EXPECT_TRUE(std::holds_alternative<ir::JoinPlaceholder>(SelectedFields(user.field)[1].value));
  EXPECT_EQ(user.tree.phantoms, Strings{"id_join_column"});
  ASSERT_EQ(user.tree.joins.size(), 1u);
  const RemoteJoin& orders = user.tree.joins[0];
  EXPECT_EQ(orders.alias, "orders");
  EXPECT_EQ(orders.source, "default");
  EXPECT_EQ(orders.keys, Strings{"id_join_column"});
  EXPECT_EQ(orders.path, "$.selectionSet.order.selectionSet.user.selectionSet.orders");
  EXPECT_TRUE(std::holds_alternative<ir::ArrayRelation>(orders.field.value));
  EXPECT_EQ(Aliases(SelectedFields(orders.field)),
            (Strings{"total", "user", "user_id_join_column"}));
  ASSERT_EQ(orders.tree.joins.size(), 1u);
  EXPECT_EQ(orders.tree.joins[0].source, "accounts");
  EXPECT_EQ(orders.tree.joins[0].keys, Strings{"user_id_join_column"});
  EXPECT_EQ(orders.tree.joins[0].path,
            "$.selectionSet.order.selectionSet.user.selectionSet.orders.selectionSet.user");
  EXPECT_TRUE(orders.tree.joins[0].tree.empty());
}

// A remote `<rel>_aggregate` is one join; a remote join in its nodes is in the join's tree.
TEST_F(CutRemoteJoinsTest, RemoteAggregate) {
  ir::RootField root = Build(
      user_, Kind::kSelect,
      Field("user",
            {Field("orders_aggregate", {Field("aggregate", {Field("count")}),
                                        Field("nodes", {Field("buyer", {Field("name")})})})}));
  JoinTree tree = CutRemoteJoins(root);
  // "orders_aggregate" (16 characters) is longer than "id_join_column" (14).
  EXPECT_EQ(Aliases(root.select.fields), (Strings{"orders_aggregate", "id_join_column___"}));
  ASSERT_EQ(tree.joins.size(), 1u);
  const RemoteJoin& join = tree.joins[0];
  EXPECT_EQ(join.alias, "orders_aggregate");
  EXPECT_EQ(join.source, "default");
  EXPECT_EQ(join.keys, Strings{"id_join_column___"});
  ASSERT_TRUE(std::holds_alternative<ir::ArrayAggregate>(join.field.value));
  EXPECT_TRUE(join.tree.joins.empty());
  ASSERT_EQ(join.tree.children.size(), 1u);
  EXPECT_EQ(join.tree.children[0].key, "nodes");
  ASSERT_EQ(join.tree.children[0].tree.joins.size(), 1u);
  EXPECT_EQ(join.tree.children[0].tree.joins[0].path,
            "$.selectionSet.user.selectionSet.orders_aggregate.selectionSet.nodes.selectionSet."
            "buyer");
}

// Local relationships only: nothing cut, nothing added.
TEST_F(CutRemoteJoinsTest, LocalRelationshipsOnlyGiveAnEmptyTree) {
  ir::RootField root = Build(
      store_, Kind::kSelect,
      Field("store", {Field("id"), Field("orders", {Field("id"), Field("items", {Field("sku")})}),
                      Field("orders_aggregate", {Field("nodes", {Field("total")})})}));
  JoinTree tree = CutRemoteJoins(root);
  EXPECT_TRUE(tree.empty());
  EXPECT_TRUE(tree.joins.empty());
  EXPECT_TRUE(tree.children.empty());
  EXPECT_TRUE(tree.phantoms.empty());
  EXPECT_EQ(Aliases(root.select.fields), (Strings{"id", "orders", "orders_aggregate"}));
  EXPECT_EQ(Aliases(SelectedFields(root.select.fields[1])), (Strings{"id", "items"}));
  EXPECT_TRUE(std::holds_alternative<ir::ArrayRelation>(root.select.fields[1].value));
}

// The same relationship under two aliases (and different selections) is two joins on one key.
TEST_F(CutRemoteJoinsTest, SameRelationshipTwiceIsTwoJoins) {
  ir::RootField root = Build(order_, Kind::kSelect,
                             Field("order", {Aliased("a", Field("user", {Field("name")})),
                                             Aliased("b", Field("user", {Field("id")}))}));
  JoinTree tree = CutRemoteJoins(root);
  EXPECT_EQ(Aliases(root.select.fields), (Strings{"a", "b", "user_id_join_column"}));
  EXPECT_EQ(tree.phantoms, Strings{"user_id_join_column"});
  ASSERT_EQ(tree.joins.size(), 2u);
  EXPECT_EQ(tree.joins[0].alias, "a");
  EXPECT_EQ(tree.joins[1].alias, "b");
  EXPECT_EQ(tree.joins[0].path, "$.selectionSet.order.selectionSet.a");
  EXPECT_EQ(tree.joins[1].path, "$.selectionSet.order.selectionSet.b");
  EXPECT_EQ(tree.joins[0].keys, tree.joins[1].keys);
  EXPECT_EQ(Aliases(SelectedFields(tree.joins[0].field)), Strings{"name"});
  EXPECT_EQ(Aliases(SelectedFields(tree.joins[1].field)), Strings{"id"});
}

// ---- remote schemas
// ------------------------------------------------------------------------------

// The remote schema "accounts" (Account —orders (to_source, uid → user_id)→ default.orders,
// Account —friend (friend_id → account(id))→ accounts, Address —nearby (zip → account(id))→
// accounts) and the shop's orders —account (user_id → account(id))→ accounts, resolved by
// BuildSnapshot; requests normalized against the admin's schema.
constexpr std::string_view kAccountsSdl = R"(
type Query {
  account(id: Int!): Account
  accounts(ids: [Int!]!): [Account!]!
  find(term: String!): [Found!]!
}
type Account { id: ID! uid: Int! name: String! friend_id: Int home: Address }
type Address { city: String zip: Int }
union Found = Account | Address
)";

constexpr std::string_view kAccountRelationships =
    R"([{"type_name":"Account","relationships":[)"
    R"({"name":"orders","definition":{"to_source":{"source":"default","table":"orders",)"
    R"("relationship_type":"array","field_mapping":{"uid":"user_id"}}}},)"
    R"({"name":"friend","definition":{"to_remote_schema":{"remote_schema":"accounts",)"
    R"("lhs_fields":["friend_id"],"remote_field":{"account":{"arguments":{"id":"$friend_id"}}}}}}]},)"
    R"({"type_name":"Address","relationships":[)"
    R"({"name":"nearby","definition":{"to_remote_schema":{"remote_schema":"accounts",)"
    R"("lhs_fields":["zip"],"remote_field":{"account":{"arguments":{"id":"$zip"}}}}}}]}])";

constexpr std::string_view kOrdersTables =
    R"([{"table":"users"},{"table":"orders","remote_relationships":[{"name":"account",)"
    R"("definition":{"to_remote_schema":{"remote_schema":"accounts","lhs_fields":["user_id"],)"
    R"("remote_field":{"account":{"arguments":{"id":"$user_id"}}}}}}]}])";

// "alias: name" of each item of a remote selection, after its type conditions.
Strings Items(const std::vector<ir::RemoteSelection>& selection) {
  Strings items;
  for (const ir::RemoteSelection& item : selection) {
    std::string text;
    for (const std::string& condition : item.type_conditions) text += condition + " ";
    if (const auto* field = std::get_if<ir::RemoteField>(&item.node)) {
      text += field->alias + ": " + field->name;
    } else {
      text += std::get<ir::Field>(item.node).alias + " (relationship)";
    }
    items.push_back(std::move(text));
  }
  return items;
}

// The selection of the remote field under `alias` in `selection`.
const std::vector<ir::RemoteSelection>& Under(const std::vector<ir::RemoteSelection>& selection,
                                              const std::string& alias) {
  static const std::vector<ir::RemoteSelection> kNone;
  for (const ir::RemoteSelection& item : selection) {
    const auto* field = std::get_if<ir::RemoteField>(&item.node);
    if (field != nullptr && field->alias == alias) return field->selection;
  }
  ADD_FAILURE() << "no remote field " << alias;
  return kNone;
}

class CutRemoteSchemaJoinsTest : public ::testing::Test {
 protected:
  // Builds the snapshot with the accounts remote schema customized by `customization`.
  void Load(std::string_view customization = "") {
    Result<graphql::Document> sdl = graphql::Parse(kAccountsSdl);
    ASSERT_TRUE(sdl) << sdl.error().message;
    Result<std::shared_ptr<const graphql::Schema>> remote = graphql::BuildSchema(*sdl);
    ASSERT_TRUE(remote) << remote.error().message;
    metadata::RemoteSchemaCatalogs catalogs;
    catalogs.emplace("accounts", metadata::RemoteSchemaCatalog{Json::object(), *remote});
    std::string definition = R"({"url":"http://accounts.test/graphql")";
    if (!customization.empty()) definition += R"(,"customization":)" + std::string(customization);
    definition += "}";
    metadata::Metadata metadata = schema::testing::MetadataFrom(
        R"({"version":3,"sources":[{"name":"default","kind":"postgres","tables":)" +
        std::string(kOrdersTables) +
        R"(,"configuration":{}}],"remote_schemas":[{"name":"accounts","definition":)" + definition +
        R"(,"remote_relationships":)" + std::string(kAccountRelationships) + "}]}");
    Result<std::shared_ptr<const schema::Snapshot>> snapshot =
        schema::BuildSnapshot(metadata, schema::testing::ShopCatalogs(), catalogs);
    ASSERT_TRUE(snapshot) << snapshot.error().message;
    snapshot_ = *snapshot;
    ASSERT_TRUE(snapshot_->inconsistent_objects.empty())
        << snapshot_->inconsistent_objects[0].name << ": "
        << snapshot_->inconsistent_objects[0].reason;
  }

  // The first root field of `query`, normalized against the admin's schema.
  NormalizedField Normalized(std::string_view query) {
    Result<graphql::Document> document = graphql::Parse(query);
    EXPECT_TRUE(document) << document.error().message;
    if (!document) return {};
    const graphql::Schema& schema = *snapshot_->admin->schema;
    std::vector<Error> errors = graphql::Validate(schema, *document);
    EXPECT_TRUE(errors.empty()) << errors[0].message;
    Result<graphql::Operation> operation =
        graphql::Normalize(schema, *document, "", Json::object());
    EXPECT_TRUE(operation) << operation.error().message;
    if (!operation || operation->selection_set.empty()) return {};
    return operation->selection_set[0];
  }

  ir::RemoteRootField Remote(std::string_view query) {
    NormalizedField field = Normalized(query);
    const schema::RootField* root =
        snapshot_->admin->FindRootField(graphql::OperationType::kQuery, field.name);
    if (root == nullptr || !std::holds_alternative<schema::RemoteRootField>(*root)) {
      ADD_FAILURE() << field.name << " is not a remote root field";
      return {};
    }
    auto built = ir::BuildRemoteRootField(std::get<schema::RemoteRootField>(*root),
                                          graphql::OperationType::kQuery, field);
    if (!built) {
      ADD_FAILURE() << built.error().message;
      return {};
    }
    return std::move(built).value();
  }

  ir::RootField Table(std::string_view query) {
    NormalizedField field = Normalized(query);
    const schema::RootField* root =
        snapshot_->admin->FindRootField(graphql::OperationType::kQuery, field.name);
    if (root == nullptr || !std::holds_alternative<schema::TableRootField>(*root)) {
      ADD_FAILURE() << field.name << " is not a table's root field";
      return {};
    }
    auto built = ir::BuildRootField(std::get<schema::TableRootField>(*root), field);
    if (!built) {
      ADD_FAILURE() << built.error().message;
      return {};
    }
    return std::move(built).value();
  }

  const schema::Table* Orders() const {
    return snapshot_->admin->model->FindTable("default", {"public", "orders"});
  }

  std::shared_ptr<const schema::Snapshot> snapshot_;
};

// A relationship from a remote type becomes `alias: __typename`; its join field is selected
// beside it as a phantom; the tree is the root field's own (not namespaced).
TEST_F(CutRemoteSchemaJoinsTest, RelationshipOfARemoteRootField) {
  Load();
  ir::RemoteRootField root = Remote("{ account(id: 1) { name orders { id } } }");
  EXPECT_EQ(root.alias, "account");
  EXPECT_FALSE(root.namespaced);
  ASSERT_EQ(Items(root.selection), Strings{"account: account"});
  const auto* before =
      std::get_if<ir::Field>(&std::get<ir::RemoteField>(root.selection[0].node).selection[1].node);
  ASSERT_NE(before, nullptr) << "the IR holds the relationship before the cut";
  EXPECT_TRUE(std::holds_alternative<ir::ArrayRelation>(before->value));

  JoinTree tree = CutRemoteJoins(root);
  const auto& account = Under(root.selection, "account");
  EXPECT_EQ(Items(account), (Strings{"name: name", "orders: __typename", "uid_join_column: uid"}));
  EXPECT_EQ(tree.phantoms, Strings{"uid_join_column"});
  EXPECT_TRUE(tree.children.empty());
  ASSERT_EQ(tree.joins.size(), 1u);
  const RemoteJoin& join = tree.joins[0];
  EXPECT_EQ(join.alias, "orders");
  EXPECT_EQ(join.keys, Strings{"uid_join_column"});
  EXPECT_EQ(join.source, "default");
  EXPECT_EQ(join.path, "$.selectionSet.account.selectionSet.orders");
  ASSERT_TRUE(std::holds_alternative<ir::ArrayRelation>(join.field.value));
  const auto& orders = std::get<ir::ArrayRelation>(join.field.value);
  EXPECT_EQ(orders.select.table, Orders());
  EXPECT_EQ(Aliases(orders.select.fields), Strings{"id"});
  EXPECT_TRUE(join.tree.empty());
}

TEST_F(CutRemoteSchemaJoinsTest, PhantomIsPaddedAndTheUsersSelectionReused) {
  Load();
  ir::RemoteRootField padded =
      Remote("{ account(id: 1) { the_orders_of_this_account: orders { id } } }");
  JoinTree tree = CutRemoteJoins(padded);
  const std::string phantom = "uid_join_column____________";  // 15 + 12 > 26
  EXPECT_EQ(Items(Under(padded.selection, "account")),
            (Strings{"the_orders_of_this_account: __typename", phantom + ": uid"}));
  EXPECT_EQ(tree.phantoms, Strings{phantom});
  ASSERT_EQ(tree.joins.size(), 1u);
  EXPECT_EQ(tree.joins[0].keys, Strings{phantom});
  EXPECT_EQ(tree.joins[0].path, "$.selectionSet.account.selectionSet.the_orders_of_this_account");

  ir::RemoteRootField reused = Remote("{ account(id: 1) { orders { id } my_uid: uid } }");
  JoinTree reused_tree = CutRemoteJoins(reused);
  EXPECT_EQ(Items(Under(reused.selection, "account")),
            (Strings{"orders: __typename", "my_uid: uid"}));
  EXPECT_TRUE(reused_tree.phantoms.empty());
  ASSERT_EQ(reused_tree.joins.size(), 1u);
  EXPECT_EQ(reused_tree.joins[0].keys, Strings{"my_uid"});

  // Two relationships on one field share the key.
  ir::RemoteRootField twice =
      Remote("{ account(id: 1) { a: orders { id } b: orders { user_id } } }");
  JoinTree twice_tree = CutRemoteJoins(twice);
  EXPECT_EQ(Items(Under(twice.selection, "account")),
            (Strings{"a: __typename", "b: __typename", "uid_join_column: uid"}));
  EXPECT_EQ(twice_tree.phantoms, Strings{"uid_join_column"});
  ASSERT_EQ(twice_tree.joins.size(), 2u);
  EXPECT_EQ(twice_tree.joins[0].keys, Strings{"uid_join_column"});
  EXPECT_EQ(twice_tree.joins[1].keys, Strings{"uid_join_column"});
}

// Under a union, each relationship keeps its fragment's type condition, and so does its phantom;
// the user's own selection is reused only under the same conditions.
TEST_F(CutRemoteSchemaJoinsTest, TypeConditionsAreCarriedToPhantoms) {
  Load();
  ir::RemoteRootField root = Remote(
      R"({ find(term: "x") { __typename ... on Account { uid orders { id } friend { name } })"
      R"( ... on Address { city nearby { name } } } })");
  JoinTree tree = CutRemoteJoins(root);
  EXPECT_EQ(
      Items(Under(root.selection, "find")),
      (Strings{"__typename: __typename", "Account uid: uid", "Account orders: __typename",
               "Account friend: __typename", "Address city: city", "Address nearby: __typename",
               "Account friend_id_join_column: friend_id", "Address zip_join_column: zip"}));
  EXPECT_EQ(tree.phantoms, (Strings{"friend_id_join_column", "zip_join_column"}));
  ASSERT_EQ(tree.joins.size(), 3u);
  EXPECT_EQ(tree.joins[0].alias, "orders");
  EXPECT_EQ(tree.joins[0].keys, Strings{"uid"});
  EXPECT_EQ(tree.joins[1].alias, "friend");
  EXPECT_EQ(tree.joins[1].keys, Strings{"friend_id_join_column"});
  EXPECT_EQ(tree.joins[1].source, "");
  ASSERT_TRUE(std::holds_alternative<ir::RemoteSchemaRelation>(tree.joins[1].field.value));
  EXPECT_EQ(std::get<ir::RemoteSchemaRelation>(tree.joins[1].field.value).relationship->name,
            "friend");
  EXPECT_EQ(tree.joins[2].alias, "nearby");
  EXPECT_EQ(tree.joins[2].keys, Strings{"zip_join_column"});
  EXPECT_EQ(tree.joins[2].path, "$.selectionSet.find.selectionSet.nearby");

  // `uid` selected outside the fragment is not the key of a join inside it.
  ir::RemoteRootField outside =
      Remote(R"({ find(term: "x") { ... on Account { orders { id } } ... on Account { uid } } })");
  JoinTree outside_tree = CutRemoteJoins(outside);
  ASSERT_EQ(outside_tree.joins.size(), 1u);
  EXPECT_EQ(outside_tree.joins[0].keys, Strings{"uid"}) << "same condition after merging";
}

// With a root-field namespace the step's value is the whole `data`: the tree starts at the
// namespace's fields; type conditions are the remote's names.
TEST_F(CutRemoteSchemaJoinsTest, NamespacedTree) {
  Load(R"({"root_fields_namespace":"acc","type_names":{"prefix":"acc_"}})");
  ir::RemoteRootField root =
      Remote(R"({ acc { account(id: 1) { orders { id } } a2: accounts(ids: [1]) { name })"
             R"( find(term: "x") { ... on acc_Account { orders { id } } } } })");
  EXPECT_TRUE(root.namespaced);
  EXPECT_EQ(root.alias, "acc");
  EXPECT_EQ(Items(root.selection), (Strings{"account: account", "a2: accounts", "find: find"}));
  JoinTree tree = CutRemoteJoins(root);
  EXPECT_TRUE(tree.joins.empty());
  EXPECT_TRUE(tree.phantoms.empty());
  ASSERT_EQ(tree.children.size(), 2u);
  EXPECT_EQ(tree.children[0].key, "account");
  ASSERT_EQ(tree.children[0].tree.joins.size(), 1u);
  EXPECT_EQ(tree.children[0].tree.joins[0].keys, Strings{"uid_join_column"});
  EXPECT_EQ(tree.children[1].key, "find");
  EXPECT_EQ(Items(Under(root.selection, "find")),
            (Strings{"Account orders: __typename", "Account uid_join_column: uid"}));
  EXPECT_EQ(Items(Under(root.selection, "a2")), Strings{"name: name"});
}

// BUG (plan/remote_joins.cc CutRemoteJoins(ir::RemoteRootField&)): with a root-field namespace
// the joins' paths leave the namespace out: a join under `acc { account { orders } }` gets
// "$.selectionSet.account.selectionSet.orders", not Hasura's path of the field in the query,
// "$.selectionSet.acc.selectionSet.account.selectionSet.orders" (RemoteJoin::path, used in
// errors' extensions.path).
TEST_F(CutRemoteSchemaJoinsTest, NamespacedJoinPathsIncludeTheNamespace) {
  Load(R"({"root_fields_namespace":"acc"})");
  ir::RemoteRootField root = Remote("{ acc { account(id: 1) { orders { id } } } }");
  JoinTree tree = CutRemoteJoins(root);
  ASSERT_EQ(tree.children.size(), 1u);
  ASSERT_EQ(tree.children[0].tree.joins.size(), 1u);
  EXPECT_EQ(tree.children[0].tree.joins[0].path,
            "$.selectionSet.acc.selectionSet.account.selectionSet.orders");
}

// A table's relationship to a remote schema: a placeholder and a phantom in the table's query,
// and the target's selection cut in turn (its relationship back to a table).
TEST_F(CutRemoteSchemaJoinsTest, TableToRemoteSchema) {
  Load();
  ir::RootField root = Table("{ orders { id account { name orders { id } } } }");
  JoinTree tree = CutRemoteJoins(root);
  EXPECT_EQ(Aliases(root.select.fields), (Strings{"id", "account", "user_id_join_column"}));
  EXPECT_TRUE(std::holds_alternative<ir::JoinPlaceholder>(root.select.fields[1].value));
  EXPECT_EQ(ColumnUnder(root.select.fields, "user_id_join_column"), "user_id");
  EXPECT_EQ(tree.phantoms, Strings{"user_id_join_column"});
  ASSERT_EQ(tree.joins.size(), 1u);
  const RemoteJoin& join = tree.joins[0];
  EXPECT_EQ(join.alias, "account");
  EXPECT_EQ(join.keys, Strings{"user_id_join_column"});
  EXPECT_EQ(join.source, "");
  EXPECT_EQ(join.path, "$.selectionSet.orders.selectionSet.account");
  ASSERT_TRUE(std::holds_alternative<ir::RemoteSchemaRelation>(join.field.value));
  const auto& relation = std::get<ir::RemoteSchemaRelation>(join.field.value);
  EXPECT_EQ(relation.relationship, Orders()->FindRemoteSchemaRelationship("account"));
  EXPECT_EQ(Items(relation.selection),
            (Strings{"name: name", "orders: __typename", "uid_join_column: uid"}));
  EXPECT_EQ(join.tree.phantoms, Strings{"uid_join_column"});
  ASSERT_EQ(join.tree.joins.size(), 1u);
  EXPECT_EQ(join.tree.joins[0].alias, "orders");
  EXPECT_EQ(join.tree.joins[0].source, "default");
  EXPECT_EQ(join.tree.joins[0].keys, Strings{"uid_join_column"});
  EXPECT_EQ(join.tree.joins[0].path,
            "$.selectionSet.orders.selectionSet.account.selectionSet.orders");

  ir::RootField reused = Table("{ orders { uid: user_id account { name } } }");
  JoinTree reused_tree = CutRemoteJoins(reused);
  EXPECT_EQ(Aliases(reused.select.fields), (Strings{"uid", "account"}));
  EXPECT_TRUE(reused_tree.phantoms.empty());
  ASSERT_EQ(reused_tree.joins.size(), 1u);
  EXPECT_EQ(reused_tree.joins[0].keys, Strings{"uid"});
  EXPECT_TRUE(reused_tree.joins[0].tree.empty());
}

// A join inside a nested remote object is a child under that field's key; a remote-to-remote
// join's own selection is cut into its tree.
TEST_F(CutRemoteSchemaJoinsTest, NestedRemoteObjectsAndRemoteToRemote) {
  Load();
  ir::RemoteRootField root =
      Remote("{ account(id: 1) { home { city nearby { friend { name } } } } }");
  JoinTree tree = CutRemoteJoins(root);
  EXPECT_TRUE(tree.joins.empty());
  ASSERT_EQ(tree.children.size(), 1u);
  EXPECT_EQ(tree.children[0].key, "home");
  const JoinTree& home = tree.children[0].tree;
  EXPECT_EQ(Items(Under(Under(root.selection, "account"), "home")),
            (Strings{"city: city", "nearby: __typename", "zip_join_column: zip"}));
  EXPECT_EQ(home.phantoms, Strings{"zip_join_column"});
  ASSERT_EQ(home.joins.size(), 1u);
  const RemoteJoin& nearby = home.joins[0];
  EXPECT_EQ(nearby.path, "$.selectionSet.account.selectionSet.home.selectionSet.nearby");
  const auto& relation = std::get<ir::RemoteSchemaRelation>(nearby.field.value);
  EXPECT_EQ(Items(relation.selection),
            (Strings{"friend: __typename", "friend_id_join_column: friend_id"}));
  ASSERT_EQ(nearby.tree.joins.size(), 1u);
  EXPECT_EQ(nearby.tree.joins[0].alias, "friend");
  EXPECT_EQ(nearby.tree.joins[0].keys, Strings{"friend_id_join_column"});
  EXPECT_EQ(nearby.tree.joins[0].path,
            "$.selectionSet.account.selectionSet.home.selectionSet.nearby.selectionSet.friend");
  const auto& friend_ = std::get<ir::RemoteSchemaRelation>(nearby.tree.joins[0].field.value);
  EXPECT_EQ(Items(friend_.selection), Strings{"name: name"});
  EXPECT_TRUE(nearby.tree.joins[0].tree.empty());
}

}  // namespace
}  // namespace junction::plan
