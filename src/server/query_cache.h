#pragma once
// QueryCache: "parse once" (DESIGN.md §5). Keyed by (role, query text, operation name), it keeps
// what the stages before Execute made of a request, so a repeated request skips them:
//   - the parsed, validated Document, for every request (variables are coerced again each time);
//   - the whole Plan and its SQL, when the request has no variables, since it then depends on
//     nothing else.
// One cache belongs to one Snapshot (the schema it validated against), so a metadata change starts
// with an empty one. Bounded: the least recently used entry goes first. Thread-safe.
//
//   std::shared_ptr<const QueryCache::Entry> hit = cache.Find(role, query, operation_name);

#include <cstddef>
#include <list>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "graphql/ast.h"
#include "execute/execute.h"

namespace junction::server {

class QueryCache {
 public:
  struct Entry {
    std::shared_ptr<const graphql::Document> document;  // parsed and valid
    // Null unless the request had no variables.
    std::shared_ptr<const execute::ExecutablePlan> plan;
  };

  explicit QueryCache(size_t capacity = 1024) : capacity_(capacity) {}

  std::shared_ptr<const Entry> Find(std::string_view role, std::string_view query,
                                    std::string_view operation_name);
  void Insert(std::string_view role, std::string_view query, std::string_view operation_name,
              std::shared_ptr<const Entry> entry);

 private:
  static std::string KeyOf(std::string_view role, std::string_view query,
                           std::string_view operation_name);

  using Recency = std::list<std::string>;  // most recent first
  struct Slot {
    std::shared_ptr<const Entry> entry;
    Recency::iterator recency;
  };

  const size_t capacity_;
  std::mutex mutex_;
  Recency recency_;                                // guarded by mutex_
  std::unordered_map<std::string, Slot> entries_;  // guarded by mutex_
};

}  // namespace junction::server
