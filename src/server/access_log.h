#pragma once
// The access log: one structured line per HTTP request, written by the listener (http_server.cc)
// after the response is sent (or the request failed), in the shape of Hasura's http-log:
//
//   {"timestamp":"…","level":"info","type":"http-log","detail":{
//     "request_id":"…",
//     "http_info":{"method":"POST","url":"/v1/graphql","status":200,"ip":"127.0.0.1",
//                  "http_version":"HTTP/1.1"},
//     "operation":{"request_id":"…","latency_ms":1.25,"request_size":52,"response_size":120}}}
//
// Server errors (status ≥ 500) are logged at level error, everything else at info.

#include <cstdint>
#include <string>

namespace junction::server {

struct AccessLogEntry {
  std::string request_id;
  std::string method;
  std::string url;  // the request target as sent, query string included
  unsigned status = 0;
  std::string remote_address;
  std::string http_version = "HTTP/1.1";
  double latency_ms = 0;      // from the first byte of the request to the last byte of the response
  uint64_t request_size = 0;  // body bytes received
  uint64_t response_size = 0;  // body bytes sent
};

// The `detail` object of the log line.
std::string AccessLogDetail(const AccessLogEntry& entry);

// Writes the entry through LogEvent (logging.h), if its level is enabled.
void LogAccess(const AccessLogEntry& entry);

}  // namespace junction::server
