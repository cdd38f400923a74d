#pragma once
// PostgresMetadataStore: a metadata::Store in a Postgres database (`--metadata-store
// postgres://…`), so that several engines behind a load balancer share one metadata. Junction
// keeps it in its own schema (not Hasura's hdb_catalog), one row:
//
//   junction.metadata (id int PRIMARY KEY CHECK (id = 1), resource_version bigint NOT NULL,
//                      metadata json NOT NULL, updated_at timestamptz NOT NULL DEFAULT now())
//
// The document is `json`, not `jsonb`: json keeps the text as given, so the metadata's key order
// survives byte for byte. The first call creates the schema, the table and the row (empty
// metadata at resource_version 1) if they are missing, under a transaction-scoped advisory lock so
// that engines starting together do not trip over each other.
//
// Save is one conditional UPDATE (… WHERE resource_version = base_version): of two engines saving
// changes made from the same metadata exactly one wins; the other gets Hasura's 409 `conflict`
// ("metadata resource version referenced (N) did not match current version", N the base
// version). An engine learns of changes made elsewhere by polling StoredVersion, one cheap read.
//
// Load: a row that is not valid metadata is an Error naming the store and what is wrong, and
// after it Save refuses to write until a Load succeeds, so broken content is never replaced by
// whatever the engine holds.
//
// One blocking libpq connection, opened on first use and guarded by a mutex (Save runs on the
// engine's threads, the poller calls StoredVersion). A connection the server closed while it was
// idle (a restart, pg_terminate_backend) is noticed before anything is sent and replaced; one
// lost during a statement is replaced and the call made again, once (a repeated Save that finds
// the version moved on checks whether the row is its own: the first UPDATE may have committed
// before the connection went). Every call is bounded: connecting by connect_timeout
// (3 s), each statement by the server's statement_timeout (5 s) and by a client-side deadline
// (7 s, for a hung server or a silent network), with TCP keepalives on, so a dead server gives an
// Error within about ten seconds, never a hang. These settings override the URL's (its `options`
// included). Errors and logs never show the password (RedactedUrl).

#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"
#include "metadata/metadata.h"
#include "metadata/store.h"

// libpq's types, declared here so the header does not pull in libpq-fe.h.
struct pg_conn;
struct pg_result;

namespace junction::app {

class PostgresMetadataStore : public metadata::Store {
 public:
  // `url`: a postgres:// or postgresql:// URL, or anything else libpq takes as a connection
  // string. Nothing is opened until the first call.
  explicit PostgresMetadataStore(std::string url);
  ~PostgresMetadataStore() override;
  PostgresMetadataStore(const PostgresMetadataStore&) = delete;
  PostgresMetadataStore& operator=(const PostgresMetadataStore&) = delete;

  Result<metadata::Metadata> Load() override;
  Status Save(const metadata::Metadata& metadata, int64_t base_version) override;

  // The stored resource_version: what an engine compares with the one it serves to find out that
  // another engine changed the metadata.
  Result<int64_t> StoredVersion();

 private:
  struct ConnectionCloser {
    void operator()(pg_conn* connection) const;
  };
  struct ResultClearer {
    void operator()(pg_result* result) const;
  };
  using ResultPtr = std::unique_ptr<pg_result, ResultClearer>;

  // Connects when there is no connection (or it was found closed) and creates the table when
  // this store has not yet seen it. REQUIRES: mutex_ held.
  Status Ready();
  Status Connect();
  Status EnsureTable();
  // Whether the idle connection was closed by the server (restart, pg_terminate_backend).
  bool ClosedWhileIdle();
  // Runs one statement with text `params`, waiting no longer than the client-side deadline. When
  // the connection broke (connection_lost_) or did not answer in time, it is closed.
  Result<ResultPtr> Execute(const char* sql, const std::vector<std::string>& params = {});
  // Runs `operation` on a ready connection; again once, on a new connection, if it was lost.
  template <typename T, typename Operation>
  Result<T> WithConnection(const Operation& operation);
  // "metadata store <redacted url>", the subject of every message.
  std::string Describe() const;

  const std::string url_;
  const std::string redacted_url_;  // for messages
  std::mutex mutex_;
  std::unique_ptr<pg_conn, ConnectionCloser> connection_;
  bool connection_lost_ = false;  // the last Execute failed because the connection broke
  bool table_ready_ = false;      // the schema, table and row exist (created or seen)
  bool load_failed_ = false;      // the stored content is not valid metadata: never overwrite it
};

// `url` with its password replaced by "*****": the userinfo password of a postgres:// URL, a
// `password` query parameter, and a `password=` keyword of a key=value connection string.
std::string RedactedUrl(std::string_view url);

}  // namespace junction::app
