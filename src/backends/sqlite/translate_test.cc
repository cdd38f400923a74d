// Translate and TranslateRemoteJoin for SQLite (translate.h): IR built from normalized fields of a
// hand-made SourceModel, translated, and run against an in-memory SQLite database with
// Junction's functions registered, comparing the JSON it answers — the same answers as the
// Postgres translator's tests, where SQLite's values allow (REAL averages, no numeric scale).

#include "backends/sqlite/translate.h"

#include <sqlite3.h>

#include <algorithm>
#include <cstdint>

#include <gtest/gtest.h>

#include "backends/sql/translate_common.h"
#include "backends/sql/translate_test_support.h"
#include "backends/sqlite/functions.h"
#include "ir/build_ir.h"
#include "ir/test_support.h"

namespace junction::backends::sqlite {
namespace {

using graphql::NormalizedField;
using ir::testing_support::Aliased;
using ir::testing_support::Field;
using sql::testing_support::AddShopRelationships;
using sql::testing_support::Answers;
using sql::testing_support::AnswersById;
using sql::testing_support::NonEmpty;
using Json = nlohmann::ordered_json;
using Kind = schema::TableRootField::Kind;
using ScalarKind = schema::PgScalar::Kind;

// Reserved words as table and column names, a quoted column name, booleans stored 0/1, a NUMERIC
// column holding integers and reals.
constexpr const char* kSchemaSql = R"sql(
CREATE TABLE "user" (id INTEGER PRIMARY KEY, name TEXT NOT NULL, age INT, active BOOLEAN,
                     score REAL);
CREATE TABLE "order" (id INTEGER PRIMARY KEY, user_id INTEGER REFERENCES "user", total NUMERIC,
                      "select" TEXT);
CREATE TABLE item (id INTEGER PRIMARY KEY, order_id INTEGER REFERENCES "order", label TEXT,
                   "Odd ""Name""" INTEGER DEFAULT 1);
INSERT INTO "user" VALUES (1, 'Ann', 30, 1, 1.5), (2, 'Bob', NULL, 0, NULL),
                          (3, 'Cé "q"', 25, NULL, 2.5);
INSERT INTO "order" VALUES (10, 1, 5.5, 'x'), (11, 1, 10, NULL), (12, 2, 7, 'z');
INSERT INTO item (id, order_id, label) VALUES (100, 10, 'x'), (101, 10, 'y'), (102, 12, 'z');
PRAGMA case_sensitive_like = ON;
)sql";

// A column as SQLite introspection describes it: the declared type, its scalar by affinity.
schema::Column Column(std::string name, std::string type, std::string scalar, ScalarKind kind) {
  schema::Column column =
      ir::testing_support::MakeColumn(std::move(name), std::move(type), std::move(scalar));
  column.type_schema = "sqlite";
  column.scalar_kind = kind;
  return column;
}

class TranslateTest : public ::testing::Test {
 protected:
  TranslateTest() {
    if (sqlite3_open(":memory:", &db_) != SQLITE_OK) {
      ADD_FAILURE() << "sqlite3_open failed";
      return;
    }
    EXPECT_EQ(RegisterFunctions(db_), SQLITE_OK);
    char* error = nullptr;
    if (sqlite3_exec(db_, kSchemaSql, nullptr, nullptr, &error) != SQLITE_OK) {
      ADD_FAILURE() << error;
      sqlite3_free(error);
    }
    schema::Source& source = model_.sources["shop"];
    source.kind = "sqlite";
    schema::Table& user = source.tables[{"main", "user"}];
    schema::Table& order = source.tables[{"main", "order"}];
    schema::Table& item = source.tables[{"main", "item"}];
    for (schema::Table* table : {&user, &order, &item}) {
      table->source = "shop";
      table->backend = schema::Backend::kSqlite;
    }
    user.name = {"main", "user"};
    user.graphql_name = "user";
    user.columns = {Column("id", "INTEGER", "Int", ScalarKind::kInteger),
                    Column("name", "TEXT", "String", ScalarKind::kString),
                    Column("age", "INT", "Int", ScalarKind::kInteger),
                    Column("active", "BOOLEAN", "Boolean", ScalarKind::kBoolean),
                    Column("score", "REAL", "Float", ScalarKind::kReal)};
    user.primary_key = {"id"};
    order.name = {"main", "order"};
    order.graphql_name = "order";
    order.columns = {Column("id", "INTEGER", "Int", ScalarKind::kInteger),
                     Column("user_id", "INTEGER", "Int", ScalarKind::kInteger),
                     Column("total", "NUMERIC", "Float", ScalarKind::kReal),
                     Column("select", "TEXT", "String", ScalarKind::kString)};
    order.primary_key = {"id"};
    item.name = {"main", "item"};
    item.graphql_name = "item";
    item.columns = {Column("id", "INTEGER", "Int", ScalarKind::kInteger),
                    Column("order_id", "INTEGER", "Int", ScalarKind::kInteger),
                    Column("label", "TEXT", "String", ScalarKind::kString),
                    Column("Odd \"Name\"", "INTEGER", "Int", ScalarKind::kInteger)};
    item.columns.back().graphql_name = "odd_name";
    item.primary_key = {"id"};
    AddShopRelationships(user, order, item);
    user_ = &user;
    order_ = &order;
  }
  ~TranslateTest() override { sqlite3_close(db_); }

  Result<sql::Statement> TranslateField(const schema::Table* table, Kind kind,
                                        const NormalizedField& field) {
    auto ir = ir::BuildRootField({table, kind}, field);
    if (!ir) return ir.error();
    return Translate(*ir);
  }

  // Translates `field`, runs the statement and returns the one value it answers, parsed.
  Json Run(const schema::Table* table, Kind kind, const NormalizedField& field) {
    auto statement = TranslateField(table, kind, field);
    if (!statement) {
      ADD_FAILURE() << statement.error().message;
      return nullptr;
    }
    return Execute(*statement);
  }

  // Runs `statement` (every parameter bound as text) and returns the one value it answers.
  Json Execute(const sql::Statement& statement) {
    sqlite3_stmt* prepared = nullptr;
    if (sqlite3_prepare_v2(db_, statement.text.c_str(), -1, &prepared, nullptr) != SQLITE_OK) {
      ADD_FAILURE() << sqlite3_errmsg(db_) << "\n" << statement.text;
      return nullptr;
    }
    for (size_t i = 0; i < statement.params.size(); ++i) {
      const auto& param = statement.params[i];
      const int index = static_cast<int>(i) + 1;
      if (param) {
        sqlite3_bind_text(prepared, index, param->data(), static_cast<int>(param->size()),
                          SQLITE_TRANSIENT);
      } else {
        sqlite3_bind_null(prepared, index);
      }
    }
    Json value = nullptr;
    if (sqlite3_step(prepared) != SQLITE_ROW || sqlite3_column_count(prepared) != 1 ||
        sqlite3_column_type(prepared, 0) == SQLITE_NULL) {
      ADD_FAILURE() << sqlite3_errmsg(db_) << "\n" << statement.text;
    } else {
      const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(prepared, 0));
      value = Json::parse(text, nullptr, false);
      if (value.is_discarded()) ADD_FAILURE() << "not JSON: " << text;
      EXPECT_EQ(sqlite3_step(prepared), SQLITE_DONE) << "more than one row";
    }
    sqlite3_finalize(prepared);
    return value;
  }

  // The remote join of `relationship_field` selected in `table`'s objects.
  Result<sql::Statement> TranslateJoin(const schema::Table* table,
                                       const NormalizedField& relationship_field) {
    auto root = ir::BuildRootField({table, Kind::kSelect},
                                   Field(table->graphql_name, {}, {relationship_field}));
    if (!root) return root.error();
    return TranslateRemoteJoin(root->select.fields.at(0));
  }

  // Runs the remote join of `relationship_field` for `keys` (argument i's key values, in the order
  // of the relationship's mapping; KeysJson gives them to the statement's slot 0): the answer's
  // values by argument id, each id at most once. A null value (an object relationship without a
  // row) is left out, as the executor reads a missing one as null.
  Answers RunJoin(const schema::Table* table, const NormalizedField& relationship_field,
                  const std::vector<std::vector<Json>>& keys) {
    auto statement = TranslateJoin(table, relationship_field);
    if (!statement) {
      ADD_FAILURE() << statement.error().message;
      return {};
    }
    if (statement->execution_parameters.size() != 1) {
      ADD_FAILURE() << "expected 1 execution slot: " << statement->text;
      return {};
    }
    std::vector<std::vector<std::string>> texts;
    for (const auto& tuple : keys) {
      texts.emplace_back();
      for (const Json& value : tuple) texts.back().push_back(value.dump());
    }
    std::vector<std::vector<std::string_view>> arguments;
    for (const auto& tuple : texts) arguments.emplace_back(tuple.begin(), tuple.end());
    statement->params.at(statement->execution_parameters[0]) =
        sql::KeysJson(arguments, 0, arguments.size());
    return AnswersById(Execute(*statement), /*drop_nulls=*/true);
  }

  sqlite3* db_ = nullptr;
  schema::SourceModel model_;
  const schema::Table* user_ = nullptr;
  const schema::Table* order_ = nullptr;
};

// The golden shape of a list: filter, sort and limit in the base subquery, json_group_array over
// it; a relationship is a correlated subquery read with json(…).
TEST_F(TranslateTest, SelectSqlText) {
  const NormalizedField field = Field(
      "user",
      {{"where", {{"id", {{"_in", {1, 2}}}}}}, {"order_by", {{"name", "asc"}}}, {"limit", 2}},
      {Field("id"), Field("orders", {{"where", {{"total", {{"_gt", 6}}}}}}, {Field("total")})});
  auto statement = TranslateField(user_, Kind::kSelect, field);
  ASSERT_TRUE(statement) << statement.error().message;
  EXPECT_EQ(statement->text,
            R"(SELECT json_group_array(json_object('id', "_t1"."id", 'orders', json((SELECT )"
            R"(json_group_array(json_object('total', junction_number("_t3"."total"))) AS "__j" )"
            R"(FROM (SELECT )"
            R"("_t3".* FROM "main"."order" AS "_t3" WHERE "_t3"."user_id" = "_t1"."id" AND )"
            R"("_t3"."total" > CAST(?1 AS REAL)) AS "_t3")))) AS "root" FROM (SELECT "_t1".* )"
            R"(FROM "main"."user" AS "_t1" WHERE "_t1"."id" IN (SELECT "value" FROM )"
            R"(json_each(?2) AS "_e2") ORDER BY "_t1"."name" ASC NULLS LAST LIMIT )"
            R"(CAST(?3 AS INTEGER)) AS "_t1")");
  EXPECT_EQ(statement->params, (std::vector<std::optional<std::string>>{"6", "[1,2]", "2"}));
  EXPECT_EQ(Execute(*statement),
            Json::parse(R"([{"id":1,"orders":[{"total":10}]},{"id":2,"orders":[{"total":7}]}])"));
}

// by_pk: the object or JSON null; an object relationship limits to one row; a sort key through a
// relationship is computed in the base subquery; aggregates and nodes in one select.
TEST_F(TranslateTest, ByPkAndAggregateSqlText) {
  auto by_pk =
      TranslateField(order_, Kind::kSelectByPk,
                     Field("order_by_pk", {{"id", 10}}, {Field("user", {}, {Field("name")})}));
  ASSERT_TRUE(by_pk) << by_pk.error().message;
  EXPECT_EQ(by_pk->text,
            R"(SELECT coalesce((SELECT json_object('user', json((SELECT json_object('name', )"
            R"("_t2"."name") AS "__j" FROM (SELECT "_t2".* FROM "main"."user" AS "_t2" WHERE )"
            R"("_t2"."id" = "_t1"."user_id" LIMIT 1) AS "_t2"))) AS "__j" FROM (SELECT "_t1".* )"
            R"(FROM "main"."order" AS "_t1" WHERE "_t1"."id" = CAST(?1 AS INTEGER)) AS "_t1"), )"
            R"('null') AS "root")");
  auto aggregate = TranslateField(
      order_, Kind::kSelectAggregate,
      Field("order_aggregate", {{"order_by", {{"user", {{"name", "desc"}}}}}, {"offset", 1}},
            {Field("aggregate", {}, {Field("count"), Field("stddev", {}, {Field("total")})}),
             Field("nodes", {}, {Field("id")})}));
  ASSERT_TRUE(aggregate) << aggregate.error().message;
  EXPECT_EQ(aggregate->text,
            R"(SELECT json_object('aggregate', json_object('count', count(*), 'stddev', )"
            R"(json_object('total', junction_number(junction_stddev_samp("_t1"."total")))), )"
            R"('nodes', )"
            R"(json_group_array(json_object('id', "_t1"."id"))) AS "root" FROM (SELECT "_t1".*, )"
            R"((SELECT "_t2"."name" FROM "main"."user" AS "_t2" WHERE "_t2"."id" = )"
            R"("_t1"."user_id" LIMIT 1) AS "__o0" FROM "main"."order" AS "_t1" ORDER BY "__o0" )"
            R"(DESC NULLS FIRST LIMIT -1 OFFSET CAST(?1 AS INTEGER)) AS "_t1")");
  const Json result = Execute(*aggregate);
  EXPECT_EQ(result["aggregate"]["count"], 2);
  EXPECT_EQ(result["nodes"], Json::parse(R"([{"id":10},{"id":11}])"));
}

TEST_F(TranslateTest, NestedRelationshipsAliasesAndTypename) {
  Json result = Run(order_, Kind::kSelect,
                    Field("order", {{"order_by", {{"id", "asc"}}}},
                          {Aliased("n", Field("id")), Field("select"), Field("__typename"),
                           Field("user", {}, {Field("name"), Field("__typename")}),
                           Field("items", {{"order_by", {{"label", "desc"}}}},
                                 {Field("label"), Field("odd_name"), Field("__typename")})}));
  EXPECT_EQ(result.dump(), Json::parse(R"([
    {"n":10,"select":"x","__typename":"order","user":{"name":"Ann","__typename":"user"},
     "items":[{"label":"y","odd_name":1,"__typename":"item"},
              {"label":"x","odd_name":1,"__typename":"item"}]},
    {"n":11,"select":null,"__typename":"order","user":{"name":"Ann","__typename":"user"},
     "items":[]},
    {"n":12,"select":"z","__typename":"order","user":{"name":"Bob","__typename":"user"},
     "items":[{"label":"z","odd_name":1,"__typename":"item"}]}])")
                               .dump());
}

// Each operator against real rows: the ids that match.
TEST_F(TranslateTest, ComparisonOperators) {
  const std::vector<std::pair<const char*, const char*>> cases = {
      {R"j({"id": {"_eq": 2}})j", "[2]"},
      {R"j({"id": {"_neq": 2}})j", "[1, 3]"},
      {R"j({"age": {"_gt": 25}})j", "[1]"},
      {R"j({"age": {"_lt": 30}})j", "[3]"},
      {R"j({"age": {"_lte": 30, "_gte": 25}})j", "[1, 3]"},
      {R"j({"score": {"_gt": 1.5}})j", "[3]"},
      {R"j({"score": {"_eq": 1.5}})j", "[1]"},
      {R"j({"name": {"_eq": "Cé \"q\""}})j", "[3]"},
      {R"j({"name": {"_gt": "Ann"}})j", "[2, 3]"},
      {R"j({"id": {"_in": [1, 3, 99]}})j", "[1, 3]"},
      {R"j({"id": {"_in": []}})j", "[]"},
      {R"j({"id": {"_nin": [1, 2]}})j", "[3]"},
      {R"j({"name": {"_in": ["Bob", "Ann"]}})j", "[1, 2]"},
      {R"j({"age": {"_is_null": true}})j", "[2]"},
      {R"j({"age": {"_is_null": false, "_gte": 26}})j", "[1]"},
      {R"j({"active": {"_eq": true}})j", "[1]"},
      {R"j({"active": {"_eq": false}})j", "[2]"},
      {R"j({"active": {"_in": [true, false]}})j", "[1, 2]"},
      {R"j({"name": {"_like": "A%"}})j", "[1]"},
      {R"j({"name": {"_like": "a%"}})j", "[]"},
      {R"j({"name": {"_like": "C_ %"}})j", "[3]"},
      {R"j({"name": {"_nlike": "A%"}})j", "[2, 3]"},
      {R"j({"name": {"_ilike": "a%"}})j", "[1]"},
      {R"j({"name": {"_ilike": "%\"Q\""}})j", "[3]"},
      {R"j({"name": {"_nilike": "a%"}})j", "[2, 3]"},
      {R"j({"name": {"_regex": "^B"}})j", "[2]"},
      {R"j({"name": {"_nregex": "^B"}})j", "[1, 3]"},
      {R"j({"name": {"_iregex": "^b"}})j", "[2]"},
      {R"j({"name": {"_niregex": "^[ab]"}})j", "[3]"},
      {R"j({"name": {"_similar": "(Ann|Bob)"}})j", "[1, 2]"},
      {R"j({"name": {"_nsimilar": "A%"}})j", "[2, 3]"},
      {R"j({"_or": [{"id": {"_eq": 1}}, {"id": {"_eq": 3}}]})j", "[1, 3]"},
      {R"j({"_not": {"id": {"_eq": 1}}})j", "[2, 3]"},
      {R"j({"_and": [{"id": {"_gt": 1}}, {"id": {"_lt": 3}}]})j", "[2]"},
      {R"j({"_and": []})j", "[1, 2, 3]"},
      {R"j({"_or": []})j", "[]"},
      {R"j({"orders": {"total": {"_gt": 8}}})j", "[1]"},
      {R"j({"orders": {"items": {"label": {"_eq": "z"}}}})j", "[2]"},
      {R"j({"_not": {"orders": {}}})j", "[3]"},
  };
  for (const auto& [where_text, ids_text] : cases) {
    const Json where = Json::parse(where_text);
    const Json ids = Json::parse(ids_text);
    Json result =
        Run(user_, Kind::kSelect,
            Field("user", {{"where", where}, {"order_by", {{"id", "asc"}}}}, {Field("id")}));
    Json expected = Json::array();
    for (const Json& id : ids) expected.push_back({{"id", id}});
    EXPECT_EQ(result, expected) << where.dump();
  }
  // Through an object relationship.
  EXPECT_EQ(Run(order_, Kind::kSelect,
                Field("order",
                      {{"where", {{"user", {{"name", {{"_eq", "Ann"}}}}}}},
                       {"order_by", {{"id", "asc"}}}},
                      {Field("id")})),
            Json::parse(R"([{"id":10},{"id":11}])"));
}

// The jsonb operators: a SQLite column never has them.
TEST_F(TranslateTest, JsonbOperatorsAreNotSupported) {
  auto root = ir::BuildRootField({user_, Kind::kSelect}, Field("user", {}, {Field("id")}));
  ASSERT_TRUE(root) << root.error().message;
  root->select.args.where =
      ir::BoolExp{ir::Compare{user_->FindColumn("name"), ir::CompareOp::kHasKey, "k"}};
  auto refused = Translate(*root);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::kNotSupported);
}

TEST_F(TranslateTest, OrderByRelationshipsAndAggregates) {
  // Orders by their user's name descending, then id descending.
  EXPECT_EQ(Run(order_, Kind::kSelect,
                Field("order", {{"order_by", {{{"user", {{"name", "desc"}}}}, {{"id", "desc"}}}}},
                      {Field("id")})),
            Json::parse(R"([{"id":12},{"id":11},{"id":10}])"));
  // Nulls first and last.
  const auto users = [&](const char* order_by) {
    return Run(user_, Kind::kSelect,
               Field("user", {{"order_by", Json::parse(order_by)}}, {Field("id")}));
  };
  EXPECT_EQ(users(R"({"age": "asc"})"), Json::parse(R"([{"id":3},{"id":1},{"id":2}])"));
  EXPECT_EQ(users(R"({"age": "asc_nulls_first"})"), Json::parse(R"([{"id":2},{"id":3},{"id":1}])"));
  EXPECT_EQ(users(R"({"age": "desc"})"), Json::parse(R"([{"id":2},{"id":1},{"id":3}])"));
  EXPECT_EQ(users(R"({"age": "desc_nulls_last"})"), Json::parse(R"([{"id":1},{"id":3},{"id":2}])"));
  // Users by their number of orders; by the sum of their totals (none: null, first).
  EXPECT_EQ(users(R"([{"orders_aggregate": {"count": "desc"}}, {"id": "desc"}])"),
            Json::parse(R"([{"id":1},{"id":2},{"id":3}])"));
  EXPECT_EQ(users(R"({"orders_aggregate": {"sum": {"total": "asc_nulls_first"}}})"),
            Json::parse(R"([{"id":3},{"id":2},{"id":1}])"));
  EXPECT_EQ(users(R"({"orders_aggregate": {"max": {"total": "desc_nulls_last"}}})"),
            Json::parse(R"([{"id":1},{"id":2},{"id":3}])"));
}

TEST_F(TranslateTest, DistinctOnLimitAndOffset) {
  EXPECT_EQ(Run(order_, Kind::kSelect,
                Field("order",
                      {{"distinct_on", {"user_id"}},
                       {"order_by", {{{"user_id", "asc"}}, {{"total", "desc"}}}}},
                      {Field("id")})),
            Json::parse(R"([{"id":11},{"id":12}])"));
  // distinct_on with where, limit and offset, and a computed sort key.
  EXPECT_EQ(Run(order_, Kind::kSelect,
                Field("order",
                      {{"where", {{"id", {{"_gt", 10}}}}},
                       {"distinct_on", {"user_id"}},
                       {"order_by", {{{"user_id", "desc"}}, {{"user", {{"name", "asc"}}}}}},
                       {"limit", 1},
                       {"offset", 1}},
                      {Field("id")})),
            Json::parse(R"([{"id":11}])"));
  EXPECT_EQ(Run(user_, Kind::kSelect,
                Field("user", {{"order_by", {{"id", "desc"}}}, {"limit", 1}, {"offset", 1}},
                      {Field("id"), Field("orders", {{"order_by", {{"id", "desc"}}}, {"limit", 1}},
                                          {Field("id")})})),
            Json::parse(R"([{"id":2,"orders":[{"id":12}]}])"));
  // An offset without a limit.
  EXPECT_EQ(Run(user_, Kind::kSelect,
                Field("user", {{"order_by", {{"id", "asc"}}}, {"offset", 2}}, {Field("id")})),
            Json::parse(R"([{"id":3}])"));
  EXPECT_EQ(Run(user_, Kind::kSelect, Field("user", {{"limit", 0}}, {Field("id")})), Json::array());
}

TEST_F(TranslateTest, ByPkAnswersTheObjectOrNull) {
  EXPECT_EQ(Run(user_, Kind::kSelectByPk, Field("user_by_pk", {{"id", 3}}, {Field("name")})),
            Json::parse(R"({"name":"Cé \"q\""})"));
  EXPECT_EQ(Run(user_, Kind::kSelectByPk, Field("user_by_pk", {{"id", 42}}, {Field("name")})),
            nullptr);
}

// Booleans stored 0/1 come out as JSON booleans; null stays null.
TEST_F(TranslateTest, Booleans) {
  EXPECT_EQ(
      Run(user_, Kind::kSelect,
          Field("user", {{"order_by", {{"id", "asc"}}}},
                {Field("active"), Field("orders", {}, {Field("user", {}, {Field("active")})})})),
      Json::parse(R"([{"active":true,"orders":[{"user":{"active":true}},
                                                     {"user":{"active":true}}]},
                            {"active":false,"orders":[{"user":{"active":false}}]},
                            {"active":null,"orders":[]}])"));
}

TEST_F(TranslateTest, Aggregates) {
  NormalizedField aggregate =
      Field("aggregate", {},
            {Field("count"),
             Aliased("users", Field("count", {{"columns", {"user_id"}}, {"distinct", true}})),
             Aliased("selects", Field("count", {{"columns", {"select"}}})),
             Aliased("both", Field("count", {{"columns", {"user_id", "select"}}})),
             Aliased("distinct_both",
                     Field("count", {{"columns", {"user_id", "user_id"}}, {"distinct", true}})),
             Field("sum", {}, {Field("total"), Field("__typename")}),
             Field("max", {}, {Field("total"), Field("id")}), Field("min", {}, {Field("total")}),
             Field("avg", {}, {Field("id")}), Field("__typename")});
  Json result = Run(order_, Kind::kSelectAggregate,
                    Field("order_aggregate", {{"order_by", {{"id", "asc"}}}},
                          {aggregate, Field("nodes", {}, {Field("id")}), Field("__typename")}));
  EXPECT_EQ(result.dump(), Json::parse(R"({"aggregate":{"count":3,"users":2,"selects":2,"both":3,
      "distinct_both":2,"sum":{"total":22.5,"__typename":"order_sum_fields"},
      "max":{"total":10,"id":12},"min":{"total":5.5},"avg":{"id":11},
      "__typename":"order_aggregate_fields"},
      "nodes":[{"id":10},{"id":11},{"id":12}],"__typename":"order_aggregate"})")
                               .dump());
  // The statistics (functions.h): totals 5.5, 10, 7.
  Json statistics = Run(
      order_, Kind::kSelectAggregate,
      Field(
          "order_aggregate", {},
          {Field(
              "aggregate", {},
              {Field("stddev", {}, {Field("total")}), Field("stddev_samp", {}, {Field("total")}),
               Field("stddev_pop", {}, {Field("total")}), Field("variance", {}, {Field("total")}),
               Field("var_samp", {}, {Field("total")}), Field("var_pop", {}, {Field("total")})})}));
  const Json& values = statistics["aggregate"];
  EXPECT_NEAR(values["variance"]["total"].get<double>(), 5.25, 1e-9) << statistics.dump();
  EXPECT_NEAR(values["var_samp"]["total"].get<double>(), 5.25, 1e-9);
  EXPECT_NEAR(values["var_pop"]["total"].get<double>(), 3.5, 1e-9);
  EXPECT_NEAR(values["stddev"]["total"].get<double>(), 2.29128784747792, 1e-9);
  EXPECT_NEAR(values["stddev_samp"]["total"].get<double>(), 2.29128784747792, 1e-9);
  EXPECT_NEAR(values["stddev_pop"]["total"].get<double>(), 1.87082869338697, 1e-9);
  // limit applies before the aggregate, as in Hasura; and aggregates of array relationships.
  EXPECT_EQ(
      Run(order_, Kind::kSelectAggregate,
          Field("order_aggregate", {{"limit", 2}}, {Field("aggregate", {}, {Field("count")})})),
      Json::parse(R"({"aggregate":{"count":2}})"));
  EXPECT_EQ(Run(user_, Kind::kSelect,
                Field("user", {{"order_by", {{"id", "asc"}}}},
                      {Field("orders_aggregate", {{"where", {{"total", {{"_lt", 8}}}}}},
                             {Field("aggregate", {}, {Field("count")})})})),
            Json::parse(R"([{"orders_aggregate":{"aggregate":{"count":1}}},
      {"orders_aggregate":{"aggregate":{"count":1}}},
      {"orders_aggregate":{"aggregate":{"count":0}}}])"));
  // Nodes with their own relationships: the subqueries do not change the aggregate; no rows.
  EXPECT_EQ(Run(order_, Kind::kSelectAggregate,
                Field("order_aggregate", {{"where", {{"id", {{"_lte", 10}}}}}},
                      {Field("aggregate", {}, {Field("count"), Field("sum", {}, {Field("total")})}),
                       Field("nodes", {}, {Field("items", {}, {Field("odd_name")})})})),
            Json::parse(R"({"aggregate":{"count":1,"sum":{"total":5.5}},
      "nodes":[{"items":[{"odd_name":1},{"odd_name":1}]}]})"));
  EXPECT_EQ(Run(order_, Kind::kSelectAggregate,
                Field("order_aggregate", {{"where", {{"id", {{"_gt", 99}}}}}},
                      {Field("aggregate", {}, {Field("count"), Field("avg", {}, {Field("total")})}),
                       Field("nodes", {}, {Field("id")})})),
            Json::parse(R"({"aggregate":{"count":0,"avg":{"total":null}},"nodes":[]})"));
}

// More than 63 pairs exceed json_object's 127 arguments: json_set appends the rest, in order,
// nulls kept.
TEST_F(TranslateTest, ManyFields) {
  std::vector<NormalizedField> fields;
  Json expected = Json::object();
  for (int i = 0; i < 140; ++i) {
    const char* names[] = {"id", "name", "age", "active"};
    fields.push_back(Aliased("f" + std::to_string(i), Field(names[i % 4])));
    const Json values[] = {2, "Bob", nullptr, false};
    expected["f" + std::to_string(i)] = values[i % 4];
  }
  fields.push_back(Field("orders", {}, {Field("id")}));
  expected["orders"] = Json::parse(R"([{"id":12}])");
  EXPECT_EQ(Run(user_, Kind::kSelectByPk, Field("user_by_pk", {{"id", 2}}, fields)).dump(),
            expected.dump());
}

// A remote relationship cut out of the query is JSON null in its place.
TEST_F(TranslateTest, JoinPlaceholderIsNull) {
  auto root = ir::BuildRootField({user_, Kind::kSelect},
                                 Field("user", {{"where", {{"id", {{"_eq", 1}}}}}}, {Field("id")}));
  ASSERT_TRUE(root) << root.error().message;
  root->select.fields.push_back(ir::Field{"purchases", ir::JoinPlaceholder{}});
  auto statement = Translate(*root);
  ASSERT_TRUE(statement) << statement.error().message;
  EXPECT_EQ(Execute(*statement).dump(), R"([{"id":1,"purchases":null}])");
}

// ---- remote joins (TranslateRemoteJoin) -------------------------------------------------------

// One key value per argument.
std::vector<std::vector<Json>> Keys(const std::vector<Json>& values) {
  std::vector<std::vector<Json>> keys;
  for (const Json& value : values) keys.push_back({value});
  return keys;
}

TEST(KeysJsonTest, ArgumentIdsThenKeyValues) {
  EXPECT_EQ(sql::KeysJson({{"7"}, {"8"}}, 0, 2), "[[0,7],[1,8]]");
  EXPECT_EQ(sql::KeysJson({{"\"a\"", "1"}}, 0, 1), R"([[0,"a",1]])");
  EXPECT_EQ(sql::KeysJson({{"1"}, {"2"}, {"3"}}, 1, 3), "[[1,2],[2,3]]");
  EXPECT_EQ(sql::KeysJson({}, 0, 0), "[]");
}

// The golden shape of an object join: per key tuple of json_each(?1), the related object.
TEST_F(TranslateTest, RemoteObjectJoinSqlText) {
  auto statement = TranslateJoin(order_, Field("buyer", {}, {Field("name")}));
  ASSERT_TRUE(statement) << statement.error().message;
  EXPECT_EQ(statement->text,
            R"(SELECT coalesce(json_group_array(json_array("_k1"."value" ->> 0, json((SELECT )"
            R"(json_object('name', "_t2"."name") AS "__j" FROM (SELECT "_t2".* FROM )"
            R"("main"."user" AS "_t2" WHERE "_t2"."id" = ("_k1"."value" ->> 1) LIMIT 1) AS )"
            R"("_t2")))), '[]') AS "root" FROM json_each(?1) AS "_k1")");
  EXPECT_EQ(statement->execution_parameters, (std::vector<size_t>{0}));
  EXPECT_EQ(statement->params.size(), 1u);
}

// One pair per argument that has a row.
TEST_F(TranslateTest, RemoteObjectJoin) {
  EXPECT_EQ(
      RunJoin(order_, Field("buyer", {}, {Field("name"), Field("__typename")}), Keys({1, 999, 3})),
      (Answers{{0, Json::parse(R"({"name":"Ann","__typename":"user"})")},
               {2, Json::parse(R"({"name":"Cé \"q\"","__typename":"user"})")}}));
  EXPECT_EQ(RunJoin(order_, Field("buyer", {}, {Field("name")}), {}), Answers{});
  // A target column that is not unique: still one object per argument.
  EXPECT_EQ(RunJoin(user_, Field("some_order", {}, {Field("user_id")}), Keys({1, 2, 3})),
            (Answers{{0, Json::parse(R"({"user_id":1})")}, {1, Json::parse(R"({"user_id":2})")}}));
}

TEST_F(TranslateTest, RemoteArrayJoin) {
  EXPECT_EQ(
      NonEmpty(RunJoin(user_, Field("purchases", {{"order_by", {{"id", "asc"}}}}, {Field("id")}),
                       Keys({1, 999, 2}))),
      (Answers{{0, Json::parse(R"([{"id":10},{"id":11}])")}, {2, Json::parse(R"([{"id":12}])")}}));
}

TEST_F(TranslateTest, RemoteArrayJoinWhereAndOrderBy) {
  EXPECT_EQ(NonEmpty(RunJoin(
                user_,
                Field("purchases", {{"order_by", {{"id", "desc"}}}}, {Field("id"), Field("total")}),
                Keys({1, 2, 3}))),
            (Answers{{0, Json::parse(R"([{"id":11,"total":10},{"id":10,"total":5.5}])")},
                     {1, Json::parse(R"([{"id":12,"total":7}])")}}));
  EXPECT_EQ(NonEmpty(RunJoin(
                user_,
                Field("purchases",
                      {{"where", {{"total", {{"_lt", 8}}}}}, {"order_by", {{"total", "desc"}}}},
                      {Field("id")}),
                Keys({1, 2, 3}))),
            (Answers{{0, Json::parse(R"([{"id":10}])")}, {1, Json::parse(R"([{"id":12}])")}}));
  EXPECT_EQ(
      NonEmpty(RunJoin(
          user_,
          Field("purchases", {{"where", {{"items", {{"label", {{"_eq", "y"}}}}}}}}, {Field("id")}),
          Keys({1, 2}))),
      (Answers{{0, Json::parse(R"([{"id":10}])")}}));
}

// limit, offset and distinct_on apply per argument, not to all the rows at once.
TEST_F(TranslateTest, RemoteArrayJoinLimitOffsetDistinctOn) {
  const auto keys = Keys({1, 2, 3});
  EXPECT_EQ(
      NonEmpty(RunJoin(
          user_, Field("purchases", {{"order_by", {{"id", "desc"}}}, {"limit", 1}}, {Field("id")}),
          keys)),
      (Answers{{0, Json::parse(R"([{"id":11}])")}, {1, Json::parse(R"([{"id":12}])")}}));
  EXPECT_EQ(
      NonEmpty(RunJoin(
          user_, Field("purchases", {{"order_by", {{"id", "asc"}}}, {"offset", 1}}, {Field("id")}),
          keys)),
      (Answers{{0, Json::parse(R"([{"id":11}])")}}));
  EXPECT_EQ(NonEmpty(RunJoin(
                user_,
                Field("purchases", {{"order_by", {{"id", "asc"}}}, {"limit", 1}, {"offset", 1}},
                      {Field("id")}),
                keys)),
            (Answers{{0, Json::parse(R"([{"id":11}])")}}));
  EXPECT_EQ(NonEmpty(RunJoin(user_,
                             Field("purchases",
                                   {{"distinct_on", {"user_id"}},
                                    {"order_by", {{{"user_id", "asc"}}, {{"total", "desc"}}}}},
                                   {Field("id")}),
                             keys)),
            (Answers{{0, Json::parse(R"([{"id":11}])")}, {1, Json::parse(R"([{"id":12}])")}}));
  // Every argument answers, `[]` without rows.
  EXPECT_EQ(
      RunJoin(user_,
              Field("purchases", {{"order_by", {{"id", "asc"}}}, {"limit", 5}}, {Field("id")}),
              Keys({3, 1})),
      (Answers{{0, Json::array()}, {1, Json::parse(R"([{"id":10},{"id":11}])")}}));
}

// `_aggregate`: an object for every argument, count 0 without rows.
TEST_F(TranslateTest, RemoteAggregateJoin) {
  EXPECT_EQ(
      RunJoin(user_,
              Field("purchases_aggregate", {{"order_by", {{"id", "asc"}}}},
                    {Field("aggregate", {}, {Field("count"), Field("sum", {}, {Field("total")})}),
                     Field("nodes", {}, {Field("id")})}),
              Keys({1, 2, 3, 999})),
      (Answers{
          {0, Json::parse(R"({"aggregate":{"count":2,"sum":{"total":15.5}},
                                   "nodes":[{"id":10},{"id":11}]})")},
          {1, Json::parse(R"({"aggregate":{"count":1,"sum":{"total":7}},"nodes":[{"id":12}]})")},
          {2, Json::parse(R"({"aggregate":{"count":0,"sum":{"total":null}},"nodes":[]})")},
          {3, Json::parse(R"({"aggregate":{"count":0,"sum":{"total":null}},"nodes":[]})")}}));
  EXPECT_EQ(
      RunJoin(user_,
              Field("purchases_aggregate", {{"where", {{"total", {{"_gt", 1}}}}}, {"limit", 1}},
                    {Field("aggregate", {}, {Field("count")})}),
              Keys({1, 2, 3})),
      (Answers{{0, Json::parse(R"({"aggregate":{"count":1}})")},
               {1, Json::parse(R"({"aggregate":{"count":1}})")},
               {2, Json::parse(R"({"aggregate":{"count":0}})")}}));
}

TEST_F(TranslateTest, RemoteJoinWithNestedLocalRelationships) {
  EXPECT_EQ(
      RunJoin(order_,
              Field("buyer", {},
                    {Field("name"), Field("orders", {{"order_by", {{"id", "asc"}}}}, {Field("id")}),
                     Field("orders_aggregate", {}, {Field("aggregate", {}, {Field("count")})})}),
              Keys({2, 1})),
      (Answers{{0, Json::parse(R"({"name":"Bob","orders":[{"id":12}],
                                   "orders_aggregate":{"aggregate":{"count":1}}})")},
               {1, Json::parse(R"({"name":"Ann","orders":[{"id":10},{"id":11}],
                                   "orders_aggregate":{"aggregate":{"count":2}}})")}}));
}

// A mapping of several columns: all must be equal; key values in the mapping's order.
TEST_F(TranslateTest, RemoteJoinMultiColumnMapping) {
  EXPECT_EQ(RunJoin(order_, Field("matching_item", {}, {Field("id")}),
                    {{10, "x"}, {10, "z"}, {12, "z"}, {11, "x"}}),
            (Answers{{0, Json::parse(R"({"id":100})")}, {2, Json::parse(R"({"id":102})")}}));
}

// Key values come in as JSON and compare by the target column's affinity: text with quotes,
// NUMERIC (5.50 equals 5.5, "7" equals 7).
TEST_F(TranslateTest, RemoteJoinTextAndNumericKeys) {
  EXPECT_EQ(RunJoin(order_, Field("named", {}, {Field("id")}), Keys({"Cé \"q\"", "nobody", "Bob"})),
            (Answers{{0, Json::parse(R"({"id":3})")}, {2, Json::parse(R"({"id":2})")}}));
  EXPECT_EQ(
      NonEmpty(RunJoin(user_, Field("by_total", {}, {Field("id")}), Keys({5.5, 10, 7.25, "7"}))),
      (Answers{{0, Json::parse(R"([{"id":10}])")},
               {1, Json::parse(R"([{"id":11}])")},
               {3, Json::parse(R"([{"id":12}])")}}));
}

TEST_F(TranslateTest, RemoteJoinErrors) {
  ir::Field column{"id", ir::ColumnField{order_->FindColumn("id")}};
  auto refused = TranslateRemoteJoin(column);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::kUnexpected);
  auto uncut = TranslateField(order_, Kind::kSelect,
                              Field("order", {}, {Field("buyer", {}, {Field("name")})}));
  ASSERT_FALSE(uncut);
  EXPECT_EQ(uncut.error().code, ErrorCode::kUnexpected);
}

}  // namespace
}  // namespace junction::backends::sqlite
