#include "ir/build_ir.h"

#include <gtest/gtest.h>

#include "ir/test_support.h"

namespace junction::ir {
namespace {

using graphql::NormalizedField;
using testing_support::Field;
using testing_support::MakeColumn;
using testing_support::MakeRelationship;
using testing_support::Renamed;
using Json = nlohmann::ordered_json;

// user(id int4 pk, name text as full_name) —orders→ order(id, user_id, total numeric);
// order —user→ user.
class BuildIrTest : public testing::Test {
 protected:
  BuildIrTest() {
    schema::Source& source = model_.sources["default"];
    schema::Table& user = source.tables[{"public", "user"}];
    schema::Table& order = source.tables[{"public", "order"}];
    user.source = order.source = "default";
    user.name = {"public", "user"};
    user.graphql_name = "user";
    user.columns = {MakeColumn("id", "int4", "Int"),
                    Renamed(MakeColumn("name", "text", "String"), "full_name")};
    user.relationships = {
        MakeRelationship("orders", schema::Relationship::Kind::kArray, order, {{"id", "user_id"}})};
    user.primary_key = {"id"};
    order.name = {"public", "order"};
    order.graphql_name = "order";
    order.columns = {MakeColumn("id", "int4", "Int"), MakeColumn("user_id", "int4", "Int"),
                     MakeColumn("total", "numeric", "numeric")};
    order.relationships = {
        MakeRelationship("user", schema::Relationship::Kind::kObject, user, {{"user_id", "id"}})};
    order.primary_key = {"id"};
    user_ = &user;
    order_ = &order;
  }

  schema::SourceModel model_;
  const schema::Table* user_ = nullptr;
  const schema::Table* order_ = nullptr;
};

TEST_F(BuildIrTest, ResolvesColumnsRelationshipsAndTypename) {
  NormalizedField root =
      Field("user", Json::object(),
            {Field("full_name"), Field("__typename"),
             Field("orders", Json{{"limit", 2}}, {Field("id"), Field("user", {}, {Field("id")})})});
  root.alias = "people";
  auto built = BuildRootField({user_, schema::TableRootField::Kind::kSelect}, root);
  ASSERT_TRUE(built) << built.error().message;
  EXPECT_EQ(built->alias, "people");
  EXPECT_EQ(built->source, "default");
  const Select& select = built->select;
  ASSERT_EQ(select.fields.size(), 3u);
  EXPECT_EQ(std::get<ColumnField>(select.fields[0].value).column->name, "name");
  EXPECT_EQ(std::get<Typename>(select.fields[1].value).name, "user");
  const auto& orders = std::get<ArrayRelation>(select.fields[2].value);
  EXPECT_EQ(orders.relationship->name, "orders");
  EXPECT_EQ(orders.select.args.limit, 2);
  EXPECT_EQ(orders.select.table, order_);
  const auto& user = std::get<ObjectRelation>(orders.select.fields[1].value);
  EXPECT_EQ(user.select.table, user_);
}

TEST_F(BuildIrTest, BuildsWhereOrderByAndDistinctOn) {
  Json args = {
      {"where",
       {{"_or", Json::array({{{"full_name", {{"_like", "A%"}, {"_neq", "Al"}}}},
                             {{"orders", {{"total", {{"_gt", 10}}}}}}})},
        {"_not", {{"id", {{"_in", {1, 2}}}}}}}},
      {"order_by", Json::array({{{"id", "desc"}}, {{"orders_aggregate", {{"count", "asc"}}}}})},
      {"distinct_on", Json::array({"id"})},
      {"offset", 3}};
  auto built = BuildRootField({user_, schema::TableRootField::Kind::kSelect},
                              Field("user", args, {Field("id")}));
  ASSERT_TRUE(built) << built.error().message;
  const SelectArgs& parsed = built->select.args;
  const auto& conjunction = std::get<And>(parsed.where->node);
  ASSERT_EQ(conjunction.operands.size(), 2u);
  const auto& disjunction = std::get<Or>(conjunction.operands[0].node);
  const auto& like = std::get<And>(disjunction.operands[0].node);
  EXPECT_EQ(std::get<Compare>(like.operands[0].node).op, CompareOp::kLike);
  EXPECT_EQ(std::get<Compare>(like.operands[1].node).value, "Al");
  const auto& exists = std::get<Exists>(disjunction.operands[1].node);
  EXPECT_EQ(exists.relationship->name, "orders");
  EXPECT_EQ(std::get<Compare>(exists.where->node).column->name, "total");
  const auto& negated = std::get<Not>(conjunction.operands[1].node);
  EXPECT_EQ(std::get<Compare>(negated.operand->node).op, CompareOp::kIn);
  ASSERT_EQ(parsed.order_by.size(), 2u);
  EXPECT_EQ(parsed.order_by[0].direction, Direction::kDesc);
  EXPECT_EQ(parsed.order_by[0].nulls, Nulls::kFirst);
  const auto& count = std::get<OrderByAggregate>(parsed.order_by[1].target);
  EXPECT_EQ(count.function, "count");
  EXPECT_EQ(count.relationship->name, "orders");
  ASSERT_EQ(parsed.distinct_on.size(), 1u);
  EXPECT_EQ(parsed.offset, 3);
  EXPECT_FALSE(parsed.limit);
}

TEST_F(BuildIrTest, OrderByThroughObjectRelationship) {
  Json args = {{"order_by", {{"user", {{"full_name", "asc_nulls_first"}}}}}};
  auto built = BuildRootField({order_, schema::TableRootField::Kind::kSelect},
                              Field("order", args, {Field("id")}));
  ASSERT_TRUE(built) << built.error().message;
  const OrderBy& key = built->select.args.order_by.at(0);
  ASSERT_EQ(key.path.size(), 1u);
  EXPECT_EQ(key.path[0]->name, "user");
  EXPECT_EQ(std::get<const schema::Column*>(key.target)->name, "name");
  EXPECT_EQ(key.nulls, Nulls::kFirst);
}

TEST_F(BuildIrTest, ByPkBecomesAnEqualityWhere) {
  auto built = BuildRootField({user_, schema::TableRootField::Kind::kSelectByPk},
                              Field("user_by_pk", {{"id", 7}}, {Field("id")}));
  ASSERT_TRUE(built) << built.error().message;
  EXPECT_EQ(built->kind, RootField::Kind::kSelectByPk);
  const auto& equalities = std::get<And>(built->select.args.where->node);
  const auto& id = std::get<Compare>(equalities.operands.at(0).node);
  EXPECT_EQ(id.column->name, "id");
  EXPECT_EQ(id.value, 7);
}

TEST_F(BuildIrTest, AggregateFieldsAndTypenames) {
  NormalizedField count = Field("count", {{"columns", {"full_name"}}, {"distinct", true}});
  count.alias = "n";
  NormalizedField root = Field(
      "user_aggregate", {{"where", {{"id", {{"_gt", 1}}}}}},
      {Field("aggregate", {},
             {count, Field("sum", {}, {Field("id"), Field("__typename")}), Field("__typename")}),
       Field("nodes", {}, {Field("id")}), Field("__typename")});
  auto built = BuildRootField({user_, schema::TableRootField::Kind::kSelectAggregate}, root);
  ASSERT_TRUE(built) << built.error().message;
  const AggregateSelect& aggregate = built->aggregate;
  ASSERT_TRUE(aggregate.args.where);
  const auto& functions = std::get<AggregateFunctions>(aggregate.fields.at(0).value).fields;
  const auto& n = std::get<AggregateCount>(functions.at(0).value);
  EXPECT_EQ(functions[0].alias, "n");
  EXPECT_TRUE(n.distinct);
  EXPECT_EQ(n.columns.at(0)->name, "name");
  const auto& sum = std::get<AggregateOperator>(functions.at(1).value);
  EXPECT_EQ(sum.function, "sum");
  EXPECT_EQ(std::get<Typename>(sum.fields.at(1).value).name, "user_sum_fields");
  EXPECT_EQ(std::get<Typename>(functions.at(2).value).name, "user_aggregate_fields");
  EXPECT_EQ(std::get<Nodes>(aggregate.fields.at(1).value).fields.size(), 1u);
  EXPECT_EQ(std::get<Typename>(aggregate.fields.at(2).value).name, "user_aggregate");
}

TEST_F(BuildIrTest, ArrayRelationshipAggregateField) {
  auto built = BuildRootField({user_, schema::TableRootField::Kind::kSelect},
                              Field("user", {},
                                    {Field("orders_aggregate", {{"limit", 1}},
                                           {Field("aggregate", {}, {Field("count")})})}));
  ASSERT_TRUE(built) << built.error().message;
  const auto& field = std::get<ArrayAggregate>(built->select.fields.at(0).value);
  EXPECT_EQ(field.relationship->name, "orders");
  EXPECT_EQ(field.select.args.limit, 1);
}

// Hasura: `"distinct_on" columns must match initial "order_by" columns`, at the field's args.
TEST_F(BuildIrTest, DistinctOnMustMatchOrderBy) {
  auto built = BuildRootField(
      {user_, schema::TableRootField::Kind::kSelect},
      Field("user", {{"distinct_on", {"full_name"}}, {"order_by", {{{"id", "asc"}}}}},
            {Field("id")}));
  ASSERT_FALSE(built);
  EXPECT_EQ(built.error().code, ErrorCode::kValidationFailed);
  EXPECT_EQ(built.error().message,
            "\"distinct_on\" columns must match initial \"order_by\" columns");
  EXPECT_EQ(built.error().path, "$.selectionSet.user.args");
}

TEST_F(BuildIrTest, NullComparisonValueIsAnError) {
  auto built = BuildRootField(
      {user_, schema::TableRootField::Kind::kSelect},
      Field("user", {{"where", {{"full_name", {{"_eq", nullptr}}}}}}, {Field("id")}));
  ASSERT_FALSE(built);
  EXPECT_EQ(built.error().code, ErrorCode::kValidationFailed);
  EXPECT_EQ(built.error().message, "unexpected null value for type 'String'");
  EXPECT_EQ(built.error().path, "$.selectionSet.user.args.where.full_name._eq");
}

TEST_F(BuildIrTest, NegativeLimitIsAnError) {
  auto built = BuildRootField({user_, schema::TableRootField::Kind::kSelect},
                              Field("user", {{"limit", -1}}, {Field("id")}));
  ASSERT_FALSE(built);
  EXPECT_EQ(built.error().message, "unexpected negative value");
  EXPECT_EQ(built.error().path, "$.selectionSet.user.args.limit");
}

TEST_F(BuildIrTest, UnknownFieldIsOurBug) {
  auto built = BuildRootField({user_, schema::TableRootField::Kind::kSelect},
                              Field("user", {}, {Field("nope")}));
  ASSERT_FALSE(built);
  EXPECT_EQ(built.error().code, ErrorCode::kUnexpected);
  EXPECT_EQ(built.error().path, "$.selectionSet.user.selectionSet.nope");
}

// ---- permissions --------------------------------------------------------------------------

// The fixture's tables as a role sees them: `filter` on user (id compared to x-hasura-user-id),
// a limit of 2 and every row on order.
class PermissionIrTest : public BuildIrTest {
 protected:
  PermissionIrTest() {
    schema::Table& user = model_.sources["default"].tables[{"public", "user"}];
    schema::Table& order = model_.sources["default"].tables[{"public", "order"}];
    user.columns[0].scalar_kind = schema::PgScalar::Kind::kInteger;
    auto user_permission = std::make_shared<schema::SelectPermission>();
    user_permission->filter = schema::PermissionExp{
        schema::PermissionCompare{&user.columns[0], "_eq", "X-Hasura-User-Id"}};
    user.permission = user_permission;
    auto order_permission = std::make_shared<schema::SelectPermission>();
    order_permission->limit = 2;
    order_permission->allow_aggregations = true;
    order.permission = order_permission;
    session_.role = "user";
    session_.variables["x-hasura-user-id"] = "7";
  }

  schema::Session session_;
};

// A filter on a SQLite column compares values of the column's type.
void OnSqlite(schema::Table& table) {
  auto permission = std::make_shared<schema::SelectPermission>(*table.permission);
  std::get<schema::PermissionCompare>(permission->filter.node).backend = schema::Backend::kSqlite;
  table.permission = permission;
}

TEST_F(PermissionIrTest, FilterTakesTheSessionsValue) {
  // Postgres: the text, which the SQL parameter casts to the column's type.
  auto built = BuildRootField({user_, schema::TableRootField::Kind::kSelect},
                              Field("user", {}, {Field("full_name")}), session_);
  ASSERT_TRUE(built) << built.error().message;
  const auto& compare = std::get<Compare>(built->select.args.where->node);
  EXPECT_EQ(compare.op, CompareOp::kEq);
  EXPECT_EQ(compare.value, Json("7"));

  OnSqlite(model_.sources["default"].tables[{"public", "user"}]);
  built = BuildRootField({user_, schema::TableRootField::Kind::kSelect},
                         Field("user", {}, {Field("full_name")}), session_);
  ASSERT_TRUE(built) << built.error().message;
  EXPECT_EQ(std::get<Compare>(built->select.args.where->node).value, Json(7));

  session_.variables["x-hasura-user-id"] = "7; DROP TABLE user";
  built = BuildRootField({user_, schema::TableRootField::Kind::kSelect},
                         Field("user", {}, {Field("full_name")}), session_);
  ASSERT_FALSE(built);
  EXPECT_EQ(built.error().code, ErrorCode::kParseFailed);
  EXPECT_EQ(built.error().message,
            R"(Expected number value for session variable "x-hasura-user-id". Error in $: )"
            R"(endOfInput)");

  session_.variables.clear();
  built = BuildRootField({user_, schema::TableRootField::Kind::kSelect},
                         Field("user", {}, {Field("full_name")}), session_);
  ASSERT_FALSE(built);
  EXPECT_EQ(built.error().code, ErrorCode::kNotFound);
  EXPECT_EQ(built.error().message, R"(missing session variables: "x-hasura-user-id")");
}

TEST_F(PermissionIrTest, UserFilterIsAndedWithThePermissions) {
  auto built = BuildRootField({user_, schema::TableRootField::Kind::kSelectByPk},
                              Field("user_by_pk", {{"id", 3}}, {Field("full_name")}), session_);
  ASSERT_TRUE(built) << built.error().message;
  const auto& both = std::get<And>(built->select.args.where->node);
  ASSERT_EQ(both.operands.size(), 2u);  // the key, then the permission
  EXPECT_EQ(std::get<Compare>(both.operands[1].node).value, Json("7"));

  // Through a relationship, the target's filter applies inside the EXISTS.
  built = BuildRootField(
      {order_, schema::TableRootField::Kind::kSelect},
      Field("order", {{"where", {{"user", {{"id", {{"_gt", 0}}}}}}}}, {Field("id")}), session_);
  ASSERT_TRUE(built) << built.error().message;
  const auto& exists = std::get<Exists>(built->select.args.where->node);
  EXPECT_EQ(std::get<And>(exists.where->node).operands.size(), 2u);
}

TEST_F(PermissionIrTest, PermissionLimitCapsListsAndAggregateNodesOnly) {
  for (const auto& [asked, expected] :
       std::vector<std::pair<Json, int64_t>>{{Json(), 2}, {Json(5), 2}, {Json(1), 1}}) {
    auto built = BuildRootField({order_, schema::TableRootField::Kind::kSelect},
                                Field("order", {{"limit", asked}}, {Field("id")}), session_);
    ASSERT_TRUE(built) << built.error().message;
    EXPECT_EQ(built->select.args.limit, expected) << asked;
  }
  auto built = BuildRootField(
      {order_, schema::TableRootField::Kind::kSelectAggregate},
      Field("order_aggregate", {},
            {Field("aggregate", {}, {Field("count")}), Field("nodes", {}, {Field("id")})}),
      session_);
  ASSERT_TRUE(built) << built.error().message;
  EXPECT_FALSE(built->aggregate.args.limit);
  ASSERT_TRUE(built->aggregate.nodes_args);
  EXPECT_EQ(built->aggregate.nodes_args->limit, 2);
}

TEST_F(PermissionIrTest, ListSessionValuesAreArrayLiteralsOrJson) {
  schema::Table& user = model_.sources["default"].tables[{"public", "user"}];
  auto permission = std::make_shared<schema::SelectPermission>();
  permission->filter = schema::PermissionExp{schema::PermissionCompare{
      &user.columns[0], "_in", "x-hasura-allowed-ids", schema::Backend::kSqlite}};
  user.permission = permission;
  for (const auto& [text, expected] : std::vector<std::pair<std::string, Json>>{
           {"{1,2}", Json{1, 2}}, {"[3]", Json{3}}, {"{}", Json::array()}, {"4", Json{4}}}) {
    session_.variables["x-hasura-allowed-ids"] = text;
    auto built = BuildRootField({user_, schema::TableRootField::Kind::kSelect},
                                Field("user", {}, {Field("full_name")}), session_);
    ASSERT_TRUE(built) << built.error().message;
    EXPECT_EQ(std::get<Compare>(built->select.args.where->node).value, expected) << text;
  }
}

}  // namespace
}  // namespace junction::ir
