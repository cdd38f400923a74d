#pragma once
// Store: where metadata is persisted (DESIGN.md §6). The file store (app/file_metadata_store.h)
// is the default; a Postgres store lets several engines share metadata. Save must be atomic: after
// a crash the store holds either the old or the new metadata, never a mix.

#include "common/result.h"
#include "metadata/metadata.h"

namespace junction::metadata {

class Store {
 public:
  virtual ~Store() = default;
  // The stored metadata; empty metadata when nothing was stored yet. An unreadable or corrupt
  // store is an Error (and is never overwritten by a later Save of the engine's start-up).
  virtual Result<Metadata> Load() = 0;
  virtual Status Save(const Metadata& metadata) = 0;
};

}  // namespace junction::metadata
