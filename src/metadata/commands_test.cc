#include "metadata/commands.h"

#include <set>
#include <string>

#include <gtest/gtest.h>

#include "metadata/command_test_fixture.h"
#include "metadata/json_text.h"

namespace junction::metadata {
namespace {

// Stands in for schema::FindInconsistentObjects: every source is inconsistent (as it is until a
// backend exists), and so is a top-level "api_limits".
std::vector<InconsistentObject> EverySourceIsInconsistent(const Metadata& metadata) {
  std::vector<InconsistentObject> objects;
  for (size_t i = 0; i < metadata.sources().size(); ++i) {
    const Json& source = metadata.sources()[i];
    const std::string name = source["name"].get<std::string>();
    objects.push_back(
        {"source", "source " + name, "Inconsistent object: no backend", source, "sources", i, ""});
  }
  if (const Json* limits = metadata.Find("api_limits")) {
    objects.push_back({"api_limits", "api_limits", "Inconsistent object: no limits", *limits,
                       "api_limits", std::nullopt, ""});
  }
  return objects;
}

// Runs requests as CommandFixture does, with every source inconsistent.
class CommandsTest : public CommandFixture {
 protected:
  CommandsTest() { context_.find_inconsistent_objects = EverySourceIsInconsistent; }
};

constexpr std::string_view kOneSource =
    R"({"version":3,"sources":[{"name":"default","kind":"postgres","tables":[],"configuration":{}}]})";

TEST_F(CommandsTest, ExportMetadataReturnsTheDocument) {
  EXPECT_EQ(Ok(R"({"type":"export_metadata","args":{}})"), R"({"version":3,"sources":[]})");
  EXPECT_EQ(current_.resource_version(), 1);
}

TEST_F(CommandsTest, ExportMetadataV2AddsTheResourceVersion) {
  EXPECT_EQ(Ok(R"({"type":"export_metadata","version":2,"args":{}})"),
            R"({"resource_version":1,"metadata":{"version":3,"sources":[]}})");
}

TEST_F(CommandsTest, ReplaceMetadataReplacesAndMovesTheResourceVersion) {
  EXPECT_EQ(Ok(R"({"type":"replace_metadata","args":{"version":3,"sources":[],)"
               R"("query_collections":[{"name":"c","definition":{"queries":[]}}]}})"),
            R"({"message":"success"})");
  EXPECT_EQ(current_.resource_version(), 2);
  EXPECT_EQ(
      current_.ToText(),
      R"({"version":3,"sources":[],"query_collections":[{"name":"c","definition":{"queries":[]}}]})");
  EXPECT_EQ(Ok(R"({"type":"export_metadata","version":2,"args":{}})"),
            R"({"resource_version":2,"metadata":)" + current_.ToText() + "}");
}

TEST_F(CommandsTest, ReplaceMetadataWithMetadataKeyAnswersTheConsistencyReport) {
  EXPECT_EQ(Ok(R"({"type":"replace_metadata","args":{"metadata":{"version":3,"sources":[]}}})"),
            R"({"is_consistent":true,"inconsistent_objects":[]})");
  EXPECT_EQ(
      Ok(R"({"type":"replace_metadata","version":2,)"
         R"("args":{"allow_inconsistent_metadata":false,"metadata":{"version":3,"sources":[]}}})"),
      R"({"is_consistent":true,"inconsistent_objects":[]})");
  EXPECT_EQ(current_.resource_version(), 3);
}

TEST_F(CommandsTest, InconsistentReplacementIsRefusedWithTheObjectsInInternal) {
  const Error error =
      Fails(R"({"type":"replace_metadata","args":)" + std::string(kOneSource) + "}");
  EXPECT_EQ(error.code, ErrorCode::kUnexpected);
  EXPECT_EQ(error.path, "$.args");
  EXPECT_EQ(error.message, "cannot continue due to inconsistent metadata");
  EXPECT_EQ(
      DumpJson(error.internal),
      R"([{"definition":{"name":"default","kind":"postgres","tables":[],"configuration":{}},)"
      R"("name":"source default","reason":"Inconsistent object: no backend","type":"source"}])");
}

TEST_F(CommandsTest, AllowInconsistentMetadataKeepsTheObjectsAndReportsThem) {
  const std::string body = R"({"type":"replace_metadata","version":2,"args":)"
                           R"({"allow_inconsistent_metadata":true,"metadata":)" +
                           std::string(kOneSource) + "}}";
  const std::string report = Ok(body);
  EXPECT_EQ(report.rfind(R"({"is_consistent":false,"inconsistent_objects":[{"definition":)", 0), 0u)
      << report;
  EXPECT_EQ(current_.sources().size(), 1u);
  EXPECT_EQ(Ok(R"({"type":"get_inconsistent_metadata","args":{}})"), report);
  EXPECT_EQ(Ok(R"({"type":"reload_metadata","args":{}})"),
            R"({"message":"success","is_consistent":false,"inconsistent_objects":)" +
                report.substr(report.find('[')));

  EXPECT_EQ(Ok(R"({"type":"drop_inconsistent_metadata","args":{}})"), R"({"message":"success"})");
  EXPECT_EQ(current_.ToText(), R"({"version":3,"sources":[]})");
  EXPECT_EQ(Ok(R"({"type":"get_inconsistent_metadata","args":{}})"),
            R"({"is_consistent":true,"inconsistent_objects":[]})");
}

TEST_F(CommandsTest, DropInconsistentMetadataRemovesEntriesAndWholeSections) {
  Ok(R"({"type":"replace_metadata","args":{"allow_inconsistent_metadata":true,"metadata":)"
     R"({"version":3,"sources":[{"name":"a"},{"name":"b"},{"name":"c"}],)"
     R"("api_limits":{"disabled":false},"network":{"x":1}}}})");
  Ok(R"({"type":"drop_inconsistent_metadata","args":{}})");
  EXPECT_EQ(current_.ToText(), R"({"version":3,"sources":[],"network":{"x":1}})");
}

TEST_F(CommandsTest, ReplaceMetadataErrorsPointIntoArgs) {
  Error error =
      Fails(R"({"type":"replace_metadata","args":{"version":3,"sources":[{"kind":"x"}]}})");
  EXPECT_EQ(error.code, ErrorCode::kParseFailed);
  EXPECT_EQ(error.path, "$.args.sources[0]");
  EXPECT_EQ(error.message, R"(key "name" not found)");

  error = Fails(R"({"type":"replace_metadata","version":2,"args":{"metadata":{"version":3}}})");
  EXPECT_EQ(error.path, "$.args.metadata");
  EXPECT_EQ(error.message, R"(key "sources" not found)");

  error = Fails(R"({"type":"replace_metadata","version":2,"args":{}})");
  EXPECT_EQ(error.path, "$.args");
  EXPECT_EQ(error.message, R"(key "metadata" not found)");

  error = Fails(R"({"type":"replace_metadata","args":[]})");
  EXPECT_EQ(error.path, "$.args");
  EXPECT_EQ(error.message,
            "parsing ReplaceMetadata failed, expected Object, but encountered Array");

  error = Fails(
      R"({"type":"replace_metadata","args":{"allow_inconsistent_metadata":"yes","metadata":{}}})");
  EXPECT_EQ(error.path, "$.args.allow_inconsistent_metadata");
}

TEST_F(CommandsTest, ReloadMetadataRecordsTheSourcesToReadAgain) {
  Result<MetadataResponse> all = Run(R"({"type":"reload_metadata","args":{}})");
  ASSERT_TRUE(all);
  EXPECT_TRUE(all->reload_all_sources);
  EXPECT_TRUE(all->sources_to_reload.empty());

  Result<MetadataResponse> some =
      Run(R"({"type":"bulk","args":[{"type":"reload_metadata","args":{"reload_sources":["a","b"],)"
          R"("reload_remote_schemas":false,"recreate_event_triggers":true}},)"
          R"({"type":"reload_metadata","args":{"reload_sources":["c"]}}]})");
  ASSERT_TRUE(some);
  EXPECT_FALSE(some->reload_all_sources);
  EXPECT_EQ(some->sources_to_reload, (std::set<std::string>{"a", "b", "c"}));

  Result<MetadataResponse> none =
      Run(R"({"type":"reload_metadata","args":{"reload_sources":false}})");
  ASSERT_TRUE(none);
  EXPECT_FALSE(none->reload_all_sources);
  EXPECT_TRUE(none->sources_to_reload.empty());

  Error error = Fails(R"({"type":"reload_metadata","args":null})");
  EXPECT_EQ(error.path, "$.args");
  EXPECT_EQ(error.message, "parsing ReloadMetadata failed, expected Object, but encountered Null");

  error = Fails(R"({"type":"reload_metadata","args":{"reload_sources":"a"}})");
  EXPECT_EQ(error.path, "$.args.reload_sources");
  EXPECT_EQ(error.message, "parsing HashSet failed, expected Array, but encountered String");
  error = Fails(R"({"type":"reload_metadata","args":{"reload_remote_schemas":[1]}})");
  EXPECT_EQ(error.path, "$.args.reload_remote_schemas[0]");
}

TEST_F(CommandsTest, ClearMetadataEmptiesIt) {
  Ok(R"({"type":"replace_metadata","args":{"version":3,"sources":[],"network":{"a":1}}})");
  EXPECT_EQ(Ok(R"({"type":"clear_metadata","args":{}})"), R"({"message":"success"})");
  EXPECT_EQ(current_.ToText(), R"({"version":3,"sources":[]})");
  EXPECT_EQ(current_.resource_version(), 3);
}

TEST_F(CommandsTest, BulkRunsInOrderAndAnswersEveryResponse) {
  EXPECT_EQ(Ok(R"({"type":"bulk","args":[)"
               R"({"type":"replace_metadata","args":{"version":3,"sources":[],"network":{"a":1}}},)"
               R"({"type":"export_metadata","args":{}},)"
               R"({"type":"export_metadata","version":2,"args":{}}]})"),
            R"([{"message":"success"},{"version":3,"sources":[],"network":{"a":1}},)"
            R"({"resource_version":1,"metadata":{"version":3,"sources":[],"network":{"a":1}}}])");
  // One request, one new version.
  EXPECT_EQ(current_.resource_version(), 2);
}

TEST_F(CommandsTest, BulkIsAtomic) {
  const Error error = Fails(R"({"type":"bulk","args":[{"type":"clear_metadata","args":{}},)"
                            R"({"type":"replace_metadata","args":{"version":3}}]})");
  EXPECT_EQ(error.path, "$.args[1].args");
  EXPECT_EQ(error.message, R"(key "sources" not found)");

  const Error nested = Fails(R"({"type":"bulk","args":[{"type":"clear_metadata","args":{}},)"
                             R"({"type":"bulk","args":[{"args":{}}]}]})");
  EXPECT_EQ(nested.path, "$.args[1].args[0]");
  EXPECT_EQ(nested.message, R"(key "type" not found)");

  EXPECT_EQ(Fails(R"({"type":"bulk","args":{}})").path, "$.args");
  EXPECT_EQ(Ok(R"({"type":"bulk","args":[]})"), "[]");
}

TEST_F(CommandsTest, StaleResourceVersionConflictsOnlyForChanges) {
  Ok(R"({"type":"clear_metadata","args":{}})");  // now at 2
  const Error error = Fails(R"({"type":"clear_metadata","args":{},"resource_version":1})");
  EXPECT_EQ(error.code, ErrorCode::kConflict);
  EXPECT_EQ(error.path, "$");
  EXPECT_EQ(error.message,
            "metadata resource version referenced (1) did not match current version");
  // A read with a stale version is fine; a change naming the current one goes through.
  Ok(R"({"type":"export_metadata","args":{},"resource_version":1})");
  Ok(R"({"type":"clear_metadata","args":{},"resource_version":2})");
  EXPECT_EQ(current_.resource_version(), 3);
  EXPECT_EQ(Fails(R"({"type":"export_metadata","args":{},"resource_version":"2"})").path,
            "$.resource_version");
}

TEST_F(CommandsTest, EnvelopeErrorsAreHasuras) {
  Error error = Fails("[]");
  EXPECT_EQ(error.code, ErrorCode::kParseFailed);
  EXPECT_EQ(error.path, "$");
  EXPECT_EQ(error.message, "parsing RQLMetadata failed, expected Object, but encountered Array");

  error = Fails(R"({"args":{}})");
  EXPECT_EQ(error.message, R"(key "type" not found)");
  error = Fails(R"({"type":3,"args":{}})");
  EXPECT_EQ(error.path, "$.type");
  error = Fails(R"({"type":"export_metadata"})");
  EXPECT_EQ(error.path, "$");
  EXPECT_EQ(error.message, R"(key "args" not found)");
  error = Fails(R"({"type":"export_metadata","args":{},"version":3})");
  EXPECT_EQ(error.path, "$.version");
  EXPECT_EQ(error.message, "expected 1 or 2, encountered 3");
  error = Fails(R"({"type":"clear_metadata","args":{},"version":2})");
  EXPECT_EQ(error.code, ErrorCode::kParseFailed);
  EXPECT_EQ(error.message,
            R"(parsing RQLMetadataV2 failed, expected tag field to be one of )"
            R"(["replace_metadata", "export_metadata"], but found tag "clear_metadata")");
}

TEST_F(CommandsTest, UnknownAndUnsupportedCommands) {
  Error error = Fails(R"({"type":"frobnicate","args":{}})");
  EXPECT_EQ(error.code, ErrorCode::kParseFailed);
  EXPECT_EQ(error.path, "$");
  EXPECT_EQ(error.message,
            R"(unknown metadata command "frobnicate"; "frobnicate" was not recognized as a )"
            R"(valid backend name)");

  error = Fails(R"({"type":"foo_bar","args":{}})");
  EXPECT_EQ(
      error.message,
      R"(unknown metadata command "foo_bar"; "foo" was not recognized as a valid backend name)");

  error = Fails(R"({"type":"pg_frobnicate","args":{}})");
  EXPECT_EQ(error.code, ErrorCode::kParseFailed);
  EXPECT_EQ(error.message, R"(unknown metadata command "frobnicate" for backend postgres)");

  error = Fails(R"({"type":"pg_create_insert_permission","args":{}})");
  EXPECT_EQ(error.code, ErrorCode::kNotSupported);
  EXPECT_EQ(error.message,
            R"(metadata command "pg_create_insert_permission" is not supported by Junction yet)");
  EXPECT_EQ(Fails(R"({"type":"mssql_track_table","args":{}})").code, ErrorCode::kNotSupported);

  error = Fails(R"({"type":"bulk","args":[{"type":"create_cron_trigger","args":{}}]})");
  EXPECT_EQ(error.code, ErrorCode::kNotSupported);
  EXPECT_EQ(error.path, "$.args[0]");
}

}  // namespace
}  // namespace junction::metadata
