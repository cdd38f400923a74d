// Router: which (method, path) reaches which handler, and the answers the router gives itself
// (/healthz, /v1/version, Hasura's not-found, the console's redirect).

#include "server/router.h"

#include <filesystem>
#include <optional>
#include <string>
#include <utility>  // before any Asio header: Boost 1.74 + GCC 12

#include <gtest/gtest.h>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>

namespace junction::server {
namespace {

// Answers with the name of the handler that was called and echoes the request body.
class NamingHandlers : public Handlers {
 public:
  boost::asio::awaitable<HttpResponse> HandleGraphql(const HttpRequest& request) override {
    co_return Named("graphql", request);
  }
  boost::asio::awaitable<HttpResponse> HandleMetadata(const HttpRequest& request) override {
    co_return Named("metadata", request);
  }
  boost::asio::awaitable<HttpResponse> HandleQueryV1(const HttpRequest& request) override {
    co_return Named("query-v1", request);
  }
  boost::asio::awaitable<HttpResponse> HandleQueryV2(const HttpRequest& request) override {
    co_return Named("query-v2", request);
  }
  boost::asio::awaitable<HttpResponse> HandleExplain(const HttpRequest& request) override {
    co_return Named("explain", request);
  }

 private:
  static HttpResponse Named(std::string name, const HttpRequest& request) {
    HttpResponse response;
    response.body = name + ":" + request.body;
    return response;
  }
};

HttpResponse Handle(const Router& router, std::string method, std::string target,
                    std::string body = "") {
  HttpRequest request;
  request.method = std::move(method);
  request.target = std::move(target);
  request.body = std::move(body);
  std::optional<HttpResponse> response;
  boost::asio::io_context ioc;
  boost::asio::co_spawn(
      ioc, [&]() -> boost::asio::awaitable<void> { response = co_await router.Handle(request); },
      boost::asio::detached);
  ioc.run();
  EXPECT_TRUE(response.has_value());
  return response.value_or(HttpResponse{});
}

constexpr std::string_view kNotFoundBody =
    R"({"path":"$","error":"resource does not exist","code":"not-found"})";

TEST(MatchRoute, MapsEachApiToItsRoute) {
  EXPECT_EQ(MatchRoute("POST", "/v1/graphql"), Route::kGraphql);
  EXPECT_EQ(MatchRoute("POST", "/v1/metadata"), Route::kMetadata);
  EXPECT_EQ(MatchRoute("POST", "/v1/query"), Route::kQueryV1);
  EXPECT_EQ(MatchRoute("POST", "/v2/query"), Route::kQueryV2);
  EXPECT_EQ(MatchRoute("POST", "/v1/graphql/explain"), Route::kExplain);
  EXPECT_EQ(MatchRoute("GET", "/healthz"), Route::kHealthz);
  EXPECT_EQ(MatchRoute("GET", "/v1/version"), Route::kVersion);
}

TEST(MatchRoute, IgnoresTheQueryString) {
  EXPECT_EQ(MatchRoute("POST", "/v1/graphql?x=1"), Route::kGraphql);
  EXPECT_EQ(MatchRoute("GET", "/healthz?"), Route::kHealthz);
  EXPECT_EQ(MatchRoute("GET", "/v1/version#top"), Route::kVersion);
}

TEST(MatchRoute, KnownPathWithAnotherMethodIsWrongMethod) {
  EXPECT_EQ(MatchRoute("GET", "/v1/graphql"), Route::kWrongMethod);
  EXPECT_EQ(MatchRoute("PUT", "/v1/metadata"), Route::kWrongMethod);
  EXPECT_EQ(MatchRoute("POST", "/healthz"), Route::kWrongMethod);
  EXPECT_EQ(MatchRoute("post", "/v1/graphql"), Route::kWrongMethod);  // methods are case-sensitive
}

TEST(MatchRoute, AnythingElseIsNotFound) {
  EXPECT_EQ(MatchRoute("GET", "/nothing"), Route::kNotFound);
  EXPECT_EQ(MatchRoute("GET", "/consoles"), Route::kNotFound);
  EXPECT_EQ(MatchRoute("GET", "//"), Route::kNotFound);
  EXPECT_EQ(MatchRoute("POST", "/v1/graphql/"), Route::kNotFound);
  EXPECT_EQ(MatchRoute("POST", "/V1/GRAPHQL"), Route::kNotFound);
  EXPECT_EQ(MatchRoute("POST", "/v1/graphqlx"), Route::kNotFound);
  EXPECT_EQ(MatchRoute("POST", "/v1/graphql/explained"), Route::kNotFound);
  EXPECT_EQ(MatchRoute("GET", ""), Route::kNotFound);
  EXPECT_EQ(MatchRoute("GET", "*"), Route::kNotFound);
}

TEST(PathOf, StopsAtQueryOrFragment) {
  EXPECT_EQ(PathOf("/a/b?c=d#e"), "/a/b");
  EXPECT_EQ(PathOf("/a#b?c"), "/a");
  EXPECT_EQ(PathOf("/a"), "/a");
  EXPECT_EQ(PathOf("?x"), "");
}

TEST(Router, DispatchesPostsToTheirHandlers) {
  NamingHandlers handlers;
  Router router(handlers, "1.2.3");
  EXPECT_EQ(Handle(router, "POST", "/v1/graphql", "{}").body, "graphql:{}");
  EXPECT_EQ(Handle(router, "POST", "/v1/metadata", "m").body, "metadata:m");
  EXPECT_EQ(Handle(router, "POST", "/v1/query", "q").body, "query-v1:q");
  EXPECT_EQ(Handle(router, "POST", "/v2/query?debug=1", "q2").body, "query-v2:q2");
  EXPECT_EQ(Handle(router, "POST", "/v1/graphql/explain", "e").body, "explain:e");
}

TEST(Router, HealthzAnswersOkAsPlainText) {
  NamingHandlers handlers;
  Router router(handlers, "1.2.3");
  HttpResponse response = Handle(router, "GET", "/healthz");
  EXPECT_EQ(response.status, 200u);
  EXPECT_EQ(response.body, "OK");
  EXPECT_EQ(response.content_type, "text/plain; charset=utf-8");
}

TEST(Router, VersionAnswersTheVersionAsJson) {
  NamingHandlers handlers;
  Router router(handlers, "1.2.3");
  HttpResponse response = Handle(router, "GET", "/v1/version");
  EXPECT_EQ(response.status, 200u);
  EXPECT_EQ(response.body, R"({"version":"1.2.3"})");
  EXPECT_EQ(response.content_type, "application/json; charset=utf-8");
}

TEST(Router, VersionIsEscaped) {
  NamingHandlers handlers;
  Router router(handlers, "1\"2");
  EXPECT_EQ(Handle(router, "GET", "/v1/version").body, R"({"version":"1\"2"})");
}

TEST(Router, UnknownPathIsHasurasNotFound) {
  NamingHandlers handlers;
  Router router(handlers, "1.2.3");
  HttpResponse response = Handle(router, "POST", "/v1/nothing", "{}");
  EXPECT_EQ(response.status, 404u);
  EXPECT_EQ(response.body, kNotFoundBody);
  EXPECT_EQ(response.content_type, "application/json; charset=utf-8");
  EXPECT_TRUE(response.headers.empty());
}

TEST(Router, WrongMethodIsNotFoundWithAllow) {
  NamingHandlers handlers;
  Router router(handlers, "1.2.3");
  HttpResponse get_graphql = Handle(router, "GET", "/v1/graphql");
  EXPECT_EQ(get_graphql.status, 404u);
  EXPECT_EQ(get_graphql.body, kNotFoundBody);
  EXPECT_EQ(get_graphql.headers.at("allow"), "POST");

  HttpResponse post_healthz = Handle(router, "POST", "/healthz?x");
  EXPECT_EQ(post_healthz.status, 404u);
  EXPECT_EQ(post_healthz.headers.at("allow"), "GET, HEAD");
}

TEST(MatchRoute, GetRoutesTakeHeadToo) {
  EXPECT_EQ(MatchRoute("GET", "/console"), Route::kConsole);
  EXPECT_EQ(MatchRoute("GET", "/console/"), Route::kConsole);
  EXPECT_EQ(MatchRoute("HEAD", "/console/assets/app.js"), Route::kConsole);
  EXPECT_EQ(MatchRoute("GET", "/console/data/default?x=1"), Route::kConsole);
  EXPECT_EQ(MatchRoute("GET", "/"), Route::kConsoleRedirect);
  EXPECT_EQ(MatchRoute("HEAD", "/?next=x"), Route::kConsoleRedirect);
  EXPECT_EQ(MatchRoute("POST", "/console"), Route::kWrongMethod);
  EXPECT_EQ(MatchRoute("DELETE", "/"), Route::kWrongMethod);
  EXPECT_EQ(MatchRoute("HEAD", "/healthz"), Route::kHealthz);  // every GET route takes HEAD
  EXPECT_EQ(MatchRoute("HEAD", "/v1/version"), Route::kVersion);
  EXPECT_EQ(MatchRoute("HEAD", "/v1/graphql"), Route::kWrongMethod);
  EXPECT_EQ(AllowedMethod("/console/x"), "GET, HEAD");
  EXPECT_EQ(AllowedMethod("/"), "GET, HEAD");
  EXPECT_EQ(AllowedMethod("/healthz"), "GET, HEAD");
  EXPECT_EQ(AllowedMethod("/v1/graphql"), "POST");
  EXPECT_EQ(AllowedMethod("/nothing"), "");
}

// A console that was not built answers its own page: enough to tell the Router sent the request
// there, without files on disk.
ConsoleAssets NotBuiltConsole() {
  return ConsoleAssets::Load(std::filesystem::path("/nonexistent/junction-console"));
}

TEST(Router, RootRedirectsToTheConsole) {
  NamingHandlers handlers;
  const ConsoleAssets console = NotBuiltConsole();
  Router router(handlers, "1.2.3", &console);
  for (const char* target : {"/", "/?token=x"}) {
    HttpResponse response = Handle(router, "GET", target);
    EXPECT_EQ(response.status, 307u) << target;
    EXPECT_EQ(response.headers.at("location"), "/console") << target;
  }
  EXPECT_EQ(Handle(router, "HEAD", "/").status, 307u);
}

TEST(Router, ConsolePathsGoToTheConsole) {
  NamingHandlers handlers;
  const ConsoleAssets console = NotBuiltConsole();
  Router router(handlers, "1.2.3", &console);
  for (const char* target : {"/console", "/console/", "/console/assets/a.js?v=1"}) {
    HttpResponse response = Handle(router, "GET", target);
    EXPECT_EQ(response.status, 404u) << target;
    EXPECT_EQ(response.content_type, "text/html; charset=utf-8") << target;
    EXPECT_NE(response.body.find("not built"), std::string::npos) << target;
  }
  EXPECT_EQ(Handle(router, "HEAD", "/console").content_type, "text/html; charset=utf-8");
  // The APIs are where they were.
  EXPECT_EQ(Handle(router, "POST", "/v1/graphql", "{}").body, "graphql:{}");
  EXPECT_EQ(Handle(router, "GET", "/consoles").body, kNotFoundBody);
}

TEST(Router, ConsoleWithAnotherMethodIsNotFoundWithAllow) {
  NamingHandlers handlers;
  const ConsoleAssets console = NotBuiltConsole();
  Router router(handlers, "1.2.3", &console);
  for (const char* target : {"/console", "/console/data", "/"}) {
    HttpResponse response = Handle(router, "POST", target, "{}");
    EXPECT_EQ(response.status, 404u) << target;
    EXPECT_EQ(response.body, kNotFoundBody) << target;
    EXPECT_EQ(response.headers.at("allow"), "GET, HEAD") << target;
  }
}

TEST(Router, WithoutAConsoleItsPathsAreUnknown) {
  NamingHandlers handlers;
  Router router(handlers, "1.2.3");  // --enable-console false
  for (const char* method : {"GET", "HEAD", "POST"}) {
    for (const char* target : {"/", "/console", "/console/assets/a.js"}) {
      HttpResponse response = Handle(router, method, target);
      EXPECT_EQ(response.status, 404u) << method << " " << target;
      EXPECT_EQ(response.body, kNotFoundBody) << method << " " << target;
      EXPECT_TRUE(response.headers.empty()) << method << " " << target;
    }
  }
}

}  // namespace
}  // namespace junction::server
