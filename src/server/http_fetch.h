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
// Plain http:// only: an https:// URL is an Error (auth hooks and JWK endpoints inside a cluster
// are usually plain HTTP; put a TLS-terminating proxy in front otherwise). One request per
// connection (Connection: close).

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
  std::string host;
  std::string port;
  std::string target;  // path and query, "/" at least
};

// Splits an http:// URL; an Error names what is wrong (https, no host, a bad port).
Result<ParsedUrl> ParseHttpUrl(std::string_view url);

// Errors: kUnexpected with a message saying what failed ("timed out after 10s", "connection
// refused", …). Any status is a response, not an Error.
boost::asio::awaitable<Result<FetchResponse>> HttpFetch(const FetchRequest& request);

}  // namespace junction::server
