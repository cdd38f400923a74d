#include "server/connection.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <chrono>
#include <cstdint>
#include <exception>
#include <limits>
#include <optional>

#include <fmt/format.h>
#include <boost/asio/post.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/error.hpp>
#include <boost/beast/http/empty_body.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>

#include "common/error.h"
#include "common/json_writer.h"
#include "server/access_log.h"
#include "server/error_response.h"
#include "server/logging.h"
#include "server/request_id.h"

namespace junction::server {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using Clock = std::chrono::steady_clock;

// How much the idle wait reads at once; the rest of a request is read by the parser.
constexpr size_t kIdleReadBytes = 16 * 1024;
// After rejecting a request whose body is still arriving, how long the rest is read and dropped
// so that the client sees the answer instead of a reset (capped by request_timeout).
constexpr std::chrono::milliseconds kLingerTime{5'000};

std::string_view View(beast::string_view text) { return {text.data(), text.size()}; }

std::string HttpVersionText(unsigned version) {
  return fmt::format("HTTP/{}.{}", version / 10, version % 10);
}

// A connection that ended without a response: expected on networks, logged at debug.
void LogConnectionEnd(const std::string& remote_address, std::string_view stage,
                      const beast::error_code& ec) {
  if (!ShouldLog(spdlog::level::debug)) return;
  JsonWriter w;
  w.BeginObject();
  w.Key("ip");
  w.String(remote_address);
  w.Key("event");
  w.String(stage);
  w.Key("reason");
  w.String(ec == beast::error::timeout ? "timeout" : ec.message());
  w.EndObject();
  LogEvent(spdlog::level::debug, "connection", w.str());
}

// Failures of the transport (as opposed to a malformed request): nothing useful can be sent.
bool IsTransportError(const beast::error_code& ec) {
  return ec == beast::error::timeout || ec == http::error::end_of_stream ||
         ec == http::error::partial_message || ec == asio::error::eof ||
         ec == asio::error::connection_reset || ec == asio::error::broken_pipe ||
         ec == asio::error::operation_aborted || ec == asio::error::bad_descriptor ||
         ec == asio::error::not_connected || ec == asio::error::connection_aborted;
}

std::string Lowercase(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

HttpRequest ToHttpRequest(http::request<http::string_body>&& message) {
  HttpRequest request;
  request.method = View(message.method_string());
  request.target = View(message.target());
  for (const auto& field : message) {
    std::string name = Lowercase(View(field.name_string()));
    auto [it, inserted] = request.headers.try_emplace(std::move(name), View(field.value()));
    if (!inserted) {  // repeated header: one comma-separated value (RFC 9110 §5.3)
      it->second += ", ";
      it->second += View(field.value());
    }
  }
  request.body = std::move(message.body());
  return request;
}

http::response<http::string_body> ToBeastResponse(HttpResponse&& response, unsigned version,
                                                  bool keep_alive, const std::string& request_id) {
  http::response<http::string_body> message{static_cast<http::status>(response.status), version};
  message.set(http::field::content_type, response.content_type);
  for (const auto& [name, value] : response.headers) message.set(name, value);
  message.set("x-request-id", request_id);
  message.body() = std::move(response.body);
  message.keep_alive(keep_alive);
  message.prepare_payload();
  return message;
}

HttpResponse InternalError() {
  return ErrorResponse(500, Error(ErrorCode::kUnexpected, "internal error"));
}

// A handler threw: a bug of ours, answered 500; the connection and the process go on.
void LogHandlerException(const std::string& request_id, std::string_view what) {
  JsonWriter w;
  w.BeginObject();
  w.Key("request_id");
  w.String(request_id);
  w.Key("exception");
  w.String(what);
  w.EndObject();
  LogEvent(spdlog::level::err, "unexpected-exception", w.str());
}

// The answer to a request that could not be read: too large, or not HTTP.
HttpResponse RejectionFor(const beast::error_code& ec, const ServerOptions& options) {
  if (ec == http::error::body_limit) {
    return ErrorResponse(413, Error(ErrorCode::kPayloadTooLarge,
                                    fmt::format("request body is larger than the limit of {} "
                                                "bytes",
                                                options.max_body_bytes)));
  }
  if (ec == http::error::header_limit) {
    return ErrorResponse(431, Error(ErrorCode::kBadRequest,
                                    fmt::format("request headers are larger than the limit of "
                                                "{} bytes",
                                                options.max_header_bytes)));
  }
  return ErrorResponse(400,
                       Error(ErrorCode::kBadRequest, "malformed HTTP request: " + ec.message()));
}

}  // namespace

// The request being served, as far as it is known, for the access log.
struct Connection::RequestRecord {
  Clock::time_point start;
  std::string request_id;
  std::string method;
  std::string url;
  std::string http_version = "HTTP/1.1";
  uint64_t request_size = 0;
};

Connection::Connection(beast::tcp_stream stream, std::string remote_address,
                       const ServerOptions& options, const Router& router)
    : stream_(std::move(stream)),
      remote_address_(std::move(remote_address)),
      options_(options),
      router_(router) {}

void Connection::BeginShutdown() {
  asio::post(stream_.get_executor(), [self = shared_from_this()] {
    self->shutting_down_ = true;
    if (self->idle_) self->stream_.cancel();
  });
}

void Connection::Close() {
  asio::post(stream_.get_executor(), [self = shared_from_this()] {
    self->shutting_down_ = true;
    beast::error_code ignored;
    self->stream_.socket().shutdown(asio::ip::tcp::socket::shutdown_both, ignored);
    self->stream_.close();
  });
}

asio::awaitable<void> Connection::Serve() {
  bool first_request = true;
  for (;;) {
    if (buffer_.size() == 0) {
      if (shutting_down_) break;
      idle_ = true;
      stream_.expires_after(first_request ? options_.header_timeout : options_.idle_timeout);
      beast::error_code ec;
      const size_t read = co_await stream_.async_read_some(
          buffer_.prepare(kIdleReadBytes), asio::redirect_error(asio::use_awaitable, ec));
      idle_ = false;
      if (ec) {
        LogConnectionEnd(remote_address_, first_request ? "no request" : "idle", ec);
        co_return;
      }
      buffer_.commit(read);
    }
    first_request = false;
    if (!co_await ServeRequest()) break;
  }
  beast::error_code ignored;
  stream_.socket().shutdown(asio::ip::tcp::socket::shutdown_send, ignored);
}

asio::awaitable<bool> Connection::ServeRequest() {
  RequestRecord record;
  record.start = Clock::now();
  http::request_parser<http::string_body> parser;
  parser.header_limit(static_cast<uint32_t>(
      std::min<size_t>(options_.max_header_bytes, std::numeric_limits<uint32_t>::max())));
  // The body limit is checked once the headers are in, so the 413 can name the request.
  parser.body_limit(std::numeric_limits<uint64_t>::max());

  beast::error_code ec;
  stream_.expires_at(record.start + options_.header_timeout);
  co_await http::async_read_header(stream_, buffer_, parser,
                                   asio::redirect_error(asio::use_awaitable, ec));
  if (parser.is_header_done()) {
    const auto& header = parser.get();
    record.method = View(header.method_string());
    record.url = View(header.target());
    record.http_version = HttpVersionText(header.version());
    record.request_id = RequestIdFor(View(header["x-request-id"]));
  }
  if (!ec) {
    const boost::optional<uint64_t> length = parser.content_length();
    if (length && *length > options_.max_body_bytes) {
      ec = http::error::body_limit;
    } else {
      parser.body_limit(options_.max_body_bytes);
    }
  }
  if (!ec && !parser.is_done()) {
    stream_.expires_at(record.start + options_.request_timeout);
    if (beast::iequals(parser.get()[http::field::expect], "100-continue")) {
      http::response<http::empty_body> go_on{http::status::continue_, parser.get().version()};
      co_await http::async_write(stream_, go_on, asio::redirect_error(asio::use_awaitable, ec));
    }
    if (!ec) {
      co_await http::async_read(stream_, buffer_, parser,
                                asio::redirect_error(asio::use_awaitable, ec));
    }
  }
  if (ec && IsTransportError(ec)) {
    LogConnectionEnd(remote_address_, "reading request", ec);
    co_return false;
  }
  if (ec) {
    co_await RejectAndClose(RejectionFor(ec, options_), record);
    co_return false;
  }

  http::request<http::string_body> message = parser.release();
  const bool client_keeps_alive = message.keep_alive();
  const unsigned version = message.version();
  HttpRequest request = ToHttpRequest(std::move(message));
  record.request_size = request.body.size();

  std::optional<HttpResponse> handled;
  try {
    handled = co_await router_.Handle(request);
  } catch (const std::exception& e) {
    LogHandlerException(record.request_id, e.what());
  } catch (...) {
    LogHandlerException(record.request_id, "unknown exception");
  }
  HttpResponse response = handled ? std::move(*handled) : InternalError();
  const bool keep_alive = client_keeps_alive && !shutting_down_;
  auto message_out = ToBeastResponse(std::move(response), version, keep_alive, record.request_id);
  // A HEAD is answered like a GET without the body (RFC 9110 §9.3.2): Content-Length still says
  // how long the body would have been, and the client reads no body after the headers.
  if (request.method == "HEAD") message_out.body().clear();
  const bool written = co_await Respond(message_out, record);
  const bool go_on = written && keep_alive;
  co_return go_on;
}

asio::awaitable<bool> Connection::Respond(http::response<http::string_body>& response,
                                          const RequestRecord& record) {
  const unsigned status = response.result_int();
  const uint64_t size = response.body().size();
  beast::error_code ec;
  stream_.expires_after(options_.request_timeout);
  co_await http::async_write(stream_, response, asio::redirect_error(asio::use_awaitable, ec));
  if (ec) {
    LogConnectionEnd(remote_address_, "writing response", ec);
    co_return false;
  }
  AccessLogEntry entry;
  entry.request_id = record.request_id;
  entry.method = record.method;
  entry.url = record.url;
  entry.status = status;
  entry.remote_address = remote_address_;
  entry.http_version = record.http_version;
  entry.latency_ms = std::chrono::duration<double, std::milli>(Clock::now() - record.start).count();
  entry.request_size = record.request_size;
  entry.response_size = size;
  LogAccess(entry);
  co_return true;
}

asio::awaitable<void> Connection::RejectAndClose(HttpResponse&& response, RequestRecord& record) {
  if (record.request_id.empty()) record.request_id = NewUuid();
  auto message = ToBeastResponse(std::move(response), 11, false, record.request_id);
  if (!co_await Respond(message, record)) co_return;

  // Stop sending, then read and drop what the client still sends until it closes, so that it
  // reads the answer rather than a reset.
  beast::error_code ec;
  stream_.socket().shutdown(asio::ip::tcp::socket::shutdown_send, ec);
  stream_.expires_after(std::min<std::chrono::milliseconds>(kLingerTime, options_.request_timeout));
  std::array<char, 64 * 1024> sink;
  idle_ = true;  // nothing left to answer: a stop may cut this short
  while (!ec && !shutting_down_) {
    co_await stream_.async_read_some(asio::buffer(sink),
                                     asio::redirect_error(asio::use_awaitable, ec));
  }
  idle_ = false;
}

}  // namespace junction::server
