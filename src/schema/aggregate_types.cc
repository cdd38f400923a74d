// The aggregate output types (Hasura/GraphQL/Schema/Select.hs, defaultTableAggregationFields):
//   type <t>_aggregate { aggregate: <t>_aggregate_fields  nodes: [<t>!]! }
//   type <t>_aggregate_fields { count(columns: [<t>_select_column!], distinct: Boolean): Int!
//                               avg … variance: <t>_<op>_fields   (with numeric columns)
//                               max min: <t>_<op>_fields          (with comparable columns) }
//   type <t>_<op>_fields { <column>: the column's type for sum, max, min; Float otherwise }

#include <utility>

#include "schema/table_schema_internal.h"

namespace junction::schema {
namespace {

using graphql::FieldDef;
using graphql::FieldDefOf;
using graphql::InputValueDefOf;
using graphql::ObjectTypeDef;
using graphql::TypeDef;

// The type of aggregate `op` over `column`: sum, max and min keep the column's type.
graphql::TypeRef OperatorResultType(std::string_view op, const Column& column) {
  if (op == "sum" || op == "max" || op == "min") return Named(column.scalar);
  return Named("Float");
}

TypeDef OperatorFields(const Table& table, std::string_view op,
                       const std::vector<const Column*>& columns) {
  std::vector<FieldDef> fields;
  for (const Column* column : columns) {
    fields.push_back(FieldDefOf(column->graphql_name, OperatorResultType(op, *column)));
  }
  return ObjectTypeDef(TypeName(table, "_" + std::string(op) + "_fields"),
                       "aggregate " + std::string(op) + " on columns", std::move(fields));
}

FieldDef CountField(const Table& table) {
  FieldDef count = FieldDefOf("count", NonNull(Named("Int")));
  count.arguments = {InputValueDefOf("columns", ListOfNonNull(TypeName(table, "_select_column"))),
                     InputValueDefOf("distinct", Named("Boolean"))};
  return count;
}

}  // namespace

std::vector<TypeDef> AggregateTypes(const Table& table) {
  std::vector<TypeDef> types;
  std::vector<FieldDef> fields = {CountField(table)};
  const auto add = [&](const std::vector<std::string_view>& operators,
                       const std::vector<const Column*>& columns) {
    if (columns.empty()) return;
    for (std::string_view op : operators) {
      types.push_back(OperatorFields(table, op, columns));
      fields.push_back(FieldDefOf(std::string(op), Named(types.back().name)));
    }
  };
  add(NumericAggregateOperators(), NumericColumns(table));
  add(ComparableAggregateOperators(), ComparableColumns(table));
  types.push_back(ObjectTypeDef(TypeName(table, "_aggregate_fields"),
                                "aggregate fields of " + QuotedTableName(table),
                                std::move(fields)));
  types.push_back(ObjectTypeDef(
      TypeName(table, "_aggregate"), "aggregated selection of " + QuotedTableName(table),
      {FieldDefOf("aggregate", Named(TypeName(table, "_aggregate_fields"))),
       FieldDefOf("nodes", NonNull(ListOfNonNull(table.graphql_name)))}));
  return types;
}

}  // namespace junction::schema
