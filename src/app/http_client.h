#pragma once
// A small blocking HTTP/1.1 client for the command line (`junction metadata …`, metadata_cli.h):
// one POST of a JSON body to an engine, over http:// or https://, with a deadline on every step
// (resolve, connect, TLS handshake, write, read). HTTPS verifies the server's certificate against
// the system's default trust store and its host name, and sends SNI.
//
//   Result<Url> url = ParseUrl("https://engine.example.com/hasura");
//   Result<HttpResponse> answer = PostJson(*url, "/v1/metadata", R"({"type":…})", headers, 30s);
//
// Any HTTP status is a response; an Error (kUnexpected) means no response: a malformed URL, a host
// that does not resolve, a refused connection, a timeout, a TLS failure. Issue 8 adds an async
// client for the engine itself; this one stays in app/.

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/result.h"

namespace junction::app {

// An endpoint URL: scheme://host[:port][/base path]. The base path prefixes every request's path
// (an engine behind a proxy at https://example.com/hasura answers at /hasura/v1/metadata).
struct Url {
  std::string scheme;     // "http" or "https"
  std::string host;       // "localhost", "127.0.0.1", "::1" (without the brackets)
  uint16_t port = 0;      // the given one, else 80 for http and 443 for https
  std::string base_path;  // "" or "/hasura" (no trailing slash)

  // The URL back as text: "http://localhost:8080/hasura" (the port always written).
  std::string ToString() const;
  // `path` ("/v1/metadata") under the base path: "/hasura/v1/metadata".
  std::string Target(std::string_view path) const;

  bool operator==(const Url&) const = default;
};

// Parses an endpoint URL. Errors (kInvalidConfiguration) say what is wrong: an unsupported or
// missing scheme, an empty host, a bad port, a query or fragment (an endpoint has none).
Result<Url> ParseUrl(std::string_view text);

struct HttpResponse {
  int status = 0;
  std::string content_type;
  std::string body;
};

using HttpHeaders = std::vector<std::pair<std::string, std::string>>;

// POSTs `body` (Content-Type application/json) to `path` under `url`, with `headers` added, and
// reads the whole response. Every step must finish within `timeout`. Errors (kUnexpected) name
// the URL and what failed: "cannot connect to http://localhost:8080: Connection refused",
// "http://…: no response within 30 s".
Result<HttpResponse> PostJson(const Url& url, std::string_view path, const std::string& body,
                              const HttpHeaders& headers, std::chrono::seconds timeout);

}  // namespace junction::app
