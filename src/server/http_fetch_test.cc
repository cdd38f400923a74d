// HttpFetch against tiny servers on loopback (a blocking thread each): an answer, a server that
// never answers (the deadline), and a closed port; plus the URL and cache-header parsers.

#include "server/http_fetch.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <future>
#include <optional>
#include <string>
#include <thread>

#include <gtest/gtest.h>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>

#include "server/jwk_refresher.h"

namespace junction::server {
namespace {

// A listening loopback socket whose one connection `serve` handles on a thread.
class OneShotServer {
 public:
  template <typename Serve>
  explicit OneShotServer(Serve serve) : fd_(::socket(AF_INET, SOCK_STREAM, 0)) {
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ::bind(fd_, reinterpret_cast<sockaddr*>(&address), sizeof address);
    ::listen(fd_, 1);
    socklen_t length = sizeof address;
    ::getsockname(fd_, reinterpret_cast<sockaddr*>(&address), &length);
    port_ = ntohs(address.sin_port);
    thread_ = std::thread([this, serve] {
      const int client = ::accept(fd_, nullptr, nullptr);
      if (client < 0) return;
      serve(client);
      ::close(client);
    });
  }
  ~OneShotServer() {
    ::shutdown(fd_, SHUT_RDWR);
    ::close(fd_);
    thread_.join();
  }
  uint16_t port() const { return port_; }

 private:
  int fd_;
  uint16_t port_ = 0;
  std::thread thread_;
};

std::string ReadRequest(int client) {
  std::string request;
  char buffer[4096];
  while (request.find("\r\n\r\n") == std::string::npos) {
    const ssize_t got = ::recv(client, buffer, sizeof buffer, 0);
    if (got <= 0) break;
    request.append(buffer, static_cast<size_t>(got));
  }
  return request;
}

Result<FetchResponse> Fetch(const FetchRequest& request) {
  boost::asio::io_context io;
  std::optional<Result<FetchResponse>> response;  // (a Result is not default-constructible)
  boost::asio::co_spawn(
      io, [&]() -> boost::asio::awaitable<void> { response.emplace(co_await HttpFetch(request)); },
      boost::asio::detached);
  io.run();
  return std::move(*response);
}

TEST(ParseHttpUrlTest, SplitsHostPortAndTarget) {
  Result<ParsedUrl> url = ParseHttpUrl("http://auth.internal:4000/hook?x=1");
  ASSERT_TRUE(url);
  EXPECT_EQ(url->host, "auth.internal");
  EXPECT_EQ(url->port, "4000");
  EXPECT_EQ(url->target, "/hook?x=1");
  url = ParseHttpUrl("http://[::1]");
  ASSERT_TRUE(url);
  EXPECT_EQ(url->host, "::1");
  EXPECT_EQ(url->port, "80");
  EXPECT_EQ(url->target, "/");
  EXPECT_FALSE(url->tls);
  url = ParseHttpUrl("https://auth.example.com/.well-known/jwks.json");
  ASSERT_TRUE(url);
  EXPECT_TRUE(url->tls);
  EXPECT_EQ(url->port, "443");
  EXPECT_EQ(url->target, "/.well-known/jwks.json");
  EXPECT_FALSE(ParseHttpUrl("http://host:99999/"));
  EXPECT_FALSE(ParseHttpUrl("http:///path"));
  EXPECT_FALSE(ParseHttpUrl("ftp://host/"));
}

TEST(HttpFetchTest, SendsTheRequestAndReadsTheAnswer) {
  std::promise<std::string> seen;
  OneShotServer server([&](int client) {
    seen.set_value(ReadRequest(client));
    const std::string answer =
        "HTTP/1.1 201 Created\r\nContent-Length: 2\r\nCache-Control: max-age=5\r\n\r\nok";
    ::send(client, answer.data(), answer.size(), MSG_NOSIGNAL);
  });
  FetchRequest request;
  request.url = "http://127.0.0.1:" + std::to_string(server.port()) + "/jwks";
  request.headers.emplace_back("x-hasura-user-id", "7");
  Result<FetchResponse> response = Fetch(request);
  ASSERT_TRUE(response) << response.error().message;
  EXPECT_EQ(response->status, 201u);
  EXPECT_EQ(response->body, "ok");
  EXPECT_EQ(response->headers.at("cache-control"), "max-age=5");
  const std::string sent = seen.get_future().get();
  EXPECT_TRUE(sent.starts_with("GET /jwks HTTP/1.1\r\n")) << sent;
  EXPECT_NE(sent.find("x-hasura-user-id: 7\r\n"), std::string::npos) << sent;
}

TEST(HttpFetchTest, AServerThatNeverAnswersTimesOut) {
  std::promise<void> release;
  std::shared_future<void> released = release.get_future().share();
  OneShotServer server([released](int client) {
    ReadRequest(client);
    released.wait_for(std::chrono::seconds(5));
  });
  FetchRequest request;
  request.url = "http://127.0.0.1:" + std::to_string(server.port()) + "/";
  request.timeout = std::chrono::milliseconds(300);
  const auto started = std::chrono::steady_clock::now();
  Result<FetchResponse> response = Fetch(request);
  const auto elapsed = std::chrono::steady_clock::now() - started;
  release.set_value();
  ASSERT_FALSE(response);
  EXPECT_EQ(response.error().message, "timed out after 300ms");
  EXPECT_GE(elapsed, std::chrono::milliseconds(250));
  EXPECT_LT(elapsed, std::chrono::seconds(3));
}

TEST(HttpFetchTest, AClosedPortIsAnError) {
  int port = 0;
  {
    OneShotServer server([](int) {});
    port = server.port();
    // Connect once so the server's thread ends; then the port is closed.
    FetchRequest request;
    request.url = "http://127.0.0.1:" + std::to_string(port) + "/";
    request.timeout = std::chrono::milliseconds(500);
    (void)Fetch(request);
  }
  FetchRequest request;
  request.url = "http://127.0.0.1:" + std::to_string(port) + "/";
  Result<FetchResponse> response = Fetch(request);
  ASSERT_FALSE(response);
  EXPECT_TRUE(response.error().message.starts_with("cannot connect")) << response.error().message;
}

// An https URL speaks TLS: a server answering plain HTTP fails the handshake, an Error (the
// e2e suite, test_auth.py, fetches a JWK set over verified TLS).
TEST(HttpFetchTest, HttpsNeedsATlsServer) {
  OneShotServer server([](int client) {
    const std::string answer = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok";
    ::send(client, answer.data(), answer.size(), MSG_NOSIGNAL);
  });
  FetchRequest request;
  request.url = "https://127.0.0.1:" + std::to_string(server.port()) + "/";
  request.timeout = std::chrono::milliseconds(2000);
  Result<FetchResponse> response = Fetch(request);
  ASSERT_FALSE(response);
  EXPECT_TRUE(response.error().message.starts_with("TLS handshake with 127.0.0.1 failed"))
      << response.error().message;
}

TEST(JwksExpiryTest, CacheControlAndExpires) {
  EXPECT_EQ(MaxAge("public, max-age=300"), std::chrono::seconds(300));
  EXPECT_EQ(MaxAge("s-maxage=60, no-transform"), std::chrono::seconds(60));
  EXPECT_EQ(MaxAge("no-cache"), std::nullopt);
  EXPECT_EQ(MaxAge("max-age=soon"), std::nullopt);
  // 2023-11-14T22:13:20Z is 1'700'000'000.
  EXPECT_EQ(UntilExpires("Tue, 14 Nov 2023 22:14:20 GMT", 1'700'000'000), std::chrono::seconds(60));
  EXPECT_EQ(UntilExpires("Tue, 14 Nov 2023 22:00:00 GMT", 1'700'000'000), std::chrono::seconds(0));
  EXPECT_EQ(UntilExpires("tomorrow", 1'700'000'000), std::nullopt);
}

}  // namespace
}  // namespace junction::server
