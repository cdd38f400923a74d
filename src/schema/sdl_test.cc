// The whole admin schema of a two-table database, printed as SDL and compared with the golden
// testdata/author_article.graphql. The golden was checked line by line against the schema
// Hasura v2 prints for the same tables (an author/article example in hasura/graphql-engine:
// types, fields, arguments and enum values sorted by name, Hasura's descriptions), less what
// Junction does not generate yet (the aggregation predicates `<rel>_aggregate:
// <t>_aggregate_bool_exp`, subscription_root and the `_stream` types), in graphql-js `print`
// layout (printSchema would add a blank line before each described field).

#include <algorithm>
#include <fstream>
#include <sstream>
#include <string>

#include <gtest/gtest.h>

#include "graphql/printer.h"
#include "schema/build_role_schema.h"
#include "schema/resolve.h"
#include "schema/test_catalog.h"

namespace junction::schema {
namespace {

using testing::Col;

graphql::Value BlockString(const std::string& text) {
  graphql::Value value;
  value.kind = graphql::Value::Kind::kString;
  value.text = text;
  value.block = true;
  return value;
}

std::optional<graphql::Value> Description(const std::string& text) {
  if (text.empty()) return std::nullopt;
  return BlockString(text);
}

std::vector<graphql::InputValueDefinition> InputsOf(
    const std::vector<graphql::InputValueDef>& inputs) {
  std::vector<graphql::InputValueDefinition> out;
  for (const graphql::InputValueDef& input : inputs) {
    graphql::InputValueDefinition definition;
    definition.description = Description(input.description);
    definition.name = input.name;
    definition.type = input.type;
    out.push_back(std::move(definition));
  }
  return out;
}

graphql::TypeDefinition DefinitionOf(const graphql::TypeDef& type) {
  graphql::TypeDefinition definition;
  definition.kind = static_cast<graphql::TypeDefinition::Kind>(type.kind);
  definition.description = Description(type.description);
  definition.name = type.name;
  for (const graphql::FieldDef& field : type.fields) {
    graphql::FieldDefinition out;
    out.description = Description(field.description);
    out.name = field.name;
    out.arguments = InputsOf(field.arguments);
    out.type = field.type;
    definition.fields.push_back(std::move(out));
  }
  for (const graphql::EnumValueDef& value : type.enum_values) {
    definition.enum_values.push_back({Description(value.description), value.name, {}, {}});
  }
  definition.input_fields = InputsOf(type.input_fields);
  return definition;
}

// The schema as SDL: `schema { query: … }`, then every type that is neither built in nor an
// introspection type, in the schema's order.
std::string PrintSdl(const graphql::Schema& schema) {
  graphql::Document document;
  graphql::SchemaDefinition root;
  root.operation_types.push_back(
      {graphql::OperationType::kQuery, schema.query_type()->name, {}, {}});
  document.definitions.push_back(root);
  for (const graphql::TypeDef& type : schema.types()) {
    if (type.name.starts_with("__")) continue;
    if (type.name == "Int" || type.name == "Float" || type.name == "String" ||
        type.name == "Boolean" || type.name == "ID") {
      continue;
    }
    document.definitions.push_back(DefinitionOf(type));
  }
  return graphql::Print(document);
}

metadata::Catalogs AuthorArticleCatalogs() {
  metadata::Catalog catalog;
  metadata::CatalogTable author;
  author.name = {"public", "author"};
  author.columns = {Col("id", "int4", false), Col("name", "text", false), Col("age", "numeric")};
  author.primary_key = {"id"};
  catalog.tables[author.name] = author;
  metadata::CatalogTable article;
  article.name = {"public", "article"};
  article.columns = {Col("id", "int4", false), Col("title", "text", false),
                     Col("author_id", "int4", false), Col("publishDate", "date")};
  article.primary_key = {"id"};
  article.foreign_keys = {{"article_author_id_fkey", {"public", "author"}, {{"author_id", "id"}}}};
  catalog.tables[article.name] = article;
  metadata::Catalogs catalogs;
  catalogs.emplace("default", catalog);
  return catalogs;
}

std::string ReadGolden(const std::string& name) {
  const std::string path = std::string(JUNCTION_SOURCE_DIR) + "/src/schema/testdata/" + name;
  std::ifstream file(path, std::ios::binary);
  if (!file) ADD_FAILURE() << "missing golden " << path;
  std::ostringstream text;
  text << file.rdbuf();
  return text.str();
}

TEST(SdlTest, AuthorArticleSchemaMatchesHasurasPrintedSchema) {
  Resolved resolved = ResolveSources(
      testing::DefaultSource(
          R"([{"table":"author","array_relationships":[{"name":"articles","using":)"
          R"({"foreign_key_constraint_on":{"table":"article","column":"author_id"}}}]},)"
          R"({"table":"article","object_relationships":[{"name":"author","using":)"
          R"({"foreign_key_constraint_on":"author_id"}}]}])"),
      AuthorArticleCatalogs());
  ASSERT_TRUE(resolved.inconsistent_objects.empty());
  Result<std::shared_ptr<const RoleSchema>> role = BuildRoleSchema(resolved.model);
  ASSERT_TRUE(role) << role.error().message;
  EXPECT_EQ(PrintSdl(*(*role)->schema), ReadGolden("author_article.graphql"));

  std::vector<std::string> names;
  for (const graphql::TypeDef& type : (*role)->schema->types()) {
    if (!type.name.starts_with("__")) names.push_back(type.name);
  }
  EXPECT_TRUE(std::ranges::is_sorted(names)) << "Hasura lists types sorted by name";
  EXPECT_EQ(std::vector<std::string>(names.begin(), names.begin() + 6),
            (std::vector<std::string>{"Boolean", "Float", "Int", "Int_comparison_exp", "String",
                                      "String_comparison_exp"}));
}

}  // namespace
}  // namespace junction::schema
