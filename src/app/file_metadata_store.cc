#include "app/file_metadata_store.h"

#include <optional>
#include <string_view>
#include <utility>

#include "common/file_io.h"
#include "metadata/json_text.h"

namespace junction::app {
namespace {

using metadata::Json;

std::string Describe(const std::filesystem::path& path) {
  return "metadata store " + path.string();
}

Result<metadata::Metadata> Decode(const std::filesystem::path& path, std::string_view text) {
  Result<Json> json = metadata::ParseJsonText(text);
  if (!json) {
    // "Error in $: line 3, column 5: …" → "… is not valid JSON: line 3, column 5: …"
    std::string detail = json.error().message;
    constexpr std::string_view kPrefix = "Error in $: ";
    if (detail.rfind(kPrefix, 0) == 0) detail.erase(0, kPrefix.size());
    return Error(ErrorCode::kInvalidJson, Describe(path) + " is not valid JSON: " + detail);
  }
  const Json* document = &*json;
  int64_t resource_version = metadata::kInitialResourceVersion;
  std::string document_path = "$";
  if (json->is_object() && json->contains("metadata")) {
    const auto version = json->find("resource_version");
    if (version == json->end() || !version->is_number_integer() || version->get<int64_t>() < 0) {
      return Error(ErrorCode::kParseFailed,
                   Describe(path) + ": \"resource_version\" must be a non-negative integer");
    }
    resource_version = version->get<int64_t>();
    document = &(*json)["metadata"];
    document_path = "$.metadata";
  }
  Result<metadata::Metadata> decoded = metadata::Metadata::FromJson(*document);
  if (!decoded) {
    Error error = metadata::RebasePath(std::move(decoded).error(), document_path);
    error.message = Describe(path) + ": " + error.message + " (at " + error.path + ")";
    return error;
  }
  decoded->set_resource_version(resource_version);
  return decoded;
}

}  // namespace

std::string FileMetadataStoreText(const metadata::Metadata& metadata) {
  Json file = Json::object();
  file["resource_version"] = metadata.resource_version();
  file["metadata"] = metadata.document();
  return file.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

FileMetadataStore::FileMetadataStore(std::filesystem::path path) : path_(std::move(path)) {}

Result<metadata::Metadata> FileMetadataStore::Load() {
  Result<std::optional<std::string>> content = ReadFile(path_);
  if (!content) {
    load_failed_ = true;
    return content.error();
  }
  if (!content->has_value()) {
    load_failed_ = false;
    return metadata::Metadata();
  }
  Result<metadata::Metadata> decoded = Decode(path_, **content);
  load_failed_ = !decoded;
  return decoded;
}

Status FileMetadataStore::Save(const metadata::Metadata& metadata, int64_t /*base_version*/) {
  if (load_failed_) {
    return Error(ErrorCode::kUnexpected,
                 "refusing to overwrite " + Describe(path_) + ", which could not be loaded");
  }
  Status written = WriteFileAtomically(path_, FileMetadataStoreText(metadata));
  if (!written) {
    return Error(ErrorCode::kUnexpected,
                 "cannot save " + Describe(path_) + ": " + written.error().message);
  }
  return {};
}

}  // namespace junction::app
