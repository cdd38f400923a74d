#include "backends/sqlite/pool.h"

#include <algorithm>
#include <mutex>
#include <optional>
#include <thread>
#include <type_traits>
#include <utility>  // before any Asio header: Boost 1.74 + GCC 12
#include <vector>

#include <boost/asio/associated_executor.hpp>
#include <boost/asio/async_result.hpp>
#include <boost/asio/execution/outstanding_work.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/prefer.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "backends/sqlite/connection.h"
#include "backends/sqlite/introspection.h"

namespace junction::backends::sqlite {
namespace {

namespace asio = boost::asio;

// Two threads per core, at least four: most of a statement's time is CPU, but a statement
// waiting on a locked file sleeps up to its busy timeout, and must not leave the other sources
// without a worker.
unsigned WorkerCount() {
  static const unsigned count = std::max(4u, 2 * std::thread::hardware_concurrency());
  return count;
}

// The threads every SQLite call runs on, shared by all sources: created on first use, joined at
// exit (a call still running there finishes first; queued ones are dropped).
asio::thread_pool& WorkerThreads() {
  static asio::thread_pool threads(WorkerCount());
  return threads;
}

// Runs `work` on a worker thread and resumes the awaiting coroutine on its own executor, which
// is kept busy (outstanding work) meanwhile so its io_context does not run out of work.
// The result travels in the coroutine frame: the completion handler owns the suspended frame,
// so `result` lives as long as the worker can write it, and posting the handler publishes it.
template <typename Work>
asio::awaitable<std::invoke_result_t<Work&>> RunOnWorker(Work work) {
  using T = std::invoke_result_t<Work&>;
  std::optional<T> result;
  auto initiate = [&result, &work](auto handler) {
    auto caller = asio::prefer(asio::get_associated_executor(handler),
                               asio::execution::outstanding_work.tracked);
    asio::post(WorkerThreads(), [handler = std::move(handler), caller = std::move(caller),
                                 work = std::move(work), &result]() mutable {
      result.emplace(work());
      asio::post(caller, std::move(handler));
    });
  };
  co_await asio::async_initiate<const asio::use_awaitable_t<>&, void()>(initiate,
                                                                        asio::use_awaitable);
  co_return std::move(*result);
}

}  // namespace

// Shared by the Pool and every call in flight, so a Pool destroyed mid-call is safe: the last
// holder closes the idle connections.
struct Pool::State {
  State(asio::any_io_executor executor, SourceConfig config)
      : executor(std::move(executor)), config(std::move(config)) {}

  // Lends an idle connection, or opens one (outside the lock: opening touches the file).
  Result<std::unique_ptr<Connection>> Acquire() {
    {
      std::lock_guard lock(mutex);
      if (!idle.empty()) {
        std::unique_ptr<Connection> connection = std::move(idle.back());
        idle.pop_back();
        return connection;
      }
    }
    return Connection::Open(config);
  }

  // At most one connection per worker thread is ever in use, so keeping that many idle suffices.
  void Release(std::unique_ptr<Connection> connection) {
    if (connection->broken()) return;
    std::lock_guard lock(mutex);
    if (idle.size() < WorkerCount()) idle.push_back(std::move(connection));
  }

  // Runs `use` with a lent connection, from a worker thread.
  template <typename Use>
  auto WithConnection(Use use) -> std::invoke_result_t<Use&, Connection&> {
    Result<std::unique_ptr<Connection>> connection = Acquire();
    if (!connection) return connection.error();
    auto result = use(**connection);
    Release(std::move(connection).value());
    return result;
  }

  const asio::any_io_executor executor;  // the source's; callers resume on their own
  const SourceConfig config;
  std::mutex mutex;
  std::vector<std::unique_ptr<Connection>> idle;  // guarded by mutex
};

std::shared_ptr<Pool> Pool::Make(asio::any_io_executor executor, SourceConfig config) {
  // The constructor is private (pool.h), so std::make_shared cannot reach it.
  return std::shared_ptr<Pool>(new Pool(std::move(executor), std::move(config)));
}

Pool::Pool(asio::any_io_executor executor, SourceConfig config)
    : state_(std::make_shared<State>(std::move(executor), std::move(config))) {}

Pool::~Pool() = default;

asio::awaitable<Result<Rows>> Pool::Execute(const sql::Statement& statement) {
  // Only the copied state is used past the suspension: `this` may be gone by then.
  auto work = [state = state_, &statement]() -> Result<Rows> {
    return state->WithConnection(
        [&statement](Connection& connection) { return connection.Execute(statement); });
  };
  co_return co_await RunOnWorker(std::move(work));
}

asio::awaitable<Result<metadata::Catalog>> Pool::Introspect() {
  auto work = [state = state_]() -> Result<metadata::Catalog> {
    return state->WithConnection(
        [](Connection& connection) { return IntrospectDatabase(connection.db()); });
  };
  co_return co_await RunOnWorker(std::move(work));
}

}  // namespace junction::backends::sqlite
