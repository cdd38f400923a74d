#pragma once
// Whole-file reading and crash-safe writing, shared by the metadata stores and the metadata
// directory codec (DESIGN.md §6: never a half-written metadata file).

#include <sys/types.h>

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "common/result.h"

namespace junction {

// The file's content; nullopt when it does not exist. Other failures are Errors (kUnexpected)
// whose message is "cannot read <path>: <reason>".
Result<std::optional<std::string>> ReadFile(const std::filesystem::path& path);

// Replaces `path` with `content` atomically: the content goes to a temporary file in the same
// directory, which is fsynced and renamed over `path`, and the directory is fsynced. After a
// crash the file holds the old content or the new, never a mix. The file gets `mode` (0600 by
// default: metadata can hold credentials). Errors (kUnexpected) read
// "cannot write <path>: <step>: <reason>".
Status WriteFileAtomically(const std::filesystem::path& path, std::string_view content,
                           mode_t mode = 0600);

// strerror(error) as a string.
std::string SystemError(int error);

}  // namespace junction
