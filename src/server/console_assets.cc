#include "server/console_assets.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <fstream>
#include <iterator>
#include <optional>
#include <system_error>
#include <utility>

#include <fmt/format.h>
#include <openssl/evp.h>
#include <sys/stat.h>

namespace junction::server {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view kPrefix = "/console";
constexpr std::string_view kIndexPath = "/console/index.html";
// Vite's content-hashed output: a new build writes new names, so these never change.
constexpr std::string_view kAssetsPrefix = "/console/assets/";
constexpr std::string_view kImmutable = "public, max-age=31536000, immutable";
constexpr std::string_view kRevalidate = "no-cache";

// A console build is a few megabytes in a few dozen files. Far more means the directory is not
// one (--console-assets-dir /), and reading it all into memory would be a mistake.
constexpr size_t kMaxFiles = 10'000;
constexpr size_t kMaxBytes = size_t{256} << 20;

constexpr std::pair<std::string_view, std::string_view> kContentTypes[] = {
    {"html", "text/html; charset=utf-8"},
    {"js", "text/javascript; charset=utf-8"},
    {"mjs", "text/javascript; charset=utf-8"},
    {"css", "text/css; charset=utf-8"},
    {"json", "application/json; charset=utf-8"},
    {"map", "application/json; charset=utf-8"},
    {"svg", "image/svg+xml"},
    {"png", "image/png"},
    {"jpg", "image/jpeg"},
    {"jpeg", "image/jpeg"},
    {"gif", "image/gif"},
    {"webp", "image/webp"},
    {"ico", "image/x-icon"},
    {"woff", "font/woff"},
    {"woff2", "font/woff2"},
    {"ttf", "font/ttf"},
    {"txt", "text/plain; charset=utf-8"},
    {"wasm", "application/wasm"},
};

// The content type of a listed extension; empty for another extension or none. A path of the
// app that ends in a listed extension is a file request, so a missing one answers 404.
std::string_view KnownContentType(std::string_view file_name) {
  const size_t dot = file_name.rfind('.');
  if (dot == std::string_view::npos || dot == 0) return {};
  const std::string_view extension = file_name.substr(dot + 1);
  for (const auto& [name, type] : kContentTypes) {
    const bool same =
        std::equal(extension.begin(), extension.end(), name.begin(), name.end(),
                   [](char a, char b) { return std::tolower(static_cast<unsigned char>(a)) == b; });
    if (same) return type;
  }
  return {};
}

std::string Etag(std::string_view body) {
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  unsigned int length = 0;
  EVP_Digest(body.data(), body.size(), digest.data(), &length, EVP_sha256(), nullptr);
  std::string etag = "\"";
  for (unsigned int i = 0; i < 16 && i < length; ++i) etag += fmt::format("{:02x}", digest[i]);
  etag += '"';
  return etag;
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// The path with its %XX escapes decoded, or nullopt when it is one no file of the console can
// have: a malformed escape, an escaped '/', a NUL or backslash, or a "." or ".." segment. Such a
// path is refused outright rather than falling back to the app, so that `/console/%2e%2e/x`
// never looks like it succeeded.
std::optional<std::string> DecodedPath(std::string_view path) {
  std::string decoded;
  decoded.reserve(path.size());
  for (size_t i = 0; i < path.size(); ++i) {
    char c = path[i];
    if (c == '%') {
      if (i + 2 >= path.size()) return std::nullopt;
      const int high = HexValue(path[i + 1]);
      const int low = HexValue(path[i + 2]);
      if (high < 0 || low < 0) return std::nullopt;
      c = static_cast<char>(high * 16 + low);
      if (c == '/') return std::nullopt;
      i += 2;
    }
    if (c == '\0' || c == '\\') return std::nullopt;
    decoded.push_back(c);
  }
  size_t begin = 0;
  while (begin <= decoded.size()) {
    size_t end = decoded.find('/', begin);
    if (end == std::string::npos) end = decoded.size();
    const std::string_view segment = std::string_view(decoded).substr(begin, end - begin);
    if (segment == "." || segment == "..") return std::nullopt;
    begin = end + 1;
  }
  return decoded;
}

// Whether an If-None-Match value names `etag` (RFC 9110 §13.1.2: weak comparison, "*" matches).
bool NoneMatchNames(std::string_view header, std::string_view etag) {
  size_t begin = 0;
  while (begin < header.size()) {
    size_t end = header.find(',', begin);
    if (end == std::string_view::npos) end = header.size();
    std::string_view tag = header.substr(begin, end - begin);
    while (!tag.empty() && (tag.front() == ' ' || tag.front() == '\t')) tag.remove_prefix(1);
    while (!tag.empty() && (tag.back() == ' ' || tag.back() == '\t')) tag.remove_suffix(1);
    if (tag == "*") return true;
    if (tag.starts_with("W/")) tag.remove_prefix(2);
    if (tag == etag) return true;
    begin = end + 1;
  }
  return false;
}

std::string HtmlEscaped(std::string_view text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out.push_back(c);
    }
  }
  return out;
}

bool IsHtml(std::string_view content_type) { return content_type.starts_with("text/html"); }

// The headers every console answer carries, and on HTML the Content-Security-Policy.
HttpResponse ConsoleResponse(unsigned status, std::string_view content_type,
                             std::string_view cache_control) {
  HttpResponse response;
  response.status = status;
  response.content_type = std::string(content_type);
  response.headers.emplace("cache-control", cache_control);
  response.headers.emplace("x-content-type-options", "nosniff");
  response.headers.emplace("referrer-policy", "no-referrer");
  response.headers.emplace("x-frame-options", "DENY");
  if (IsHtml(content_type)) {
    response.headers.emplace("content-security-policy", kConsoleContentSecurityPolicy);
  }
  return response;
}

// The request's path is not echoed: nothing a crafted link puts in it comes back.
HttpResponse NotFound() {
  HttpResponse response = ConsoleResponse(404, "text/plain; charset=utf-8", kRevalidate);
  response.body = "Not found\n";
  return response;
}

// Whether `path` (canonical) lies inside `root` (canonical).
bool IsInside(const fs::path& path, const fs::path& root) {
  const fs::path relative = path.lexically_relative(root);
  return !relative.empty() && *relative.begin() != "..";
}

bool ReadWholeFile(const fs::path& path, std::string& out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  out.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  return !in.bad();
}

}  // namespace

std::string_view ConsoleContentType(std::string_view file_name) {
  const std::string_view type = KnownContentType(file_name);
  return type.empty() ? "application/octet-stream" : type;
}

bool IsConsolePath(std::string_view target) {
  const std::string_view path = PathOf(target);
  return path == kPrefix ||
         (path.starts_with(kPrefix) && path.size() > kPrefix.size() && path[kPrefix.size()] == '/');
}

ConsoleAssets ConsoleAssets::Load(const fs::path& directory) {
  ConsoleAssets assets;
  assets.directory_ = directory.string();
  std::error_code ec;
  const fs::path root = fs::canonical(directory, ec);
  if (ec || !fs::is_directory(root, ec)) {
    assets.problem_ = "the directory does not exist";
    return assets;
  }
  struct stat root_stat {};
  if (::stat(root.c_str(), &root_stat) != 0) {
    assets.problem_ = "the directory cannot be read";
    return assets;
  }
  fs::recursive_directory_iterator it(root, fs::directory_options::skip_permission_denied, ec);
  for (; !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    const fs::path& path = it->path();
    const std::string relative = path.lexically_relative(root).generic_string();
    const fs::file_status status = it->symlink_status(ec);
    if (ec) break;
    // Names starting with a dot are not the app's (the build's stamp, an editor's files), and
    // another file system under the directory is not a build (a mistaken --console-assets-dir /
    // would reach /proc, whose files can block a read forever): neither is read.
    struct stat entry_stat {};
    if (path.filename().string().starts_with('.') || ::lstat(path.c_str(), &entry_stat) != 0 ||
        entry_stat.st_dev != root_stat.st_dev) {
      if (fs::is_directory(status)) it.disable_recursion_pending();
      continue;
    }
    fs::path file = path;
    if (fs::is_symlink(status)) {
      // Followed only to a regular file inside the tree (a symlinked directory is not entered).
      file = fs::canonical(path, ec);
      if (ec || !IsInside(file, root) || !fs::is_regular_file(file, ec)) {
        ec.clear();
        assets.skipped_.push_back(relative + ": a symlink to something other than a file in " +
                                  "the directory");
        continue;
      }
    } else if (fs::is_directory(status)) {
      continue;
    } else if (!fs::is_regular_file(status)) {
      assets.skipped_.push_back(relative + ": not a regular file");
      continue;
    }
    const uintmax_t size = fs::file_size(file, ec);
    if (ec) {
      ec.clear();
      assets.skipped_.push_back(relative + ": cannot be read");
      continue;
    }
    if (assets.files_.size() >= kMaxFiles || size > kMaxBytes - assets.total_bytes_) {
      assets.files_.clear();
      assets.total_bytes_ = 0;
      assets.problem_ = fmt::format(
          "it holds more than {} files or {} MiB, which is not what a build of the console looks "
          "like",
          kMaxFiles, kMaxBytes >> 20);
      return assets;
    }
    File entry;
    if (!ReadWholeFile(file, entry.body)) {
      assets.skipped_.push_back(relative + ": cannot be read");
      continue;
    }
    entry.content_type = std::string(ConsoleContentType(path.filename().string()));
    entry.etag = Etag(entry.body);
    assets.total_bytes_ += entry.body.size();
    assets.files_.emplace(std::string(kPrefix) + "/" + relative, std::move(entry));
  }
  if (ec) {
    assets.files_.clear();
    assets.total_bytes_ = 0;
    assets.problem_ = "it cannot be read: " + ec.message();
    return assets;
  }
  assets.built_ = assets.files_.contains(kIndexPath);
  if (!assets.built_) assets.problem_ = "it has no index.html";
  return assets;
}

const ConsoleAssets::File* ConsoleAssets::Find(std::string_view path) const {
  const auto it = files_.find(path);
  return it == files_.end() ? nullptr : &it->second;
}

HttpResponse ConsoleAssets::Respond(const HttpRequest& request) const {
  const std::string_view path = PathOf(request.target);
  if (!built_) {
    HttpResponse response = ConsoleResponse(404, "text/html; charset=utf-8", kRevalidate);
    response.body = fmt::format(
        "<!doctype html>\n<html lang=\"en\">\n<head><meta charset=\"utf-8\">"
        "<title>Junction: the console was not built</title></head>\n<body>\n"
        "<h1>The console was not built</h1>\n"
        "<p>Junction looked for the console's files in <code>{}</code>, but {}.</p>\n"
        "<p>Build it (from the repository's root), then restart the engine:</p>\n"
        "<pre>{}</pre>\n"
        "<p><code>./scripts/quickstart</code> builds it too. Or start the engine with "
        "<code>--console-assets-dir</code> naming a built console.</p>\n</body>\n</html>\n",
        HtmlEscaped(directory_), HtmlEscaped(problem_), HtmlEscaped(kConsoleBuildCommand));
    return response;
  }
  const std::optional<std::string> decoded = DecodedPath(path);
  if (!decoded) return NotFound();
  std::string_view key = *decoded;
  if (key == kPrefix || key == "/console/") key = kIndexPath;
  const File* file = Find(key);
  if (file == nullptr) {
    // A path of the app's own (a client-side route) gets the app; a file that is not there, 404.
    const std::string_view last = key.substr(key.rfind('/') + 1);
    if (key.starts_with(kAssetsPrefix) || !KnownContentType(last).empty()) return NotFound();
    key = kIndexPath;
    file = Find(key);
  }
  const std::string_view cache_control = key.starts_with(kAssetsPrefix) ? kImmutable : kRevalidate;
  const bool unchanged = NoneMatchNames(request.Header("if-none-match"), file->etag);
  HttpResponse response = ConsoleResponse(unchanged ? 304 : 200, file->content_type, cache_control);
  response.headers.emplace("etag", file->etag);
  if (!unchanged) response.body = file->body;
  return response;
}

}  // namespace junction::server
