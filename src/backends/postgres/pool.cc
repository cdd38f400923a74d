#include "backends/postgres/pool.h"

#include <utility>  // before any Asio header: Boost 1.74 + GCC 12

#include <boost/asio/post.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "backends/postgres/database_error.h"
#include "backends/postgres/run_on.h"

namespace junction::backends::postgres {

namespace asio = boost::asio;
using Clock = std::chrono::steady_clock;

// A connection lent to one query; given back to the pool when the lease ends.
class Pool::Lease {
 public:
  Lease(std::shared_ptr<Pool> pool, std::unique_ptr<Connection> connection)
      : pool_(std::move(pool)), connection_(std::move(connection)) {}
  Lease(Lease&&) = default;
  Lease& operator=(Lease&&) = default;
  ~Lease() {
    if (connection_) pool_->Release(std::move(connection_));
  }

  Connection& connection() { return *connection_; }

 private:
  std::shared_ptr<Pool> pool_;
  std::unique_ptr<Connection> connection_;
};

std::shared_ptr<Pool> Pool::Make(asio::any_io_executor executor, PoolSettings settings) {
  return std::make_shared<Pool>(Passkey{}, std::move(executor), std::move(settings));
}

Pool::Pool(Passkey, asio::any_io_executor executor, PoolSettings settings)
    : strand_(asio::make_strand(executor)),
      settings_(std::move(settings)),
      connection_settings_{settings_.database_url, settings_.connect_timeout,
                           settings_.isolation_level, settings_.statement_timeout} {}

asio::awaitable<Result<QueryResult>> Pool::Execute(const sql::Statement& statement) {
  co_return co_await WithConnection(
      [&statement](Connection& connection) { return connection.Execute(statement); },
      /*retry_if_lost=*/true);
}

asio::awaitable<Result<QueryResult>> Pool::ExecuteScript(std::string sql, bool read_only) {
  co_return co_await WithConnection(
      [&sql, read_only](Connection& connection) {
        return connection.ExecuteScript(sql, read_only);
      },
      /*retry_if_lost=*/read_only);
}

void Pool::Close() {
  asio::post(strand_, [self = shared_from_this()] {
    self->closed_ = true;
    while (!self->idle_.empty()) {
      self->idle_.pop_back();
      --self->open_;
    }
    for (Waiter* waiter : self->waiters_) {
      waiter->woken = true;
      waiter->timer.cancel();
    }
    self->waiters_.clear();
  });
}

template <typename Run>
asio::awaitable<Result<QueryResult>> Pool::WithConnection(Run run, bool retry_if_lost) {
  for (int attempt = 0;; ++attempt) {
    Result<Lease> lease = co_await Acquire();
    if (!lease) co_return lease.error();
    Result<QueryResult> result = co_await run(lease->connection());
    bool lost = lease->connection().state() == Connection::State::kLost;
    if (result || !lost || !retry_if_lost || attempt > 0) co_return result;
  }
}

asio::awaitable<Result<Pool::Lease>> Pool::Acquire() {
  Result<std::unique_ptr<Connection>> connection = co_await RunOn(strand_, AcquireOnStrand());
  if (!connection) co_return connection.error();
  co_return Lease(shared_from_this(), std::move(*connection));
}

asio::awaitable<Result<std::unique_ptr<Connection>>> Pool::AcquireOnStrand() {
  for (;;) {
    if (closed_) co_return ConnectionError("the connection pool is closed");
    if (std::unique_ptr<Connection> idle = TakeIdle()) co_return std::move(idle);
    if (open_ < settings_.max_connections) {
      ++open_;
      co_return co_await Open();
    }
    Waiter waiter(strand_);
    if (settings_.pool_timeout) {
      waiter.timer.expires_after(*settings_.pool_timeout);
    } else {
      waiter.timer.expires_at(Clock::time_point::max());
    }
    auto position = waiters_.insert(waiters_.end(), &waiter);
    boost::system::error_code ec;
    co_await waiter.timer.async_wait(asio::redirect_error(asio::use_awaitable, ec));
    if (!waiter.woken) {
      waiters_.erase(position);
      co_return ConnectionError("connection acquisition timeout expired");
    }
    if (waiter.connection) co_return std::move(waiter.connection);
    if (waiter.may_open) co_return co_await Open();
    // Woken by Close: the loop reports it.
  }
}

asio::awaitable<Result<std::unique_ptr<Connection>>> Pool::Open() {
  Result<std::unique_ptr<Connection>> connection =
      co_await Connection::Connect(strand_.get_inner_executor(), connection_settings_);
  if (!connection) FreeSlot();
  co_return connection;
}

void Pool::Release(std::unique_ptr<Connection> connection) {
  asio::post(strand_, [self = shared_from_this(), connection = std::move(connection)]() mutable {
    self->ReleaseOnStrand(std::move(connection));
  });
}

void Pool::ReleaseOnStrand(std::unique_ptr<Connection> connection) {
  Connection::State state = connection->state();
  if (state != Connection::State::kReady || closed_ || Expired(*connection)) {
    connection.reset();
    FreeSlot();
    if (state == Connection::State::kLost) {
      while (!idle_.empty()) {
        idle_.pop_front();
        FreeSlot();
      }
    }
    return;
  }
  if (!waiters_.empty()) {
    Waiter* waiter = waiters_.front();
    waiters_.pop_front();
    waiter->connection = std::move(connection);
    waiter->woken = true;
    waiter->timer.cancel();
    return;
  }
  Clock::time_point now = Clock::now();
  idle_.push_back(Idle{std::move(connection), now});
  while (!idle_.empty() && now - idle_.front().since >= settings_.idle_timeout) {
    idle_.pop_front();
    FreeSlot();
  }
}

void Pool::FreeSlot() {
  if (waiters_.empty() || closed_) {
    --open_;
    return;
  }
  Waiter* waiter = waiters_.front();
  waiters_.pop_front();
  waiter->may_open = true;
  waiter->woken = true;
  waiter->timer.cancel();
}

bool Pool::Expired(const Connection& connection) const {
  return settings_.connection_lifetime &&
         Clock::now() - connection.created_at() >= *settings_.connection_lifetime;
}

std::unique_ptr<Connection> Pool::TakeIdle() {
  Clock::time_point now = Clock::now();
  while (!idle_.empty()) {
    Idle idle = std::move(idle_.back());
    idle_.pop_back();
    if (now - idle.since < settings_.idle_timeout && !Expired(*idle.connection)) {
      return std::move(idle.connection);
    }
    --open_;  // no one waits while a connection is idle
  }
  return nullptr;
}

}  // namespace junction::backends::postgres
