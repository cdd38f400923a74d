#pragma once
// Connection: one accepted TCP connection and the coroutine that serves it (HTTP/1.1, keep-alive),
// private to the listener (http_server.cc). Its life:
//
//   idle     wait for the first byte of a request (idle_timeout; header_timeout for the first
//            request of the connection). A stop closes an idle connection at once.
//   request  read the headers (header_timeout from the first byte) and the body (request_timeout,
//            max_body_bytes → 413), call the Router, write the response, log it.
//   close    after `Connection: close`, a protocol error, a timeout, or a stop.
//
// All I/O runs on the connection's strand; BeginShutdown and Close may be called from any thread
// and post to it. Network failures (resets, timeouts) end the connection quietly (debug log);
// an exception from a handler becomes a 500 and the connection goes on.

#include <memory>
#include <string>
#include <utility>  // before any Asio header: Boost 1.74 + GCC 12

#include <boost/asio/awaitable.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>

#include "server/router.h"
#include "server/server_options.h"

namespace junction::server {

class Connection : public std::enable_shared_from_this<Connection> {
 public:
  // REQUIRES: `options` and `router` outlive the connection. `stream` is bound to a strand.
  Connection(boost::beast::tcp_stream stream, std::string remote_address,
             const ServerOptions& options, const Router& router);

  // Serves requests until the connection ends. Runs on the stream's executor.
  boost::asio::awaitable<void> Serve();

  // From any thread: finish the request in flight (if any), then close; close now when idle.
  // REQUIRES: the connection is owned by a shared_ptr.
  void BeginShutdown();
  // From any thread: close the socket now, whatever is in flight.
  // REQUIRES: the connection is owned by a shared_ptr.
  void Close();

  boost::beast::tcp_stream::executor_type get_executor() { return stream_.get_executor(); }

 private:
  struct RequestRecord;

  // Reads, handles and answers one request whose first bytes are in buffer_. False when the
  // connection must end afterwards.
  boost::asio::awaitable<bool> ServeRequest();
  // Writes `response` and logs it; false when the write failed.
  boost::asio::awaitable<bool> Respond(
      boost::beast::http::response<boost::beast::http::string_body>& response,
      const RequestRecord& record);
  // Answers a request that could not be read (413, 431, 400), then closes without resetting the
  // peer: stops sending and drops what the client still sends, for a bounded time.
  boost::asio::awaitable<void> RejectAndClose(HttpResponse&& response, RequestRecord& record);

  boost::beast::tcp_stream stream_;
  boost::beast::flat_buffer buffer_;
  std::string remote_address_;
  const ServerOptions& options_;
  const Router& router_;

  // Touched only on the strand.
  bool idle_ = false;
  bool shutting_down_ = false;
};

}  // namespace junction::server
