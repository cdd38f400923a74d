#pragma once
// The metadata directory: Hasura's `hasura metadata apply` layout (config v3, REMOTE_JOINS.md §2),
// read into the inlined version-3 document replace_metadata takes, and written back from one.
//
//   metadata/
//     version.yaml                      version: 3
//     databases/databases.yaml          the sources; `tables: "!include
//     <source>/tables/tables.yaml"` databases/<source>/tables/tables.yaml         - "!include
//     <schema>_<table>.yaml" databases/<source>/tables/<schema>_<table>.yaml   one table (BigQuery:
//     <dataset>_<table>.yaml) databases/<source>/functions/functions.yaml, <schema>_<function>.yaml
//     remote_schemas.yaml, query_collections.yaml, allow_list.yaml, actions.yaml, actions.graphql,
//     cron_triggers.yaml, rest_endpoints.yaml, api_limits.yaml, metrics_config.yaml,
//     inherited_roles.yaml, graphql_schema_introspection.yaml, network.yaml,
//     backend_configs.yaml, opentelemetry.yaml
//
// Reading resolves `!include <path>` (a string value starting with "!include ", or a scalar tagged
// !include) anywhere, relative to the including file; a .yaml/.yml file gives its parsed value,
// any other file its text (Hasura's CLI does the same, e.g. for a query kept in a .graphql file).
// An include leaving the directory, of a missing file, or closing a cycle is an error. version.yaml
// is required; other missing or empty top-level files are absent sections. Reading remembers where
// every value came from, so that an error found later — by Metadata::FromJson here, or by a server
// answering replace_metadata — can name the file and line at fault.
//
// Writing is deterministic: the same document always gives the same bytes, and a directory read
// and written again is unchanged (export → apply → export gives identical bytes). It follows
// Hasura's CLI (cli/internal/metadataobject):
//   - every top-level file is written, empty ones as Hasura writes them for an empty project
//     (`[]`, `{}`, actions.yaml with empty actions and custom_types lists, an empty
//     actions.graphql), so an export does not leave stale files behind;
//   - databases.yaml entries put name, kind, configuration, query_tags, customization,
//     health_check, custom_return_types, native_queries first (Hasura's Source struct), then other
//     keys in the document's order, then `tables: "!include <source>/tables/tables.yaml"` (always,
//     `[]` when there are none) and `functions` (an include when there are some);
//   - inside files, keys keep the document's order; YAML style is yaml.h's EmitYaml;
//   - file names: `<schema>_<name>.yaml`, `<dataset>_<name>.yaml`, `public_<name>.yaml` for a bare
//     name, parts joined by `_` for a data connector's array name; '/' and NUL become '_'. Where
//     two tables (functions, source folders) get the same name, the later one in document order
//     gets `_2`, `_3`, … (`public_a_b_2.yaml`); tables.yaml lists the names used, so reading does
//     not depend on them. Hasura's CLI would silently keep only the last one.
//   - top-level keys Junction does not know are not written (Hasura's CLI drops them too).
// Actions: Hasura's CLI keeps the actions' arguments and output types and the custom types as SDL
// in actions.graphql and converts them through its extension; Junction reads and writes the whole
// actions and custom_types sections in actions.yaml, and refuses an actions.graphql holding
// anything but comments (with its file:line), rather than ignore it.

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "common/result.h"
#include "metadata/metadata.h"

namespace junction::metadata {

// Where a value of the document was read: a file relative to the metadata directory
// ("databases/default/tables/public_order.yaml") and a 1-based line and column.
struct FileLocation {
  std::string file;
  int line = 0;
  int column = 0;

  // "databases/default/tables/public_order.yaml:7:5"
  std::string ToString() const;
};

// JSON paths of the document ("$.sources[0].tables[2].remote_relationships[0].name", the paths
// of json_path.h) → where each value was read.
class SourceMap {
 public:
  void Add(std::string path, FileLocation location);
  // Where `path` was read, or its nearest ancestor that was; nullopt when none was.
  std::optional<FileLocation> Find(std::string_view path) const;

 private:
  std::map<std::string, FileLocation, std::less<>> locations_;
};

// A directory read: the validated metadata (resource_version left at its initial value) and
// where each of its values came from.
struct MetadataDirectory {
  Metadata metadata;
  SourceMap source_map;
};

// Reads the metadata directory `dir`. Errors (kParseFailed; kNotSupported for SDL in
// actions.graphql; kUnexpected for an unreadable file) name the file and line:
// "databases/default/tables/public_order.yaml:7:5: <what is wrong>" for bad YAML, a bad !include,
// a file of the wrong shape, or a value Metadata::FromJson refuses (whose JSON path stays in
// Error::path).
Result<MetadataDirectory> ReadMetadataDirectory(const std::filesystem::path& dir);

// The files of the directory for `metadata`: path relative to the directory → content.
std::map<std::string, std::string> MetadataDirectoryFiles(const Metadata& metadata);

// Writes MetadataDirectoryFiles(metadata) into `dir` (created when missing), each file atomically
// (common/file_io.h) and only when its content changes, then removes the files of the layout the
// metadata no longer has: the .yaml files directly under databases/<folder>/tables/ and
// functions/ that are not written any more (a dropped table, a dropped source), and those folders
// when that leaves them empty. Files outside the layout are left alone. A new file gets mode 0600
// (metadata can hold credentials: database URLs, remote schema headers); a rewritten file keeps
// its mode, so a checkout made world-readable stays so (git records only the executable bit).
Status WriteMetadataDirectory(const std::filesystem::path& dir, const Metadata& metadata);

}  // namespace junction::metadata
