#pragma once
// HttpClient: HTTP/1.1 requests to other services (remote GraphQL schemas), as coroutines, with
// connections kept alive and reused (DESIGN.md §4: one request per hop, so connection set-up must
// not cost a handshake each time). One client serves the whole process: it keeps up to
// `max_idle_per_host` idle connections per (scheme, host, port), takes an idle one when there is
// one and opens another otherwise, so concurrent requests to one host run on parallel
// connections. A connection the server closed while idle is noticed on reuse and the request is
// sent again on a fresh one (only when nothing of it had been answered).
//
//   HttpClient client(io_context.get_executor());
//   HttpRequest request{.method = "POST", .url = "https://orders.internal/graphql",
//                       .body = R"({"query":"{ orders { id } }"})"};
//   request.headers.emplace_back("content-type", "application/json");
//   Result<HttpResponse> response = co_await client.Send(request);
//
// http:// and https:// (TLS 1.2+, the certificate verified against the system trust store and the
// URL's host name, SNI). Each request is bounded by its `timeout` over the whole exchange
// (resolve, connect, TLS, write, read): past it the connection is closed and the request fails.

#include <chrono>
#include <cstddef>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <utility>  // before any Asio header: Boost 1.74 + GCC 12
#include <vector>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>

#include "common/result.h"

namespace junction::backends::http {

struct HttpRequest {
  std::string method = "POST";
  std::string url;  // http://host[:port][/path?query] or https://…
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  std::chrono::milliseconds timeout{60'000};
  size_t max_body_bytes = 64 * 1024 * 1024;
};

// An http:// or https:// URL, split. User info (user:password@) is dropped: it is never sent.
struct ParsedUrl {
  bool tls = false;    // https
  std::string host;    // an IPv6 literal without its brackets
  std::string port;    // "80"/"443" when the URL names none
  std::string target;  // path and query, "/" at least
};

// Errors: kUnexpected "invalid URL \"…\": …" naming what is wrong (another scheme, no host, a
// bad port).
Result<ParsedUrl> ParseHttpUrl(std::string_view url);

struct HttpResponse {
  unsigned status = 0;
  std::map<std::string, std::string> headers;  // lower-case names
  std::string body;
};

// Whether a client's request header (lower-case name) may be passed on to another service:
// not one about the client's own connection and body (Hasura's commonClientHeadersIgnored, plus
// the hop-by-hop headers of RFC 9110 §7.6.1). The auth webhook and remote schemas forwarding
// client headers use it.
bool IsForwardable(std::string_view header);

class HttpClient {
 public:
  explicit HttpClient(boost::asio::any_io_executor executor, size_t max_idle_per_host = 32);
  ~HttpClient();
  HttpClient(const HttpClient&) = delete;
  HttpClient& operator=(const HttpClient&) = delete;

  // Errors: kUnexpected whose message says what failed, in words a user can act on ("timed out
  // after 5s", "connection refused", "invalid URL …", "response larger than N bytes"). Any HTTP
  // status is a response, not an Error. Safe to call from any thread of the executor's context.
  boost::asio::awaitable<Result<HttpResponse>> Send(const HttpRequest& request);

  // How many connections were opened so far (tests and benchmarks check reuse with it).
  size_t connections_opened() const;

  // Trusts the CA certificate(s) in `pem` for https, in addition to the system trust store (a
  // private CA; tests). Call before the first request.
  Status TrustCertificateAuthority(std::string_view pem);

 private:
  struct Impl;
  std::shared_ptr<Impl> impl_;
};

}  // namespace junction::backends::http
