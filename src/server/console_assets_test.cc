// ConsoleAssets: what the console's files are served as (type, caching, ETag, security headers),
// the app's client-side routes, and that nothing outside the directory read at start-up is ever
// reached. Every test reads real files from a temporary directory.

#include "server/console_assets.h"

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <system_error>

#include <gtest/gtest.h>

namespace junction::server {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view kIndex =
    "<!doctype html><html><head><script type=\"module\" src=\"/console/assets/app-1234.js\">"
    "</script></head><body><div id=\"root\"></div></body></html>";
constexpr std::string_view kScript = "console.info('app');";

// A fresh directory under the system's temporary directory, removed at the end of the test.
class TempDir {
 public:
  TempDir() {
    std::string pattern = (fs::temp_directory_path() / "junction-console-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr) {
      throw std::system_error(errno, std::generic_category(), "mkdtemp " + pattern);
    }
    path_ = pattern;
  }
  ~TempDir() {
    std::error_code ignored;
    fs::remove_all(path_, ignored);
  }
  const fs::path& path() const { return path_; }

  void Write(const std::string& relative, std::string_view content) const {
    const fs::path file = path_ / relative;
    fs::create_directories(file.parent_path());
    std::ofstream(file, std::ios::binary) << content;
  }

 private:
  fs::path path_;
};

HttpResponse Get(const ConsoleAssets& assets, std::string target, std::string if_none_match = "") {
  HttpRequest request;
  request.method = "GET";
  request.target = std::move(target);
  if (!if_none_match.empty()) request.headers.emplace("if-none-match", std::move(if_none_match));
  return assets.Respond(request);
}

class ConsoleAssetsTest : public ::testing::Test {
 protected:
  ConsoleAssetsTest() {
    // A file beside the console's directory, which no request may reach.
    outside_.Write("secret.txt", "outside");
    outside_.Write("CMakeLists.txt", "outside");
    dist_ = outside_.path() / "dist";
    outside_.Write("dist/index.html", kIndex);
    outside_.Write("dist/assets/app-1234.js", kScript);
    outside_.Write("dist/assets/app-1234.css", "body{}");
    outside_.Write("dist/assets/font-1.woff2", std::string("\0\1\2", 3));
    outside_.Write("dist/favicon.svg", "<svg/>");
    outside_.Write("dist/notes.unknown", "?");
    // Not the app's: the build's stamp, an editor's folder.
    outside_.Write("dist/.junction-sources.sha256", "stamp");
    outside_.Write("dist/.cache/x.js", "hidden");
  }

  TempDir outside_;
  fs::path dist_;
};

TEST_F(ConsoleAssetsTest, LoadsEveryFileOfTheDirectory) {
  const ConsoleAssets assets = ConsoleAssets::Load(dist_);
  EXPECT_TRUE(assets.built());
  EXPECT_EQ(assets.file_count(), 6u);  // the dot-files left out
  EXPECT_EQ(assets.problem(), "");
  EXPECT_TRUE(assets.skipped().empty());
  EXPECT_EQ(assets.directory(), dist_.string());
}

TEST_F(ConsoleAssetsTest, ServesFilesWithTheirContentTypes) {
  const ConsoleAssets assets = ConsoleAssets::Load(dist_);
  HttpResponse script = Get(assets, "/console/assets/app-1234.js");
  EXPECT_EQ(script.status, 200u);
  EXPECT_EQ(script.body, kScript);
  EXPECT_EQ(script.content_type, "text/javascript; charset=utf-8");
  EXPECT_EQ(Get(assets, "/console/assets/app-1234.css").content_type, "text/css; charset=utf-8");
  EXPECT_EQ(Get(assets, "/console/assets/font-1.woff2").content_type, "font/woff2");
  EXPECT_EQ(Get(assets, "/console/assets/font-1.woff2").body, std::string("\0\1\2", 3));
  EXPECT_EQ(Get(assets, "/console/favicon.svg").content_type, "image/svg+xml");
  EXPECT_EQ(Get(assets, "/console/notes.unknown").content_type, "application/octet-stream");
  HttpResponse index = Get(assets, "/console/index.html");
  EXPECT_EQ(index.body, kIndex);
  EXPECT_EQ(index.content_type, "text/html; charset=utf-8");
}

TEST(ConsoleContentType, ByExtension) {
  EXPECT_EQ(ConsoleContentType("a.html"), "text/html; charset=utf-8");
  EXPECT_EQ(ConsoleContentType("a.mjs"), "text/javascript; charset=utf-8");
  EXPECT_EQ(ConsoleContentType("a.JS"), "text/javascript; charset=utf-8");
  EXPECT_EQ(ConsoleContentType("a.json"), "application/json; charset=utf-8");
  EXPECT_EQ(ConsoleContentType("a.js.map"), "application/json; charset=utf-8");
  EXPECT_EQ(ConsoleContentType("a.png"), "image/png");
  EXPECT_EQ(ConsoleContentType("a.ico"), "image/x-icon");
  EXPECT_EQ(ConsoleContentType("a.woff"), "font/woff");
  EXPECT_EQ(ConsoleContentType("a.ttf"), "font/ttf");
  EXPECT_EQ(ConsoleContentType("a.txt"), "text/plain; charset=utf-8");
  EXPECT_EQ(ConsoleContentType("a.wasm"), "application/wasm");
  EXPECT_EQ(ConsoleContentType("a.bin"), "application/octet-stream");
  EXPECT_EQ(ConsoleContentType("LICENSE"), "application/octet-stream");
}

TEST_F(ConsoleAssetsTest, TheAppAnswersItsOwnRoutes) {
  const ConsoleAssets assets = ConsoleAssets::Load(dist_);
  for (const char* target :
       {"/console", "/console/", "/console?x=1", "/console/#top", "/console/api-explorer",
        "/console/data/default/schema/public/tables/order/relationships",
        "/console/data/default/schema/public/tables/my.table", "/console/remote-schemas?tab=2"}) {
    HttpResponse response = Get(assets, target);
    EXPECT_EQ(response.status, 200u) << target;
    EXPECT_EQ(response.body, kIndex) << target;
    EXPECT_EQ(response.content_type, "text/html; charset=utf-8") << target;
    EXPECT_EQ(response.headers.at("cache-control"), "no-cache") << target;
  }
}

TEST_F(ConsoleAssetsTest, AMissingFileIsNotFoundNotTheApp) {
  const ConsoleAssets assets = ConsoleAssets::Load(dist_);
  for (const char* target : {"/console/assets/gone.js", "/console/assets/gone", "/console/gone.css",
                             "/console/data/x.png", "/console/assets/"}) {
    HttpResponse response = Get(assets, target);
    EXPECT_EQ(response.status, 404u) << target;
    EXPECT_EQ(response.content_type, "text/plain; charset=utf-8") << target;
    EXPECT_EQ(response.body.find("<html"), std::string::npos) << target;
    EXPECT_EQ(response.headers.at("x-content-type-options"), "nosniff") << target;
  }
}

TEST_F(ConsoleAssetsTest, NothingOutsideTheDirectoryIsReached) {
  const ConsoleAssets assets = ConsoleAssets::Load(dist_);
  for (const char* target :
       {"/console/../CMakeLists.txt", "/console/../secret.txt", "/console/%2e%2e/secret.txt",
        "/console/%2E%2E/x", "/console/%2e%2e/x", "/console/assets/../../etc/passwd",
        "/console/assets/..%2f..%2fsecret.txt", "/console/./index.html", "/console/..",
        "/console/assets/%2e%2e/%2e%2e/secret.txt", "/console/%00", "/console/a%zz",
        "/console/..\\secret.txt", "/console/assets/..%5c..%5csecret.txt"}) {
    HttpResponse response = Get(assets, target);
    EXPECT_EQ(response.status, 404u) << target;
    EXPECT_EQ(response.body.find("outside"), std::string::npos) << target;
  }
}

TEST_F(ConsoleAssetsTest, SymlinksOutOfTheTreeAndOtherNonFilesAreNotServed) {
  fs::create_symlink(outside_.path() / "secret.txt", dist_ / "leak.txt");
  fs::create_directory_symlink(outside_.path(), dist_ / "up");
  fs::create_symlink(dist_ / "favicon.svg", dist_ / "icon.svg");  // inside: served
  ASSERT_EQ(::mkfifo((dist_ / "pipe.txt").c_str(), 0600), 0);
  const ConsoleAssets assets = ConsoleAssets::Load(dist_);
  EXPECT_EQ(Get(assets, "/console/leak.txt").status, 404u);
  EXPECT_EQ(Get(assets, "/console/up/secret.txt").status, 404u);
  EXPECT_EQ(Get(assets, "/console/pipe.txt").status, 404u);
  EXPECT_EQ(Get(assets, "/console/icon.svg").body, "<svg/>");
  EXPECT_EQ(assets.skipped().size(), 3u);
}

TEST_F(ConsoleAssetsTest, HashedAssetsAreImmutableAndEverythingElseRevalidates) {
  const ConsoleAssets assets = ConsoleAssets::Load(dist_);
  EXPECT_EQ(Get(assets, "/console/assets/app-1234.js").headers.at("cache-control"),
            "public, max-age=31536000, immutable");
  EXPECT_EQ(Get(assets, "/console/index.html").headers.at("cache-control"), "no-cache");
  EXPECT_EQ(Get(assets, "/console/favicon.svg").headers.at("cache-control"), "no-cache");
}

TEST_F(ConsoleAssetsTest, ETagsAreStrongAndIfNoneMatchAnswers304) {
  const ConsoleAssets assets = ConsoleAssets::Load(dist_);
  HttpResponse first = Get(assets, "/console/assets/app-1234.js");
  const std::string etag = first.headers.at("etag");
  ASSERT_EQ(etag.size(), 34u);  // 128 bits in hex, quoted
  EXPECT_EQ(etag.front(), '"');
  EXPECT_NE(etag, Get(assets, "/console/assets/app-1234.css").headers.at("etag"));
  EXPECT_EQ(etag, ConsoleAssets::Load(dist_)
                      .Respond(HttpRequest{"GET", "/console/assets/app-1234.js", {}, ""})
                      .headers.at("etag"));

  for (const std::string& header : {etag, "W/" + etag, "\"other\", " + etag, std::string("*")}) {
    HttpResponse again = Get(assets, "/console/assets/app-1234.js", header);
    EXPECT_EQ(again.status, 304u) << header;
    EXPECT_EQ(again.body, "") << header;
    EXPECT_EQ(again.headers.at("etag"), etag);
    EXPECT_EQ(again.headers.at("cache-control"), "public, max-age=31536000, immutable");
  }
  EXPECT_EQ(Get(assets, "/console/assets/app-1234.js", "\"other\"").status, 200u);

  // The app's routes share index.html's tag.
  const std::string index_etag = Get(assets, "/console").headers.at("etag");
  EXPECT_EQ(Get(assets, "/console/data/default", index_etag).status, 304u);
}

TEST_F(ConsoleAssetsTest, SecurityHeadersOnEveryAnswerAndTheCspOnHtmlOnly) {
  const ConsoleAssets assets = ConsoleAssets::Load(dist_);
  for (const char* target : {"/console", "/console/assets/app-1234.js", "/console/gone.js"}) {
    HttpResponse response = Get(assets, target);
    EXPECT_EQ(response.headers.at("x-content-type-options"), "nosniff") << target;
    EXPECT_EQ(response.headers.at("referrer-policy"), "no-referrer") << target;
    EXPECT_EQ(response.headers.at("x-frame-options"), "DENY") << target;
  }
  EXPECT_EQ(Get(assets, "/console").headers.at("content-security-policy"),
            "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src "
            "'self' data:; font-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; "
            "base-uri 'self'; form-action 'self'");
  EXPECT_EQ(Get(assets, "/console/assets/app-1234.js").headers.count("content-security-policy"),
            0u);
  EXPECT_EQ(Get(assets, "/console/favicon.svg").headers.count("content-security-policy"), 0u);
}

TEST(ConsoleAssetsNotBuilt, AMissingDirectoryOrIndexSaysHowToBuildIt) {
  TempDir temp;
  temp.Write("dist/assets/app-1234.js", kScript);  // a build without its index.html
  for (const fs::path& directory : {temp.path() / "nowhere", temp.path() / "dist"}) {
    const ConsoleAssets assets = ConsoleAssets::Load(directory);
    EXPECT_FALSE(assets.built()) << directory;
    EXPECT_FALSE(assets.problem().empty());
    for (const char* target : {"/console", "/console/assets/app-1234.js", "/console/data"}) {
      HttpResponse response = Get(assets, target);
      EXPECT_EQ(response.status, 404u) << target;
      EXPECT_EQ(response.content_type, "text/html; charset=utf-8");
      EXPECT_NE(response.body.find("not built"), std::string::npos);
      EXPECT_NE(response.body.find(directory.string()), std::string::npos);
      EXPECT_NE(response.body.find("npm ci --prefix console &amp;&amp; npm run build --prefix "
                                   "console"),
                std::string::npos);
      EXPECT_NE(response.body.find("./scripts/quickstart"), std::string::npos);
      EXPECT_EQ(response.headers.at("cache-control"), "no-cache");
      EXPECT_EQ(response.headers.count("content-security-policy"), 1u);
    }
  }
  EXPECT_EQ(ConsoleAssets::Load(temp.path() / "nowhere").problem(), "the directory does not exist");
  EXPECT_EQ(ConsoleAssets::Load(temp.path() / "dist").problem(), "it has no index.html");
}

TEST(ConsoleAssetsNotBuilt, TheDirectoryIsEscapedInThePage) {
  TempDir temp;
  const ConsoleAssets assets = ConsoleAssets::Load(temp.path() / "<b>");
  const HttpResponse response = Get(assets, "/console");
  EXPECT_EQ(response.body.find("<b>"), std::string::npos);
  EXPECT_NE(response.body.find("&lt;b&gt;"), std::string::npos);
}

TEST(IsConsolePath, TheConsoleAndBelowOnly) {
  EXPECT_TRUE(IsConsolePath("/console"));
  EXPECT_TRUE(IsConsolePath("/console/"));
  EXPECT_TRUE(IsConsolePath("/console/assets/a.js"));
  EXPECT_TRUE(IsConsolePath("/console?x"));
  EXPECT_FALSE(IsConsolePath("/consoles"));
  EXPECT_FALSE(IsConsolePath("/"));
  EXPECT_FALSE(IsConsolePath("/v1/console"));
  EXPECT_FALSE(IsConsolePath("/Console"));
}

}  // namespace
TEST_F(ConsoleAssetsTest, DotFilesAreNeverServed) {
  const ConsoleAssets assets = ConsoleAssets::Load(dist_);
  // An extension-less name is a route of the app: index.html, not the stamp.
  const HttpResponse stamp = Get(assets, "/console/.junction-sources.sha256");
  EXPECT_EQ(stamp.body, kIndex);
  EXPECT_EQ(Get(assets, "/console/.cache/x.js").status, 404u);
}

TEST_F(ConsoleAssetsTest, NotFoundDoesNotEchoThePath) {
  const ConsoleAssets assets = ConsoleAssets::Load(dist_);
  const HttpResponse response = Get(assets, "/console/assets/%3Cscript%3E.js");
  EXPECT_EQ(response.status, 404u);
  EXPECT_EQ(response.body.find("script"), std::string::npos);
}

}  // namespace junction::server
