#include "schema/pg_scalar.h"

#include <gtest/gtest.h>

namespace junction::schema {
namespace {

using Kind = PgScalar::Kind;

TEST(SqliteScalarTest, FollowsSqlitesAffinityRulesInTheirOrder) {
  const struct {
    const char* declared;
    Kind kind;
    const char* scalar;
  } cases[] = {
      {"INTEGER", Kind::kInteger, "Int"},
      {"bigint", Kind::kInteger, "Int"},
      {"UNSIGNED BIG INT", Kind::kInteger, "Int"},
      {"CHARINT", Kind::kInteger, "Int"},  // INT is SQLite's first rule
      {"BOOLEAN", Kind::kBoolean, "Boolean"},
      {"TEXT", Kind::kString, "String"},
      {"VARCHAR(20)", Kind::kString, "String"},
      {"NCLOB", Kind::kString, "String"},
      {"REAL", Kind::kReal, "Float"},
      {"DOUBLE PRECISION", Kind::kReal, "Float"},
      {"FLOAT", Kind::kReal, "Float"},
      {"NUMERIC", Kind::kReal, "Float"},
      {"DECIMAL(10,5)", Kind::kReal, "Float"},
      {"DATE", Kind::kString, "String"},
      {"DATETIME", Kind::kString, "String"},
  };
  for (const auto& test : cases) {
    std::optional<PgScalar> scalar = SqliteScalarFor(test.declared);
    ASSERT_TRUE(scalar) << test.declared;
    EXPECT_EQ(scalar->kind, test.kind) << test.declared;
    EXPECT_EQ(scalar->graphql_name, test.scalar) << test.declared;
  }
}

TEST(SqliteScalarTest, BlobAffinityIsNotExposed) {
  EXPECT_FALSE(SqliteScalarFor("BLOB"));
  EXPECT_FALSE(SqliteScalarFor(""));
}

}  // namespace
}  // namespace junction::schema
