#include "backends/sql/translate_common.h"

#include <gtest/gtest.h>

#include "backends/sql/printer.h"
#include "ir/test_support.h"

namespace junction::backends::sql {
namespace {

using ir::testing_support::MakeRelationship;

// The text of `select` reading FROM "public"."user" AS "_t1".
std::string Text(Select select) {
  select.from = FromItem{Table{"public", "user"}, "_t1"};
  return Print(select).text;
}

class TranslateCommonTest : public ::testing::Test {
 protected:
  TranslateCommonTest() {
    user_.name = {"public", "user"};
    user_.columns = {ir::testing_support::MakeColumn("id", "int4", "Int"),
                     ir::testing_support::MakeColumn("name", "text", "String")};
    order_.name = {"public", "order"};
    order_.columns = {ir::testing_support::MakeColumn("user_id", "int4", "Int"),
                      ir::testing_support::MakeColumn("total", "int4", "Int")};
    buyer_ =
        MakeRelationship("buyer", schema::Relationship::Kind::kObject, user_, {{"user_id", "id"}});
    orders_ = MakeRelationship("orders", schema::Relationship::Kind::kArray, order_,
                               {{"id", "user_id"}, {"name", "total"}});
  }

  schema::Table user_;
  schema::Table order_;
  schema::Relationship buyer_;
  schema::Relationship orders_;
};

TEST_F(TranslateCommonTest, JoinConditionIsOneComparisonOrTheirAnd) {
  Select select;
  select.items.push_back({JoinCondition(buyer_, "_t1", "_t2"), ""});
  select.items.push_back({JoinCondition(orders_, "_t1", "_t2"), ""});
  EXPECT_EQ(Text(std::move(select)),
            R"(SELECT "_t2"."id" = "_t1"."user_id", "_t2"."user_id" = "_t1"."id" AND )"
            R"("_t2"."total" = "_t1"."name" FROM "public"."user" AS "_t1")");
}

Result<Expression> ColumnIsTrue(const ir::Compare& compare, const std::string& alias,
                                Aliases& /*aliases*/) {
  return MakeBinary(OrderingOperator(compare.op), MakeColumn(alias, compare.column->name),
                    Expression{Keyword{"TRUE"}});
}

TEST_F(TranslateCommonTest, BoolExpFramesTheBackendsComparisons) {
  ir::BoolExp compare{ir::Compare{&order_.columns[1], ir::CompareOp::kGt, 1}};
  ir::BoolExp exists{ir::Exists{&orders_, std::make_unique<ir::BoolExp>(std::move(compare))}};
  ir::BoolExp negated{ir::Not{std::make_unique<ir::BoolExp>(std::move(exists))}};
  ir::Or either;
  either.operands.push_back(std::move(negated));
  Aliases aliases;
  ASSERT_EQ(aliases.Next("_t"), "_t1");
  auto where = TranslateBoolExp(ir::BoolExp{std::move(either)}, "_t1", aliases, ColumnIsTrue);
  ASSERT_TRUE(where) << where.error().message;
  Select select;
  select.items.push_back({Expression{Keyword{"1"}}, ""});
  select.where = std::move(*where);
  EXPECT_EQ(Text(std::move(select)),
            R"(SELECT 1 FROM "public"."user" AS "_t1" WHERE NOT (EXISTS (SELECT 1 FROM )"
            R"("public"."order" AS "_t2" WHERE ("_t2"."user_id" = "_t1"."id" AND "_t2"."total" = )"
            R"("_t1"."name") AND "_t2"."total" > TRUE)))");
}

Result<std::string> Prefixed(const std::string& function) { return "my_" + function; }

// An own column sorts as it is; others are computed in the base as `__o<i>`, reading only the
// rows the permission filters on their tables pass.
TEST_F(TranslateCommonTest, SortKeysInTheBaseAndFromOutside) {
  auto positive = std::make_shared<const ir::BoolExp>(
      ir::BoolExp{ir::Compare{&order_.columns[1], ir::CompareOp::kGt, 0}});
  auto named = std::make_shared<const ir::BoolExp>(
      ir::BoolExp{ir::Compare{&user_.columns[1], ir::CompareOp::kNeq, ""}});
  ir::SelectArgs args;
  args.order_by.push_back({{}, {}, &user_.columns[1], ir::Direction::kAsc, ir::Nulls::kLast});
  args.order_by.push_back({{},
                           {},
                           ir::OrderByAggregate{&orders_, "sum", &order_.columns[1], positive},
                           ir::Direction::kDesc,
                           ir::Nulls::kFirst});
  args.order_by.push_back(
      {{&buyer_}, {named}, &user_.columns[0], ir::Direction::kAsc, ir::Nulls::kLast});
  Aliases aliases;
  ASSERT_EQ(aliases.Next("_t"), "_t1");
  Select base;
  base.items.push_back({Expression{AllColumns{"_t1"}}, ""});
  ASSERT_TRUE(AddSortKeys(args, "_t1", base, aliases, {Prefixed, ColumnIsTrue}));
  EXPECT_EQ(Text(std::move(base)),
            R"(SELECT "_t1".*, (SELECT my_sum("_t2"."total") FROM "public"."order" AS "_t2" )"
            R"(WHERE ("_t2"."user_id" = "_t1"."id" AND "_t2"."total" = "_t1"."name") AND )"
            R"("_t2"."total" > TRUE) AS "__o1", (SELECT "_t3"."id" FROM "public"."user" AS "_t3" )"
            R"(WHERE "_t3"."id" = "_t1"."user_id" AND "_t3"."name" <> TRUE LIMIT 1) AS "__o2" )"
            R"(FROM "public"."user" AS "_t1" ORDER BY "_t1"."name" ASC NULLS LAST, "__o1" DESC )"
            R"(NULLS FIRST, "__o2" ASC NULLS LAST)");
  Select outside;
  outside.items.push_back({Expression{Keyword{"1"}}, ""});
  outside.order_by = RowOrder(args, "_t1");
  EXPECT_EQ(Text(std::move(outside)),
            R"(SELECT 1 FROM "public"."user" AS "_t1" ORDER BY "_t1"."name" ASC NULLS LAST, )"
            R"("_t1"."__o1" DESC NULLS FIRST, "_t1"."__o2" ASC NULLS LAST)");
}

// The text of a boolean expression on "_t1".
std::string WhereText(const ir::BoolExp& exp) {
  Aliases aliases;
  aliases.Next("_t");
  auto where = TranslateBoolExp(exp, "_t1", aliases, ColumnIsTrue);
  if (!where) return "error: " + where.error().message;
  Select select;
  select.items.push_back({Expression{Keyword{"1"}}, ""});
  select.where = std::move(*where);
  return Text(std::move(select));
}

// `_exists` reads an unrelated table: no join condition.
TEST_F(TranslateCommonTest, ExistsTableIsUncorrelated) {
  ir::BoolExp exists{ir::ExistsTable{&order_, std::make_unique<ir::BoolExp>(ir::BoolExp{ir::Compare{
                                                  &order_.columns[1], ir::CompareOp::kEq, 1}})}};
  EXPECT_EQ(WhereText(exists),
            R"(SELECT 1 FROM "public"."user" AS "_t1" WHERE EXISTS (SELECT 1 FROM )"
            R"("public"."order" AS "_t2" WHERE "_t2"."total" = TRUE))");
}

// A remote filter reads the keys Execute resolved; unresolved, it is our bug, not a silent true.
TEST_F(TranslateCommonTest, RemoteExistsReadsItsResolvedKeys) {
  ir::RemoteExists remote;
  remote.relationship = &orders_;
  remote.columns = {&user_.columns[0], &user_.columns[1]};
  EXPECT_EQ(WhereText(ir::BoolExp{ir::RemoteExists{remote}}),
            "error: a remote permission filter was not resolved");
  remote.keys->resolved = true;
  EXPECT_EQ(WhereText(ir::BoolExp{ir::RemoteExists{remote}}),
            R"(SELECT 1 FROM "public"."user" AS "_t1" WHERE FALSE)");
  remote.keys->rows = {nlohmann::ordered_json::array({1, "a"}),
                       nlohmann::ordered_json::array({3, nullptr}),  // matches nothing
                       nlohmann::ordered_json::array({2, "b"})};
  EXPECT_EQ(WhereText(ir::BoolExp{ir::RemoteExists{remote}}),
            R"(SELECT 1 FROM "public"."user" AS "_t1" WHERE ("_t1"."id" = TRUE AND )"
            R"("_t1"."name" = TRUE) OR ("_t1"."id" = TRUE AND "_t1"."name" = TRUE))");
}

}  // namespace
}  // namespace junction::backends::sql
