#pragma once
// FileMetadataStore: the default metadata::Store, one JSON file (`--metadata-store`, default
// ./junction-metadata.json). The file holds what `export_metadata` version 2 answers:
//
//   {
//     "resource_version": 4,
//     "metadata": {"version": 3, "sources": [ … ]}
//   }
//
// indented for people and diffs. A file holding a bare metadata document (what export_metadata
// version 1 answers, or a Hasura export) is read too, at resource_version 1, and is written back
// in the form above on the next change.
//
// Load: a missing file is empty metadata (the first start); an unreadable file, one that is not
// JSON, or one that is not valid metadata is an Error naming the file and what is wrong (the line
// and column for bad JSON), and the file is left as it is. After such an Error, Save refuses to
// write, so a broken file is never replaced by whatever the engine holds.
//
// Save is atomic (DESIGN.md §6): the new content goes to a temporary file in the same directory,
// which is fsynced and renamed over the old one, and the directory is fsynced; after a crash the
// file holds the old metadata or the new, never a mix. The file is created readable by its owner
// only (0600), since metadata can hold credentials.

#include <filesystem>
#include <string>

#include "common/result.h"
#include "metadata/store.h"

namespace junction::app {

class FileMetadataStore : public metadata::Store {
 public:
  explicit FileMetadataStore(std::filesystem::path path);

  Result<metadata::Metadata> Load() override;
  Status Save(const metadata::Metadata& metadata, int64_t base_version) override;

  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
  bool load_failed_ = false;  // the file could not be read: never overwrite it
};

// The text FileMetadataStore writes for `metadata` (exposed for tests and tools).
std::string FileMetadataStoreText(const metadata::Metadata& metadata);

}  // namespace junction::app
