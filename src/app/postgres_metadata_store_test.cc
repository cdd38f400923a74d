#include "app/postgres_metadata_store.h"

#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <latch>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>
#include <libpq-fe.h>

#include "backends/postgres/test_cluster.h"
#include "metadata/json_text.h"

namespace junction::app {
namespace {

using backends::postgres::testing_support::PostgresTest;
using backends::postgres::testing_support::TestCluster;
using Clock = std::chrono::steady_clock;

constexpr char kConflictTemplate[] =
    "metadata resource version referenced (%d) did not match current version";

std::string ConflictMessage(int64_t base_version) {
  std::string message = kConflictTemplate;
  message.replace(message.find("%d"), 2, std::to_string(base_version));
  return message;
}

// Runs `sql` on `url` beside the store: the first value of its answer, "" when it has none.
std::string Sql(const std::string& url, const std::string& sql) {
  std::unique_ptr<PGconn, decltype(&PQfinish)> connection(PQconnectdb(url.c_str()), &PQfinish);
  std::unique_ptr<PGresult, decltype(&PQclear)> result(PQexec(connection.get(), sql.c_str()),
                                                       &PQclear);
  const ExecStatusType status = PQresultStatus(result.get());
  if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK) {
    ADD_FAILURE() << sql << ": " << PQerrorMessage(connection.get());
    return "";
  }
  if (PQntuples(result.get()) == 0) return "";
  return PQgetvalue(result.get(), 0, 0);
}

// A socket bound to a free port of 127.0.0.1; listening (accepting nothing) when asked.
class LocalPort {
 public:
  explicit LocalPort(bool listen) : socket_(::socket(AF_INET, SOCK_STREAM, 0)) {
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t size = sizeof address;
    EXPECT_EQ(::bind(socket_, reinterpret_cast<sockaddr*>(&address), size), 0);
    EXPECT_EQ(::getsockname(socket_, reinterpret_cast<sockaddr*>(&address), &size), 0);
    port_ = ntohs(address.sin_port);
    if (listen) {
      EXPECT_EQ(::listen(socket_, 8), 0);
    }
  }
  ~LocalPort() { ::close(socket_); }
  int port() const { return port_; }

 private:
  int socket_;
  int port_ = 0;
};

metadata::Metadata Sample(int64_t resource_version, const std::string& collection = "c") {
  // Keys inside sections in an order no sorting would give: they must come back as written.
  Result<metadata::Json> json = metadata::ParseJsonText(
      R"({"version":3,"sources":[],"query_collections":[{"name":")" + collection +
      R"(","definition":{"queries":[]}}],"network":{"tls_allowlist":[],"z":{"y":1,"b":[2,1]}}})");
  Result<metadata::Metadata> metadata = metadata::Metadata::FromJson(*json);
  metadata->set_resource_version(resource_version);
  return *metadata;
}

class PostgresMetadataStoreTest : public PostgresTest {
 protected:
  void SetUp() override {
    PostgresTest::SetUp();
    if (HasFatalFailure()) return;
    database_ = TestCluster::FreshDatabase("metadata_store_test");
    ASSERT_FALSE(database_.empty()) << "cannot create the test database";
  }

  std::string database_;
};

TEST_F(PostgresMetadataStoreTest, FirstLoadCreatesTheTableWithEmptyMetadata) {
  PostgresMetadataStore store(database_);
  Result<metadata::Metadata> loaded = store.Load();
  ASSERT_TRUE(loaded) << loaded.error().message;
  EXPECT_EQ(*loaded, metadata::Metadata());
  EXPECT_EQ(loaded->resource_version(), 1);
  EXPECT_EQ(Sql(database_, "SELECT metadata::text FROM junction.metadata WHERE id = 1"),
            R"({"version":3,"sources":[]})");
  EXPECT_EQ(Sql(database_,
                "SELECT format_type(atttypid, NULL) FROM pg_attribute "
                "WHERE attrelid = 'junction.metadata'::regclass AND attname = 'metadata'"),
            "json");
  Result<int64_t> version = store.StoredVersion();
  ASSERT_TRUE(version) << version.error().message;
  EXPECT_EQ(*version, 1);
}

TEST_F(PostgresMetadataStoreTest, SaveThenLoadRoundTripsByteForByte) {
  PostgresMetadataStore store(database_);
  ASSERT_TRUE(store.Load());
  const metadata::Metadata saved = Sample(2);
  Status status = store.Save(saved, 1);
  ASSERT_TRUE(status) << status.error().message;

  EXPECT_EQ(Sql(database_, "SELECT metadata::text FROM junction.metadata"), saved.ToText());
  EXPECT_EQ(Sql(database_, "SELECT resource_version FROM junction.metadata"), "2");
  Result<metadata::Metadata> loaded = PostgresMetadataStore(database_).Load();
  ASSERT_TRUE(loaded) << loaded.error().message;
  EXPECT_EQ(loaded->ToText(), saved.ToText());
  EXPECT_EQ(loaded->resource_version(), 2);
  EXPECT_EQ(*loaded, saved);
}

TEST_F(PostgresMetadataStoreTest, TwoStoresShareOneMetadata) {
  PostgresMetadataStore first(database_);
  PostgresMetadataStore second(database_);
  ASSERT_TRUE(first.Load());
  ASSERT_TRUE(second.Load());
  ASSERT_TRUE(first.Save(Sample(2), 1));

  Result<int64_t> version = second.StoredVersion();
  ASSERT_TRUE(version) << version.error().message;
  EXPECT_EQ(*version, 2);
  Result<metadata::Metadata> loaded = second.Load();
  ASSERT_TRUE(loaded) << loaded.error().message;
  EXPECT_EQ(*loaded, Sample(2));
}

TEST_F(PostgresMetadataStoreTest, ConcurrentSavesFromOneBaseHaveExactlyOneWinner) {
  PostgresMetadataStore first(database_);
  PostgresMetadataStore second(database_);
  ASSERT_TRUE(first.Load());
  ASSERT_TRUE(second.Load());
  for (int64_t base = 1; base <= 10; ++base) {
    std::latch start(2);
    std::vector<Status> outcomes(2);
    auto save = [&](PostgresMetadataStore& store, size_t index) {
      start.arrive_and_wait();
      outcomes[index] = store.Save(Sample(base + 1, "by" + std::to_string(index)), base);
    };
    std::thread one(save, std::ref(first), 0);
    std::thread two(save, std::ref(second), 1);
    one.join();
    two.join();

    ASSERT_NE(bool(outcomes[0]), bool(outcomes[1])) << "round " << base;
    const size_t winner = outcomes[0] ? 0 : 1;
    const Error& lost = outcomes[1 - winner].error();
    EXPECT_EQ(lost.code, ErrorCode::kConflict);
    EXPECT_EQ(lost.message, ConflictMessage(base));
    Result<metadata::Metadata> loaded = first.Load();
    ASSERT_TRUE(loaded) << loaded.error().message;
    EXPECT_EQ(*loaded, Sample(base + 1, "by" + std::to_string(winner)));
  }
}

TEST_F(PostgresMetadataStoreTest, SaveFromAStaleVersionIsAConflict) {
  PostgresMetadataStore store(database_);
  ASSERT_TRUE(store.Load());
  ASSERT_TRUE(store.Save(Sample(2), 1));
  Status stale = store.Save(Sample(3, "late"), 1);
  ASSERT_FALSE(stale);
  EXPECT_EQ(stale.error().code, ErrorCode::kConflict);
  EXPECT_EQ(stale.error().message, ConflictMessage(1));
  Result<metadata::Metadata> loaded = store.Load();
  ASSERT_TRUE(loaded);
  EXPECT_EQ(*loaded, Sample(2));
}

TEST_F(PostgresMetadataStoreTest, EnginesStartingTogetherOnAFreshDatabaseAllLoad) {
  for (int round = 0; round < 3; ++round) {
    const std::string url = TestCluster::FreshDatabase("metadata_store_start_test");
    ASSERT_FALSE(url.empty());
    constexpr int kEngines = 4;
    std::latch start(kEngines);
    std::vector<std::string> errors(kEngines);
    std::vector<std::thread> engines;
    for (int i = 0; i < kEngines; ++i) {
      engines.emplace_back([&, i] {
        PostgresMetadataStore store(url);
        start.arrive_and_wait();
        Result<metadata::Metadata> loaded = store.Load();
        if (!loaded) {
          errors[i] = loaded.error().message;
        } else if (*loaded != metadata::Metadata()) {
          errors[i] = "not empty: " + loaded->ToText();
        }
      });
    }
    for (std::thread& engine : engines) engine.join();
    for (const std::string& error : errors) EXPECT_EQ(error, "") << "round " << round;
  }
}

TEST_F(PostgresMetadataStoreTest, CorruptRowIsAnErrorAndIsNeverOverwritten) {
  PostgresMetadataStore store(database_);
  ASSERT_TRUE(store.Load());
  Sql(database_, R"(UPDATE junction.metadata SET metadata = '{"version":3,"sources":{}}')");

  Result<metadata::Metadata> loaded = store.Load();
  ASSERT_FALSE(loaded);
  EXPECT_EQ(loaded.error().message,
            "metadata store " + database_ +
                ": parsing sources failed, expected Array, but encountered Object (at $.sources)");
  Status saved = store.Save(Sample(2), 1);
  ASSERT_FALSE(saved);
  EXPECT_EQ(saved.error().message,
            "refusing to overwrite metadata store " + database_ + ", which could not be loaded");
  EXPECT_EQ(Sql(database_, "SELECT metadata::text FROM junction.metadata"),
            R"({"version":3,"sources":{}})");

  // Repaired by hand, it loads, and saving is allowed again.
  Sql(database_, R"(UPDATE junction.metadata SET metadata = '{"version":3,"sources":[]}')");
  ASSERT_TRUE(store.Load());
  EXPECT_TRUE(store.Save(Sample(2), 1));
}

TEST_F(PostgresMetadataStoreTest, UnreachableServerIsAnErrorWithinSeconds) {
  LocalPort closed(/*listen=*/false);
  const std::string address = "127.0.0.1:" + std::to_string(closed.port()) + "/meta";
  PostgresMetadataStore store("postgres://admin:s3cret@" + address);
  const Clock::time_point started = Clock::now();
  Result<metadata::Metadata> loaded = store.Load();
  ASSERT_FALSE(loaded);
  EXPECT_LT(Clock::now() - started, std::chrono::seconds(5));
  EXPECT_EQ(loaded.error().message.rfind(
                "cannot connect to metadata store postgres://admin:*****@" + address + ": ", 0),
            0u)
      << loaded.error().message;
  EXPECT_EQ(loaded.error().message.find("s3cret"), std::string::npos);
  EXPECT_FALSE(store.StoredVersion());
  Status saved = store.Save(Sample(2), 1);
  ASSERT_FALSE(saved);
  EXPECT_EQ(saved.error().code, ErrorCode::kUnexpected);
}

TEST_F(PostgresMetadataStoreTest, ServerThatNeverAnswersIsAnErrorWithinSeconds) {
  LocalPort silent(/*listen=*/true);  // the kernel accepts the connection; nobody answers
  PostgresMetadataStore store("postgresql://127.0.0.1:" + std::to_string(silent.port()) + "/m");
  const Clock::time_point started = Clock::now();
  Result<int64_t> version = store.StoredVersion();
  ASSERT_FALSE(version);
  EXPECT_LT(Clock::now() - started, std::chrono::seconds(10));
  EXPECT_NE(version.error().message.find("timeout"), std::string::npos) << version.error().message;
}

TEST_F(PostgresMetadataStoreTest, HungServerProcessIsAnErrorWithinSeconds) {
  PostgresMetadataStore store(database_);
  ASSERT_TRUE(store.Load());
  // Stopped, the store's backend can enforce no statement_timeout: the client-side deadline must.
  const std::string pid = Sql(database_,
                              "SELECT pid FROM pg_stat_activity WHERE datname = current_database() "
                              "AND pid <> pg_backend_pid()");
  ASSERT_FALSE(pid.empty());
  ASSERT_EQ(::kill(std::stoi(pid), SIGSTOP), 0);
  const Clock::time_point started = Clock::now();
  Result<int64_t> version = store.StoredVersion();
  const Clock::duration waited = Clock::now() - started;
  ::kill(std::stoi(pid), SIGCONT);
  ASSERT_FALSE(version);
  EXPECT_LT(waited, std::chrono::seconds(10));
  EXPECT_EQ(version.error().message,
            "metadata store " + database_ + " did not answer within 7 seconds");
  version = store.StoredVersion();
  ASSERT_TRUE(version) << "a new connection: " << version.error().message;
}

TEST_F(PostgresMetadataStoreTest, StatementBlockedByALockIsCancelled) {
  PostgresMetadataStore store(database_);
  ASSERT_TRUE(store.Load());
  std::unique_ptr<PGconn, decltype(&PQfinish)> holder(PQconnectdb(database_.c_str()), &PQfinish);
  PQclear(PQexec(holder.get(), "BEGIN; LOCK TABLE junction.metadata IN ACCESS EXCLUSIVE MODE"));

  const Clock::time_point started = Clock::now();
  Status saved = store.Save(Sample(2), 1);
  ASSERT_FALSE(saved);
  EXPECT_LT(Clock::now() - started, std::chrono::seconds(10));
  EXPECT_EQ(saved.error().message,
            "metadata store " + database_ + ": canceling statement due to statement timeout");
  PQclear(PQexec(holder.get(), "ROLLBACK"));
  EXPECT_TRUE(store.Save(Sample(2), 1)) << "the connection stays usable";
}

TEST_F(PostgresMetadataStoreTest, TerminatedConnectionIsReplaced) {
  PostgresMetadataStore store(database_);
  ASSERT_TRUE(store.Load());
  const std::string terminate =
      "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
      "WHERE datname = current_database() AND pid <> pg_backend_pid()";
  // Right away: the Save may meet the closing connection while its statement is on the way.
  ASSERT_EQ(Sql(database_, terminate), "1");
  Status saved = store.Save(Sample(2), 1);
  ASSERT_TRUE(saved) << saved.error().message;

  // Once the backend is gone: found closed before anything is sent.
  ASSERT_EQ(Sql(database_, terminate), "1");
  for (int wait = 0; wait < 100; ++wait) {
    if (Sql(database_,
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
            " AND pid <> pg_backend_pid()") == "0") {
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  Result<int64_t> version = store.StoredVersion();
  ASSERT_TRUE(version) << version.error().message;
  EXPECT_EQ(*version, 2);
}

TEST_F(PostgresMetadataStoreTest, ServerRestartBetweenCallsIsSurvived) {
  PostgresMetadataStore store(database_);
  ASSERT_TRUE(store.Load());
  ASSERT_TRUE(TestCluster::Restart());
  Result<int64_t> version = store.StoredVersion();
  ASSERT_TRUE(version) << version.error().message;
  EXPECT_EQ(*version, 1);
  ASSERT_TRUE(TestCluster::Restart());
  Status saved = store.Save(Sample(2), 1);
  ASSERT_TRUE(saved) << saved.error().message;
  Result<metadata::Metadata> loaded = store.Load();
  ASSERT_TRUE(loaded) << loaded.error().message;
  EXPECT_EQ(*loaded, Sample(2));
}

TEST(RedactedUrl, HidesThePasswordOfAUrl) {
  EXPECT_EQ(RedactedUrl("postgres://admin:s3cret@db.example:5432/meta"),
            "postgres://admin:*****@db.example:5432/meta");
  EXPECT_EQ(RedactedUrl("postgresql://admin:p%40ss:w@db/meta?sslmode=require"),
            "postgresql://admin:*****@db/meta?sslmode=require");
  EXPECT_EQ(RedactedUrl("postgres://admin@db/meta"), "postgres://admin@db/meta");
  EXPECT_EQ(RedactedUrl("postgres://admin:@db/meta"), "postgres://admin:@db/meta");
  EXPECT_EQ(RedactedUrl("postgres://db/meta"), "postgres://db/meta");
  EXPECT_EQ(RedactedUrl("postgres://db:5432/a@b"), "postgres://db:5432/a@b");
}

TEST(RedactedUrl, HidesThePasswordQueryParameter) {
  EXPECT_EQ(RedactedUrl("postgres://db/meta?user=a&password=s3cret&sslmode=require"),
            "postgres://db/meta?user=a&password=*****&sslmode=require");
  EXPECT_EQ(RedactedUrl("postgresql://u:x@db/meta?password=s3cret"),
            "postgresql://u:*****@db/meta?password=*****");
  EXPECT_EQ(RedactedUrl("postgres://db/meta?passwordless=1"), "postgres://db/meta?passwordless=1");
}

TEST(RedactedUrl, HidesThePasswordOfAConnectionString) {
  EXPECT_EQ(RedactedUrl("host=db dbname=meta password=s3cret user=a"),
            "host=db dbname=meta password=***** user=a");
  EXPECT_EQ(RedactedUrl("host=db password = 'a b' port=5432"),
            "host=db password = ***** port=5432");
  EXPECT_EQ(RedactedUrl("password='a b\\' c' host=db"), "password=***** host=db");
  EXPECT_EQ(RedactedUrl("password=a\\ b host=db"), "password=***** host=db");
  EXPECT_EQ(RedactedUrl("host=db dbname=meta"), "host=db dbname=meta");
  EXPECT_EQ(RedactedUrl(""), "");
}

}  // namespace
}  // namespace junction::app
