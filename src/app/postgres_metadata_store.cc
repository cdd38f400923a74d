#include "app/postgres_metadata_store.h"

#include <poll.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cerrno>
#include <charconv>
#include <chrono>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <libpq-fe.h>

#include "metadata/json_text.h"

namespace junction::app {
namespace {

using Clock = std::chrono::steady_clock;
using metadata::Json;

// The bounds of one call (header comment): connecting, a statement on the server, and the wait
// for its answer on our side, which also covers a server or network that went silent.
constexpr char kConnectTimeoutSeconds[] = "3";
constexpr std::chrono::milliseconds kStatementTimeout{5000};
constexpr std::chrono::seconds kAnswerDeadline{7};
constexpr std::string_view kHidden = "*****";
constexpr char kNoRow[] = " holds no metadata: junction.metadata has no row with id 1";

// Serialises the creation of the table among engines starting together: "junction" in ASCII.
constexpr char kLockSql[] = "SELECT pg_advisory_xact_lock(7671158913729392494)";
constexpr char kTableExistsSql[] = "SELECT to_regclass('junction.metadata') IS NOT NULL";
constexpr char kCreateSchemaSql[] = "CREATE SCHEMA IF NOT EXISTS junction";
constexpr char kCreateTableSql[] =
    "CREATE TABLE IF NOT EXISTS junction.metadata ("
    "id integer PRIMARY KEY CHECK (id = 1), "
    "resource_version bigint NOT NULL, "
    "metadata json NOT NULL, "
    "updated_at timestamptz NOT NULL DEFAULT now())";
constexpr char kInsertInitialSql[] =
    "INSERT INTO junction.metadata (id, resource_version, metadata) VALUES (1, $1, $2::json) "
    "ON CONFLICT (id) DO NOTHING";
constexpr char kReadRowSql[] =
    "SELECT resource_version, metadata FROM junction.metadata WHERE id = 1";
constexpr char kReadVersionSql[] = "SELECT resource_version FROM junction.metadata WHERE id = 1";
constexpr char kSaveSql[] =
    "UPDATE junction.metadata SET metadata = $1::json, resource_version = $2, updated_at = now() "
    "WHERE id = 1 AND resource_version = $3";

// libpq's connection keywords and their values for `url`. Those after dbname override what the
// URL says; application_name, before it, does not.
using Setting = std::pair<const char*, std::string>;
std::array<Setting, 10> ConnectionSettings(const std::string& url) {
  const std::string user_timeout = std::to_string(
      std::chrono::duration_cast<std::chrono::milliseconds>(kAnswerDeadline).count());
  return {{
      {"application_name", "junction"},
      {"dbname", url},
      {"client_encoding", "UTF8"},
      {"connect_timeout", kConnectTimeoutSeconds},
      {"keepalives", "1"},
      {"keepalives_idle", "5"},
      {"keepalives_interval", "2"},
      {"keepalives_count", "2"},
      {"tcp_user_timeout", user_timeout},
      {"options", "-c statement_timeout=" + std::to_string(kStatementTimeout.count())},
  }};
}

// libpq's messages end in a newline and indent their hint lines: one line for ours.
std::string OneLine(const char* message) {
  std::string line;
  for (const char* c = message; *c != '\0'; ++c) {
    const bool blank = *c == '\n' || *c == '\t';
    if (blank && (line.empty() || line.back() == ' ')) continue;
    line.push_back(blank ? ' ' : *c);
  }
  while (!line.empty() && line.back() == ' ') line.pop_back();
  return line;
}

// Waits until `socket` is ready for `events`; false when `deadline` passed first.
bool WaitFor(int socket, short events, Clock::time_point deadline) {
  for (;;) {
    const auto left = std::chrono::ceil<std::chrono::milliseconds>(deadline - Clock::now());
    if (left.count() <= 0) return false;
    pollfd descriptor{socket, events, 0};
    const int ready = ::poll(&descriptor, 1, static_cast<int>(left.count()));
    if (ready > 0) return true;
    if (ready < 0 && errno != EINTR) return true;  // let libpq's next call report the socket
  }
}

std::optional<int64_t> ParseInteger(const char* text) {
  const std::string_view digits(text);
  int64_t value = 0;
  const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
  if (error != std::errc() || end != digits.data() + digits.size()) return std::nullopt;
  return value;
}

void IgnoreNotice(void* /*argument*/, const char* /*message*/) {}

struct StoredRow {
  int64_t version = 0;
  std::string text;
};

Result<metadata::Metadata> Decode(const std::string& subject, const StoredRow& row) {
  Result<Json> json = metadata::ParseJsonText(row.text);
  if (!json) {
    std::string detail = json.error().message;
    constexpr std::string_view kPrefix = "Error in $: ";
    if (detail.rfind(kPrefix, 0) == 0) detail.erase(0, kPrefix.size());
    return Error(ErrorCode::kInvalidJson,
                 subject + " holds metadata that is not valid JSON: " + detail);
  }
  Result<metadata::Metadata> decoded = metadata::Metadata::FromJson(*json);
  if (!decoded) {
    Error error = std::move(decoded).error();
    error.message = subject + ": " + error.message + " (at " + error.path + ")";
    return error;
  }
  decoded->set_resource_version(row.version);
  return decoded;
}

std::string RedactUri(std::string_view uri) {
  std::string redacted(uri);
  // As libpq reads it, the user info ends at the first '@' before any '/'.
  const size_t authority = redacted.find("://") + 3;
  const size_t at = redacted.find_first_of("@/", authority);
  if (at != std::string::npos && redacted[at] == '@') {
    const size_t colon = redacted.find(':', authority);
    if (colon != std::string::npos && colon + 1 < at) {
      redacted.replace(colon + 1, at - colon - 1, kHidden);
    }
  }
  const size_t query = redacted.find('?', authority);
  if (query == std::string::npos) return redacted;
  constexpr std::string_view kKey = "password=";
  for (size_t start = query + 1; start < redacted.size();) {
    size_t end = redacted.find('&', start);
    if (end == std::string::npos) end = redacted.size();
    if (std::string_view(redacted).substr(start, end - start).starts_with(kKey)) {
      const size_t value = start + kKey.size();
      redacted.replace(value, end - value, kHidden);
      end = value + kHidden.size();
    }
    start = end + 1;
  }
  return redacted;
}

// key = value pairs separated by spaces; a value is 'single-quoted' or runs to the next space,
// and may hold backslash escapes.
std::string RedactConninfo(std::string_view text) {
  auto space = [text](size_t at) {
    return at < text.size() && std::isspace(static_cast<unsigned char>(text[at])) != 0;
  };
  std::string redacted;
  size_t i = 0;
  while (i < text.size()) {
    const size_t key_start = i;
    while (i < text.size() && text[i] != '=' && !space(i)) ++i;
    const std::string_view key = text.substr(key_start, i - key_start);
    while (space(i)) ++i;
    if (i == text.size() || text[i] != '=') {  // not a pair: kept as it is
      redacted.append(text.substr(key_start, i - key_start));
      continue;
    }
    ++i;
    while (space(i)) ++i;
    const size_t value_start = i;
    const bool quoted = i < text.size() && text[i] == '\'';
    if (quoted) ++i;
    while (i < text.size() && (quoted ? text[i] != '\'' : !space(i))) i += text[i] == '\\' ? 2 : 1;
    i = std::min(i + (quoted ? 1 : 0), text.size());
    redacted.append(text.substr(key_start, value_start - key_start));
    redacted.append(key == "password" ? kHidden : text.substr(value_start, i - value_start));
    while (space(i)) redacted.push_back(text[i++]);
  }
  return redacted;
}

}  // namespace

std::string RedactedUrl(std::string_view url) {
  if (url.starts_with("postgres://") || url.starts_with("postgresql://")) return RedactUri(url);
  return RedactConninfo(url);
}

void PostgresMetadataStore::ConnectionCloser::operator()(pg_conn* connection) const {
  PQfinish(connection);
}

void PostgresMetadataStore::ResultClearer::operator()(pg_result* result) const { PQclear(result); }

PostgresMetadataStore::PostgresMetadataStore(std::string url)
    : url_(std::move(url)), redacted_url_(RedactedUrl(url_)) {}

PostgresMetadataStore::~PostgresMetadataStore() = default;

std::string PostgresMetadataStore::Describe() const { return "metadata store " + redacted_url_; }

Result<metadata::Metadata> PostgresMetadataStore::Load() {
  std::lock_guard<std::mutex> lock(mutex_);
  Result<StoredRow> row = WithConnection<StoredRow>([this]() -> Result<StoredRow> {
    Result<ResultPtr> read = Execute(kReadRowSql);
    if (!read) return read.error();
    if (PQntuples(read->get()) != 1) {
      return Error(ErrorCode::kUnexpected, Describe() + kNoRow);
    }
    std::optional<int64_t> version = ParseInteger(PQgetvalue(read->get(), 0, 0));
    if (!version) {
      return Error(ErrorCode::kUnexpected, Describe() + ": unreadable resource_version");
    }
    return StoredRow{*version, PQgetvalue(read->get(), 0, 1)};
  });
  if (!row) return row.error();
  Result<metadata::Metadata> decoded = Decode(Describe(), *row);
  load_failed_ = !decoded;
  return decoded;
}

Result<int64_t> PostgresMetadataStore::StoredVersion() {
  std::lock_guard<std::mutex> lock(mutex_);
  return WithConnection<int64_t>([this]() -> Result<int64_t> {
    Result<ResultPtr> read = Execute(kReadVersionSql);
    if (!read) return read.error();
    std::optional<int64_t> version;
    if (PQntuples(read->get()) == 1) version = ParseInteger(PQgetvalue(read->get(), 0, 0));
    if (!version) return Error(ErrorCode::kUnexpected, Describe() + kNoRow);
    return *version;
  });
}

Status PostgresMetadataStore::Save(const metadata::Metadata& metadata, int64_t base_version) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (load_failed_) {
    return Error(ErrorCode::kUnexpected,
                 "refusing to overwrite " + Describe() + ", which could not be loaded");
  }
  const std::vector<std::string> params = {
      metadata.ToText(), std::to_string(metadata.resource_version()), std::to_string(base_version)};
  bool sent_before = false;
  return WithConnection<void>([&]() -> Status {
    const bool repeated = std::exchange(sent_before, true);
    Result<ResultPtr> updated = Execute(kSaveSql, params);
    if (!updated) return updated.error();
    if (std::string_view(PQcmdTuples(updated->get())) == "1") return {};
    if (repeated) {
      // The first UPDATE may have committed before its connection broke: then this is ours.
      Result<ResultPtr> read = Execute(kReadRowSql);
      if (!read) return read.error();
      if (PQntuples(read->get()) == 1 &&
          ParseInteger(PQgetvalue(read->get(), 0, 0)) == metadata.resource_version() &&
          params[0] == PQgetvalue(read->get(), 0, 1)) {
        return {};
      }
    }
    // Hasura's wording (setMetadataInCatalog): the version named is the one the change was made
    // from.
    return Error(ErrorCode::kConflict, "metadata resource version referenced (" +
                                           std::to_string(base_version) +
                                           ") did not match current version");
  });
}

template <typename T, typename Operation>
Result<T> PostgresMetadataStore::WithConnection(const Operation& operation) {
  for (int attempt = 0;; ++attempt) {
    Status ready = Ready();
    Result<T> result = ready ? operation() : Result<T>(std::move(ready).error());
    if (result || !connection_lost_ || attempt == 1) return result;
  }
}

Status PostgresMetadataStore::Ready() {
  connection_lost_ = false;
  if (connection_ && ClosedWhileIdle()) connection_.reset();
  if (!connection_) {
    if (Status connected = Connect(); !connected) return connected;
  }
  if (table_ready_) return {};
  return EnsureTable();
}

Status PostgresMetadataStore::Connect() {
  const std::array<Setting, 10> settings = ConnectionSettings(url_);
  std::vector<const char*> keywords;
  std::vector<const char*> values;
  for (const auto& [keyword, value] : settings) {
    keywords.push_back(keyword);
    values.push_back(value.c_str());
  }
  keywords.push_back(nullptr);
  values.push_back(nullptr);
  std::unique_ptr<pg_conn, ConnectionCloser> connection(
      PQconnectdbParams(keywords.data(), values.data(), /*expand_dbname=*/1));
  if (connection == nullptr) {
    return Error(ErrorCode::kUnexpected, "cannot connect to " + Describe() + ": out of memory");
  }
  if (PQstatus(connection.get()) != CONNECTION_OK) {
    return Error(ErrorCode::kUnexpected, "cannot connect to " + Describe() + ": " +
                                             OneLine(PQerrorMessage(connection.get())));
  }
  PQsetNoticeProcessor(connection.get(), IgnoreNotice, nullptr);
  if (PQsetnonblocking(connection.get(), 1) != 0) {
    return Error(ErrorCode::kUnexpected, "cannot connect to " + Describe() + ": " +
                                             OneLine(PQerrorMessage(connection.get())));
  }
  connection_ = std::move(connection);
  return {};
}

Status PostgresMetadataStore::EnsureTable() {
  Result<ResultPtr> exists = Execute(kTableExistsSql);
  if (!exists) return exists.error();
  if (std::string_view(PQgetvalue(exists->get(), 0, 0)) != "t") {
    const std::vector<std::string> initial = {std::to_string(metadata::kInitialResourceVersion),
                                              metadata::Metadata().ToText()};
    const std::vector<std::string> none;
    const std::array<std::pair<const char*, const std::vector<std::string>*>, 6> steps = {{
        {"BEGIN", &none},
        {kLockSql, &none},
        {kCreateSchemaSql, &none},
        {kCreateTableSql, &none},
        {kInsertInitialSql, &initial},
        {"COMMIT", &none},
    }};
    for (const auto& [sql, params] : steps) {
      Result<ResultPtr> done = Execute(sql, *params);
      if (done) continue;
      if (connection_) (void)Execute("ROLLBACK");
      return Error(ErrorCode::kUnexpected,
                   "cannot create junction.metadata in " + done.error().message);
    }
  }
  table_ready_ = true;
  return {};
}

bool PostgresMetadataStore::ClosedWhileIdle() {
  PGconn* connection = connection_.get();
  // A server that closes a connection sends a message, then end-of-file; a few reads see both.
  for (int read = 0; read < 4 && PQstatus(connection) == CONNECTION_OK; ++read) {
    pollfd descriptor{PQsocket(connection), POLLIN, 0};
    if (::poll(&descriptor, 1, 0) <= 0) return false;
    if (PQconsumeInput(connection) == 0) return true;
  }
  return PQstatus(connection) != CONNECTION_OK;
}

Result<PostgresMetadataStore::ResultPtr> PostgresMetadataStore::Execute(
    const char* sql, const std::vector<std::string>& params) {
  PGconn* connection = connection_.get();
  auto lost = [&]() -> Error {
    Error error(ErrorCode::kUnexpected,
                Describe() + ": lost the connection: " + OneLine(PQerrorMessage(connection)));
    connection_lost_ = true;
    connection_.reset();
    return error;
  };
  auto timed_out = [&]() -> Error {
    connection_.reset();
    return Error(ErrorCode::kUnexpected, Describe() + " did not answer within " +
                                             std::to_string(kAnswerDeadline.count()) + " seconds");
  };
  std::vector<const char*> values;
  for (const std::string& param : params) values.push_back(param.c_str());
  const Clock::time_point deadline = Clock::now() + kAnswerDeadline;
  if (PQsendQueryParams(connection, sql, static_cast<int>(values.size()), nullptr, values.data(),
                        nullptr, nullptr, /*resultFormat=*/0) == 0) {
    return lost();
  }
  for (int flushed = PQflush(connection); flushed != 0; flushed = PQflush(connection)) {
    if (flushed < 0) return lost();
    if (!WaitFor(PQsocket(connection), POLLIN | POLLOUT, deadline)) return timed_out();
    if (PQconsumeInput(connection) == 0) return lost();
  }
  ResultPtr answer;
  for (;;) {
    while (PQisBusy(connection) != 0) {
      if (!WaitFor(PQsocket(connection), POLLIN, deadline)) return timed_out();
      if (PQconsumeInput(connection) == 0) return lost();
    }
    ResultPtr next(PQgetResult(connection));
    if (next == nullptr) break;
    if (answer == nullptr) answer = std::move(next);  // one statement: later results are drained
  }
  if (PQstatus(connection) != CONNECTION_OK || answer == nullptr) return lost();
  const ExecStatusType status = PQresultStatus(answer.get());
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
    const char* primary = PQresultErrorField(answer.get(), PG_DIAG_MESSAGE_PRIMARY);
    return Error(ErrorCode::kUnexpected,
                 Describe() + ": " +
                     OneLine(primary != nullptr ? primary : PQresultErrorMessage(answer.get())));
  }
  return answer;
}

}  // namespace junction::app
