// FindUnintrospectedRemoteSchemas: a remote schema the engine could not introspect (its catalog an
// Error) or has not introspected yet is an inconsistent object in Hasura's shape; one with a
// catalog is left to the resolution of remote schemas.

#include "schema/inconsistencies.h"

#include <gtest/gtest.h>

#include "metadata/json_text.h"

namespace junction::schema {
namespace {

using metadata::Json;

TEST(FindUnintrospectedRemoteSchemasTest, ErrorsAndMissingCatalogsAreInconsistent) {
  Result<metadata::Metadata> metadata = metadata::Metadata::FromJson(Json::parse(
      R"({"version":3,"sources":[],"remote_schemas":[
        {"name":"down","definition":{"url":"http://down/graphql"},"comment":"c"},
        {"name":"fine","definition":{"url":"http://fine/graphql"}},
        {"name":"new","definition":{"url":"http://new/graphql"}}]})"));
  ASSERT_TRUE(metadata) << metadata.error().message;
  metadata::RemoteSchemaCatalogs catalogs;
  catalogs.emplace("down", Error(ErrorCode::kRemoteSchemaError,
                                 "HTTP exception occurred while sending the request to "
                                 "\"http://down/graphql\""));
  catalogs.emplace("fine", metadata::RemoteSchemaCatalog{Json::object(), nullptr});

  const std::vector<metadata::InconsistentObject> objects =
      FindUnintrospectedRemoteSchemas(*metadata, catalogs);
  ASSERT_EQ(objects.size(), 2u);
  EXPECT_EQ(metadata::DumpJson(metadata::ToJson(objects[0])),
            R"({"definition":{"comment":"c","definition":{"url":"http://down/graphql"},)"
            R"("name":"down","permissions":[],"remote_relationships":[]},)"
            R"("name":"remote_schema down","reason":"Inconsistent object: HTTP exception )"
            R"(occurred while sending the request to \"http://down/graphql\"",)"
            R"("type":"remote_schema"})");
  EXPECT_EQ(objects[0].section, "remote_schemas");
  EXPECT_EQ(objects[0].index, 0u);
  EXPECT_EQ(objects[1].name, "remote_schema new");
  EXPECT_EQ(objects[1].reason, "Inconsistent object: remote schema new has not been introspected");
  EXPECT_EQ(objects[1].index, 2u);
}

TEST(FindUnintrospectedRemoteSchemasTest, NoRemoteSchemasNoObjects) {
  EXPECT_TRUE(FindUnintrospectedRemoteSchemas(metadata::Metadata(), {}).empty());
}

}  // namespace
}  // namespace junction::schema
