#include "schema/resolve_internal.h"

#include <utility>

#include "metadata/source_metadata.h"

namespace junction::schema {

using metadata::Json;
using metadata::QualifiedName;

std::string Quoted(std::string_view text) { return "\"" + std::string(text) + "\""; }

std::string QualifiedText(const QualifiedName& name) {
  return name.schema == "public" ? name.name : name.schema + "." + name.name;
}

std::string SnakeCaseName(const QualifiedName& name) {
  return name.schema == "public" ? name.name : name.schema + "_" + name.name;
}

std::optional<QualifiedName> QualifiedNameOf(const Json& reference) {
  Result<QualifiedName> name = metadata::ReadTableName(reference, "$");
  if (!name) return std::nullopt;
  return std::move(name).value();
}

std::optional<QualifiedName> TableNameOf(const Json& entry) {
  const Json* table = FindKey(entry, "table");
  return table == nullptr ? std::nullopt : QualifiedNameOf(*table);
}

Json QualifiedNameJson(const QualifiedName& name, Backend backend) {
  Json json = Json::object();
  if (backend == Backend::kBigQuery) {
    json["dataset"] = name.schema;
    json["name"] = name.name;
    return json;
  }
  json["name"] = name.name;
  json["schema"] = name.schema;
  return json;
}

metadata::InconsistentObject TableInconsistency(const std::string& source,
                                                const QualifiedName& table, size_t source_index,
                                                size_t table_index, std::string reason,
                                                Backend backend) {
  metadata::InconsistentObject object;
  object.type = "table";
  object.name = "table " + QualifiedText(table) + " in source " + source;
  object.reason = std::string(kInconsistentPrefix) + std::move(reason);
  object.definition = QualifiedNameJson(table, backend);
  object.section = "sources";
  object.index = source_index;
  object.pointer = "/tables/" + std::to_string(table_index);
  return object;
}

bool JoinableColumn(const Column& column) {
  if (column.type_schema != metadata::kBigQueryTypeSchema) return true;
  const std::string& type = column.type;
  return !column.is_array && type != "JSON" && type != "GEOGRAPHY" && !type.starts_with("STRUCT") &&
         !type.starts_with("ARRAY") && !type.starts_with("RANGE");
}

std::vector<std::string> RootFieldNamesOf(const Table& table) {
  std::vector<std::string> names = {table.root_fields.select};
  if (!table.primary_key.empty()) names.push_back(table.root_fields.select_by_pk);
  names.push_back(table.root_fields.select_aggregate);
  return names;
}

std::vector<std::string> FieldNamesOf(const std::string& name, Relationship::Kind kind) {
  if (kind == Relationship::Kind::kObject) return {name};
  return {name, name + "_aggregate"};
}

}  // namespace junction::schema
