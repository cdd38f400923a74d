#include "app/file_metadata_store.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <optional>
#include <string_view>
#include <utility>

#include "metadata/json_text.h"

namespace junction::app {
namespace {

using metadata::Json;

std::string Describe(const std::filesystem::path& path) {
  return "metadata store " + path.string();
}

std::string SystemError(int error) { return std::strerror(error); }

// Closes a file descriptor when it goes out of scope.
class FileDescriptor {
 public:
  explicit FileDescriptor(int fd) : fd_(fd) {}
  FileDescriptor(const FileDescriptor&) = delete;
  FileDescriptor& operator=(const FileDescriptor&) = delete;
  ~FileDescriptor() {
    if (fd_ >= 0) ::close(fd_);
  }
  int get() const { return fd_; }
  // Closes now, reporting the error close() gives (NFS reports write errors there).
  int Close() {
    const int result = ::close(fd_);
    fd_ = -1;
    return result;
  }

 private:
  int fd_;
};

// The file's content; nullopt when it does not exist.
Result<std::optional<std::string>> ReadFile(const std::filesystem::path& path) {
  FileDescriptor fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (fd.get() < 0) {
    if (errno == ENOENT) return std::optional<std::string>();
    return Error(ErrorCode::kUnexpected,
                 "cannot read " + Describe(path) + ": " + SystemError(errno));
  }
  std::string content;
  char buffer[64 * 1024];
  for (;;) {
    const ssize_t n = ::read(fd.get(), buffer, sizeof buffer);
    if (n == 0) break;
    if (n < 0) {
      if (errno == EINTR) continue;
      return Error(ErrorCode::kUnexpected,
                   "cannot read " + Describe(path) + ": " + SystemError(errno));
    }
    content.append(buffer, static_cast<size_t>(n));
  }
  return std::optional<std::string>(std::move(content));
}

Status WriteAll(int fd, std::string_view data) {
  while (!data.empty()) {
    const ssize_t n = ::write(fd, data.data(), data.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      return Error(ErrorCode::kUnexpected, SystemError(errno));
    }
    data.remove_prefix(static_cast<size_t>(n));
  }
  return {};
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

Status FileMetadataStore::Save(const metadata::Metadata& metadata) {
  if (load_failed_) {
    return Error(ErrorCode::kUnexpected,
                 "refusing to overwrite " + Describe(path_) + ", which could not be loaded");
  }
  const auto fail = [this](const std::string& what, int error) {
    return Error(ErrorCode::kUnexpected,
                 "cannot save " + Describe(path_) + ": " + what + ": " + SystemError(error));
  };
  const std::filesystem::path directory =
      path_.has_parent_path() ? path_.parent_path() : std::filesystem::path(".");
  std::string temp = (directory / ("." + path_.filename().string() + ".tmp-XXXXXX")).string();

  FileDescriptor fd(::mkostemp(temp.data(), O_CLOEXEC));  // created 0600
  if (fd.get() < 0) return fail("cannot create a temporary file in " + directory.string(), errno);
  bool renamed = false;
  struct RemoveTemp {
    const std::string& temp;
    const bool& renamed;
    ~RemoveTemp() {
      if (!renamed) ::unlink(temp.c_str());
    }
  } remove_temp{temp, renamed};

  if (Status written = WriteAll(fd.get(), FileMetadataStoreText(metadata)); !written) {
    return Error(ErrorCode::kUnexpected,
                 "cannot save " + Describe(path_) + ": write: " + written.error().message);
  }
  if (::fsync(fd.get()) != 0) return fail("fsync", errno);
  if (fd.Close() != 0) return fail("close", errno);
  if (::rename(temp.c_str(), path_.c_str()) != 0) return fail("rename", errno);
  renamed = true;

  // The rename is durable only once the directory entry is.
  FileDescriptor dir(::open(directory.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (dir.get() < 0) return fail("open directory " + directory.string(), errno);
  if (::fsync(dir.get()) != 0) return fail("fsync directory " + directory.string(), errno);
  return {};
}

}  // namespace junction::app
