#pragma once
// Router: maps a request's method and path to the API it asks for (DESIGN.md §1) and calls the
// handler. The listener (http_server.h) hands it each parsed request; the handlers (handlers.h)
// are injected, so the Engine serves in production and fakes serve in tests.
//
//   POST /v1/graphql   → Handlers::HandleGraphql        GET /healthz     → 200 "OK" (text/plain)
//   POST /v1/metadata  → Handlers::HandleMetadata       GET /v1/version  → {"version":"…"}
//   POST /v1/query     → Handlers::HandleQueryV1
//   POST /v2/query     → Handlers::HandleQueryV2
//   anything else      → 404 {"path":"$","error":"resource does not exist","code":"not-found"}
//
// The query string is ignored. A known path with the wrong method (GET /v1/graphql) is a 404 too,
// as in Hasura, whose router falls through to the same not-found answer; the response carries an
// `Allow` header naming the method that would have worked.

#include <string>
#include <string_view>
#include <utility>  // before any Asio header: Boost 1.74 + GCC 12

#include <boost/asio/awaitable.hpp>

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
  kWrongMethod,  // the path is known, the method is not the one it takes
  kNotFound,
};

// The route of (method, target). `target` is the request target, query string included.
Route MatchRoute(std::string_view method, std::string_view target);

// The method a known path takes ("GET" or "POST"); empty for an unknown path.
std::string_view AllowedMethod(std::string_view target);

// The path part of a request target: everything before '?' or '#'.
std::string_view PathOf(std::string_view target);

class Router {
 public:
  // REQUIRES: `handlers` outlives the Router.
  Router(Handlers& handlers, std::string version);

  // Never throws by itself; an exception from a handler propagates to the listener.
  boost::asio::awaitable<HttpResponse> Handle(const HttpRequest& request) const;

 private:
  Handlers& handlers_;
  std::string version_body_;  // {"version":"…"}, rendered once
};

}  // namespace junction::server
