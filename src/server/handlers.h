#pragma once
// Handlers: the API endpoints the router (router.h) dispatches to, as an interface. The Engine
// (engine.h) implements it; tests of the router and the listener implement it with fakes, so the
// HTTP layer can be exercised without metadata, schemas or databases.
//
// Each handler answers in Hasura's shapes (DESIGN.md §1) and should not throw; the listener still
// turns an escaping exception into a 500 so that nothing in a request can end the process.

#include <utility>  // before any Asio header: Boost 1.74 + GCC 12

#include <boost/asio/awaitable.hpp>

#include "server/http_types.h"

namespace junction::server {

class Handlers {
 public:
  virtual ~Handlers() = default;

  virtual boost::asio::awaitable<HttpResponse> HandleGraphql(const HttpRequest& request) = 0;
  virtual boost::asio::awaitable<HttpResponse> HandleMetadata(const HttpRequest& request) = 0;
  virtual boost::asio::awaitable<HttpResponse> HandleQueryV1(const HttpRequest& request) = 0;
  virtual boost::asio::awaitable<HttpResponse> HandleQueryV2(const HttpRequest& request) = 0;
  virtual boost::asio::awaitable<HttpResponse> HandleExplain(const HttpRequest& request) = 0;
};

}  // namespace junction::server
