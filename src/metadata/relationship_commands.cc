#include "metadata/relationship_commands.h"

#include <utility>
#include <vector>

#include "metadata/manage_metadata.h"

namespace junction::metadata {
namespace {

constexpr const char* kLists[] = {"object_relationships", "array_relationships"};

Error ParseFailed(std::string message, std::string path) {
  return Error(ErrorCode::kParseFailed, std::move(message), std::move(path));
}

// The {source?, table} of a command's args, which must be an object (Hasura's `what`).
Result<TableRef> ReadTableArgs(const Json& args, const std::string& path, std::string_view what) {
  if (args.is_object()) return ReadTableRef(args, path);
  if (what == "WithTable") return ParseFailed("expecting an Object with key 'table'", path);
  return TypeMismatch(path, what, "Object", args);
}

// A column list given as "c" or ["c1", …] (Hasura's parseColumns), non-empty.
Result<std::vector<std::string>> ReadColumns(const Json& value, const std::string& path) {
  if (value.is_string()) return std::vector<std::string>{value.get<std::string>()};
  if (!value.is_array()) return ParseFailed("Expected string or array", path);
  if (value.empty()) return ParseFailed("parsing NonEmpty failed, unexpected empty list", path);
  std::vector<std::string> columns;
  for (size_t i = 0; i < value.size(); ++i) {
    if (!value[i].is_string()) {
      return TypeMismatch(JsonPathIndex(path, i), "Text", "String", value[i]);
    }
    columns.push_back(value[i].get<std::string>());
  }
  return columns;
}

// Hasura prints one column as itself and several as an array.
Json ColumnsJson(const std::vector<std::string>& columns) {
  if (columns.size() == 1) return columns.front();
  return Json(columns);
}

// {"table":t,"column":… | "columns":…} → {"column":c | "columns":[…],"table":{"name","schema"}}.
Result<Json> NormalizeKeyOfTable(const Json& value, const std::string& path) {
  Result<const Json*> table_value = ReadMember(value, "table", path);
  if (!table_value) return table_value.error();
  Result<QualifiedName> table = ReadTableName(**table_value, JsonPathKey(path, "table"));
  if (!table) return table.error();
  const auto column = value.find("column");
  const auto columns = value.find("columns");
  const bool has_column = column != value.end() && !column->is_null();
  if (has_column == (columns != value.end() && !columns->is_null())) {
    return ParseFailed("expected exactly one of 'column' or 'columns'", path);
  }
  Result<std::vector<std::string>> list = has_column
                                              ? ReadColumns(*column, JsonPathKey(path, "column"))
                                              : ReadColumns(*columns, JsonPathKey(path, "columns"));
  if (!list) return list.error();
  Json out = Json::object();
  out[list->size() == 1 ? "column" : "columns"] = ColumnsJson(*list);
  out["table"] = TableJson(*table);
  return out;
}

// An array relationship's key: Hasura's ArrRelUsingFKeyOn.
Result<Json> NormalizeArrayForeignKey(const Json& value, const std::string& path) {
  if (!value.is_object()) return ParseFailed("Expecting object { table, columns }.", path);
  return NormalizeKeyOfTable(value, path);
}

// An object relationship's key (Hasura's ObjRelUsingChoice): columns of the table itself, or a
// key of another table.
Result<Json> NormalizeObjectForeignKey(const Json& value, const std::string& path) {
  if (value.is_object()) return NormalizeKeyOfTable(value, path);
  Result<std::vector<std::string>> columns = ReadColumns(value, path);
  if (!columns) return columns.error();
  return ColumnsJson(*columns);
}

Result<Json> NormalizeManualConfiguration(const Json& value, const std::string& path) {
  if (!value.is_object()) return ParseFailed("manual_configuration should be an object", path);
  Result<const Json*> table_value = ReadMember(value, "remote_table", path);
  if (!table_value) return table_value.error();
  Result<QualifiedName> table = ReadTableName(**table_value, JsonPathKey(path, "remote_table"));
  if (!table) return table.error();
  Result<const Json*> mapping = ReadMember(value, "column_mapping", path);
  if (!mapping) return mapping.error();
  const std::string mapping_path = JsonPathKey(path, "column_mapping");
  if (!(*mapping)->is_object()) return TypeMismatch(mapping_path, "HashMap", "Object", **mapping);
  for (const auto& [column, remote] : (*mapping)->items()) {
    if (!remote.is_string())
      return TypeMismatch(JsonPathKey(mapping_path, column), "Text", "String", remote);
  }
  Result<std::string> order = ReadOptionalString(value, "insertion_order", path, "");
  if (!order) return order.error();
  if (!order->empty() && *order != "before_parent" && *order != "after_parent") {
    return ParseFailed("insertion_order should be one of before_parent, after_parent",
                       JsonPathKey(path, "insertion_order"));
  }
  Json out = Json::object();
  out["column_mapping"] = SortedKeys(**mapping);
  out["insertion_order"] = order->empty() ? Json() : Json(*order);
  out["remote_table"] = TableJson(*table);
  return out;
}

Result<Json> NormalizeUsing(const Json& value, const std::string& path, std::string_view kind) {
  if (!value.is_object()) return ParseFailed("using should be an object", path);
  const auto key = value.find("foreign_key_constraint_on");
  const auto manual = value.find("manual_configuration");
  const bool has_key = key != value.end();
  if (has_key == (manual != value.end())) {
    return ParseFailed(
        std::string(has_key ? "only" : "atleast") +
            " one of foreign_key_constraint_on/manual_configuration should be present",
        path);
  }
  Json out = Json::object();
  if (has_key) {
    const std::string key_path = JsonPathKey(path, "foreign_key_constraint_on");
    Result<Json> normalized = kind == "object" ? NormalizeObjectForeignKey(*key, key_path)
                                               : NormalizeArrayForeignKey(*key, key_path);
    if (!normalized) return normalized.error();
    out["foreign_key_constraint_on"] = std::move(normalized).value();
    return out;
  }
  Result<Json> normalized =
      NormalizeManualConfiguration(*manual, JsonPathKey(path, "manual_configuration"));
  if (!normalized) return normalized.error();
  out["manual_configuration"] = std::move(normalized).value();
  return out;
}

// Where a relationship of a table entry is: its list and index; the list is empty when the table
// has no relationship of that name.
struct RelationshipSlot {
  std::string list;
  size_t index = kNoEntry;
};

RelationshipSlot FindRelationship(const Json& table_entry, std::string_view name) {
  for (const char* list : kLists) {
    const auto it = table_entry.find(list);
    if (it == table_entry.end() || !it->is_array()) continue;
    const size_t index = FindEntry(*it, "name", Json(std::string(name)));
    if (index != kNoEntry) return {list, index};
  }
  return {};
}

bool IsColumn(const TableRef& ref, std::string_view name, const CommandContext& context) {
  if (!context.find_catalog) return false;
  const Catalog* catalog = context.find_catalog(ref.source);
  const CatalogTable* table = catalog == nullptr ? nullptr : catalog->FindTable(ref.table);
  return table != nullptr && table->FindColumn(name) != nullptr;
}

bool NameBefore(const Json& a, const Json& b) { return EntryName(a) < EntryName(b); }

Error MissingRelationship(std::string_view name, const std::string& path) {
  return Error(ErrorCode::kNotExists, "relationship " + Quoted(name) + " does not exist", path);
}

Result<ObjectChange> Commit(CommandState& state, Json document, const std::string& path,
                            std::string object) {
  if (Status status = CommitDocument(state, std::move(document), path); !status) {
    return status.error();
  }
  return ObjectChange{SuccessMessage(), std::move(object)};
}

}  // namespace

Result<ObjectChange> CreateRelationship(CommandState& state, const Command& command,
                                        const CommandContext& context, std::string_view kind) {
  const std::string path = JsonPathKey(command.path, "args");
  const Json& args = *command.args;
  Result<TableRef> ref = ReadTableArgs(args, path, "WithTable");
  if (!ref) return ref.error();
  Result<std::string> name = ReadString(args, "name", path);
  if (!name) return name.error();
  Result<const Json*> using_value = ReadMember(args, "using", path);
  if (!using_value) return using_value.error();
  Result<Json> using_ = NormalizeUsing(**using_value, JsonPathKey(path, "using"), kind);
  if (!using_) return using_.error();
  const auto comment = args.find("comment");
  if (comment != args.end() && !comment->is_null() && !comment->is_string()) {
    return TypeMismatch(JsonPathKey(path, "comment"), "Text", "String", *comment);
  }

  Json document = state.metadata.document();
  Result<Json*> source = FindConsistentSource(document, state.metadata, ref->source, context, path);
  if (!source) return source.error();
  Result<Json*> table = FindTrackedTable(document, ref->source, ref->table, path);
  if (!table) return table.error();
  if (!FindRelationship(**table, *name).list.empty() || IsColumn(*ref, *name, context)) {
    return Error(ErrorCode::kAlreadyExists,
                 "field with name " + Quoted(*name) + " already exists in table " +
                     Quoted(TableText(ref->table)),
                 path);
  }
  Json relationship = Json::object();
  relationship["name"] = *name;
  relationship["using"] = std::move(using_).value();
  if (comment != args.end() && comment->is_string()) relationship["comment"] = *comment;
  Json& list = (**table)[std::string(kind) + "_relationships"];
  if (!list.is_array()) list = Json::array();
  InsertOrdered(list, std::move(relationship), NameBefore);
  **table = CanonicalTable(**table);
  return Commit(state, std::move(document), path,
                RelationshipObjectName(ref->source, ref->table, kind, *name));
}

Result<ObjectChange> DropRelationship(CommandState& state, const Command& command,
                                      const CommandContext&) {
  const std::string path = JsonPathKey(command.path, "args");
  const Json& args = *command.args;
  Result<TableRef> ref = ReadTableArgs(args, path, "DropRel");
  if (!ref) return ref.error();
  Result<std::string> name = ReadString(args, "relationship", path);
  if (!name) return name.error();
  if (Result<bool> cascade = ReadOptionalBool(args, "cascade", path, false); !cascade) {
    return cascade.error();
  }

  Json document = state.metadata.document();
  Result<Json*> table = FindTrackedTable(document, ref->source, ref->table, path);
  if (!table) return table.error();
  const RelationshipSlot slot = FindRelationship(**table, *name);
  if (slot.list.empty()) return MissingRelationship(*name, path);
  (**table)[slot.list].erase(slot.index);
  **table = CanonicalTable(**table);
  // Hasura checks a drop with withNewInconsistentObjsCheck: no object of its own.
  return Commit(state, std::move(document), path, "");
}

Result<ObjectChange> RenameRelationship(CommandState& state, const Command& command,
                                        const CommandContext& context) {
  const std::string path = JsonPathKey(command.path, "args");
  const Json& args = *command.args;
  Result<TableRef> ref = ReadTableArgs(args, path, "RenameRel");
  if (!ref) return ref.error();
  Result<std::string> name = ReadString(args, "name", path);
  if (!name) return name.error();
  Result<std::string> new_name = ReadString(args, "new_name", path);
  if (!new_name) return new_name.error();

  Json document = state.metadata.document();
  Result<Json*> table = FindTrackedTable(document, ref->source, ref->table, path);
  if (!table) return table.error();
  const RelationshipSlot slot = FindRelationship(**table, *name);
  if (slot.list.empty()) return MissingRelationship(*name, path);
  if (!FindRelationship(**table, *new_name).list.empty() || IsColumn(*ref, *new_name, context)) {
    return Error(ErrorCode::kAlreadyExists,
                 "cannot rename relationship " + Quoted(*name) + " to " + Quoted(*new_name) +
                     " in table " + Quoted(TableText(ref->table)) +
                     " as a column/relationship with the name already exists",
                 path);
  }
  Json& list = (**table)[slot.list];
  Json relationship = list[slot.index];
  relationship["name"] = *new_name;
  list.erase(slot.index);
  InsertOrdered(list, std::move(relationship), NameBefore);
  // Hasura checks a rename with withNewInconsistentObjsCheck: no object of its own.
  return Commit(state, std::move(document), path, "");
}

Result<ObjectChange> SetRelationshipComment(CommandState& state, const Command& command,
                                            const CommandContext&) {
  const std::string path = JsonPathKey(command.path, "args");
  const Json& args = *command.args;
  Result<TableRef> ref = ReadTableArgs(args, path, "SetRelComment");
  if (!ref) return ref.error();
  Result<std::string> name = ReadString(args, "relationship", path);
  if (!name) return name.error();
  Result<std::string> comment = ReadOptionalString(args, "comment", path, "");
  if (!comment) return comment.error();
  const bool has_comment = args.contains("comment") && !args["comment"].is_null();

  Json document = state.metadata.document();
  Result<Json*> table = FindTrackedTable(document, ref->source, ref->table, path);
  if (!table) return table.error();
  const RelationshipSlot slot = FindRelationship(**table, *name);
  if (slot.list.empty()) return MissingRelationship(*name, path);
  Json& relationship = (**table)[slot.list][slot.index];
  relationship.erase("comment");
  if (has_comment) relationship["comment"] = *comment;
  const std::string kind = slot.list == "object_relationships" ? "object" : "array";
  return Commit(state, std::move(document), path,
                RelationshipObjectName(ref->source, ref->table, kind, *name));
}

}  // namespace junction::metadata
