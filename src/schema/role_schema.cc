#include "schema/role_schema.h"

#include <utility>
#include <vector>

namespace junction::schema {

const RootField* RoleSchema::FindRootField(graphql::OperationType operation,
                                           std::string_view name) const {
  const std::map<std::string, RootField, std::less<>>* fields = &query_fields;
  if (operation == graphql::OperationType::kMutation) fields = &mutation_fields;
  if (operation == graphql::OperationType::kSubscription) fields = &subscription_fields;
  const auto it = fields->find(name);
  return it == fields->end() ? nullptr : &it->second;
}

Result<std::shared_ptr<const RoleSchema>> BuildEmptyRoleSchema() {
  graphql::FieldDef placeholder;
  placeholder.name = std::string(kNoQueriesAvailable);
  placeholder.description = std::string(kNoQueriesAvailableText);
  placeholder.type.name = "String";
  placeholder.type.wrappers = {graphql::TypeRef::Wrapper::kNonNull};

  graphql::TypeDef query_root;
  query_root.kind = graphql::TypeKind::kObject;
  query_root.name = std::string(kQueryRootName);
  query_root.fields.push_back(std::move(placeholder));

  std::vector<graphql::TypeDef> types;
  types.push_back(std::move(query_root));
  graphql::RootTypes roots;
  roots.query = std::string(kQueryRootName);
  Result<std::shared_ptr<const graphql::Schema>> schema =
      graphql::Schema::Make(std::move(types), std::move(roots));
  if (!schema) return schema.error();

  auto role_schema = std::make_shared<RoleSchema>();
  role_schema->schema = std::move(schema).value();
  role_schema->query_fields.emplace(std::string(kNoQueriesAvailable),
                                    PlaceholderField{std::string(kNoQueriesAvailableText)});
  return std::shared_ptr<const RoleSchema>(std::move(role_schema));
}

}  // namespace junction::schema
