#pragma once
// WhenAll: runs coroutines concurrently on the caller's executor and returns their results in
// order once all have finished (DESIGN.md §4: root steps on different sources run at once). On an
// HTTP connection's strand their CPU work interleaves while their waits on databases overlap.
// Boost 1.74 has no parallel_group, hence this.
//
//   std::vector<asio::awaitable<Result<std::string>>> steps = …;
//   std::vector<Result<std::string>> results = co_await WhenAll(std::move(steps));
//
// An exception escaping a task (a bug of ours) is rethrown after every task has finished.

#include <cstddef>
#include <exception>
#include <memory>
#include <optional>
#include <utility>  // before any Asio header: Boost 1.74 + GCC 12
#include <vector>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

namespace junction {
namespace when_all_detail {

namespace asio = boost::asio;
using Strand = asio::strand<asio::any_io_executor>;

// `task`'s value, optional so that a completion has one to pass even when the task threw.
template <typename T>
asio::awaitable<std::optional<T>> Optional(asio::awaitable<T> task) {
  co_return co_await std::move(task);
}

// Runs on `strand`, which owns every member of the shared state: completions are posted to it,
// and the wait begins on it, so no completion can slip between checking and waiting.
template <typename T>
asio::awaitable<std::vector<T>> WaitAll(Strand strand, asio::any_io_executor executor,
                                        std::vector<asio::awaitable<T>> tasks) {
  struct State {
    explicit State(Strand& s) : done(s, asio::steady_timer::time_point::max()) {}
    std::vector<std::optional<T>> results;
    std::exception_ptr failure;
    size_t remaining = 0;
    asio::steady_timer done;
  };
  auto state = std::make_shared<State>(strand);
  state->results.resize(tasks.size());
  state->remaining = tasks.size();
  for (size_t i = 0; i < tasks.size(); ++i) {
    asio::co_spawn(executor, Optional(std::move(tasks[i])),
                   [state, strand, i](std::exception_ptr failure, std::optional<T> value) mutable {
                     asio::post(strand, [state, i, failure, value = std::move(value)]() mutable {
                       if (failure) state->failure = failure;
                       state->results[i] = std::move(value);
                       if (--state->remaining == 0) state->done.cancel();
                     });
                   });
  }
  if (state->remaining > 0) {
    boost::system::error_code ignored;
    co_await state->done.async_wait(asio::redirect_error(asio::use_awaitable, ignored));
  }
  if (state->failure) std::rethrow_exception(state->failure);
  std::vector<T> results;
  results.reserve(state->results.size());
  for (std::optional<T>& result : state->results) results.push_back(std::move(*result));
  co_return results;
}

}  // namespace when_all_detail

// REQUIRES: T is movable.
template <typename T>
boost::asio::awaitable<std::vector<T>> WhenAll(std::vector<boost::asio::awaitable<T>> tasks) {
  namespace asio = boost::asio;
  if (tasks.empty()) co_return std::vector<T>();
  asio::any_io_executor executor = co_await asio::this_coro::executor;
  when_all_detail::Strand strand = asio::make_strand(executor);
  co_return co_await asio::co_spawn(
      strand, when_all_detail::WaitAll(strand, executor, std::move(tasks)), asio::use_awaitable);
}

}  // namespace junction
