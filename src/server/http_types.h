#pragma once
// The HTTP request and response as the API handlers see them, independent of Boost.Beast: the
// listener (http_server.h) converts to and from these, and every handler is a function of
// (Engine, HttpRequest) → HttpResponse. Header names are stored lower-case.

#include <map>
#include <string>
#include <string_view>

namespace junction::server {

struct HttpRequest {
  std::string method;                                       // "GET", "POST", …
  std::string target;                                       // path and query, e.g. "/v1/graphql"
  std::map<std::string, std::string, std::less<>> headers;  // lower-case names
  std::string body;

  // The header's value, or empty when absent. `name` must be lower-case.
  std::string_view Header(std::string_view name) const;
};

// The path part of a request target: everything before '?' or '#'.
std::string_view PathOf(std::string_view target);

struct HttpResponse {
  unsigned status = 200;
  std::string content_type = "application/json; charset=utf-8";
  std::string body;
  std::map<std::string, std::string> headers;  // extra headers, e.g. "location"
};

}  // namespace junction::server
