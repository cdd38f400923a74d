#include "metadata/metadata.h"

#include <string>

#include <gtest/gtest.h>

#include "metadata/json_text.h"

namespace junction::metadata {
namespace {

Result<Metadata> FromText(std::string_view text) {
  Result<Json> json = ParseJsonText(text);
  if (!json) return json.error();
  return Metadata::FromJson(*json);
}

// A document in the form Hasura's export_metadata writes: every top-level section, in Hasura's
// order, compact. Sources stay empty (no backend yet); everything else is as Hasura prints it.
constexpr std::string_view kHasuraExport =
    R"({"version":3,"sources":[],)"
    R"("remote_schemas":[{"name":"countries","definition":{"url":"https://countries.example/",)"
    R"("timeout_seconds":60,"customization":{}},"comment":""}],)"
    R"("query_collections":[{"name":"allowed-queries","definition":{"queries":)"
    R"([{"name":"q","query":"query { __typename }"}]}}],)"
    R"("allowlist":[{"collection":"allowed-queries","scope":{"global":true}}],)"
    R"("actions":[{"name":"login","definition":{"handler":"https://example.com/login",)"
    R"("output_type":"LoginOutput","arguments":[{"name":"username","type":"String!"}],)"
    R"("type":"mutation","kind":"synchronous"}}],)"
    R"("custom_types":{"objects":[{"name":"LoginOutput",)"
    R"("fields":[{"name":"token","type":"String!"}]}]},)"
    R"("cron_triggers":[{"name":"nightly","webhook":"https://example.com/n","schedule":"0 0 * * *",)"
    R"("include_in_metadata":true,"payload":{},"retry_conf":{"num_retries":0,)"
    R"("retry_interval_seconds":10,"timeout_seconds":60,"tolerance_seconds":21600}}],)"
    R"("rest_endpoints":[{"comment":null,"definition":{"query":{"collection_name":"allowed-queries",)"
    R"("query_name":"q"}},"methods":["GET"],"name":"q","url":"q"}],)"
    R"("api_limits":{"disabled":false,"depth_limit":{"global":10,"per_role":{}}},)"
    R"("metrics_config":{"analyze_query_variables":true,"analyze_response_body":false},)"
    R"("inherited_roles":[{"role_name":"manager","role_set":["employee","user"]}],)"
    R"("graphql_schema_introspection":{"disabled_for_roles":["anonymous"]},)"
    R"("network":{"tls_allowlist":[{"host":"example.com","suffix":"443"}]},)"
    R"("backend_configs":{"dataconnector":{"sqlite":{"uri":"http://localhost:8100"}}},)"
    R"("opentelemetry":{"status":"disabled","data_types":["traces"],"exporter_otlp":{},)"
    R"("batch_span_processor":{"max_export_batch_size":512}}})";

TEST(MetadataTest, EmptyMetadataIsVersionThreeWithNoSources) {
  Metadata empty;
  EXPECT_EQ(empty.ToText(), R"({"version":3,"sources":[]})");
  EXPECT_EQ(empty.resource_version(), kInitialResourceVersion);
  EXPECT_TRUE(empty.sources().empty());
  EXPECT_EQ(empty.Find("remote_schemas"), nullptr);
}

TEST(MetadataTest, HasuraExportRoundTripsByteForByte) {
  Result<Metadata> metadata = FromText(kHasuraExport);
  ASSERT_TRUE(metadata) << metadata.error().message;
  EXPECT_EQ(metadata->ToText(), kHasuraExport);
  // And again: the canonical form is a fixed point.
  Result<Metadata> again = Metadata::FromJson(metadata->document());
  ASSERT_TRUE(again);
  EXPECT_EQ(again->ToText(), kHasuraExport);
}

TEST(MetadataTest, CanonicalFormOrdersSectionsAsHasuraAndKeepsUnknownKeysLast) {
  Result<Metadata> metadata = FromText(
      R"({"x_custom":{"keep":[1,2.5,"three"]},"actions":[{"name":"a"}],"sources":[],)"
      R"("version":3,"remote_schemas":[{"name":"r","definition":{"b":1,"a":2}}],"y_other":null})");
  ASSERT_TRUE(metadata) << metadata.error().message;
  EXPECT_EQ(
      metadata->ToText(),
      R"({"version":3,"sources":[],"remote_schemas":[{"name":"r","definition":{"b":1,"a":2}}],)"
      R"("actions":[{"name":"a"}],"x_custom":{"keep":[1,2.5,"three"]},"y_other":null})");
}

TEST(MetadataTest, EmptySectionsAreLeftOutAsHasuraDoes) {
  Result<Metadata> metadata =
      FromText(R"({"version":3,"sources":[],"remote_schemas":[],"custom_types":{},"actions":[]})");
  ASSERT_TRUE(metadata);
  EXPECT_EQ(metadata->ToText(), R"({"version":3,"sources":[]})");
}

TEST(MetadataTest, KeepsSourcesAsWritten) {
  constexpr std::string_view kText =
      R"({"version":3,"sources":[{"name":"default","kind":"postgres","tables":[],)"
      R"("configuration":{"connection_info":{"database_url":{"from_env":"PG_URL"}}}}]})";
  Result<Metadata> metadata = FromText(kText);
  ASSERT_TRUE(metadata);
  EXPECT_EQ(metadata->ToText(), kText);
  EXPECT_EQ(metadata->sources().size(), 1u);
}

struct BadDocument {
  std::string_view text;
  ErrorCode code;
  std::string_view path;
  std::string_view message;
};

class MetadataErrorTest : public testing::TestWithParam<BadDocument> {};

TEST_P(MetadataErrorTest, ReportsHasuraShapedError) {
  const BadDocument& bad = GetParam();
  Result<Metadata> metadata = FromText(bad.text);
  ASSERT_FALSE(metadata) << bad.text;
  EXPECT_EQ(metadata.error().code, bad.code) << bad.text;
  EXPECT_EQ(metadata.error().path, bad.path) << bad.text;
  EXPECT_EQ(metadata.error().message, bad.message) << bad.text;
}

INSTANTIATE_TEST_SUITE_P(
    Documents, MetadataErrorTest,
    testing::Values(
        BadDocument{R"([])", ErrorCode::kParseFailed, "$",
                    "parsing Metadata failed, expected Object, but encountered Array"},
        BadDocument{R"({"version":3})", ErrorCode::kParseFailed, "$", R"(key "sources" not found)"},
        BadDocument{R"({"version":4,"sources":[]})", ErrorCode::kParseFailed, "$.version",
                    "expected 1, 2 or 3, encountered 4"},
        BadDocument{R"({"version":"3","sources":[]})", ErrorCode::kParseFailed, "$.version",
                    "parsing Int failed, expected Number, but encountered String"},
        BadDocument{R"({"version":2,"tables":[]})", ErrorCode::kNotSupported, "$",
                    "cannot import metadata without sources since no default source is defined"},
        BadDocument{R"({"tables":[]})", ErrorCode::kNotSupported, "$",
                    "cannot import metadata without sources since no default source is defined"},
        BadDocument{R"({"version":3,"sources":{}})", ErrorCode::kParseFailed, "$.sources",
                    "parsing sources failed, expected Array, but encountered Object"},
        BadDocument{R"({"version":3,"sources":[7]})", ErrorCode::kParseFailed, "$.sources[0]",
                    "parsing source failed, expected Object, but encountered Number"},
        BadDocument{R"({"version":3,"sources":[{"kind":"postgres"}]})", ErrorCode::kParseFailed,
                    "$.sources[0]", R"(key "name" not found)"},
        BadDocument{R"({"version":3,"sources":[{"name":"a","kind":1}]})", ErrorCode::kParseFailed,
                    "$.sources[0].kind",
                    "parsing Text failed, expected String, but encountered Number"},
        BadDocument{R"({"version":3,"sources":[{"name":"a"},{"name":"a"}]})",
                    ErrorCode::kParseFailed, "$.sources[1].name",
                    "multiple definitions for source a"},
        BadDocument{R"({"version":3,"sources":[],"custom_types":[]})", ErrorCode::kParseFailed,
                    "$.custom_types",
                    "parsing custom_types failed, expected Object, but encountered Array"},
        BadDocument{R"({"version":3,"sources":[],"inherited_roles":[{"role_set":[]}]})",
                    ErrorCode::kParseFailed, "$.inherited_roles[0]",
                    R"(key "role_name" not found)"}));

TEST(MetadataTest, EqualityComparesDocumentAndResourceVersion) {
  Metadata a;
  Metadata b;
  EXPECT_EQ(a, b);
  b.set_resource_version(7);
  EXPECT_FALSE(a == b);
}

}  // namespace
}  // namespace junction::metadata
