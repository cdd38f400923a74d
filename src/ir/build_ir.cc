#include "ir/build_ir.h"

#include <algorithm>
#include <string>
#include <utility>

#include "ir/build_select_args.h"
#include "ir/permission_filter.h"

namespace junction::ir {

namespace {

using graphql::NormalizedField;

constexpr std::string_view kTypename = "__typename";
constexpr std::string_view kAggregateSuffix = "_aggregate";

Error Unexpected(const std::string& message, const std::string& path) {
  return Error(ErrorCode::kUnexpected, message, path);
}

std::string FieldPath(const std::string& parent, const NormalizedField& field) {
  return parent + ".selectionSet." + field.alias;
}

// Whether `field` applies to objects of `type_name` (fragments on the same type only).
bool Applies(const NormalizedField& field, const std::string& type_name) {
  return std::ranges::all_of(field.type_conditions,
                             [&](const std::string& type) { return type == type_name; });
}

Result<std::vector<Field>> BuildFields(const schema::Table& table,
                                       const std::vector<NormalizedField>& selection,
                                       const std::string& path, const schema::Session& session);
Result<AggregateSelect> BuildAggregateSelect(const schema::Table& table,
                                             const NormalizedField& field, const std::string& path,
                                             const schema::Session& session);

Result<Field> BuildRemoteSchemaRelation(const schema::RemoteSchemaRelationship& relationship,
                                        const NormalizedField& field, const std::string& path,
                                        const schema::Session& session);

// `where` and the role's permission filter on `table`, both of which rows must pass.
Status AddPermissionFilter(const schema::Table& table, const schema::Session& session,
                           std::optional<BoolExp>& where) {
  auto filter = PermissionFilter(table, session);
  if (!filter) return filter.error();
  if (!*filter) return {};
  if (!where) {
    where = std::move(*filter);
    return {};
  }
  And both;
  both.operands.push_back(std::move(**filter));
  both.operands.push_back(std::move(*where));
  where = BoolExp{std::move(both)};
  return {};
}

// The smaller of the user's limit and the role's permission limit (REMOTE_JOINS.md §4).
std::optional<int64_t> CappedLimit(const schema::Table& table, std::optional<int64_t> limit) {
  if (table.permission == nullptr || !table.permission->limit) return limit;
  return limit ? std::min(*limit, *table.permission->limit) : table.permission->limit;
}

// The rows of `table` a field selects: its arguments (`with_args`: a list, not an object
// relationship) and the role's permission.
Result<Select> BuildSelect(const schema::Table& table, const NormalizedField& field,
                           const std::string& path, bool with_args,
                           const schema::Session& session) {
  Select select;
  select.table = &table;
  if (with_args) {
    auto args = BuildSelectArgs(table, field.arguments, path + ".args", session);
    if (!args) return args.error();
    select.args = std::move(*args);
    select.args.limit = CappedLimit(table, select.args.limit);
  }
  Status filtered = AddPermissionFilter(table, session, select.args.where);
  if (!filtered) return filtered.error();
  auto fields = BuildFields(table, field.selection_set, path, session);
  if (!fields) return fields.error();
  select.fields = std::move(*fields);
  return select;
}

// A relationship field: the related object, the related rows, or their aggregate.
Result<Field> BuildRelationshipField(const schema::Relationship& relationship, bool aggregate,
                                     const NormalizedField& field, const std::string& path,
                                     const schema::Session& session) {
  const schema::Table& target = *relationship.target;
  if (aggregate) {
    auto select = BuildAggregateSelect(target, field, path, session);
    if (!select) return select.error();
    return Field{field.alias, ArrayAggregate{&relationship, std::move(*select)}};
  }
  const bool is_array = relationship.kind == schema::Relationship::Kind::kArray;
  auto select = BuildSelect(target, field, path, is_array, session);
  if (!select) return select.error();
  if (is_array) return Field{field.alias, ArrayRelation{&relationship, std::move(*select)}};
  return Field{field.alias, ObjectRelation{&relationship, std::move(*select)}};
}

Result<Field> BuildField(const schema::Table& table, const NormalizedField& field,
                         const std::string& path, const schema::Session& session) {
  if (field.name == kTypename) return Field{field.alias, Typename{table.graphql_name}};
  if (const schema::Column* column = table.FindColumn(field.name)) {
    return Field{field.alias, ColumnField{column}};
  }
  if (const schema::Relationship* relationship = table.FindRelationship(field.name)) {
    return BuildRelationshipField(*relationship, false, field, path, session);
  }
  if (field.name.ends_with(kAggregateSuffix)) {
    const std::string name = field.name.substr(0, field.name.size() - kAggregateSuffix.size());
    const schema::Relationship* relationship = table.FindRelationship(name);
    if (relationship != nullptr && relationship->kind == schema::Relationship::Kind::kArray) {
      return BuildRelationshipField(*relationship, true, field, path, session);
    }
  }
  if (const auto* relationship = table.FindRemoteSchemaRelationship(field.name)) {
    return BuildRemoteSchemaRelation(*relationship, field, path, session);
  }
  return Unexpected("field '" + field.name + "' not found in type: '" + table.graphql_name + "'",
                    path);
}

Result<std::vector<Field>> BuildFields(const schema::Table& table,
                                       const std::vector<NormalizedField>& selection,
                                       const std::string& path, const schema::Session& session) {
  std::vector<Field> fields;
  for (const NormalizedField& field : selection) {
    if (!Applies(field, table.graphql_name)) continue;
    auto built = BuildField(table, field, FieldPath(path, field), session);
    if (!built) return built.error();
    fields.push_back(std::move(*built));
  }
  return fields;
}

// `count(columns: [...], distinct: true)`.
Result<AggregateCount> BuildCount(const schema::Table& table, const NormalizedField& field,
                                  const std::string& path) {
  AggregateCount count;
  const auto distinct = field.arguments.find("distinct");
  count.distinct =
      distinct != field.arguments.end() && distinct->is_boolean() && distinct->get<bool>();
  const auto columns = field.arguments.find("columns");
  if (columns == field.arguments.end() || columns->is_null()) return count;
  const nlohmann::ordered_json list =
      columns->is_array() ? *columns : nlohmann::ordered_json::array({*columns});
  for (const auto& name : list) {
    const schema::Column* column =
        name.is_string() ? table.FindColumn(name.get<std::string>()) : nullptr;
    if (column == nullptr) return Unexpected("unknown count column", path + ".args.columns");
    count.columns.push_back(column);
  }
  return count;
}

// `sum { total }` and the like: `<t>_sum_fields`.
Result<AggregateOperator> BuildOperator(const schema::Table& table, const NormalizedField& field,
                                        const std::string& path) {
  AggregateOperator op{field.name, {}};
  const std::string type_name = table.graphql_name + "_" + field.name + "_fields";
  for (const NormalizedField& column_field : field.selection_set) {
    if (!Applies(column_field, type_name)) continue;
    if (column_field.name == kTypename) {
      op.fields.push_back({column_field.alias, Typename{type_name}});
      continue;
    }
    const schema::Column* column = table.FindColumn(column_field.name);
    if (column == nullptr) {
      return Unexpected("field '" + column_field.name + "' not found in type: '" + type_name + "'",
                        FieldPath(path, column_field));
    }
    op.fields.push_back({column_field.alias, column});
  }
  return op;
}

// `aggregate { count sum { … } … }`: `<t>_aggregate_fields`.
Result<AggregateFunctions> BuildAggregateFunctions(const schema::Table& table,
                                                   const NormalizedField& field,
                                                   const std::string& path) {
  AggregateFunctions functions;
  const std::string type_name = table.graphql_name + "_aggregate_fields";
  for (const NormalizedField& function : field.selection_set) {
    if (!Applies(function, type_name)) continue;
    const std::string function_path = FieldPath(path, function);
    if (function.name == kTypename) {
      functions.fields.push_back({function.alias, Typename{type_name}});
    } else if (function.name == "count") {
      auto count = BuildCount(table, function, function_path);
      if (!count) return count.error();
      functions.fields.push_back({function.alias, std::move(*count)});
    } else {
      auto op = BuildOperator(table, function, function_path);
      if (!op) return op.error();
      functions.fields.push_back({function.alias, std::move(*op)});
    }
  }
  return functions;
}

Result<AggregateSelect> BuildAggregateSelect(const schema::Table& table,
                                             const NormalizedField& field, const std::string& path,
                                             const schema::Session& session) {
  AggregateSelect select;
  select.table = &table;
  auto args = BuildSelectArgs(table, field.arguments, path + ".args", session);
  if (!args) return args.error();
  select.args = std::move(*args);
  Status filtered = AddPermissionFilter(table, session, select.args.where);
  if (!filtered) return filtered.error();
  if (table.permission != nullptr && table.permission->limit) {
    auto nodes_args = BuildSelectArgs(table, field.arguments, path + ".args", session);
    if (!nodes_args) return nodes_args.error();
    nodes_args->limit = CappedLimit(table, nodes_args->limit);
    filtered = AddPermissionFilter(table, session, nodes_args->where);
    if (!filtered) return filtered.error();
    select.nodes_args = std::move(*nodes_args);
  }
  const std::string type_name = table.graphql_name + "_aggregate";
  for (const NormalizedField& child : field.selection_set) {
    if (!Applies(child, type_name)) continue;
    const std::string child_path = FieldPath(path, child);
    if (child.name == kTypename) {
      select.fields.push_back({child.alias, Typename{type_name}});
    } else if (child.name == "aggregate") {
      auto functions = BuildAggregateFunctions(table, child, child_path);
      if (!functions) return functions.error();
      select.fields.push_back({child.alias, std::move(*functions)});
    } else if (child.name == "nodes") {
      auto nodes = BuildFields(table, child.selection_set, child_path, session);
      if (!nodes) return nodes.error();
      select.fields.push_back({child.alias, Nodes{std::move(*nodes)}});
    } else {
      return Unexpected("field '" + child.name + "' not found in type: '" + type_name + "'",
                        child_path);
    }
  }
  return select;
}

// `<t>_by_pk(id: 7)` → the conjunction of the primary key equalities.
Result<Select> BuildSelectByPk(const schema::Table& table, const NormalizedField& field,
                               const std::string& path, const schema::Session& session) {
  auto select = BuildSelect(table, field, path, false, session);
  if (!select) return select.error();
  And conjunction;
  for (const std::string& name : table.primary_key) {
    const schema::Column* column = table.FindColumnByName(name);
    const auto value = column ? field.arguments.find(column->graphql_name) : field.arguments.end();
    if (value == field.arguments.end() || value->is_null()) {
      return Unexpected("missing primary key argument " + name, path + ".args");
    }
    conjunction.operands.push_back(BoolExp{Compare{column, CompareOp::kEq, *value}});
  }
  if (select->args.where) conjunction.operands.push_back(std::move(*select->args.where));
  select->args.where = BoolExp{std::move(conjunction)};
  return select;
}

// ---- remote schemas ----------------------------------------------------------------------------

Result<std::vector<RemoteSelection>> BuildRemoteSelection(
    const schema::RemoteSchema& schema, const graphql::TypeDef& type,
    const std::vector<NormalizedField>& fields, const std::string& path,
    const schema::Session& session);

// The arguments of `field` as the remote's field `def` takes them.
Result<std::vector<RemoteArgument>> RemoteArguments(const graphql::FieldDef& def,
                                                    const NormalizedField& field,
                                                    const std::string& path) {
  std::vector<RemoteArgument> arguments;
  for (const auto& [name, value] : field.arguments.items()) {
    const graphql::InputValueDef* argument = def.FindArgument(name);
    if (argument == nullptr) {
      return Unexpected("argument '" + name + "' not found on remote field '" + def.name + "'",
                        path);
    }
    arguments.push_back({name, argument->type, value});
  }
  return arguments;
}

// One field of a selection on `type`, a type of `schema` (the remote's names).
Result<RemoteSelection> BuildRemoteItem(const schema::RemoteSchema& schema,
                                        const graphql::TypeDef& type, const NormalizedField& field,
                                        const std::string& path, const schema::Session& session) {
  RemoteSelection item;
  for (const std::string& condition : field.type_conditions) {
    item.type_conditions.push_back(schema.names.RemoteType(condition));
  }
  const graphql::TypeDef* owner = &type;
  if (!item.type_conditions.empty()) owner = schema.remote->FindType(item.type_conditions.back());
  if (owner == nullptr) return Unexpected("unknown type condition on '" + field.name + "'", path);
  if (field.name == kTypename) {
    item.node = RemoteField{field.alias, std::string(kTypename), {}, {}};
    return item;
  }
  const std::string name = schema.names.RemoteField(owner->name, field.name);
  if (const graphql::FieldDef* def = owner->FindField(name)) {
    RemoteField remote{field.alias, name, {}, {}};
    auto arguments = RemoteArguments(*def, field, path);
    if (!arguments) return arguments.error();
    remote.arguments = std::move(*arguments);
    if (!field.selection_set.empty()) {
      const graphql::TypeDef* inner = schema.remote->FindType(def->type.name);
      if (inner == nullptr) return Unexpected("unknown type '" + def->type.name + "'", path);
      auto selection = BuildRemoteSelection(schema, *inner, field.selection_set, path, session);
      if (!selection) return selection.error();
      remote.selection = std::move(*selection);
    }
    item.node = std::move(remote);
    return item;
  }
  const auto relationships = schema.relationships.find(owner->name);
  if (relationships != schema.relationships.end()) {
    const schema::RemoteTypeRelationships& on_type = relationships->second;
    for (const schema::Relationship& relationship : on_type.to_source) {
      const bool aggregate = relationship.kind == schema::Relationship::Kind::kArray &&
                             field.name == relationship.name + std::string(kAggregateSuffix);
      if (field.name != relationship.name && !aggregate) continue;
      auto built = BuildRelationshipField(relationship, aggregate, field, path, session);
      if (!built) return built.error();
      item.node = std::move(*built);
      return item;
    }
    for (const schema::RemoteSchemaRelationship& relationship : on_type.to_remote_schema) {
      if (field.name != relationship.name) continue;
      auto built = BuildRemoteSchemaRelation(relationship, field, path, session);
      if (!built) return built.error();
      item.node = std::move(*built);
      return item;
    }
  }
  return Unexpected(
      "field '" + field.name + "' not found in type: '" + schema.names.Type(owner->name) + "'",
      path);
}

Result<std::vector<RemoteSelection>> BuildRemoteSelection(
    const schema::RemoteSchema& schema, const graphql::TypeDef& type,
    const std::vector<NormalizedField>& fields, const std::string& path,
    const schema::Session& session) {
  std::vector<RemoteSelection> selection;
  for (const NormalizedField& field : fields) {
    auto item = BuildRemoteItem(schema, type, field, FieldPath(path, field), session);
    if (!item) return item.error();
    selection.push_back(std::move(*item));
  }
  return selection;
}

Result<Field> BuildRemoteSchemaRelation(const schema::RemoteSchemaRelationship& relationship,
                                        const NormalizedField& field, const std::string& path,
                                        const schema::Session& session) {
  const schema::RemoteSchema& target = *relationship.target;
  const graphql::TypeDef* parent = target.remote->query_type();
  const graphql::FieldDef* leaf = nullptr;
  for (const schema::RemoteFieldStep& step : relationship.path) {
    leaf = parent == nullptr ? nullptr : parent->FindField(step.field);
    if (leaf == nullptr) return Unexpected("remote field '" + step.field + "' not found", path);
    parent = target.remote->FindType(leaf->type.name);
  }
  if (leaf == nullptr || parent == nullptr) return Unexpected("empty remote field path", path);
  RemoteSchemaRelation relation;
  relation.relationship = &relationship;
  auto arguments = RemoteArguments(*leaf, field, path);
  if (!arguments) return arguments.error();
  relation.arguments = std::move(*arguments);
  auto selection = BuildRemoteSelection(target, *parent, field.selection_set, path, session);
  if (!selection) return selection.error();
  relation.selection = std::move(*selection);
  return Field{field.alias, std::move(relation)};
}

}  // namespace

Result<RemoteRootField> BuildRemoteRootField(const schema::RemoteRootField& root,
                                             graphql::OperationType operation,
                                             const graphql::NormalizedField& field,
                                             const schema::Session& session) {
  const std::string path = "$.selectionSet." + field.alias;
  if (root.schema == nullptr) return Unexpected("remote root field without a schema", path);
  const schema::RemoteSchema& schema = *root.schema;
  const graphql::TypeDef* remote_root = schema.remote->RootType(operation);
  if (remote_root == nullptr) return Unexpected("the remote schema has no such root", path);
  RemoteRootField result;
  result.alias = field.alias;
  result.schema = &schema;
  result.operation = operation;
  if (root.remote_field.empty()) {
    result.namespaced = true;
    auto selection = BuildRemoteSelection(schema, *remote_root, field.selection_set, path, session);
    if (!selection) return selection.error();
    result.selection = std::move(*selection);
    return result;
  }
  auto item = BuildRemoteItem(schema, *remote_root, field, path, session);
  if (!item) return item.error();
  result.selection.push_back(std::move(*item));
  return result;
}

Result<RootField> BuildRootField(const schema::TableRootField& root,
                                 const graphql::NormalizedField& field,
                                 const schema::Session& session) {
  if (root.table == nullptr) return Unexpected("root field without a table", "$");
  const schema::Table& table = *root.table;
  const std::string path = "$.selectionSet." + field.alias;
  RootField result;
  result.alias = field.alias;
  result.source = table.source;
  switch (root.kind) {
    case schema::TableRootField::Kind::kSelect: {
      result.kind = RootField::Kind::kSelect;
      auto select = BuildSelect(table, field, path, true, session);
      if (!select) return select.error();
      result.select = std::move(*select);
      break;
    }
    case schema::TableRootField::Kind::kSelectByPk: {
      result.kind = RootField::Kind::kSelectByPk;
      auto select = BuildSelectByPk(table, field, path, session);
      if (!select) return select.error();
      result.select = std::move(*select);
      break;
    }
    case schema::TableRootField::Kind::kSelectAggregate: {
      result.kind = RootField::Kind::kSelectAggregate;
      auto aggregate = BuildAggregateSelect(table, field, path, session);
      if (!aggregate) return aggregate.error();
      result.aggregate = std::move(*aggregate);
      break;
    }
  }
  return result;
}

}  // namespace junction::ir
