#include "backends/postgres/translate.h"

#include <libpq-fe.h>

#include <algorithm>
#include <cstdint>

#include <gtest/gtest.h>

#include "backends/postgres/test_cluster.h"
#include "backends/postgres/translate_internal.h"
#include "backends/sql/translate_test_support.h"
#include "ir/build_ir.h"
#include "ir/test_support.h"

namespace junction::backends::postgres {
namespace {

using graphql::NormalizedField;
using ir::testing_support::Aliased;
using ir::testing_support::Field;
using ir::testing_support::MakeColumn;
using sql::testing_support::AddShopRelationships;
using sql::testing_support::Answers;
using sql::testing_support::AnswersById;
using sql::testing_support::NonEmpty;
using Json = nlohmann::ordered_json;
using Kind = schema::TableRootField::Kind;

// Reserved words as table and column names, a non-public schema, arrays and jsonb.
constexpr const char* kSchemaSql = R"sql(
CREATE SCHEMA shop;
CREATE TABLE "user" (id int4 PRIMARY KEY, name text NOT NULL, age int4, tags text[],
                     profile jsonb);
CREATE TABLE "order" (id int4 PRIMARY KEY, user_id int4 REFERENCES "user", total numeric,
                      "select" text);
CREATE TABLE shop.item (id int4 PRIMARY KEY, order_id int4 REFERENCES "order", label text,
                        "Odd ""Name""" int4 DEFAULT 1);
INSERT INTO "user" VALUES (1, 'Ann', 30, '{a,b}', '{"k": 1}'), (2, 'Bob', NULL, '{}', '{"x": [1]}'),
                          (3, 'Cé "q"', 25, '{b}', NULL);
INSERT INTO "order" VALUES (10, 1, 5.50, 'x'), (11, 1, 10, NULL), (12, 2, 7, 'z');
INSERT INTO shop.item VALUES (100, 10, 'x'), (101, 10, 'y'), (102, 12, 'z');
)sql";

class TranslateTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    const std::string& url = testing_support::TestCluster::Url();
    if (url.empty()) return;
    connection_ = PQconnectdb(url.c_str());
    PGresult* result = PQexec(connection_, kSchemaSql);
    setup_error_ = PQresultStatus(result) == PGRES_COMMAND_OK ? "" : PQerrorMessage(connection_);
    PQclear(result);
  }
  static void TearDownTestSuite() {
    if (connection_ != nullptr) PQfinish(connection_);
    connection_ = nullptr;
  }

  TranslateTest() {
    schema::Source& source = model_.sources["default"];
    schema::Table& user = source.tables[{"public", "user"}];
    schema::Table& order = source.tables[{"public", "order"}];
    schema::Table& item = source.tables[{"shop", "item"}];
    user.source = order.source = item.source = "default";
    user.name = {"public", "user"};
    user.graphql_name = "user";
    user.columns = {MakeColumn("id", "int4", "Int"), MakeColumn("name", "text", "String"),
                    MakeColumn("age", "int4", "Int"), MakeColumn("tags", "text", "String", true),
                    MakeColumn("profile", "jsonb", "jsonb")};
    user.primary_key = {"id"};
    order.name = {"public", "order"};
    order.graphql_name = "order";
    order.columns = {MakeColumn("id", "int4", "Int"), MakeColumn("user_id", "int4", "Int"),
                     MakeColumn("total", "numeric", "numeric"),
                     MakeColumn("select", "text", "String")};
    order.primary_key = {"id"};
    item.name = {"shop", "item"};
    item.graphql_name = "shop_item";
    item.columns = {MakeColumn("id", "int4", "Int"), MakeColumn("order_id", "int4", "Int"),
                    MakeColumn("label", "text", "String"),
                    MakeColumn("Odd \"Name\"", "int4", "Int")};
    item.columns.back().graphql_name = "odd_name";
    item.primary_key = {"id"};
    AddShopRelationships(user, order, item);
    user_ = &user;
    order_ = &order;
  }

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

  // Runs `statement` and returns the one value it answers, parsed.
  Json Execute(const sql::Statement& statement) {
    if (connection_ == nullptr || !setup_error_.empty()) {
      ADD_FAILURE() << "no Postgres: " << testing_support::TestCluster::error() << setup_error_;
      return nullptr;
    }
    std::vector<const char*> values;
    for (const auto& param : statement.params) values.push_back(param ? param->c_str() : nullptr);
    PGresult* result =
        PQexecParams(connection_, statement.text.c_str(), static_cast<int>(values.size()), nullptr,
                     values.data(), nullptr, nullptr, 0);
    Json value = nullptr;
    if (PQresultStatus(result) != PGRES_TUPLES_OK || PQntuples(result) != 1 ||
        PQnfields(result) != 1 || PQgetisnull(result, 0, 0)) {
      ADD_FAILURE() << PQresultErrorMessage(result) << "\n" << statement.text;
    } else {
      value = Json::parse(PQgetvalue(result, 0, 0));
    }
    PQclear(result);
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

  // Runs the remote join of `relationship_field` for `keys` (`[{"__argument_id__": 0, "<this
  // table's column>": value, …}, …]`, given to the statement as its execution slots: the ids,
  // then the values of each pair of the mapping): the answer's values by argument id, each id at
  // most once.
  Answers RunJoin(const schema::Table* table, const NormalizedField& relationship_field,
                  const Json& keys) {
    auto root = ir::BuildRootField({table, Kind::kSelect},
                                   Field(table->graphql_name, {}, {relationship_field}));
    if (!root) {
      ADD_FAILURE() << root.error().message;
      return {};
    }
    const ir::Field& field = root->select.fields.at(0);
    auto statement = TranslateRemoteJoin(field);
    if (!statement) {
      ADD_FAILURE() << statement.error().message;
      return {};
    }
    if (const schema::Column* keyed = KeyedJoinColumn(field)) {
      return RunKeyedJoin(*statement, *keyed, ir::RelationshipOf(field)->mapping.front().first,
                          keys);
    }
    std::vector<std::string> columns = {std::string(kArgumentId)};
    for (const auto& pair : ir::RelationshipOf(field)->mapping) columns.push_back(pair.first);
    if (statement->execution_parameters.size() != columns.size()) {
      ADD_FAILURE() << "expected " << columns.size() << " execution slots: " << statement->text;
      return {};
    }
    for (size_t slot = 0; slot < columns.size(); ++slot) {
      std::vector<std::string> texts;
      for (const Json& key : keys) texts.push_back(key.at(columns[slot]).dump());
      auto array = KeyArrayText(std::vector<std::string_view>(texts.begin(), texts.end()),
                                MakeColumn("key", "text", "String"));
      if (!array) {
        ADD_FAILURE() << array.error().message;
        return {};
      }
      statement->params.at(statement->execution_parameters[slot]) = *array;
    }
    return AnswersById(Execute(*statement));
  }

  // RunJoin for a keyed statement (KeyedJoinColumn): the keys alone in slot 0, and the answer's
  // values matched back to the arguments by key, as the executor does.
  Answers RunKeyedJoin(sql::Statement statement, const schema::Column& keyed,
                       const std::string& column, const Json& keys) {
    if (statement.execution_parameters.size() != 1) {
      ADD_FAILURE() << "expected 1 execution slot: " << statement.text;
      return {};
    }
    std::vector<std::string> texts;
    for (const Json& key : keys) texts.push_back(key.at(column).dump());
    auto array = KeyArrayText(std::vector<std::string_view>(texts.begin(), texts.end()), keyed);
    if (!array) {
      ADD_FAILURE() << array.error().message;
      return {};
    }
    statement.params.at(statement.execution_parameters[0]) = *array;
    const Json answer = Execute(statement);
    Answers answers;
    for (size_t id = 0; id < texts.size(); ++id) {
      const std::optional<std::string> key = JoinKeyText(texts[id], keyed);
      if (key && answer.contains(*key)) answers[static_cast<int64_t>(id)] = answer.at(*key);
    }
    return answers;
  }

  static inline PGconn* connection_ = nullptr;
  static inline std::string setup_error_;
  schema::SourceModel model_;
  const schema::Table* user_ = nullptr;
  const schema::Table* order_ = nullptr;
};

TEST(MakeParameterTest, JsonValuesStayJson) {
  EXPECT_EQ(MakeParameter("abc", {"", "jsonb"}).value, "\"abc\"");
  EXPECT_EQ(MakeParameter("abc", {"", "text"}).value, "abc");
  EXPECT_EQ(MakeParameter(Json{{"a", 1}}, {"pg_catalog", "jsonb"}).value, R"({"a":1})");
  EXPECT_EQ(MakeParameter(true, {"", "bool"}).value, "true");
}

TEST(MakeParameterTest, ArraysBecomeQuotedArrayLiterals) {
  EXPECT_EQ(MakeParameter(Json::array({"a", nullptr, "b\"c\\", 1}), {"", "text", 1}).value,
            R"({"a",NULL,"b\"c\\","1"})");
  EXPECT_EQ(
      MakeParameter(Json::array({Json::array({1, 2}), Json::array({3, 4})}), {"", "int4", 2}).value,
      R"({{"1","2"},{"3","4"}})");
}

// The golden shape of a list: filter, sort and limit in the base subquery, JSON outside.
TEST_F(TranslateTest, SelectSqlText) {
  auto statement = TranslateField(
      user_, Kind::kSelect,
      Field("user",
            {{"where", {{"id", {{"_in", {1, 2}}}}}}, {"order_by", {{"name", "asc"}}}, {"limit", 2}},
            {Field("id"),
             Field("orders", {{"where", {{"total", {{"_gt", 6}}}}}}, {Field("total")})}));
  ASSERT_TRUE(statement) << statement.error().message;
  EXPECT_EQ(statement->text,
            R"(SELECT coalesce(json_agg(row_to_json("_e5".*) ORDER BY "_t1"."name" ASC NULLS )"
            R"(LAST), '[]'::json) AS "root" FROM (SELECT "_t1".* FROM "public"."user" AS "_t1" )"
            R"(WHERE "_t1"."id" = ANY($1::int4[]) ORDER BY "_t1"."name" ASC NULLS LAST LIMIT )"
            R"($2::int8) AS "_t1" LEFT JOIN LATERAL (SELECT )"
            R"(coalesce(json_agg(row_to_json("_e3".*)), '[]'::json) AS "__j" FROM (SELECT "_t2".*)"
            R"( FROM "public"."order" AS "_t2" WHERE "_t2"."user_id" = "_t1"."id" AND )"
            R"("_t2"."total" > $3::numeric) AS "_t2" LEFT JOIN LATERAL (SELECT "_t2"."total" AS )"
            R"("total") AS "_e3" ON TRUE) AS "_r4" ON TRUE LEFT JOIN LATERAL (SELECT "_t1"."id" )"
            R"(AS "id", "_r4"."__j" AS "orders") AS "_e5" ON TRUE)");
  EXPECT_EQ(statement->params,
            (std::vector<std::optional<std::string>>{"{\"1\",\"2\"}", "2", "6"}));
  EXPECT_EQ(Run(user_, Kind::kSelect,
                Field("user",
                      {{"where", {{"id", {{"_in", {1, 2}}}}}},
                       {"order_by", {{"name", "asc"}}},
                       {"limit", 2}},
                      {Field("id"),
                       Field("orders", {{"where", {{"total", {{"_gt", 6}}}}}}, {Field("total")})})),
            Json::parse(R"([{"id":1,"orders":[{"total":10}]},{"id":2,"orders":[{"total":7}]}])"));
}

// by_pk: the object or JSON null; an object relationship joins one row; a sort key through a
// relationship is computed in the base subquery.
TEST_F(TranslateTest, ByPkAndAggregateSqlText) {
  auto by_pk =
      TranslateField(order_, Kind::kSelectByPk,
                     Field("order_by_pk", {{"id", 10}}, {Field("user", {}, {Field("name")})}));
  ASSERT_TRUE(by_pk) << by_pk.error().message;
  EXPECT_EQ(by_pk->text,
            R"(SELECT coalesce((SELECT row_to_json("_e5".*) AS "__j" FROM (SELECT "_t1".* FROM )"
            R"("public"."order" AS "_t1" WHERE "_t1"."id" = $1::int4) AS "_t1" LEFT JOIN LATERAL )"
            R"((SELECT row_to_json("_e3".*) AS "__j" FROM (SELECT "_t2".* FROM "public"."user" AS)"
            R"( "_t2" WHERE "_t2"."id" = "_t1"."user_id" LIMIT 1) AS "_t2" LEFT JOIN LATERAL )"
            R"((SELECT "_t2"."name" AS "name") AS "_e3" ON TRUE) AS "_r4" ON TRUE LEFT JOIN )"
            R"(LATERAL (SELECT "_r4"."__j" AS "user") AS "_e5" ON TRUE), 'null'::json) AS "root")");
  auto aggregate = TranslateField(
      order_, Kind::kSelectAggregate,
      Field("order_aggregate", {{"order_by", {{"user", {{"name", "desc"}}}}}},
            {Field("aggregate", {}, {Field("count"), Field("max", {}, {Field("total")})}),
             Field("nodes", {}, {Field("id")})}));
  ASSERT_TRUE(aggregate) << aggregate.error().message;
  EXPECT_EQ(aggregate->text,
            R"(SELECT json_build_object('aggregate', json_build_object('count', count(*), 'max', )"
            R"(json_build_object('total', max("_t1"."total"))), 'nodes', )"
            R"(coalesce(json_agg(row_to_json("_e3".*) ORDER BY "_t1"."__o0" DESC NULLS FIRST), )"
            R"('[]'::json)) AS "root" FROM (SELECT "_t1".*, (SELECT "_t2"."name" FROM )"
            R"("public"."user" AS "_t2" WHERE "_t2"."id" = "_t1"."user_id" LIMIT 1) AS "__o0" )"
            R"(FROM "public"."order" AS "_t1" ORDER BY "__o0" DESC NULLS FIRST) AS "_t1" LEFT )"
            R"(JOIN LATERAL (SELECT "_t1"."id" AS "id") AS "_e3" ON TRUE)");
}

TEST_F(TranslateTest, NestedRelationshipsAliasesAndTypename) {
  Json result = Run(order_, Kind::kSelect,
                    Field("order", {{"order_by", {{"id", "asc"}}}},
                          {Aliased("n", Field("id")), Field("select"), Field("__typename"),
                           Field("user", {}, {Field("name"), Field("__typename")}),
                           Field("items", {{"order_by", {{"label", "desc"}}}},
                                 {Field("label"), Field("__typename")})}));
  EXPECT_EQ(result.dump(), Json::parse(R"([
    {"n":10,"select":"x","__typename":"order","user":{"name":"Ann","__typename":"user"},
     "items":[{"label":"y","__typename":"shop_item"},{"label":"x","__typename":"shop_item"}]},
    {"n":11,"select":null,"__typename":"order","user":{"name":"Ann","__typename":"user"},
     "items":[]},
    {"n":12,"select":"z","__typename":"order","user":{"name":"Bob","__typename":"user"},
     "items":[{"label":"z","__typename":"shop_item"}]}])")
                               .dump());
}

// Each operator family against real rows: the ids that match.
TEST_F(TranslateTest, ComparisonOperators) {
  const std::vector<std::pair<const char*, const char*>> cases = {
      {R"j({"id": {"_nin": [1, 2]}})j", "[3]"},
      {R"j({"age": {"_is_null": true}})j", "[2]"},
      {R"j({"age": {"_is_null": false, "_gte": 26}})j", "[1]"},
      {R"j({"name": {"_like": "A%"}})j", "[1]"},
      {R"j({"name": {"_nilike": "a%"}})j", "[2, 3]"},
      {R"j({"name": {"_ilike": "%\"Q\""}})j", "[3]"},
      {R"j({"name": {"_regex": "^B"}})j", "[2]"},
      {R"j({"name": {"_niregex": "^[ab]"}})j", "[3]"},
      {R"j({"name": {"_similar": "(Ann|Bob)"}})j", "[1, 2]"},
      {R"j({"tags": {"_eq": ["a", "b"]}})j", "[1]"},
      {R"j({"profile": {"_contains": {"k": 1}}})j", "[1]"},
      {R"j({"profile": {"_contained_in": {"k": 1, "z": 2}}})j", "[1]"},
      {R"j({"profile": {"_has_key": "x"}})j", "[2]"},
      {R"j({"profile": {"_has_keys_any": ["x", "k"]}})j", "[1, 2]"},
      {R"j({"profile": {"_has_keys_all": ["x", "k"]}})j", "[]"},
      {R"j({"_or": [{"id": {"_eq": 1}}, {"id": {"_eq": 3}}]})j", "[1, 3]"},
      {R"j({"_not": {"id": {"_eq": 1}}})j", "[2, 3]"},
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
}

TEST_F(TranslateTest, OrderByRelationshipsAndAggregates) {
  // Orders by their user's name descending, then id descending.
  Json by_user =
      Run(order_, Kind::kSelect,
          Field("order", {{"order_by", {{{"user", {{"name", "desc"}}}}, {{"id", "desc"}}}}},
                {Field("id")}));
  EXPECT_EQ(by_user, Json::parse(R"([{"id":12},{"id":11},{"id":10}])"));
  // Users by their number of orders; by the sum of their totals (none: null, first).
  const auto by_aggregate = [&](const char* order_by) {
    return Run(user_, Kind::kSelect,
               Field("user", {{"order_by", Json::parse(order_by)}}, {Field("id")}));
  };
  EXPECT_EQ(by_aggregate(R"([{"orders_aggregate": {"count": "desc"}}, {"id": "desc"}])"),
            Json::parse(R"([{"id":1},{"id":2},{"id":3}])"));
  EXPECT_EQ(by_aggregate(R"({"orders_aggregate": {"sum": {"total": "asc_nulls_first"}}})"),
            Json::parse(R"([{"id":3},{"id":2},{"id":1}])"));
  EXPECT_EQ(by_aggregate(R"({"orders_aggregate": {"max": {"total": "desc_nulls_last"}}})"),
            Json::parse(R"([{"id":1},{"id":2},{"id":3}])"));
}

TEST_F(TranslateTest, DistinctOnLimitAndOffset) {
  Json distinct = Run(order_, Kind::kSelect,
                      Field("order",
                            {{"distinct_on", {"user_id"}},
                             {"order_by", {{{"user_id", "asc"}}, {{"total", "desc"}}}}},
                            {Field("id")}));
  EXPECT_EQ(distinct, Json::parse(R"([{"id":11},{"id":12}])"));
  Json paged =
      Run(user_, Kind::kSelect,
          Field("user", {{"order_by", {{"id", "desc"}}}, {"limit", 1}, {"offset", 1}},
                {Field("id"),
                 Field("orders", {{"order_by", {{"id", "desc"}}}, {"limit", 1}}, {Field("id")})}));
  EXPECT_EQ(paged, Json::parse(R"([{"id":2,"orders":[{"id":12}]}])"));
}

TEST_F(TranslateTest, ByPkAnswersTheObjectOrNull) {
  EXPECT_EQ(Run(user_, Kind::kSelectByPk, Field("user_by_pk", {{"id", 3}}, {Field("name")})),
            Json::parse(R"({"name":"Cé \"q\""})"));
  EXPECT_EQ(Run(user_, Kind::kSelectByPk, Field("user_by_pk", {{"id", 42}}, {Field("name")})),
            nullptr);
}

TEST_F(TranslateTest, Aggregates) {
  NormalizedField aggregate =
      Field("aggregate", {},
            {Field("count"),
             Aliased("users", Field("count", {{"columns", {"user_id"}}, {"distinct", true}})),
             Aliased("both", Field("count", {{"columns", {"user_id", "select"}}})),
             Field("sum", {}, {Field("total"), Field("__typename")}),
             Field("max", {}, {Field("total"), Field("id")}), Field("avg", {}, {Field("id")}),
             Field("__typename")});
  Json result = Run(order_, Kind::kSelectAggregate,
                    Field("order_aggregate", {{"order_by", {{"id", "asc"}}}},
                          {aggregate, Field("nodes", {}, {Field("id")}), Field("__typename")}));
  EXPECT_EQ(result.dump(), Json::parse(R"({"aggregate":{"count":3,"users":2,"both":3,
      "sum":{"total":22.50,"__typename":"order_sum_fields"},"max":{"total":10,"id":12},
      "avg":{"id":11.0000000000000000},"__typename":"order_aggregate_fields"},
      "nodes":[{"id":10},{"id":11},{"id":12}],"__typename":"order_aggregate"})")
                               .dump());
  // limit applies before the aggregate, as in Hasura; and aggregates of array relationships.
  Json limited =
      Run(order_, Kind::kSelectAggregate,
          Field("order_aggregate", {{"limit", 2}}, {Field("aggregate", {}, {Field("count")})}));
  EXPECT_EQ(limited, Json::parse(R"({"aggregate":{"count":2}})"));
  Json nested = Run(user_, Kind::kSelect,
                    Field("user", {{"order_by", {{"id", "asc"}}}},
                          {Field("orders_aggregate", {{"where", {{"total", {{"_lt", 8}}}}}},
                                 {Field("aggregate", {}, {Field("count")})})}));
  EXPECT_EQ(nested, Json::parse(R"([{"orders_aggregate":{"aggregate":{"count":1}}},
      {"orders_aggregate":{"aggregate":{"count":1}}},
      {"orders_aggregate":{"aggregate":{"count":0}}}])"));
  // Nodes with their own relationships: the joins do not change the aggregate.
  Json with_nodes =
      Run(order_, Kind::kSelectAggregate,
          Field("order_aggregate", {{"where", {{"id", {{"_lte", 10}}}}}},
                {Field("aggregate", {}, {Field("count"), Field("sum", {}, {Field("total")})}),
                 Field("nodes", {}, {Field("items", {}, {Field("odd_name")})})}));
  EXPECT_EQ(with_nodes, Json::parse(R"({"aggregate":{"count":1,"sum":{"total":5.50}},
      "nodes":[{"items":[{"odd_name":1},{"odd_name":1}]}]})"));
}

// More than 50 fields exceed json_build_object's 100 arguments; keys keep their order.
TEST_F(TranslateTest, ManyFields) {
  std::vector<NormalizedField> fields;
  Json expected = Json::object();
  for (int i = 0; i < 60; ++i) {
    fields.push_back(Aliased("f" + std::to_string(i), Field(i % 2 ? "name" : "id")));
    expected["f" + std::to_string(i)] = i % 2 ? Json("Ann") : Json(1);
  }
  Json result = Run(user_, Kind::kSelectByPk, Field("user_by_pk", {{"id", 1}}, fields));
  EXPECT_EQ(result.dump(), expected.dump());
  fields.push_back(Aliased(std::string(64, 'a'), Field("id")));
  auto refused = TranslateField(user_, Kind::kSelectByPk, Field("user_by_pk", {{"id", 1}}, fields));
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::kNotSupported);
}

// ---- remote joins (TranslateRemoteJoin) -------------------------------------------------------

// The keys parameter: `[{"__argument_id__": i, "<column>": values[i]}, …]`.
Json Keys(const std::string& column, const std::vector<Json>& values) {
  Json keys = Json::array();
  for (size_t i = 0; i < values.size(); ++i) {
    keys.push_back({{std::string(kArgumentId), i}, {column, values[i]}});
  }
  return keys;
}

// `answers` with every array value sorted (for arrays the query does not order).
Answers Sorted(Answers answers) {
  for (auto& [id, value] : answers) std::sort(value.begin(), value.end());
  return answers;
}

// The golden shape of an object join on an integer column (KeyedJoinColumn): the distinct keys
// alone, $1, narrowing the target's rows; the objects keyed by the target's key.
TEST_F(TranslateTest, RemoteObjectJoinSqlText) {
  auto statement = TranslateJoin(order_, Field("buyer", {}, {Field("name")}));
  ASSERT_TRUE(statement) << statement.error().message;
  EXPECT_EQ(statement->text,
            R"(SELECT coalesce(json_object_agg("_t1"."id", row_to_json("_e2".*)), '{}'::json) AS )"
            R"("root" FROM (SELECT "_t1".* FROM "public"."user" AS "_t1" WHERE "_t1"."id" = )"
            R"(ANY($1::int4[])) AS "_t1" LEFT JOIN LATERAL (SELECT "_t1"."name" AS "name") AS )"
            R"("_e2" ON TRUE)");
  EXPECT_EQ(statement->execution_parameters, (std::vector<size_t>{0}));
  EXPECT_EQ(statement->params.size(), 1u);
}

// The golden shape of an object join on two columns: the keys joined to the target once, the
// first row of each argument (DISTINCT ON), its object paired with the argument id; the keys'
// slots are $1 (ids), $2 and $3 (the columns), the latter two also narrowing the target's rows.
TEST_F(TranslateTest, RemoteObjectJoinOnTwoColumnsSqlText) {
  auto statement = TranslateJoin(order_, Field("matching_item", {}, {Field("label")}));
  ASSERT_TRUE(statement) << statement.error().message;
  EXPECT_EQ(statement->text,
            R"(SELECT coalesce(json_agg(json_build_array("_t2"."__argument_id__", )"
            R"(row_to_json("_e3".*))), '[]'::json) AS "root" FROM (SELECT DISTINCT ON )"
            R"(("_k1"."__argument_id__") "_t2".*, "_k1"."__argument_id__" FROM "shop"."item" AS )"
            R"("_t2", unnest($1::int8[], $2::int4[], $3::text[]) AS "_k1"("__argument_id__", )"
            R"("id", "select") WHERE ("_t2"."order_id" = "_k1"."id" AND "_t2"."label" = )"
            R"("_k1"."select") AND "_t2"."order_id" = ANY($2::int4[]) AND "_t2"."label" = )"
            R"(ANY($3::text[]) ORDER BY "_k1"."__argument_id__" ASC NULLS LAST) AS "_t2" LEFT )"
            R"(JOIN LATERAL (SELECT "_t2"."label" AS "label") AS "_e3" ON TRUE)");
  EXPECT_EQ(statement->execution_parameters, (std::vector<size_t>{0, 1, 2}));
  EXPECT_EQ(statement->params.size(), 3u);
}

// Which object joins take the keys alone: one column of a type compared by its text.
TEST_F(TranslateTest, KeyedJoinColumnChoosesByType) {
  auto join = [&](const schema::Table* table, const char* name) {
    auto root = ir::BuildRootField(
        {table, Kind::kSelect}, Field(table->graphql_name, {}, {Field(name, {}, {Field("id")})}));
    EXPECT_TRUE(root) << root.error().message;
    return KeyedJoinColumn(root->select.fields.at(0));
  };
  EXPECT_EQ(join(order_, "buyer"), user_->FindColumnByName("id"));    // int4
  EXPECT_EQ(join(order_, "named"), user_->FindColumnByName("name"));  // text
  EXPECT_EQ(join(order_, "matching_item"), nullptr);                  // two columns
  EXPECT_EQ(join(user_, "purchases"), nullptr);                       // an array
}

// The text Postgres writes for the value it reads from a parent's JSON key.
TEST(JoinKeyTextTest, WritesKeysAsTheTargetDoes) {
  const schema::Column integer = MakeColumn("id", "int8", "bigint");
  EXPECT_EQ(JoinKeyText("7", integer), "7");
  EXPECT_EQ(JoinKeyText("-12", integer), "-12");
  EXPECT_EQ(JoinKeyText(R"(" +007 ")", integer), "7");  // a text column's value, as int8 reads it
  EXPECT_EQ(JoinKeyText("1.5", integer), std::nullopt);
  EXPECT_EQ(JoinKeyText(R"("x")", integer), std::nullopt);
  const schema::Column text = MakeColumn("name", "varchar", "String");
  EXPECT_EQ(JoinKeyText(R"("Ann")", text), "Ann");
  EXPECT_EQ(JoinKeyText(R"("Cé "q"")", text), "Cé \"q\"");
  EXPECT_EQ(JoinKeyText("42", text), "42");
  const schema::Column uuid = MakeColumn("ref", "uuid", "uuid");
  EXPECT_EQ(JoinKeyText(R"("A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11")", uuid),
            "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11");
  EXPECT_EQ(JoinKeyText(R"("{a0eebc999c0b4ef8bb6d6bb9bd380a11}")", uuid),
            "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11");
  EXPECT_EQ(JoinKeyText(R"("a0ee")", uuid), std::nullopt);
  EXPECT_EQ(JoinKeyText("5.50", MakeColumn("total", "numeric", "numeric")), std::nullopt);
}

TEST(KeyArrayTextTest, JsonScalarsBecomeAnArrayLiteral) {
  const schema::Column text = MakeColumn("key", "text", "String");
  auto plain = KeyArrayText({"7", "\"Ann\"", "true", "5.50"}, text);
  ASSERT_TRUE(plain) << plain.error().message;
  EXPECT_EQ(*plain, R"({"7","Ann","true","5.50"})");
  auto escaped =
      KeyArrayText({R"("C\u00e9 \"q\"")", R"("back\\slash")", R"("NULL")", "\"\""}, text);
  ASSERT_TRUE(escaped) << escaped.error().message;
  EXPECT_EQ(*escaped, "{\"Cé \\\"q\\\"\",\"back\\\\slash\",\"NULL\",\"\"}");
  EXPECT_EQ(*KeyArrayText({}, text), "{}");
  auto broken = KeyArrayText({R"("a\x")"}, text);
  ASSERT_FALSE(broken);
  EXPECT_EQ(broken.error().code, ErrorCode::kUnexpected);
}

// Keys compared with a json or jsonb column stay JSON: a JSON string keeps its quotes.
TEST(KeyArrayTextTest, JsonbKeysStayJson) {
  auto keys = KeyArrayText({R"("a")", R"({"k": [1]})", "2"}, MakeColumn("doc", "jsonb", "jsonb"));
  ASSERT_TRUE(keys) << keys.error().message;
  EXPECT_EQ(*keys, R"({"\"a\"","{\"k\": [1]}","2"})");
}

// One pair per argument that has a row; none for a key without one.
TEST_F(TranslateTest, RemoteObjectJoin) {
  EXPECT_EQ(RunJoin(order_, Field("buyer", {}, {Field("name"), Field("__typename")}),
                    Json::parse(R"([{"__argument_id__":0,"user_id":1},
                                    {"__argument_id__":1,"user_id":999},
                                    {"__argument_id__":2,"user_id":3}])")),
            (Answers{{0, Json::parse(R"({"name":"Ann","__typename":"user"})")},
                     {2, Json::parse(R"({"name":"Cé \"q\"","__typename":"user"})")}}));
  // An empty key set answers an empty list.
  EXPECT_EQ(RunJoin(order_, Field("buyer", {}, {Field("name")}), Json::array()), Answers{});
  // A target column that is not unique: still one object per argument.
  Answers some = RunJoin(user_, Field("some_order", {}, {Field("user_id")}), Keys("id", {1, 2, 3}));
  EXPECT_EQ(some,
            (Answers{{0, Json::parse(R"({"user_id":1})")}, {1, Json::parse(R"({"user_id":2})")}}));
}

// Without arguments: each argument's rows (none: left out or `[]`).
TEST_F(TranslateTest, RemoteArrayJoin) {
  Answers answers = RunJoin(user_, Field("purchases", {}, {Field("id")}), Keys("id", {1, 999, 2}));
  EXPECT_EQ(NonEmpty(Sorted(answers)), (Answers{{0, Json::parse(R"([{"id":10},{"id":11}])")},
                                                {2, Json::parse(R"([{"id":12}])")}}));
}

// where and order_by apply to each argument's rows, in order_by order.
TEST_F(TranslateTest, RemoteArrayJoinWhereAndOrderBy) {
  EXPECT_EQ(NonEmpty(RunJoin(
                user_,
                Field("purchases", {{"order_by", {{"id", "desc"}}}}, {Field("id"), Field("total")}),
                Keys("id", {1, 2, 3}))),
            (Answers{{0, Json::parse(R"([{"id":11,"total":10},{"id":10,"total":5.50}])")},
                     {1, Json::parse(R"([{"id":12,"total":7}])")}}));
  EXPECT_EQ(NonEmpty(RunJoin(
                user_,
                Field("purchases",
                      {{"where", {{"total", {{"_lt", 8}}}}}, {"order_by", {{"total", "desc"}}}},
                      {Field("id")}),
                Keys("id", {1, 2, 3}))),
            (Answers{{0, Json::parse(R"([{"id":10}])")}, {1, Json::parse(R"([{"id":12}])")}}));
  // A where through a local relationship of the target.
  EXPECT_EQ(
      NonEmpty(RunJoin(
          user_,
          Field("purchases", {{"where", {{"items", {{"label", {{"_eq", "y"}}}}}}}}, {Field("id")}),
          Keys("id", {1, 2}))),
      (Answers{{0, Json::parse(R"([{"id":10}])")}}));
}

// limit, offset and distinct_on apply per argument, not to all the rows at once.
TEST_F(TranslateTest, RemoteArrayJoinLimitOffsetDistinctOn) {
  const Json keys = Keys("id", {1, 2, 3});
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
  EXPECT_EQ(
      NonEmpty(RunJoin(
          user_,
          Field("purchases",
                {{"where", {{"total", {{"_gt", 6}}}}}, {"order_by", {{"id", "asc"}}}, {"limit", 2}},
                {Field("id")}),
          keys)),
      (Answers{{0, Json::parse(R"([{"id":11}])")}, {1, Json::parse(R"([{"id":12}])")}}));
}

// An argument without a row: left out on the set-based path, `[]` on the per-argument (LATERAL)
// path; the executor reads a missing one as `[]`, so both answer the same.
TEST_F(TranslateTest, RemoteArrayJoinArgumentsWithoutRows) {
  const Json keys = Keys("id", {3, 1});
  EXPECT_EQ(
      RunJoin(user_, Field("purchases", {{"order_by", {{"id", "asc"}}}}, {Field("id")}), keys),
      (Answers{{1, Json::parse(R"([{"id":10},{"id":11}])")}}));
  EXPECT_EQ(
      RunJoin(user_,
              Field("purchases", {{"order_by", {{"id", "asc"}}}, {"limit", 5}}, {Field("id")}),
              keys),
      (Answers{{0, Json::array()}, {1, Json::parse(R"([{"id":10},{"id":11}])")}}));
}

// `_aggregate`: an object for every argument, count 0 without rows.
TEST_F(TranslateTest, RemoteAggregateJoin) {
  Answers answers =
      RunJoin(user_,
              Field("purchases_aggregate", {{"order_by", {{"id", "asc"}}}},
                    {Field("aggregate", {}, {Field("count"), Field("sum", {}, {Field("total")})}),
                     Field("nodes", {}, {Field("id")})}),
              Keys("id", {1, 2, 3, 999}));
  EXPECT_EQ(answers, (Answers{{0, Json::parse(R"({"aggregate":{"count":2,"sum":{"total":15.50}},
                                             "nodes":[{"id":10},{"id":11}]})")},
                              {1, Json::parse(R"({"aggregate":{"count":1,"sum":{"total":7}},
                                             "nodes":[{"id":12}]})")},
                              {2, Json::parse(R"({"aggregate":{"count":0,"sum":{"total":null}},
                                             "nodes":[]})")},
                              {3, Json::parse(R"({"aggregate":{"count":0,"sum":{"total":null}},
                                             "nodes":[]})")}}));
  // where and limit per argument.
  EXPECT_EQ(
      RunJoin(user_,
              Field("purchases_aggregate", {{"where", {{"total", {{"_gt", 1}}}}}, {"limit", 1}},
                    {Field("aggregate", {}, {Field("count")})}),
              Keys("id", {1, 2, 3})),
      (Answers{{0, Json::parse(R"({"aggregate":{"count":1}})")},
               {1, Json::parse(R"({"aggregate":{"count":1}})")},
               {2, Json::parse(R"({"aggregate":{"count":0}})")}}));
}

// Local relationships inside the target's selection are joined as in any query.
TEST_F(TranslateTest, RemoteJoinWithNestedLocalRelationships) {
  EXPECT_EQ(
      RunJoin(order_,
              Field("buyer", {},
                    {Field("name"), Field("orders", {{"order_by", {{"id", "asc"}}}}, {Field("id")}),
                     Field("orders_aggregate", {}, {Field("aggregate", {}, {Field("count")})})}),
              Keys("user_id", {2, 1})),
      (Answers{{0, Json::parse(R"({"name":"Bob","orders":[{"id":12}],
                                         "orders_aggregate":{"aggregate":{"count":1}}})")},
               {1, Json::parse(R"({"name":"Ann","orders":[{"id":10},{"id":11}],
                                         "orders_aggregate":{"aggregate":{"count":2}}})")}}));
  EXPECT_EQ(NonEmpty(RunJoin(
                user_,
                Field("purchases", {{"order_by", {{"id", "asc"}}}},
                      {Field("id"), Field("user", {}, {Field("name")}),
                       Field("items", {{"order_by", {{"label", "asc"}}}}, {Field("label")})}),
                Keys("id", {1, 3}))),
            (Answers{{0, Json::parse(R"([{"id":10,"user":{"name":"Ann"},
                                          "items":[{"label":"x"},{"label":"y"}]},
                                         {"id":11,"user":{"name":"Ann"},"items":[]}])")}}));
}

// A mapping of several columns: all must be equal (the keys carry each, in any order).
TEST_F(TranslateTest, RemoteJoinMultiColumnMapping) {
  EXPECT_EQ(RunJoin(order_, Field("matching_item", {}, {Field("id")}),
                    Json::parse(R"([{"__argument_id__":0,"id":10,"select":"x"},
                                    {"__argument_id__":1,"id":10,"select":"z"},
                                    {"__argument_id__":2,"select":"z","id":12},
                                    {"__argument_id__":3,"id":11,"select":"x"}])")),
            (Answers{{0, Json::parse(R"({"id":100})")}, {2, Json::parse(R"({"id":102})")}}));
}

// Key values come in as JSON and are read as the target column's type: text (with quotes) and
// numeric (5.5 equals 5.50).
TEST_F(TranslateTest, RemoteJoinTextAndNumericKeys) {
  EXPECT_EQ(RunJoin(order_, Field("named", {}, {Field("id")}),
                    Keys("select", {"Cé \"q\"", "nobody", "Bob"})),
            (Answers{{0, Json::parse(R"({"id":3})")}, {2, Json::parse(R"({"id":2})")}}));
  EXPECT_EQ(NonEmpty(RunJoin(user_, Field("by_total", {}, {Field("id")}),
                             Keys("age", {5.5, 10, 7.25, 7}))),
            (Answers{{0, Json::parse(R"([{"id":10}])")},
                     {1, Json::parse(R"([{"id":11}])")},
                     {3, Json::parse(R"([{"id":12}])")}}));
}

// A field that is no relationship, and a remote relationship left in a query, are our bugs.
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
}  // namespace junction::backends::postgres
