#pragma once
// Router: maps a request's method and path to the API it asks for (DESIGN.md §1) and calls the
// handler. The listener (http_server.h) hands it each parsed request; the handlers (handlers.h)
// are injected, so the Engine serves in production and fakes serve in tests.
//
//   POST /v1/graphql   → Handlers::HandleGraphql   GET|HEAD /healthz    → 200 "OK" (text/plain)
//   POST /v1/metadata  → Handlers::HandleMetadata  GET|HEAD /v1/version → {"version":"…"}
//   POST /v1/query     → Handlers::HandleQueryV1
//   POST /v2/query     → Handlers::HandleQueryV2
//   GET|HEAD /console, /console/…  → ConsoleAssets::Respond (the web console's files)
//   GET|HEAD /                     → 307 Location: /console
//   anything else      → 404 {"path":"$","error":"resource does not exist","code":"not-found"}
//
// The query string is ignored. A known path with the wrong method (GET /v1/graphql) is a 404 too,
// as in Hasura, whose router falls through to the same not-found answer; the response carries an
// `Allow` header naming the methods that would have worked. Every route GET reads takes HEAD too,
// answered with GET's headers and no body (connection.cc). The console's two routes exist only
// when the Router has a ConsoleAssets (--enable-console, the default); without one they are
// unknown paths like any other.

#include <string>
#include <string_view>
#include <utility>  // before any Asio header: Boost 1.74 + GCC 12

#include <boost/asio/awaitable.hpp>

#include "server/console_assets.h"
#include "server/handlers.h"
#include "server/http_types.h"

namespace junction::server {

enum class Route {
  kGraphql,
  kMetadata,
  kQueryV1,
  kQueryV2,
  kExplain,
  kHealthz,
  kVersion,
  kConsole,          // /console and below: the console's files
  kConsoleRedirect,  // /: to the console
  kWrongMethod,      // the path is known, the method is not the one it takes
  kNotFound,
};

// The route of (method, target). `target` is the request target, query string included.
Route MatchRoute(std::string_view method, std::string_view target);

// The methods a known path takes ("POST", or "GET, HEAD"), as an Allow header lists them; empty
// for an unknown path.
std::string_view AllowedMethod(std::string_view target);

class Router {
 public:
  // REQUIRES: `handlers` and `console` outlive the Router. A null `console` disables the
  // console's routes (--enable-console false).
  Router(Handlers& handlers, std::string version, const ConsoleAssets* console = nullptr);

  // Never throws by itself; an exception from a handler propagates to the listener.
  boost::asio::awaitable<HttpResponse> Handle(const HttpRequest& request) const;

 private:
  Handlers& handlers_;
  std::string version_body_;  // {"version":"…"}, rendered once
  const ConsoleAssets* console_;
};

}  // namespace junction::server
