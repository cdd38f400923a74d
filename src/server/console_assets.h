#pragma once
// ConsoleAssets: the web console's files (the single-page app Vite builds into console/dist), read
// into memory once at start-up and served by the router under /console (router.h). Only the files
// read at start-up are ever served: a request path is looked up in that map and never touches the
// file system, so `..`, `%2e%2e` or a symlink pointing out of the tree cannot reach anything else.
//
//   console/dist/index.html              → /console/index.html   (also /console, /console/, and
//                                           every client-side route such as /console/data/default)
//   console/dist/assets/index-4f2a91.js  → /console/assets/index-4f2a91.js
//
//   GET /console/assets/index-4f2a91.js   200 text/javascript, Cache-Control immutable, ETag
//   GET /console/data/default/schema      200 index.html (a route of the app: no file extension)
//   GET /console/assets/gone.js           404 (a file that does not exist is not the app)
//   GET /console/…  If-None-Match: <ETag> 304, no body
//   GET /console/…  (console not built)   404 text/html saying how to build it
//
// Vite names the files under assets/ after their content, so they are cached for a year; every
// other file (index.html above all) is revalidated on each load (Cache-Control: no-cache) so a new
// build is picked up at once. Every answer carries nosniff, no-referrer and DENY framing; HTML
// also carries a Content-Security-Policy that allows only the console's own scripts and styles
// (inline styles too: GraphiQL sets them) and connections to this engine.

#include <cstddef>
#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "server/http_types.h"

namespace junction::server {

// The Content-Security-Policy of the console's HTML.
inline constexpr std::string_view kConsoleContentSecurityPolicy =
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' "
    "data:; font-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; "
    "form-action 'self'";

// How to build the console, for the not-built page and the start-up warning.
inline constexpr std::string_view kConsoleBuildCommand =
    "npm ci --prefix console && npm run build --prefix console";

class ConsoleAssets {
 public:
  // Reads every regular file under `directory` (symlinks only when they resolve to a regular file
  // inside it). A missing directory, one without index.html, or one past the size limits (a
  // mistaken --console-assets-dir such as /) gives the not-built state; files that cannot be read
  // are skipped. Neither stops the engine: `problem()` and `skipped()` say what happened.
  static ConsoleAssets Load(const std::filesystem::path& directory);

  // Whether index.html was found: otherwise every /console path answers the not-built page.
  bool built() const { return built_; }
  // The directory as given to Load, for messages.
  const std::string& directory() const { return directory_; }
  size_t file_count() const { return files_.size(); }
  size_t total_bytes() const { return total_bytes_; }
  // Why the console is not built ("it has no index.html"); empty when it is.
  const std::string& problem() const { return problem_; }
  // Files left out, each with the reason ("assets/x.js: not a regular file").
  const std::vector<std::string>& skipped() const { return skipped_; }

  // The answer to a GET or HEAD of `target` (query string included), which is /console or starts
  // with /console/.
  HttpResponse Respond(const HttpRequest& request) const;

 private:
  struct File {
    std::string body;
    std::string content_type;
    std::string etag;  // strong: "<first 128 bits of the SHA-256 of the body, in hex>"
  };

  // The file a (decoded, checked) URL path names, or null.
  const File* Find(std::string_view path) const;

  std::string directory_;
  bool built_ = false;
  std::string problem_;
  std::vector<std::string> skipped_;
  std::map<std::string, File, std::less<>> files_;  // by URL path: "/console/index.html"
  size_t total_bytes_ = 0;
};

// The content type of a file name by its extension ("app.js" → "text/javascript; charset=utf-8");
// application/octet-stream for a name whose extension is not listed or that has none.
std::string_view ConsoleContentType(std::string_view file_name);

// Whether `target`'s path is the console's: /console or below it.
bool IsConsolePath(std::string_view target);

}  // namespace junction::server
