// HttpClient against a small Beast server on 127.0.0.1 (port 0, its own thread), with the
// client's io_context on two threads as in the engine: connections are reused across sequential
// requests, opened in parallel for concurrent ones, replaced when the server closed them while
// idle; deadlines, refused connections, body limits, chunked answers, bad URLs, and https with a
// certificate made here for 127.0.0.1 (and refused when not trusted).

#include "backends/http/http_client.h"

#include <atomic>
#include <future>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509v3.h>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>

namespace junction::backends::http {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace wire = beast::http;
using tcp = asio::ip::tcp;
using namespace std::chrono_literals;

// How the test server answers each request.
enum class Mode {
  kEcho,              // 200, the body "<method> <target> <body>", keep-alive
  kSlowEcho,          // kEcho after 300ms (so concurrent requests overlap)
  kCloseAfterAnswer,  // kEcho, then closes the connection without saying so
  kNeverAnswer,       // reads the request and says nothing
  kBigBody,           // a 100 000-byte body
  kChunked,           // a chunked body "hello world"
};

// A self-signed certificate for IP 127.0.0.1 and its key, in PEM.
struct TestCertificate {
  std::string certificate;
  std::string key;
};

TestCertificate MakeCertificate() {
  EVP_PKEY* key = EVP_EC_gen("P-256");
  X509* x509 = X509_new();
  X509_set_version(x509, 2);
  ASN1_INTEGER_set(X509_get_serialNumber(x509), 1);
  X509_gmtime_adj(X509_getm_notBefore(x509), -60);
  X509_gmtime_adj(X509_getm_notAfter(x509), 3600);
  X509_set_pubkey(x509, key);
  X509_NAME* name = X509_get_subject_name(x509);
  X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC,
                             reinterpret_cast<const unsigned char*>("junction test"), -1, -1, 0);
  X509_set_issuer_name(x509, name);
  X509V3_CTX context;
  X509V3_set_ctx_nodb(&context);
  X509V3_set_ctx(&context, x509, x509, nullptr, nullptr, 0);
  for (auto [nid, value] : {std::pair{NID_subject_alt_name, "IP:127.0.0.1"},
                            std::pair{NID_basic_constraints, "critical,CA:TRUE"}}) {
    X509_EXTENSION* extension = X509V3_EXT_conf_nid(nullptr, &context, nid, value);
    X509_add_ext(x509, extension, -1);
    X509_EXTENSION_free(extension);
  }
  X509_sign(x509, key, EVP_sha256());
  auto pem = [](auto write) {
    BIO* bio = BIO_new(BIO_s_mem());
    write(bio);
    char* data = nullptr;
    const long size = BIO_get_mem_data(bio, &data);
    std::string text(data, static_cast<size_t>(size));
    BIO_free(bio);
    return text;
  };
  TestCertificate made{pem([&](BIO* bio) { PEM_write_bio_X509(bio, x509); }), pem([&](BIO* bio) {
                         PEM_write_bio_PrivateKey(bio, key, nullptr, nullptr, 0, nullptr, nullptr);
                       })};
  X509_free(x509);
  EVP_PKEY_free(key);
  return made;
}

class TestServer {
 public:
  explicit TestServer(Mode mode, const TestCertificate* tls = nullptr)
      : mode_(mode), acceptor_(io_, tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0)) {
    if (tls != nullptr) {
      tls_.emplace(asio::ssl::context::tls_server);
      tls_->use_certificate_chain(asio::buffer(tls->certificate));
      tls_->use_private_key(asio::buffer(tls->key), asio::ssl::context::pem);
    }
    asio::co_spawn(io_, Accept(), asio::detached);
    thread_ = std::thread([this] { io_.run(); });
  }
  ~TestServer() {
    io_.stop();
    thread_.join();
  }
  uint16_t port() const { return acceptor_.local_endpoint().port(); }
  int accepted() const { return accepted_; }

 private:
  asio::awaitable<void> Accept() {
    while (true) {
      boost::system::error_code ec;
      tcp::socket socket =
          co_await acceptor_.async_accept(asio::redirect_error(asio::use_awaitable, ec));
      if (ec) co_return;
      ++accepted_;
      if (tls_) {
        asio::co_spawn(io_, ServeTls(std::move(socket)), asio::detached);
      } else {
        asio::co_spawn(io_, Serve(beast::tcp_stream(std::move(socket))), asio::detached);
      }
    }
  }

  asio::awaitable<void> ServeTls(tcp::socket socket) {
    beast::ssl_stream<beast::tcp_stream> stream(beast::tcp_stream(std::move(socket)), *tls_);
    boost::system::error_code ec;
    co_await stream.async_handshake(asio::ssl::stream_base::server,
                                    asio::redirect_error(asio::use_awaitable, ec));
    if (ec) co_return;
    co_await Serve(std::move(stream));
  }

  template <typename Stream>
  asio::awaitable<void> Serve(Stream stream) {
    beast::flat_buffer buffer;
    while (true) {
      boost::system::error_code ec;
      wire::request<wire::string_body> request;
      co_await wire::async_read(stream, buffer, request,
                                asio::redirect_error(asio::use_awaitable, ec));
      if (ec) co_return;
      if (mode_ == Mode::kNeverAnswer) {
        asio::steady_timer wait(io_, 30s);
        co_await wait.async_wait(asio::redirect_error(asio::use_awaitable, ec));
        co_return;
      }
      if (mode_ == Mode::kSlowEcho) {
        asio::steady_timer wait(io_, 300ms);
        co_await wait.async_wait(asio::redirect_error(asio::use_awaitable, ec));
      }
      if (mode_ == Mode::kChunked) {
        const std::string raw =
            "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
            "5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n";
        co_await asio::async_write(stream, asio::buffer(raw),
                                   asio::redirect_error(asio::use_awaitable, ec));
        continue;
      }
      wire::response<wire::string_body> response(wire::status::ok, 11);
      response.set("X-Seen", "1");
      response.insert("X-Twice", "a");
      response.insert("X-Twice", "b");
      response.body() = mode_ == Mode::kBigBody
                            ? std::string(100'000, 'x')
                            : std::string(request.method_string()) + " " +
                                  std::string(request.target()) + " " + request.body();
      response.keep_alive(true);
      response.prepare_payload();
      co_await wire::async_write(stream, response, asio::redirect_error(asio::use_awaitable, ec));
      if (ec || mode_ == Mode::kCloseAfterAnswer) {
        beast::get_lowest_layer(stream).socket().shutdown(tcp::socket::shutdown_both, ec);
        beast::get_lowest_layer(stream).close();
        co_return;
      }
    }
  }

  Mode mode_;
  asio::io_context io_;
  tcp::acceptor acceptor_;
  std::optional<asio::ssl::context> tls_;
  std::atomic<int> accepted_{0};
  std::thread thread_;
};

// The client's side: an io_context on two threads, like the engine's.
class HttpClientTest : public testing::Test {
 protected:
  HttpClientTest() : work_(asio::make_work_guard(io_)), client_(io_.get_executor()) {
    for (int i = 0; i < 2; ++i) threads_.emplace_back([this] { io_.run(); });
  }
  ~HttpClientTest() override {
    work_.reset();
    io_.stop();
    for (std::thread& thread : threads_) thread.join();
  }

  std::future<Result<HttpResponse>> SendAsync(HttpRequest request) {
    auto promise = std::make_shared<std::promise<Result<HttpResponse>>>();
    std::future<Result<HttpResponse>> future = promise->get_future();
    asio::co_spawn(
        io_,
        [this, promise, request = std::move(request)]() -> asio::awaitable<void> {
          Result<HttpResponse> response = co_await client_.Send(request);
          promise->set_value(std::move(response));
        },
        asio::detached);
    return future;
  }

  // Every test is bounded: a request that hangs fails the test after 10s.
  Result<HttpResponse> Send(HttpRequest request) {
    std::future<Result<HttpResponse>> future = SendAsync(std::move(request));
    if (future.wait_for(10s) != std::future_status::ready) {
      ADD_FAILURE() << "the request did not end";
      return Error(ErrorCode::kUnexpected, "hung");
    }
    return future.get();
  }

  static HttpRequest Post(uint16_t port, std::string path, std::string body = "{}",
                          std::string scheme = "http") {
    HttpRequest request;
    request.url = scheme + "://127.0.0.1:" + std::to_string(port) + path;
    request.body = std::move(body);
    request.headers.emplace_back("content-type", "application/json");
    request.timeout = 5s;
    return request;
  }

  asio::io_context io_;
  asio::executor_work_guard<asio::io_context::executor_type> work_;
  HttpClient client_;
  std::vector<std::thread> threads_;
};

TEST_F(HttpClientTest, SendsTheRequestAndReadsTheAnswer) {
  TestServer server(Mode::kEcho);
  Result<HttpResponse> response = Send(Post(server.port(), "/graphql?x=1", R"({"query":"{a}"})"));
  ASSERT_TRUE(response) << response.error().message;
  EXPECT_EQ(response->status, 200u);
  EXPECT_EQ(response->body, R"(POST /graphql?x=1 {"query":"{a}"})");
  EXPECT_EQ(response->headers.at("x-seen"), "1");
  EXPECT_EQ(response->headers.at("x-twice"), "a, b");
}

TEST_F(HttpClientTest, SequentialRequestsReuseOneConnection) {
  TestServer server(Mode::kEcho);
  for (int i = 0; i < 5; ++i) {
    Result<HttpResponse> response = Send(Post(server.port(), "/" + std::to_string(i)));
    ASSERT_TRUE(response) << response.error().message;
    EXPECT_EQ(response->body, "POST /" + std::to_string(i) + " {}");
  }
  EXPECT_EQ(client_.connections_opened(), 1u);
  EXPECT_EQ(server.accepted(), 1);
}

TEST_F(HttpClientTest, ConcurrentRequestsOpenParallelConnections) {
  TestServer server(Mode::kSlowEcho);
  std::vector<std::future<Result<HttpResponse>>> futures;
  const auto started = std::chrono::steady_clock::now();
  for (int i = 0; i < 4; ++i) futures.push_back(SendAsync(Post(server.port(), "/")));
  for (auto& future : futures) {
    ASSERT_EQ(future.wait_for(10s), std::future_status::ready);
    Result<HttpResponse> response = future.get();
    ASSERT_TRUE(response) << response.error().message;
  }
  EXPECT_LT(std::chrono::steady_clock::now() - started, 1200ms) << "the requests ran one by one";
  EXPECT_EQ(client_.connections_opened(), 4u);
  // Then the four idle connections serve the next requests.
  for (int i = 0; i < 4; ++i) ASSERT_TRUE(Send(Post(server.port(), "/")));
  EXPECT_EQ(client_.connections_opened(), 4u);
}

TEST_F(HttpClientTest, AConnectionTheServerClosedIsReplaced) {
  TestServer server(Mode::kCloseAfterAnswer);
  for (int i = 0; i < 3; ++i) {
    std::this_thread::sleep_for(50ms);  // let the close arrive, as an idle time-out would
    Result<HttpResponse> response = Send(Post(server.port(), "/"));
    ASSERT_TRUE(response) << response.error().message;
  }
  EXPECT_EQ(server.accepted(), 3);
  EXPECT_EQ(client_.connections_opened(), 3u);
}

TEST_F(HttpClientTest, AServerThatNeverAnswersTimesOut) {
  TestServer server(Mode::kNeverAnswer);
  HttpRequest request = Post(server.port(), "/");
  request.timeout = 300ms;
  const auto started = std::chrono::steady_clock::now();
  Result<HttpResponse> response = Send(request);
  const auto elapsed = std::chrono::steady_clock::now() - started;
  ASSERT_FALSE(response);
  EXPECT_EQ(response.error().message, "timed out after 300ms");
  EXPECT_GE(elapsed, 250ms);
  EXPECT_LT(elapsed, 3s);
}

TEST_F(HttpClientTest, ARefusedConnectionIsAnError) {
  uint16_t port = 0;
  {
    asio::io_context io;
    tcp::acceptor acceptor(io, tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0));
    port = acceptor.local_endpoint().port();
  }  // closed: nothing listens there now
  Result<HttpResponse> response = Send(Post(port, "/"));
  ASSERT_FALSE(response);
  EXPECT_EQ(response.error().code, ErrorCode::kUnexpected);
  EXPECT_EQ(response.error().message,
            "cannot connect to 127.0.0.1:" + std::to_string(port) + ": Connection refused");
}

TEST_F(HttpClientTest, ABodyOverTheLimitIsAnError) {
  TestServer server(Mode::kBigBody);
  HttpRequest request = Post(server.port(), "/");
  request.max_body_bytes = 1000;
  Result<HttpResponse> response = Send(request);
  ASSERT_FALSE(response);
  EXPECT_EQ(response.error().message, "response larger than 1000 bytes");
  request.max_body_bytes = 100'000;
  response = Send(request);
  ASSERT_TRUE(response) << response.error().message;
  EXPECT_EQ(response->body.size(), 100'000u);
}

TEST_F(HttpClientTest, ChunkedAnswersAreRead) {
  TestServer server(Mode::kChunked);
  Result<HttpResponse> response = Send(Post(server.port(), "/"));
  ASSERT_TRUE(response) << response.error().message;
  EXPECT_EQ(response->body, "hello world");
  ASSERT_TRUE(Send(Post(server.port(), "/")));
  EXPECT_EQ(client_.connections_opened(), 1u);
}

TEST_F(HttpClientTest, AnInvalidUrlIsAnError) {
  HttpRequest request;
  request.url = "ftp://example.com/";
  Result<HttpResponse> response = Send(request);
  ASSERT_FALSE(response);
  EXPECT_EQ(response.error().message,
            "invalid URL \"ftp://example.com/\": not an http:// or https:// URL");
  request.url = "http://:80/";
  EXPECT_EQ(Send(request).error().message, "invalid URL \"http://:80/\": no host");
  EXPECT_EQ(client_.connections_opened(), 0u);
}

TEST_F(HttpClientTest, HttpsWithATrustedCertificate) {
  const TestCertificate certificate = MakeCertificate();
  TestServer server(Mode::kEcho, &certificate);
  ASSERT_TRUE(client_.TrustCertificateAuthority(certificate.certificate));
  for (int i = 0; i < 3; ++i) {
    Result<HttpResponse> response = Send(Post(server.port(), "/tls", "{}", "https"));
    ASSERT_TRUE(response) << response.error().message;
    EXPECT_EQ(response->body, "POST /tls {}");
  }
  EXPECT_EQ(client_.connections_opened(), 1u);
}

TEST_F(HttpClientTest, HttpsWithAnUntrustedCertificateFails) {
  const TestCertificate certificate = MakeCertificate();
  TestServer server(Mode::kEcho, &certificate);
  Result<HttpResponse> response = Send(Post(server.port(), "/", "{}", "https"));
  ASSERT_FALSE(response);
  EXPECT_TRUE(response.error().message.starts_with("TLS handshake with 127.0.0.1 failed"))
      << response.error().message;
}

TEST_F(HttpClientTest, HttpsToAPlainServerFails) {
  TestServer server(Mode::kEcho);
  Result<HttpResponse> response = Send(Post(server.port(), "/", "{}", "https"));
  ASSERT_FALSE(response);
  EXPECT_TRUE(response.error().message.starts_with("TLS handshake with 127.0.0.1 failed"))
      << response.error().message;
}

TEST(ParseHttpUrlTest, SplitsHostPortAndTarget) {
  Result<ParsedUrl> url = ParseHttpUrl("http://user:pw@remote.internal:4000/graphql?x=1#frag");
  ASSERT_TRUE(url);
  EXPECT_FALSE(url->tls);
  EXPECT_EQ(url->host, "remote.internal");
  EXPECT_EQ(url->port, "4000");
  EXPECT_EQ(url->target, "/graphql?x=1");
  url = ParseHttpUrl("https://[::1]");
  ASSERT_TRUE(url);
  EXPECT_TRUE(url->tls);
  EXPECT_EQ(url->host, "::1");
  EXPECT_EQ(url->port, "443");
  EXPECT_EQ(url->target, "/");
  url = ParseHttpUrl("http://host?q");
  ASSERT_TRUE(url);
  EXPECT_EQ(url->target, "/?q");
  EXPECT_EQ(ParseHttpUrl("http://host:99999/").error().message,
            "invalid URL \"http://host:99999/\": bad port");
  EXPECT_FALSE(ParseHttpUrl("http:///path"));
  EXPECT_FALSE(ParseHttpUrl("http://a b/"));
}

}  // namespace
}  // namespace junction::backends::http
