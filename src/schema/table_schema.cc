#include "schema/table_schema.h"

#include <utility>

#include "schema/table_schema_internal.h"

namespace junction::schema {

using graphql::EnumTypeDef;
using graphql::FieldDef;
using graphql::FieldDefOf;
using graphql::InputValueDef;
using graphql::InputValueDefOf;
using graphql::ObjectTypeDef;
using graphql::ScalarTypeDef;
using graphql::TypeDef;
using graphql::TypeRef;

TypeRef Named(std::string name) {
  TypeRef type;
  type.name = std::move(name);
  return type;
}

TypeRef NonNull(TypeRef type) {
  type.wrappers.insert(type.wrappers.begin(), TypeRef::Wrapper::kNonNull);
  return type;
}

TypeRef ListOf(TypeRef type) {
  type.wrappers.insert(type.wrappers.begin(), TypeRef::Wrapper::kList);
  return type;
}

TypeRef ListOfNonNull(std::string name) { return ListOf(NonNull(Named(std::move(name)))); }

std::string TypeName(const Table& table, std::string_view suffix) {
  return table.graphql_name + std::string(suffix);
}

std::string QuotedTableName(const Table& table) {
  const std::string text = table.name.schema == "public" || table.backend == Backend::kSqlite
                               ? table.name.name
                               : table.name.schema + "." + table.name.name;
  return "\"" + text + "\"";
}

TypeRef ColumnValueType(const Column& column) {
  return column.is_array ? ListOfNonNull(column.scalar) : Named(column.scalar);
}

std::vector<const Column*> NumericColumns(const Table& table) {
  std::vector<const Column*> columns;
  for (const Column& column : table.columns) {
    if (!column.is_array && PgScalar{column.scalar_kind, column.scalar}.IsNumeric()) {
      columns.push_back(&column);
    }
  }
  return columns;
}

std::vector<const Column*> ComparableColumns(const Table& table) {
  std::vector<const Column*> columns;
  for (const Column& column : table.columns) {
    if (!column.is_array && PgScalar{column.scalar_kind, column.scalar}.IsComparable()) {
      columns.push_back(&column);
    }
  }
  return columns;
}

std::vector<InputValueDef> SelectArguments(const Table& table) {
  return {
      InputValueDefOf("distinct_on", ListOfNonNull(TypeName(table, "_select_column")),
                      "distinct select on columns"),
      InputValueDefOf("limit", Named("Int"), "limit the number of rows returned"),
      InputValueDefOf("offset", Named("Int"), "skip the first n rows. Use only with order_by"),
      InputValueDefOf("order_by", ListOfNonNull(TypeName(table, "_order_by")),
                      "sort the rows by one or more columns"),
      InputValueDefOf("where", Named(TypeName(table, "_bool_exp")), "filter the rows returned"),
  };
}

namespace {

bool IsBuiltinScalar(std::string_view name) {
  return name == "Int" || name == "Float" || name == "String" || name == "Boolean" || name == "ID";
}

// Hasura's mkDescriptionWith: the table's comment, if any, above the default text.
std::string WithComment(const std::optional<std::string>& comment, std::string text) {
  if (!comment) return text;
  return *comment + "\n\n\n" + text + "\n";
}

FieldDef ColumnField(const Column& column) {
  TypeRef type = ColumnValueType(column);
  return FieldDefOf(column.graphql_name, column.nullable ? type : NonNull(type),
                    column.description.value_or(""));
}

// The fields of a relationship: `<r>` for an object relationship; `<r>` and `<r>_aggregate`,
// with a select's arguments, for an array relationship. Remote relationships' fields have no
// description, as in Hasura (remoteSourceField), and their object fields are always nullable.
}  // namespace

void AddRelationshipFields(const Relationship& relationship, std::vector<FieldDef>& fields) {
  const Table& target = *relationship.target;
  auto described = [&](std::string text) { return relationship.remote ? "" : text; };
  if (relationship.kind == Relationship::Kind::kObject) {
    TypeRef type = Named(target.graphql_name);
    fields.push_back(FieldDefOf(relationship.name, relationship.nullable ? type : NonNull(type),
                                described("An object relationship")));
    return;
  }
  FieldDef rows = FieldDefOf(relationship.name, NonNull(ListOfNonNull(target.graphql_name)),
                             described("An array relationship"));
  rows.arguments = SelectArguments(target);
  fields.push_back(std::move(rows));
  if (!target.AllowsAggregations()) return;
  FieldDef aggregate =
      FieldDefOf(relationship.name + "_aggregate", NonNull(Named(TypeName(target, "_aggregate"))),
                 described("An aggregate relationship"));
  aggregate.arguments = SelectArguments(target);
  fields.push_back(std::move(aggregate));
}

FieldDef RemoteSchemaRelationshipField(const RemoteSchemaRelationship& relationship) {
  return FieldDefOf(relationship.name, relationship.type, "", relationship.arguments);
}

namespace {

TypeDef TableObjectType(const Table& table) {
  std::vector<FieldDef> fields;
  for (const Column& column : table.columns) fields.push_back(ColumnField(column));
  for (const Relationship& relationship : table.relationships) {
    AddRelationshipFields(relationship, fields);
  }
  for (const RemoteSchemaRelationship& relationship : table.remote_schema_relationships) {
    fields.push_back(RemoteSchemaRelationshipField(relationship));
  }
  return ObjectTypeDef(
      table.graphql_name,
      WithComment(table.description, "columns and relationships of " + QuotedTableName(table)),
      std::move(fields));
}

TypeDef SelectColumnEnum(const Table& table) {
  std::vector<std::pair<std::string, std::string>> values;
  for (const Column& column : table.columns)
    values.emplace_back(column.graphql_name, "column name");
  return EnumTypeDef(TypeName(table, "_select_column"),
                     "select columns of table " + QuotedTableName(table), std::move(values));
}

// The custom scalars and comparison expressions the table's columns need.
void AddColumnTypes(const Table& table, std::vector<TypeDef>& types) {
  for (const Column& column : table.columns) {
    if (!IsBuiltinScalar(column.scalar)) types.push_back(ScalarTypeDef(column.scalar));
    for (TypeDef& type : ComparisonTypes(column)) types.push_back(std::move(type));
  }
}

std::string Described(const std::string& comment, std::string fallback) {
  return comment.empty() ? fallback : comment;
}

}  // namespace

std::vector<std::string> TableTypeNames(const Table& table) {
  std::vector<std::string> names;
  for (std::string_view suffix : {"", "_aggregate", "_aggregate_fields", "_aggregate_order_by",
                                  "_bool_exp", "_order_by", "_select_column"}) {
    names.push_back(TypeName(table, suffix));
  }
  for (const auto* operators : {&NumericAggregateOperators(), &ComparableAggregateOperators()}) {
    for (std::string_view op : *operators) {
      names.push_back(TypeName(table, "_" + std::string(op) + "_fields"));
      names.push_back(TypeName(table, "_" + std::string(op) + "_order_by"));
    }
  }
  return names;
}

std::vector<std::string> ColumnTypeNames(const Table& table) {
  std::vector<TypeDef> types;
  AddColumnTypes(table, types);
  std::vector<std::string> names;
  for (const TypeDef& type : types) names.push_back(type.name);
  return names;
}

std::set<std::string> FixedTypeNames() {
  return {"Int",      "Float",      "String",        "Boolean",          "ID",
          "order_by", "query_root", "mutation_root", "subscription_root"};
}

std::vector<TypeDef> TableTypes(const Table& table) {
  std::vector<TypeDef> types;
  types.push_back(TableObjectType(table));
  types.push_back(SelectColumnEnum(table));
  types.push_back(BoolExpType(table));
  for (TypeDef& type : OrderByTypes(table)) types.push_back(std::move(type));
  for (TypeDef& type : AggregateTypes(table)) types.push_back(std::move(type));
  types.push_back(OrderByEnum());
  AddColumnTypes(table, types);
  for (const RemoteSchemaRelationship& relationship : table.remote_schema_relationships) {
    for (const TypeDef& type : relationship.cloned_types) types.push_back(type);
  }
  return types;
}

std::vector<FieldDef> TableQueryFields(const Table& table) {
  const std::string quoted = QuotedTableName(table);
  std::vector<FieldDef> fields;
  if (!table.root_fields.select.empty()) {
    FieldDef select = FieldDefOf(
        table.root_fields.select, NonNull(ListOfNonNull(table.graphql_name)),
        Described(table.root_field_comments.select, "fetch data from the table: " + quoted));
    select.arguments = SelectArguments(table);
    fields.push_back(std::move(select));
  }
  if (!table.primary_key.empty() && !table.root_fields.select_by_pk.empty()) {
    FieldDef by_pk = FieldDefOf(
        table.root_fields.select_by_pk, Named(table.graphql_name),
        Described(table.root_field_comments.select_by_pk,
                  "fetch data from the table: " + quoted + " using primary key columns"));
    for (const std::string& name : table.primary_key) {
      const Column* column = table.FindColumnByName(name);
      if (column == nullptr) continue;
      by_pk.arguments.push_back(InputValueDefOf(column->graphql_name,
                                                NonNull(ColumnValueType(*column)),
                                                column->description.value_or("")));
    }
    fields.push_back(std::move(by_pk));
  }
  if (!table.root_fields.select_aggregate.empty()) {
    FieldDef aggregate = FieldDefOf(table.root_fields.select_aggregate,
                                    NonNull(Named(TypeName(table, "_aggregate"))),
                                    Described(table.root_field_comments.select_aggregate,
                                              "fetch aggregated fields from the table: " + quoted));
    aggregate.arguments = SelectArguments(table);
    fields.push_back(std::move(aggregate));
  }
  return fields;
}

}  // namespace junction::schema
