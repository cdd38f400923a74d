#include "metadata/remote_relationship_commands.h"

#include <utility>

#include "graphql/lexer.h"
#include "metadata/manage_metadata.h"

namespace junction::metadata {
namespace {

constexpr std::string_view kList = "remote_relationships";
constexpr std::string_view kFieldsDetails =
    "Remote fields are represented by an object that maps each field name to its arguments.";
constexpr std::string_view kArgumentsDetails =
    "Remote arguments are represented by an object that maps each argument name to its value.";

Error ParseFailed(std::string message, std::string path) {
  return Error(ErrorCode::kParseFailed, std::move(message), std::move(path));
}

Error StrictFormatError(const std::string& path) {
  return ParseFailed(
      "remote relationship definition (strict format) expects exactly one of: to_source, "
      "to_remote_schema",
      path);
}

// A member that is present and not null (aeson's .:? reads null as absent).
const Json* OptionalMember(const Json& object, std::string_view key) {
  const auto it = object.find(key);
  return it == object.end() || it->is_null() ? nullptr : &*it;
}

// A list of field names (Hasura's HashSet FieldName), kept in the order given.
Result<Json> ReadFieldNames(const Json& object, std::string_view key, const std::string& path) {
  Result<const Json*> value = ReadMember(object, key, path);
  if (!value) return value.error();
  const std::string key_path = JsonPathKey(path, key);
  if (!(*value)->is_array()) return TypeMismatch(key_path, "[]", "Array", **value);
  for (size_t i = 0; i < (*value)->size(); ++i) {
    const Json& name = (**value)[i];
    if (!name.is_string()) return TypeMismatch(JsonPathIndex(key_path, i), "Text", "String", name);
  }
  return **value;
}

// A value of a remote field's arguments (Hasura's RemoteArguments): "$name" names a field of the
// table; the error message is returned without Hasura's details prefix.
Status CheckArgumentValue(const Json& value, const std::string& path);

Status CheckArgumentObject(const Json& value, const std::string& path) {
  for (const auto& [key, member] : value.items()) {
    if (!graphql::IsName(key)) return ParseFailed(key + " is an invalid key name", path);
    if (Status status = CheckArgumentValue(member, path); !status) return status;
  }
  return {};
}

Status CheckArgumentValue(const Json& value, const std::string& path) {
  if (value.is_object()) return CheckArgumentObject(value, path);
  if (value.is_array()) {
    for (const Json& item : value) {
      if (Status status = CheckArgumentValue(item, path); !status) return status;
    }
    return {};
  }
  if (!value.is_string()) return {};
  const std::string& text = value.get_ref<const std::string&>();
  if (text.empty() || text.front() != '$') return {};
  const std::string variable = text.substr(1);
  if (variable.empty()) return ParseFailed("Empty variable name", path);
  if (!graphql::IsName(variable))
    return ParseFailed("Invalid variable name '" + variable + "'", path);
  return {};
}

// Hasura's RemoteFields: {"<field>":{"arguments":{…},"field"?:{…nested…}}}; the message is
// returned without the details prefix. Like aeson there, nested levels keep `path`.
Status CheckRemoteFieldsAt(const Json& value, const std::string& path) {
  if (!value.is_object()) return TypeMismatch(path, "RemoteFields", "Object", value);
  if (value.size() != 1) {
    return ParseFailed(std::string("Expecting one single mapping, received ") +
                           (value.empty() ? "none." : "too many."),
                       path);
  }
  const Json& call = value.begin().value();
  if (!call.is_object()) return TypeMismatch(path, "KeyMap", "Object", call);
  Result<const Json*> arguments = ReadMember(call, "arguments", path);
  if (!arguments) return arguments.error();
  const std::string arguments_path = JsonPathKey(path, "arguments");
  Status checked = (*arguments)->is_object()
                       ? CheckArgumentObject(**arguments, arguments_path)
                       : TypeMismatch(arguments_path, "RemoteArguments", "Object", **arguments);
  if (!checked) {
    Error error = checked.error();
    error.message = std::string(kArgumentsDetails) + error.message;
    return error;
  }
  if (const Json* field = OptionalMember(call, "field")) return CheckRemoteFieldsAt(*field, path);
  return {};
}

// The remote_field member of `object`, checked; Hasura prefixes its errors with its details.
Result<Json> ReadRemoteFields(const Json& object, const std::string& path) {
  Result<const Json*> value = ReadMember(object, "remote_field", path);
  if (!value) return value.error();
  if (Status status = CheckRemoteFieldsAt(**value, JsonPathKey(path, "remote_field")); !status) {
    Error error = status.error();
    error.message = std::string(kFieldsDetails) + error.message;
    return error;
  }
  return SortedKeys(**value);
}

// A required non-empty string (Hasura's NonEmptyText: relationship, source and remote schema
// names).
Result<std::string> ReadNonEmptyString(const Json& object, std::string_view key,
                                       const std::string& path) {
  Result<const Json*> value = ReadMember(object, key, path);
  if (!value) return value.error();
  const std::string key_path = JsonPathKey(path, key);
  if (!(*value)->is_string()) return TypeMismatch(key_path, "String", "String", **value);
  std::string text = (*value)->get<std::string>();
  if (text.empty()) return ParseFailed("empty string not allowed", key_path);
  return text;
}

// {remote_schema, <fields_key>, remote_field} → the same keys, sorted. `fields_key` is
// "lhs_fields" (to_remote_schema) or "hasura_fields" (the legacy form).
Result<Json> NormalizeRemoteSchemaTarget(const Json& value, const std::string& path,
                                         std::string_view fields_key) {
  Result<std::string> schema = ReadNonEmptyString(value, "remote_schema", path);
  if (!schema) return schema.error();
  Result<Json> fields = ReadFieldNames(value, fields_key, path);
  if (!fields) return fields.error();
  Result<Json> remote_field = ReadRemoteFields(value, path);
  if (!remote_field) return remote_field.error();
  Json out = Json::object();
  // Junction's batch mode (docs/remote-schemas.md), kept as given: {"key_field",
  // "relationship_type"?}; the schema checks it against the remote field.
  if (const Json* batch = OptionalMember(value, "batch"); batch && fields_key == "lhs_fields") {
    const std::string batch_path = JsonPathKey(path, "batch");
    if (!batch->is_object()) return TypeMismatch(batch_path, "RemoteBatch", "Object", *batch);
    Result<std::string> key_field = ReadNonEmptyString(*batch, "key_field", batch_path);
    if (!key_field) return key_field.error();
    out["batch"] = *batch;
  }
  out[std::string(fields_key)] = std::move(fields).value();
  out["remote_field"] = std::move(remote_field).value();
  out["remote_schema"] = std::move(schema).value();
  return out;
}

// Hasura's ToSourceRelationshipDef, read in its field order; the table is kept as given.
Result<Json> NormalizeToSource(const Json& value, const std::string& path) {
  if (!value.is_object()) return TypeMismatch(path, "ToSourceRelationshipDef", "Object", value);
  Result<const Json*> type = ReadMember(value, "relationship_type", path);
  if (!type) return type.error();
  if (**type != "object" && **type != "array") {
    return ParseFailed("expecting either 'object' or 'array' for rel_type",
                       JsonPathKey(path, "relationship_type"));
  }
  Result<const Json*> mapping = ReadMember(value, "field_mapping", path);
  if (!mapping) return mapping.error();
  const std::string mapping_path = JsonPathKey(path, "field_mapping");
  if (!(*mapping)->is_object()) return TypeMismatch(mapping_path, "HashMap", "Object", **mapping);
  for (const auto& [field, column] : (*mapping)->items()) {
    if (!column.is_string()) {
      return TypeMismatch(JsonPathKey(mapping_path, field), "Text", "String", column);
    }
  }
  Result<std::string> source = ReadNonEmptyString(value, "source", path);
  if (!source) return source.error();
  Result<const Json*> table = ReadMember(value, "table", path);
  if (!table) return table.error();
  Json out = Json::object();
  out["field_mapping"] = SortedKeys(**mapping);
  out["relationship_type"] = **type;
  out["source"] = std::move(source).value();
  out["table"] = SortedKeys(**table);
  return out;
}

// Hasura's strict definition: exactly one of to_source and to_remote_schema. As in Hasura, the
// definition is read where "definition" was found, so its errors carry the args' path.
Result<Json> NormalizeStrictDefinition(const Json& definition, const std::string& path) {
  if (!definition.is_object()) {
    return TypeMismatch(path, "RemoteRelationshipDefinition (strict format)", "Object", definition);
  }
  if (OptionalMember(definition, "remote_schema") != nullptr) return StrictFormatError(path);
  const Json* to_source = OptionalMember(definition, "to_source");
  const Json* to_schema = OptionalMember(definition, "to_remote_schema");
  if ((to_source == nullptr) == (to_schema == nullptr)) return StrictFormatError(path);
  if (to_schema != nullptr) {
    if (!to_schema->is_object()) {
      return TypeMismatch(path, "ToSchemaRelationshipDef", "Object", *to_schema);
    }
    Result<Json> target = NormalizeRemoteSchemaTarget(*to_schema, path, "lhs_fields");
    if (!target) return target.error();
    Json out = Json::object();
    out["to_remote_schema"] = std::move(target).value();
    return out;
  }
  Result<Json> target = NormalizeToSource(*to_source, path);
  if (!target) return target.error();
  Json out = Json::object();
  out["to_source"] = std::move(target).value();
  return out;
}

// The definition of create and update args: "definition" (strict), the legacy remote-schema keys
// inline ("remote_schema"), or Junction's reading of the pre-2.1 "remote_source".
Result<Json> ReadDefinition(const Json& args, const std::string& path) {
  const Json* remote_schema = OptionalMember(args, "remote_schema");
  const Json* definition = OptionalMember(args, "definition");
  if (remote_schema != nullptr && definition == nullptr) {
    return NormalizeRemoteSchemaTarget(args, path, "hasura_fields");
  }
  if (remote_schema == nullptr && definition != nullptr) {
    return NormalizeStrictDefinition(*definition, path);
  }
  const Json* remote_source = OptionalMember(args, "remote_source");
  if (remote_schema == nullptr && remote_source != nullptr) {
    Result<Json> target = NormalizeToSource(*remote_source, JsonPathKey(path, "remote_source"));
    if (!target) return target.error();
    Json out = Json::object();
    out["remote_source"] = std::move(target).value();
    return out;
  }
  return ParseFailed("create_remote_relationship expects exactly one of: remote_schema, definition",
                     path);
}

// The args of the three commands.
struct RelationshipArgs {
  TableRef ref;
  std::string name;
  Json definition;  // null for delete
};

// {source?, table, name} of an args object Hasura reads as `what`.
Result<RelationshipArgs> ReadNamedTable(const Json& args, const std::string& path,
                                        std::string_view what) {
  if (!args.is_object()) return TypeMismatch(path, what, "Object", args);
  Result<TableRef> ref = ReadTableRef(args, path);
  if (!ref) return ref.error();
  Result<std::string> name = ReadNonEmptyString(args, "name", path);
  if (!name) return name.error();
  return RelationshipArgs{std::move(ref).value(), std::move(name).value(), Json()};
}

// The args of create and update (Hasura's CreateFromSourceRelationship).
Result<RelationshipArgs> ReadCreateArgs(const Json& args, const std::string& path) {
  Result<RelationshipArgs> read = ReadNamedTable(args, path, "CreateFromSourceRelationship");
  if (!read) return read.error();
  Result<Json> definition = ReadDefinition(args, path);
  if (!definition) return definition.error();
  read->definition = std::move(definition).value();
  return read;
}

// Whether the engine reports any of the objects `names` inconsistent in `metadata`.
bool IsInconsistent(const Metadata& metadata, const CommandContext& context,
                    const std::vector<std::string>& names) {
  if (!context.find_inconsistent_objects) return false;
  for (const InconsistentObject& object : context.find_inconsistent_objects(metadata)) {
    for (const std::string& name : names) {
      if (object.name == name) return true;
    }
  }
  return false;
}

// The table entry the args name, when the engine serves it (Hasura's askTableInfo: a table of an
// unknown or inconsistent source, or an inconsistent table, does not exist either).
Result<Json*> FindServedTable(Json& document, const Metadata& metadata,
                              const CommandContext& context, const TableRef& ref,
                              const std::string& path) {
  Json& sources = document["sources"];
  const size_t source = FindEntry(sources, "name", Json(ref.source));
  Json* table = source == kNoEntry ? nullptr : FindTable(sources[source], ref.table);
  if (table == nullptr ||
      IsInconsistent(metadata, context,
                     {SourceObjectName(ref.source), TableObjectName(ref.source, ref.table)})) {
    return Error(
        ErrorCode::kNotExists,
        "table " + Quoted(TableText(ref.table)) + " does not exist in source: " + ref.source, path);
  }
  return table;
}

// The index of the remote relationship `name` in a table entry's list, or kNoEntry.
size_t FindRemoteRelationship(const Json& table, std::string_view name) {
  const auto list = table.find(kList);
  if (list == table.end() || !list->is_array()) return kNoEntry;
  return FindEntry(*list, "name", Json(std::string(name)));
}

// Whether `name` is a local relationship of the table entry or a column of the table.
bool IsLocalField(const Json& table, const TableRef& ref, std::string_view name,
                  const CommandContext& context) {
  for (const char* list : {"object_relationships", "array_relationships"}) {
    const auto it = table.find(list);
    if (it != table.end() && it->is_array() &&
        FindEntry(*it, "name", Json(std::string(name))) != kNoEntry) {
      return true;
    }
  }
  if (!context.find_catalog) return false;
  const Catalog* catalog = context.find_catalog(ref.source);
  const CatalogTable* entry = catalog == nullptr ? nullptr : catalog->FindTable(ref.table);
  return entry != nullptr && entry->FindColumn(name) != nullptr;
}

// The index of the remote relationship update and delete work on (Hasura's askRemoteRel over the
// table's fields in its schema cache, where an inconsistent relationship is missing).
Result<size_t> FindExistingRemoteRelationship(const Json& table, const Metadata& metadata,
                                              const CommandContext& context,
                                              const RelationshipArgs& args,
                                              const std::string& path) {
  const size_t index = FindRemoteRelationship(table, args.name);
  const std::string object =
      RemoteRelationshipObjectName(args.ref.source, args.ref.table, args.name);
  if (index != kNoEntry && !IsInconsistent(metadata, context, {object})) return index;
  if (IsLocalField(table, args.ref, args.name, context)) {
    return Error(ErrorCode::kUnexpectedPayload, "expecting a remote relationship", path);
  }
  return Error(ErrorCode::kNotExists, Quoted(args.name) + " does not exist", path);
}

// The stored entry, keys sorted as Hasura exports them.
Json Entry(const RelationshipArgs& args) {
  Json entry = Json::object();
  entry["definition"] = args.definition;
  entry["name"] = args.name;
  return entry;
}

bool NameBefore(const Json& a, const Json& b) { return EntryName(a) < EntryName(b); }

// Commits `document` and names the relationship for the consistency check.
Result<ObjectChange> Commit(CommandState& state, Json document, const RelationshipArgs& args,
                            const std::string& path) {
  if (Status status = CommitDocument(state, std::move(document), path); !status) {
    return status.error();
  }
  return ObjectChange{SuccessMessage(),
                      RemoteRelationshipObjectName(args.ref.source, args.ref.table, args.name)};
}

// Create (`must_exist` false) or update.
Result<ObjectChange> PutRemoteRelationship(CommandState& state, const Command& command,
                                           const CommandContext& context, bool must_exist) {
  const std::string path = JsonPathKey(command.path, "args");
  Result<RelationshipArgs> args = ReadCreateArgs(*command.args, path);
  if (!args) return args.error();
  Json document = state.metadata.document();
  Result<Json*> table = FindServedTable(document, state.metadata, context, args->ref, path);
  if (!table) return table.error();
  if (must_exist) {
    Result<size_t> found =
        FindExistingRemoteRelationship(**table, state.metadata, context, *args, path);
    if (!found) return found.error();
  }
  Json& list = (**table)[std::string(kList)];
  if (!list.is_array()) list = Json::array();
  if (const size_t index = FindEntry(list, "name", Json(args->name)); index != kNoEntry) {
    list.erase(index);
  }
  InsertOrdered(list, Entry(*args), NameBefore);
  **table = CanonicalTable(**table);
  return Commit(state, std::move(document), *args, path);
}

}  // namespace

Result<ObjectChange> CreateRemoteRelationship(CommandState& state, const Command& command,
                                              const CommandContext& context) {
  return PutRemoteRelationship(state, command, context, false);
}

Result<ObjectChange> UpdateRemoteRelationship(CommandState& state, const Command& command,
                                              const CommandContext& context) {
  return PutRemoteRelationship(state, command, context, true);
}

Result<ObjectChange> DeleteRemoteRelationship(CommandState& state, const Command& command,
                                              const CommandContext& context) {
  const std::string path = JsonPathKey(command.path, "args");
  Result<RelationshipArgs> args =
      ReadNamedTable(*command.args, path, "DeleteFromSourceRelationship");
  if (!args) return args.error();
  Json document = state.metadata.document();
  Result<Json*> table = FindServedTable(document, state.metadata, context, args->ref, path);
  if (!table) return table.error();
  Result<size_t> index =
      FindExistingRemoteRelationship(**table, state.metadata, context, *args, path);
  if (!index) return index.error();
  (**table)[std::string(kList)].erase(*index);
  **table = CanonicalTable(**table);
  return Commit(state, std::move(document), *args, path);
}

Result<Json> NormalizeStrictRemoteRelationshipDefinition(const Json& definition,
                                                         const std::string& path) {
  return NormalizeStrictDefinition(definition, path);
}

std::string RemoteRelationshipCommandOfQueryType(std::string_view type) {
  for (std::string_view name :
       {"create_remote_relationship", "update_remote_relationship", "delete_remote_relationship"}) {
    if (type == name) return "pg_" + std::string(name);
  }
  return "";
}

std::optional<RemoteSourceTarget> ReadRemoteSourceTarget(const Json& definition) {
  if (!definition.is_object()) return std::nullopt;
  for (std::string_view key : {"to_source", "remote_source"}) {
    const auto target = definition.find(key);
    if (target == definition.end() || !target->is_object()) continue;
    const auto source = target->find("source");
    if (source == target->end() || !source->is_string()) return std::nullopt;
    return RemoteSourceTarget{source->get<std::string>(), target->value("table", Json())};
  }
  return std::nullopt;
}

std::vector<RemoteRelationshipRef> RemoteRelationshipsTo(
    const Json& document, std::string_view target_source,
    const std::optional<QualifiedName>& target_table) {
  std::vector<RemoteRelationshipRef> found;
  for (const Json& source : document.value("sources", Json::array())) {
    if (!source.is_object()) continue;
    for (const Json& table : source.value("tables", Json::array())) {
      if (!table.is_object()) continue;
      for (const Json& relationship : table.value(std::string(kList), Json::array())) {
        if (!relationship.is_object()) continue;
        const std::optional<RemoteSourceTarget> target =
            ReadRemoteSourceTarget(relationship.value("definition", Json()));
        if (!target || target->source != target_source) continue;
        if (target_table) {
          Result<QualifiedName> name = ReadTableName(target->table, "$");
          if (!name || *name != *target_table) continue;
        }
        found.push_back({EntryName(source), EntryTableName(table), EntryName(relationship)});
      }
    }
  }
  return found;
}

std::string DependencyText(const RemoteRelationshipRef& relationship) {
  return "remote relationship " + TableText(relationship.table) + "." + relationship.name +
         " in source " + Quoted(relationship.source);
}

void EraseRemoteRelationships(Json& document, const std::vector<RemoteRelationshipRef>& refs) {
  Json& sources = document["sources"];
  for (const RemoteRelationshipRef& ref : refs) {
    const size_t source = FindEntry(sources, "name", Json(ref.source));
    Json* table = source == kNoEntry ? nullptr : FindTable(sources[source], ref.table);
    if (table == nullptr) continue;
    const size_t index = FindRemoteRelationship(*table, ref.name);
    if (index == kNoEntry) continue;
    (*table)[std::string(kList)].erase(index);
    *table = CanonicalTable(*table);
  }
}

}  // namespace junction::metadata
