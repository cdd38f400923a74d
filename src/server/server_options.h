#pragma once
// ServerOptions: where the HTTP listener (http_server.h) binds and the limits it enforces on every
// connection. The command line (app/config.h) fills it; tests shorten the timeouts.
//
// Timeouts, per connection:
//   idle_timeout     a keep-alive connection may wait this long for its next request;
//   header_timeout   from the first byte of a request (or from accept, for the first request)
//                    until its headers are complete — a silent or trickling client is dropped;
//   request_timeout  from the first byte of a request until its body is complete, and again for
//                    writing the response to a slow reader.
// The handler itself is not timed here: every outbound call it makes carries its own deadline.

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>

namespace junction::server {

inline constexpr size_t kDefaultMaxBodyBytes = 10 * 1024 * 1024;  // 10 MiB
inline constexpr size_t kDefaultMaxConnections = 10'000;

struct ServerOptions {
  std::string host = "127.0.0.1";
  uint16_t port = 8080;  // 0: the kernel picks a free port (HttpServer::port() tells which)
  unsigned threads = 0;  // 0: one per core (std::thread::hardware_concurrency)

  size_t max_body_bytes = kDefaultMaxBodyBytes;  // larger bodies are answered 413
  size_t max_header_bytes = 64 * 1024;           // larger header blocks are answered 431
  // Connections served at once. At the limit the listener stops accepting until one ends; new
  // clients wait in the kernel's listen backlog rather than being refused.
  size_t max_connections = kDefaultMaxConnections;

  std::chrono::milliseconds header_timeout{10'000};
  std::chrono::milliseconds request_timeout{60'000};
  std::chrono::milliseconds idle_timeout{60'000};
  // On Stop(): how long requests in flight may take to finish before their connections are closed.
  std::chrono::milliseconds shutdown_grace{30'000};
};

}  // namespace junction::server
