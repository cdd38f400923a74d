#include "app/metadata_changes.h"

#include <algorithm>
#include <functional>
#include <set>
#include <utility>

#include <fmt/format.h>

#include "metadata/source_metadata.h"

namespace junction::app {
namespace {

using metadata::Json;
using Kind = MetadataChange::Kind;

// ---- Change summary --------------------------------------------------------------------------

// A top-level array section whose entries are objects with an identity.
struct KeyedSection {
  std::string_view section;
  std::string_view label;  // how one entry is called
  std::string_view key;    // the member naming an entry
};

constexpr KeyedSection kKeyedSections[] = {
    {"sources", "source", "name"},
    {"remote_schemas", "remote schema", "name"},
    {"query_collections", "query collection", "name"},
    {"allowlist", "allowlist entry", "collection"},
    {"actions", "action", "name"},
    {"cron_triggers", "cron trigger", "name"},
    {"rest_endpoints", "REST endpoint", "name"},
    {"inherited_roles", "inherited role", "role_name"},
};

using KeyOf = std::function<std::optional<std::string>(const Json& entry)>;
using Describe = std::function<std::string(const std::string& key)>;
// Adds the changes of an entry present on both sides.
using CompareBoth = std::function<void(const std::string& key, const Json& before,
                                       const Json& after, std::vector<MetadataChange>& out)>;

const Json& EmptyArray() {
  static const Json empty = Json::array();
  return empty;
}

using metadata::FindKey;
using metadata::StringAt;

// "public.order" for {"schema":"public","name":"order"}, "source.author" for a BigQuery
// {"dataset":…,"name":…}, the string itself for a bare name.
std::optional<std::string> QualifiedText(const Json* name) {
  if (name == nullptr) return std::nullopt;
  if (name->is_string()) return name->get<std::string>();
  std::optional<std::string> last = StringAt(*name, "name");
  if (!last) return std::nullopt;
  for (std::string_view qualifier : {"schema", "dataset"}) {
    if (std::optional<std::string> first = StringAt(*name, qualifier)) {
      return *first + "." + *last;
    }
  }
  return last;
}

// The entries of `array` by identity; nullopt when one has none or two share one.
std::optional<std::map<std::string, const Json*>> Index(const Json& array, const KeyOf& key_of) {
  std::map<std::string, const Json*> index;
  if (!array.is_array()) return std::nullopt;
  for (const Json& entry : array) {
    std::optional<std::string> key = key_of(entry);
    if (!key || !index.emplace(*key, &entry).second) return std::nullopt;
  }
  return index;
}

// Compares two arrays entry by entry; false (nothing added) when they have no identities.
bool CompareKeyed(const Json& before, const Json& after, const KeyOf& key_of,
                  const Describe& describe, const CompareBoth& compare_both,
                  std::vector<MetadataChange>& out) {
  const auto before_index = Index(before, key_of);
  const auto after_index = Index(after, key_of);
  if (!before_index || !after_index) return false;
  for (const Json& entry : after) {
    const std::string key = *key_of(entry);
    const auto old = before_index->find(key);
    if (old == before_index->end()) {
      out.push_back({Kind::kAdded, describe(key)});
    } else {
      compare_both(key, *old->second, entry, out);
    }
  }
  for (const Json& entry : before) {
    const std::string key = *key_of(entry);
    if (!after_index->contains(key)) out.push_back({Kind::kRemoved, describe(key)});
  }
  return true;
}

void ChangedWhenDifferent(const Describe& describe, const std::string& key, const Json& before,
                          const Json& after, std::vector<MetadataChange>& out) {
  if (!SameMetadata(before, after)) out.push_back({Kind::kChanged, describe(key)});
}

CompareBoth WholeEntries(Describe describe) {
  return [describe = std::move(describe)](const std::string& key, const Json& before,
                                          const Json& after, std::vector<MetadataChange>& out) {
    ChangedWhenDifferent(describe, key, before, after, out);
  };
}

// A source's entry without its tables and functions: what makes the source itself change.
Json SourceItself(const Json& source) {
  Json itself = source;
  if (itself.is_object()) {
    itself.erase("tables");
    itself.erase("functions");
  }
  return itself;
}

// The tables (or functions) of a source present on both sides.
void CompareSourceObjects(const std::string& source, std::string_view list, std::string_view key,
                          std::string_view label, const Json& before, const Json& after,
                          std::vector<MetadataChange>& out) {
  const Json* old_list = FindKey(before, list);
  const Json* new_list = FindKey(after, list);
  const Json& old_entries = old_list != nullptr ? *old_list : EmptyArray();
  const Json& new_entries = new_list != nullptr ? *new_list : EmptyArray();
  const KeyOf key_of = [key](const Json& entry) { return QualifiedText(FindKey(entry, key)); };
  const Describe describe = [label, &source](const std::string& name) {
    return fmt::format("{} {} (source {})", label, name, source);
  };
  std::vector<MetadataChange> changes;
  if (!CompareKeyed(old_entries, new_entries, key_of, describe, WholeEntries(describe), changes) ||
      (changes.empty() && !SameMetadata(old_entries, new_entries))) {
    changes = {{Kind::kChanged, fmt::format("{}s of source {}", label, source)}};
  }
  out.insert(out.end(), changes.begin(), changes.end());
}

void CompareSources(const std::string& name, const Json& before, const Json& after,
                    std::vector<MetadataChange>& out) {
  if (!SameMetadata(SourceItself(before), SourceItself(after))) {
    out.push_back({Kind::kChanged, "source " + name});
  }
  CompareSourceObjects(name, "tables", "table", "table", before, after, out);
  CompareSourceObjects(name, "functions", "function", "function", before, after, out);
}

void CompareSection(std::string_view section, const Json* before, const Json* after,
                    std::vector<MetadataChange>& out) {
  const auto keyed = std::ranges::find(kKeyedSections, section, &KeyedSection::section);
  if (keyed != std::end(kKeyedSections)) {
    const KeyOf key_of = [keyed](const Json& entry) { return StringAt(entry, keyed->key); };
    const Describe describe = [keyed](const std::string& key) {
      return std::string(keyed->label) + " " + key;
    };
    const CompareBoth compare_both =
        section == "sources" ? CompareBoth(CompareSources) : WholeEntries(describe);
    const Json& old_entries = before != nullptr ? *before : EmptyArray();
    const Json& new_entries = after != nullptr ? *after : EmptyArray();
    std::vector<MetadataChange> changes;
    if (CompareKeyed(old_entries, new_entries, key_of, describe, compare_both, changes) &&
        (!changes.empty() || SameMetadata(old_entries, new_entries))) {
      out.insert(out.end(), changes.begin(), changes.end());
      return;
    }
  }
  const std::string name(section);
  if (before == nullptr && after != nullptr) out.push_back({Kind::kAdded, name});
  if (before != nullptr && after == nullptr) out.push_back({Kind::kRemoved, name});
  if (before != nullptr && after != nullptr && !SameMetadata(*before, *after)) {
    out.push_back({Kind::kChanged, name});
  }
}

// ---- Line diff -------------------------------------------------------------------------------

// The lines of `text`, each with its '\n' when it has one.
std::vector<std::string_view> SplitLines(std::string_view text) {
  std::vector<std::string_view> lines;
  while (!text.empty()) {
    const size_t end = text.find('\n');
    const size_t length = end == std::string_view::npos ? text.size() : end + 1;
    lines.push_back(text.substr(0, length));
    text.remove_prefix(length);
  }
  return lines;
}

// One line of the edit script: kept (' '), removed ('-') or added ('+'), with its index in the
// side it comes from.
struct Edit {
  char op = ' ';
  size_t before = 0;  // index in `before` (for ' ' and '-')
  size_t after = 0;   // index in `after` (for ' ' and '+')
};

// Myers' O((N+M)·D) shortest edit script between two line sequences.
std::vector<Edit> ShortestEdit(const std::vector<std::string_view>& a,
                               const std::vector<std::string_view>& b) {
  const long n = static_cast<long>(a.size());
  const long m = static_cast<long>(b.size());
  const long offset = n + m + 1;
  std::vector<long> v(static_cast<size_t>(2 * offset + 1), 0);
  std::vector<std::vector<long>> trace;
  auto at = [&](std::vector<long>& row, long k) -> long& {
    return row[static_cast<size_t>(k + offset)];
  };
  bool done = false;
  for (long d = 0; d <= n + m && !done; ++d) {
    trace.push_back(v);
    for (long k = -d; k <= d; k += 2) {
      long x =
          (k == -d || (k != d && at(v, k - 1) < at(v, k + 1))) ? at(v, k + 1) : at(v, k - 1) + 1;
      long y = x - k;
      while (x < n && y < m && a[static_cast<size_t>(x)] == b[static_cast<size_t>(y)]) {
        ++x;
        ++y;
      }
      at(v, k) = x;
      if (x >= n && y >= m) {
        done = true;
        break;
      }
    }
  }
  std::vector<Edit> edits;
  long x = n;
  long y = m;
  for (long d = static_cast<long>(trace.size()) - 1; d >= 0; --d) {
    std::vector<long>& row = trace[static_cast<size_t>(d)];
    const long k = x - y;
    const long previous_k =
        (k == -d || (k != d && at(row, k - 1) < at(row, k + 1))) ? k + 1 : k - 1;
    const long previous_x = at(row, previous_k);
    const long previous_y = previous_x - previous_k;
    while (x > previous_x && y > previous_y) {
      --x;
      --y;
      edits.push_back({' ', static_cast<size_t>(x), static_cast<size_t>(y)});
    }
    if (d > 0) {
      if (x == previous_x) {
        edits.push_back({'+', 0, static_cast<size_t>(y - 1)});
      } else {
        edits.push_back({'-', static_cast<size_t>(x - 1), 0});
      }
    }
    x = previous_x;
    y = previous_y;
  }
  std::ranges::reverse(edits);
  return edits;
}

// "l,n" of a hunk header, as diff -u writes it: ",n" left out when n is 1, and the line before
// the hunk when it is empty.
std::string Range(size_t first, size_t count) {
  if (count == 1) return std::to_string(first + 1);
  return fmt::format("{},{}", count == 0 ? first : first + 1, count);
}

void AppendLine(char op, std::string_view line, std::string& out) {
  out.push_back(op);
  out.append(line);
  if (!line.ends_with('\n')) out.append("\n\\ No newline at end of file\n");
}

// Appends the hunk of edits [begin, end).
void AppendHunk(const std::vector<Edit>& edits, size_t begin, size_t end,
                const std::vector<std::string_view>& a, const std::vector<std::string_view>& b,
                std::string& out) {
  size_t before_count = 0;
  size_t after_count = 0;
  // Where the hunk starts on each side: the lines of that side before its first edit.
  size_t before_first = 0;
  size_t after_first = 0;
  for (size_t i = 0; i < begin; ++i) {
    if (edits[i].op != '+') ++before_first;
    if (edits[i].op != '-') ++after_first;
  }
  for (size_t i = begin; i < end; ++i) {
    if (edits[i].op != '+') ++before_count;
    if (edits[i].op != '-') ++after_count;
  }
  out += fmt::format("@@ -{} +{} @@\n", Range(before_first, before_count),
                     Range(after_first, after_count));
  for (size_t i = begin; i < end; ++i) {
    const Edit& edit = edits[i];
    AppendLine(edit.op, edit.op == '+' ? b[edit.after] : a[edit.before], out);
  }
}

}  // namespace

std::string MetadataChange::ToString() const {
  const char* sign = kind == Kind::kAdded ? "+" : kind == Kind::kRemoved ? "-" : "~";
  return std::string(sign) + " " + object;
}

bool SameMetadata(const Json& a, const Json& b) {
  return metadata::SortedKeys(a) == metadata::SortedKeys(b);
}

std::vector<MetadataChange> SummarizeChanges(const Json& before, const Json& after) {
  std::vector<std::string> sections;
  for (const Json* document : {&after, &before}) {
    if (!document->is_object()) continue;
    for (const auto& [key, value] : document->items()) {
      if (std::ranges::find(sections, key) == sections.end()) sections.push_back(key);
    }
  }
  std::vector<MetadataChange> changes;
  for (const std::string& section : sections) {
    CompareSection(section, FindKey(before, section), FindKey(after, section), changes);
  }
  return changes;
}

std::string UnifiedDiff(std::string_view before, std::string_view after,
                        std::string_view before_name, std::string_view after_name, size_t context) {
  const std::vector<std::string_view> a = SplitLines(before);
  const std::vector<std::string_view> b = SplitLines(after);
  const std::vector<Edit> edits = ShortestEdit(a, b);
  std::vector<size_t> changed;
  for (size_t i = 0; i < edits.size(); ++i) {
    if (edits[i].op != ' ') changed.push_back(i);
  }
  if (changed.empty()) return "";
  std::string out = fmt::format("--- {}\n+++ {}\n", before_name, after_name);
  size_t first = 0;  // the first change of the current hunk, an index into `changed`
  for (size_t i = 0; i < changed.size(); ++i) {
    const bool last = i + 1 == changed.size();
    if (!last && changed[i + 1] - changed[i] <= 2 * context + 1) continue;  // same hunk
    const size_t begin = changed[first] > context ? changed[first] - context : 0;
    const size_t end = std::min(edits.size(), changed[i] + context + 1);
    AppendHunk(edits, begin, end, a, b, out);
    first = i + 1;
  }
  return out;
}

std::string DiffFiles(const std::map<std::string, std::string>& before,
                      const std::map<std::string, std::string>& after,
                      std::string_view before_label, std::string_view after_label) {
  std::set<std::string> paths;
  for (const auto* files : {&before, &after}) {
    for (const auto& [path, content] : *files) paths.insert(path);
  }
  std::string out;
  for (const std::string& path : paths) {
    const auto old_file = before.find(path);
    const auto new_file = after.find(path);
    const bool had = old_file != before.end();
    const bool has = new_file != after.end();
    out += UnifiedDiff(had ? std::string_view(old_file->second) : "",
                       has ? std::string_view(new_file->second) : "",
                       had ? fmt::format("{}/{}", before_label, path) : "/dev/null",
                       has ? fmt::format("{}/{}", after_label, path) : "/dev/null");
  }
  return out;
}

// ---- Locating objects --------------------------------------------------------------------------

namespace {

// The index of the entry of `array` for which `matches` holds.
std::optional<size_t> FindEntry(const Json* array,
                                const std::function<bool(const Json&)>& matches) {
  if (array == nullptr || !array->is_array()) return std::nullopt;
  for (size_t i = 0; i < array->size(); ++i) {
    if (matches((*array)[i])) return i;
  }
  return std::nullopt;
}

// The source an object belongs to: its definition's "source", the name of a source object, or
// what follows " in source " in its name.
std::optional<std::string> SourceOf(const std::string& type, const std::string& name,
                                    const Json& definition) {
  if (std::optional<std::string> source = StringAt(definition, "source")) return source;
  if (type == "source") {
    if (definition.is_string()) return definition.get<std::string>();
    if (std::optional<std::string> own = StringAt(definition, "name")) return own;
    if (name.starts_with("source ")) return name.substr(7);
  }
  constexpr std::string_view kInSource = " in source ";
  const size_t at = name.rfind(kInSource);
  if (at != std::string::npos) return name.substr(at + kInSource.size());
  return std::nullopt;
}

// The list of a table entry that holds relationships of `type`.
std::optional<std::string_view> RelationshipList(const std::string& type) {
  if (type == "object_relation") return "object_relationships";
  if (type == "array_relation") return "array_relationships";
  if (type == "remote_relationship") return "remote_relationships";
  return std::nullopt;
}

std::optional<std::string> FindInSource(const Json& document, const std::string& source,
                                        const std::string& type, const Json& definition) {
  const Json* sources = FindKey(document, "sources");
  const std::optional<size_t> source_index =
      FindEntry(sources, [&](const Json& entry) { return StringAt(entry, "name") == source; });
  if (!source_index) return std::nullopt;
  std::string path = metadata::JsonPathIndex("$.sources", *source_index);
  if (type == "source") return path;
  const Json* table = type == "table" ? &definition : FindKey(definition, "table");
  const std::optional<std::string> table_name = QualifiedText(table);
  if (!table_name) return path;
  const Json& source_entry = (*sources)[*source_index];
  const std::optional<size_t> table_index = FindEntry(
      FindKey(source_entry, "tables"),
      [&](const Json& entry) { return QualifiedText(FindKey(entry, "table")) == table_name; });
  if (!table_index) return path;
  path = metadata::JsonPathIndex(metadata::JsonPathKey(path, "tables"), *table_index);
  const std::optional<std::string_view> list = RelationshipList(type);
  const std::optional<std::string> relationship = StringAt(definition, "name");
  if (!list || !relationship) return path;
  const Json& table_entry = (*FindKey(source_entry, "tables"))[*table_index];
  const std::optional<size_t> index = FindEntry(FindKey(table_entry, *list), [&](const Json& e) {
    return StringAt(e, "name") == relationship;
  });
  if (!index) return path;
  return metadata::JsonPathIndex(metadata::JsonPathKey(path, *list), *index);
}

}  // namespace

std::optional<std::string> FindObjectPath(const Json& document, const Json& object) {
  const std::string type = StringAt(object, "type").value_or("");
  const std::string name = StringAt(object, "name").value_or("");
  const Json* found = FindKey(object, "definition");
  const Json definition = found != nullptr ? *found : Json();
  if (std::optional<std::string> source = SourceOf(type, name, definition)) {
    if (std::optional<std::string> path = FindInSource(document, *source, type, definition)) {
      return path;
    }
  }
  if (!document.is_object()) return std::nullopt;
  if (!type.empty() && FindKey(document, type) != nullptr) return metadata::JsonPathKey("$", type);
  for (const auto& [section, value] : document.items()) {
    const std::optional<size_t> index =
        FindEntry(&value, [&](const Json& entry) { return entry == definition; });
    if (index) return metadata::JsonPathIndex(metadata::JsonPathKey("$", section), *index);
  }
  return std::nullopt;
}

}  // namespace junction::app
