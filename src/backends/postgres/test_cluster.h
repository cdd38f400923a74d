#pragma once
// Test support (tests only, header-only): one throwaway Postgres cluster per test binary, started
// by scripts/pg_cluster the first time a test asks for it and stopped (and deleted) when the
// binary ends, plus helpers to run coroutines to completion.
//
//   class MyTest : public PostgresTest {};
//   TEST_F(MyTest, Works) { Result<QueryResult> r = Await(pool->Execute(statement)); … }
//
// PostgresTest fails every test loudly when the cluster cannot start.

#include <array>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <optional>
#include <string>
#include <thread>
#include <utility>  // before any Asio header: Boost 1.74 + GCC 12
#include <vector>

#include <gtest/gtest.h>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>

namespace junction::backends::postgres::testing_support {

class TestCluster : public ::testing::Environment {
 public:
  // The cluster's URL, starting it on first use; empty (and error() set) when it cannot start.
  static const std::string& Url() {
    TestCluster& cluster = Instance();
    if (!cluster.started_) cluster.Start();
    return cluster.url_;
  }
  static const std::string& error() { return Instance().error_; }

  // A fresh, empty database `name` in the cluster (dropped first if it exists), so a test suite
  // can create what it likes without meeting other suites' tables: its URL, or empty on failure.
  static std::string FreshDatabase(const std::string& name) {
    const std::string& url = Url();
    if (url.empty()) return "";
    std::string command = "psql -X -q -v ON_ERROR_STOP=1 '" + url +
                          "' -c 'DROP DATABASE IF EXISTS \"" + name + "\"' -c 'CREATE DATABASE \"" +
                          name + "\"' >/dev/null 2>&1";
    if (std::system(command.c_str()) != 0) return "";
    return url.substr(0, url.rfind('/') + 1) + name;
  }

  // scripts/pg_cluster restart: same port; every open connection is cut. True on success.
  static bool Restart() { return Instance().Script("restart") == 0; }

  void TearDown() override {
    if (!dir_.empty()) Script("stop", "--remove");
  }

 private:
  static TestCluster& Instance() {
    // gtest owns the environment and calls TearDown at exit.
    static TestCluster* cluster = [] {
      auto* environment = new TestCluster;
      ::testing::AddGlobalTestEnvironment(environment);
      return environment;
    }();
    return *cluster;
  }

  void Start() {
    started_ = true;
    std::array<char, 64> dir_template{};
    std::snprintf(dir_template.data(), dir_template.size(), "/tmp/junction-pg-XXXXXX");
    if (mkdtemp(dir_template.data()) == nullptr) {
      error_ = "mkdtemp failed";
      return;
    }
    dir_ = dir_template.data();
    std::string command = Command("start") + " 2>" + dir_ + ".err";
    FILE* output = popen(command.c_str(), "r");
    std::array<char, 256> line{};
    std::string url;
    while (output != nullptr && std::fgets(line.data(), line.size(), output) != nullptr) {
      url += line.data();
    }
    int status = output == nullptr ? -1 : pclose(output);
    while (!url.empty() && (url.back() == '\n' || url.back() == '\r')) url.pop_back();
    if (status != 0 || url.rfind("postgres://", 0) != 0) {
      error_ = "scripts/pg_cluster start " + dir_ + " failed (stderr in " + dir_ + ".err)";
      return;
    }
    std::remove((dir_ + ".err").c_str());
    url_ = url;
  }

  std::string Command(const std::string& verb, const std::string& extra = "") const {
    return std::string(JUNCTION_SOURCE_DIR) + "/scripts/pg_cluster " + verb + " " + dir_ +
           (extra.empty() ? "" : " " + extra);
  }
  int Script(const std::string& verb, const std::string& extra = "") const {
    return std::system((Command(verb, extra) + " >/dev/null 2>&1").c_str());
  }

  bool started_ = false;
  std::string dir_;
  std::string url_;
  std::string error_;
};

// Runs `operation` to completion on `io` (restarted first), with `threads` threads in all.
template <typename T>
T AwaitIn(boost::asio::io_context& io, boost::asio::awaitable<T> operation, int threads = 1) {
  io.restart();
  std::optional<T> result;
  boost::asio::co_spawn(
      io, [&]() -> boost::asio::awaitable<void> { result.emplace(co_await std::move(operation)); },
      [](std::exception_ptr error) {
        if (error) std::rethrow_exception(error);
      });
  std::vector<std::thread> workers;
  for (int i = 1; i < threads; ++i) workers.emplace_back([&io] { io.run(); });
  io.run();
  for (std::thread& worker : workers) worker.join();
  return std::move(*result);
}

// Runs `operation` to completion on a fresh io_context.
template <typename T>
T Await(boost::asio::awaitable<T> operation) {
  boost::asio::io_context io;
  return AwaitIn(io, std::move(operation));
}

class PostgresTest : public ::testing::Test {
 protected:
  void SetUp() override {
    url_ = TestCluster::Url();
    ASSERT_FALSE(url_.empty()) << "no Postgres for this test: " << TestCluster::error();
  }

  std::string url_;
};

}  // namespace junction::backends::postgres::testing_support
