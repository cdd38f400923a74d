#include "app/http_client.h"

#include <utility>  // before the Asio headers (Boost 1.74 with GCC 12)

#include <thread>

#include <gtest/gtest.h>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

namespace junction::app {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

TEST(ParseUrlTest, SchemeHostPortAndBasePath) {
  Result<Url> url = ParseUrl("http://localhost:8080");
  ASSERT_TRUE(url) << url.error().message;
  EXPECT_EQ(*url, (Url{"http", "localhost", 8080, ""}));
  url = ParseUrl("HTTPS://engine.example.com/hasura/");
  ASSERT_TRUE(url) << url.error().message;
  EXPECT_EQ(*url, (Url{"https", "engine.example.com", 443, "/hasura"}));
  EXPECT_EQ(url->Target("/v1/metadata"), "/hasura/v1/metadata");
  EXPECT_EQ(url->ToString(), "https://engine.example.com:443/hasura");
  url = ParseUrl("http://[::1]:9000/a/b");
  ASSERT_TRUE(url) << url.error().message;
  EXPECT_EQ(*url, (Url{"http", "::1", 9000, "/a/b"}));
  EXPECT_EQ(url->ToString(), "http://[::1]:9000/a/b");
  url = ParseUrl("http://127.0.0.1");
  ASSERT_TRUE(url) << url.error().message;
  EXPECT_EQ(url->port, 80);
  EXPECT_EQ(url->Target("/v1/metadata"), "/v1/metadata");
}

TEST(ParseUrlTest, Malformed) {
  for (const char* text : {"localhost:8080", "ftp://host", "http://", "http://:80", "http://host:0",
                           "http://host:65536", "http://host:8o", "http://host/path?x=1",
                           "http://host#top", "http://[::1", "http://user:pw@host"}) {
    Result<Url> url = ParseUrl(text);
    ASSERT_FALSE(url) << text;
    EXPECT_EQ(url.error().code, ErrorCode::kInvalidConfiguration);
    EXPECT_NE(url.error().message.find(text), std::string::npos) << url.error().message;
  }
}

// A one-connection HTTP server on 127.0.0.1: it reads one request and answers `response`, or,
// with `answer` false, reads it and never answers (until the client gives up and closes).
class OneShotServer {
 public:
  explicit OneShotServer(std::string response, bool answer = true)
      : acceptor_(io_, tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0)) {
    thread_ = std::thread([this, response = std::move(response), answer] {
      tcp::socket socket(io_);
      acceptor_.accept(socket);
      beast::flat_buffer buffer;
      beast::error_code ec;
      http::read(socket, buffer, request_, ec);
      if (answer) {
        asio::write(socket, asio::buffer(response), ec);
        return;
      }
      char byte;
      socket.read_some(asio::buffer(&byte, 1), ec);
    });
  }
  ~OneShotServer() { Join(); }

  uint16_t port() const { return acceptor_.local_endpoint().port(); }
  std::string url(std::string_view path = "") const {
    return "http://127.0.0.1:" + std::to_string(port()) + std::string(path);
  }
  // The request it read, once it is done.
  const http::request<http::string_body>& Join() {
    if (thread_.joinable()) thread_.join();
    return request_;
  }

 private:
  asio::io_context io_;
  tcp::acceptor acceptor_;
  http::request<http::string_body> request_;
  std::thread thread_;
};

TEST(PostJsonTest, PostsTheBodyUnderTheBasePathAndReadsTheAnswer) {
  OneShotServer server(
      "HTTP/1.1 400 Bad Request\r\nContent-Type: application/json\r\nContent-Length: 15\r\n"
      "Connection: close\r\n\r\n{\"error\":\"no\"}\n");
  Result<Url> url = ParseUrl(server.url("/prefix/"));
  ASSERT_TRUE(url);
  Result<HttpResponse> response =
      PostJson(*url, "/v1/metadata", R"({"type":"x"})", {{"X-Hasura-Admin-Secret", "s3cret"}},
               std::chrono::seconds(10));
  ASSERT_TRUE(response) << response.error().message;
  EXPECT_EQ(response->status, 400);
  EXPECT_EQ(response->content_type, "application/json");
  EXPECT_EQ(response->body, "{\"error\":\"no\"}\n");
  const http::request<http::string_body>& request = server.Join();
  EXPECT_EQ(request.method(), http::verb::post);
  EXPECT_EQ(request.target(), "/prefix/v1/metadata");
  EXPECT_EQ(request[http::field::content_type], "application/json");
  EXPECT_EQ(request["X-Hasura-Admin-Secret"], "s3cret");
  EXPECT_EQ(request[http::field::host], "127.0.0.1:" + std::to_string(server.port()));
  EXPECT_EQ(request.body(), R"({"type":"x"})");
}

TEST(PostJsonTest, ARefusedConnectionNamesTheEndpoint) {
  uint16_t port = 0;
  {
    asio::io_context io;
    tcp::acceptor acceptor(io, tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0));
    port = acceptor.local_endpoint().port();
  }  // closed: nothing listens there now
  Result<Url> url = ParseUrl("http://127.0.0.1:" + std::to_string(port));
  ASSERT_TRUE(url);
  Result<HttpResponse> response = PostJson(*url, "/v1/metadata", "{}", {}, std::chrono::seconds(5));
  ASSERT_FALSE(response);
  EXPECT_EQ(response.error().message,
            "http://127.0.0.1:" + std::to_string(port) + ": cannot connect: Connection refused");
}

TEST(PostJsonTest, AServerThatNeverAnswersTimesOut) {
  OneShotServer server("", /*answer=*/false);
  Result<Url> url = ParseUrl(server.url());
  ASSERT_TRUE(url);
  const auto start = std::chrono::steady_clock::now();
  Result<HttpResponse> response = PostJson(*url, "/v1/metadata", "{}", {}, std::chrono::seconds(1));
  ASSERT_FALSE(response);
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(10));
  EXPECT_EQ(response.error().message,
            server.url() + ": cannot read the response: no answer within 1 s");
}

TEST(PostJsonTest, AnUnknownHostIsAnError) {
  Result<Url> url = ParseUrl("http://no-such-host.invalid:8080");
  ASSERT_TRUE(url);
  Result<HttpResponse> response = PostJson(*url, "/v1/metadata", "{}", {}, std::chrono::seconds(5));
  ASSERT_FALSE(response);
  EXPECT_TRUE(response.error().message.starts_with(
      "http://no-such-host.invalid:8080: cannot resolve no-such-host.invalid: "))
      << response.error().message;
}

TEST(PostJsonTest, HttpsToAPlainServerFailsTheHandshake) {
  OneShotServer server("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n");
  Result<Url> url = ParseUrl("https://127.0.0.1:" + std::to_string(server.port()));
  ASSERT_TRUE(url);
  Result<HttpResponse> response = PostJson(*url, "/v1/metadata", "{}", {}, std::chrono::seconds(5));
  ASSERT_FALSE(response);
  EXPECT_TRUE(response.error().message.starts_with(url->ToString() + ": TLS handshake failed: "))
      << response.error().message;
}

}  // namespace
}  // namespace junction::app
