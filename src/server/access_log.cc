#include "server/access_log.h"

#include <cmath>

#include "common/json_writer.h"
#include "server/logging.h"

namespace junction::server {

std::string AccessLogDetail(const AccessLogEntry& entry) {
  JsonWriter w;
  w.BeginObject();
  w.Key("request_id");
  w.String(entry.request_id);
  w.Key("http_info");
  w.BeginObject();
  w.Key("method");
  w.String(entry.method);
  w.Key("url");
  w.String(entry.url);
  w.Key("status");
  w.Int(entry.status);
  w.Key("ip");
  w.String(entry.remote_address);
  w.Key("http_version");
  w.String(entry.http_version);
  w.EndObject();
  w.Key("operation");
  w.BeginObject();
  w.Key("request_id");
  w.String(entry.request_id);
  w.Key("latency_ms");
  w.Double(std::round(entry.latency_ms * 1000) / 1000);  // microsecond precision is plenty
  w.Key("request_size");
  w.Int(static_cast<int64_t>(entry.request_size));
  w.Key("response_size");
  w.Int(static_cast<int64_t>(entry.response_size));
  w.EndObject();
  w.EndObject();
  return w.Take();
}

void LogAccess(const AccessLogEntry& entry) {
  const auto level = entry.status >= 500 ? spdlog::level::err : spdlog::level::info;
  if (!ShouldLog(level)) return;
  LogEvent(level, "http-log", AccessLogDetail(entry));
}

}  // namespace junction::server
