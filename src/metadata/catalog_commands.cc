#include "metadata/catalog_commands.h"

#include <string>
#include <string_view>

#include "metadata/source_metadata.h"

namespace junction::metadata {
namespace {

constexpr std::string_view kReasonPrefix = "Inconsistent object: ";

std::string_view KindName(CatalogTable::Kind kind) {
  switch (kind) {
    case CatalogTable::Kind::kTable:
      return "table";
    case CatalogTable::Kind::kView:
      return "view";
    case CatalogTable::Kind::kMaterializedView:
      return "materialized_view";
    case CatalogTable::Kind::kForeignTable:
      return "foreign_table";
    case CatalogTable::Kind::kPartitionedTable:
      return "partitioned_table";
  }
  return "table";
}

Json OptionalText(const std::optional<std::string>& text) { return text ? Json(*text) : Json(); }

// Why the engine holds no catalog for `source`: the underlying error of the source's inconsistency
// when the engine reports one (a connection refused, a missing SQLite file).
std::string MissingCatalogReason(const Metadata& metadata, std::string_view source,
                                 const CommandContext& context) {
  if (context.find_inconsistent_objects) {
    const std::string name = SourceObjectName(source);
    for (const InconsistentObject& object : context.find_inconsistent_objects(metadata)) {
      if (object.name != name) continue;
      if (object.message && !object.message->empty()) return *object.message;
      std::string_view reason = object.reason;
      if (reason.starts_with(kReasonPrefix)) reason.remove_prefix(kReasonPrefix.size());
      return std::string(reason);
    }
  }
  return "its database could not be read";
}

// The catalog of `source`, which the metadata must have and the engine must have read.
Result<const Catalog*> FindSourceCatalog(const Metadata& metadata, std::string_view source,
                                         const CommandContext& context, const std::string& path) {
  if (!HasSource(metadata, source)) {
    return Error(ErrorCode::kNotExists, "source with name " + Quoted(source) + " does not exist",
                 path);
  }
  const Catalog* catalog = context.find_catalog ? context.find_catalog(source) : nullptr;
  if (catalog != nullptr) return catalog;
  return Error(ErrorCode::kUnexpected,
               "source with name " + Quoted(source) +
                   " is inconsistent: " + MissingCatalogReason(metadata, source, context),
               path);
}

Result<const Json*> ObjectArgs(const Command& command, std::string_view what,
                               const std::string& path) {
  const Json& args = *command.args;
  if (!args.is_object()) return TypeMismatch(path, what, "Object", args);
  return &args;
}

Json ColumnJson(const CatalogColumn& column) {
  Json json = Json::object();
  json["name"] = column.name;
  json["type"] = column.type;
  json["nullable"] = column.nullable;
  json["is_array"] = column.is_array;
  json["has_default"] = column.has_default;
  json["description"] = OptionalText(column.description);
  return json;
}

Json TableInfoJson(const CatalogTable& table) {
  Json json = Json::object();
  json["name"] = TableJson(table.name);
  json["type"] = KindName(table.kind);
  Json columns = Json::array();
  for (const CatalogColumn& column : table.columns) columns.push_back(ColumnJson(column));
  json["columns"] = std::move(columns);
  json["primary_key"] = table.primary_key;
  Json unique = Json::array();
  for (const UniqueConstraint& constraint : table.unique_constraints) {
    unique.push_back(Json{{"constraint", constraint.constraint}, {"columns", constraint.columns}});
  }
  json["unique_constraints"] = std::move(unique);
  Json foreign_keys = Json::object();
  for (const ForeignKey& key : table.foreign_keys) {
    Json mapping = Json::object();
    for (const auto& [local, foreign] : key.column_mapping) mapping[local] = foreign;
    foreign_keys[key.constraint] = Json{{"foreign_table", TableJson(key.foreign_table)},
                                        {"column_mapping", std::move(mapping)}};
  }
  json["foreign_keys"] = std::move(foreign_keys);
  json["description"] = OptionalText(table.description);
  return json;
}

}  // namespace

Result<Json> GetSourceTables(const CommandState& state, const Command& command,
                             const CommandContext& context) {
  const std::string path = JsonPathKey(command.path, "args");
  Result<const Json*> args = ObjectArgs(command, "GetSourceTables", path);
  if (!args) return args.error();
  Result<std::string> source = ReadString(**args, "source", path);
  if (!source) return source.error();
  Result<const Catalog*> catalog = FindSourceCatalog(state.metadata, *source, context, path);
  if (!catalog) return catalog.error();
  Json tables = Json::array();
  for (const auto& [name, table] : (*catalog)->tables) tables.push_back(TableJson(name));
  return tables;
}

Result<Json> GetTableInfo(const CommandState& state, const Command& command,
                          const CommandContext& context) {
  const std::string path = JsonPathKey(command.path, "args");
  Result<const Json*> args = ObjectArgs(command, "GetTableInfo", path);
  if (!args) return args.error();
  Result<TableRef> ref = ReadTableRef(**args, path);
  if (!ref) return ref.error();
  Result<const Catalog*> catalog = FindSourceCatalog(state.metadata, ref->source, context, path);
  if (!catalog) return catalog.error();
  const CatalogTable* table = (*catalog)->FindTable(ref->table);
  if (table == nullptr) {
    return Error(ErrorCode::kNotExists,
                 "table " + Quoted(TableText(ref->table)) + " does not exist in the database of " +
                     "source " + Quoted(ref->source),
                 path);
  }
  return TableInfoJson(*table);
}

}  // namespace junction::metadata
