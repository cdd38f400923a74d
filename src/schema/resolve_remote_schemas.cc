// Resolves the remote schemas of the metadata (resolve_internal.h): each remote schema whose
// service answered its introspection becomes a RemoteSchema of the model, unless its
// customization is broken or its names clash with what the tables (or an earlier remote schema)
// already claim — then it is an inconsistent object, as in Hasura:
//
//   root field taken   `Inconsistent object: Conflicting root fields: the field "users" of
//                      query_root is already defined`
//   type taken         `Inconsistent object: Conflicting types: Found conflicting definitions for
//                      GraphQL type 'User'.` (types of the same name and the same structure in two
//                      remote schemas are merged, as Hasura merges them; a remote scalar may share
//                      a name with a scalar the tables use)
//
// and the relationships to remote schemas (`to_remote_schema`, and the legacy inline form) —
// from tables and from remote schemas' types — with the validation REMOTE_JOINS.md §1.2 lists.
// Relationships on remote schemas' types (`to_source` and `to_remote_schema`) are resolved here
// too, once every table and remote schema is known.

#include <algorithm>
#include <functional>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "graphql/builtins.h"
#include "graphql/lexer.h"
#include "metadata/remote_schema_commands.h"
#include "metadata/source_metadata.h"
#include "schema/remote_schema_types.h"
#include "schema/resolve_internal.h"
#include "schema/table_schema.h"

namespace junction::schema {
namespace {

using graphql::TypeDef;
using graphql::TypeKind;
using graphql::TypeRef;
using metadata::InconsistentObject;
using metadata::Json;

Error RemoteSchemaError(std::string message) {
  return Error(ErrorCode::kRemoteSchemaError, std::move(message));
}

// ---- names claimed ----------------------------------------------------------------------------

struct Claims {
  std::set<std::string> root_fields[2];            // query, mutation
  std::set<std::string, std::less<>> table_types;  // types the tables define
  std::set<std::string, std::less<>> shared_scalars;
  std::map<std::string, TypeDef, std::less<>> remote_types;  // merged so far
};

bool SameInputs(const std::vector<graphql::InputValueDef>& a,
                const std::vector<graphql::InputValueDef>& b) {
  return std::ranges::equal(
      a, b, [](const auto& x, const auto& y) { return x.name == y.name && x.type == y.type; });
}

// Same name, kind and structure (descriptions aside): two remote schemas may both define it.
bool SameStructure(const TypeDef& a, const TypeDef& b) {
  if (a.kind != b.kind || a.interfaces != b.interfaces || a.union_members != b.union_members ||
      !SameInputs(a.input_fields, b.input_fields)) {
    return false;
  }
  const auto same_field = [](const graphql::FieldDef& x, const graphql::FieldDef& y) {
    return x.name == y.name && x.type == y.type && SameInputs(x.arguments, y.arguments);
  };
  const auto same_value = [](const auto& x, const auto& y) { return x.name == y.name; };
  return std::ranges::equal(a.fields, b.fields, same_field) &&
         std::ranges::equal(a.enum_values, b.enum_values, same_value);
}

Claims TableClaims(const SourceModel& model) {
  Claims claims;
  for (const std::string& name : FixedTypeNames()) claims.table_types.insert(name);
  for (const auto& [source_name, source] : model.sources) {
    for (const auto& [name, table] : source.tables) {
      for (std::string& field : RootFieldNamesOf(table)) {
        claims.root_fields[0].insert(std::move(field));
      }
      for (std::string& type : TableTypeNames(table)) claims.table_types.insert(std::move(type));
      for (std::string& type : ColumnTypeNames(table)) {
        claims.shared_scalars.insert(type);
        claims.table_types.insert(std::move(type));
      }
    }
  }
  return claims;
}

// Why `schema`'s names cannot join the engine's schema, or nothing; claims them when they can.
std::optional<std::string> Claim(const RemoteSchema& schema, const std::vector<TypeDef>& types,
                                 Claims& claims) {
  std::vector<std::string> fields[2];
  for (int i = 0; i < 2; ++i) {
    const auto operation =
        i == 0 ? graphql::OperationType::kQuery : graphql::OperationType::kMutation;
    for (RemoteRootFieldDef& field : RemoteRootFields(schema, operation)) {
      if (claims.root_fields[i].contains(field.field.name)) {
        return "Conflicting root fields: the field \"" + field.field.name + "\" of " +
               (i == 0 ? "query_root" : "mutation_root") + " is already defined";
      }
      fields[i].push_back(std::move(field.field.name));
    }
  }
  for (const TypeDef& type : types) {
    const bool shared_scalar =
        type.kind == TypeKind::kScalar && claims.shared_scalars.contains(type.name);
    const auto merged = claims.remote_types.find(type.name);
    const bool clash =
        (claims.table_types.contains(type.name) && !shared_scalar) ||
        (merged != claims.remote_types.end() && !SameStructure(merged->second, type));
    if (clash) {
      return "Conflicting types: Found conflicting definitions for GraphQL type '" + type.name +
             "'.";
    }
  }
  for (int i = 0; i < 2; ++i) {
    for (std::string& field : fields[i]) claims.root_fields[i].insert(std::move(field));
  }
  for (const TypeDef& type : types) claims.remote_types.emplace(type.name, type);
  return std::nullopt;
}

InconsistentObject RemoteSchemaInconsistency(const Json& entry, size_t index, std::string name,
                                             std::string reason) {
  return {"remote_schema",
          metadata::RemoteSchemaObjectName(name),
          std::string(kInconsistentPrefix) + reason,
          metadata::RemoteSchemaObjectDefinition(entry),
          "remote_schemas",
          index};
}

// ---- to_remote_schema ------------------------------------------------------------------------

const TypeDef* NamedType(const graphql::Schema& schema, const TypeRef& type) {
  return schema.FindType(type.name);
}

// Checks a template value against the remote argument type `type`.
Status CheckTemplate(const graphql::Schema& remote, const Json& value, const TypeRef& type,
                     const std::set<std::string, std::less<>>& lhs, bool batch) {
  if (value.is_string()) {
    const std::string& text = value.get_ref<const std::string&>();
    if (text.starts_with('$')) {
      const std::string_view variable = std::string_view(text).substr(1);
      if (variable.empty()) return RemoteSchemaError("Empty variable name");
      if (!lhs.contains(variable)) {
        return RemoteSchemaError("variable " + Quoted(variable) + " is not found");
      }
      if (batch && !type.IsList()) {
        return RemoteSchemaError("batch mode needs \"$" + std::string(variable) +
                                 "\" in an argument that takes a list, not \"" + type.ToString() +
                                 "\"");
      }
      return {};
    }
  }
  if (value.is_null()) return RemoteSchemaError("null is not allowed here");
  const TypeDef* named = NamedType(remote, type);
  if (named == nullptr) return RemoteSchemaError("unknown type " + Quoted(type.name));
  if (value.is_array()) {
    if (!type.IsList()) {
      return RemoteSchemaError("type " + Quoted(type.ToString()) + " is invalid for stripping");
    }
    if (value.size() > 1) {
      return RemoteSchemaError("multiple elements in list value is not supported");
    }
    for (const Json& element : value) {
      if (Status checked = CheckTemplate(remote, element, type.ItemType(), lhs, false); !checked) {
        return checked;
      }
    }
    return {};
  }
  if (value.is_object()) {
    if (named->kind != TypeKind::kInputObject || type.IsList()) {
      return RemoteSchemaError("type " + Quoted(type.ToString()) + " is invalid for stripping");
    }
    for (const auto& [key, inner] : value.items()) {
      const graphql::InputValueDef* field = named->FindInputField(key);
      if (field == nullptr) {
        return RemoteSchemaError("argument with name " + Quoted(key) +
                                 " not found in remote schema");
      }
      if (Status checked = CheckTemplate(remote, inner, field->type, lhs, batch); !checked) {
        return checked;
      }
    }
    return {};
  }
  // A scalar literal: its JSON kind must suit the type (custom scalars and enums take anything
  // their service accepts).
  std::string got;
  if (value.is_string()) got = "String";
  if (value.is_boolean()) got = "Boolean";
  if (value.is_number_integer()) got = "Int";
  if (value.is_number_float()) got = "Float";
  const std::string& want = type.name;
  const bool fits = type.IsList()     ? false
                    : want == "ID"    ? (got == "String" || got == "Int")
                    : want == "Float" ? (got == "Float" || got == "Int")
                    : (want == "Int" || want == "String" || want == "Boolean") ? want == got
                                                                               : true;
  if (!fits) {
    return RemoteSchemaError("expected type " + Quoted(type.ToString()) + " but got " +
                             Quoted(got));
  }
  return {};
}

// The user's part of an input type the template binds in part: a copy without the bound fields
// (in the engine's names), recursively; nullopt when the template binds all of it.
std::optional<TypeRef> StripInput(const RemoteSchema& schema, const TypeRef& type,
                                  const Json& bound, const std::string& suffix,
                                  std::vector<TypeDef>& clones) {
  if (!bound.is_object()) return std::nullopt;  // a scalar, a list or a variable: all bound
  const TypeDef* named = NamedType(*schema.remote, type);
  TypeDef clone = *named;
  clone.input_fields.clear();
  for (const graphql::InputValueDef& field : named->input_fields) {
    const auto it = bound.find(field.name);
    graphql::InputValueDef copy = field;
    copy.type = RenamedType(schema, field.type);
    if (it != bound.end()) {
      std::optional<TypeRef> rest = StripInput(schema, field.type, *it, suffix, clones);
      if (!rest) continue;
      copy.type = *rest;
    }
    clone.input_fields.push_back(std::move(copy));
  }
  if (clone.input_fields.empty()) return std::nullopt;
  clone.name = schema.names.Type(named->name) + "_remote_rel_" + suffix;
  TypeRef stripped;
  stripped.name = clone.name;  // nullable: the template gives part of it
  clones.push_back(std::move(clone));
  return stripped;
}

// Reads `remote_field` ({field: {arguments, field?}}) into steps.
Result<std::vector<RemoteFieldStep>> ReadPath(const Json& remote_field) {
  std::vector<RemoteFieldStep> path;
  const Json* level = &remote_field;
  while (level != nullptr) {
    if (!level->is_object() || level->empty()) {
      return Error(ErrorCode::kParseFailed, "Expecting one single mapping, received none.");
    }
    if (level->size() > 1) {
      return Error(ErrorCode::kParseFailed, "Expecting one single mapping, received too many.");
    }
    const auto only = level->begin();  // (items() would hand out a reference to a temporary)
    const Json& body = only.value();
    RemoteFieldStep step{only.key(), Json::object()};
    if (const Json* arguments = FindKey(body, "arguments"); arguments && arguments->is_object()) {
      step.arguments = *arguments;
    }
    path.push_back(std::move(step));
    level = FindKey(body, "field");
  }
  return path;
}

}  // namespace

Result<RemoteSchemaRelationship> ResolveToRemoteSchema(const SourceModel& model,
                                                       const Json& definition,
                                                       const std::string& name,
                                                       const std::string& lhs_identifier,
                                                       const LhsFields& lhs_fields) {
  // The new form's members, or the legacy one's (hasura_fields for lhs_fields).
  const Json* to_schema = FindKey(definition, "to_remote_schema");
  const Json& body = to_schema != nullptr ? *to_schema : definition;
  const std::string schema_name = StringAt(body, "remote_schema").value_or("");
  const auto found = model.remote_schemas.find(schema_name);
  if (found == model.remote_schemas.end()) {
    return RemoteSchemaError("remote schema with name " + Quoted(schema_name) + " not found");
  }
  const RemoteSchema& target = found->second;
  RemoteSchemaRelationship relationship;
  relationship.name = name;
  relationship.remote_schema = schema_name;
  relationship.target = &target;
  const Json* lhs = FindKey(body, to_schema != nullptr ? "lhs_fields" : "hasura_fields");
  std::set<std::string, std::less<>> lhs_set;
  if (lhs != nullptr && lhs->is_array()) {
    for (const Json& field : *lhs) {
      const std::string text = field.is_string() ? field.get<std::string>() : field.dump();
      if (!lhs_fields(text)) {
        return RemoteSchemaError("field with name " + Quoted(text) +
                                 " is not provided by the lhs entity");
      }
      if (lhs_set.insert(text).second) relationship.lhs_fields.push_back(text);
    }
  }
  const Json* remote_field = FindKey(body, "remote_field");
  Result<std::vector<RemoteFieldStep>> path = ReadPath(remote_field ? *remote_field : Json());
  if (!path) return std::move(path).error();
  relationship.path = std::move(path).value();
  if (const Json* batch = FindKey(body, "batch")) {
    RemoteBatch mode;
    mode.key_field = StringAt(*batch, "key_field").value_or("");
    const std::string kind = StringAt(*batch, "relationship_type").value_or("object");
    if (kind != "object" && kind != "array") {
      return RemoteSchemaError("batch relationship_type must be \"object\" or \"array\"");
    }
    mode.array = kind == "array";
    if (relationship.lhs_fields.size() != 1) {
      return RemoteSchemaError("batch mode joins on exactly one lhs field");
    }
    relationship.batch = std::move(mode);
  }

  const graphql::Schema& remote = *target.remote;
  const TypeDef* parent = remote.query_type();
  TypeRef type;
  for (size_t i = 0; i < relationship.path.size(); ++i) {
    const RemoteFieldStep& step = relationship.path[i];
    const graphql::FieldDef* field = parent == nullptr ? nullptr : parent->FindField(step.field);
    if (field == nullptr) {
      return RemoteSchemaError("remote field with name " + Quoted(step.field) + " and type " +
                               Quoted(parent ? parent->name : "") + " not found");
    }
    const bool leaf = i + 1 == relationship.path.size();
    for (const auto& [argument, value] : step.arguments.items()) {
      const graphql::InputValueDef* def = field->FindArgument(argument);
      if (def == nullptr) {
        return RemoteSchemaError("argument with name " + Quoted(argument) +
                                 " not found in remote schema");
      }
      const bool batch = leaf && relationship.batch.has_value();
      if (Status checked = CheckTemplate(remote, value, def->type, lhs_set, batch); !checked) {
        return checked.error();
      }
    }
    type = field->type;
    if (!leaf) {
      parent = NamedType(remote, type);
      if (parent == nullptr || parent->kind != TypeKind::kObject || type.IsList()) {
        return RemoteSchemaError("remote field " + Quoted(step.field) +
                                 " must return an object to have a nested field");
      }
      continue;
    }
    // The arguments left to the user, with partly bound input objects cloned.
    const std::string suffix = lhs_identifier + name;
    for (const graphql::InputValueDef& argument : field->arguments) {
      graphql::InputValueDef exposed = argument;
      exposed.type = RenamedType(target, argument.type);
      const auto bound = step.arguments.find(argument.name);
      if (bound != step.arguments.end()) {
        std::optional<TypeRef> rest =
            StripInput(target, argument.type, *bound, suffix, relationship.cloned_types);
        if (!rest) continue;
        exposed.type = *rest;
        exposed.default_value.reset();
      }
      relationship.arguments.push_back(std::move(exposed));
    }
  }
  if (relationship.batch) {
    const TypeDef* element = type.IsList() ? NamedType(remote, type) : nullptr;
    if (element == nullptr || element->kind != TypeKind::kObject || type.ItemType().IsList()) {
      return RemoteSchemaError(
          "batch mode needs a remote field that returns a list of objects, not " +
          Quoted(type.ToString()));
    }
    const graphql::FieldDef* key = element->FindField(relationship.batch->key_field);
    if (key == nullptr || !key->arguments.empty()) {
      return RemoteSchemaError("batch key_field " + Quoted(relationship.batch->key_field) +
                               " is not an argument-less field of " + Quoted(element->name));
    }
    TypeRef item;
    item.name = element->name;
    if (relationship.batch->array) {
      item.wrappers = {TypeRef::Wrapper::kNonNull, TypeRef::Wrapper::kList,
                       TypeRef::Wrapper::kNonNull};
    }
    type = std::move(item);
  }
  relationship.type = RenamedType(target, std::move(type));
  return relationship;
}

void ResolveRemoteSchemas(const metadata::Metadata& metadata,
                          const metadata::RemoteSchemaCatalogs& catalogs, SourceModel& model,
                          std::vector<InconsistentObject>& out) {
  const Json* entries = metadata.Find("remote_schemas");
  if (entries == nullptr || !entries->is_array()) return;
  Claims claims = TableClaims(model);
  for (size_t i = 0; i < entries->size(); ++i) {
    const Json& entry = (*entries)[i];
    const std::string name = StringAt(entry, "name").value_or("");
    const auto catalog = catalogs.find(name);
    // Without a catalog the remote schema is reported with the others that could not be
    // introspected (FindUnintrospectedRemoteSchemas).
    if (catalog == catalogs.end() || !catalog->second) continue;
    Result<metadata::RemoteSchemaDefinition> definition =
        metadata::ReadRemoteSchemaDefinition(entry, "$");
    if (!definition) continue;  // reported with the catalog, which could not be read either
    RemoteSchema schema;
    schema.definition = std::move(definition).value();
    schema.remote = catalog->second->schema;
    Result<RemoteNames> names = RemoteNames::Make(*schema.remote, schema.definition.customization);
    if (!names) {
      std::string reason = names.error().message;
      if (reason.starts_with(kInconsistentPrefix)) reason.erase(0, kInconsistentPrefix.size());
      out.push_back(RemoteSchemaInconsistency(entry, i, name, std::move(reason)));
      continue;
    }
    schema.names = std::move(names).value();
    if (std::optional<std::string> clash = Claim(schema, RemoteSchemaTypes(schema), claims)) {
      out.push_back(RemoteSchemaInconsistency(entry, i, name, std::move(*clash)));
      continue;
    }
    model.remote_schemas.emplace(name, std::move(schema));
  }
}

void ResolveRemoteSchemaRelationships(const metadata::Metadata& metadata, SourceModel& model,
                                      std::vector<InconsistentObject>& out) {
  const Json* entries = metadata.Find("remote_schemas");
  if (entries == nullptr || !entries->is_array()) return;
  for (size_t i = 0; i < entries->size(); ++i) {
    const Json& entry = (*entries)[i];
    const std::string schema_name = StringAt(entry, "name").value_or("");
    const auto found = model.remote_schemas.find(schema_name);
    const Json* groups = FindKey(entry, "remote_relationships");
    if (found == model.remote_schemas.end() || groups == nullptr || !groups->is_array()) continue;
    RemoteSchema& schema = found->second;
    for (size_t j = 0; j < groups->size(); ++j) {
      const std::string type_name = StringAt((*groups)[j], "type_name").value_or("");
      const Json* list = FindKey((*groups)[j], "relationships");
      if (list == nullptr || !list->is_array()) continue;
      const graphql::TypeDef* type = schema.remote->FindType(type_name);
      for (size_t k = 0; k < list->size(); ++k) {
        const Json& relationship = (*list)[k];
        const std::string name = StringAt(relationship, "name").value_or("");
        const Json* definition = FindKey(relationship, "definition");
        const std::string context =
            "in remote schema " + Quoted(schema_name) + ": in type " + Quoted(type_name);
        Status resolved;
        RemoteTypeRelationships& on_type = schema.relationships[type_name];
        const auto taken = [&](const std::string& field) {
          // The type's fields as the engine's schema names them.
          const bool a_field = std::ranges::any_of(type->fields, [&](const auto& def) {
            return schema.names.Field(type_name, def.name) == field;
          });
          if (a_field) return true;
          if (std::ranges::find(on_type.to_remote_schema, field, &RemoteSchemaRelationship::name) !=
              on_type.to_remote_schema.end()) {
            return true;
          }
          return std::ranges::any_of(on_type.to_source, [&](const Relationship& other) {
            const std::vector<std::string> fields = FieldNamesOf(other.name, other.kind);
            return std::ranges::find(fields, field) != fields.end();
          });
        };
        const LhsFields lhs = [type](std::string_view field) {
          const graphql::FieldDef* def = type->FindField(field);
          return def != nullptr && def->arguments.empty();
        };
        if (type == nullptr) {
          resolved = Error(ErrorCode::kNotFound,
                           std::string(kInconsistentPrefix) + "no type named " + Quoted(type_name) +
                               " defined in remote schema " + Quoted(schema_name));
        } else if (type->kind != TypeKind::kObject) {
          resolved = Error(ErrorCode::kNotSupported,
                           std::string(kInconsistentPrefix) +
                               "remote relationships on a remote schema can only be defined on "
                               "object types");
        } else if (definition == nullptr || !graphql::IsName(name)) {
          resolved =
              Error(ErrorCode::kInvalidConfiguration,
                    std::string(kInconsistentPrefix) + context + ": in remote relationship " +
                        Quoted(name) + ": invalid remote relationship definition");
        } else if (FindKey(*definition, "to_remote_schema") != nullptr) {
          const std::string lhs_identifier = schema.names.Type(type_name);
          Result<RemoteSchemaRelationship> to_schema =
              ResolveToRemoteSchema(model, *definition, name, lhs_identifier, lhs);
          if (!to_schema) {
            resolved =
                Error(ErrorCode::kInvalidConfiguration,
                      std::string(kInconsistentPrefix) + context + ": in remote relationship " +
                          Quoted(name) + ": " + to_schema.error().message);
          } else if (taken(name)) {
            resolved =
                Error(ErrorCode::kInvalidConfiguration,
                      "Conflicting objects: conflicting definitions for field " + Quoted(name));
          } else {
            on_type.to_remote_schema.push_back(std::move(to_schema).value());
          }
        } else {
          Result<Relationship> to_source = ResolveToSource(model, name, context, lhs, *definition);
          if (!to_source) {
            resolved = std::move(to_source).error();
          } else if (std::ranges::any_of(FieldNamesOf(name, to_source->kind), taken)) {
            resolved =
                Error(ErrorCode::kInvalidConfiguration,
                      "Conflicting objects: conflicting definitions for field " + Quoted(name));
          } else {
            on_type.to_source.push_back(std::move(to_source).value());
          }
        }
        if (resolved) continue;
        Json args = Json::object();
        args["definition"] = definition != nullptr ? *definition : Json();
        args["name"] = name;
        args["remote_schema"] = schema_name;
        args["type"] = type_name;
        out.push_back(
            {"remote_schema_remote_relationship",
             metadata::RemoteSchemaRelationshipObjectName(schema_name, type_name, name),
             resolved.error().message, std::move(args), "remote_schemas", i,
             "/remote_relationships/" + std::to_string(j) + "/relationships/" + std::to_string(k)});
      }
    }
  }
}

}  // namespace junction::schema
