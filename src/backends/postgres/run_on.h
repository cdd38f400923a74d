#pragma once
// RunOn: awaits a coroutine that runs on another executor (a connection's or the pool's strand)
// and resumes the caller on its own. co_spawn with use_awaitable needs a default-constructible
// result in Boost 1.74, which Result<T> is not; RunOn carries the result in an optional.
//
//   Result<QueryResult> rows = co_await RunOn(strand_, RunStatement(statement));

#include <optional>
#include <utility>  // before any Asio header: Boost 1.74 + GCC 12

#include <boost/asio/awaitable.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/use_awaitable.hpp>

namespace junction::backends::postgres {

template <typename T, typename Executor>
boost::asio::awaitable<T> RunOn(Executor executor, boost::asio::awaitable<T> operation) {
  std::optional<T> result;
  auto run = [](boost::asio::awaitable<T> operation,
                std::optional<T>* result) -> boost::asio::awaitable<void> {
    result->emplace(co_await std::move(operation));
  };
  co_await boost::asio::co_spawn(executor, run(std::move(operation), &result),
                                 boost::asio::use_awaitable);
  co_return std::move(*result);
}

}  // namespace junction::backends::postgres
