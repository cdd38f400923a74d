#include "common/file_io.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <utility>

namespace junction {
namespace {

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

// Writes all of `data`; the errno of a failed write.
int WriteAll(int fd, std::string_view data) {
  while (!data.empty()) {
    const ssize_t n = ::write(fd, data.data(), data.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      return errno;
    }
    data.remove_prefix(static_cast<size_t>(n));
  }
  return 0;
}

}  // namespace

std::string SystemError(int error) { return std::strerror(error); }

Result<std::optional<std::string>> ReadFile(const std::filesystem::path& path) {
  const auto fail = [&path](int error) {
    return Error(ErrorCode::kUnexpected,
                 "cannot read " + path.string() + ": " + SystemError(error));
  };
  FileDescriptor fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (fd.get() < 0) {
    if (errno == ENOENT) return std::optional<std::string>();
    return fail(errno);
  }
  std::string content;
  char buffer[64 * 1024];
  for (;;) {
    const ssize_t n = ::read(fd.get(), buffer, sizeof buffer);
    if (n == 0) break;
    if (n < 0) {
      if (errno == EINTR) continue;
      return fail(errno);
    }
    content.append(buffer, static_cast<size_t>(n));
  }
  return std::optional<std::string>(std::move(content));
}

Status WriteFileAtomically(const std::filesystem::path& path, std::string_view content,
                           mode_t mode) {
  const auto fail = [&path](const std::string& step, int error) {
    return Error(ErrorCode::kUnexpected,
                 "cannot write " + path.string() + ": " + step + ": " + SystemError(error));
  };
  const std::filesystem::path directory =
      path.has_parent_path() ? path.parent_path() : std::filesystem::path(".");
  std::string temp = (directory / ("." + path.filename().string() + ".tmp-XXXXXX")).string();

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

  if (mode != 0600 && ::fchmod(fd.get(), mode) != 0) return fail("chmod", errno);
  if (int error = WriteAll(fd.get(), content); error != 0) return fail("write", error);
  if (::fsync(fd.get()) != 0) return fail("fsync", errno);
  if (fd.Close() != 0) return fail("close", errno);
  if (::rename(temp.c_str(), path.c_str()) != 0) return fail("rename", errno);
  renamed = true;

  // The rename is durable only once the directory entry is.
  FileDescriptor dir(::open(directory.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (dir.get() < 0) return fail("open directory " + directory.string(), errno);
  if (::fsync(dir.get()) != 0) return fail("fsync directory " + directory.string(), errno);
  return {};
}

}  // namespace junction
