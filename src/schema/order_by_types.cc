// The ordering inputs (Hasura/GraphQL/Schema/OrderBy.hs):
//   enum order_by { asc asc_nulls_first asc_nulls_last desc desc_nulls_first desc_nulls_last }
//   input <t>_order_by { <column>: order_by  <object rel>: <t2>_order_by
//                        <array rel>_aggregate: <t2>_aggregate_order_by }
//   input <t>_aggregate_order_by { count: order_by  avg … variance: <t>_<op>_order_by }
//   input <t>_<op>_order_by { <column>: order_by }   (numeric columns; comparable for max/min)

#include <utility>

#include "schema/table_schema_internal.h"

namespace junction::schema {
namespace {

using graphql::EnumTypeDef;
using graphql::InputObjectTypeDef;
using graphql::InputValueDef;
using graphql::InputValueDefOf;
using graphql::TypeDef;

TypeDef TableOrderBy(const Table& table) {
  std::vector<InputValueDef> fields;
  for (const Column& column : table.columns) {
    fields.push_back(InputValueDefOf(column.graphql_name, Named("order_by")));
  }
  for (const Relationship& relationship : table.relationships) {
    if (relationship.remote) continue;  // Hasura does not order by remote relationships
    if (relationship.kind == Relationship::Kind::kObject) {
      fields.push_back(
          InputValueDefOf(relationship.name, Named(TypeName(*relationship.target, "_order_by"))));
    } else if (relationship.target->AllowsAggregations()) {
      fields.push_back(
          InputValueDefOf(relationship.name + "_aggregate",
                          Named(TypeName(*relationship.target, "_aggregate_order_by"))));
    }
  }
  return InputObjectTypeDef(
      TypeName(table, "_order_by"),
      "Ordering options when selecting data from " + QuotedTableName(table) + ".",
      std::move(fields));
}

TypeDef OperatorOrderBy(const Table& table, std::string_view op,
                        const std::vector<const Column*>& columns) {
  std::vector<InputValueDef> fields;
  for (const Column* column : columns) {
    fields.push_back(InputValueDefOf(column->graphql_name, Named("order_by")));
  }
  return InputObjectTypeDef(
      TypeName(table, "_" + std::string(op) + "_order_by"),
      "order by " + std::string(op) + "() on columns of table " + QuotedTableName(table),
      std::move(fields));
}

// <t>_aggregate_order_by and the <t>_<op>_order_by types its fields use.
void AddAggregateOrderBy(const Table& table, std::vector<TypeDef>& types) {
  std::vector<InputValueDef> fields = {InputValueDefOf("count", Named("order_by"))};
  const auto add = [&](const std::vector<std::string_view>& operators,
                       const std::vector<const Column*>& columns) {
    if (columns.empty()) return;
    for (std::string_view op : operators) {
      types.push_back(OperatorOrderBy(table, op, columns));
      fields.push_back(InputValueDefOf(std::string(op), Named(types.back().name)));
    }
  };
  add(NumericAggregateOperators(), NumericColumns(table));
  add(ComparableAggregateOperators(), ComparableColumns(table));
  types.push_back(InputObjectTypeDef(TypeName(table, "_aggregate_order_by"),
                                     "order by aggregate values of table " + QuotedTableName(table),
                                     std::move(fields)));
}

}  // namespace

std::vector<TypeDef> OrderByTypes(const Table& table) {
  std::vector<TypeDef> types = {TableOrderBy(table)};
  AddAggregateOrderBy(table, types);
  return types;
}

TypeDef OrderByEnum() {
  return EnumTypeDef("order_by", "column ordering options",
                     {
                         {"asc", "in ascending order, nulls last"},
                         {"asc_nulls_first", "in ascending order, nulls first"},
                         {"asc_nulls_last", "in ascending order, nulls last"},
                         {"desc", "in descending order, nulls first"},
                         {"desc_nulls_first", "in descending order, nulls first"},
                         {"desc_nulls_last", "in descending order, nulls last"},
                     });
}

}  // namespace junction::schema
