#pragma once
// Store: where metadata is persisted (DESIGN.md §6). The file store (app/file_metadata_store.h)
// is the default; a Postgres store (app/postgres_metadata_store.h) lets several engines share
// metadata; a metadata directory (app/directory_metadata_store.h) is read-only. Save must be
// atomic: after a crash the store holds either the old or the new metadata, never a mix.

#include "common/result.h"
#include "metadata/metadata.h"

namespace junction::metadata {

class Store {
 public:
  virtual ~Store() = default;
  // The stored metadata; empty metadata when nothing was stored yet. An unreadable or corrupt
  // store is an Error (and is never overwritten by a later Save of the engine's start-up).
  virtual Result<Metadata> Load() = 0;
  // Stores `metadata`, a change made from the metadata whose resource_version is `base_version`.
  // A store shared by several engines refuses it with a kConflict Error (HTTP 409) when the
  // stored resource_version is no longer `base_version`: another engine changed it meanwhile.
  // Any other Error means nothing was stored; its code says how to answer (kUnexpected: 500).
  virtual Status Save(const Metadata& metadata, int64_t base_version) = 0;
};

}  // namespace junction::metadata
