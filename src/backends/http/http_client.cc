#include "backends/http/http_client.h"

#include <algorithm>

#include <atomic>
#include <cctype>
#include <charconv>
#include <mutex>
#include <optional>
#include <unordered_map>

#include <fmt/format.h>
#include <openssl/ssl.h>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/ssl/host_name_verification.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>

namespace junction::backends::http {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace wire = beast::http;
using Clock = std::chrono::steady_clock;
using Message = wire::request<wire::string_body>;

Error HttpError(std::string message) { return Error(ErrorCode::kUnexpected, std::move(message)); }

Error InvalidUrl(std::string_view url, std::string_view what) {
  return HttpError(fmt::format("invalid URL \"{}\": {}", url, what));
}

// "timed out after 5s", or in milliseconds when the timeout is not whole seconds.
std::string TimedOut(std::chrono::milliseconds timeout) {
  const long long ms = timeout.count();
  if (ms > 0 && ms % 1000 == 0) return fmt::format("timed out after {}s", ms / 1000);
  return fmt::format("timed out after {}ms", ms);
}

}  // namespace

Result<ParsedUrl> ParseHttpUrl(std::string_view url) {
  ParsedUrl parsed;
  parsed.tls = url.starts_with("https://");
  if (!parsed.tls && !url.starts_with("http://")) {
    return InvalidUrl(url, "not an http:// or https:// URL");
  }
  std::string_view rest = url.substr(parsed.tls ? 8 : 7);
  const size_t slash = rest.find_first_of("/?#");
  std::string_view authority = rest.substr(0, slash);
  std::string_view target = slash == std::string_view::npos ? "/" : rest.substr(slash);
  target = target.substr(0, target.find('#'));  // a fragment is never sent
  parsed.target =
      target.empty() || target.front() != '/' ? "/" + std::string(target) : std::string(target);
  if (const size_t at = authority.rfind('@'); at != std::string_view::npos) {
    authority.remove_prefix(at + 1);
  }
  size_t colon = authority.rfind(':');
  if (!authority.empty() && authority.front() == '[') {  // [::1]:8080
    const size_t close = authority.find(']');
    if (close == std::string_view::npos) return InvalidUrl(url, "bad host");
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
      return InvalidUrl(url, "bad port");
    }
    parsed.port = std::string(port);
  }
  if (parsed.host.empty()) return InvalidUrl(url, "no host");
  for (char c : parsed.host) {
    if (std::isspace(static_cast<unsigned char>(c)) ||
        std::iscntrl(static_cast<unsigned char>(c))) {
      return InvalidUrl(url, "bad host");
    }
  }
  return parsed;
}

namespace {

// One kept-alive connection. It owns a strand: the coroutine that uses it and the stream's timer
// both run there, since Beast's timeouts require it and the io_context runs on several threads.
struct Connection {
  Connection(asio::any_io_executor executor, asio::ssl::context* tls_context)
      : strand(asio::make_strand(executor)) {
    if (tls_context != nullptr) {
      tls.emplace(strand, *tls_context);
    } else {
      plain.emplace(strand);
    }
  }
  beast::tcp_stream& tcp() { return plain ? *plain : beast::get_lowest_layer(*tls); }

  asio::strand<asio::any_io_executor> strand;
  std::optional<beast::tcp_stream> plain;
  std::optional<beast::ssl_stream<beast::tcp_stream>> tls;
  beast::flat_buffer buffer;
};

// What one attempt on one connection gave. Default-constructible, as co_spawn's result must be.
struct Attempt {
  std::optional<Result<HttpResponse>> result;
  // The request may be sent again on a fresh connection: a reused connection was found closed
  // before any byte of the response arrived.
  bool retry = false;
  // The connection may serve another request (the server keeps it open, nothing is left unread).
  bool keep_alive = false;
  std::unique_ptr<Connection> connection;  // set by Run when keep_alive
};

// The request, as every attempt needs it.
struct Exchange {
  const ParsedUrl& url;
  const Message& message;
  Clock::time_point deadline;
  size_t max_body_bytes;
  std::string timed_out;
};

}  // namespace

struct HttpClient::Impl {
  Impl(asio::any_io_executor executor_in, size_t max_idle)
      : executor(std::move(executor_in)),
        max_idle_per_host(max_idle),
        tls_context(asio::ssl::context::tls_client) {
    // TLS 1.2 or later, the peer's certificate checked against the system's trust store
    // (OpenSSL's default paths, which SSL_CERT_FILE and SSL_CERT_DIR override) and the host name.
    tls_context.set_options(asio::ssl::context::default_workarounds | asio::ssl::context::no_sslv2 |
                            asio::ssl::context::no_sslv3 | asio::ssl::context::no_tlsv1 |
                            asio::ssl::context::no_tlsv1_1);
    tls_context.set_default_verify_paths();
    tls_context.set_verify_mode(asio::ssl::verify_peer);
  }

  static std::string PoolKey(const ParsedUrl& url) {
    return (url.tls ? "https://" : "http://") + url.host + "|" + url.port;
  }

  std::unique_ptr<Connection> TakeIdle(const std::string& key) {
    std::lock_guard lock(mutex);
    auto found = idle.find(key);
    if (found == idle.end() || found->second.empty()) return nullptr;
    std::unique_ptr<Connection> connection = std::move(found->second.back());
    found->second.pop_back();
    return connection;
  }

  void GiveBack(const std::string& key, std::unique_ptr<Connection> connection) {
    std::lock_guard lock(mutex);
    std::vector<std::unique_ptr<Connection>>& list = idle[key];
    if (list.size() < max_idle_per_host) list.push_back(std::move(connection));
    // else: dropped (closed) here
  }

  asio::awaitable<Result<HttpResponse>> Send(const HttpRequest& request);
  // Runs on the connection's strand: opens it when `fresh`, then sends and reads.
  asio::awaitable<Attempt> Run(std::unique_ptr<Connection> connection, bool fresh,
                               const Exchange& exchange);
  asio::awaitable<Status> Open(Connection& connection, const Exchange& exchange);
  template <typename Stream>
  asio::awaitable<Attempt> WriteAndRead(Stream& stream, Connection& connection, bool reused,
                                        const Exchange& exchange);

  asio::any_io_executor executor;
  size_t max_idle_per_host;
  asio::ssl::context tls_context;
  std::atomic<size_t> opened{0};
  std::mutex mutex;  // guards idle
  std::unordered_map<std::string, std::vector<std::unique_ptr<Connection>>> idle;
};

asio::awaitable<Status> HttpClient::Impl::Open(Connection& connection, const Exchange& exchange) {
  const ParsedUrl& url = exchange.url;
  // The resolver has no deadline of its own: a timer on the same strand cancels it. (The system
  // resolver's thread may go on, but the request ends at the deadline.)
  auto resolver = std::make_shared<asio::ip::tcp::resolver>(connection.strand);
  asio::steady_timer timer(connection.strand);
  timer.expires_at(exchange.deadline);
  timer.async_wait([resolver](boost::system::error_code ec) {
    if (!ec) resolver->cancel();
  });
  boost::system::error_code ec;
  auto resolve =
      resolver->async_resolve(url.host, url.port, asio::redirect_error(asio::use_awaitable, ec));
  asio::ip::tcp::resolver::results_type endpoints = co_await std::move(resolve);
  timer.cancel();
  if (Clock::now() >= exchange.deadline) co_return HttpError(exchange.timed_out);
  if (ec) co_return HttpError(fmt::format("cannot resolve {}: {}", url.host, ec.message()));

  beast::tcp_stream& tcp = connection.tcp();
  tcp.expires_at(exchange.deadline);
  auto connect = tcp.async_connect(endpoints, asio::redirect_error(asio::use_awaitable, ec));
  co_await std::move(connect);
  if (ec == beast::error::timeout) co_return HttpError(exchange.timed_out);
  if (ec) {
    co_return HttpError(
        fmt::format("cannot connect to {}:{}: {}", url.host, url.port, ec.message()));
  }
  opened.fetch_add(1, std::memory_order_relaxed);
  tcp.socket().set_option(asio::ip::tcp::no_delay(true), ec);
  if (!connection.tls) co_return Status();

  // SNI (not for IP literals), and the certificate must name the host (an IP literal is matched
  // as an IP address).
  boost::system::error_code address_ec;
  asio::ip::make_address(url.host, address_ec);
  if (address_ec &&
      SSL_set_tlsext_host_name(connection.tls->native_handle(), url.host.c_str()) != 1) {
    co_return HttpError(fmt::format("cannot set the TLS server name {}", url.host));
  }
  connection.tls->set_verify_callback(asio::ssl::host_name_verification(url.host));
  tcp.expires_at(exchange.deadline);
  auto handshake = connection.tls->async_handshake(asio::ssl::stream_base::client,
                                                   asio::redirect_error(asio::use_awaitable, ec));
  co_await std::move(handshake);
  if (ec == beast::error::timeout) co_return HttpError(exchange.timed_out);
  if (ec) {
    co_return HttpError(fmt::format("TLS handshake with {} failed: {}", url.host, ec.message()));
  }
  co_return Status();
}

template <typename Stream>
asio::awaitable<Attempt> HttpClient::Impl::WriteAndRead(Stream& stream, Connection& connection,
                                                        bool reused, const Exchange& exchange) {
  Attempt attempt;
  beast::error_code ec;
  connection.tcp().expires_at(exchange.deadline);
  auto write =
      wire::async_write(stream, exchange.message, asio::redirect_error(asio::use_awaitable, ec));
  co_await std::move(write);
  if (ec == beast::error::timeout) {
    attempt.result.emplace(HttpError(exchange.timed_out));
    co_return attempt;
  }
  if (ec) {
    attempt.retry = reused;  // the server closed the idle connection
    attempt.result.emplace(HttpError(fmt::format("cannot send the request: {}", ec.message())));
    co_return attempt;
  }

  wire::response_parser<wire::string_body> parser;
  parser.body_limit(exchange.max_body_bytes);
  parser.header_limit(64 * 1024);
  // The header first: Boost 1.74's parser does not hold a Content-Length to body_limit, so the
  // length is checked here (chunked and read-to-end bodies are held to it by the parser).
  connection.tcp().expires_at(exchange.deadline);
  auto read_header = wire::async_read_header(stream, connection.buffer, parser,
                                             asio::redirect_error(asio::use_awaitable, ec));
  co_await std::move(read_header);
  if (!ec && parser.content_length() && *parser.content_length() > exchange.max_body_bytes) {
    ec = wire::error::body_limit;
  }
  if (!ec) {
    auto read = wire::async_read(stream, connection.buffer, parser,
                                 asio::redirect_error(asio::use_awaitable, ec));
    co_await std::move(read);
  }
  if (ec == beast::error::timeout) {
    attempt.result.emplace(HttpError(exchange.timed_out));
    co_return attempt;
  }
  if (ec == wire::error::body_limit) {
    attempt.result.emplace(
        HttpError(fmt::format("response larger than {} bytes", exchange.max_body_bytes)));
    co_return attempt;
  }
  if (ec) {
    attempt.retry = reused && !parser.got_some();
    attempt.result.emplace(HttpError(fmt::format("cannot read the response: {}", ec.message())));
    co_return attempt;
  }

  HttpResponse response;
  wire::response<wire::string_body>& got = parser.get();
  response.status = got.result_int();
  for (const auto& field : got) {
    std::string name(field.name_string());
    for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    std::string value(field.value());
    auto [it, inserted] = response.headers.try_emplace(std::move(name), value);
    if (!inserted) it->second.append(", ").append(value);  // RFC 9110 §5.3
  }
  response.body = std::move(got.body());
  if (parser.keep_alive() && connection.buffer.size() == 0) {
    connection.tcp().expires_never();
    attempt.keep_alive = true;
  }
  attempt.result.emplace(std::move(response));
  co_return attempt;
}

asio::awaitable<Attempt> HttpClient::Impl::Run(std::unique_ptr<Connection> connection, bool fresh,
                                               const Exchange& exchange) {
  if (fresh) {
    Status open = co_await Open(*connection, exchange);
    if (!open) {
      Attempt failed;
      failed.result.emplace(std::move(open).error());
      co_return failed;
    }
  }
  Attempt attempt;
  if (connection->tls) {
    attempt = co_await WriteAndRead(*connection->tls, *connection, !fresh, exchange);
  } else {
    attempt = co_await WriteAndRead(*connection->plain, *connection, !fresh, exchange);
  }
  if (attempt.keep_alive) attempt.connection = std::move(connection);
  co_return attempt;
}

asio::awaitable<Result<HttpResponse>> HttpClient::Impl::Send(const HttpRequest& request) {
  Result<ParsedUrl> url = ParseHttpUrl(request.url);
  if (!url) co_return url.error();

  Message message;
  message.method_string(request.method);
  message.target(url->target);
  message.version(11);
  const bool default_port = url->port == (url->tls ? "443" : "80");
  std::string host = url->host.find(':') != std::string::npos ? "[" + url->host + "]" : url->host;
  if (!default_port) host += ":" + url->port;
  message.set(wire::field::host, host);
  for (const auto& [name, value] : request.headers) message.insert(name, value);
  message.body() = request.body;
  if (!request.body.empty() || request.method == "POST" || request.method == "PUT" ||
      request.method == "PATCH") {
    message.prepare_payload();
  }

  const Exchange exchange{*url, message, Clock::now() + request.timeout, request.max_body_bytes,
                          TimedOut(request.timeout)};
  const std::string key = PoolKey(*url);
  std::unique_ptr<Connection> connection = TakeIdle(key);
  while (true) {
    const bool fresh = connection == nullptr;
    if (fresh) {
      connection = std::make_unique<Connection>(executor, url->tls ? &tls_context : nullptr);
    }
    asio::strand<asio::any_io_executor> strand = connection->strand;
    auto run =
        asio::co_spawn(strand, Run(std::move(connection), fresh, exchange), asio::use_awaitable);
    Attempt attempt = co_await std::move(run);
    if (attempt.retry && Clock::now() < exchange.deadline) {
      connection = nullptr;  // once more, on a fresh connection
      continue;
    }
    if (attempt.connection) GiveBack(key, std::move(attempt.connection));
    co_return std::move(*attempt.result);
  }
}

HttpClient::HttpClient(asio::any_io_executor executor, size_t max_idle_per_host)
    : impl_(std::make_shared<Impl>(std::move(executor), max_idle_per_host)) {}

HttpClient::~HttpClient() = default;

asio::awaitable<Result<HttpResponse>> HttpClient::Send(const HttpRequest& request) {
  // The coroutine keeps the pool alive even if the client is destroyed while it runs.
  std::shared_ptr<Impl> impl = impl_;
  co_return co_await impl->Send(request);
}

size_t HttpClient::connections_opened() const {
  return impl_->opened.load(std::memory_order_relaxed);
}

Status HttpClient::TrustCertificateAuthority(std::string_view pem) {
  boost::system::error_code ec;
  impl_->tls_context.add_certificate_authority(asio::buffer(pem.data(), pem.size()), ec);
  if (ec) return HttpError("cannot read the CA certificate: " + ec.message());
  return Status();
}

bool IsForwardable(std::string_view header) {
  static constexpr std::string_view kNotForwarded[] = {
      "content-length",
      "content-md5",
      "user-agent",
      "host",
      "origin",
      "referer",
      "accept",
      "accept-encoding",
      "accept-language",
      "accept-datetime",
      "cache-control",
      "connection",
      "dnt",
      "content-type",
      "keep-alive",
      "proxy-authenticate",
      "proxy-authorization",
      "te",
      "trailer",
      "transfer-encoding",
      "upgrade",
      "expect",
  };
  return std::find(std::begin(kNotForwarded), std::end(kNotForwarded), header) ==
         std::end(kNotForwarded);
}

}  // namespace junction::backends::http
