#include "schema/build_role_schema.h"

#include <algorithm>
#include <deque>
#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "graphql/type_builders.h"
#include "schema/remote_schema_types.h"
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
  // A remote schema's interfaces and unions.
  for (const std::string& name : type.interfaces) names.push_back(name);
  for (const std::string& name : type.union_members) names.push_back(name);
  return names;
}

// The types of `all` reachable from the roots, with the built-in scalars they use, sorted by
// name.
std::vector<TypeDef> Reachable(std::map<std::string, TypeDef> all,
                               const graphql::RootTypes& roots) {
  std::set<std::string> seen;
  std::deque<std::string> pending;
  for (const std::string& root : {roots.query, roots.mutation}) {
    if (!root.empty() && seen.insert(root).second) pending.push_back(root);
  }
  while (!pending.empty()) {
    const auto it = all.find(pending.front());
    pending.pop_front();
    if (it == all.end()) continue;  // a built-in scalar
    for (std::string& name : ReferencedTypes(it->second)) {
      if (seen.insert(name).second) pending.push_back(std::move(name));
    }
    // A remote schema's interface brings the types that implement it: fragments on them are
    // valid wherever the interface is.
    if (it->second.kind != graphql::TypeKind::kInterface) continue;
    for (const auto& [name, type] : all) {
      if (std::ranges::find(type.interfaces, it->first) != type.interfaces.end() &&
          seen.insert(name).second) {
        pending.push_back(name);
      }
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

// The remote schemas' types, with the relationship fields of their object types, and their root
// fields on the query and mutation roots.
// Their members keep the remote's order (`remote_types` collects their names): the order the
// service gave them is part of its API (an enum's values), and Hasura keeps it.
void AddRemoteSchemas(const SourceModel& model, RoleSchema& role,
                      std::map<std::string, TypeDef>& types, TypeDef& query_root,
                      TypeDef& mutation_root, std::set<std::string>& remote_types) {
  for (const auto& [name, schema] : model.remote_schemas) {
    for (TypeDef& type : RemoteSchemaTypes(schema)) {
      remote_types.insert(type.name);
      const auto relationships = schema.relationships.find(schema.names.RemoteType(type.name));
      if (relationships != schema.relationships.end()) {
        for (const Relationship& relationship : relationships->second.to_source) {
          AddRelationshipFields(relationship, type.fields);
        }
        for (const RemoteSchemaRelationship& relationship :
             relationships->second.to_remote_schema) {
          type.fields.push_back(RemoteSchemaRelationshipField(relationship));
          for (const TypeDef& clone : relationship.cloned_types) types.emplace(clone.name, clone);
        }
      }
      types.emplace(type.name, std::move(type));
    }
    for (RemoteRootFieldDef& field : RemoteRootFields(schema, graphql::OperationType::kQuery)) {
      role.query_fields.emplace(field.field.name, RemoteRootField{&schema, field.remote_field});
      query_root.fields.push_back(std::move(field.field));
    }
    for (RemoteRootFieldDef& field : RemoteRootFields(schema, graphql::OperationType::kMutation)) {
      role.mutation_fields.emplace(field.field.name, RemoteRootField{&schema, field.remote_field});
      mutation_root.fields.push_back(std::move(field.field));
    }
  }
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
  TypeDef mutation_root = graphql::ObjectTypeDef(std::string(kMutationRootName), "", {});
  std::set<std::string> remote_types;
  AddRemoteSchemas(*model, *role, types, query_root, mutation_root, remote_types);
  if (query_root.fields.empty()) return BuildEmptyRoleSchema();
  types.emplace(query_root.name, std::move(query_root));
  graphql::RootTypes roots;
  roots.query = std::string(kQueryRootName);
  if (!mutation_root.fields.empty()) {
    roots.mutation = mutation_root.name;
    types.emplace(mutation_root.name, std::move(mutation_root));
  }

  std::vector<TypeDef> reachable = Reachable(std::move(types), roots);
  for (TypeDef& type : reachable) {
    if (!remote_types.contains(type.name)) SortMembers(type);
  }
  Result<std::shared_ptr<const graphql::Schema>> schema =
      graphql::Schema::Make(std::move(reachable), std::move(roots));
  if (!schema) return schema.error();
  role->schema = std::move(schema).value();
  role->model = std::move(model);
  return std::shared_ptr<const RoleSchema>(std::move(role));
}

}  // namespace junction::schema
