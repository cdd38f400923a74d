#include "backends/postgres/connection.h"

#include <array>
#include <string>
#include <thread>
#include <utility>  // before any Asio header: Boost 1.74 + GCC 12
#include <vector>

#include <boost/asio/redirect_error.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "backends/postgres/database_error.h"
#include "backends/postgres/run_on.h"

namespace junction::backends::postgres {
namespace {

namespace asio = boost::asio;
using WaitType = asio::posix::descriptor_base::wait_type;

// How long past statement_timeout the client waits before it gives up on the server.
constexpr std::chrono::seconds kDeadlineGrace{5};
// How long a run_sql script may take. Migrations can be long, so scripts lift statement_timeout
// (Hasura sets none); the deadline still ends a script whose server stopped answering.
constexpr std::chrono::hours kScriptDeadline{1};
// Distinct SQL texts prepared per connection; further ones run unprepared.
constexpr size_t kMaxPreparedStatements = 1000;

// The startup `options`: session defaults that make each statement a read-only transaction at
// the source's isolation level, bounded by statement_timeout, with the text encoding and string
// syntax the engine relies on (UTF-8 JSON is spliced into responses as it is; QuoteLiteral
// assumes standard-conforming strings). Spaces are escaped for libpq.
std::string SessionOptions(const ConnectionSettings& settings) {
  std::string isolation;
  for (char c : settings.isolation_level) {
    if (c == '-' || c == ' ') {
      isolation += "\\ ";
    } else {
      isolation += c;
    }
  }
  return "-c client_encoding=UTF8 -c standard_conforming_strings=on"
         " -c default_transaction_read_only=on -c default_transaction_isolation=" +
         isolation +
         " -c statement_timeout=" +
         std::to_string(std::chrono::milliseconds(settings.statement_timeout).count());
}

QueryResult ToQueryResult(const PGresult* result) {
  QueryResult out;
  int fields = PQnfields(result);
  int tuples = PQntuples(result);
  out.columns.reserve(fields);
  for (int f = 0; f < fields; ++f) out.columns.emplace_back(PQfname(result, f));
  out.rows.reserve(tuples);
  for (int t = 0; t < tuples; ++t) {
    std::vector<std::optional<std::string>>& row = out.rows.emplace_back();
    row.reserve(fields);
    for (int f = 0; f < fields; ++f) {
      if (PQgetisnull(result, t, f)) {
        row.emplace_back(std::nullopt);
      } else {
        row.emplace_back(std::in_place, PQgetvalue(result, t, f), PQgetlength(result, t, f));
      }
    }
  }
  return out;
}

}  // namespace

asio::awaitable<Result<std::unique_ptr<Connection>>> Connection::Connect(
    asio::any_io_executor executor, const ConnectionSettings& settings) {
  // Keywords after `dbname` override what the URL says; `application_name` before it does not.
  std::string options = SessionOptions(settings);
  std::array<const char*, 4> keywords = {"application_name", "dbname", "options", nullptr};
  std::array<const char*, 4> values = {"junction", settings.database_url.c_str(), options.c_str(),
                                       nullptr};
  PGconn* raw = PQconnectStartParams(keywords.data(), values.data(), /*expand_dbname=*/1);
  if (raw == nullptr) co_return ConnectionError("out of memory");
  auto connection =
      std::make_unique<Connection>(Passkey{}, executor, raw, settings.statement_timeout);
  // Notices (NOTICE, WARNING) are not errors; libpq would print them on stderr.
  PQsetNoticeProcessor(
      raw, [](void*, const char*) {}, nullptr);
  if (PQstatus(raw) == CONNECTION_BAD) co_return ConnectionError(PQerrorMessage(raw));
  Status handshake =
      co_await connection->OnStrand(connection->Handshake(), settings.connect_timeout);
  if (!handshake) co_return handshake.error();
  co_return std::move(connection);
}

Connection::Connection(Passkey, asio::any_io_executor executor, PGconn* connection,
                       std::chrono::seconds statement_timeout)
    : strand_(asio::make_strand(executor)),
      connection_(connection),
      socket_(strand_),
      timer_(strand_),
      statement_timeout_(statement_timeout) {}

Connection::~Connection() {
  // libpq owns the socket: PQfinish closes it.
  if (socket_.is_open()) socket_.release();
}

asio::awaitable<Result<QueryResult>> Connection::Execute(const sql::Statement& statement) {
  co_return co_await OnStrand(RunStatement(statement), statement_timeout_ + kDeadlineGrace);
}

asio::awaitable<Result<QueryResult>> Connection::ExecuteScript(std::string sql, bool read_only) {
  co_return co_await OnStrand(RunScript(std::move(sql), read_only), kScriptDeadline);
}

template <typename T>
asio::awaitable<T> Connection::OnStrand(asio::awaitable<T> operation,
                                        std::chrono::steady_clock::duration timeout) {
  auto bounded = [](Connection* self, asio::awaitable<T> operation,
                    std::chrono::steady_clock::duration timeout) -> asio::awaitable<T> {
    self->StartDeadline(timeout);
    T result = co_await std::move(operation);
    self->StopDeadline();
    co_return result;
  };
  co_return co_await RunOn(strand_, bounded(this, std::move(operation), timeout));
}

asio::awaitable<Status> Connection::Handshake() {
  // As libpq documents: behave as if PQconnectPoll had last answered "writing".
  PostgresPollingStatusType poll = PGRES_POLLING_WRITING;
  while (poll != PGRES_POLLING_OK) {
    if (poll == PGRES_POLLING_FAILED) {
      state_ = State::kLost;
      co_return ConnectionError(PQerrorMessage(connection_.get()));
    }
    AttachSocket();
    if (!co_await WaitReady(poll == PGRES_POLLING_READING ? WaitType::wait_read
                                                          : WaitType::wait_write)) {
      co_return state_ == State::kTimedOut ? ConnectionError("timeout expired while connecting")
                                           : WaitFailure();
    }
    poll = PQconnectPoll(connection_.get());
  }
  if (PQsetnonblocking(connection_.get(), 1) != 0) co_return Failure();
  AttachSocket();
  co_return Status{};
}

asio::awaitable<Result<QueryResult>> Connection::RunStatement(const sql::Statement& statement) {
  Result<std::optional<std::string>> name = co_await Prepare(statement);
  if (!name) co_return name.error();
  std::vector<const char*> values;
  values.reserve(statement.params.size());
  for (const std::optional<std::string>& param : statement.params) {
    values.push_back(param ? param->c_str() : nullptr);
  }
  int count = static_cast<int>(values.size());
  int sent = name->has_value() ? PQsendQueryPrepared(connection_.get(), (*name)->c_str(), count,
                                                     values.data(), nullptr, nullptr, 0)
                               : PQsendQueryParams(connection_.get(), statement.text.c_str(), count,
                                                   nullptr, values.data(), nullptr, nullptr, 0);
  if (!sent) co_return Failure();
  Result<ResultPtr> result = co_await Finish(statement, name->has_value());
  if (!result) co_return result.error();
  co_return ToQueryResult(result->get());
}

asio::awaitable<Result<std::optional<std::string>>> Connection::Prepare(
    const sql::Statement& statement) {
  if (auto it = prepared_.find(statement.text); it != prepared_.end()) co_return it->second;
  if (prepared_.size() >= kMaxPreparedStatements) co_return std::optional<std::string>();
  std::string name = "j" + std::to_string(prepared_.size() + 1);
  if (!PQsendPrepare(connection_.get(), name.c_str(), statement.text.c_str(), 0, nullptr)) {
    co_return Failure();
  }
  Result<ResultPtr> prepared = co_await Finish(statement, true);
  if (!prepared) co_return prepared.error();
  prepared_.emplace(statement.text, name);
  co_return std::optional<std::string>(std::move(name));
}

asio::awaitable<Result<QueryResult>> Connection::RunScript(std::string sql, bool read_only) {
  // The session default is read-only; BEGIN says what this script may do.
  std::string text = std::string(read_only ? "BEGIN READ ONLY;\n" : "BEGIN READ WRITE;\n") +
                     "SET LOCAL statement_timeout = 0;\n" + sql;
  if (!PQsendQuery(connection_.get(), text.c_str())) co_return Failure();
  // Named: GCC 12 destroys an aggregate temporary inside a co_await expression twice.
  sql::Statement statement{std::move(sql), {}};
  Result<ResultPtr> result = co_await Finish(statement, false);
  if (!result) {
    if (state_ == State::kReady) (void)co_await RunCommand("ROLLBACK");
    co_return result.error();
  }
  Status commit = co_await RunCommand("COMMIT");
  if (!commit) co_return commit.error();
  co_return ToQueryResult(result->get());
}

asio::awaitable<Status> Connection::RunCommand(const char* command) {
  if (!PQsendQuery(connection_.get(), command)) co_return Failure();
  sql::Statement statement{command, {}};
  Result<ResultPtr> result = co_await Finish(statement, false);
  if (!result) co_return result.error();
  co_return Status{};
}

asio::awaitable<Result<Connection::ResultPtr>> Connection::Finish(const sql::Statement& statement,
                                                                  bool prepared) {
  if (Status flushed = co_await Flush(); !flushed) co_return flushed.error();
  PGconn* connection = connection_.get();
  ResultPtr last(nullptr, &PQclear);
  std::optional<Error> error;
  for (;;) {
    while (!PQisBusy(connection)) {
      ResultPtr result(PQgetResult(connection), &PQclear);
      if (result == nullptr) {
        if (PQstatus(connection) == CONNECTION_BAD) co_return Failure();
        if (error) co_return std::move(*error);
        if (last == nullptr) co_return Failure();
        co_return std::move(last);
      }
      switch (PQresultStatus(result.get())) {
        case PGRES_FATAL_ERROR:
        case PGRES_BAD_RESPONSE:
          if (!error)
            error = StatementError(result.get(), statement.text, statement.params, prepared);
          break;
        case PGRES_COPY_IN:
        case PGRES_COPY_OUT:
        case PGRES_COPY_BOTH:
          // COPY to or from the client: not ours to serve. The connection cannot go on.
          state_ = State::kLost;
          co_return Error(ErrorCode::kPostgresError, "COPY to or from the client is not supported");
        default:
          last = std::move(result);
      }
    }
    if (!co_await WaitReady(WaitType::wait_read)) co_return WaitFailure();
    if (!PQconsumeInput(connection)) co_return Failure();
  }
}

asio::awaitable<Status> Connection::Flush() {
  for (;;) {
    int flushed = PQflush(connection_.get());
    if (flushed == 0) co_return Status{};
    if (flushed < 0) co_return Failure();
    if (!co_await WaitReady(WaitType::wait_write)) co_return WaitFailure();
  }
}

asio::awaitable<bool> Connection::WaitReady(WaitType type) {
  if (!deadline_passed_) {
    boost::system::error_code ec;
    co_await socket_.async_wait(type, asio::redirect_error(asio::use_awaitable, ec));
    if (!ec && !deadline_passed_) co_return true;
  }
  state_ = deadline_passed_ ? State::kTimedOut : State::kLost;
  co_return false;
}

Error Connection::WaitFailure() {
  if (state_ != State::kTimedOut) return Failure();
  CancelInBackground();
  return ConnectionError("the database did not answer in time; the statement was cancelled");
}

void Connection::AttachSocket() {
  // Always re-attach: libpq may have closed the socket and opened another under the same number.
  if (socket_.is_open()) socket_.release();
  int fd = PQsocket(connection_.get());
  boost::system::error_code ec;
  if (fd >= 0) socket_.assign(fd, ec);
}

void Connection::StartDeadline(std::chrono::steady_clock::duration timeout) {
  deadline_passed_ = false;
  auto armed = std::make_shared<bool>(true);
  deadline_armed_ = armed;
  timer_.expires_after(timeout);
  // Runs on the strand, so it never overlaps the operation; `armed` is false once it ended.
  timer_.async_wait([this, armed](const boost::system::error_code& ec) {
    if (ec || !*armed) return;
    deadline_passed_ = true;
    boost::system::error_code ignored;
    socket_.cancel(ignored);
  });
}

void Connection::StopDeadline() {
  if (deadline_armed_) *deadline_armed_ = false;
  timer_.cancel();
}

Error Connection::Failure() {
  state_ = State::kLost;
  std::string_view message = PQerrorMessage(connection_.get());
  return ConnectionError(message.empty() ? "the connection to the database was lost" : message);
}

void Connection::CancelInBackground() {
  PGcancel* cancel = PQgetCancel(connection_.get());
  if (cancel == nullptr) return;
  // PQcancel blocks (it connects to the server); keep it off the event loop.
  std::thread([cancel] {
    std::array<char, 256> error{};
    PQcancel(cancel, error.data(), static_cast<int>(error.size()));
    PQfreeCancel(cancel);
  }).detach();
}

}  // namespace junction::backends::postgres
