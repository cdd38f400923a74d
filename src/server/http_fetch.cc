#include "server/http_fetch.h"

#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

namespace junction::server {

boost::asio::awaitable<Result<FetchResponse>> HttpFetch(
    const FetchRequest& request, backends::http::HttpClient* client) {
  backends::http::HttpRequest http_request;
  http_request.method = request.method;
  http_request.url = request.url;
  http_request.headers = request.headers;
  http_request.body = request.body;
  http_request.timeout = request.timeout;
  http_request.max_body_bytes = request.max_body_bytes;
  if (client != nullptr) co_return co_await client->Send(http_request);

  // A client of its own, keeping no connection: nothing outlives the request.
  boost::asio::any_io_executor executor = co_await boost::asio::this_coro::executor;
  backends::http::HttpClient own(executor, /*max_idle_per_host=*/0);
  http_request.headers.emplace_back("connection", "close");
  co_return co_await own.Send(http_request);
}

}  // namespace junction::server
