#pragma once
// Test support for the Engine's handlers (engine_graphql_test.cc, engine_admin_test.cc): an
// in-memory metadata store that can be told to fail, and a fixture that builds an Engine and runs
// one handler coroutine to completion on an io_context.

#include <exception>
#include <memory>
#include <optional>
#include <string>
#include <utility>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <utility>  // before Asio: Boost 1.74 + GCC 12

#include <gtest/gtest.h>

#include "metadata/json_text.h"
#include "server/engine.h"

namespace junction::server::testing_support {

class MemoryStore : public metadata::Store {
 public:
  Result<metadata::Metadata> Load() override { return saved; }
  Status Save(const metadata::Metadata& metadata) override {
    if (fail) return Error(ErrorCode::kUnexpected, "disk full");
    saved = metadata;
    ++saves;
    return {};
  }

  metadata::Metadata saved;
  bool fail = false;
  int saves = 0;
};

using Handler = boost::asio::awaitable<HttpResponse> (Engine::*)(const HttpRequest&);

class EngineTest : public ::testing::Test {
 protected:
  void MakeEngine(std::string admin_secret) {
    Result<std::shared_ptr<const schema::Snapshot>> snapshot = schema::BuildSnapshot(store_.saved);
    ASSERT_TRUE(snapshot) << snapshot.error().message;
    engine_ = std::make_unique<Engine>(EngineOptions{std::move(admin_secret)}, store_, *snapshot);
  }
  void SetUp() override { MakeEngine(""); }

  HttpResponse Call(Handler handler, std::string body,
                    std::map<std::string, std::string, std::less<>> headers = {}) {
    HttpRequest request;
    request.method = "POST";
    request.body = std::move(body);
    request.headers = std::move(headers);
    boost::asio::io_context io;
    std::optional<HttpResponse> response;
    boost::asio::co_spawn(
        io,
        [&]() -> boost::asio::awaitable<void> {
          response = co_await ((*engine_).*handler)(request);
        },
        [](std::exception_ptr error) {
          if (error) std::rethrow_exception(error);
        });
    io.run();
    EXPECT_TRUE(response.has_value());
    return response.value_or(HttpResponse{});
  }

  HttpResponse Graphql(std::string body,
                       std::map<std::string, std::string, std::less<>> headers = {}) {
    return Call(&Engine::HandleGraphql, std::move(body), std::move(headers));
  }
  HttpResponse Metadata(std::string body,
                        std::map<std::string, std::string, std::less<>> headers = {}) {
    return Call(&Engine::HandleMetadata, std::move(body), std::move(headers));
  }

  MemoryStore store_;
  std::unique_ptr<Engine> engine_;
};

// The placeholder's answer, as JSON text.
inline const std::string kPlaceholderJson =
    "\"There are no queries available to the current role. Either there are no sources or remote "
    "schemas configured, or the current role doesn't have the required permissions.\"";

}  // namespace junction::server::testing_support
