#include "schema/remote_schema_types.h"

#include <utility>

#include "graphql/builtins.h"

namespace junction::schema {
namespace {

bool IsRootType(const graphql::Schema& remote, const graphql::TypeDef& type) {
  return &type == remote.query_type() || &type == remote.mutation_type() ||
         &type == remote.subscription_type();
}

std::vector<graphql::InputValueDef> RenamedInputs(const RemoteSchema& schema,
                                                  std::vector<graphql::InputValueDef> inputs) {
  for (graphql::InputValueDef& input : inputs) input.type = RenamedType(schema, input.type);
  return inputs;
}

graphql::FieldDef RenamedField(const RemoteSchema& schema, const graphql::TypeDef& parent,
                               graphql::FieldDef field) {
  field.name = schema.names.Field(parent.name, field.name);
  field.type = RenamedType(schema, std::move(field.type));
  field.arguments = RenamedInputs(schema, std::move(field.arguments));
  return field;
}

}  // namespace

graphql::TypeRef RenamedType(const RemoteSchema& schema, graphql::TypeRef type) {
  type.name = schema.names.Type(type.name);
  return type;
}

std::vector<graphql::TypeDef> RemoteSchemaTypes(const RemoteSchema& schema) {
  const graphql::Schema& remote = *schema.remote;
  const bool namespaced = !schema.definition.customization.root_fields_namespace.empty();
  std::vector<graphql::TypeDef> types;
  for (const graphql::TypeDef& type : remote.types()) {
    if (graphql::IsBuiltinScalarName(type.name) || graphql::IsIntrospectionTypeName(type.name)) {
      continue;
    }
    if (&type == remote.subscription_type()) continue;  // no subscriptions yet
    if (IsRootType(remote, type) && !namespaced) continue;
    graphql::TypeDef copy = type;
    copy.name = schema.names.Type(type.name);
    copy.fields.clear();
    for (const graphql::FieldDef& field : type.fields) {
      copy.fields.push_back(RenamedField(schema, type, field));
    }
    for (std::string& name : copy.interfaces) name = schema.names.Type(name);
    for (std::string& name : copy.union_members) name = schema.names.Type(name);
    copy.input_fields = RenamedInputs(schema, std::move(copy.input_fields));
    types.push_back(std::move(copy));
  }
  return types;
}

std::vector<RemoteRootFieldDef> RemoteRootFields(const RemoteSchema& schema,
                                                 graphql::OperationType operation) {
  const graphql::TypeDef* root = schema.remote->RootType(operation);
  if (root == nullptr || operation == graphql::OperationType::kSubscription) return {};
  const std::string& ns = schema.definition.customization.root_fields_namespace;
  if (!ns.empty()) {
    graphql::FieldDef field;
    field.name = ns;
    field.type.name = schema.names.Type(root->name);
    field.type.wrappers = {graphql::TypeRef::Wrapper::kNonNull};
    return {{std::move(field), ""}};
  }
  std::vector<RemoteRootFieldDef> fields;
  for (const graphql::FieldDef& field : root->fields) {
    fields.push_back({RenamedField(schema, *root, field), field.name});
  }
  return fields;
}

}  // namespace junction::schema
