#include "metadata/remote_schema_commands.h"

#include <algorithm>
#include <optional>
#include <utility>
#include <vector>

#include "graphql/lexer.h"
#include "metadata/manage_metadata.h"
#include "metadata/remote_relationship_commands.h"

namespace junction::metadata {
namespace {

constexpr std::string_view kSection = "remote_schemas";
constexpr std::string_view kRelationships = "remote_relationships";

std::string ArgsPath(const Command& command) { return JsonPathKey(command.path, "args"); }

// A member that is present and not null (aeson's .:? reads null as absent).
const Json* OptionalMember(const Json& object, std::string_view key) {
  const auto it = object.find(key);
  return it == object.end() || it->is_null() ? nullptr : &*it;
}

// A required non-empty string (Hasura's NonEmptyText: remote schema and relationship names).
Result<std::string> ReadNonEmptyString(const Json& object, std::string_view key,
                                       const std::string& path) {
  Result<std::string> text = ReadString(object, key, path);
  if (text && text->empty()) {
    return Error(ErrorCode::kParseFailed, "empty string not allowed", JsonPathKey(path, key));
  }
  return text;
}

// A required GraphQL name (Hasura's G.Name).
Result<std::string> ReadName(const Json& object, std::string_view key, const std::string& path) {
  Result<std::string> text = ReadString(object, key, path);
  if (text && !graphql::IsName(*text)) {
    return Error(ErrorCode::kParseFailed, *text + " is not valid GraphQL name",
                 JsonPathKey(path, key));
  }
  return text;
}

// The remote_schemas section of `document`, created empty when absent.
Json& Section(Json& document) {
  Json& section = document[std::string(kSection)];
  if (!section.is_array()) section = Json::array();
  return section;
}

// The entry of remote schema `name` in `document`, or null.
Json* FindEntry(Json& document, std::string_view name) {
  if (!document.contains(kSection)) return nullptr;
  Json& section = Section(document);
  const size_t index = metadata::FindEntry(section, "name", Json(std::string(name)));
  return index == kNoEntry ? nullptr : &section[index];
}

bool NameBefore(const Json& a, const Json& b) { return EntryName(a) < EntryName(b); }

// --- add_remote_schema and update_remote_schema
// ---------------------------------------------------

// A validated customization in Hasura's export form: keys sorted, "mapping" always written.
Json CanonicalNameCustomization(const Json& value, bool with_parent) {
  Json out = Json::object();
  const Json* mapping = OptionalMember(value, "mapping");
  out["mapping"] = mapping != nullptr ? SortedKeys(*mapping) : Json::object();
  if (with_parent) out["parent_type"] = value["parent_type"];
  for (std::string_view key : {"prefix", "suffix"}) {
    if (const Json* text = OptionalMember(value, key)) out[std::string(key)] = *text;
  }
  return out;
}

Json CanonicalCustomization(const Json& value) {
  Json out = Json::object();
  if (const Json* fields = OptionalMember(value, "field_names")) {
    Json list = Json::array();
    for (const Json& item : *fields) list.push_back(CanonicalNameCustomization(item, true));
    out["field_names"] = std::move(list);
  }
  if (const Json* root = OptionalMember(value, "root_fields_namespace")) {
    out["root_fields_namespace"] = *root;
  }
  if (const Json* types = OptionalMember(value, "type_names")) {
    out["type_names"] = CanonicalNameCustomization(*types, false);
  }
  return out;
}

// A validated definition as Hasura's export writes it (remoteSchemaDefToOrdJSON).
Json CanonicalDefinition(const Json& definition) {
  Json out = Json::object();
  for (std::string_view key : {"url", "url_from_env", "timeout_seconds"}) {
    if (const Json* value = OptionalMember(definition, key)) out[std::string(key)] = *value;
  }
  if (const Json* customization = OptionalMember(definition, "customization")) {
    out["customization"] = CanonicalCustomization(*customization);
  }
  if (const Json* headers = OptionalMember(definition, "headers"); headers && !headers->empty()) {
    Json list = Json::array();
    for (const Json& header : *headers) {
      Json item = Json::object();
      item["name"] = header["name"];
      const bool from_env = OptionalMember(header, "value") == nullptr;
      const char* key = from_env ? "value_from_env" : "value";
      item[key] = header[key];
      list.push_back(std::move(item));
    }
    out["headers"] = std::move(list);
  }
  if (const Json* forward = OptionalMember(definition, "forward_client_headers");
      forward && forward->get<bool>()) {
    out["forward_client_headers"] = true;
  }
  return out;
}

// The args of add_remote_schema and update_remote_schema (Hasura's AddRemoteSchemaQuery), in the
// form the entry is stored. `validation` holds what Hasura's validateRemoteSchemaDef would refuse
// (an unset environment variable, both url and url_from_env), which Hasura reports only after
// checking that the name exists or not.
struct RemoteSchemaArgs {
  std::string name;
  Json definition;
  std::optional<Json> comment;
  Status validation;
};

Result<RemoteSchemaArgs> ReadRemoteSchemaArgs(const Json& args, const std::string& path) {
  Result<RemoteSchemaDefinition> read = ReadRemoteSchemaDefinition(args, path);
  if (!read && read.error().code == ErrorCode::kParseFailed) return read.error();
  RemoteSchemaArgs out;
  out.name = EntryName(args);
  out.definition = CanonicalDefinition(args["definition"]);
  if (const Json* comment = OptionalMember(args, "comment")) {
    if (!comment->is_string()) {
      return TypeMismatch(JsonPathKey(path, "comment"), "Text", "String", *comment);
    }
    out.comment = *comment;
  }
  if (!read) out.validation = read.error();
  return out;
}

Json NewEntry(const RemoteSchemaArgs& args, const Json* permissions) {
  Json entry = Json::object();
  entry["name"] = args.name;
  entry["definition"] = args.definition;
  if (args.comment) entry["comment"] = *args.comment;
  if (permissions != nullptr && permissions->is_array() && !permissions->empty()) {
    entry["permissions"] = *permissions;
  }
  return entry;
}

// After the entry of `name` changed: the error of its introspection, when the engine could not
// introspect it (Hasura's add_remote_schema fails with that error, not with an inconsistency).
Status CheckIntrospection(const CommandState& state, const CommandContext& context,
                          const std::string& name, const std::string& path) {
  if (!context.find_remote_schema_catalog) return {};
  const Result<RemoteSchemaCatalog>* catalog = context.find_remote_schema_catalog(name);
  if (catalog == nullptr || *catalog) return {};
  // The engine may hold an error from an older definition: asking it which objects are
  // inconsistent now makes it introspect the new one and run the request again.
  if (context.find_inconsistent_objects) context.find_inconsistent_objects(state.metadata);
  Error error = catalog->error();
  error.path = path;
  return error;
}

Result<ObjectChange> PutRemoteSchema(CommandState& state, const Command& command,
                                     const CommandContext& context, bool update) {
  const std::string path = ArgsPath(command);
  Result<RemoteSchemaArgs> args = ReadRemoteSchemaArgs(*command.args, path);
  if (!args) return args.error();
  Json document = state.metadata.document();
  Json* existing = FindEntry(document, args->name);
  if (existing != nullptr && !update) {
    return Error(ErrorCode::kAlreadyExists,
                 "remote schema with name " + Quoted(args->name) + " already exists", path);
  }
  if (existing == nullptr && update) {
    return Error(ErrorCode::kNotExists,
                 "remote schema with name " + Quoted(args->name) + " doesn't exist", path);
  }
  if (!args->validation) return args->validation.error();
  if (existing != nullptr) {
    // Hasura's update keeps the permissions and drops the relationships defined on the schema.
    *existing = NewEntry(*args, FindKey(*existing, "permissions"));
  } else {
    InsertOrdered(Section(document), NewEntry(*args, nullptr), NameBefore);
  }
  if (Status status = CommitDocument(state, std::move(document), path); !status) {
    return status.error();
  }
  if (Status status = CheckIntrospection(state, context, args->name, path); !status) {
    return status.error();
  }
  return ObjectChange{SuccessMessage(), RemoteSchemaObjectName(args->name)};
}

// --- remove, reload, introspect ---------------------------------------------------------------

// The args of remove, reload and introspect (Hasura's RemoteSchemaNameQuery).
Result<std::string> ReadNameArgs(const Command& command) {
  const std::string path = ArgsPath(command);
  const Json& args = *command.args;
  if (!args.is_object()) return TypeMismatch(path, "RemoteSchemaNameQuery", "Object", args);
  return ReadNonEmptyString(args, "name", path);
}

// The remote schema a stored relationship definition joins to ({"to_remote_schema":{…}} or the
// legacy {"remote_schema":…}); empty for others.
std::string TargetRemoteSchema(const Json& definition) {
  if (!definition.is_object()) return "";
  const Json* target = OptionalMember(definition, "to_remote_schema");
  const Json& holder = target != nullptr ? *target : definition;
  std::optional<std::string> name = StringAt(holder, "remote_schema");
  return name.value_or("");
}

// Hasura's texts of the objects that join to remote schema `name`: remote relationships of
// tables and of other remote schemas.
std::vector<std::string> DependentsOf(const Json& document, std::string_view name) {
  std::vector<std::string> texts;
  if (const Json* sources = FindKey(document, "sources"); sources && sources->is_array()) {
    for (const Json& source : *sources) {
      const Json* tables = FindKey(source, "tables");
      if (tables == nullptr || !tables->is_array()) continue;
      for (const Json& table : *tables) {
        const Json* relationships = FindKey(table, kRelationships);
        if (relationships == nullptr || !relationships->is_array()) continue;
        for (const Json& relationship : *relationships) {
          const Json* definition = FindKey(relationship, "definition");
          if (definition == nullptr || TargetRemoteSchema(*definition) != name) continue;
          texts.push_back(
              DependencyText({EntryName(source), EntryTableName(table), EntryName(relationship)}));
        }
      }
    }
  }
  if (const Json* schemas = FindKey(document, kSection); schemas && schemas->is_array()) {
    for (const Json& schema : *schemas) {
      if (EntryName(schema) == name) continue;  // its own relationships go with it
      const Json* types = FindKey(schema, kRelationships);
      if (types == nullptr || !types->is_array()) continue;
      for (const Json& type : *types) {
        const Json* relationships = FindKey(type, "relationships");
        if (relationships == nullptr || !relationships->is_array()) continue;
        for (const Json& relationship : *relationships) {
          const Json* definition = FindKey(relationship, "definition");
          if (definition == nullptr || TargetRemoteSchema(*definition) != name) continue;
          texts.push_back("remote_relationship " + EntryName(relationship) + " on type " +
                          StringAt(type, "type_name").value_or("") + " in remote schema " +
                          EntryName(schema));
        }
      }
    }
  }
  return texts;
}

// --- remote relationships of remote schemas ------------------------------------------------

struct RelationshipArgs {
  std::string remote_schema;
  std::string type_name;
  std::string name;
  Json definition;  // null for delete
};

Result<RelationshipArgs> ReadRelationshipArgs(const Command& command, bool with_definition) {
  const std::string path = ArgsPath(command);
  const Json& args = *command.args;
  if (!args.is_object()) {
    return TypeMismatch(path,
                        with_definition ? "CreateRemoteSchemaRemoteRelationship"
                                        : "DeleteRemoteSchemaRemoteRelationship",
                        "Object", args);
  }
  RelationshipArgs out;
  Result<std::string> schema = ReadNonEmptyString(args, "remote_schema", path);
  if (!schema) return schema.error();
  Result<std::string> type_name = ReadName(args, "type_name", path);
  if (!type_name) return type_name.error();
  Result<std::string> name = ReadNonEmptyString(args, "name", path);
  if (!name) return name.error();
  out.remote_schema = std::move(schema).value();
  out.type_name = std::move(type_name).value();
  out.name = std::move(name).value();
  if (with_definition) {
    Result<const Json*> given = ReadMember(args, "definition", path);
    if (!given) return given.error();
    Result<Json> definition = NormalizeStrictRemoteRelationshipDefinition(**given, path);
    if (!definition) return definition.error();
    out.definition = std::move(definition).value();
  }
  return out;
}

// The relationships list of `type_name` in a remote schema entry; created (appended, as Hasura's
// insertion-ordered map does) when `create`, else null when absent.
Json* TypeRelationships(Json& entry, std::string_view type_name, bool create) {
  if (!entry.contains(kRelationships) || !entry[std::string(kRelationships)].is_array()) {
    if (!create) return nullptr;
    entry[std::string(kRelationships)] = Json::array();
  }
  Json& types = entry[std::string(kRelationships)];
  for (Json& type : types) {
    if (StringAt(type, "type_name") != type_name) continue;
    if (!type.contains("relationships") || !type["relationships"].is_array()) {
      type["relationships"] = Json::array();
    }
    return &type["relationships"];
  }
  if (!create) return nullptr;
  Json type = Json::object();
  type["relationships"] = Json::array();
  type["type_name"] = type_name;
  types.push_back(std::move(type));
  return &types.back()["relationships"];
}

size_t FindRelationship(const Json& relationships, std::string_view name) {
  return metadata::FindEntry(relationships, "name", Json(std::string(name)));
}

Result<ObjectChange> PutRelationship(CommandState& state, const Command& command, bool update) {
  const std::string path = ArgsPath(command);
  Result<RelationshipArgs> args = ReadRelationshipArgs(command, true);
  if (!args) return args.error();
  Json document = state.metadata.document();
  Json* entry = FindEntry(document, args->remote_schema);
  if (update) {
    Json* existing = entry ? TypeRelationships(*entry, args->type_name, false) : nullptr;
    if (existing == nullptr || FindRelationship(*existing, args->name) == kNoEntry) {
      // Hasura's quoting operators nest: the whole tail is quoted again.
      return Error(ErrorCode::kNotExists,
                   "no relationship defined on remote schema " +
                       Quoted(Quoted(args->remote_schema) + " with name " + Quoted(args->name)),
                   path);
    }
  }
  // On an unknown remote schema Hasura's create changes nothing, and succeeds.
  if (entry != nullptr) {
    Json& relationships = *TypeRelationships(*entry, args->type_name, true);
    Json relationship = Json::object();
    relationship["definition"] = std::move(args->definition);
    relationship["name"] = args->name;
    if (const size_t index = FindRelationship(relationships, args->name); index != kNoEntry) {
      relationships[index] = std::move(relationship);
    } else {
      relationships.push_back(std::move(relationship));
    }
  }
  if (Status status = CommitDocument(state, std::move(document), path); !status) {
    return status.error();
  }
  return ObjectChange{SuccessMessage(), RemoteSchemaRelationshipObjectName(
                                            args->remote_schema, args->type_name, args->name)};
}

// Whether a stored relationship definition joins to `source` (to `table` of it, when given).
bool JoinsToSource(const Json& definition, std::string_view source,
                   const std::optional<QualifiedName>& table) {
  const Json* target = FindKey(definition, "to_source");
  if (target == nullptr || StringAt(*target, "source") != source) return false;
  if (!table) return true;
  const Json* given = FindKey(*target, "table");
  if (given == nullptr) return false;
  Result<QualifiedName> name = ReadTableName(*given, "$");
  return name && *name == *table;
}

// Calls `visit(schema entry, type entry, relationships, index)` for each relationship of a remote
// schema's type that joins to `source`, last first (so that erasing is safe).
template <typename Json_, typename Visit>
void ForEachRelationshipToSource(Json_& document, std::string_view source,
                                 const std::optional<QualifiedName>& table, Visit visit) {
  if (!document.contains(kSection) || !document[std::string(kSection)].is_array()) return;
  for (auto& schema : document[std::string(kSection)]) {
    if (!schema.contains(kRelationships) || !schema[std::string(kRelationships)].is_array()) {
      continue;
    }
    for (auto& type : schema[std::string(kRelationships)]) {
      if (!type.contains("relationships") || !type["relationships"].is_array()) continue;
      auto& relationships = type["relationships"];
      for (size_t i = relationships.size(); i-- > 0;) {
        const Json* definition = FindKey(relationships[i], "definition");
        if (definition == nullptr || !JoinsToSource(*definition, source, table)) continue;
        visit(schema, type, relationships, i);
      }
    }
  }
}

}  // namespace

std::vector<std::string> RemoteSchemaRelationshipsToSource(
    const Json& document, std::string_view source, const std::optional<QualifiedName>& table) {
  std::vector<std::string> texts;
  Json copy = document;  // ForEachRelationshipToSource walks a mutable document
  ForEachRelationshipToSource(
      copy, source, table, [&](const Json& schema, const Json& type, const Json& list, size_t i) {
        texts.push_back("remote_relationship " + EntryName(list[i]) + " on type " +
                        StringAt(type, "type_name").value_or("") + " in remote schema " +
                        EntryName(schema));
      });
  std::reverse(texts.begin(), texts.end());
  return texts;
}

void EraseRemoteSchemaRelationshipsToSource(Json& document, std::string_view source,
                                            const std::optional<QualifiedName>& table) {
  ForEachRelationshipToSource(document, source, table,
                              [](Json&, Json&, Json& list, size_t i) { list.erase(i); });
}

Result<ObjectChange> AddRemoteSchema(CommandState& state, const Command& command,
                                     const CommandContext& context) {
  return PutRemoteSchema(state, command, context, false);
}

Result<ObjectChange> UpdateRemoteSchema(CommandState& state, const Command& command,
                                        const CommandContext& context) {
  return PutRemoteSchema(state, command, context, true);
}

Result<ObjectChange> RemoveRemoteSchema(CommandState& state, const Command& command,
                                        const CommandContext&) {
  const std::string path = ArgsPath(command);
  Result<std::string> name = ReadNameArgs(command);
  if (!name) return name.error();
  Json document = state.metadata.document();
  if (FindEntry(document, *name) == nullptr) {
    return Error(ErrorCode::kNotExists, "no such remote schema", path);
  }
  // Hasura drops the schema's permissions with it, but not what joins to it.
  if (std::vector<std::string> dependents = DependentsOf(document, *name); !dependents.empty()) {
    return DependentObjectsExist(std::move(dependents), path);
  }
  Json& section = Section(document);
  section.erase(metadata::FindEntry(section, "name", Json(*name)));
  if (Status status = CommitDocument(state, std::move(document), path); !status) {
    return status.error();
  }
  return ObjectChange{SuccessMessage(), ""};
}

Result<ObjectChange> ReloadRemoteSchema(CommandState& state, const Command& command,
                                        const CommandContext&) {
  Result<std::string> name = ReadNameArgs(command);
  if (!name) return name.error();
  Json document = state.metadata.document();
  if (FindEntry(document, *name) == nullptr) {
    return Error(ErrorCode::kNotExists,
                 "remote schema with name " + Quoted(*name) + " does not exist", ArgsPath(command));
  }
  state.remote_schemas_to_reload.insert(*name);
  return ObjectChange{SuccessMessage(), ""};
}

Result<Json> IntrospectRemoteSchema(const CommandState& state, const Command& command,
                                    const CommandContext& context) {
  Result<std::string> name = ReadNameArgs(command);
  if (!name) return name.error();
  Json document = state.metadata.document();
  const Result<RemoteSchemaCatalog>* catalog =
      FindEntry(document, *name) != nullptr && context.find_remote_schema_catalog
          ? context.find_remote_schema_catalog(*name)
          : nullptr;
  if (catalog == nullptr || !*catalog) {
    return Error(ErrorCode::kNotExists, "remote schema: " + Quoted(*name) + " not found",
                 ArgsPath(command));
  }
  Json body = Json::object();
  body["data"] = (*catalog)->introspection;
  return body;
}

Result<ObjectChange> CreateRemoteSchemaRemoteRelationship(CommandState& state,
                                                          const Command& command,
                                                          const CommandContext&) {
  return PutRelationship(state, command, false);
}

Result<ObjectChange> UpdateRemoteSchemaRemoteRelationship(CommandState& state,
                                                          const Command& command,
                                                          const CommandContext&) {
  return PutRelationship(state, command, true);
}

Result<ObjectChange> DeleteRemoteSchemaRemoteRelationship(CommandState& state,
                                                          const Command& command,
                                                          const CommandContext&) {
  const std::string path = ArgsPath(command);
  Result<RelationshipArgs> args = ReadRelationshipArgs(command, false);
  if (!args) return args.error();
  Json document = state.metadata.document();
  // Hasura deletes without looking: a missing relationship (or schema, or type) is no error, and
  // the type keeps its (possibly empty) entry.
  if (Json* entry = FindEntry(document, args->remote_schema)) {
    if (Json* relationships = TypeRelationships(*entry, args->type_name, false)) {
      if (const size_t index = FindRelationship(*relationships, args->name); index != kNoEntry) {
        relationships->erase(index);
      }
    }
  }
  if (Status status = CommitDocument(state, std::move(document), path); !status) {
    return status.error();
  }
  return ObjectChange{SuccessMessage(), RemoteSchemaRelationshipObjectName(
                                            args->remote_schema, args->type_name, args->name)};
}

void RecordRemoteSchemasToReload(CommandState& state, const Json& args) {
  const Json* spec = OptionalMember(args, "reload_remote_schemas");
  if (spec == nullptr) {
    state.reload_all_remote_schemas = true;  // Hasura's default
  } else if (spec->is_boolean()) {
    state.reload_all_remote_schemas = state.reload_all_remote_schemas || spec->get<bool>();
  } else if (spec->is_array()) {
    for (const Json& name : *spec) {
      if (name.is_string()) state.remote_schemas_to_reload.insert(name.get<std::string>());
    }
  }
}

std::string RemoteSchemaObjectName(std::string_view name) {
  return "remote_schema " + std::string(name);
}

std::string RemoteSchemaRelationshipObjectName(std::string_view remote_schema,
                                               std::string_view type_name, std::string_view name) {
  return "remote_schema_remote_relationship remote_relationship " + std::string(name) +
         " on type " + std::string(type_name) + " in remote schema " + std::string(remote_schema);
}

Json RemoteSchemaObjectDefinition(const Json& entry) {
  Json out = Json::object();
  const Json* comment = FindKey(entry, "comment");
  out["comment"] = comment != nullptr ? *comment : Json();
  Json definition = Json::object();
  if (const Json* given = FindKey(entry, "definition"); given && given->is_object()) {
    definition = *given;
  }
  out["definition"] = std::move(definition);
  out["name"] = entry.value("name", Json());
  const Json* permissions = FindKey(entry, "permissions");
  out["permissions"] = permissions != nullptr ? *permissions : Json::array();
  const Json* relationships = FindKey(entry, kRelationships);
  out["remote_relationships"] = relationships != nullptr ? *relationships : Json::array();
  return out;
}

}  // namespace junction::metadata
