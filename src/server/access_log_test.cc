// The access log's detail is Hasura's http-log shape with our latency and sizes.

#include "server/access_log.h"

#include <gtest/gtest.h>

namespace junction::server {
namespace {

TEST(AccessLogDetail, HasRequestHttpInfoAndOperation) {
  AccessLogEntry entry;
  entry.request_id = "abc";
  entry.method = "POST";
  entry.url = "/v1/graphql?x=\"1\"";
  entry.status = 200;
  entry.remote_address = "127.0.0.1";
  entry.http_version = "HTTP/1.1";
  entry.latency_ms = 1.23456;
  entry.request_size = 52;
  entry.response_size = 120;
  EXPECT_EQ(AccessLogDetail(entry),
            R"({"request_id":"abc","http_info":{"method":"POST","url":"/v1/graphql?x=\"1\"",)"
            R"("status":200,"ip":"127.0.0.1","http_version":"HTTP/1.1"},"operation":)"
            R"({"request_id":"abc","latency_ms":1.235,"request_size":52,"response_size":120}})");
}

}  // namespace
}  // namespace junction::server
