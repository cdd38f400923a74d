#include "schema/build_role_schema.h"

#include <algorithm>
#include <deque>
#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "graphql/type_builders.h"
#include "schema/table_schema.h"

namespace junction::schema {
namespace {

using graphql::FieldDef;
using graphql::TypeDef;

// The names of the types `type` refers to.
std::vector<std::string> ReferencedTypes(const TypeDef& type) {
  std::vector<std::string> names;
  for (const FieldDef& field : type.fields) {
    names.push_back(field.type.name);
    for (const auto& argument : field.arguments) names.push_back(argument.type.name);
  }
  for (const auto& input : type.input_fields) names.push_back(input.type.name);
  return names;
}

// The types of `all` reachable from `root`, with the built-in scalars they use, sorted by name.
std::vector<TypeDef> Reachable(std::map<std::string, TypeDef> all, const std::string& root) {
  std::set<std::string> seen = {root};
  std::deque<std::string> pending = {root};
  while (!pending.empty()) {
    const auto it = all.find(pending.front());
    pending.pop_front();
    if (it == all.end()) continue;  // a built-in scalar
    for (std::string& name : ReferencedTypes(it->second)) {
      if (seen.insert(name).second) pending.push_back(std::move(name));
    }
  }
  // The built-in scalars in use are listed too (Schema::Make takes them for the built-ins), so
  // that they sort among the others as in Hasura's schema.
  for (const char* scalar : {"Boolean", "Float", "ID", "Int", "String"}) {
    if (!seen.contains(scalar)) continue;
    all.emplace(scalar, graphql::ScalarTypeDef(scalar));
  }
  std::vector<TypeDef> types;
  for (auto& [name, type] : all) {
    if (seen.contains(name)) types.push_back(std::move(type));
  }
  return types;
}

template <typename T>
void SortByName(std::vector<T>& items) {
  std::ranges::stable_sort(items, {},
                           [](const T& item) -> const std::string& { return item.name; });
}

// Hasura's introspection order: everything sorted by name.
void SortMembers(TypeDef& type) {
  SortByName(type.fields);
  for (FieldDef& field : type.fields) SortByName(field.arguments);
  SortByName(type.input_fields);
  SortByName(type.enum_values);
}

TableRootField::Kind KindOf(const Table& table, const std::string& field) {
  if (field == table.root_fields.select) return TableRootField::Kind::kSelect;
  if (field == table.root_fields.select_by_pk) return TableRootField::Kind::kSelectByPk;
  return TableRootField::Kind::kSelectAggregate;
}

}  // namespace

Result<std::shared_ptr<const RoleSchema>> BuildRoleSchema(
    std::shared_ptr<const SourceModel> model) {
  auto role = std::make_shared<RoleSchema>();
  std::map<std::string, TypeDef> types;
  TypeDef query_root = graphql::ObjectTypeDef(std::string(kQueryRootName), "", {});
  for (const auto& [source_name, source] : model->sources) {
    for (const auto& [name, table] : source.tables) {
      if (table.permission != nullptr &&
          (table.permission->uses_session || table.permission->uses_remote)) {
        role->session_dependent = true;
      }
      for (FieldDef& field : TableQueryFields(table)) {
        role->query_fields.emplace(field.name, TableRootField{&table, KindOf(table, field.name)});
        query_root.fields.push_back(std::move(field));
      }
      for (TypeDef& type : TableTypes(table)) types.emplace(type.name, std::move(type));
    }
  }
  if (query_root.fields.empty()) return BuildEmptyRoleSchema();
  types.emplace(query_root.name, std::move(query_root));

  std::vector<TypeDef> reachable = Reachable(std::move(types), std::string(kQueryRootName));
  for (TypeDef& type : reachable) SortMembers(type);
  graphql::RootTypes roots;
  roots.query = std::string(kQueryRootName);
  Result<std::shared_ptr<const graphql::Schema>> schema =
      graphql::Schema::Make(std::move(reachable), std::move(roots));
  if (!schema) return schema.error();
  role->schema = std::move(schema).value();
  role->model = std::move(model);
  return std::shared_ptr<const RoleSchema>(std::move(role));
}

}  // namespace junction::schema
