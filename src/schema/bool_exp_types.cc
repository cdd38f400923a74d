// <t>_bool_exp and the comparison expressions of column types, as Hasura's Postgres backend
// names them (Hasura/Backends/Postgres/Instances/Schema.hs, comparisonExps):
//   every type        _eq _neq _gt _gte _lt _lte: T   _in _nin: [T!]   _is_null: Boolean
//   String-like types _like _nlike _ilike _nilike _similar _nsimilar _regex _nregex _iregex
//                     _niregex: T (with descriptions)
//   jsonb             _contains _contained_in: jsonb, _has_key: String,
//                     _has_keys_all _has_keys_any: [String!]
//   arrays            <S>_array_comparison_exp: _eq … _lte over [S!], _is_null, _contains
//                     _contained_in
// Not offered yet, as the translation does not support them (docs/architecture.md): jsonb's
// `_cast: jsonb_cast_exp`, and `_in`/`_nin: [[S!]!]` on arrays.

#include <utility>

#include "schema/table_schema_internal.h"

namespace junction::schema {
namespace {

using graphql::InputObjectTypeDef;
using graphql::InputValueDef;
using graphql::InputValueDefOf;
using graphql::TypeDef;
using graphql::TypeRef;

struct DescribedOperator {
  const char* name;
  const char* description;
};

constexpr DescribedOperator kStringOperators[] = {
    {"_like", "does the column match the given pattern"},
    {"_nlike", "does the column NOT match the given pattern"},
    {"_ilike", "does the column match the given case-insensitive pattern"},
    {"_nilike", "does the column NOT match the given case-insensitive pattern"},
    {"_similar", "does the column match the given SQL regular expression"},
    {"_nsimilar", "does the column NOT match the given SQL regular expression"},
    {"_regex", "does the column match the given POSIX regular expression, case sensitive"},
    {"_iregex", "does the column match the given POSIX regular expression, case insensitive"},
    {"_nregex", "does the column NOT match the given POSIX regular expression, case sensitive"},
    {"_niregex", "does the column NOT match the given POSIX regular expression, case insensitive"},
};

std::string ComparisonDescription(const std::string& scalar) {
  return "Boolean expression to compare columns of type \"" + scalar +
         "\". All fields are combined with logical 'AND'.";
}

// The operators every type has, over values of type `value`: _eq _gt _gte _lt _lte _neq and
// _is_null.
std::vector<InputValueDef> BaseOperators(const TypeRef& value) {
  std::vector<InputValueDef> fields;
  for (const char* name : {"_eq", "_gt", "_gte", "_lt", "_lte", "_neq"}) {
    fields.push_back(InputValueDefOf(name, value));
  }
  fields.push_back(InputValueDefOf("_is_null", Named("Boolean")));
  return fields;
}

TypeDef ScalarComparison(const std::string& scalar, PgScalar::Kind kind) {
  const TypeRef value = Named(scalar);
  std::vector<InputValueDef> fields = BaseOperators(value);
  fields.push_back(InputValueDefOf("_in", ListOf(NonNull(value))));
  fields.push_back(InputValueDefOf("_nin", ListOf(NonNull(value))));
  if (kind == PgScalar::Kind::kString) {
    for (const DescribedOperator& op : kStringOperators) {
      fields.push_back(InputValueDefOf(op.name, Named(scalar), op.description));
    }
  }
  if (kind == PgScalar::Kind::kJsonb) {
    fields.push_back(
        InputValueDefOf("_contains", Named(scalar),
                        "does the column contain the given json value at the top level"));
    fields.push_back(InputValueDefOf("_contained_in", Named(scalar),
                                     "is the column contained in the given json value"));
    fields.push_back(InputValueDefOf("_has_key", Named("String"),
                                     "does the string exist as a top-level key in the column"));
    fields.push_back(
        InputValueDefOf("_has_keys_all", ListOfNonNull("String"),
                        "do all of these strings exist as top-level keys in the column"));
    fields.push_back(
        InputValueDefOf("_has_keys_any", ListOfNonNull("String"),
                        "do any of these strings exist as top-level keys in the column"));
  }
  return InputObjectTypeDef(scalar + "_comparison_exp", ComparisonDescription(scalar),
                            std::move(fields));
}

TypeDef ArrayComparison(const std::string& scalar) {
  const TypeRef array = ListOfNonNull(scalar);
  std::vector<InputValueDef> fields = BaseOperators(array);
  fields.push_back(InputValueDefOf("_contains", array, "does the array contain the given value"));
  fields.push_back(
      InputValueDefOf("_contained_in", array, "is the array contained in the given array value"));
  return InputObjectTypeDef(scalar + "_array_comparison_exp", ComparisonDescription(scalar),
                            std::move(fields));
}

std::string ComparisonTypeName(const Column& column) {
  return column.scalar + (column.is_array ? "_array_comparison_exp" : "_comparison_exp");
}

}  // namespace

std::vector<TypeDef> ComparisonTypes(const Column& column) {
  if (column.is_array) return {ArrayComparison(column.scalar)};
  return {ScalarComparison(column.scalar, column.scalar_kind)};
}

TypeDef BoolExpType(const Table& table) {
  const std::string name = TypeName(table, "_bool_exp");
  std::vector<InputValueDef> fields = {
      InputValueDefOf("_and", ListOfNonNull(name)),
      InputValueDefOf("_not", Named(name)),
      InputValueDefOf("_or", ListOfNonNull(name)),
  };
  for (const Column& column : table.columns) {
    fields.push_back(InputValueDefOf(column.graphql_name, Named(ComparisonTypeName(column))));
  }
  for (const Relationship& relationship : table.relationships) {
    if (relationship.remote) continue;  // Hasura does not filter by remote relationships
    fields.push_back(
        InputValueDefOf(relationship.name, Named(TypeName(*relationship.target, "_bool_exp"))));
  }
  return InputObjectTypeDef(name,
                            "Boolean expression to filter rows from the table " +
                                QuotedTableName(table) +
                                ". All fields are combined with a logical 'AND'.",
                            std::move(fields));
}

}  // namespace junction::schema
