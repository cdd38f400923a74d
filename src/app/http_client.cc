#include "app/http_client.h"

#include <utility>  // before the Asio headers (Boost 1.74 with GCC 12)

#include <cctype>
#include <charconv>

#include <fmt/format.h>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>

#include "app/version.h"

namespace junction::app {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace ssl = asio::ssl;
using tcp = asio::ip::tcp;

// The largest response read: an export of a big metadata document fits easily.
constexpr uint64_t kMaxResponseBytes = uint64_t{256} << 20;

Error UrlError(std::string_view text, std::string_view what) {
  return Error(ErrorCode::kInvalidConfiguration,
               fmt::format("invalid endpoint URL \"{}\": {}", text, what));
}

std::string Lowercase(std::string_view text) {
  std::string out;
  for (char c : text) out.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  return out;
}

// Splits "host[:port]" or "[v6]:port" into the URL's host and port.
Status ParseAuthority(std::string_view text, std::string_view authority, Url& url) {
  std::string_view port;
  if (authority.starts_with('[')) {
    const size_t close = authority.find(']');
    if (close == std::string_view::npos) return UrlError(text, "unclosed [ in the host");
    url.host = std::string(authority.substr(1, close - 1));
    std::string_view rest = authority.substr(close + 1);
    if (!rest.empty() && !rest.starts_with(':')) return UrlError(text, "bad host");
    port = rest.empty() ? rest : rest.substr(1);
  } else {
    const size_t colon = authority.rfind(':');
    url.host = std::string(authority.substr(0, colon));
    if (colon != std::string_view::npos) port = authority.substr(colon + 1);
  }
  if (url.host.empty()) return UrlError(text, "no host");
  if (authority.find('@') != std::string_view::npos) {
    return UrlError(text, "credentials in the URL are not supported");
  }
  if (port.empty()) return {};
  unsigned value = 0;
  auto [end, ec] = std::from_chars(port.data(), port.data() + port.size(), value);
  if (ec != std::errc() || end != port.data() + port.size() || value == 0 || value > 65535) {
    return UrlError(text, "bad port \"" + std::string(port) + "\"");
  }
  url.port = static_cast<uint16_t>(value);
  return {};
}

// Runs what was started on `io` until it is all done.
void RunAll(asio::io_context& io) {
  io.restart();
  io.run();
}

std::string Seconds(std::chrono::seconds timeout) { return fmt::format("{} s", timeout.count()); }

// The failure of one step as an Error naming the URL.
Error StepError(const Url& url, std::string_view step, const beast::error_code& ec,
                std::chrono::seconds timeout) {
  if (ec == beast::error::timeout || ec == asio::error::operation_aborted) {
    return Error(ErrorCode::kUnexpected, fmt::format("{}: {}: no answer within {}", url.ToString(),
                                                     step, Seconds(timeout)));
  }
  return Error(ErrorCode::kUnexpected,
               fmt::format("{}: {}: {}", url.ToString(), step, ec.message()));
}

Result<tcp::resolver::results_type> Resolve(asio::io_context& io, const Url& url,
                                            std::chrono::seconds timeout) {
  tcp::resolver resolver(io);
  asio::steady_timer timer(io, timeout);
  beast::error_code error;
  tcp::resolver::results_type results;
  resolver.async_resolve(url.host, std::to_string(url.port),
                         [&](const beast::error_code& ec, tcp::resolver::results_type found) {
                           error = ec;
                           results = std::move(found);
                           timer.cancel();
                         });
  timer.async_wait([&](const beast::error_code& ec) {
    if (!ec) resolver.cancel();
  });
  RunAll(io);
  if (error) return StepError(url, "cannot resolve " + url.host, error, timeout);
  return results;
}

Status Connect(asio::io_context& io, beast::tcp_stream& stream,
               const tcp::resolver::results_type& endpoints, const Url& url,
               std::chrono::seconds timeout) {
  beast::error_code error;
  stream.expires_after(timeout);
  stream.async_connect(endpoints,
                       [&](const beast::error_code& ec, const tcp::endpoint&) { error = ec; });
  RunAll(io);
  if (error) return StepError(url, "cannot connect", error, timeout);
  return {};
}

http::request<http::string_body> MakeRequest(const Url& url, std::string_view path,
                                             const std::string& body, const HttpHeaders& headers) {
  http::request<http::string_body> request{http::verb::post, url.Target(path), 11};
  const bool default_port = url.port == (url.scheme == "https" ? 443 : 80);
  const std::string host =
      url.host.find(':') != std::string::npos ? "[" + url.host + "]" : url.host;
  request.set(http::field::host, default_port ? host : host + ":" + std::to_string(url.port));
  request.set(http::field::user_agent, "junction/" + std::string(Version()));
  request.set(http::field::content_type, "application/json");
  request.set(http::field::accept, "application/json");
  for (const auto& [name, value] : headers) request.set(name, value);
  request.body() = body;
  request.prepare_payload();
  return request;
}

// Writes `request` on `stream` and reads the response, each within `timeout`.
template <typename Stream>
Result<HttpResponse> Exchange(Stream& stream, asio::io_context& io,
                              http::request<http::string_body>& request, const Url& url,
                              std::chrono::seconds timeout) {
  beast::error_code error;
  beast::get_lowest_layer(stream).expires_after(timeout);
  http::async_write(stream, request, [&](const beast::error_code& ec, size_t) { error = ec; });
  RunAll(io);
  if (error) return StepError(url, "cannot send the request", error, timeout);

  beast::flat_buffer buffer;
  http::response_parser<http::string_body> parser;
  parser.body_limit(kMaxResponseBytes);
  beast::get_lowest_layer(stream).expires_after(timeout);
  http::async_read(stream, buffer, parser,
                   [&](const beast::error_code& ec, size_t) { error = ec; });
  RunAll(io);
  if (error) return StepError(url, "cannot read the response", error, timeout);
  HttpResponse response;
  response.status = static_cast<int>(parser.get().result_int());
  response.content_type = std::string(parser.get()[http::field::content_type]);
  response.body = std::move(parser.get().body());
  return response;
}

Result<HttpResponse> PostPlain(asio::io_context& io, const tcp::resolver::results_type& endpoints,
                               http::request<http::string_body>& request, const Url& url,
                               std::chrono::seconds timeout) {
  beast::tcp_stream stream(io);
  if (Status connected = Connect(io, stream, endpoints, url, timeout); !connected) {
    return connected.error();
  }
  Result<HttpResponse> response = Exchange(stream, io, request, url, timeout);
  beast::error_code ignored;
  stream.socket().shutdown(tcp::socket::shutdown_both, ignored);
  return response;
}

Result<HttpResponse> PostTls(asio::io_context& io, const tcp::resolver::results_type& endpoints,
                             http::request<http::string_body>& request, const Url& url,
                             std::chrono::seconds timeout) {
  ssl::context context(ssl::context::tls_client);
  beast::error_code error;
  context.set_default_verify_paths(error);
  if (error) return StepError(url, "cannot load the system's CA certificates", error, timeout);
  context.set_verify_mode(ssl::verify_peer);
  beast::ssl_stream<beast::tcp_stream> stream(io, context);
  if (!SSL_set_tlsext_host_name(stream.native_handle(), url.host.c_str())) {
    return Error(ErrorCode::kUnexpected, url.ToString() + ": cannot set the TLS server name");
  }
  stream.set_verify_callback(ssl::host_name_verification(url.host));
  if (Status connected = Connect(io, beast::get_lowest_layer(stream), endpoints, url, timeout);
      !connected) {
    return connected.error();
  }
  beast::get_lowest_layer(stream).expires_after(timeout);
  stream.async_handshake(ssl::stream_base::client,
                         [&](const beast::error_code& ec) { error = ec; });
  RunAll(io);
  if (error) return StepError(url, "TLS handshake failed", error, timeout);
  return Exchange(stream, io, request, url, timeout);
}

}  // namespace

std::string Url::ToString() const {
  const std::string shown = host.find(':') != std::string::npos ? "[" + host + "]" : host;
  return fmt::format("{}://{}:{}{}", scheme, shown, port, base_path);
}

std::string Url::Target(std::string_view path) const {
  return base_path + (path.starts_with('/') ? "" : "/") + std::string(path);
}

Result<Url> ParseUrl(std::string_view text) {
  const size_t separator = text.find("://");
  if (separator == std::string_view::npos) {
    return UrlError(text, "expected http://host[:port][/path] or https://…");
  }
  Url url;
  url.scheme = Lowercase(text.substr(0, separator));
  if (url.scheme != "http" && url.scheme != "https") {
    return UrlError(text, "the scheme must be http or https");
  }
  url.port = url.scheme == "https" ? 443 : 80;
  std::string_view rest = text.substr(separator + 3);
  if (rest.find_first_of("?#") != std::string_view::npos) {
    return UrlError(text, "an endpoint has no query or fragment");
  }
  const size_t slash = rest.find('/');
  if (Status authority = ParseAuthority(text, rest.substr(0, slash), url); !authority) {
    return authority.error();
  }
  if (slash != std::string_view::npos) {
    std::string_view path = rest.substr(slash);
    while (path.ends_with('/')) path.remove_suffix(1);
    url.base_path = std::string(path);
  }
  return url;
}

Result<HttpResponse> PostJson(const Url& url, std::string_view path, const std::string& body,
                              const HttpHeaders& headers, std::chrono::seconds timeout) {
  asio::io_context io;
  Result<tcp::resolver::results_type> endpoints = Resolve(io, url, timeout);
  if (!endpoints) return endpoints.error();
  http::request<http::string_body> request = MakeRequest(url, path, body, headers);
  if (url.scheme == "https") return PostTls(io, *endpoints, request, url, timeout);
  return PostPlain(io, *endpoints, request, url, timeout);
}

}  // namespace junction::app
