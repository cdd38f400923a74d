#pragma once
// PgScalar: how Hasura exposes a Postgres column type in GraphQL
// (server/src-lib/Hasura/Backends/Postgres/SQL/Types.hs: textToPGScalarType, mkScalarTypeName,
// isNumType, isComparableType, isStringType). Types are named as pg_type.typname names them
// (metadata::CatalogColumn::type):
//
//   int4 → Int   float4 → Float   bool → Boolean   text, varchar → String
//   int2 → smallint   int8 → bigint   float8 → float8   bpchar → bpchar   jsonb → jsonb
//   an enum type "mood" → mood (a custom scalar, not a GraphQL enum, as Hasura does)
//   anything else ("interval", "bytea", a domain) → its own name, as a custom scalar
//
// The classification decides which operators and aggregates a column gets: numeric columns get
// sum/avg/stddev/variance, comparable ones max/min, string ones the like/regex operators.

#include <optional>
#include <string>
#include <string_view>

namespace junction::schema {

struct PgScalar {
  enum class Kind {
    kInteger,
    kSmallInt,
    kBigInt,
    kReal,
    kDouble,
    kNumeric,
    kMoney,
    kBoolean,
    kString,  // text, varchar, bpchar, citext
    kJson,
    kJsonb,
    kGeometry,
    kGeography,
    kOtherKnown,  // date, timestamp, timestamptz, timetz, uuid, ltree, … (comparable)
    kEnum,        // a user-defined enum type (comparable)
    kUnknown,     // any other type (not comparable)
  };

  Kind kind = Kind::kUnknown;
  std::string graphql_name;  // "Int", "bigint", "mood", …

  bool IsNumeric() const;
  bool IsComparable() const;
  bool IsString() const { return kind == Kind::kString; }
};

// The scalar of a column of type `type_name`; `is_enum` when the type is a user enum.
PgScalar PgScalarFor(std::string_view type_name, bool is_enum);

// The scalar of a SQLite column declared `declared_type` (as written: "INTEGER", "VARCHAR(20)"),
// by SQLite's affinity rules (https://sqlite.org/datatype3.html §3.1), so a SQLite source offers
// the types, operators and aggregates a Postgres one does:
//   …INT… → Int   …BOOL… → Boolean (stored 0/1)   …CHAR…, …CLOB…, …TEXT… → String
//   …REAL…, …FLOA…, …DOUB… → Float   …DATE…, …TIME… → String (ISO text, as SQLite keeps dates)
//   anything else (NUMERIC, DECIMAL) → Float
// nullopt for BLOB affinity (…BLOB… or no declared type): such a column holds any value, which
// no GraphQL scalar describes, so it is left out of the schema.
std::optional<PgScalar> SqliteScalarFor(std::string_view declared_type);

// The scalar of a BigQuery column of type `type` (backends/bigquery/introspection.h: BigQuery's
// name without parameters; the element type of an array), with Hasura's names for BigQuery
// (docs "BigQuery: Supported Types"):
//   INT64 → Int   FLOAT64 → Float   NUMERIC → Decimal   BIGNUMERIC → BigDecimal   BOOL → Boolean
//   STRING → String   BYTES → Bytes   DATE → Date   TIME → Time   DATETIME → Datetime
//   TIMESTAMP → Timestamp   GEOGRAPHY → Geography   JSON, STRUCT<…> and ARRAY<…> → JSON
//   INTERVAL → Interval   RANGE<…> → Range (custom scalars holding BigQuery's text)
//   the legacy names INTEGER, FLOAT, BOOLEAN as INT64, FLOAT64, BOOL
//   anything else (a type BigQuery may add) → its name, '_' for each character GraphQL refuses
// Numbers are numeric (sum, avg, …); strings, dates, times and bytes comparable; GEOGRAPHY, JSON,
// INTERVAL and RANGE are not comparable.
PgScalar BigQueryScalarFor(std::string_view type);

}  // namespace junction::schema
