// drop_inconsistent_metadata with the inconsistent objects ResolveSources finds: a missing table
// or a broken (remote) relationship is removed by itself, not with the source that holds it.

#include <gtest/gtest.h>

#include "metadata/commands.h"
#include "schema/inconsistencies.h"
#include "schema/test_catalog.h"

namespace junction::schema {
namespace {

// `current` after drop_inconsistent_metadata, with the inconsistencies `catalogs` give.
metadata::Metadata DropInconsistent(const metadata::Metadata& current,
                                    const metadata::Catalogs& catalogs) {
  metadata::CommandContext context;
  context.find_inconsistent_objects = [&](const metadata::Metadata& metadata) {
    return FindInconsistentObjects(metadata, catalogs);
  };
  Result<metadata::Json> body =
      metadata::ParseJsonText(R"({"type":"drop_inconsistent_metadata","args":{}})");
  EXPECT_TRUE(body);
  Result<metadata::MetadataResponse> response =
      metadata::RunMetadataRequest(current, *body, context);
  EXPECT_TRUE(response) << response.error().message;
  return response ? response->metadata : current;
}

TEST(DropInconsistentTest, DropsNestedTablesAndRelationshipsOnly) {
  const metadata::Catalogs catalogs = testing::ShopCatalogs();
  metadata::Metadata current = testing::DefaultSource(
      R"([{"table":"gone"},)"
      R"({"table":"orders","object_relationships":[{"name":"broken","using":)"
      R"({"foreign_key_constraint_on":"total"}},{"name":"user","using":)"
      R"({"foreign_key_constraint_on":"user_id"}}]},)"
      R"({"table":"users"},{"table":"missing"}])");
  ASSERT_EQ(FindInconsistentObjects(current, catalogs).size(), 3u);

  const metadata::Metadata dropped = DropInconsistent(current, catalogs);
  EXPECT_EQ(metadata::DumpJson(dropped.sources()),
            R"([{"name":"default","kind":"postgres","tables":[)"
            R"({"table":"orders","object_relationships":[{"name":"user","using":)"
            R"({"foreign_key_constraint_on":"user_id"}}]},{"table":"users"}],)"
            R"("configuration":{}}])");
  EXPECT_TRUE(FindInconsistentObjects(dropped, catalogs).empty());
}

TEST(DropInconsistentTest, DropsBrokenRemoteRelationshipsOnly) {
  const metadata::Catalogs catalogs = testing::ShopCatalogs();
  metadata::Metadata current = testing::DefaultSource(
      R"([{"table":"orders","remote_relationships":[)"
      R"({"name":"broken","definition":{"to_source":{"source":"nowhere","table":"users",)"
      R"("relationship_type":"object","field_mapping":{"user_id":"id"}}}},)"
      R"({"name":"buyer","definition":{"to_source":{"source":"default","table":"users",)"
      R"("relationship_type":"object","field_mapping":{"user_id":"id"}}}}]},)"
      R"({"table":"users"}])");
  ASSERT_EQ(FindInconsistentObjects(current, catalogs).size(), 1u);

  const metadata::Metadata dropped = DropInconsistent(current, catalogs);
  EXPECT_EQ(metadata::DumpJson(dropped.sources()),
            R"([{"name":"default","kind":"postgres","tables":[)"
            R"({"table":"orders","remote_relationships":[)"
            R"({"name":"buyer","definition":{"to_source":{"source":"default","table":"users",)"
            R"("relationship_type":"object","field_mapping":{"user_id":"id"}}}}]},)"
            R"({"table":"users"}],"configuration":{}}])");
  EXPECT_TRUE(FindInconsistentObjects(dropped, catalogs).empty());
}

// A table whose only (remote) relationship is dropped keeps no empty list, as export writes it.
TEST(DropInconsistentTest, LeavesNoEmptyRelationshipList) {
  const metadata::Catalogs catalogs = testing::ShopCatalogs();
  metadata::Metadata current = testing::DefaultSource(
      R"([{"table":"orders","remote_relationships":[)"
      R"({"name":"broken","definition":{"to_source":{"source":"nowhere","table":"users",)"
      R"("relationship_type":"object","field_mapping":{"user_id":"id"}}}}]},)"
      R"({"table":"users","object_relationships":[{"name":"broken","using":)"
      R"({"foreign_key_constraint_on":"name"}}]}])");
  ASSERT_EQ(FindInconsistentObjects(current, catalogs).size(), 2u);
  const metadata::Metadata dropped = DropInconsistent(current, catalogs);
  EXPECT_EQ(metadata::DumpJson(dropped.sources()),
            R"([{"name":"default","kind":"postgres","tables":[{"table":"orders"},)"
            R"({"table":"users"}],"configuration":{}}])");
}

}  // namespace
}  // namespace junction::schema
