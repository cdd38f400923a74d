#pragma once
// HttpFetch: one HTTP/1.1 request to another service (the authentication webhook, a JWK set), as
// a coroutine on the caller's executor. A thin use of the engine's one HTTP client,
// backends::http::HttpClient (http_client.h): the same URL parsing, deadline over the
// whole exchange (resolve, connect, TLS, write, read), body limit and TLS settings (TLS 1.2 or
// later, the certificate verified against the system trust store and the URL's host name, SNI).
//
//   FetchRequest request{.method = "GET", .url = "http://127.0.0.1:4000/auth"};
//   request.headers.emplace_back("authorization", "Bearer …");
//   Result<FetchResponse> response = co_await HttpFetch(request);
//   if (response) Use(response->status, response->body);
//
// Given no client, it makes one for the request (one connection, closed after it); given the
// engine's client, it reuses that client's kept-alive connections.

#include <chrono>
#include <string>
#include <utility>  // before any Asio header: Boost 1.74 + GCC 12
#include <vector>

#include <boost/asio/awaitable.hpp>

#include "backends/http/http_client.h"
#include "common/result.h"

namespace junction::server {

// The defaults of the engine's own calls: GET, 10 s, 8 MiB.
struct FetchRequest {
  std::string method = "GET";
  std::string url;  // http://host[:port][/path?query] or https://…
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  std::chrono::milliseconds timeout{10'000};
  size_t max_body_bytes = 8 * 1024 * 1024;
};

using FetchResponse = backends::http::HttpResponse;
using backends::http::ParsedUrl;
using backends::http::ParseHttpUrl;

// Errors: kUnexpected with a message saying what failed ("timed out after 10s", "cannot connect to
// host:port: Connection refused", …). Any status is a response, not an Error.
boost::asio::awaitable<Result<FetchResponse>> HttpFetch(
    const FetchRequest& request, backends::http::HttpClient* client = nullptr);

}  // namespace junction::server
