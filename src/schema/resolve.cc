#include "schema/resolve.h"

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "graphql/lexer.h"
#include "metadata/source_metadata.h"
#include "schema/resolve_internal.h"
#include "schema/table_schema.h"

namespace junction::schema {
namespace {

using metadata::Catalog;
using metadata::CatalogColumn;
using metadata::CatalogTable;
using metadata::InconsistentObject;
using metadata::Json;
using metadata::QualifiedName;

// Hasura's `configuration.custom_root_fields` entry: a name, or {"name", "comment"}.
void ReadRootField(const Json& config, std::string_view key, std::string& name,
                   std::string& comment) {
  const Json* entry = FindKey(config, key);
  if (entry == nullptr) return;
  if (entry->is_string()) {
    name = entry->get<std::string>();
    return;
  }
  name = StringAt(*entry, "name").value_or(name);
  comment = StringAt(*entry, "comment").value_or("");
}

// The GraphQL name of column `column`: column_config's custom_name, else the legacy
// custom_column_names, else the column's own name.
std::string ColumnGraphqlName(const Json& config, const std::string& column) {
  if (const Json* column_config = FindKey(config, "column_config")) {
    if (const Json* entry = FindKey(*column_config, column)) {
      if (auto name = StringAt(*entry, "custom_name")) return *name;
    }
  }
  if (const Json* names = FindKey(config, "custom_column_names")) {
    if (auto name = StringAt(*names, column)) return *name;
  }
  return column;
}

std::optional<std::string> ColumnComment(const Json& config, const CatalogColumn& column) {
  if (const Json* column_config = FindKey(config, "column_config")) {
    if (const Json* entry = FindKey(*column_config, column.name)) {
      if (auto comment = StringAt(*entry, "comment")) return comment;
    }
  }
  return column.description;
}

Column MakeColumn(const Json& config, const CatalogColumn& source, PgScalar scalar) {
  Column column;
  column.name = source.name;
  column.graphql_name = ColumnGraphqlName(config, source.name);
  column.type = source.type;
  column.type_schema = source.type_schema;
  column.is_array = source.is_array;
  column.nullable = source.nullable;
  column.scalar = std::move(scalar.graphql_name);
  column.scalar_kind = scalar.kind;
  column.description = ColumnComment(config, source);
  return column;
}

Backend BackendOf(std::string_view kind) {
  if (kind == metadata::kSqliteKind) return Backend::kSqlite;
  if (kind == metadata::kBigQueryKind) return Backend::kBigQuery;
  return Backend::kPostgres;
}

// What two BigQuery sources must share for one query to join their datasets: the credentials
// and the project the jobs run in, as the configuration writes them (the same `from_env` variable
// counts as the same value), and the location BigQuery reported for the datasets (`catalog`:
// BigQuery cannot join across locations, and Hasura's configuration does not say where they
// are). Empty — never co-located — when the location is unknown or the datasets are in several.
std::string CoLocation(const Json& source, const Catalog& catalog) {
  const Json* configuration = FindKey(source, "configuration");
  if (configuration == nullptr || !configuration->is_object() || catalog.location.empty()) {
    return {};
  }
  Json key = Json::object();
  for (const char* member : {"service_account", "project_id"}) {
    if (const Json* value = FindKey(*configuration, member)) key[member] = *value;
  }
  key["location"] = catalog.location;
  return key.dump();
}

Table MakeTable(const std::string& source, Backend backend, const Catalog& catalog,
                const CatalogTable& found, const Json& config) {
  Table table;
  table.source = source;
  table.backend = backend;
  table.name = found.name;
  // A SQLite table is named as in its (only) schema, "main".
  table.graphql_name =
      StringAt(config, "custom_name")
          .value_or(backend == Backend::kSqlite ? found.name.name : SnakeCaseName(found.name));
  for (const CatalogColumn& column : found.columns) {
    if (column.type_schema == metadata::kBigQueryTypeSchema) {
      table.columns.push_back(MakeColumn(config, column, BigQueryScalarFor(column.type)));
      continue;
    }
    if (column.type_schema == metadata::kSqliteTypeSchema) {
      // A column no scalar describes (SQLite's BLOB affinity) is left out.
      if (std::optional<PgScalar> scalar = SqliteScalarFor(column.type)) {
        table.columns.push_back(MakeColumn(config, column, std::move(*scalar)));
      }
      continue;
    }
    const bool is_enum = catalog.enums.contains(QualifiedName{column.type_schema, column.type});
    table.columns.push_back(MakeColumn(config, column, PgScalarFor(column.type, is_enum)));
  }
  table.primary_key = found.primary_key;
  table.description = found.description;
  table.root_fields = {table.graphql_name, table.graphql_name + "_by_pk",
                       table.graphql_name + "_aggregate"};
  if (const Json* custom = FindKey(config, "custom_root_fields")) {
    ReadRootField(*custom, "select", table.root_fields.select, table.root_field_comments.select);
    ReadRootField(*custom, "select_by_pk", table.root_fields.select_by_pk,
                  table.root_field_comments.select_by_pk);
    ReadRootField(*custom, "select_aggregate", table.root_fields.select_aggregate,
                  table.root_field_comments.select_aggregate);
  }
  return table;
}

// Why `table` cannot be in the GraphQL schema (a name that is not a GraphQL name), if it cannot.
std::optional<std::string> InvalidName(const Table& table) {
  const std::string shown = Quoted(QualifiedText(table.name));
  if (!graphql::IsName(table.graphql_name)) {
    return "cannot include " + shown + " in the GraphQL schema because " +
           Quoted(table.graphql_name) + " is not a valid GraphQL identifier";
  }
  for (const std::string* name : {&table.root_fields.select, &table.root_fields.select_by_pk,
                                  &table.root_fields.select_aggregate}) {
    if (!graphql::IsName(*name)) return Quoted(*name) + " is not a valid GraphQL name";
  }
  if (table.columns.empty())
    return "in table " + shown + ": a table without columns is not supported";
  const std::vector<std::string> roots = RootFieldNamesOf(table);
  if (std::set<std::string>(roots.begin(), roots.end()).size() != roots.size()) {
    return "in table " + shown + ": the custom root fields are not distinct";
  }
  std::set<std::string> fields;
  for (const Column& column : table.columns) {
    if (!fields.insert(column.graphql_name).second) {
      return "in table " + shown + ": more than one column is named " +
             Quoted(column.graphql_name) + " in the GraphQL schema";
    }
    if (!graphql::IsName(column.graphql_name)) {
      return "in table " + shown + ": column " + Quoted(column.name) +
             " cannot be in the GraphQL schema because " + Quoted(column.graphql_name) +
             " is not a valid GraphQL name";
    }
    if (!graphql::IsName(column.scalar)) {
      return "cannot use SQL type " + Quoted(column.scalar) +
             " in the GraphQL schema because its name is not a valid GraphQL identifier";
    }
  }
  return std::nullopt;
}

// The GraphQL names each consistent table of the whole metadata has claimed so far, to find
// clashes between tables: every source's root fields and types go into one schema.
class NameClaims {
 public:
  // `shared`: the types every table may use (column scalars, comparison expressions, order_by,
  // the root types, the built-in scalars), which no table's own types may take.
  explicit NameClaims(std::set<std::string> shared) : shared_(std::move(shared)) {}

  // Claims `table`'s type and root field names; on a clash, names the earlier claimant instead.
  std::optional<std::string> Claim(const Table& table) {
    const std::vector<std::string> types = TableTypeNames(table);
    const std::vector<std::string> fields = RootFieldNamesOf(table);
    for (const std::string& type : types) {
      if (shared_.contains(type)) {
        return "the GraphQL type " + Quoted(type) + " clashes with a type the schema needs";
      }
      if (const Owner* owner = Find(types_, type)) return Clash("type", type, table, *owner);
    }
    for (const std::string& field : fields) {
      if (const Owner* owner = Find(fields_, field)) {
        return Clash("root field", field, table, *owner);
      }
    }
    const Owner owner{table.source, QualifiedText(table.name)};
    for (const std::string& type : types) types_.emplace(type, owner);
    for (const std::string& field : fields) fields_.emplace(field, owner);
    return std::nullopt;
  }

 private:
  // The table that claimed a name.
  struct Owner {
    std::string source;
    std::string table;  // QualifiedText
  };

  static const Owner* Find(const std::map<std::string, Owner>& claims, const std::string& name) {
    const auto it = claims.find(name);
    return it == claims.end() ? nullptr : &it->second;
  }
  // The earlier claimant is named with its source when that is not `table`'s.
  static std::string Clash(std::string_view what, const std::string& name, const Table& table,
                           const Owner& owner) {
    std::string text = "the GraphQL " + std::string(what) + " " + Quoted(name) +
                       " is already generated for table " + Quoted(owner.table);
    if (owner.source != table.source) text += " in source " + Quoted(owner.source);
    return text;
  }

  std::set<std::string> shared_;
  std::map<std::string, Owner> types_;
  std::map<std::string, Owner> fields_;
};

// A source whose catalog was read: its metadata entry and what it resolves into.
struct IntrospectedSource {
  const Json* entry;
  const Catalog* catalog;
  Source* source;
};

// A table that exists and has valid names, waiting for the GraphQL name check.
struct Candidate {
  size_t source_index;  // in the metadata's sources
  size_t table_index;   // in the source's `tables`
  Table table;
};

// The tracked tables of `introspected` (the `source_index`th source) that exist and have valid
// names, as candidates; the others become inconsistent objects. Adds the shared type names the
// candidates' columns need to `shared`.
void CollectCandidates(const IntrospectedSource& introspected, size_t source_index,
                       std::set<std::string>& shared, std::vector<Candidate>& candidates,
                       std::vector<InconsistentObject>& out) {
  const Json* tables = FindKey(*introspected.entry, "tables");
  if (tables == nullptr || !tables->is_array()) return;
  const std::string& source = introspected.source->name;
  for (size_t j = 0; j < tables->size(); ++j) {
    const Json& entry = (*tables)[j];
    const std::optional<QualifiedName> name = TableNameOf(entry);
    if (!name) continue;
    const CatalogTable* found = introspected.catalog->FindTable(*name);
    const Backend backend = BackendOf(introspected.source->kind);
    if (found == nullptr) {
      out.push_back(TableInconsistency(
          source, *name, source_index, j,
          "no such table/view exists in source: " + Quoted(QualifiedText(*name)), backend));
      continue;
    }
    const Json* config = FindKey(entry, "configuration");
    Table table = MakeTable(source, backend, *introspected.catalog, *found,
                            config ? *config : Json::object());
    if (backend == Backend::kBigQuery) {
      // As the source's connection read it (backends/bigquery ParseSourceConfig); Hasura's 1000
      // for a catalog made by hand.
      table.global_select_limit = introspected.catalog->global_select_limit.value_or(1000);
    }
    if (std::optional<std::string> problem = InvalidName(table)) {
      out.push_back(TableInconsistency(source, *name, source_index, j, *problem, backend));
      continue;
    }
    for (std::string& type : ColumnTypeNames(table)) shared.insert(std::move(type));
    candidates.push_back({source_index, j, std::move(table)});
  }
}

// A table that made it into the model, waiting for its relationships.
struct Tracked {
  size_t source_index;
  size_t table_index;
  Table* table;
};

// Claims the candidates' names in metadata order; those that clash with an earlier table become
// inconsistent objects (in `found`, per source), the others go into their source's model.
std::vector<Tracked> ClaimNames(std::vector<Candidate>& candidates, std::set<std::string> shared,
                                const std::vector<std::optional<IntrospectedSource>>& postgres,
                                std::vector<std::vector<InconsistentObject>>& found) {
  NameClaims claims(std::move(shared));
  std::vector<Tracked> tracked;
  for (Candidate& candidate : candidates) {
    if (std::optional<std::string> problem = claims.Claim(candidate.table)) {
      found[candidate.source_index].push_back(
          TableInconsistency(candidate.table.source, candidate.table.name, candidate.source_index,
                             candidate.table_index, *problem, candidate.table.backend));
      continue;
    }
    Source& source = *postgres[candidate.source_index]->source;
    const QualifiedName name = candidate.table.name;
    Table& stored = source.tables.emplace(name, std::move(candidate.table)).first->second;
    tracked.push_back({candidate.source_index, candidate.table_index, &stored});
  }
  return tracked;
}

// The metadata entry of a tracked table of `source`.
const Json& TableEntry(const IntrospectedSource& source, const Tracked& table) {
  return (*FindKey(*source.entry, "tables"))[table.table_index];
}

InconsistentObject SourceInconsistency(const Json& entry, size_t index, std::string reason) {
  return {"source",
          "source " + StringAt(entry, "name").value_or(""),
          std::string(kInconsistentPrefix) + std::move(reason),
          entry,
          "sources",
          index};
}

// Whether the source entry has a customization with a member set (pg_add_source refuses one;
// replace_metadata may still bring one).
bool HasCustomization(const Json& entry) {
  const Json* customization = FindKey(entry, "customization");
  if (customization == nullptr || !customization->is_object()) return false;
  for (const auto& [key, value] : customization->items()) {
    if (!value.is_null()) return true;
  }
  return false;
}

// Checks the `index`th source entry: its Source in `model` when it is a Postgres source whose
// catalog was read, else nullopt and the source's inconsistency in `out`.
std::optional<IntrospectedSource> CheckSource(const Json& entry, size_t index,
                                              const metadata::Catalogs& catalogs,
                                              SourceModel& model,
                                              std::vector<InconsistentObject>& out) {
  const std::string name = StringAt(entry, "name").value_or("");
  // Hasura reads a source without "kind" as Postgres.
  const std::string kind = metadata::SourceKind(entry);
  if (!metadata::IsServedKind(kind)) {
    out.push_back(SourceInconsistency(entry, index,
                                      "sources of kind \"" + kind +
                                          "\" are not supported by Junction yet (no " + kind +
                                          " backend)"));
    return std::nullopt;
  }
  if (HasCustomization(entry)) {
    out.push_back(
        SourceInconsistency(entry, index, "source customization is not supported by Junction yet"));
    return std::nullopt;
  }
  const auto catalog = catalogs.find(name);
  if (catalog == catalogs.end()) {
    out.push_back(SourceInconsistency(
        entry, index, "the database of source \"" + name + "\" was not introspected"));
    return std::nullopt;
  }
  if (!catalog->second) {
    // Hasura names the source as the definition and keeps the database's words apart.
    InconsistentObject object = SourceInconsistency(entry, index, "connection error");
    object.definition = name;
    object.message = catalog->second.error().message;
    out.push_back(std::move(object));
    return std::nullopt;
  }
  Source& source = model.sources[name];
  source.name = name;
  source.kind = kind;
  if (kind == metadata::kBigQueryKind) source.co_location = CoLocation(entry, *catalog->second);
  return IntrospectedSource{&entry, &*catalog->second, &source};
}

}  // namespace

Resolved ResolveSources(const metadata::Metadata& metadata, const metadata::Catalogs& catalogs,
                        const metadata::RemoteSchemaCatalogs& remote_schemas) {
  auto model = std::make_shared<SourceModel>();
  const Json& sources = metadata.sources();
  // Per source, so that the result lists them in metadata order whatever the pass finding them.
  std::vector<std::vector<InconsistentObject>> found(sources.size());
  std::vector<std::optional<IntrospectedSource>> postgres(sources.size());
  std::set<std::string> shared = FixedTypeNames();
  std::vector<Candidate> candidates;
  for (size_t i = 0; i < sources.size(); ++i) {
    postgres[i] = CheckSource(sources[i], i, catalogs, *model, found[i]);
    if (postgres[i]) CollectCandidates(*postgres[i], i, shared, candidates, found[i]);
  }
  const std::vector<Tracked> tracked = ClaimNames(candidates, std::move(shared), postgres, found);
  for (const Tracked& table : tracked) {
    const IntrospectedSource& source = *postgres[table.source_index];
    ResolveRelationships(TableEntry(source, table), table.source_index, table.table_index,
                         *source.catalog, *source.source, *table.table, found[table.source_index]);
  }
  // Remote schemas once the tables have claimed their names; remote relationships last: their
  // targets may be in any source or remote schema.
  std::vector<InconsistentObject> remote_found;
  ResolveRemoteSchemas(metadata, remote_schemas, *model, remote_found);
  for (const Tracked& table : tracked) {
    ResolveRemoteRelationships(TableEntry(*postgres[table.source_index], table), table.source_index,
                               table.table_index, *model, *table.table, found[table.source_index]);
  }
  ResolveRemoteSchemaRelationships(metadata, *model, remote_found);
  found.push_back(std::move(remote_found));
  Resolved resolved;
  for (std::vector<InconsistentObject>& objects : found) {
    for (InconsistentObject& object : objects) {
      resolved.inconsistent_objects.push_back(std::move(object));
    }
  }
  resolved.model = std::move(model);
  return resolved;
}

}  // namespace junction::schema
