// Request ids: the client's when usable, else a fresh version-4 UUID.

#include "server/request_id.h"

#include <set>
#include <string>

#include <gtest/gtest.h>

namespace junction::server {
namespace {

bool LooksLikeUuidV4(const std::string& id) {
  if (id.size() != 36) return false;
  for (size_t i = 0; i < id.size(); ++i) {
    const bool dash = i == 8 || i == 13 || i == 18 || i == 23;
    if (dash != (id[i] == '-')) return false;
    if (!dash && std::string_view("0123456789abcdef").find(id[i]) == std::string_view::npos) {
      return false;
    }
  }
  return id[14] == '4' && std::string_view("89ab").find(id[19]) != std::string_view::npos;
}

TEST(RequestIdFor, EchoesAUsableClientId) {
  EXPECT_EQ(RequestIdFor("trace-123"), "trace-123");
  EXPECT_EQ(RequestIdFor(std::string(kMaxRequestIdLength, 'x')),
            std::string(kMaxRequestIdLength, 'x'));
}

TEST(RequestIdFor, ReplacesEmptyLongOrUnprintableIds) {
  EXPECT_TRUE(LooksLikeUuidV4(RequestIdFor("")));
  EXPECT_TRUE(LooksLikeUuidV4(RequestIdFor(std::string(kMaxRequestIdLength + 1, 'x'))));
  EXPECT_TRUE(LooksLikeUuidV4(RequestIdFor("a b")));
  EXPECT_TRUE(LooksLikeUuidV4(RequestIdFor("a\x01")));
  EXPECT_TRUE(LooksLikeUuidV4(RequestIdFor("caf\xc3\xa9")));
}

TEST(NewUuid, IsVersion4AndDistinct) {
  std::set<std::string> seen;
  for (int i = 0; i < 1000; ++i) {
    const std::string id = NewUuid();
    ASSERT_TRUE(LooksLikeUuidV4(id)) << id;
    seen.insert(id);
  }
  EXPECT_EQ(seen.size(), 1000u);
}

}  // namespace
}  // namespace junction::server
