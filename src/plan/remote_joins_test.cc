#include "plan/remote_joins.h"

#include <gtest/gtest.h>

#include "ir/build_ir.h"
#include "ir/test_support.h"

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

}  // namespace
}  // namespace junction::plan
