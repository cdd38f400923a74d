#pragma once
// What `junction metadata apply` and `diff` (metadata_cli.h) tell the user about two metadata
// documents — the server's and the directory's:
//
//   SummarizeChanges   object by object: "+ source pg2", "~ table public.order (source default)",
//                      "- remote schema forum_api", "~ api_limits" (a section without entries)
//   UnifiedDiff        a line diff of two texts in `diff -u` form (Myers' algorithm, 3 lines of
//                      context), DiffFiles the same over the files of two metadata directories
//   FindObjectPath     where an inconsistent object the server reported sits in a document, as a
//                      JSON path a SourceMap (metadata/metadata_directory.h) turns into file:line

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "metadata/json_path.h"

namespace junction::app {

// One object added, changed or removed.
struct MetadataChange {
  enum class Kind { kAdded, kChanged, kRemoved };
  Kind kind = Kind::kChanged;
  // "source pg2", "table public.order (source default)", "function public.f (source default)",
  // "remote schema x", "action a", "cron trigger c", "REST endpoint e", "query collection q",
  // "allowlist entry q", "inherited role r", or a top-level section's key ("api_limits").
  std::string object;

  // "+ source pg2", "~ …", "- …"
  std::string ToString() const;
  bool operator==(const MetadataChange&) const = default;
};

// Whether two metadata documents (or parts) are equal but for the order of object keys: a
// directory's source reads as {name, kind, configuration, tables}, an engine that was given it
// through pg_add_source exports {name, kind, tables, configuration}.
bool SameMetadata(const metadata::Json& a, const metadata::Json& b);

// The changes that turn the metadata document `before` into `after` (both version 3, as
// Metadata::document() holds them). Entries of a section are matched by their identity (a
// source's name, a table's qualified name, …), so a reordering alone is a change of the section
// only. Within a source present on both sides, its tables and functions are compared one by one,
// and the source itself is changed when anything else of it differs. Order: the sections as in
// `after` then those only in `before`; within one, the entries of `after`, then the removed ones.
std::vector<MetadataChange> SummarizeChanges(const metadata::Json& before,
                                             const metadata::Json& after);

// A unified diff of `before` and `after` (texts of lines ending in '\n'; a last line without it
// is followed by "\ No newline at end of file"), with headers "--- <before_name>" and
// "+++ <after_name>", and hunks "@@ -l,n +l,n @@" with `context` lines around each change. Empty
// when the texts are equal.
std::string UnifiedDiff(std::string_view before, std::string_view after,
                        std::string_view before_name, std::string_view after_name,
                        size_t context = 3);

// UnifiedDiff over the files of two directories (relative path → content), in path order. A file
// on one side only is diffed against /dev/null. Names are "<before_label>/<path>" and
// "<after_label>/<path>".
std::string DiffFiles(const std::map<std::string, std::string>& before,
                      const std::map<std::string, std::string>& after,
                      std::string_view before_label, std::string_view after_label);

// The JSON path ("$.sources[0].tables[2]") in `document` of an inconsistent object as the server
// reports it ({"type","name","reason","definition"}, metadata/inconsistent_object.h): a source,
// a table, a relationship or remote relationship of a table, or an entry (or whole section) of a
// top-level section. nullopt when it cannot be found.
std::optional<std::string> FindObjectPath(const metadata::Json& document,
                                          const metadata::Json& object);

}  // namespace junction::app
