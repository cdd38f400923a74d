#include "server/query_cache.h"

#include <utility>

namespace junction::server {

std::string QueryCache::KeyOf(std::string_view role, std::string_view query,
                              std::string_view operation_name) {
  // Lengths first, so no choice of strings makes two keys collide.
  std::string key = std::to_string(role.size()) + ':' + std::to_string(operation_name.size()) + ':';
  key.append(role).append(operation_name).append(query);
  return key;
}

std::shared_ptr<const QueryCache::Entry> QueryCache::Find(std::string_view role,
                                                          std::string_view query,
                                                          std::string_view operation_name) {
  const std::string key = KeyOf(role, query, operation_name);
  std::lock_guard<std::mutex> lock(mutex_);
  const auto it = entries_.find(key);
  if (it == entries_.end()) return nullptr;
  recency_.splice(recency_.begin(), recency_, it->second.recency);
  return it->second.entry;
}

void QueryCache::Insert(std::string_view role, std::string_view query,
                        std::string_view operation_name, std::shared_ptr<const Entry> entry) {
  if (capacity_ == 0) return;
  std::string key = KeyOf(role, query, operation_name);
  std::lock_guard<std::mutex> lock(mutex_);
  if (const auto it = entries_.find(key); it != entries_.end()) {
    it->second.entry = std::move(entry);
    recency_.splice(recency_.begin(), recency_, it->second.recency);
    return;
  }
  if (entries_.size() >= capacity_) {
    entries_.erase(recency_.back());
    recency_.pop_back();
  }
  recency_.push_front(key);
  entries_.emplace(std::move(key), Slot{std::move(entry), recency_.begin()});
}

}  // namespace junction::server
