#pragma once
// DirectoryMetadataStore: metadata served from a metadata directory in Hasura's layout
// (`junction serve --metadata-dir DIR`, metadata/metadata_directory.h): a read-only deployment,
// whose metadata changes only when its files do. Load reads the directory; Save refuses every
// change with a 400 that says to edit the files, but accepts what leaves the document as it is
// (reload_metadata, which re-reads the sources' databases). LoadIfChanged is what `--watch` polls.

#include <filesystem>
#include <mutex>
#include <optional>
#include <string>

#include "common/result.h"
#include "metadata/metadata.h"
#include "metadata/store.h"

namespace junction::app {

class DirectoryMetadataStore : public metadata::Store {
 public:
  explicit DirectoryMetadataStore(std::filesystem::path dir);

  // The directory's metadata at resource_version 1. Errors name the file and line at fault.
  Result<metadata::Metadata> Load() override;
  Status Save(const metadata::Metadata& metadata, int64_t base_version) override;

  // The directory's metadata when a file of it changed since the last Load or LoadIfChanged (a
  // file's size or modification time, a file added or removed) and the document it reads to is
  // not the last one read; nullopt otherwise. An Error (the edit is invalid) stays the answer until
  // the files change again. The resource_version is left for the caller to set.
  Result<std::optional<metadata::Metadata>> LoadIfChanged();

  const std::filesystem::path& dir() const { return dir_; }

 private:
  // Sizes and modification times of every file under dir_, as one comparable string.
  std::string Fingerprint() const;

  const std::filesystem::path dir_;
  std::mutex mutex_;  // Save runs on the engine's threads, LoadIfChanged on the watcher's
  std::string fingerprint_;
  metadata::Metadata last_read_;
  std::optional<Error> unreadable_;  // why the files, as they are now, cannot be read
};

}  // namespace junction::app
