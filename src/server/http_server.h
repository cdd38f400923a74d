#pragma once
// HttpServer: the HTTP/1.1 listener (Boost.Beast, C++20 coroutines). One io_context served by one
// thread per core; one coroutine per connection (connection.h) reading requests with keep-alive,
// the limits and timeouts of ServerOptions, and handing each request to the Router. Every request
// gets one access-log line (access_log.h).
//
// Life cycle, as main runs it:
//   HttpServer server(options, router);
//   server.StopOnSignals();                              // SIGINT / SIGTERM → Stop()
//   if (Status started = server.Start(); !started) …   // binds; logs the URL
//   server.Wait();                                       // returns once stopped
//
// Stop is graceful: the listener closes, idle keep-alive connections close at once, requests in
// flight finish and are answered with `Connection: close`. Connections still busy after
// ServerOptions::shutdown_grace are closed. A second signal closes everything at once.
//
// At ServerOptions::max_connections the listener stops accepting until a connection ends; clients
// beyond the limit wait in the kernel's listen backlog.

#include <cstdint>
#include <memory>
#include <utility>  // before any Asio header: Boost 1.74 + GCC 12

#include <boost/asio/io_context.hpp>

#include "common/result.h"
#include "server/router.h"
#include "server/server_options.h"

namespace junction::server {

class HttpServer {
 public:
  // Serves on `ioc`, or on an io_context of its own when null (tests). The engine's other work
  // (database connections) runs on the same io_context, so serve.cc passes the one it made.
  // REQUIRES: `router` (and `ioc`) outlive the server.
  HttpServer(ServerOptions options, const Router& router, boost::asio::io_context* ioc = nullptr);
  // Stops (without grace) and joins the threads if the server still runs.
  ~HttpServer();

  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  // Binds host:port, starts accepting and starts the worker threads. Fails when the address
  // cannot be resolved or bound. REQUIRES: called once.
  Status Start();

  // The bound port (the kernel's choice when ServerOptions::port is 0). REQUIRES: Start succeeded.
  uint16_t port() const;

  // Makes SIGINT and SIGTERM call Stop(); a second signal closes every connection at once.
  // REQUIRES: called before Start.
  void StopOnSignals();

  // Begins a graceful stop and returns at once. Thread-safe; later calls do nothing.
  void Stop();

  // Blocks until the server has stopped and its threads have ended.
  void Wait();

 private:
  class Listener;
  std::unique_ptr<Listener> listener_;
};

}  // namespace junction::server
