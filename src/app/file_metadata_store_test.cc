#include "app/file_metadata_store.h"

#include <sys/stat.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "metadata/json_text.h"

namespace junction::app {
namespace {

namespace fs = std::filesystem;

class FileMetadataStoreTest : public testing::Test {
 protected:
  void SetUp() override {
    std::string pattern = (fs::path(testing::TempDir()) / "junction-store-XXXXXX").string();
    ASSERT_NE(::mkdtemp(pattern.data()), nullptr);
    dir_ = pattern;
    path_ = dir_ / "junction-metadata.json";
  }
  void TearDown() override { fs::remove_all(dir_); }

  void Write(const std::string& text) { std::ofstream(path_, std::ios::binary) << text; }
  std::string Read() const {
    std::ifstream in(path_, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
  }
  std::vector<std::string> Entries() const {
    std::vector<std::string> names;
    for (const auto& entry : fs::directory_iterator(dir_)) {
      names.push_back(entry.path().filename().string());
    }
    return names;
  }

  static metadata::Metadata Sample(int64_t resource_version) {
    Result<metadata::Json> json = metadata::ParseJsonText(
        R"({"version":3,"sources":[],"query_collections":[{"name":"c","definition":{"queries":[]}}],)"
        R"("network":{"tls_allowlist":[]}})");
    Result<metadata::Metadata> metadata = metadata::Metadata::FromJson(*json);
    metadata->set_resource_version(resource_version);
    return *metadata;
  }

  fs::path dir_;
  fs::path path_;
};

TEST_F(FileMetadataStoreTest, MissingFileIsEmptyMetadata) {
  FileMetadataStore store(path_);
  Result<metadata::Metadata> loaded = store.Load();
  ASSERT_TRUE(loaded) << loaded.error().message;
  EXPECT_EQ(*loaded, metadata::Metadata());
  EXPECT_FALSE(fs::exists(path_)) << "loading must not create the file";
}

TEST_F(FileMetadataStoreTest, SaveThenLoadRoundTrips) {
  FileMetadataStore store(path_);
  ASSERT_TRUE(store.Load());
  const metadata::Metadata saved = Sample(5);
  ASSERT_TRUE(store.Save(saved, 0));

  EXPECT_EQ(Read(), FileMetadataStoreText(saved));
  EXPECT_EQ(Read().substr(0, 28), "{\n  \"resource_version\": 5,\n ");
  Result<metadata::Metadata> loaded = FileMetadataStore(path_).Load();
  ASSERT_TRUE(loaded) << loaded.error().message;
  EXPECT_EQ(*loaded, saved);

  struct stat info {};
  ASSERT_EQ(::stat(path_.c_str(), &info), 0);
  EXPECT_EQ(info.st_mode & 0777, 0600);
  EXPECT_EQ(Entries(), std::vector<std::string>{"junction-metadata.json"}) << "temp file left over";
}

TEST_F(FileMetadataStoreTest, SaveReplacesThePreviousContent) {
  FileMetadataStore store(path_);
  ASSERT_TRUE(store.Load());
  ASSERT_TRUE(store.Save(Sample(2), 0));
  metadata::Metadata empty;
  empty.set_resource_version(3);
  ASSERT_TRUE(store.Save(empty, 0));
  Result<metadata::Metadata> loaded = store.Load();
  ASSERT_TRUE(loaded);
  EXPECT_EQ(*loaded, empty);
  EXPECT_EQ(Entries().size(), 1u);
}

TEST_F(FileMetadataStoreTest, CorruptFileIsAnErrorAndIsNeverOverwritten) {
  const std::string corrupt = "{\n  \"resource_version\": 2,\n  \"metadata\": {\"version\": 3,,\n";
  Write(corrupt);
  FileMetadataStore store(path_);
  Result<metadata::Metadata> loaded = store.Load();
  ASSERT_FALSE(loaded);
  EXPECT_EQ(loaded.error().code, ErrorCode::kInvalidJson);
  const std::string& message = loaded.error().message;
  EXPECT_NE(message.find(path_.string()), std::string::npos) << message;
  EXPECT_NE(message.find("is not valid JSON: line 3, column"), std::string::npos) << message;

  Status saved = store.Save(metadata::Metadata(), 0);
  ASSERT_FALSE(saved);
  EXPECT_NE(saved.error().message.find("refusing to overwrite"), std::string::npos);
  EXPECT_EQ(Read(), corrupt);
  EXPECT_EQ(Entries().size(), 1u);
}

TEST_F(FileMetadataStoreTest, InvalidMetadataNamesWhereItIsWrong) {
  const std::string invalid =
      R"({"resource_version": 2, "metadata": {"version": 3, "sources": {}}})";
  Write(invalid);
  FileMetadataStore store(path_);
  Result<metadata::Metadata> loaded = store.Load();
  ASSERT_FALSE(loaded);
  EXPECT_EQ(loaded.error().message,
            "metadata store " + path_.string() +
                ": parsing sources failed, expected Array, but encountered Object "
                "(at $.metadata.sources)");
  EXPECT_FALSE(store.Save(metadata::Metadata(), 0));
  EXPECT_EQ(Read(), invalid);

  Write(R"({"metadata": {"version": 3, "sources": []}})");
  loaded = store.Load();
  ASSERT_FALSE(loaded);
  EXPECT_NE(loaded.error().message.find("resource_version"), std::string::npos);
}

TEST_F(FileMetadataStoreTest, EmptyFileIsAnError) {
  Write("");
  Result<metadata::Metadata> loaded = FileMetadataStore(path_).Load();
  ASSERT_FALSE(loaded);
  EXPECT_NE(loaded.error().message.find("is not valid JSON: not enough input"), std::string::npos);
}

TEST_F(FileMetadataStoreTest, ReadsABareMetadataDocument) {
  Write(R"({"version":3,"sources":[],"network":{"a":1}})");
  FileMetadataStore store(path_);
  Result<metadata::Metadata> loaded = store.Load();
  ASSERT_TRUE(loaded) << loaded.error().message;
  EXPECT_EQ(loaded->resource_version(), metadata::kInitialResourceVersion);
  EXPECT_EQ(loaded->ToText(), R"({"version":3,"sources":[],"network":{"a":1}})");
  // A successful load allows saving again, in the store's own form.
  ASSERT_TRUE(store.Save(*loaded, 0));
  EXPECT_EQ(Read(), FileMetadataStoreText(*loaded));
}

TEST_F(FileMetadataStoreTest, UnreadablePathIsAnError) {
  fs::create_directory(path_);  // a directory where the file should be
  FileMetadataStore store(path_);
  Result<metadata::Metadata> loaded = store.Load();
  ASSERT_FALSE(loaded);
  EXPECT_NE(loaded.error().message.find("cannot read " + path_.string()),
            std::string::npos)
      << loaded.error().message;
}

TEST_F(FileMetadataStoreTest, SaveIntoAMissingDirectoryFails) {
  FileMetadataStore store(dir_ / "missing" / "m.json");
  ASSERT_TRUE(store.Load());
  Status saved = store.Save(metadata::Metadata(), 0);
  ASSERT_FALSE(saved);
  EXPECT_NE(saved.error().message.find("cannot create a temporary file"), std::string::npos);
}

}  // namespace
}  // namespace junction::app
