#pragma once
// The sources section of the metadata document as the source, table and relationship commands
// read and edit it (source_commands.h, table_commands.h, relationship_commands.h), in the shapes
// and order Hasura's export writes (sourcesToOrdJSONList in Hasura's Metadata/Serialization.hs):
//
//   {"name":"default","kind":"postgres","tables":[
//     {"table":{"name":"authors","schema":"public"},"configuration":{…},
//      "object_relationships":[…],"array_relationships":[…]}],"configuration":{…}}
//
// Sources are ordered by name ("default" first), tables by schema then name, relationships by
// name; empty relationship lists are left out. Objects Hasura prints from Haskell records
// (configurations, relationship definitions) have their keys sorted, as aeson prints them.
//
// Also here: the names Hasura gives these objects in inconsistency reports ("table authors in
// source default"), which schema::FindInconsistentObjects must use too, so that the commands can
// tell which inconsistent object is the one they changed.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"
#include "metadata/catalog.h"
#include "metadata/commands.h"

namespace junction::metadata {

inline constexpr std::string_view kDefaultSource = "default";
inline constexpr std::string_view kDefaultSchema = "public";
// The one schema of a SQLite source's tables.
inline constexpr std::string_view kSqliteSchema = "main";
inline constexpr std::string_view kPostgresKind = "postgres";
inline constexpr std::string_view kSqliteKind = "sqlite";
inline constexpr std::string_view kBigQueryKind = "bigquery";

// The kind of a sources entry: its "kind", or "postgres" when it has none (as Hasura reads it).
std::string SourceKind(const Json& source);
// Whether Junction has a backend for a sources entry's kind (postgres, sqlite, bigquery).
bool IsServedKind(std::string_view kind);
// Whether `metadata` has a source called `name`.
bool HasSource(const Metadata& metadata, std::string_view name);

// Hasura's text of a table: "authors" in public, "library.authors" elsewhere.
std::string TableText(const QualifiedName& table);
// `text` in double quotes (Hasura's <<> and <>>).
std::string Quoted(std::string_view text);
// Hasura's JSON of a table: {"name":"authors","schema":"public"}.
Json TableJson(const QualifiedName& table);
// A BigQuery source's entry with every table name the commands wrote in their {"name","schema"}
// form (a table's `table`, a manual configuration's `remote_table`) in BigQuery's
// {"dataset","name"} form, as Hasura's export writes them. ReadTableName reads both.
void WriteBigQueryTableNames(Json& source);

// Inconsistent-object names: "source default", "table authors in source default",
// "object_relation author in table books in source default" ("array_relation …").
std::string SourceObjectName(std::string_view source);
std::string TableObjectName(std::string_view source, const QualifiedName& table);
std::string RelationshipObjectName(std::string_view source, const QualifiedName& table,
                                   std::string_view kind, std::string_view relationship);
// "remote_relationship album in table track in source default" (inconsistent-object type
// "remote_relationship").
std::string RemoteRelationshipObjectName(std::string_view source, const QualifiedName& table,
                                         std::string_view name);
// "select_permission user in table authors in source default" (inconsistent-object type
// "select_permission"; `type` is "select", "insert", "update" or "delete").
std::string PermissionObjectName(std::string_view source, const QualifiedName& table,
                                 std::string_view type, std::string_view role);

// Reads a table name at `path`: "authors" (schema public), {"schema"?, "name"}, or the
// data-connector form of SQLite sources, ["main", "albums"] or ["albums"] (schema main).
Result<QualifiedName> ReadTableName(const Json& value, const std::string& path);

// The source and table a command names: {"source"?: (default "default"), "table"}.
struct TableRef {
  std::string source;
  QualifiedName table;
};
// REQUIRES: `args` is an object.
Result<TableRef> ReadTableRef(const Json& args, const std::string& path);

// Optional members of an args object: absent or null gives `fallback`.
Result<bool> ReadOptionalBool(const Json& object, std::string_view key, const std::string& path,
                              bool fallback);
Result<std::string> ReadOptionalString(const Json& object, std::string_view key,
                                       const std::string& path, std::string_view fallback);
// A required string member.
Result<std::string> ReadString(const Json& object, std::string_view key, const std::string& path);
// A required member, or Hasura's `key "<key>" not found` at `path`.
Result<const Json*> ReadMember(const Json& object, std::string_view key, const std::string& path);

// `value` with the keys of every object in it sorted (aeson's order).
Json SortedKeys(const Json& value);

// The "name" of an entry, or "" when it has no string name.
std::string EntryName(const Json& entry);

inline constexpr size_t kNoEntry = static_cast<size_t>(-1);
// The index in `entries` of the entry whose `key` member equals `value`, or kNoEntry.
size_t FindEntry(const Json& entries, std::string_view key, const Json& value);
// Inserts `entry` into `entries` before the first entry `less` says comes after it.
template <typename Less>
void InsertOrdered(Json& entries, Json entry, Less less) {
  size_t at = 0;
  while (at < entries.size() && !less(entry, entries[at])) ++at;
  entries.insert(entries.begin() + static_cast<std::ptrdiff_t>(at), std::move(entry));
}

// The source entry named `source` in `document`, or not-exists
// `source with name "<source>" does not exist` at `path`.
Result<Json*> FindSource(Json& document, std::string_view source, const std::string& path);
// Like FindSource, and also refuses a source the engine cannot serve, as Hasura does (unexpected
// `source with name "<source>" is inconsistent`).
Result<Json*> FindConsistentSource(Json& document, const Metadata& metadata,
                                   std::string_view source, const CommandContext& context,
                                   const std::string& path);
// The table entry for `table` in a source entry, or null.
Json* FindTable(Json& source, const QualifiedName& table);
// The tracked table `table` of `source`, or not-exists
// `table "<table>" does not exist in source: <source>` at `path`.
Result<Json*> FindTrackedTable(Json& document, std::string_view source, const QualifiedName& table,
                               const std::string& path);
// The table name of a table entry ({"table":…}); an entry that FromJson accepted but that names
// no valid table gives an empty name.
QualifiedName EntryTableName(const Json& table_entry);

// What a command that changes one object of the metadata answers: its response, and Hasura's name
// of the object (as above) so RunCommand can tell whether the change made it inconsistent. The
// name is empty for the commands Hasura checks with withNewInconsistentObjsCheck (untrack, drop
// and rename relationship), whose new inconsistencies answer "cannot continue due to newly found
// inconsistent metadata".
struct ObjectChange {
  Json response;
  std::string object;
};

// A table entry with its members in Hasura's export order (table, is_enum, configuration,
// object_relationships, array_relationships, computed_fields, …), empty lists left out, members
// Junction does not know kept after those.
Json CanonicalTable(const Json& table_entry);
// Tables in Hasura's export order: by schema, then name.
bool TableBefore(const Json& a, const Json& b);

// The table a relationship entry of `table` in `source` points to: its manual_configuration's
// remote_table, its foreign_key_constraint_on's table, or, for an object relationship on a foreign
// key of `table` itself, the table that key references in the source's catalog. Empty when it
// cannot be told.
std::optional<QualifiedName> RelationshipTarget(const Json& relationship, std::string_view source,
                                                const QualifiedName& table,
                                                const CommandContext& context);

// Hasura's dependency-error for objects that depend on what a command drops:
// "cannot drop due to the following dependent objects: <texts sorted, comma-separated>".
Error DependentObjectsExist(std::vector<std::string> texts, const std::string& path);

// Makes `document` the state's metadata (the resource version kept) and marks it modified.
Status CommitDocument(CommandState& state, Json document, const std::string& path);

}  // namespace junction::metadata
