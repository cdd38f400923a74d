// Engine::HandleMetadata, HandleQueryV1, HandleQueryV2: statuses, Hasura's error bodies,
// persistence before installation, and snapshots kept by requests in flight.

#include <string>

#include <gtest/gtest.h>

#include "server/engine_test_support.h"

namespace junction::server {
namespace {

constexpr std::string_view kWithSource =
    R"({"version":3,"sources":[{"name":"default","kind":"mssql","tables":[]}]})";

class AdminHandlerTest : public testing_support::EngineTest {
 protected:
  HttpResponse QueryV1(std::string body,
                       std::map<std::string, std::string, std::less<>> headers = {}) {
    return Call(&Engine::HandleQueryV1, std::move(body), std::move(headers));
  }
  HttpResponse QueryV2(std::string body,
                       std::map<std::string, std::string, std::less<>> headers = {}) {
    return Call(&Engine::HandleQueryV2, std::move(body), std::move(headers));
  }
};

TEST_F(AdminHandlerTest, ExportsEmptyMetadata) {
  HttpResponse response = Metadata(R"({"type":"export_metadata","args":{}})");
  EXPECT_EQ(response.status, 200u);
  EXPECT_EQ(response.body, R"({"version":3,"sources":[]})");
  EXPECT_EQ(store_.saves, 0) << "a read must not write";
}

TEST_F(AdminHandlerTest, ReplacePersistsThenInstalls) {
  const std::shared_ptr<const schema::Snapshot> before = engine_->snapshot();
  HttpResponse response = Metadata(
      R"({"type":"replace_metadata","args":{"version":3,"sources":[],"network":{"a":1}}})");
  EXPECT_EQ(response.status, 200u);
  EXPECT_EQ(response.body, R"({"message":"success"})");

  EXPECT_EQ(store_.saves, 1);
  EXPECT_EQ(store_.saved.ToText(), R"({"version":3,"sources":[],"network":{"a":1}})");
  EXPECT_EQ(store_.saved.resource_version(), 2);
  EXPECT_EQ(engine_->snapshot()->metadata, store_.saved);
  // A request that began before the change keeps its snapshot, unchanged.
  EXPECT_EQ(before->metadata.ToText(), R"({"version":3,"sources":[]})");

  EXPECT_EQ(Metadata(R"({"type":"export_metadata","version":2,"args":{}})").body,
            R"({"resource_version":2,"metadata":{"version":3,"sources":[],"network":{"a":1}}})");
}

TEST_F(AdminHandlerTest, StaleResourceVersionIs409) {
  ASSERT_EQ(Metadata(R"({"type":"clear_metadata","args":{}})").status, 200u);
  HttpResponse response = Metadata(R"({"type":"clear_metadata","args":{},"resource_version":1})");
  EXPECT_EQ(response.status, 409u);
  EXPECT_EQ(response.body,
            R"({"path":"$","error":"metadata resource version referenced (1) did not match )"
            R"(current version","code":"conflict"})");
  EXPECT_EQ(store_.saves, 1);
}

TEST_F(AdminHandlerTest, UnservableSourcesAreRefusedWithTheReasonForAdmins) {
  HttpResponse response =
      Metadata(R"({"type":"replace_metadata","args":)" + std::string(kWithSource) + "}");
  EXPECT_EQ(response.status, 400u);
  EXPECT_EQ(response.body,
            R"({"path":"$.args","error":"cannot continue due to inconsistent metadata",)"
            R"("code":"unexpected","internal":[{"definition":{"name":"default","kind":"mssql",)"
            R"("tables":[]},"name":"source default","reason":"Inconsistent object: sources of )"
            R"j(kind \"mssql\" are not supported by Junction yet (no mssql backend)",)j"
            R"("type":"source"}]})");
  EXPECT_EQ(store_.saves, 0);
  EXPECT_EQ(engine_->snapshot()->metadata, testing_support::MemoryStore().saved);
}

TEST_F(AdminHandlerTest, AllowedInconsistenciesAreStoredAndReported) {
  HttpResponse response = Metadata(
      R"({"type":"replace_metadata","version":2,"args":{"allow_inconsistent_metadata":true,)"
      R"("metadata":)" +
      std::string(kWithSource) + "}}");
  EXPECT_EQ(response.status, 200u);
  EXPECT_EQ(response.body.rfind(R"({"is_consistent":false,"inconsistent_objects":[{)", 0), 0u)
      << response.body;
  EXPECT_EQ(store_.saved.sources().size(), 1u);
  EXPECT_EQ(engine_->snapshot()->inconsistent_objects.size(), 1u);
  // The engine still serves what it can.
  EXPECT_EQ(Graphql(R"({"query":"{ __typename }"})").body,
            R"({"data":{"__typename":"query_root"}})");
}

TEST_F(AdminHandlerTest, FailingToPersistChangesNothing) {
  store_.refusal = Error(ErrorCode::kUnexpected, "disk full");
  HttpResponse response =
      Metadata(R"({"type":"replace_metadata","args":{"version":3,"sources":[],"network":{}}})");
  EXPECT_EQ(response.status, 500u);
  EXPECT_EQ(response.body, R"({"path":"$","error":"cannot save the metadata; nothing was changed",)"
                           R"("code":"unexpected","internal":{"error":"disk full"}})");
  EXPECT_EQ(engine_->snapshot()->metadata.resource_version(), 1);
  EXPECT_EQ(Metadata(R"({"type":"export_metadata","version":2,"args":{}})").body,
            R"({"resource_version":1,"metadata":{"version":3,"sources":[]}})");
}

TEST_F(AdminHandlerTest, AStoreConflictIs409AndChangesNothing) {
  store_.refusal = Error(ErrorCode::kConflict, "changed by another engine", "$");
  HttpResponse response = Metadata(R"({"type":"clear_metadata","args":{}})");
  EXPECT_EQ(response.status, 409u);
  EXPECT_EQ(response.body, R"({"path":"$","error":"changed by another engine","code":"conflict"})");
  EXPECT_EQ(engine_->snapshot()->metadata.resource_version(), 1);
}

TEST_F(AdminHandlerTest, SaveNamesTheVersionTheChangeWasMadeFrom) {
  ASSERT_EQ(Metadata(R"({"type":"clear_metadata","args":{}})").status, 200u);
  ASSERT_EQ(Metadata(R"({"type":"clear_metadata","args":{}})").status, 200u);
  EXPECT_EQ(store_.saved.resource_version(), 3);
  EXPECT_EQ(store_.last_base_version, 2);
}

TEST_F(AdminHandlerTest, AdoptServesNewerMetadataWithoutSavingIt) {
  Result<metadata::Metadata> newer =
      metadata::Metadata::FromJson(metadata::Json::parse(kWithSource));
  ASSERT_TRUE(newer);
  newer->set_resource_version(5);
  Status adopted = Error();
  Run([&]() -> boost::asio::awaitable<void> { adopted = co_await engine_->Adopt(*newer); });
  ASSERT_TRUE(adopted);
  EXPECT_EQ(store_.saves, 0);
  EXPECT_EQ(engine_->snapshot()->metadata, *newer);
  EXPECT_EQ(engine_->snapshot()->inconsistent_objects.size(), 1u) << "mssql is not served";

  // The same or an older version is already served: nothing changes.
  metadata::Metadata older;
  older.set_resource_version(5);
  Run([&]() -> boost::asio::awaitable<void> { adopted = co_await engine_->Adopt(older); });
  ASSERT_TRUE(adopted);
  EXPECT_EQ(engine_->snapshot()->metadata, *newer);
}

TEST_F(AdminHandlerTest, MalformedBodies) {
  HttpResponse response = Metadata("{");
  EXPECT_EQ(response.status, 400u);
  EXPECT_EQ(response.body.rfind(R"({"path":"$","error":"Error in $: )", 0), 0u) << response.body;
  EXPECT_NE(response.body.find(R"("code":"invalid-json")"), std::string::npos);

  response = Metadata("[]");
  EXPECT_EQ(response.status, 400u);
  EXPECT_EQ(response.body,
            R"({"path":"$","error":"parsing RQLMetadata failed, expected Object, but )"
            R"(encountered Array","code":"parse-failed"})");

  response = Metadata(R"({"type":"frobnicate","args":{}})");
  EXPECT_EQ(response.status, 400u);
  EXPECT_NE(response.body.find(R"(unknown metadata command \"frobnicate\")"), std::string::npos);
}

TEST_F(AdminHandlerTest, AdminSecretIsEnforcedWith401) {
  MakeEngine("s3cret");
  HttpResponse response = Metadata(R"({"type":"export_metadata","args":{}})");
  EXPECT_EQ(response.status, 401u);
  EXPECT_EQ(response.body,
            R"({"path":"$","error":"x-hasura-admin-secret/x-hasura-access-key required, but )"
            R"(not found","code":"access-denied"})");

  response = Metadata(R"({"type":"export_metadata","args":{}})", {{"x-hasura-admin-secret", "x"}});
  EXPECT_EQ(response.status, 401u);
  EXPECT_EQ(response.body,
            R"({"path":"$","error":"invalid x-hasura-admin-secret/x-hasura-access-key",)"
            R"("code":"access-denied"})");

  response = QueryV2(R"({"type":"run_sql","args":{"sql":"select 1"}})");
  EXPECT_EQ(response.status, 401u);

  response =
      Metadata(R"({"type":"export_metadata","args":{}})", {{"x-hasura-admin-secret", "s3cret"}});
  EXPECT_EQ(response.status, 200u);
}

TEST_F(AdminHandlerTest, NonAdminRolesAreRefused) {
  const std::string denied =
      R"({"path":"$.args","error":"restricted access : admin only","code":"access-denied"})";
  for (auto call : {&Engine::HandleMetadata, &Engine::HandleQueryV1, &Engine::HandleQueryV2}) {
    HttpResponse response =
        Call(call, R"({"type":"export_metadata","args":{}})", {{"x-hasura-role", "user"}});
    EXPECT_EQ(response.status, 400u);
    EXPECT_EQ(response.body, denied);
  }
  MakeEngine("s3cret");
  HttpResponse response =
      Metadata(R"({"type":"clear_metadata","args":{}})",
               {{"x-hasura-admin-secret", "s3cret"}, {"x-hasura-role", "user"}});
  EXPECT_EQ(response.body, denied);
  EXPECT_EQ(store_.saves, 0);
}

TEST_F(AdminHandlerTest, RunSqlNeedsAnExistingPostgresSource) {
  HttpResponse response = QueryV2(R"({"type":"run_sql","args":{"sql":"select 1"}})");
  EXPECT_EQ(response.status, 400u);
  EXPECT_EQ(response.body,
            R"({"path":"$.args","error":"source with name \"default\" does not exist",)"
            R"("code":"not-exists"})");

  response = QueryV1(R"({"type":"run_sql","args":{"source":"pg","sql":"select 1"}})");
  EXPECT_EQ(
      response.body,
      R"({"path":"$.args","error":"source with name \"pg\" does not exist","code":"not-exists"})");

  response = QueryV2(R"({"type":"citus_run_sql","args":{"source":"c","sql":"select 1"}})");
  EXPECT_EQ(response.body, R"({"path":"$.type","error":"citus_run_sql is not supported by )"
                           R"j(Junction yet: its sources are Postgres (use run_sql)",)j"
                           R"("code":"not-supported"})");

  response = QueryV2(R"({"type":"run_sql","args":{}})");
  EXPECT_EQ(response.body,
            R"({"path":"$.args","error":"key \"sql\" not found","code":"parse-failed"})");
}

TEST_F(AdminHandlerTest, QueryV1RunsMetadataCommandsAndAtomicBulks) {
  HttpResponse response = QueryV1(
      R"({"type":"bulk","args":[{"type":"replace_metadata","args":{"version":3,"sources":[],)"
      R"("network":{"a":1}}},{"type":"export_metadata","args":{}}]})");
  EXPECT_EQ(response.status, 200u);
  EXPECT_EQ(response.body,
            R"([{"message":"success"},{"version":3,"sources":[],"network":{"a":1}}])");
  EXPECT_EQ(store_.saves, 1);

  response = QueryV1(R"({"type":"bulk","args":[{"type":"clear_metadata","args":{}},)"
                     R"({"type":"run_sql","args":{"sql":"drop table x"}}]})");
  EXPECT_EQ(response.status, 400u);
  EXPECT_EQ(response.body,
            R"({"path":"$.args[1]","error":"run_sql inside a bulk is not )"
            R"(supported by Junction yet; send it on its own","code":"not-supported"})");
  EXPECT_EQ(store_.saves, 1);
  EXPECT_EQ(store_.saved.ToText(), R"({"version":3,"sources":[],"network":{"a":1}})");
}

TEST_F(AdminHandlerTest, QueryApisKnowTheirTypes) {
  HttpResponse response = QueryV2(R"({"type":"export_metadata","args":{}})");
  EXPECT_EQ(response.status, 400u);
  EXPECT_EQ(
      response.body,
      R"({"path":"$","error":"unknown query type \"export_metadata\"","code":"parse-failed"})");

  response = QueryV1(R"({"type":"track_table","args":{"name":"t"}})");
  EXPECT_EQ(response.body, R"({"path":"$","error":"query type \"track_table\" is not supported )"
                           R"(by Junction yet","code":"not-supported"})");

  response = QueryV2(R"({"type":"select","args":{}})");
  EXPECT_NE(response.body.find("not-supported"), std::string::npos);
}

}  // namespace
}  // namespace junction::server
