#include "server/query_cache.h"

#include <gtest/gtest.h>

namespace junction::server {
namespace {

std::shared_ptr<const QueryCache::Entry> EntryFor() {
  auto document = std::make_shared<graphql::Document>();
  auto entry = std::make_shared<QueryCache::Entry>();
  entry->document = document;
  return entry;
}

TEST(QueryCacheTest, FindsWhatWasInsertedUnderTheSameKeyOnly) {
  QueryCache cache(4);
  auto entry = EntryFor();
  cache.Insert("admin", "{ a }", "", entry);
  EXPECT_EQ(cache.Find("admin", "{ a }", ""), entry);
  EXPECT_EQ(cache.Find("user", "{ a }", ""), nullptr);
  EXPECT_EQ(cache.Find("admin", "{ a }", "Q"), nullptr);
  EXPECT_EQ(cache.Find("admin", "{ b }", ""), nullptr);
}

TEST(QueryCacheTest, KeysDoNotCollideAcrossFieldBoundaries) {
  QueryCache cache(4);
  cache.Insert("ab", "c", "", EntryFor());
  EXPECT_EQ(cache.Find("a", "bc", ""), nullptr);
  EXPECT_EQ(cache.Find("a", "c", "b"), nullptr);
}

TEST(QueryCacheTest, EvictsTheLeastRecentlyUsed) {
  QueryCache cache(2);
  cache.Insert("r", "1", "", EntryFor());
  cache.Insert("r", "2", "", EntryFor());
  ASSERT_NE(cache.Find("r", "1", ""), nullptr);  // 1 is now the most recent
  cache.Insert("r", "3", "", EntryFor());
  EXPECT_NE(cache.Find("r", "1", ""), nullptr);
  EXPECT_EQ(cache.Find("r", "2", ""), nullptr);
  EXPECT_NE(cache.Find("r", "3", ""), nullptr);
}

TEST(QueryCacheTest, ZeroCapacityKeepsNothing) {
  QueryCache cache(0);
  cache.Insert("r", "1", "", EntryFor());
  EXPECT_EQ(cache.Find("r", "1", ""), nullptr);
}

}  // namespace
}  // namespace junction::server
