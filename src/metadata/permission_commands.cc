#include "metadata/permission_commands.h"

#include <algorithm>
#include <iterator>
#include <optional>
#include <utility>

#include "metadata/manage_metadata.h"
#include "metadata/relationship_commands.h"

namespace junction::metadata {
namespace {

// Hasura's admin role, which has every permission implicitly.
constexpr std::string_view kAdminRole = "admin";

constexpr std::string_view kPermissionTypes[] = {"insert", "select", "update", "delete"};

// The root fields a select permission can allow (QueryRootFieldType, SubscriptionRootFieldType).
constexpr std::string_view kQueryRootFields[] = {"select", "select_by_pk", "select_aggregate"};
constexpr std::string_view kSubscriptionRootFields[] = {"select", "select_by_pk",
                                                        "select_aggregate", "select_stream"};

// How deep PermissionsUsingRelationship follows a filter; a deeper one is not a real filter.
constexpr int kMaxFilterDepth = 64;

Error ParseFailed(std::string message, std::string path) {
  return Error(ErrorCode::kParseFailed, std::move(message), std::move(path));
}

// aeson's list parser on a value that is not an array.
Error NotAList(const Json& value, std::string path) {
  return ParseFailed("expected [a], but encountered " + std::string(JsonTypeName(value)),
                     std::move(path));
}

// A list of texts (columns, computed fields), kept as given.
Result<Json> ReadTextList(const Json& value, const std::string& path) {
  if (!value.is_array()) return NotAList(value, path);
  for (size_t i = 0; i < value.size(); ++i) {
    if (!value[i].is_string()) {
      return TypeMismatch(JsonPathIndex(path, i), "Text", "String", value[i]);
    }
  }
  return value;
}

// A role name: a non-empty string (Hasura's RoleName).
Result<std::string> ReadRole(const Json& args, const std::string& path) {
  Result<std::string> role = ReadString(args, "role", path);
  if (!role) return role.error();
  if (role->empty()) return ParseFailed("empty string not allowed", JsonPathKey(path, "role"));
  return role;
}

// The {source?, table} of a command's args (Hasura's WithTable or, for `what`, its own record).
Result<TableRef> ReadTableArgs(const Json& args, const std::string& path, std::string_view what) {
  if (args.is_object()) return ReadTableRef(args, path);
  if (what == "WithTable") return ParseFailed("expecting an Object with key 'table'", path);
  return TypeMismatch(path, what, "Object", args);
}

// An optional comment: absent or null is none.
Result<std::optional<std::string>> ReadComment(const Json& args, const std::string& path) {
  const auto comment = args.find("comment");
  if (comment == args.end() || comment->is_null()) return std::optional<std::string>();
  if (!comment->is_string()) {
    return TypeMismatch(JsonPathKey(path, "comment"), "Text", "String", *comment);
  }
  return std::optional<std::string>(comment->get<std::string>());
}

// Checks a boolean expression as Hasura parses one (GBoolExp's FromJSON): an object whose keys
// are _and/_or (lists of expressions), _not (an expression), _exists ({_table, _where}) or
// fields, whose values schema/ checks against the table.
Status CheckBoolExp(const Json& value, const std::string& path, int depth = 0) {
  if (!value.is_object()) return TypeMismatch(path, "boolean expression", "Object", value);
  if (depth > kMaxFilterDepth) return ParseFailed("boolean expression nested too deeply", path);
  for (const auto& [key, operand] : value.items()) {
    const std::string operand_path = JsonPathKey(path, key);
    if (key == "_and" || key == "$and" || key == "_or" || key == "$or") {
      if (!operand.is_array()) return NotAList(operand, operand_path);
      for (size_t i = 0; i < operand.size(); ++i) {
        Status item = CheckBoolExp(operand[i], JsonPathIndex(operand_path, i), depth + 1);
        if (!item) return item;
      }
    } else if (key == "_not" || key == "$not") {
      Status inner = CheckBoolExp(operand, operand_path, depth + 1);
      if (!inner) return inner;
    } else if (key == "_exists" || key == "$exists") {
      if (!operand.is_object()) return TypeMismatch(operand_path, "_exists", "Object", operand);
      Result<const Json*> table = ReadMember(operand, "_table", operand_path);
      if (!table) return table.error();
      Result<QualifiedName> name = ReadTableName(**table, JsonPathKey(operand_path, "_table"));
      if (!name) return name.error();
      Result<const Json*> where = ReadMember(operand, "_where", operand_path);
      if (!where) return where.error();
      Status inner = CheckBoolExp(**where, JsonPathKey(operand_path, "_where"), depth + 1);
      if (!inner) return inner;
    }
  }
  return {};
}

// query_root_fields / subscription_root_fields: a list of root-field kinds, duplicates dropped.
template <size_t N>
Result<Json> ReadRootFields(const Json& value, const std::string& path, std::string_view type,
                            const std::string_view (&allowed)[N]) {
  if (!value.is_array()) return NotAList(value, path);
  const std::string what = "Hasura.RQL.Types.Permission." + std::string(type);
  Json fields = Json::array();
  for (size_t i = 0; i < value.size(); ++i) {
    const std::string item_path = JsonPathIndex(path, i);
    if (!value[i].is_string()) return TypeMismatch(item_path, what, "String", value[i]);
    const std::string field = value[i].get<std::string>();
    if (std::find(std::begin(allowed), std::end(allowed), field) == std::end(allowed)) {
      std::string tags;
      for (std::string_view tag : allowed) {
        tags += (tags.empty() ? "" : ",") + Quoted(tag);
      }
      return ParseFailed("parsing " + what + " failed, expected one of the tags [" + tags +
                             "], but found tag " + Quoted(field),
                         item_path);
    }
    if (std::find(fields.begin(), fields.end(), value[i]) == fields.end()) fields.push_back(field);
  }
  return fields;
}

// A select permission (Hasura's SelPerm, parsed in its order) in the form Hasura's export
// writes it.
Result<Json> NormalizeSelectPermission(const Json& value, const std::string& path) {
  if (!value.is_object()) return TypeMismatch(path, "SelPerm", "Object", value);
  std::optional<Json> query_root_fields;
  std::optional<Json> subscription_root_fields;
  if (const Json* fields = FindKey(value, "query_root_fields");
      fields != nullptr && !fields->is_null()) {
    Result<Json> read = ReadRootFields(*fields, JsonPathKey(path, "query_root_fields"),
                                       "QueryRootFieldType", kQueryRootFields);
    if (!read) return read.error();
    query_root_fields = std::move(read).value();
  }
  if (const Json* fields = FindKey(value, "subscription_root_fields");
      fields != nullptr && !fields->is_null()) {
    Result<Json> read = ReadRootFields(*fields, JsonPathKey(path, "subscription_root_fields"),
                                       "SubscriptionRootFieldType", kSubscriptionRootFields);
    if (!read) return read.error();
    subscription_root_fields = std::move(read).value();
  }

  Result<const Json*> columns_value = ReadMember(value, "columns", path);
  if (!columns_value) return columns_value.error();
  Json columns = **columns_value;
  if (!(columns.is_string() && columns.get<std::string>() == "*")) {
    Result<Json> list = ReadTextList(columns, JsonPathKey(path, "columns"));
    if (!list) return list.error();
  }

  Result<const Json*> filter = ReadMember(value, "filter", path);
  if (!filter) return filter.error();
  if (Status valid = CheckBoolExp(**filter, JsonPathKey(path, "filter")); !valid) {
    return valid.error();
  }

  std::optional<int64_t> limit;
  if (const Json* given = FindKey(value, "limit"); given != nullptr && !given->is_null()) {
    const std::string limit_path = JsonPathKey(path, "limit");
    if (given->is_number_float()) {
      return ParseFailed("parsing Int failed, unexpected floating number " + given->dump(),
                         limit_path);
    }
    if (!given->is_number()) return TypeMismatch(limit_path, "Int", "Number", *given);
    limit = given->get<int64_t>();
  }

  Result<bool> allow_aggregations = ReadOptionalBool(value, "allow_aggregations", path, false);
  if (!allow_aggregations) return allow_aggregations.error();

  Json computed_fields = Json::array();
  if (const Json* given = FindKey(value, "computed_fields");
      given != nullptr && !given->is_null()) {
    Result<Json> list = ReadTextList(*given, JsonPathKey(path, "computed_fields"));
    if (!list) return list.error();
    computed_fields = std::move(list).value();
  }

  Json out = Json::object();
  out["columns"] = std::move(columns);
  if (!computed_fields.empty()) out["computed_fields"] = std::move(computed_fields);
  out["filter"] = SortedKeys(**filter);
  if (limit) out["limit"] = *limit;
  if (*allow_aggregations) out["allow_aggregations"] = true;
  if (query_root_fields) out["query_root_fields"] = std::move(*query_root_fields);
  if (subscription_root_fields) {
    out["subscription_root_fields"] = std::move(*subscription_root_fields);
  }
  return out;
}

std::string ListOf(std::string_view type) { return std::string(type) + "_permissions"; }

// The index of `role`'s entry in the table entry's list of `type` permissions, or kNoEntry.
size_t FindPermission(const Json& table_entry, std::string_view type, std::string_view role) {
  const auto list = table_entry.find(ListOf(type));
  if (list == table_entry.end() || !list->is_array()) return kNoEntry;
  return FindEntry(*list, "role", Json(std::string(role)));
}

std::string EntryRole(const Json& entry) {
  const auto role = entry.find("role");
  return role != entry.end() && role->is_string() ? role->get<std::string>() : "";
}

bool RoleBefore(const Json& a, const Json& b) { return EntryRole(a) < EntryRole(b); }

Result<ObjectChange> Commit(CommandState& state, Json document, const std::string& path,
                            std::string object) {
  if (Status status = CommitDocument(state, std::move(document), path); !status) {
    return status.error();
  }
  return ObjectChange{SuccessMessage(), std::move(object)};
}

// The relationship `name` of `table` in `source_entry`, or null.
const Json* FindRelationshipEntry(Json& source_entry, const QualifiedName& table,
                                  std::string_view name) {
  const Json* entry = FindTable(source_entry, table);
  if (entry == nullptr) return nullptr;
  for (const char* list : {"object_relationships", "array_relationships"}) {
    const auto relationships = entry->find(list);
    if (relationships == entry->end() || !relationships->is_array()) continue;
    const size_t index = FindEntry(*relationships, "name", Json(std::string(name)));
    if (index != kNoEntry) return &(*relationships)[index];
  }
  return nullptr;
}

// What PermissionsUsingRelationship looks for, and where.
struct RelationshipUse {
  Json& source_entry;
  std::string_view source;
  const QualifiedName& table;
  std::string_view relationship;
  const CommandContext& context;
};

// Whether the boolean expression `value`, on table `at`, goes through the relationship.
bool UsesRelationship(const RelationshipUse& use, const QualifiedName& at, const Json& value,
                      int depth) {
  if (!value.is_object() || depth > kMaxFilterDepth) return false;
  for (const auto& [key, operand] : value.items()) {
    if (key == "_and" || key == "$and" || key == "_or" || key == "$or") {
      if (!operand.is_array()) continue;
      for (const Json& item : operand) {
        if (UsesRelationship(use, at, item, depth + 1)) return true;
      }
    } else if (key == "_not" || key == "$not") {
      if (UsesRelationship(use, at, operand, depth + 1)) return true;
    } else if (key == "_exists" || key == "$exists") {
      if (!operand.is_object() || !operand.contains("_table")) continue;
      Result<QualifiedName> table = ReadTableName(operand["_table"], "$");
      if (table && UsesRelationship(use, *table, operand.value("_where", Json()), depth + 1)) {
        return true;
      }
    } else if (const Json* relationship = FindRelationshipEntry(use.source_entry, at, key)) {
      if (at == use.table && key == use.relationship) return true;
      const std::optional<QualifiedName> target =
          RelationshipTarget(*relationship, use.source, at, use.context);
      if (target && UsesRelationship(use, *target, operand, depth + 1)) return true;
    }
  }
  return false;
}

}  // namespace

Result<ObjectChange> CreateSelectPermission(CommandState& state, const Command& command,
                                            const CommandContext& context) {
  const std::string path = JsonPathKey(command.path, "args");
  const Json& args = *command.args;
  Result<TableRef> ref = ReadTableArgs(args, path, "WithTable");
  if (!ref) return ref.error();
  Result<std::string> role = ReadRole(args, path);
  if (!role) return role.error();
  Result<const Json*> permission_value = ReadMember(args, "permission", path);
  if (!permission_value) return permission_value.error();
  Result<Json> permission =
      NormalizeSelectPermission(**permission_value, JsonPathKey(path, "permission"));
  if (!permission) return permission.error();
  Result<std::optional<std::string>> comment = ReadComment(args, path);
  if (!comment) return comment.error();

  Json document = state.metadata.document();
  Result<Json*> source = FindConsistentSource(document, state.metadata, ref->source, context, path);
  if (!source) return source.error();
  Result<Json*> table = FindTrackedTable(document, ref->source, ref->table, path);
  if (!table) return table.error();
  if (*role == kAdminRole || FindPermission(**table, "select", *role) != kNoEntry) {
    return Error(ErrorCode::kAlreadyExists,
                 "select permission already defined on table " + Quoted(TableText(ref->table)) +
                     " with role " + Quoted(*role),
                 path);
  }
  Json entry = Json::object();
  entry["role"] = *role;
  entry["permission"] = std::move(permission).value();
  if (*comment) entry["comment"] = **comment;
  Json& list = (**table)["select_permissions"];
  if (!list.is_array()) list = Json::array();
  InsertOrdered(list, std::move(entry), RoleBefore);
  **table = CanonicalTable(**table);
  return Commit(state, std::move(document), path,
                PermissionObjectName(ref->source, ref->table, "select", *role));
}

Result<ObjectChange> DropSelectPermission(CommandState& state, const Command& command,
                                          const CommandContext&) {
  const std::string path = JsonPathKey(command.path, "args");
  const Json& args = *command.args;
  Result<TableRef> ref = ReadTableArgs(args, path, "DropPerm");
  if (!ref) return ref.error();
  Result<std::string> role = ReadRole(args, path);
  if (!role) return role.error();

  Json document = state.metadata.document();
  Result<Json*> table = FindTrackedTable(document, ref->source, ref->table, path);
  if (!table) return table.error();
  const size_t index = FindPermission(**table, "select", *role);
  if (index == kNoEntry && *role != kAdminRole) {
    // Hasura answers bad-request here (tests-py drop_permission_not_exists_error.yaml).
    return Error(ErrorCode::kBadRequest,
                 "select permission on " + Quoted(TableText(ref->table)) + " for role " +
                     Quoted(*role) + " does not exist",
                 path);
  }
  if (index != kNoEntry) {
    (**table)["select_permissions"].erase(index);
    **table = CanonicalTable(**table);
  }
  // Hasura checks a drop with withNewInconsistentObjsCheck: no object of its own.
  return Commit(state, std::move(document), path, "");
}

Result<ObjectChange> SetPermissionComment(CommandState& state, const Command& command,
                                          const CommandContext&) {
  const std::string path = JsonPathKey(command.path, "args");
  const Json& args = *command.args;
  Result<TableRef> ref = ReadTableArgs(args, path, "SetPermComment");
  if (!ref) return ref.error();
  Result<std::string> role = ReadRole(args, path);
  if (!role) return role.error();
  Result<const Json*> type_value = ReadMember(args, "permission", path);
  if (!type_value) return type_value.error();
  const Json& type = **type_value;
  if (!type.is_string() || std::find(std::begin(kPermissionTypes), std::end(kPermissionTypes),
                                     type.get<std::string>()) == std::end(kPermissionTypes)) {
    return ParseFailed("perm_type should be one of 'insert', 'select', 'update', 'delete'",
                       JsonPathKey(path, "permission"));
  }
  const std::string type_name = type.get<std::string>();
  Result<std::optional<std::string>> comment = ReadComment(args, path);
  if (!comment) return comment.error();

  Json document = state.metadata.document();
  Result<Json*> table = FindTrackedTable(document, ref->source, ref->table, path);
  if (!table) return table.error();
  const size_t index = FindPermission(**table, type_name, *role);
  if (index == kNoEntry && *role != kAdminRole) {
    // Hasura's assertPermDefined answers permission-denied, a code Junction's errors lack.
    return Error(ErrorCode::kBadRequest,
                 "'" + type_name + "' permission on " + Quoted(TableText(ref->table)) +
                     " for role " + Quoted(*role) + " does not exist",
                 path);
  }
  if (index != kNoEntry) {
    Json& entry = (**table)[ListOf(type_name)][index];
    entry.erase("comment");
    if (*comment) entry["comment"] = **comment;
  }
  return Commit(state, std::move(document), path,
                PermissionObjectName(ref->source, ref->table, type_name, *role));
}

std::string PermissionCommandOfQueryType(std::string_view type) {
  for (std::string_view name :
       {"create_select_permission", "drop_select_permission", "set_permission_comment"}) {
    if (type == name) return "pg_" + std::string(name);
  }
  return "";
}

std::string PermissionDependencyText(std::string_view source, const PermissionRef& permission) {
  return "permission " + TableText(permission.table) + "." + permission.role + "." +
         permission.type + " in source " + Quoted(source);
}

std::vector<PermissionRef> PermissionsUsingRelationship(const Json& source_entry,
                                                        std::string_view source,
                                                        const QualifiedName& table,
                                                        std::string_view relationship,
                                                        const CommandContext& context) {
  Json copy = source_entry;  // FindTable takes a mutable entry
  const RelationshipUse use{copy, source, table, relationship, context};
  std::vector<PermissionRef> found;
  const auto tables = source_entry.find("tables");
  if (tables == source_entry.end() || !tables->is_array()) return found;
  for (const Json& entry : *tables) {
    if (!entry.is_object()) continue;
    const QualifiedName owner = EntryTableName(entry);
    for (std::string_view type : kPermissionTypes) {
      const auto list = entry.find(ListOf(type));
      if (list == entry.end() || !list->is_array()) continue;
      for (const Json& permission : *list) {
        const Json definition = permission.value("permission", Json::object());
        if (!definition.is_object()) continue;
        const bool uses = UsesRelationship(use, owner, definition.value("filter", Json()), 0) ||
                          UsesRelationship(use, owner, definition.value("check", Json()), 0);
        if (uses) found.push_back({owner, std::string(type), EntryRole(permission)});
      }
    }
  }
  std::sort(found.begin(), found.end(), [source](const PermissionRef& a, const PermissionRef& b) {
    return PermissionDependencyText(source, a) < PermissionDependencyText(source, b);
  });
  return found;
}

Result<ObjectChange> DropRelationshipAndDependents(CommandState& state, const Command& command,
                                                   const CommandContext& context) {
  // Malformed args, an unknown table or relationship: DropRelationship reports them.
  const std::string path = JsonPathKey(command.path, "args");
  const Json& args = *command.args;
  if (!args.is_object()) return DropRelationship(state, command, context);
  Result<TableRef> ref = ReadTableRef(args, path);
  Result<std::string> name = ReadString(args, "relationship", path);
  Result<bool> cascade = ReadOptionalBool(args, "cascade", path, false);
  if (!ref || !name || !cascade) return DropRelationship(state, command, context);

  Json document = state.metadata.document();
  Result<Json*> source = FindSource(document, ref->source, path);
  if (!source) return DropRelationship(state, command, context);
  const std::vector<PermissionRef> dependents =
      PermissionsUsingRelationship(**source, ref->source, ref->table, *name, context);
  if (dependents.empty()) return DropRelationship(state, command, context);
  if (!*cascade) {
    std::vector<std::string> texts;
    for (const PermissionRef& permission : dependents) {
      texts.push_back(PermissionDependencyText(ref->source, permission));
    }
    return DependentObjectsExist(std::move(texts), path);
  }
  for (const PermissionRef& permission : dependents) {
    Json* owner = FindTable(**source, permission.table);
    Json& list = (*owner)[ListOf(permission.type)];
    list.erase(FindEntry(list, "role", Json(permission.role)));
    *owner = CanonicalTable(*owner);
  }
  // RunCommand restores the state if the drop itself fails.
  if (Status status = CommitDocument(state, std::move(document), path); !status) {
    return status.error();
  }
  return DropRelationship(state, command, context);
}

}  // namespace junction::metadata
