// drop_inconsistent_metadata with the inconsistent objects ResolveSources finds: a missing table
// or a broken relationship is removed by itself, not with the source that holds it.

#include <gtest/gtest.h>

#include "metadata/commands.h"
#include "schema/inconsistencies.h"
#include "schema/test_catalog.h"

namespace junction::schema {
namespace {

TEST(DropInconsistentTest, DropsNestedTablesAndRelationshipsOnly) {
  const metadata::Catalogs catalogs = testing::ShopCatalogs();
  metadata::CommandContext context;
  context.find_inconsistent_objects = [&](const metadata::Metadata& metadata) {
    return FindInconsistentObjects(metadata, catalogs);
  };
  metadata::Metadata current = testing::DefaultSource(
      R"([{"table":"gone"},)"
      R"({"table":"orders","object_relationships":[{"name":"broken","using":)"
      R"({"foreign_key_constraint_on":"total"}},{"name":"user","using":)"
      R"({"foreign_key_constraint_on":"user_id"}}]},)"
      R"({"table":"users"},{"table":"missing"}])");
  ASSERT_EQ(FindInconsistentObjects(current, catalogs).size(), 3u);

  Result<metadata::Json> body =
      metadata::ParseJsonText(R"({"type":"drop_inconsistent_metadata","args":{}})");
  ASSERT_TRUE(body);
  Result<metadata::MetadataResponse> response =
      metadata::RunMetadataRequest(current, *body, context);
  ASSERT_TRUE(response) << response.error().message;
  EXPECT_EQ(metadata::DumpJson(response->metadata.sources()),
            R"([{"name":"default","kind":"postgres","tables":[)"
            R"({"table":"orders","object_relationships":[{"name":"user","using":)"
            R"({"foreign_key_constraint_on":"user_id"}}]},{"table":"users"}],)"
            R"("configuration":{}}])");
  EXPECT_TRUE(FindInconsistentObjects(response->metadata, catalogs).empty());
}

}  // namespace
}  // namespace junction::schema
