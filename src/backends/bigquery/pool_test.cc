// QueryParameters: a statement's params and param_types as BigQuery's named QueryParameters
// (BIGQUERY.md §1.3): scalars as text or null, ARRAYs from a JSON array, a remote join's keys
// (ARRAY<STRUCT>) from sql::KeysJson's array of arrays; numbers keep their text exactly.
// Pool against fake_bigquery.h: Execute sends them and decodes the rows by the statement's
// shape; Introspect runs one query per dataset, at once, into one catalog.

#include "backends/bigquery/pool.h"

#include <future>
#include <thread>

#include <gtest/gtest.h>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>

#include "backends/bigquery/fake_bigquery.h"
#include "backends/bigquery/test_key.h"

namespace junction::backends::bigquery {
namespace {

using nlohmann::json;

sql::Statement Statement(std::vector<std::optional<std::string>> params,
                         std::vector<std::string> types) {
  sql::Statement statement;
  statement.text = "SELECT 1";
  statement.params = std::move(params);
  statement.param_types = std::move(types);
  return statement;
}

TEST(QueryParametersTest, ScalarsAreTextOrNull) {
  Result<json> parameters = QueryParameters(Statement(
      {"42", std::nullopt, "true", "it's"}, {R"({"type":"INT64"})", R"({"type":"STRING"})",
                                             R"({"type":"BOOL"})", R"({"type":"STRING"})"}));
  ASSERT_TRUE(parameters) << parameters.error().message;
  EXPECT_EQ(*parameters, json::parse(R"([
    {"name":"p1","parameterType":{"type":"INT64"},"parameterValue":{"value":"42"}},
    {"name":"p2","parameterType":{"type":"STRING"},"parameterValue":{"value":null}},
    {"name":"p3","parameterType":{"type":"BOOL"},"parameterValue":{"value":"true"}},
    {"name":"p4","parameterType":{"type":"STRING"},"parameterValue":{"value":"it's"}}])"));
}

TEST(QueryParametersTest, ArraysFromAJsonArray) {
  Result<json> parameters =
      QueryParameters(Statement({R"([1, 12345678901234567890123, -2.50, null])",
                                 R"(["a", "b\"c", "\u00e9"])", "[]", std::nullopt},
                                {R"({"type":"ARRAY","arrayType":{"type":"NUMERIC"}})",
                                 R"({"type":"ARRAY","arrayType":{"type":"STRING"}})",
                                 R"({"type":"ARRAY","arrayType":{"type":"INT64"}})",
                                 R"({"type":"ARRAY","arrayType":{"type":"INT64"}})"}));
  ASSERT_TRUE(parameters) << parameters.error().message;
  EXPECT_EQ((*parameters)[0]["parameterValue"], json::parse(R"({"arrayValues":[
      {"value":"1"},{"value":"12345678901234567890123"},{"value":"-2.50"},{"value":null}]})"));
  EXPECT_EQ((*parameters)[1]["parameterValue"],
            json::parse(R"({"arrayValues":[{"value":"a"},{"value":"b\"c"},{"value":"é"}]})"));
  EXPECT_EQ((*parameters)[2]["parameterValue"], json::parse(R"({"arrayValues":[]})"));
  // A NULL list binds as an empty one.
  EXPECT_EQ((*parameters)[3]["parameterValue"], json::parse(R"({"arrayValues":[]})"));
  EXPECT_EQ((*parameters)[0]["parameterType"],
            json::parse(R"({"type":"ARRAY","arrayType":{"type":"NUMERIC"}})"));
}

TEST(QueryParametersTest, RemoteJoinKeysAsArrayOfStruct) {
  const std::string type = R"({"type":"ARRAY","arrayType":{"type":"STRUCT","structTypes":[
      {"name":"__argument_id__","type":{"type":"INT64"}},
      {"name":"k0","type":{"type":"STRING"}},
      {"name":"k1","type":{"type":"BOOL"}}]}})";
  Result<json> parameters =
      QueryParameters(Statement({R"([[0,"a",true],[1,null,false]])"}, {type}));
  ASSERT_TRUE(parameters) << parameters.error().message;
  EXPECT_EQ(*parameters, json::parse(R"([{"name":"p1","parameterType":)" + type +
                                     R"(,"parameterValue":{"arrayValues":[
      {"structValues":{"__argument_id__":{"value":"0"},"k0":{"value":"a"},"k1":{"value":"true"}}},
      {"structValues":{"__argument_id__":{"value":"1"},"k0":{"value":null},"k1":{"value":"false"}}}
    ]}}])"));
}

TEST(QueryParametersTest, JsonValuesKeepTheirText) {
  Result<json> parameters = QueryParameters(
      Statement({R"([{"a": [1, 2]}, "s"])"}, {R"({"type":"ARRAY","arrayType":{"type":"JSON"}})"}));
  ASSERT_TRUE(parameters) << parameters.error().message;
  EXPECT_EQ((*parameters)[0]["parameterValue"],
            json::parse(R"({"arrayValues":[{"value":"{\"a\": [1, 2]}"},{"value":"\"s\""}]})"));
}

TEST(QueryParametersTest, ValuesThatDoNotFitAreErrors) {
  const std::string ints = R"({"type":"ARRAY","arrayType":{"type":"INT64"}})";
  const std::string pairs =
      R"({"type":"ARRAY","arrayType":{"type":"STRUCT","structTypes":[
          {"name":"a","type":{"type":"INT64"}},{"name":"b","type":{"type":"INT64"}}]}})";
  struct Case {
    std::optional<std::string> value;
    std::string type;
    std::string message;
  };
  const std::vector<Case> cases = {
      {"[1,", ints, "parameter @p1: its ARRAY value is not JSON"},
      {"5", ints, "parameter @p1: a value does not fit its BigQuery type ARRAY: expected a list"},
      {"[[1]]", ints,
       "parameter @p1: a value does not fit its BigQuery type INT64: a list or an object is not "
       "a scalar"},
      {"[[1]]", pairs,
       "parameter @p1: a value does not fit its BigQuery type STRUCT: expected a list of 2 values"},
      {"1", "INT64", "parameter @p1: \"INT64\" is not a BigQuery parameter type"},
  };
  for (const Case& test : cases) {
    Result<json> parameters = QueryParameters(Statement({test.value}, {test.type}));
    ASSERT_FALSE(parameters) << test.type;
    EXPECT_EQ(parameters.error().code, ErrorCode::kUnexpected);
    EXPECT_EQ(parameters.error().message, test.message);
  }
  EXPECT_FALSE(QueryParameters(Statement({"1", "2"}, {R"({"type":"INT64"})"})));
}

class PoolTest : public ::testing::Test {
 protected:
  PoolTest() : work_(boost::asio::make_work_guard(io_)) {
    for (int i = 0; i < 2; ++i) threads_.emplace_back([this] { io_.run(); });
    SourceConfig config;
    config.service_account.client_email = "engine@p.iam.gserviceaccount.com";
    config.service_account.private_key = test_support::Key().private_pem;
    config.service_account.token_uri = fake_.Url("/token");
    config.project_id = "p";
    config.datasets = {"source", "target"};
    config.timeout = std::chrono::seconds(5);
    pool_ = std::make_unique<Pool>(io_.get_executor(), config, fake_.Host());
  }
  ~PoolTest() override {
    pool_.reset();
    work_.reset();
    io_.stop();
    for (std::thread& thread : threads_) thread.join();
  }

  // Runs `task` on the pool's io_context; a task that hangs fails the test after 15s.
  template <typename T>
  std::optional<T> Run(std::function<boost::asio::awaitable<T>()> task) {
    auto promise = std::make_shared<std::promise<T>>();
    std::future<T> future = promise->get_future();
    boost::asio::co_spawn(
        io_,
        [task = std::move(task), promise]() -> boost::asio::awaitable<void> {
          T value = co_await task();
          promise->set_value(std::move(value));
        },
        boost::asio::detached);
    if (future.wait_for(std::chrono::seconds(15)) != std::future_status::ready) {
      ADD_FAILURE() << "the task did not end";
      return std::nullopt;
    }
    return future.get();
  }

  test_support::FakeBigQuery fake_;
  boost::asio::io_context io_;
  boost::asio::executor_work_guard<boost::asio::io_context::executor_type> work_;
  std::vector<std::thread> threads_;
  std::unique_ptr<Pool> pool_;
};

TEST_F(PoolTest, ExecuteSendsTheParametersAndDecodesByTheShape) {
  auto shape = std::make_shared<sql::RowShape>();
  sql::FieldShape id, name, typename_;
  id.key = "id";
  name.key = "name";
  typename_.key = "__typename";
  typename_.kind = sql::FieldShape::Kind::kConstant;
  typename_.constant = "\"author\"";
  shape->fields = {id, name, typename_};
  sql::Statement statement = Statement({"1"}, {R"({"type":"INT64"})"});
  statement.text = "SELECT `a`.`id` AS `c0`, `a`.`name` AS `c1` FROM `source`.`author` AS `a`";
  statement.shape = shape;
  std::optional<Result<std::string>> json_text =
      Run<Result<std::string>>([&]() { return pool_->Execute(statement); });
  ASSERT_TRUE(json_text);
  ASSERT_TRUE(*json_text) << json_text->error().message;
  EXPECT_EQ(json::parse(**json_text), json::parse(R"([
      {"id":"1","name":"Ann","__typename":"author"},
      {"id":"2","name":"Bo","__typename":"author"},
      {"id":"3","name":null,"__typename":"author"}])"));
  const std::vector<test_support::Seen> seen = fake_.requests();
  ASSERT_EQ(seen.size(), 1u);
  EXPECT_EQ(seen[0].body["query"], statement.text);
  EXPECT_EQ(seen[0].body["queryParameters"], json::parse(R"(
      [{"name":"p1","parameterType":{"type":"INT64"},"parameterValue":{"value":"1"}}])"));
}

TEST_F(PoolTest, ExecuteReportsBadParametersWithoutAQuery) {
  sql::Statement statement =
      Statement({"[1"}, {R"({"type":"ARRAY","arrayType":{"type":"INT64"}})"});
  statement.shape = std::make_shared<sql::RowShape>();
  std::optional<Result<std::string>> json_text =
      Run<Result<std::string>>([&]() { return pool_->Execute(statement); });
  ASSERT_TRUE(json_text);
  ASSERT_FALSE(*json_text);
  EXPECT_EQ(json_text->error().message, "parameter @p1: its ARRAY value is not JSON");
  EXPECT_TRUE(fake_.requests().empty());
}

TEST_F(PoolTest, IntrospectQueriesEachDatasetAtOnce) {
  const json fields = json::parse(R"([{"name":"table_name","type":"STRING"},
      {"name":"table_type","type":"STRING"},{"name":"column_name","type":"STRING"},
      {"name":"ordinal_position","type":"INTEGER"},{"name":"is_nullable","type":"STRING"},
      {"name":"data_type","type":"STRING"}])");
  fake_.Set([&](test_support::FakeBigQuery::Settings& s) {
    s.api_delay = std::chrono::milliseconds(1500);
    s.results = [fields](const std::string& sql) {
      auto row = [](std::string table, std::string column, int position, std::string type) {
        return json{{"f",
                     {{{"v", table}},
                      {{"v", "BASE TABLE"}},
                      {{"v", column}},
                      {{"v", std::to_string(position)}},
                      {{"v", "YES"}},
                      {{"v", type}}}}};
      };
      if (sql.find("`source`.INFORMATION_SCHEMA") != std::string::npos) {
        return std::pair(fields, std::vector<json>{row("author", "id", 1, "INT64"),
                                                   row("author", "name", 2, "STRING")});
      }
      return std::pair(fields, std::vector<json>{row("article", "tags", 1, "ARRAY<STRING>")});
    };
  });
  const auto started = std::chrono::steady_clock::now();
  std::optional<Result<metadata::Catalog>> catalog =
      Run<Result<metadata::Catalog>>([&]() { return pool_->Introspect(); });
  const auto elapsed = std::chrono::steady_clock::now() - started;
  ASSERT_TRUE(catalog);
  ASSERT_TRUE(*catalog) << catalog->error().message;
  ASSERT_EQ((*catalog)->tables.size(), 2u);
  const metadata::CatalogTable* author = (*catalog)->FindTable({"source", "author"});
  ASSERT_NE(author, nullptr);
  ASSERT_EQ(author->columns.size(), 2u);
  EXPECT_EQ(author->columns[1].name, "name");
  EXPECT_EQ(author->columns[1].type, "STRING");
  const metadata::CatalogTable* article = (*catalog)->FindTable({"target", "article"});
  ASSERT_NE(article, nullptr);
  EXPECT_TRUE(article->columns[0].is_array);
  EXPECT_EQ(fake_.requests().size(), 2u);
  // Where BigQuery ran the jobs (the fake says EU) is where the datasets are; the limit is the
  // configuration's.
  EXPECT_EQ((*catalog)->location, "EU");
  EXPECT_EQ((*catalog)->global_select_limit, 1000);
  // Two answers of 1.5 s each, at once: one by one would take 3 s and more.
  EXPECT_LT(elapsed, std::chrono::milliseconds(2900)) << "the datasets were queried one by one";
}

// The error becomes the source's inconsistency, which only admins see: it names the dataset and
// says what BigQuery answered, which the client keeps out of its own message.
TEST_F(PoolTest, IntrospectErrorsNameTheDatasetAndBigQuerysWords) {
  fake_.Set([](test_support::FakeBigQuery::Settings& s) {
    s.failures = {{400, "invalidQuery"}, {400, "invalidQuery"}};
  });
  std::optional<Result<metadata::Catalog>> catalog =
      Run<Result<metadata::Catalog>>([&]() { return pool_->Introspect(); });
  ASSERT_TRUE(catalog);
  ASSERT_FALSE(*catalog);
  EXPECT_EQ(catalog->error().message,
            "dataset source: database query error: Exceeded rate limits: too many requests");

  fake_.Set([](test_support::FakeBigQuery::Settings& s) {
    s.failures = {{403, "accessDenied"}, {403, "accessDenied"}};
  });
  catalog = Run<Result<metadata::Catalog>>([&]() { return pool_->Introspect(); });
  ASSERT_TRUE(catalog);
  ASSERT_FALSE(*catalog);
  EXPECT_EQ(catalog->error().message,
            "dataset source: BigQuery request failed (HTTP 403, accessDenied): Exceeded rate "
            "limits: too many requests");
}

}  // namespace
}  // namespace junction::backends::bigquery
