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

// Every mapping in pg_scalar.h's comment on BigQueryScalarFor, legacy names included.
TEST(BigQueryScalarTest, HasurasNamesForBigQueryTypes) {
  const struct {
    const char* type;
    Kind kind;
    const char* scalar;
  } cases[] = {
      {"INT64", Kind::kInteger, "Int"},
      {"INTEGER", Kind::kInteger, "Int"},
      {"FLOAT64", Kind::kDouble, "Float"},
      {"FLOAT", Kind::kDouble, "Float"},
      {"NUMERIC", Kind::kNumeric, "Decimal"},
      {"BIGNUMERIC", Kind::kNumeric, "BigDecimal"},
      {"BOOL", Kind::kBoolean, "Boolean"},
      {"BOOLEAN", Kind::kBoolean, "Boolean"},
      {"STRING", Kind::kString, "String"},
      {"BYTES", Kind::kOtherKnown, "Bytes"},
      {"DATE", Kind::kOtherKnown, "Date"},
      {"TIME", Kind::kOtherKnown, "Time"},
      {"DATETIME", Kind::kOtherKnown, "Datetime"},
      {"TIMESTAMP", Kind::kOtherKnown, "Timestamp"},
      {"GEOGRAPHY", Kind::kUnknown, "Geography"},
      {"JSON", Kind::kUnknown, "JSON"},
      {"STRUCT<a INT64, b ARRAY<STRING>>", Kind::kUnknown, "JSON"},
      {"ARRAY<STRUCT<a INT64>>", Kind::kUnknown, "JSON"},
      {"ARRAY<INT64>", Kind::kUnknown, "JSON"},
      {"INTERVAL", Kind::kUnknown, "Interval"},
      {"RANGE<DATE>", Kind::kUnknown, "Range"},
      {"RANGE<TIMESTAMP>", Kind::kUnknown, "Range"},
      {"NEWTYPE<X>", Kind::kUnknown, "NEWTYPE_X_"},
  };
  for (const auto& test : cases) {
    const PgScalar scalar = BigQueryScalarFor(test.type);
    EXPECT_EQ(scalar.kind, test.kind) << test.type;
    EXPECT_EQ(scalar.graphql_name, test.scalar) << test.type;
  }
}

TEST(BigQueryScalarTest, NumbersAreNumericAndOrderedTypesComparable) {
  for (const char* type : {"INT64", "FLOAT64", "NUMERIC", "BIGNUMERIC"}) {
    EXPECT_TRUE(BigQueryScalarFor(type).IsNumeric()) << type;
    EXPECT_TRUE(BigQueryScalarFor(type).IsComparable()) << type;
  }
  for (const char* type : {"STRING", "BYTES", "DATE", "TIME", "DATETIME", "TIMESTAMP"}) {
    EXPECT_FALSE(BigQueryScalarFor(type).IsNumeric()) << type;
    EXPECT_TRUE(BigQueryScalarFor(type).IsComparable()) << type;
  }
  for (const char* type : {"GEOGRAPHY", "JSON", "STRUCT<a INT64>", "ARRAY<STRUCT<a INT64>>",
                           "INTERVAL", "RANGE<DATE>"}) {
    EXPECT_FALSE(BigQueryScalarFor(type).IsNumeric()) << type;
    EXPECT_FALSE(BigQueryScalarFor(type).IsComparable()) << type;
  }
}

}  // namespace
}  // namespace junction::schema
