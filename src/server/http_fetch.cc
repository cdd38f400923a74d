#include "server/http_fetch.h"

#include <cctype>
#include <charconv>
#include <memory>

#include <fmt/format.h>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>

namespace junction::server {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;

Error FetchError(std::string message) { return Error(ErrorCode::kUnexpected, std::move(message)); }

}  // namespace

Result<ParsedUrl> ParseHttpUrl(std::string_view url) {
  constexpr std::string_view kScheme = "http://";
  if (url.starts_with("https://")) {
    return FetchError(fmt::format("\"{}\": https is not supported, only http://", url));
  }
  if (!url.starts_with(kScheme)) return FetchError(fmt::format("\"{}\" is no http:// URL", url));
  std::string_view rest = url.substr(kScheme.size());
  const size_t slash = rest.find_first_of("/?");
  std::string_view authority = rest.substr(0, slash);
  ParsedUrl parsed;
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
  parsed.port = "80";
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
  const bool default_port = url->port == "80";
  const bool ipv6 = url->host.find(':') != std::string::npos;
  std::string host = ipv6 ? "[" + url->host + "]" : url->host;
  if (!default_port) host += ":" + url->port;
  message.set(http::field::host, host);
  for (const auto& [name, value] : request.headers) message.insert(name, value);
  message.set(http::field::connection, "close");
  message.body() = request.body;
  if (!request.body.empty() || request.method == "POST") message.prepare_payload();

  stream.expires_at(deadline);
  co_await http::async_write(stream, message, asio::redirect_error(asio::use_awaitable, ec));
  if (ec == beast::error::timeout) co_return FetchError(timed_out);
  if (ec) co_return FetchError(fmt::format("cannot send the request: {}", ec.message()));

  beast::flat_buffer buffer;
  http::response_parser<http::string_body> parser;
  parser.body_limit(request.max_body_bytes);
  stream.expires_at(deadline);
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
  beast::error_code ignored;
  stream.socket().shutdown(asio::ip::tcp::socket::shutdown_both, ignored);
  co_return response;
}

}  // namespace junction::server
