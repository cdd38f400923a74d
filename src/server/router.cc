#include "server/router.h"

#include <array>

#include "common/json_writer.h"
#include "server/error_response.h"

namespace junction::server {
namespace {

// What a route that GET reads takes: HEAD as well (RFC 9110 §9.3.2), answered with GET's headers
// and no body by the listener (connection.cc). Also the value of such a route's Allow header.
constexpr std::string_view kGetMethods = "GET, HEAD";

struct RouteEntry {
  std::string_view path;
  std::string_view method;
  Route route;
};

constexpr std::array<RouteEntry, 7> kRoutes = {{
    {"/v1/graphql", "POST", Route::kGraphql},
    {"/v1/graphql/explain", "POST", Route::kExplain},
    {"/v1/metadata", "POST", Route::kMetadata},
    {"/v1/query", "POST", Route::kQueryV1},
    {"/v2/query", "POST", Route::kQueryV2},
    {"/healthz", kGetMethods, Route::kHealthz},
    {"/v1/version", kGetMethods, Route::kVersion},
}};

constexpr RouteEntry kConsoleRoute = {"/console", kGetMethods, Route::kConsole};
constexpr RouteEntry kRootRoute = {"/", kGetMethods, Route::kConsoleRedirect};

const RouteEntry* FindPath(std::string_view target) {
  const std::string_view path = PathOf(target);
  for (const RouteEntry& entry : kRoutes) {
    if (entry.path == path) return &entry;
  }
  if (path == kRootRoute.path) return &kRootRoute;
  if (IsConsolePath(path)) return &kConsoleRoute;
  return nullptr;
}

bool TakesMethod(const RouteEntry& entry, std::string_view method) {
  if (entry.method == kGetMethods) return method == "GET" || method == "HEAD";
  return entry.method == method;
}

HttpResponse NotFound() {
  return ErrorResponse(404, Error(ErrorCode::kNotFound, "resource does not exist"));
}

}  // namespace

Route MatchRoute(std::string_view method, std::string_view target) {
  const RouteEntry* entry = FindPath(target);
  if (entry == nullptr) return Route::kNotFound;
  return TakesMethod(*entry, method) ? entry->route : Route::kWrongMethod;
}

std::string_view AllowedMethod(std::string_view target) {
  const RouteEntry* entry = FindPath(target);
  return entry == nullptr ? std::string_view() : entry->method;
}

Router::Router(Handlers& handlers, std::string version, const ConsoleAssets* console)
    : handlers_(handlers), console_(console) {
  JsonWriter w;
  w.BeginObject();
  w.Key("version");
  w.String(version);
  w.EndObject();
  version_body_ = w.Take();
}

boost::asio::awaitable<HttpResponse> Router::Handle(const HttpRequest& request) const {
  const Route route = MatchRoute(request.method, request.target);
  // Without a console, its paths are as unknown as they were before it existed: no Allow header.
  const std::string_view path = PathOf(request.target);
  if (console_ == nullptr && (path == kRootRoute.path || IsConsolePath(path))) co_return NotFound();
  switch (route) {
    case Route::kGraphql:
      co_return co_await handlers_.HandleGraphql(request);
    case Route::kMetadata:
      co_return co_await handlers_.HandleMetadata(request);
    case Route::kQueryV1:
      co_return co_await handlers_.HandleQueryV1(request);
    case Route::kQueryV2:
      co_return co_await handlers_.HandleQueryV2(request);
    case Route::kExplain:
      co_return co_await handlers_.HandleExplain(request);
    case Route::kHealthz: {
      HttpResponse response;
      response.content_type = "text/plain; charset=utf-8";
      response.body = "OK";
      co_return response;
    }
    case Route::kVersion: {
      HttpResponse response;
      response.body = version_body_;
      co_return response;
    }
    case Route::kConsole:
      co_return console_->Respond(request);
    case Route::kConsoleRedirect: {
      HttpResponse response;
      response.status = 307;
      response.content_type = "text/plain; charset=utf-8";
      response.headers.emplace("location", "/console");
      response.body = "Redirecting to /console\n";
      co_return response;
    }
    case Route::kWrongMethod: {
      HttpResponse response = NotFound();
      response.headers.emplace("allow", AllowedMethod(request.target));
      co_return response;
    }
    case Route::kNotFound:
      break;
  }
  co_return NotFound();
}

}  // namespace junction::server
