#include "server/http_fetch.h"

#include <cctype>
#include <charconv>
#include <memory>

#include <fmt/format.h>
#include <openssl/ssl.h>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/ssl/host_name_verification.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>

namespace junction::server {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;

Error FetchError(std::string message) { return Error(ErrorCode::kUnexpected, std::move(message)); }

// The TLS settings of every https request: TLS 1.2 or later, the peer's certificate checked
// against the system's trust store (OpenSSL's default paths, which SSL_CERT_FILE and
// SSL_CERT_DIR override) and the URL's host name.
asio::ssl::context& TlsContext() {
  static asio::ssl::context* context = [] {
    auto* made = new asio::ssl::context(asio::ssl::context::tls_client);
    made->set_options(asio::ssl::context::default_workarounds | asio::ssl::context::no_sslv2 |
                      asio::ssl::context::no_sslv3 | asio::ssl::context::no_tlsv1 |
                      asio::ssl::context::no_tlsv1_1);
    made->set_default_verify_paths();
    made->set_verify_mode(asio::ssl::verify_peer);
    return made;
  }();
  return *context;
}

// Writes the request and reads the response on `stream` (plain or TLS), each step bounded by
// `deadline`.
template <typename Stream>
asio::awaitable<Result<FetchResponse>> Exchange(Stream& stream,
                                                const http::request<http::string_body>& message,
                                                std::chrono::steady_clock::time_point deadline,
                                                size_t max_body_bytes,
                                                const std::string& timed_out) {
  beast::error_code ec;
  beast::get_lowest_layer(stream).expires_at(deadline);
  co_await http::async_write(stream, message, asio::redirect_error(asio::use_awaitable, ec));
  if (ec == beast::error::timeout) co_return FetchError(timed_out);
  if (ec) co_return FetchError(fmt::format("cannot send the request: {}", ec.message()));

  beast::flat_buffer buffer;
  http::response_parser<http::string_body> parser;
  parser.body_limit(max_body_bytes);
  beast::get_lowest_layer(stream).expires_at(deadline);
  co_await http::async_read(stream, buffer, parser, asio::redirect_error(asio::use_awaitable, ec));
  if (ec == beast::error::timeout) co_return FetchError(timed_out);
  if (ec) co_return FetchError(fmt::format("cannot read the response: {}", ec.message()));

  FetchResponse response;
  const http::response<http::string_body>& got = parser.get();
  response.status = got.result_int();
  for (const auto& field : got) {
    std::string name(field.name_string());
    for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    response.headers.insert_or_assign(std::move(name), std::string(field.value()));
  }
  response.body = got.body();
  co_return response;
}

}  // namespace

Result<ParsedUrl> ParseHttpUrl(std::string_view url) {
  ParsedUrl parsed;
  parsed.tls = url.starts_with("https://");
  if (!parsed.tls && !url.starts_with("http://")) {
    return FetchError(fmt::format("\"{}\" is no http:// or https:// URL", url));
  }
  std::string_view rest = url.substr(parsed.tls ? 8 : 7);
  const size_t slash = rest.find_first_of("/?");
  std::string_view authority = rest.substr(0, slash);
  parsed.target = slash == std::string_view::npos ? "/" : std::string(rest.substr(slash));
  if (parsed.target.front() == '?') parsed.target.insert(0, "/");
  if (const size_t at = authority.rfind('@'); at != std::string_view::npos) {
    authority.remove_prefix(at + 1);  // user info is not sent
  }
  size_t colon = authority.rfind(':');
  if (!authority.empty() && authority.front() == '[') {  // [::1]:8080
    const size_t close = authority.find(']');
    if (close == std::string_view::npos) return FetchError(fmt::format("\"{}\": bad host", url));
    parsed.host = std::string(authority.substr(1, close - 1));
    colon = authority.find(':', close);
  } else {
    parsed.host = std::string(authority.substr(0, colon));
  }
  parsed.port = parsed.tls ? "443" : "80";
  if (colon != std::string_view::npos) {
    std::string_view port = authority.substr(colon + 1);
    unsigned value = 0;
    auto [end, ec] = std::from_chars(port.data(), port.data() + port.size(), value);
    if (port.empty() || ec != std::errc() || end != port.data() + port.size() || value == 0 ||
        value > 65535) {
      return FetchError(fmt::format("\"{}\": bad port", url));
    }
    parsed.port = std::string(port);
  }
  if (parsed.host.empty()) return FetchError(fmt::format("\"{}\": no host", url));
  return parsed;
}

asio::awaitable<Result<FetchResponse>> HttpFetch(const FetchRequest& request) {
  Result<ParsedUrl> url = ParseHttpUrl(request.url);
  if (!url) co_return url.error();
  const auto deadline = std::chrono::steady_clock::now() + request.timeout;
  auto executor = co_await asio::this_coro::executor;
  const std::string timed_out =
      fmt::format("timed out after {}ms", static_cast<long long>(request.timeout.count()));

  // Name resolution runs on Asio's resolver thread and cannot be given a deadline safely from
  // this (possibly multi-threaded) executor; IP literals resolve at once, and a resolution that
  // outlives the deadline is reported as a time-out when it ends.
  asio::ip::tcp::resolver resolver(executor);
  boost::system::error_code ec;
  auto endpoints = co_await resolver.async_resolve(url->host, url->port,
                                                   asio::redirect_error(asio::use_awaitable, ec));
  if (std::chrono::steady_clock::now() >= deadline) co_return FetchError(timed_out);
  if (ec) co_return FetchError(fmt::format("cannot resolve {}: {}", url->host, ec.message()));

  beast::tcp_stream stream(executor);
  stream.expires_at(deadline);
  co_await stream.async_connect(endpoints, asio::redirect_error(asio::use_awaitable, ec));
  if (ec == beast::error::timeout) co_return FetchError(timed_out);
  if (ec) co_return FetchError(fmt::format("cannot connect: {}", ec.message()));

  http::request<http::string_body> message;
  message.method_string(request.method);
  message.target(url->target);
  message.version(11);
  const bool default_port = url->port == (url->tls ? "443" : "80");
  const bool ipv6 = url->host.find(':') != std::string::npos;
  std::string host = ipv6 ? "[" + url->host + "]" : url->host;
  if (!default_port) host += ":" + url->port;
  message.set(http::field::host, host);
  for (const auto& [name, value] : request.headers) message.insert(name, value);
  message.set(http::field::connection, "close");
  message.body() = request.body;
  if (!request.body.empty() || request.method == "POST") message.prepare_payload();

  if (!url->tls) {
    Result<FetchResponse> response =
        co_await Exchange(stream, message, deadline, request.max_body_bytes, timed_out);
    beast::error_code ignored;
    stream.socket().shutdown(asio::ip::tcp::socket::shutdown_both, ignored);
    co_return response;
  }
  beast::ssl_stream<beast::tcp_stream> tls(std::move(stream), TlsContext());
  // SNI, and the certificate must name the host (an IP literal is matched as an IP address).
  if (!ipv6 && SSL_set_tlsext_host_name(tls.native_handle(), url->host.c_str()) != 1) {
    co_return FetchError(fmt::format("cannot set the TLS server name {}", url->host));
  }
  tls.set_verify_callback(asio::ssl::host_name_verification(url->host));
  beast::get_lowest_layer(tls).expires_at(deadline);
  co_await tls.async_handshake(asio::ssl::stream_base::client,
                               asio::redirect_error(asio::use_awaitable, ec));
  if (ec == beast::error::timeout) co_return FetchError(timed_out);
  if (ec)
    co_return FetchError(fmt::format("TLS handshake with {} failed: {}", url->host, ec.message()));
  co_return co_await Exchange(tls, message, deadline, request.max_body_bytes, timed_out);
}

}  // namespace junction::server
