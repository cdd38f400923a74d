#include "schema/remote_schema_model.h"

#include <set>
#include <utility>

#include "graphql/builtins.h"
#include "graphql/lexer.h"

namespace junction::schema {
namespace {

// Types no customization renames: the built-in scalars and the introspection types.
bool KeepsName(std::string_view type) {
  return graphql::IsBuiltinScalarName(type) || graphql::IsIntrospectionTypeName(type);
}

template <typename Map>
std::string Renamed(const Map& renames, std::string_view name, std::string_view prefix,
                    std::string_view suffix) {
  const auto it = renames.find(name);
  if (it != renames.end()) return it->second;
  return std::string(prefix) + std::string(name) + std::string(suffix);
}

Error Invalid(std::string message) {
  return Error(
      ErrorCode::kInvalidConfiguration,
      "Inconsistent object: Remote schema customization inconsistency: " + std::move(message));
}

}  // namespace

Result<RemoteNames> RemoteNames::Make(const graphql::Schema& remote,
                                      const metadata::RemoteSchemaCustomization& customization) {
  RemoteNames names;
  const metadata::TypeNameCustomization& types = customization.type_names;
  std::set<std::string> taken;
  for (const graphql::TypeDef& type : remote.types()) {
    if (KeepsName(type.name)) continue;
    std::string ours = Renamed(types.mapping, type.name, types.prefix, types.suffix);
    if (!graphql::IsName(ours)) {
      return Invalid("type name \"" + ours + "\" is not a valid GraphQL name");
    }
    if (KeepsName(ours) || !taken.insert(ours).second) {
      return Invalid("type name \"" + ours + "\" is given to more than one type");
    }
    if (ours == type.name) continue;
    names.types_.emplace(type.name, ours);
    names.remote_types_.emplace(std::move(ours), type.name);
  }
  for (const metadata::FieldNameCustomization& rule : customization.field_names) {
    const graphql::TypeDef* type = remote.FindType(rule.parent_type);
    if (type == nullptr ||
        (type->kind != graphql::TypeKind::kObject && type->kind != graphql::TypeKind::kInterface)) {
      return Invalid("field name customization for \"" + rule.parent_type +
                     "\": there is no object or interface type of that name");
    }
    std::set<std::string> fields;
    for (const graphql::FieldDef& field : type->fields) {
      std::string ours = Renamed(rule.mapping, field.name, rule.prefix, rule.suffix);
      if (!graphql::IsName(ours) || ours.starts_with("__")) {
        return Invalid("field name \"" + ours + "\" of \"" + type->name +
                       "\" is not a valid GraphQL name");
      }
      if (!fields.insert(ours).second) {
        return Invalid("field name \"" + ours + "\" is given to more than one field of \"" +
                       type->name + "\"");
      }
      if (ours == field.name) continue;
      names.fields_.emplace(std::pair(type->name, field.name), ours);
      names.remote_fields_.emplace(std::pair(type->name, std::move(ours)), field.name);
    }
  }
  // A field of an interface must read the same in every type implementing it.
  for (const graphql::TypeDef& type : remote.types()) {
    for (const std::string& name : type.interfaces) {
      const graphql::TypeDef* interface = remote.FindType(name);
      if (interface == nullptr) continue;
      for (const graphql::FieldDef& field : interface->fields) {
        if (names.Field(name, field.name) == names.Field(type.name, field.name)) continue;
        return Invalid("field name mapping for field \"" + field.name + "\" of interface \"" +
                       name + "\" is inconsistent with mapping for type \"" + type.name + "\"");
      }
    }
  }
  return names;
}

std::string RemoteNames::Type(std::string_view remote) const {
  const auto it = types_.find(remote);
  return it == types_.end() ? std::string(remote) : it->second;
}

std::string RemoteNames::RemoteType(std::string_view ours) const {
  const auto it = remote_types_.find(ours);
  return it == remote_types_.end() ? std::string(ours) : it->second;
}

std::string RemoteNames::Field(std::string_view remote_type, std::string_view remote) const {
  const auto it = fields_.find(std::pair(std::string(remote_type), std::string(remote)));
  return it == fields_.end() ? std::string(remote) : it->second;
}

std::string RemoteNames::RemoteField(std::string_view remote_type, std::string_view ours) const {
  const auto it = remote_fields_.find(std::pair(std::string(remote_type), std::string(ours)));
  return it == remote_fields_.end() ? std::string(ours) : it->second;
}

}  // namespace junction::schema
