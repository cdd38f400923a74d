#pragma once
// For tests of src/graphql only: reads the shared GraphQL documents in
// ../shared/testdata/graphql-js (kitchen sinks, GitHub's schema). The directory comes from the
// JUNCTION_SHARED_DIR compile definition that junction_library gives every test binary; a missing
// file fails the test loudly instead of letting it pass on empty input.

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>

namespace junction::graphql::testing {

inline std::string ReadGraphqlJsDocument(const std::string& name) {
  const std::string path = std::string(JUNCTION_SHARED_DIR) + "/testdata/graphql-js/" + name;
  std::ifstream file(path, std::ios::binary);
  if (!file) {
    ADD_FAILURE() << "missing test data " << path
                  << " (the shared directory must sit beside the source tree)";
    return {};
  }
  std::ostringstream text;
  text << file.rdbuf();
  if (text.str().empty()) ADD_FAILURE() << "empty test data " << path;
  return text.str();
}

}  // namespace junction::graphql::testing
