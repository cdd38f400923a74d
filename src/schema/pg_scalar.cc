#include "schema/pg_scalar.h"

#include <cctype>

#include <array>
#include <functional>
#include <map>

namespace junction::schema {
namespace {

using Kind = PgScalar::Kind;

struct KnownType {
  std::string_view type_name;
  Kind kind;
  std::string_view graphql_name;
};

// Hasura's pgScalarTranslations for the names pg_type.typname uses, with mkScalarTypeName.
constexpr std::array kKnownTypes = {
    KnownType{"int2", Kind::kSmallInt, "smallint"},
    KnownType{"int4", Kind::kInteger, "Int"},
    KnownType{"int8", Kind::kBigInt, "bigint"},
    KnownType{"float4", Kind::kReal, "Float"},
    KnownType{"float8", Kind::kDouble, "float8"},
    KnownType{"numeric", Kind::kNumeric, "numeric"},
    KnownType{"money", Kind::kMoney, "money"},
    KnownType{"bool", Kind::kBoolean, "Boolean"},
    KnownType{"bpchar", Kind::kString, "bpchar"},
    KnownType{"char", Kind::kString, "bpchar"},
    KnownType{"varchar", Kind::kString, "String"},
    KnownType{"text", Kind::kString, "String"},
    KnownType{"citext", Kind::kString, "citext"},
    KnownType{"date", Kind::kOtherKnown, "date"},
    KnownType{"timestamp", Kind::kOtherKnown, "timestamp"},
    KnownType{"timestamptz", Kind::kOtherKnown, "timestamptz"},
    KnownType{"timetz", Kind::kOtherKnown, "timetz"},
    KnownType{"json", Kind::kJson, "json"},
    KnownType{"jsonb", Kind::kJsonb, "jsonb"},
    KnownType{"geometry", Kind::kGeometry, "geometry"},
    KnownType{"geography", Kind::kGeography, "geography"},
    KnownType{"raster", Kind::kOtherKnown, "raster"},
    KnownType{"uuid", Kind::kOtherKnown, "uuid"},
    KnownType{"ltree", Kind::kOtherKnown, "ltree"},
    KnownType{"lquery", Kind::kOtherKnown, "lquery"},
    KnownType{"ltxtquery", Kind::kOtherKnown, "ltxtquery"},
};

}  // namespace

bool PgScalar::IsNumeric() const {
  switch (kind) {
    case Kind::kInteger:
    case Kind::kSmallInt:
    case Kind::kBigInt:
    case Kind::kReal:
    case Kind::kDouble:
    case Kind::kNumeric:
    case Kind::kMoney:
      return true;
    default:
      return false;
  }
}

bool PgScalar::IsComparable() const {
  switch (kind) {
    case Kind::kJson:
    case Kind::kJsonb:
    case Kind::kGeometry:
    case Kind::kGeography:
    case Kind::kBoolean:
    case Kind::kUnknown:
      return false;
    default:
      return true;
  }
}

PgScalar PgScalarFor(std::string_view type_name, bool is_enum) {
  if (is_enum) return {Kind::kEnum, std::string(type_name)};
  for (const KnownType& known : kKnownTypes) {
    if (known.type_name == type_name) return {known.kind, std::string(known.graphql_name)};
  }
  return {Kind::kUnknown, std::string(type_name)};
}

PgScalar BigQueryScalarFor(std::string_view type) {
  static const std::map<std::string_view, PgScalar, std::less<>> kScalars = {
      {"INT64", {Kind::kInteger, "Int"}},
      {"INTEGER", {Kind::kInteger, "Int"}},
      {"FLOAT64", {Kind::kDouble, "Float"}},
      {"FLOAT", {Kind::kDouble, "Float"}},
      {"NUMERIC", {Kind::kNumeric, "Decimal"}},
      {"BIGNUMERIC", {Kind::kNumeric, "BigDecimal"}},
      {"BOOL", {Kind::kBoolean, "Boolean"}},
      {"BOOLEAN", {Kind::kBoolean, "Boolean"}},
      {"STRING", {Kind::kString, "String"}},
      {"BYTES", {Kind::kOtherKnown, "Bytes"}},
      {"DATE", {Kind::kOtherKnown, "Date"}},
      {"TIME", {Kind::kOtherKnown, "Time"}},
      {"DATETIME", {Kind::kOtherKnown, "Datetime"}},
      {"TIMESTAMP", {Kind::kOtherKnown, "Timestamp"}},
      {"GEOGRAPHY", {Kind::kUnknown, "Geography"}},
      {"JSON", {Kind::kUnknown, "JSON"}},
  };
  if (const auto found = kScalars.find(type); found != kScalars.end()) return found->second;
  // Composite values are answered as their JSON, whatever their fields or elements are.
  if (type.starts_with("STRUCT<") || type.starts_with("ARRAY<")) {
    return PgScalar{Kind::kUnknown, "JSON"};
  }
  // Answered as BigQuery's text ("0-0 1 2:0:0", "[2024-01-01, 2024-02-01)"), whatever the
  // element type of a RANGE.
  if (type == "INTERVAL") return PgScalar{Kind::kUnknown, "Interval"};
  if (type.starts_with("RANGE<")) return PgScalar{Kind::kUnknown, "Range"};
  // A type BigQuery may add: its name as a GraphQL name.
  std::string name;
  for (const char c : type) {
    name += std::isalnum(static_cast<unsigned char>(c)) != 0 ? c : '_';
  }
  return PgScalar{Kind::kUnknown, name};
}

std::optional<PgScalar> SqliteScalarFor(std::string_view declared_type) {
  std::string type(declared_type);
  for (char& c : type) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  const auto has = [&type](std::string_view part) { return type.find(part) != std::string::npos; };
  // The order of SQLite's rules: INT wins over CHAR ("CHARINT" is an integer), CHAR over REAL.
  if (has("INT")) return PgScalar{Kind::kInteger, "Int"};
  if (has("BOOL")) return PgScalar{Kind::kBoolean, "Boolean"};
  if (has("CHAR") || has("CLOB") || has("TEXT")) return PgScalar{Kind::kString, "String"};
  if (has("BLOB") || type.empty()) return std::nullopt;
  if (has("REAL") || has("FLOA") || has("DOUB")) return PgScalar{Kind::kReal, "Float"};
  if (has("DATE") || has("TIME")) return PgScalar{Kind::kString, "String"};
  return PgScalar{Kind::kReal, "Float"};
}

}  // namespace junction::schema
