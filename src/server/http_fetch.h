#pragma once
// HttpFetch: one HTTP/1.1 request to another service, as a coroutine on the caller's executor,
// bounded by a deadline over the whole exchange (resolve, connect, write, read). The engine uses it
// for the authentication webhook and to fetch a JWK set; nothing here blocks a thread.
//
//   FetchRequest request{.method = "GET", .url = "http://127.0.0.1:4000/auth"};
//   request.headers.emplace_back("authorization", "Bearer …");
//   Result<FetchResponse> response = co_await HttpFetch(request);
//   if (response) Use(response->status, response->body);
//
// http:// and https://: TLS 1.2 or later, the server's certificate verified against the system's
// trust store (OpenSSL's default paths; SSL_CERT_FILE / SSL_CERT_DIR point elsewhere) and the
// URL's host name, with SNI. One request per connection (Connection: close).

#include <chrono>
#include <map>
#include <string>
#include <utility>  // before any Asio header: Boost 1.74 + GCC 12
#include <vector>

#include <boost/asio/awaitable.hpp>

#include "common/result.h"

namespace junction::server {

struct FetchRequest {
  std::string method = "GET";
  std::string url;  // http://host[:port][/path?query]
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  std::chrono::milliseconds timeout{10'000};
  size_t max_body_bytes = 8 * 1024 * 1024;
};

struct FetchResponse {
  unsigned status = 0;
  std::map<std::string, std::string> headers;  // lower-case names
  std::string body;
};

struct ParsedUrl {
  bool tls = false;  // https
  std::string host;
  std::string port;
  std::string target;  // path and query, "/" at least
};

// Splits an http:// or https:// URL; an Error names what is wrong (another scheme, no host, a bad
// port).
Result<ParsedUrl> ParseHttpUrl(std::string_view url);

// Errors: kUnexpected with a message saying what failed ("timed out after 10s", "connection
// refused", …). Any status is a response, not an Error.
boost::asio::awaitable<Result<FetchResponse>> HttpFetch(const FetchRequest& request);

}  // namespace junction::server
