#pragma once
// Building blocks of table_schema.cc and its sibling files (bool_exp_types.cc, order_by_types.cc,
// aggregate_types.cc); not part of the schema/ API.

#include <string>
#include <string_view>
#include <vector>

#include "graphql/schema.h"
#include "graphql/type_builders.h"
#include "schema/aggregate_functions.h"
#include "schema/source_model.h"

namespace junction::schema {

graphql::TypeRef Named(std::string name);
graphql::TypeRef NonNull(graphql::TypeRef type);
graphql::TypeRef ListOf(graphql::TypeRef type);
// [name!]
graphql::TypeRef ListOfNonNull(std::string name);

// `<t><suffix>`: the name of a type generated for `table`.
std::string TypeName(const Table& table, std::string_view suffix);
// Hasura's quoted table name in descriptions: "\"users\"", "\"app.users\"".
std::string QuotedTableName(const Table& table);

// The value type of a column (a list for an array column), without the outer non-null.
graphql::TypeRef ColumnValueType(const Column& column);

// The columns Hasura's numeric and comparable aggregate operators (aggregate_functions.h) apply to.
std::vector<const Column*> NumericColumns(const Table& table);
std::vector<const Column*> ComparableColumns(const Table& table);

// The arguments of a select on `table`: distinct_on, limit, offset, order_by, where.
std::vector<graphql::InputValueDef> SelectArguments(const Table& table);

// <t>_bool_exp.
graphql::TypeDef BoolExpType(const Table& table);
// The type the filters on `column` need: <S>_comparison_exp (or <S>_array_comparison_exp).
std::vector<graphql::TypeDef> ComparisonTypes(const Column& column);

// <t>_order_by, <t>_aggregate_order_by and <t>_<op>_order_by.
std::vector<graphql::TypeDef> OrderByTypes(const Table& table);
// The `order_by` enum.
graphql::TypeDef OrderByEnum();

// <t>_aggregate, <t>_aggregate_fields and <t>_<op>_fields.
std::vector<graphql::TypeDef> AggregateTypes(const Table& table);

}  // namespace junction::schema
