#include "app/directory_metadata_store.h"

#include <algorithm>
#include <system_error>
#include <utility>
#include <vector>

#include "metadata/metadata_directory.h"

namespace junction::app {

DirectoryMetadataStore::DirectoryMetadataStore(std::filesystem::path dir) : dir_(std::move(dir)) {}

std::string DirectoryMetadataStore::Fingerprint() const {
  std::vector<std::string> entries;
  std::error_code error;
  for (auto it = std::filesystem::recursive_directory_iterator(dir_, error);
       !error && it != std::filesystem::recursive_directory_iterator(); it.increment(error)) {
    std::error_code stat_error;
    if (!it->is_regular_file(stat_error)) continue;
    const auto size = it->file_size(stat_error);
    const auto modified = it->last_write_time(stat_error);
    if (stat_error) continue;  // removed meanwhile: the next look sees the directory settled
    entries.push_back(it->path().lexically_relative(dir_).string() + '\0' + std::to_string(size) +
                      '\0' + std::to_string(modified.time_since_epoch().count()));
  }
  if (error) entries.push_back("cannot list the directory: " + error.message());
  std::sort(entries.begin(), entries.end());
  std::string fingerprint;
  for (const std::string& entry : entries) fingerprint += entry + '\n';
  return fingerprint;
}

Result<metadata::Metadata> DirectoryMetadataStore::Load() {
  std::lock_guard<std::mutex> lock(mutex_);
  fingerprint_ = Fingerprint();
  unreadable_.reset();
  Result<metadata::MetadataDirectory> read = metadata::ReadMetadataDirectory(dir_);
  if (!read) return read.error();
  last_read_ = read->metadata;
  return std::move(read->metadata);
}

Status DirectoryMetadataStore::Save(const metadata::Metadata& metadata, int64_t /*base_version*/) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (metadata.document() == last_read_.document()) return {};
  return Error(ErrorCode::kNotSupported,
               "the metadata is read from the directory " + dir_.string() +
                   " (--metadata-dir) and cannot be changed through the API; edit its files "
                   "instead",
               "$");
}

Result<std::optional<metadata::Metadata>> DirectoryMetadataStore::LoadIfChanged() {
  std::lock_guard<std::mutex> lock(mutex_);
  std::string fingerprint = Fingerprint();
  if (fingerprint == fingerprint_) {
    if (unreadable_) return *unreadable_;
    return std::optional<metadata::Metadata>();
  }
  fingerprint_ = std::move(fingerprint);
  Result<metadata::MetadataDirectory> read = metadata::ReadMetadataDirectory(dir_);
  if (!read) {
    unreadable_ = read.error();
    return read.error();
  }
  unreadable_.reset();
  if (read->metadata.document() == last_read_.document()) {
    return std::optional<metadata::Metadata>();
  }
  last_read_ = read->metadata;
  return std::optional<metadata::Metadata>(std::move(read->metadata));
}

}  // namespace junction::app
