#include "server/http_server.h"

#include <atomic>
#include <csignal>
#include <exception>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <unordered_set>
#include <utility>  // before any Asio header: Boost 1.74 + GCC 12
#include <vector>

#include <fmt/format.h>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/tcp_stream.hpp>

#include "common/json_writer.h"
#include "server/connection.h"
#include "server/logging.h"

namespace junction::server {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
using tcp = asio::ip::tcp;

// After the grace period has closed the remaining connections, how long their coroutines get to
// notice before the event loop is stopped outright (at most the grace period itself).
constexpr std::chrono::milliseconds kHardStopDelay{5'000};

// "*" (Hasura's "all interfaces") and "0.0.0.0" bind every IPv4 interface; anything else is an
// address or a name to resolve.
Result<tcp::endpoint> ResolveEndpoint(asio::io_context& ioc, const std::string& host,
                                      uint16_t port) {
  const std::string address = host == "*" ? "0.0.0.0" : host;
  boost::system::error_code ec;
  const asio::ip::address parsed = asio::ip::make_address(address, ec);
  if (!ec) return tcp::endpoint(parsed, port);
  tcp::resolver resolver(ioc);
  const auto results = resolver.resolve(address, std::to_string(port), ec);
  if (ec || results.empty()) {
    return Error(ErrorCode::kUnexpected, fmt::format("cannot resolve host \"{}\": {}", host,
                                                     ec ? ec.message() : "no address"));
  }
  return results.begin()->endpoint();
}

std::string UrlOf(const tcp::endpoint& endpoint) {
  const asio::ip::address address = endpoint.address();
  return address.is_v6() ? fmt::format("http://[{}]:{}", address.to_string(), endpoint.port())
                         : fmt::format("http://{}:{}", address.to_string(), endpoint.port());
}

// Life-cycle events of the listener: "startup" while starting, "shutdown" while stopping.
void LogStartup(spdlog::level::level_enum level, std::string_view message,
                const std::function<void(JsonWriter&)>& extra = nullptr) {
  LogKindEvent(level, "startup", "server", message, extra);
}

void LogShutdown(spdlog::level::level_enum level, std::string_view message,
                 const std::function<void(JsonWriter&)>& extra = nullptr) {
  LogKindEvent(level, "shutdown", "server", message, extra);
}

std::function<void(JsonWriter&)> Member(std::string_view key, std::string_view value) {
  return [key, value](JsonWriter& w) {
    w.Key(key);
    w.String(value);
  };
}

std::function<void(JsonWriter&)> Member(std::string_view key, int64_t value) {
  return [key, value](JsonWriter& w) {
    w.Key(key);
    w.Int(value);
  };
}

}  // namespace

// The accept loop, the registry of live connections and the shutdown sequence. Listener state is
// touched on `strand_` only, except the registry (mutex) and the counters (atomic).
class HttpServer::Listener {
 public:
  Listener(ServerOptions options, const Router& router, asio::io_context* ioc)
      : options_(std::move(options)),
        router_(router),
        owned_ioc_(ioc == nullptr ? std::make_unique<asio::io_context>() : nullptr),
        ioc_(ioc == nullptr ? *owned_ioc_ : *ioc),
        strand_(asio::make_strand(ioc_)),
        acceptor_(strand_),
        slot_timer_(strand_),
        retry_timer_(strand_),
        grace_timer_(strand_),
        signals_(strand_) {}

  Status Start();
  uint16_t port() const { return port_; }
  void StopOnSignals() { handle_signals_ = true; }
  void Stop() {
    asio::post(strand_, [this] { BeginShutdown(); });
  }
  void Wait();
  // Closes everything without grace and joins; for the destructor.
  void Abort();

 private:
  asio::awaitable<void> AcceptLoop();
  void Register(const std::shared_ptr<Connection>& connection);
  void Unregister(const std::shared_ptr<Connection>& connection);
  void WaitForSignal();
  void BeginShutdown();
  void CloseAll();
  void Finish();
  std::vector<std::shared_ptr<Connection>> Snapshot();

  ServerOptions options_;
  const Router& router_;
  std::unique_ptr<asio::io_context> owned_ioc_;  // when the caller gave none
  asio::io_context& ioc_;
  asio::strand<asio::io_context::executor_type> strand_;
  tcp::acceptor acceptor_;
  asio::steady_timer slot_timer_;   // wakes the accept loop when a connection ends
  asio::steady_timer retry_timer_;  // backs off after accept errors such as EMFILE
  asio::steady_timer grace_timer_;  // bounds the graceful stop
  asio::signal_set signals_;
  uint16_t port_ = 0;
  bool handle_signals_ = false;
  std::vector<std::thread> threads_;

  std::mutex mutex_;
  std::unordered_set<std::shared_ptr<Connection>> connections_;  // guarded by mutex_
  std::atomic<size_t> live_{0};

  // On strand_.
  bool stopping_ = false;
  bool finished_ = false;
  bool forced_ = false;
};

Status HttpServer::Listener::Start() {
  Result<tcp::endpoint> endpoint = ResolveEndpoint(ioc_, options_.host, options_.port);
  if (!endpoint) return endpoint.error();
  boost::system::error_code ec;
  acceptor_.open(endpoint->protocol(), ec);
  if (!ec) acceptor_.set_option(asio::socket_base::reuse_address(true), ec);
  if (!ec) acceptor_.bind(*endpoint, ec);
  if (!ec) acceptor_.listen(asio::socket_base::max_listen_connections, ec);
  tcp::endpoint bound;
  if (!ec) bound = acceptor_.local_endpoint(ec);
  if (ec) {
    return Error(ErrorCode::kUnexpected, fmt::format("cannot listen on {}:{}: {}", options_.host,
                                                     options_.port, ec.message()));
  }
  port_ = bound.port();

  if (handle_signals_) {
    signals_.add(SIGINT);
    signals_.add(SIGTERM);
    WaitForSignal();
  }
  asio::co_spawn(strand_, AcceptLoop(), [](std::exception_ptr failure) {
    if (failure) LogKindEvent(spdlog::level::err, "server", "server", "the accept loop failed");
  });
  unsigned threads = options_.threads;
  if (threads == 0) threads = std::max(1u, std::thread::hardware_concurrency());
  for (unsigned i = 0; i < threads; ++i) {
    threads_.emplace_back([this] {
      for (;;) {
        try {
          ioc_.run();
          return;
        } catch (const std::exception& e) {  // a bug of ours: log it and keep serving
          LogKindEvent(spdlog::level::err, "server", "server", "exception escaped a handler",
                       Member("exception", e.what()));
        } catch (...) {
          LogKindEvent(spdlog::level::err, "server", "server", "exception escaped a handler");
        }
      }
    });
  }
  const std::string url = UrlOf(bound);
  LogStartup(spdlog::level::info, "listening", [&](JsonWriter& w) {
    w.Key("url");
    w.String(url);
    w.Key("port");
    w.Int(port_);
    w.Key("threads");
    w.Int(threads);
  });
  return {};
}

asio::awaitable<void> HttpServer::Listener::AcceptLoop() {
  while (!stopping_) {
    if (live_.load() >= options_.max_connections) {
      // At the limit: wait until a connection ends (Unregister cancels the timer) or the stop.
      slot_timer_.expires_at(asio::steady_timer::time_point::max());
      boost::system::error_code ignored;
      co_await slot_timer_.async_wait(asio::redirect_error(asio::use_awaitable, ignored));
      continue;
    }
    boost::system::error_code ec;
    auto socket = co_await acceptor_.async_accept(asio::make_strand(ioc_),
                                                  asio::redirect_error(asio::use_awaitable, ec));
    if (stopping_) break;
    if (ec) {
      // Out of descriptors or memory, or a peer that gave up: back off briefly and go on.
      if (ec != asio::error::connection_aborted) {
        LogKindEvent(spdlog::level::warn, "server", "server", "accept failed",
                     Member("error", ec.message()));
        retry_timer_.expires_after(std::chrono::milliseconds(100));
        boost::system::error_code ignored;
        co_await retry_timer_.async_wait(asio::redirect_error(asio::use_awaitable, ignored));
      }
      continue;
    }
    boost::system::error_code endpoint_ec;
    const tcp::endpoint remote = socket.remote_endpoint(endpoint_ec);
    std::string remote_address = endpoint_ec ? "" : remote.address().to_string();
    auto connection = std::make_shared<Connection>(beast::tcp_stream(std::move(socket)),
                                                   std::move(remote_address), options_, router_);
    Register(connection);
    asio::co_spawn(connection->get_executor(), connection->Serve(),
                   [this, connection](std::exception_ptr failure) {
                     if (failure) {
                       // The connection boundary: nothing a peer sends may end the process.
                       try {
                         std::rethrow_exception(failure);
                       } catch (const std::exception& e) {
                         LogKindEvent(spdlog::level::err, "server", "server", "connection failed",
                                      Member("exception", e.what()));
                       } catch (...) {
                         LogKindEvent(spdlog::level::err, "server", "server", "connection failed");
                       }
                     }
                     Unregister(connection);
                   });
  }
}

void HttpServer::Listener::Register(const std::shared_ptr<Connection>& connection) {
  std::lock_guard lock(mutex_);
  connections_.insert(connection);
  live_.fetch_add(1);
}

void HttpServer::Listener::Unregister(const std::shared_ptr<Connection>& connection) {
  {
    std::lock_guard lock(mutex_);
    connections_.erase(connection);
    live_.fetch_sub(1);
  }
  asio::post(strand_, [this] {
    slot_timer_.cancel();
    if (stopping_ && live_.load() == 0) Finish();
  });
}

std::vector<std::shared_ptr<Connection>> HttpServer::Listener::Snapshot() {
  std::lock_guard lock(mutex_);
  return {connections_.begin(), connections_.end()};
}

void HttpServer::Listener::WaitForSignal() {
  signals_.async_wait([this](const boost::system::error_code& ec, int signal) {
    if (ec) return;  // cancelled: the server has stopped
    const std::string name = signal == SIGINT ? "SIGINT" : "SIGTERM";
    if (!stopping_) {
      LogShutdown(spdlog::level::info, "received " + name + ", stopping");
      BeginShutdown();
    } else {
      LogShutdown(spdlog::level::warn, "received " + name + " again, closing all connections");
      CloseAll();
    }
    if (!finished_) WaitForSignal();
  });
}

void HttpServer::Listener::BeginShutdown() {
  if (stopping_) return;
  stopping_ = true;
  boost::system::error_code ignored;
  acceptor_.close(ignored);
  slot_timer_.cancel();
  retry_timer_.cancel();
  const std::vector<std::shared_ptr<Connection>> open = Snapshot();
  LogShutdown(spdlog::level::info, "no longer accepting connections",
              Member("open_connections", static_cast<int64_t>(open.size())));
  for (const auto& connection : open) connection->BeginShutdown();
  if (live_.load() == 0) {
    Finish();
    return;
  }
  grace_timer_.expires_after(options_.shutdown_grace);
  grace_timer_.async_wait([this](const boost::system::error_code& ec) {
    if (ec || finished_) return;
    LogShutdown(spdlog::level::warn,
                "requests still running after the grace period, closing their connections",
                Member("open_connections", static_cast<int64_t>(live_.load())));
    CloseAll();
  });
}

void HttpServer::Listener::CloseAll() {
  stopping_ = true;
  for (const auto& connection : Snapshot()) connection->Close();
  if (forced_) return;
  forced_ = true;
  // A handler may be awaiting something that a closed socket does not interrupt; do not wait
  // for it forever.
  grace_timer_.expires_after(std::min(kHardStopDelay, options_.shutdown_grace));
  grace_timer_.async_wait([this](const boost::system::error_code& ec) {
    if (ec || finished_) return;
    LogShutdown(spdlog::level::warn, "stopping the event loop");
    ioc_.stop();
  });
}

void HttpServer::Listener::Finish() {
  if (finished_) return;
  finished_ = true;
  grace_timer_.cancel();
  signals_.cancel();
  LogShutdown(spdlog::level::info, "stopped");
  // Every connection has ended. Stop the loop outright rather than wait for work that is not
  // ours (timers of a handler, say) to drain: the worker threads return and Wait() ends.
  ioc_.stop();
}

void HttpServer::Listener::Wait() {
  for (std::thread& thread : threads_) {
    if (thread.joinable()) thread.join();
  }
}

void HttpServer::Listener::Abort() {
  if (threads_.empty()) return;
  asio::post(strand_, [this] {
    BeginShutdown();
    CloseAll();
  });
  Wait();
}

HttpServer::HttpServer(ServerOptions options, const Router& router, asio::io_context* ioc)
    : listener_(std::make_unique<Listener>(std::move(options), router, ioc)) {}

HttpServer::~HttpServer() { listener_->Abort(); }

Status HttpServer::Start() { return listener_->Start(); }
uint16_t HttpServer::port() const { return listener_->port(); }
void HttpServer::StopOnSignals() { listener_->StopOnSignals(); }
void HttpServer::Stop() { listener_->Stop(); }
void HttpServer::Wait() { listener_->Wait(); }

}  // namespace junction::server
