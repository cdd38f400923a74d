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

#include <gtest/gtest.h>

#include "metadata/json_text.h"
#include "server/engine.h"

namespace junction::server::testing_support {

class MemoryStore : public metadata::Store {
 public:
  Result<metadata::Metadata> Load() override { return saved; }
  Status Save(const metadata::Metadata& metadata, int64_t base_version) override {
    if (refusal) return *refusal;
    saved = metadata;
    last_base_version = base_version;
    ++saves;
    return {};
  }

  metadata::Metadata saved;
  std::optional<Error> refusal;  // what Save answers instead of saving
  int64_t last_base_version = 0;
  int saves = 0;
};

using Handler = boost::asio::awaitable<HttpResponse> (Engine::*)(const HttpRequest&);

class EngineTest : public ::testing::Test {
 protected:
  void MakeEngine(std::string admin_secret) {
    engine_ = std::make_unique<Engine>(EngineOptions{std::move(admin_secret)}, store_,
                                       io_.get_executor());
    Status started = Error();
    Run([&]() -> boost::asio::awaitable<void> { started = co_await engine_->Start(store_.saved); });
    ASSERT_TRUE(started) << started.error().message;
  }
  void SetUp() override { MakeEngine(""); }

  HttpResponse Call(Handler handler, std::string body,
                    std::map<std::string, std::string, std::less<>> headers = {}) {
    HttpRequest request;
    request.method = "POST";
    request.body = std::move(body);
    request.headers = std::move(headers);
    std::optional<HttpResponse> response;
    Run([&]() -> boost::asio::awaitable<void> {
      response = co_await ((*engine_).*handler)(request);
    });
    EXPECT_TRUE(response.has_value());
    return response.value_or(HttpResponse{});
  }

  // Runs `task` on io_ to completion (and whatever else it started).
  template <typename Task>
  void Run(Task task) {
    boost::asio::co_spawn(io_, std::move(task), [](std::exception_ptr error) {
      if (error) std::rethrow_exception(error);
    });
    io_.restart();
    io_.run();
  }

  HttpResponse Graphql(std::string body,
                       std::map<std::string, std::string, std::less<>> headers = {}) {
    return Call(&Engine::HandleGraphql, std::move(body), std::move(headers));
  }
  HttpResponse Metadata(std::string body,
                        std::map<std::string, std::string, std::less<>> headers = {}) {
    return Call(&Engine::HandleMetadata, std::move(body), std::move(headers));
  }

  boost::asio::io_context io_;
  MemoryStore store_;
  std::unique_ptr<Engine> engine_;
};

// The placeholder's answer, as JSON text.
inline const std::string kPlaceholderJson =
    "\"There are no queries available to the current role. Either there are no sources or remote "
    "schemas configured, or the current role doesn't have the required permissions.\"";

}  // namespace junction::server::testing_support
