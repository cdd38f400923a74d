// HttpServer over real sockets on 127.0.0.1, port 0: keep-alive, the body limit, timeouts, the
// connection limit, handler failures and the graceful stop. Timeouts are shortened per test; every
// blocking read in the client gives up after a few seconds, so a broken server fails a test
// rather than hanging it.

#include "server/http_server.h"

#include <atomic>
#include <chrono>
#include <future>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <thread>
#include <utility>  // before any Asio header: Boost 1.74 + GCC 12

#include <gtest/gtest.h>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "server/http_test_client.h"
#include "server/logging.h"

namespace junction::server {
namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;
using http_test::Client;
using http_test::Get;
using http_test::Post;
using http_test::Response;

// graphql: echoes the body; metadata: sleeps `slow_delay` first; query v1: throws.
class FakeHandlers : public Handlers {
 public:
  boost::asio::awaitable<HttpResponse> HandleGraphql(const HttpRequest& request) override {
    HttpResponse response;
    response.body = "echo:" + request.body;
    response.headers["x-seen-request-id"] = std::string(request.Header("x-request-id"));
    co_return response;
  }
  boost::asio::awaitable<HttpResponse> HandleMetadata(const HttpRequest&) override {
    slow_started = true;
    boost::asio::steady_timer timer(co_await boost::asio::this_coro::executor, slow_delay);
    co_await timer.async_wait(boost::asio::use_awaitable);
    HttpResponse response;
    response.body = R"({"message":"success"})";
    co_return response;
  }
  boost::asio::awaitable<HttpResponse> HandleQueryV1(const HttpRequest&) override {
    throw std::runtime_error("handler bug");
    co_return HttpResponse{};
  }
  boost::asio::awaitable<HttpResponse> HandleQueryV2(const HttpRequest&) override {
    co_return HttpResponse{};
  }
  boost::asio::awaitable<HttpResponse> HandleExplain(const HttpRequest&) override {
    co_return HttpResponse{};
  }

  std::atomic<bool> slow_started{false};
  std::chrono::milliseconds slow_delay{400};
};

class HttpServerTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { InitLogging(spdlog::level::warn); }

  void Start(ServerOptions options = {}) {
    options.host = "127.0.0.1";
    options.port = 0;
    options.threads = 2;
    server_ = std::make_unique<HttpServer>(options, router_);
    Status started = server_->Start();
    ASSERT_TRUE(started) << started.error().message;
    ASSERT_NE(server_->port(), 0);
  }

  // Stops the server and checks that it ends within `limit`.
  void StopAndWait(std::chrono::milliseconds limit = 5000ms) {
    server_->Stop();
    auto waited = std::async(std::launch::async, [this] { server_->Wait(); });
    ASSERT_EQ(waited.wait_for(limit), std::future_status::ready) << "the server did not stop";
  }

  uint16_t port() const { return server_->port(); }

  FakeHandlers handlers_;
  Router router_{handlers_, "9.9.9"};
  std::unique_ptr<HttpServer> server_;
};

TEST_F(HttpServerTest, KeepAliveServesSeveralRequestsOnOneConnection) {
  Start();
  Client client(port());
  ASSERT_TRUE(client.connected());

  ASSERT_TRUE(client.Send(Get("/healthz")));
  std::optional<Response> health = client.Read();
  ASSERT_TRUE(health);
  EXPECT_EQ(health->status, 200u);
  EXPECT_EQ(health->body, "OK");
  EXPECT_EQ(health->headers["content-type"], "text/plain; charset=utf-8");
  EXPECT_EQ(health->headers["x-request-id"].size(), 36u);  // a generated UUID

  ASSERT_TRUE(client.Send(Post("/v1/graphql", R"({"query":"{a}"})", "X-Request-Id: r-1\r\n")));
  std::optional<Response> echo = client.Read();
  ASSERT_TRUE(echo);
  EXPECT_EQ(echo->status, 200u);
  EXPECT_EQ(echo->body, R"(echo:{"query":"{a}"})");
  EXPECT_EQ(echo->headers["x-request-id"], "r-1");
  EXPECT_EQ(echo->headers["x-seen-request-id"], "r-1");

  ASSERT_TRUE(client.Send(Get("/v1/version")));
  std::optional<Response> version = client.Read();
  ASSERT_TRUE(version);
  EXPECT_EQ(version->body, R"({"version":"9.9.9"})");
  StopAndWait();
}

TEST_F(HttpServerTest, HeadIsAnsweredWithHeadersOnly) {
  Start();
  Client client(port());
  // Pipelined: were a body sent after the HEAD's headers, the GET's answer would not parse.
  ASSERT_TRUE(client.Send("HEAD /v1/version HTTP/1.1\r\nHost: test\r\n\r\n" + Get("/v1/version")));
  std::optional<Response> head = client.Read(true);
  ASSERT_TRUE(head);
  EXPECT_EQ(head->status, 200u);
  EXPECT_EQ(head->headers["content-length"], "19");  // the length of the body not sent
  std::optional<Response> get = client.Read();
  ASSERT_TRUE(get);
  EXPECT_EQ(get->status, 200u);
  EXPECT_EQ(get->body, R"({"version":"9.9.9"})");
  StopAndWait();
}

TEST_F(HttpServerTest, PipelinedRequestsAreAnsweredInOrder) {
  Start();
  Client client(port());
  ASSERT_TRUE(client.Send(Post("/v1/graphql", "one") + Post("/v1/graphql", "two")));
  std::optional<Response> first = client.Read();
  std::optional<Response> second = client.Read();
  ASSERT_TRUE(first && second);
  EXPECT_EQ(first->body, "echo:one");
  EXPECT_EQ(second->body, "echo:two");
  StopAndWait();
}

TEST_F(HttpServerTest, UnknownPathIsNotFound) {
  Start();
  Client client(port());
  ASSERT_TRUE(client.Send(Get("/nothing/here?x=1")));
  std::optional<Response> response = client.Read();
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 404u);
  EXPECT_EQ(response->body, R"({"path":"$","error":"resource does not exist","code":"not-found"})");
  EXPECT_EQ(response->headers["content-type"], "application/json; charset=utf-8");
  StopAndWait();
}

constexpr std::string_view kTooLarge =
    R"({"path":"$","error":"request body is larger than the limit of 1024 bytes",)"
    R"("code":"payload-too-large"})";

TEST_F(HttpServerTest, BodyOverTheLimitIs413AndCloses) {
  ServerOptions options;
  options.max_body_bytes = 1024;
  Start(options);
  Client client(port());
  ASSERT_TRUE(client.Send(Post("/v1/graphql", std::string(4096, 'x'))));
  std::optional<Response> response = client.Read();
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 413u);
  EXPECT_EQ(response->body, kTooLarge);
  EXPECT_EQ(response->headers["connection"], "close");
  EXPECT_TRUE(client.ClosedByServer());
  StopAndWait();
}

TEST_F(HttpServerTest, BodyAtTheLimitIsAccepted) {
  ServerOptions options;
  options.max_body_bytes = 1024;
  Start(options);
  Client client(port());
  ASSERT_TRUE(client.Send(Post("/v1/graphql", std::string(1024, 'x'))));
  std::optional<Response> response = client.Read();
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 200u);
  EXPECT_EQ(response->body.size(), 5u + 1024u);
  StopAndWait();
}

TEST_F(HttpServerTest, ChunkedBodyOverTheLimitIs413) {
  ServerOptions options;
  options.max_body_bytes = 1024;
  Start(options);
  Client client(port());
  const std::string chunk(800, 'y');
  ASSERT_TRUE(
      client.Send("POST /v1/graphql HTTP/1.1\r\nHost: test\r\nTransfer-Encoding: chunked\r\n\r\n"
                  "320\r\n" +
                  chunk + "\r\n320\r\n" + chunk + "\r\n0\r\n\r\n"));
  std::optional<Response> response = client.Read();
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 413u);
  EXPECT_EQ(response->body, kTooLarge);
  StopAndWait();
}

TEST_F(HttpServerTest, ExpectContinueOverTheLimitIsRefusedBeforeTheBody) {
  ServerOptions options;
  options.max_body_bytes = 1024;
  Start(options);
  Client client(port());
  ASSERT_TRUE(
      client.Send("POST /v1/graphql HTTP/1.1\r\nHost: test\r\nContent-Length: 5000\r\n"
                  "Expect: 100-continue\r\n\r\n"));
  std::optional<Response> response = client.Read();
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 413u);
  StopAndWait();
}

TEST_F(HttpServerTest, ExpectContinueWithinTheLimitGetsContinueThenTheAnswer) {
  Start();
  Client client(port());
  ASSERT_TRUE(
      client.Send("POST /v1/graphql HTTP/1.1\r\nHost: test\r\nContent-Length: 3\r\n"
                  "Expect: 100-continue\r\n\r\n"));
  std::optional<Response> go_on = client.Read();
  ASSERT_TRUE(go_on);
  EXPECT_EQ(go_on->status, 100u);
  ASSERT_TRUE(client.Send("abc"));
  std::optional<Response> response = client.Read();
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 200u);
  EXPECT_EQ(response->body, "echo:abc");
  StopAndWait();
}

TEST_F(HttpServerTest, MalformedRequestIs400) {
  Start();
  Client client(port());
  ASSERT_TRUE(client.Send("NOT HTTP AT ALL\r\n\r\n"));
  std::optional<Response> response = client.Read();
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 400u);
  EXPECT_NE(response->body.find(R"("code":"bad-request")"), std::string::npos);
  EXPECT_TRUE(client.ClosedByServer());
  StopAndWait();
}

TEST_F(HttpServerTest, OversizedHeadersAre431) {
  ServerOptions options;
  options.max_header_bytes = 1024;
  Start(options);
  Client client(port());
  ASSERT_TRUE(client.Send(Get("/healthz", "X-Big: " + std::string(2000, 'h') + "\r\n")));
  std::optional<Response> response = client.Read();
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 431u);
  StopAndWait();
}

TEST_F(HttpServerTest, HandlerExceptionIs500AndTheConnectionGoesOn) {
  Start();
  Client client(port());
  ASSERT_TRUE(client.Send(Post("/v1/query", "{}")));
  std::optional<Response> failed = client.Read();
  ASSERT_TRUE(failed);
  EXPECT_EQ(failed->status, 500u);
  EXPECT_EQ(failed->body, R"({"path":"$","error":"internal error","code":"unexpected"})");
  ASSERT_TRUE(client.Send(Get("/healthz")));
  std::optional<Response> health = client.Read();
  ASSERT_TRUE(health);
  EXPECT_EQ(health->status, 200u);
  StopAndWait();
}

TEST_F(HttpServerTest, HeaderTimeoutClosesASilentConnection) {
  ServerOptions options;
  options.header_timeout = 200ms;
  Start(options);
  Client client(port());
  const auto start = Clock::now();
  EXPECT_TRUE(client.ClosedByServer());
  const auto elapsed = Clock::now() - start;
  EXPECT_GE(elapsed, 150ms);
  EXPECT_LT(elapsed, 3s);
  StopAndWait();
}

TEST_F(HttpServerTest, HeaderTimeoutClosesATricklingRequest) {
  ServerOptions options;
  options.header_timeout = 300ms;
  Start(options);
  Client client(port());
  const auto start = Clock::now();
  ASSERT_TRUE(client.Send("GET /healthz HTTP/1.1\r\n"));
  std::this_thread::sleep_for(100ms);
  ASSERT_TRUE(client.Send("Host: test\r\n"));  // still no end of headers
  EXPECT_TRUE(client.ClosedByServer());
  EXPECT_LT(Clock::now() - start, 3s);
  StopAndWait();
}

TEST_F(HttpServerTest, RequestTimeoutClosesASlowBody) {
  ServerOptions options;
  options.request_timeout = 300ms;
  Start(options);
  Client client(port());
  ASSERT_TRUE(
      client.Send("POST /v1/graphql HTTP/1.1\r\nHost: test\r\nContent-Length: 10\r\n\r\nab"));
  const auto start = Clock::now();
  EXPECT_TRUE(client.ClosedByServer());
  EXPECT_LT(Clock::now() - start, 3s);
  StopAndWait();
}

TEST_F(HttpServerTest, IdleTimeoutClosesAKeepAliveConnection) {
  ServerOptions options;
  options.idle_timeout = 600ms;
  Start(options);
  Client client(port());
  const auto start = Clock::now();  // before the server's idle clock starts
  ASSERT_TRUE(client.Send(Get("/healthz")));
  ASSERT_TRUE(client.Read());
  EXPECT_TRUE(client.ClosedByServer());
  const auto elapsed = Clock::now() - start;
  EXPECT_GE(elapsed, 600ms);  // not closed after the response, but once idle for the timeout
  EXPECT_LT(elapsed, 4s);
  StopAndWait();
}

TEST_F(HttpServerTest, ConnectionLimitDefersNewConnectionsUntilOneEnds) {
  ServerOptions options;
  options.max_connections = 1;
  Start(options);
  auto first = std::make_unique<Client>(port());
  ASSERT_TRUE(first->Send(Get("/healthz")));
  ASSERT_TRUE(first->Read());  // the first connection is now open and idle

  Client second(port());  // the kernel completes the handshake; the server does not accept yet
  ASSERT_TRUE(second.connected());
  ASSERT_TRUE(second.Send(Get("/healthz")));
  std::this_thread::sleep_for(300ms);

  first.reset();  // frees the slot
  std::optional<Response> response = second.Read();
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 200u);
  StopAndWait();
}

TEST_F(HttpServerTest, GracefulStopFinishesTheRequestInFlight) {
  Start();
  Client busy(port());
  Client idle(port());
  ASSERT_TRUE(idle.Send(Get("/healthz")));
  ASSERT_TRUE(idle.Read());

  ASSERT_TRUE(busy.Send(Post("/v1/metadata", "{}")));
  const auto deadline = Clock::now() + 3s;
  while (!handlers_.slow_started && Clock::now() < deadline) std::this_thread::sleep_for(5ms);
  ASSERT_TRUE(handlers_.slow_started);

  server_->Stop();
  EXPECT_TRUE(idle.ClosedByServer());  // idle keep-alive connections close at once
  std::optional<Response> response = busy.Read();
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 200u);
  EXPECT_EQ(response->body, R"({"message":"success"})");
  EXPECT_EQ(response->headers["connection"], "close");
  EXPECT_TRUE(busy.ClosedByServer());

  auto waited = std::async(std::launch::async, [this] { server_->Wait(); });
  ASSERT_EQ(waited.wait_for(5s), std::future_status::ready);
  Client late(port());
  EXPECT_FALSE(late.connected());  // the listener is closed
}

TEST_F(HttpServerTest, StopClosesRequestsThatOutliveTheGracePeriod) {
  ServerOptions options;
  options.shutdown_grace = 200ms;
  Start(options);
  handlers_.slow_delay = 60s;
  Client busy(port());
  ASSERT_TRUE(busy.Send(Post("/v1/metadata", "{}")));
  const auto deadline = Clock::now() + 3s;
  while (!handlers_.slow_started && Clock::now() < deadline) std::this_thread::sleep_for(5ms);
  ASSERT_TRUE(handlers_.slow_started);
  // The handler's timer is not interrupted by the closed socket: the hard stop ends the loop.
  StopAndWait(10s);
  EXPECT_TRUE(busy.ClosedByServer());
}

TEST_F(HttpServerTest, StopWithoutConnectionsEndsAtOnce) {
  Start();
  const auto start = Clock::now();
  StopAndWait();
  EXPECT_LT(Clock::now() - start, 1s);
}

TEST(HttpServer, StartFailsOnABusyPort) {
  FakeHandlers handlers;
  Router router(handlers, "1");
  ServerOptions options;
  options.port = 0;
  options.threads = 1;
  HttpServer first(options, router);
  ASSERT_TRUE(first.Start());
  options.port = first.port();
  HttpServer second(options, router);
  Status started = second.Start();
  ASSERT_FALSE(started);
  EXPECT_NE(started.error().message.find("cannot listen on 127.0.0.1:"), std::string::npos);
  first.Stop();
  first.Wait();
}

TEST(HttpServer, StartFailsOnAnUnresolvableHost) {
  FakeHandlers handlers;
  Router router(handlers, "1");
  ServerOptions options;
  options.host = "no-such-host.invalid";
  options.port = 0;
  HttpServer server(options, router);
  Status started = server.Start();
  ASSERT_FALSE(started);
  EXPECT_NE(started.error().message.find("no-such-host.invalid"), std::string::npos);
}

}  // namespace
}  // namespace junction::server
