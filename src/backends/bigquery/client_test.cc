// Client against fake_bigquery.h's token endpoint and REST API: one page, polls, pages,
// retries and their backoff, query errors, messages that keep BigQuery's words for admins,
// malformed answers, token renewal after a 401, refused grants, time-outs, token caching,
// concurrent queries sharing one exchange, refresh of a short-lived token; TokenSource's exchange
// retried and bounded by the deadline, and Invalidate. The io_context runs on two threads, as in
// the engine. Timing assertions leave wide margins: these tests run under AddressSanitizer on a
// loaded machine too.

#include "backends/bigquery/client.h"

#include <future>
#include <memory>
#include <thread>
#include <vector>

#include <gtest/gtest.h>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "backends/bigquery/fake_bigquery.h"
#include "backends/bigquery/service_account.h"
#include "backends/bigquery/test_key.h"
#include "backends/http/http_client.h"

namespace junction::backends::bigquery {
namespace {

namespace asio = boost::asio;
using nlohmann::json;
using namespace std::chrono_literals;

using test_support::FakeBigQuery;
using test_support::Seen;

class ClientTest : public ::testing::Test {
 protected:
  ClientTest() : work_(asio::make_work_guard(io_)) {
    for (int i = 0; i < 2; ++i) threads_.emplace_back([this] { io_.run(); });
  }
  ~ClientTest() override { Stop(); }

  // Stops the io_context's threads (once): before anything they use is destroyed.
  void Stop() {
    work_.reset();
    io_.stop();
    for (std::thread& thread : threads_) thread.join();
    threads_.clear();
  }

  SourceConfig Config() {
    SourceConfig config;
    config.service_account.client_email = "engine@p.iam.gserviceaccount.com";
    config.service_account.private_key = test_support::Key().private_pem;
    config.service_account.private_key_id = "key-1";
    config.service_account.token_uri = fake_.Url("/token");
    config.project_id = "p";
    config.datasets = {"source"};
    config.retry_base_delay = 50ms;
    config.timeout = 5s;
    return config;
  }

  std::unique_ptr<Client> MakeClient(SourceConfig config) {
    return std::make_unique<Client>(io_.get_executor(), std::move(config), fake_.Host());
  }

  std::future<Result<QueryAnswer>> QueryAsync(Client& client, std::string sql,
                                              json parameters = json::array()) {
    auto promise = std::make_shared<std::promise<Result<QueryAnswer>>>();
    std::future<Result<QueryAnswer>> future = promise->get_future();
    asio::co_spawn(
        io_,
        [&client, promise, sql = std::move(sql),
         parameters = std::move(parameters)]() mutable -> asio::awaitable<void> {
          Result<QueryAnswer> answer = co_await client.Query(std::move(sql), std::move(parameters));
          promise->set_value(std::move(answer));
        },
        asio::detached);
    return future;
  }

  // Every query is bounded: one that hangs fails the test after 15s.
  Result<QueryAnswer> Query(Client& client, std::string sql = "SELECT 1",
                            json parameters = json::array()) {
    std::future<Result<QueryAnswer>> future =
        QueryAsync(client, std::move(sql), std::move(parameters));
    if (future.wait_for(15s) != std::future_status::ready) {
      ADD_FAILURE() << "the query did not end";
      return Error(ErrorCode::kUnexpected, "hung");
    }
    return future.get();
  }

  static std::vector<json> Rows(std::initializer_list<const char*> texts) {
    std::vector<json> rows;
    for (const char* text : texts) rows.push_back(json::parse(text));
    return rows;
  }

  FakeBigQuery fake_;
  asio::io_context io_;
  asio::executor_work_guard<asio::io_context::executor_type> work_;
  std::vector<std::thread> threads_;
};

TEST_F(ClientTest, AQueryAnsweredInOnePage) {
  SourceConfig config = Config();
  config.location = "EU";
  std::unique_ptr<Client> client = MakeClient(config);
  const json parameters = json::parse(
      R"([{"name":"p1","parameterType":{"type":"INT64"},"parameterValue":{"value":"7"}}])");
  Result<QueryAnswer> answer = Query(*client, "SELECT `t`.`id` FROM `source`.`t`", parameters);
  ASSERT_TRUE(answer) << answer.error().message;
  EXPECT_EQ(answer->fields.size(), 2u);
  EXPECT_EQ(answer->fields[0]["name"], "id");
  ASSERT_EQ(answer->rows.size(), 3u);
  EXPECT_EQ(answer->rows[1], json::parse(R"({"f":[{"v":"2"},{"v":"Bo"}]})"));
  EXPECT_EQ(answer->job_id, "job_1");
  EXPECT_EQ(answer->location, "EU");

  const std::vector<Seen> seen = fake_.requests();
  ASSERT_EQ(seen.size(), 1u);
  EXPECT_EQ(seen[0].method, "POST");
  EXPECT_EQ(seen[0].path, "/bigquery/v2/projects/p/queries");
  const json& body = seen[0].body;
  EXPECT_EQ(body["query"], "SELECT `t`.`id` FROM `source`.`t`");
  EXPECT_EQ(body["useLegacySql"], false);
  EXPECT_EQ(body["parameterMode"], "NAMED");
  EXPECT_EQ(body["queryParameters"], parameters);
  EXPECT_EQ(body["location"], "EU");
  EXPECT_EQ(body["formatOptions"], json::parse(R"({"useInt64Timestamp":true})"));
  ASSERT_TRUE(body["timeoutMs"].is_number_integer());
  EXPECT_GT(body["timeoutMs"].get<int64_t>(), 0);
  EXPECT_LE(body["timeoutMs"].get<int64_t>(), 5000);
  ASSERT_TRUE(body["requestId"].is_string());
  EXPECT_EQ(body["requestId"].get<std::string>().size(), 36u);
  EXPECT_EQ(fake_.tokens(), 1);

  // Without a configured location none is sent; each query has its own request id.
  std::unique_ptr<Client> unlocated = MakeClient(Config());
  ASSERT_TRUE(Query(*unlocated));
  const json next = fake_.requests().back().body;
  EXPECT_FALSE(next.contains("location"));
  EXPECT_NE(next["requestId"], body["requestId"]);
}

TEST_F(ClientTest, AnIncompleteJobIsPolled) {
  fake_.Set([](FakeBigQuery::Settings& s) { s.incomplete_polls = 2; });
  std::unique_ptr<Client> client = MakeClient(Config());
  Result<QueryAnswer> answer = Query(*client);
  ASSERT_TRUE(answer) << answer.error().message;
  EXPECT_EQ(answer->rows.size(), 3u);
  const std::vector<Seen> seen = fake_.requests();
  ASSERT_EQ(seen.size(), 3u);
  for (size_t i = 1; i < 3; ++i) {
    EXPECT_EQ(seen[i].method, "GET");
    EXPECT_EQ(seen[i].path, "/bigquery/v2/projects/p/queries/job_1");
    // The location the job reference named, though the source configured none.
    EXPECT_EQ(seen[i].query.at("location"), "EU");
    EXPECT_EQ(seen[i].query.at("formatOptions.useInt64Timestamp"), "true");
    EXPECT_GT(std::stoll(seen[i].query.at("timeoutMs")), 0);
    EXPECT_FALSE(seen[i].query.contains("pageToken"));
  }
}

TEST_F(ClientTest, PagesAreFollowed) {
  fake_.Set([](FakeBigQuery::Settings& s) { s.page_size = 1; });
  std::unique_ptr<Client> client = MakeClient(Config());
  Result<QueryAnswer> answer = Query(*client);
  ASSERT_TRUE(answer) << answer.error().message;
  EXPECT_EQ(answer->rows,
            Rows({R"({"f":[{"v":"1"},{"v":"Ann"}]})", R"({"f":[{"v":"2"},{"v":"Bo"}]})",
                  R"({"f":[{"v":"3"},{"v":null}]})"}));
  const std::vector<Seen> seen = fake_.requests();
  ASSERT_EQ(seen.size(), 3u);
  EXPECT_EQ(seen[1].query.at("pageToken"), "pg+/=1");  // sent percent-encoded, decoded here
  EXPECT_EQ(seen[2].query.at("pageToken"), "pg+/=2");
}

TEST_F(ClientTest, PollingThenPaging) {
  fake_.Set([](FakeBigQuery::Settings& s) {
    s.incomplete_polls = 1;
    s.page_size = 2;
  });
  std::unique_ptr<Client> client = MakeClient(Config());
  Result<QueryAnswer> answer = Query(*client);
  ASSERT_TRUE(answer) << answer.error().message;
  EXPECT_EQ(answer->rows.size(), 3u);
  // The query, one poll (the same, first page), then the second page.
  const std::vector<Seen> seen = fake_.requests();
  ASSERT_EQ(seen.size(), 3u);
  EXPECT_FALSE(seen[1].query.contains("pageToken"));
  EXPECT_EQ(seen[2].query.at("pageToken"), "pg+/=2");
}

TEST_F(ClientTest, RateLimitedThenAnswered) {
  fake_.Set([](FakeBigQuery::Settings& s) { s.failures = {{403, "rateLimitExceeded"}}; });
  SourceConfig config = Config();
  config.retry_base_delay = 200ms;
  std::unique_ptr<Client> client = MakeClient(config);
  const auto started = std::chrono::steady_clock::now();
  Result<QueryAnswer> answer = Query(*client);
  const auto elapsed = std::chrono::steady_clock::now() - started;
  ASSERT_TRUE(answer) << answer.error().message;
  EXPECT_EQ(answer->rows.size(), 3u);
  EXPECT_GE(elapsed, 160ms) << "the retry did not wait (200 ms, less 20% of jitter at most)";
  const std::vector<Seen> seen = fake_.requests();
  ASSERT_EQ(seen.size(), 2u);  // one retry
  // The retry is the same request: BigQuery runs a request id's query once.
  EXPECT_EQ(seen[0].body["requestId"], seen[1].body["requestId"]);
}

TEST_F(ClientTest, RetriesBackOffExponentially) {
  fake_.Set([](FakeBigQuery::Settings& s) {
    s.failures = {{500, "backendError"}, {400, "backendError"}, {429, "rateLimitExceeded"}};
  });
  SourceConfig config = Config();
  config.retry_base_delay = 50ms;
  std::unique_ptr<Client> client = MakeClient(config);
  const auto started = std::chrono::steady_clock::now();
  Result<QueryAnswer> answer = Query(*client);
  ASSERT_TRUE(answer) << answer.error().message;
  // 50 + 100 + 200 ms, less 20% of jitter at most.
  EXPECT_GE(std::chrono::steady_clock::now() - started, 280ms);
  EXPECT_EQ(fake_.requests().size(), 4u);
}

TEST_F(ClientTest, RetriesRunOut) {
  fake_.Set([](FakeBigQuery::Settings& s) {
    s.failures = {{503, "backendError"}, {503, "backendError"}, {503, "backendError"}};
  });
  SourceConfig config = Config();
  config.retry_limit = 2;
  std::unique_ptr<Client> client = MakeClient(config);
  Result<QueryAnswer> answer = Query(*client);
  ASSERT_FALSE(answer);
  EXPECT_EQ(answer.error().code, ErrorCode::kUnexpected);
  EXPECT_EQ(answer.error().message, "BigQuery request failed (HTTP 503, backendError)");
  EXPECT_EQ(answer.error().internal["message"], "Exceeded rate limits: too many requests");
  EXPECT_EQ(answer.error().internal["errors"][0]["reason"], "backendError");
  EXPECT_EQ(fake_.requests().size(), 3u);

  // retry_limit 0: no retries at all.
  fake_.Set([](FakeBigQuery::Settings& s) { s.failures = {{403, "rateLimitExceeded"}}; });
  config.retry_limit = 0;
  std::unique_ptr<Client> once = MakeClient(config);
  ASSERT_FALSE(Query(*once));
  EXPECT_EQ(fake_.requests().size(), 4u);
}

TEST_F(ClientTest, AQueryErrorIsADatabaseQueryError) {
  std::unique_ptr<Client> client = MakeClient(Config());
  Result<QueryAnswer> answer = Query(*client, "BAD");
  ASSERT_FALSE(answer);
  EXPECT_EQ(answer.error().message, "database query error");
  EXPECT_EQ(answer.error().internal["message"], "Unrecognized name: nope at [1:8]");
  EXPECT_EQ(answer.error().internal["errors"][0]["reason"], "invalidQuery");
  EXPECT_EQ(fake_.requests().size(), 1u) << "an invalid query is not retried";
}

// What a proxy or a broken service may answer: an HTML 502 is retried like any 5xx; a 200 that
// is not JSON, or JSON without a job, is an error naming the response, never a crash or a hang.
TEST_F(ClientTest, GarbageAnswersAreRetriedOrRefused) {
  std::unique_ptr<Client> client = MakeClient(Config());
  fake_.Set([](FakeBigQuery::Settings& s) {
    s.raw_answers = {{502, "<html><body>Bad Gateway</body></html>"}};
  });
  Result<QueryAnswer> answer = Query(*client);
  ASSERT_TRUE(answer) << answer.error().message;
  EXPECT_EQ(answer->rows.size(), 3u);

  for (const char* body : {"not json at all", R"({"kind":"bigquery#queryResponse"})",
                           R"({"jobComplete":true,"rows":"nope"})", "[1, 2]"}) {
    fake_.Set([body](FakeBigQuery::Settings& s) { s.raw_answers = {{200, body}}; });
    answer = Query(*client);
    ASSERT_FALSE(answer) << body;
    EXPECT_EQ(answer.error().message, "malformed BigQuery response") << body;
    EXPECT_TRUE(answer.error().internal["message"].is_string()) << body;
  }
  // What was not JSON is kept, for admins.
  fake_.Set([](FakeBigQuery::Settings& s) { s.raw_answers = {{200, "<p>oops</p>"}}; });
  answer = Query(*client);
  ASSERT_FALSE(answer);
  EXPECT_EQ(answer.error().internal["body"], "<p>oops</p>");
}

// A complete job's answer without a schema is not an empty result: its rows could not be read.
TEST_F(ClientTest, ACompleteJobWithoutASchemaIsMalformed) {
  std::unique_ptr<Client> client = MakeClient(Config());
  for (const char* body :
       {R"({"jobReference":{"projectId":"p","jobId":"j"},"jobComplete":true,"totalRows":"0"})",
        R"({"jobReference":{"projectId":"p","jobId":"j"},"jobComplete":true,"schema":{}})",
        R"({"jobReference":{"projectId":"p","jobId":"j"},"jobComplete":true,"schema":[]})"}) {
    fake_.Set([body](FakeBigQuery::Settings& s) { s.raw_answers = {{200, body}}; });
    Result<QueryAnswer> answer = Query(*client);
    ASSERT_FALSE(answer) << body;
    EXPECT_EQ(answer.error().message, "malformed BigQuery response") << body;
  }
  fake_.Set([](FakeBigQuery::Settings& s) {
    s.raw_answers = {{200, R"({"jobReference":{"projectId":"p","jobId":"j"},"jobComplete":true})"}};
  });
  Result<QueryAnswer> answer = Query(*client);
  ASSERT_FALSE(answer);
  EXPECT_EQ(answer.error().internal["message"], "a complete job's answer has no schema");
}

// Every client sees an error's message; only admins its internal. BigQuery's words — its
// message, a proxy's page, a reason that is not a code — stay in internal.
TEST_F(ClientTest, ErrorMessagesKeepBigQuerysWordsForAdmins) {
  SourceConfig config = Config();
  config.retry_limit = 0;
  std::unique_ptr<Client> client = MakeClient(config);
  fake_.Set([](FakeBigQuery::Settings& s) { s.failures = {{403, "accessDenied"}}; });
  Result<QueryAnswer> answer = Query(*client);
  ASSERT_FALSE(answer);
  EXPECT_EQ(answer.error().message, "BigQuery request failed (HTTP 403, accessDenied)");
  EXPECT_EQ(answer.error().internal["message"], "Exceeded rate limits: too many requests");

  fake_.Set([](FakeBigQuery::Settings& s) {
    s.failures = {{403, "Access Denied: Table p:secret.salaries"}};
  });
  answer = Query(*client);
  ASSERT_FALSE(answer);
  EXPECT_EQ(answer.error().message, "BigQuery request failed (HTTP 403)");
  EXPECT_EQ(answer.error().internal["errors"][0]["reason"],
            "Access Denied: Table p:secret.salaries");

  fake_.Set([](FakeBigQuery::Settings& s) {
    s.raw_answers = {{403, "<html>no such host behind proxy-7</html>"}};
  });
  answer = Query(*client);
  ASSERT_FALSE(answer);
  EXPECT_EQ(answer.error().message, "BigQuery request failed (HTTP 403)");
  EXPECT_EQ(answer.error().internal["message"], "<html>no such host behind proxy-7</html>");
  EXPECT_EQ(answer.error().internal["code"], 403);

  // The query's own fault: BigQuery's message (which names tables and columns) is internal.
  answer = Query(*client, "BAD");
  ASSERT_FALSE(answer);
  EXPECT_EQ(answer.error().message, "database query error");

  // No answer at all: what the transport said is internal too.
  SourceConfig unreachable = Config();
  std::unique_ptr<Client> nowhere =
      std::make_unique<Client>(io_.get_executor(), unreachable, "127.0.0.1:1");
  answer = Query(*nowhere);
  ASSERT_FALSE(answer);
  EXPECT_EQ(answer.error().message, "BigQuery request failed");
  EXPECT_TRUE(answer.error().internal["message"].is_string());
  EXPECT_FALSE(answer.error().internal["message"].get<std::string>().empty());
}

TEST_F(ClientTest, ARejectedTokenIsRenewedOnce) {
  std::unique_ptr<Client> client = MakeClient(Config());
  ASSERT_TRUE(Query(*client));
  fake_.RevokeTokens();
  Result<QueryAnswer> answer = Query(*client);
  ASSERT_TRUE(answer) << answer.error().message;
  EXPECT_EQ(fake_.tokens(), 2);
  EXPECT_EQ(fake_.requests().size(), 3u);  // the query, the refused one, its renewal

  // Refused again after the renewal: an authentication error, not a loop.
  fake_.Set([](FakeBigQuery::Settings& s) { s.reject_all_tokens = true; });
  answer = Query(*client);
  ASSERT_FALSE(answer);
  EXPECT_EQ(answer.error().message, "BigQuery authentication failed (HTTP 401, authError)");
  EXPECT_EQ(answer.error().internal["message"], "Request had invalid authentication credentials.");
  EXPECT_EQ(fake_.tokens(), 3);
  EXPECT_EQ(fake_.requests().size(), 5u);
}

TEST_F(ClientTest, ARefusedGrantIsAnAuthenticationError) {
  fake_.Set([](FakeBigQuery::Settings& s) { s.refuse_grants = true; });
  std::unique_ptr<Client> client = MakeClient(Config());
  Result<QueryAnswer> answer = Query(*client);
  ASSERT_FALSE(answer);
  EXPECT_EQ(answer.error().message, "BigQuery authentication failed (HTTP 400, invalid_grant)");
  EXPECT_EQ(answer.error().internal["error"], "invalid_grant");
  EXPECT_EQ(answer.error().internal["error_description"], "Invalid JWT Signature.");
  EXPECT_EQ(answer.error().internal["message"], "invalid_grant: Invalid JWT Signature.");
  EXPECT_TRUE(fake_.requests().empty());
  EXPECT_EQ(fake_.token_requests(), 1) << "a refused grant is not retried";
}

TEST_F(ClientTest, AHangingServerTimesOutWithinTheSourceTimeout) {
  fake_.Set([](FakeBigQuery::Settings& s) { s.hang = true; });
  SourceConfig config = Config();
  config.timeout = 500ms;
  std::unique_ptr<Client> client = MakeClient(config);
  const auto started = std::chrono::steady_clock::now();
  Result<QueryAnswer> answer = Query(*client);
  const auto elapsed = std::chrono::steady_clock::now() - started;
  ASSERT_FALSE(answer);
  EXPECT_EQ(answer.error().message, "BigQuery query timed out after 0.5s");
  EXPECT_GE(elapsed, 450ms);
  EXPECT_LT(elapsed, 8s);
}

TEST_F(ClientTest, AJobThatNeverCompletesTimesOut) {
  fake_.Set([](FakeBigQuery::Settings& s) { s.incomplete_polls = 1'000'000; });
  SourceConfig config = Config();
  config.timeout = 1s;
  std::unique_ptr<Client> client = MakeClient(config);
  Result<QueryAnswer> answer = Query(*client);
  ASSERT_FALSE(answer);
  EXPECT_EQ(answer.error().message, "BigQuery query timed out after 1s");
}

TEST_F(ClientTest, TheTokenIsCached) {
  std::unique_ptr<Client> client = MakeClient(Config());
  ASSERT_TRUE(Query(*client));
  ASSERT_TRUE(Query(*client));
  EXPECT_EQ(fake_.tokens(), 1);
  EXPECT_EQ(fake_.requests().size(), 2u);
}

TEST_F(ClientTest, ConcurrentQueriesShareOneExchange) {
  fake_.Set([](FakeBigQuery::Settings& s) { s.token_delay = 300ms; });
  std::unique_ptr<Client> client = MakeClient(Config());
  std::vector<std::future<Result<QueryAnswer>>> futures;
  for (int i = 0; i < 4; ++i) futures.push_back(QueryAsync(*client, "SELECT 1"));
  for (auto& future : futures) {
    ASSERT_EQ(future.wait_for(15s), std::future_status::ready);
    Result<QueryAnswer> answer = future.get();
    ASSERT_TRUE(answer) << answer.error().message;
  }
  EXPECT_EQ(fake_.tokens(), 1);
  EXPECT_EQ(fake_.requests().size(), 4u);
}

// A token is reused while more than min(60 s, half its lifetime) remains (TheTokenIsCached:
// an hour's); one that lives 1 s is renewed by the query after it expired.
TEST_F(ClientTest, AShortLivedTokenIsRefreshed) {
  fake_.Set([](FakeBigQuery::Settings& s) { s.token_lifetime = 1; });
  std::unique_ptr<Client> client = MakeClient(Config());
  ASSERT_TRUE(Query(*client));
  EXPECT_EQ(fake_.tokens(), 1);
  std::this_thread::sleep_for(1500ms);
  ASSERT_TRUE(Query(*client));
  EXPECT_EQ(fake_.tokens(), 2);
}

// The token exchange counts against the query's timeout: a token endpoint that does not answer
// ends in the query's time-out, not in one of its own.
TEST_F(ClientTest, TheTokenExchangeIsBoundedByTheDeadline) {
  fake_.Set([](FakeBigQuery::Settings& s) { s.token_delay = 30s; });
  SourceConfig config = Config();
  config.timeout = 1s;
  std::unique_ptr<Client> client = MakeClient(config);
  const auto started = std::chrono::steady_clock::now();
  Result<QueryAnswer> answer = Query(*client);
  const auto elapsed = std::chrono::steady_clock::now() - started;
  ASSERT_FALSE(answer);
  EXPECT_EQ(answer.error().message, "BigQuery query timed out after 1s");
  EXPECT_GE(elapsed, 950ms);
  EXPECT_LT(elapsed, 8s);
  EXPECT_TRUE(fake_.requests().empty());
}

TEST_F(ClientTest, TheTokenExchangeIsRetriedOnServerErrors) {
  fake_.Set([](FakeBigQuery::Settings& s) {
    s.token_failures = {{503, "<html>Service Unavailable</html>"},
                        {429, R"({"error":"rate_limited"})"}};
  });
  std::unique_ptr<Client> client = MakeClient(Config());
  Result<QueryAnswer> answer = Query(*client);
  ASSERT_TRUE(answer) << answer.error().message;
  EXPECT_EQ(fake_.token_requests(), 3);
  EXPECT_EQ(fake_.tokens(), 1);

  // Until the retries run out: the last failure, its body for admins only.
  fake_.Set([](FakeBigQuery::Settings& s) {
    s.token_failures = {{503, "<html>1</html>"}, {503, "<html>2</html>"}, {503, "<html>3</html>"}};
  });
  SourceConfig config = Config();
  config.retry_limit = 1;
  std::unique_ptr<Client> limited = MakeClient(config);
  answer = Query(*limited);
  ASSERT_FALSE(answer);
  EXPECT_EQ(answer.error().message, "BigQuery authentication failed (HTTP 503)");
  EXPECT_EQ(answer.error().internal["message"], "<html>2</html>");
  EXPECT_EQ(fake_.token_requests(), 5);
}

// The retries' waits stay within the deadline: past it the query times out, saying for admins
// what failed.
TEST_F(ClientTest, TokenRetriesStopAtTheDeadline) {
  fake_.Set([](FakeBigQuery::Settings& s) {
    for (int i = 0; i < 50; ++i) s.token_failures.emplace_back(503, "busy");
  });
  SourceConfig config = Config();
  config.timeout = 2s;
  config.retry_base_delay = 500ms;
  std::unique_ptr<Client> client = MakeClient(config);
  const auto started = std::chrono::steady_clock::now();
  Result<QueryAnswer> answer = Query(*client);
  const auto elapsed = std::chrono::steady_clock::now() - started;
  ASSERT_FALSE(answer);
  EXPECT_EQ(answer.error().message, "BigQuery query timed out after 2s");
  EXPECT_EQ(answer.error().internal["message"], "BigQuery authentication failed (HTTP 503): busy");
  EXPECT_LT(elapsed, 8s);
  // Waits of 0.5 s and 1 s (±20%) fit in 2 s; 2 s more would not.
  EXPECT_GE(fake_.token_requests(), 2);
  EXPECT_LE(fake_.token_requests(), 3);
}

// An endpoint that cannot be reached is retried like one that answers 503.
TEST_F(ClientTest, AnUnreachableTokenEndpointIsRetried) {
  SourceConfig config = Config();
  config.service_account.token_uri = "http://127.0.0.1:1/token";
  config.retry_limit = 2;
  config.retry_base_delay = 100ms;
  std::unique_ptr<Client> client = MakeClient(config);
  const auto started = std::chrono::steady_clock::now();
  Result<QueryAnswer> answer = Query(*client);
  const auto elapsed = std::chrono::steady_clock::now() - started;
  ASSERT_FALSE(answer);
  EXPECT_EQ(answer.error().message, "BigQuery authentication failed");
  EXPECT_TRUE(answer.error().internal["message"].is_string());
  EXPECT_GE(elapsed, 240ms) << "no retries (100 + 200 ms, less 20% of jitter at most)";
}

// TokenSource on its own: Invalidate forgets only the token it names; a waiter for another
// caller's exchange gives up at its own deadline.
class TokenSourceTest : public ClientTest {
 protected:
  TokenSourceTest()
      : http_(io_.get_executor()),
        tokens_(http_, Config().service_account, 2, std::chrono::microseconds(50'000)) {}
  ~TokenSourceTest() override { Stop(); }

  std::future<TokenOutcome> TokenAsync(std::chrono::steady_clock::duration within) {
    auto promise = std::make_shared<std::promise<TokenOutcome>>();
    std::future<TokenOutcome> future = promise->get_future();
    const auto deadline = std::chrono::steady_clock::now() + within;
    asio::co_spawn(
        io_,
        [this, promise, deadline]() -> asio::awaitable<void> {
          TokenOutcome outcome = co_await tokens_.Token(deadline);
          promise->set_value(std::move(outcome));
        },
        asio::detached);
    return future;
  }

  std::string Token() {
    std::future<TokenOutcome> future = TokenAsync(10s);
    if (future.wait_for(15s) != std::future_status::ready) {
      ADD_FAILURE() << "Token() did not end";
      return "";
    }
    TokenOutcome outcome = future.get();
    if (!outcome.token) {
      ADD_FAILURE() << outcome.token.error().message;
      return "";
    }
    return *outcome.token;
  }

  http::HttpClient http_;
  TokenSource tokens_;
};

TEST_F(TokenSourceTest, InvalidateForgetsOnlyTheRejectedToken) {
  EXPECT_EQ(Token(), "token-1");
  EXPECT_EQ(Token(), "token-1");
  tokens_.Invalidate("token-1");
  EXPECT_EQ(Token(), "token-2");
  // A late 401 to a request sent with the old token: the new one stays.
  tokens_.Invalidate("token-1");
  EXPECT_EQ(Token(), "token-2");
  EXPECT_EQ(fake_.tokens(), 2);
  tokens_.Invalidate("token-2");
  EXPECT_EQ(Token(), "token-3");
}

TEST_F(TokenSourceTest, AWaiterGivesUpAtItsOwnDeadline) {
  fake_.Set([](FakeBigQuery::Settings& s) { s.token_delay = 3s; });
  std::future<TokenOutcome> patient = TokenAsync(20s);
  // `patient` runs the exchange; `hasty` comes once it is under way.
  for (int i = 0; i < 1000 && fake_.token_requests() == 0; ++i) std::this_thread::sleep_for(10ms);
  ASSERT_EQ(fake_.token_requests(), 1);
  const auto started = std::chrono::steady_clock::now();
  std::future<TokenOutcome> hasty = TokenAsync(300ms);
  ASSERT_EQ(hasty.wait_for(15s), std::future_status::ready);
  const auto elapsed = std::chrono::steady_clock::now() - started;
  TokenOutcome outcome = hasty.get();
  EXPECT_TRUE(outcome.timed_out);
  EXPECT_FALSE(outcome.token);
  EXPECT_LT(elapsed, 2500ms) << "the waiter waited for the exchange, past its deadline";
  ASSERT_EQ(patient.wait_for(15s), std::future_status::ready);
  TokenOutcome had = patient.get();
  ASSERT_TRUE(had.token) << had.token.error().message;
  EXPECT_EQ(*had.token, "token-1");
  EXPECT_EQ(fake_.token_requests(), 1);
}

TEST(ApiBaseUrlTest, GoogleOrTheEmulator) {
  EXPECT_EQ(ApiBaseUrl(std::nullopt), "https://bigquery.googleapis.com/bigquery/v2");
  EXPECT_EQ(ApiBaseUrl(""), "https://bigquery.googleapis.com/bigquery/v2");
  EXPECT_EQ(ApiBaseUrl("localhost:9050"), "http://localhost:9050/bigquery/v2");
  EXPECT_EQ(ApiBaseUrl("http://127.0.0.1:9050/"), "http://127.0.0.1:9050/bigquery/v2");
  EXPECT_EQ(ApiBaseUrl("https://bq.internal"), "https://bq.internal/bigquery/v2");
}

}  // namespace
}  // namespace junction::backends::bigquery
