#include "plan/remote_joins.h"

#include <algorithm>
#include <utility>
#include <vector>

namespace junction::plan {
namespace {

constexpr std::string_view kPhantomSuffix = "_join_column";

std::string FieldPath(const std::string& parent, const std::string& alias) {
  return parent + ".selectionSet." + alias;
}

JoinTree CutAggregate(ir::AggregateSelect& aggregate, const std::string& path);
JoinTree CutRemoteSelection(std::vector<ir::RemoteSelection>& selection, const std::string& path);
JoinTree CutRelationship(ir::Field& field, const std::string& path);

// The padded phantom key of `field` among keys at most `longest_alias` long.
std::string PhantomKey(const std::string& field, size_t longest_alias) {
  std::string phantom = field + std::string(kPhantomSuffix);
  if (longest_alias >= phantom.size()) phantom.append(longest_alias - phantom.size() + 1, '_');
  return phantom;
}

// The left-hand fields a remote join reads, in order: the relationship's mapped columns (or a
// remote type's fields), or a relationship to a remote schema's lhs_fields.
std::vector<std::string> JoinFields(const ir::Field& field) {
  if (const auto* relation = std::get_if<ir::RemoteSchemaRelation>(&field.value)) {
    return relation->relationship->lhs_fields;
  }
  std::vector<std::string> fields;
  for (const auto& mapped : ir::RelationshipOf(field)->mapping) fields.push_back(mapped.first);
  return fields;
}

// A remote join of the relationship field `field`, replaced by `placeholder` in its query.
RemoteJoin CutJoin(ir::Field& field, const std::string& path, ir::Field placeholder) {
  RemoteJoin join;
  join.alias = field.alias;
  if (const schema::Relationship* relationship = ir::RelationshipOf(field)) {
    join.source = relationship->target->source;
  }
  join.path = path;
  join.field = std::exchange(field, std::move(placeholder));
  join.tree = CutRelationship(join.field, path);
  return join;
}

// The key under which the objects of `fields` have `column`'s value: the user's selection of it,
// or a phantom the join adds (once for all the joins of the objects).
std::string KeyOf(const schema::Table& table, const std::string& column, size_t longest_alias,
                  std::vector<ir::Field>& fields, JoinTree& tree) {
  for (const ir::Field& field : fields) {
    const auto* selected = std::get_if<ir::ColumnField>(&field.value);
    if (selected != nullptr && selected->column->name == column) return field.alias;
  }
  std::string phantom = PhantomKey(column, longest_alias);
  if (std::ranges::find(tree.phantoms, phantom) == tree.phantoms.end()) {
    fields.push_back({phantom, ir::ColumnField{table.FindColumnByName(column)}});
    tree.phantoms.push_back(phantom);
  }
  return phantom;
}

// The joins of the objects whose fields (of `table`) are `fields`.
JoinTree CutFields(const schema::Table& table, std::vector<ir::Field>& fields,
                   const std::string& path);

// The joins inside the value of a relationship field (local, or the target side of a remote one).
JoinTree CutRelationship(ir::Field& field, const std::string& path) {
  if (auto* object = std::get_if<ir::ObjectRelation>(&field.value)) {
    return CutFields(*object->select.table, object->select.fields, path);
  }
  if (auto* array = std::get_if<ir::ArrayRelation>(&field.value)) {
    return CutFields(*array->select.table, array->select.fields, path);
  }
  if (auto* aggregate = std::get_if<ir::ArrayAggregate>(&field.value)) {
    return CutAggregate(aggregate->select, path);
  }
  if (auto* relation = std::get_if<ir::RemoteSchemaRelation>(&field.value)) {
    return CutRemoteSelection(relation->selection, path);
  }
  return {};
}

JoinTree CutFields(const schema::Table& table, std::vector<ir::Field>& fields,
                   const std::string& path) {
  JoinTree tree;
  size_t longest_alias = 0;
  for (ir::Field& field : fields) {
    longest_alias = std::max(longest_alias, field.alias.size());
    const std::string field_path = FieldPath(path, field.alias);
    const schema::Relationship* relationship = ir::RelationshipOf(field);
    const bool to_remote_schema = std::holds_alternative<ir::RemoteSchemaRelation>(field.value);
    if (relationship == nullptr && !to_remote_schema) continue;
    if (relationship != nullptr && !relationship->remote) {
      JoinTree child = CutRelationship(field, field_path);
      if (!child.empty()) tree.children.push_back({field.alias, std::move(child)});
      continue;
    }
    tree.joins.push_back(CutJoin(field, field_path, ir::Field{field.alias, ir::JoinPlaceholder{}}));
  }
  for (RemoteJoin& join : tree.joins) {
    for (const std::string& column : JoinFields(join.field)) {
      join.keys.push_back(KeyOf(table, column, longest_alias, fields, tree));
    }
  }
  return tree;
}

JoinTree CutAggregate(ir::AggregateSelect& aggregate, const std::string& path) {
  JoinTree tree;
  for (ir::AggregateField& field : aggregate.fields) {
    auto* nodes = std::get_if<ir::Nodes>(&field.value);
    if (nodes == nullptr) continue;
    JoinTree child = CutFields(*aggregate.table, nodes->fields, FieldPath(path, field.alias));
    if (!child.empty()) tree.children.push_back({field.alias, std::move(child)});
  }
  return tree;
}

const std::string& AliasOf(const ir::RemoteSelection& item) {
  if (const auto* field = std::get_if<ir::RemoteField>(&item.node)) return field->alias;
  return std::get<ir::Field>(item.node).alias;
}

// The key under which the objects of a remote selection have their `field` (an argument-less
// field of the type, selected under `conditions`): the user's own selection of it, or a phantom.
std::string RemoteKeyOf(const std::string& field, const std::vector<std::string>& conditions,
                        size_t longest_alias, std::vector<ir::RemoteSelection>& selection,
                        JoinTree& tree) {
  const std::string phantom = PhantomKey(field, longest_alias);
  bool phantom_selected = false;
  for (const ir::RemoteSelection& item : selection) {
    const auto* selected = std::get_if<ir::RemoteField>(&item.node);
    if (selected == nullptr || selected->name != field || !selected->arguments.empty() ||
        item.type_conditions != conditions) {
      continue;
    }
    if (selected->alias != phantom) return selected->alias;
    phantom_selected = true;
  }
  if (!phantom_selected) {
    selection.push_back({conditions, ir::RemoteField{phantom, field, {}, {}}});
  }
  if (std::ranges::find(tree.phantoms, phantom) == tree.phantoms.end()) {
    tree.phantoms.push_back(phantom);
  }
  return phantom;
}

// The joins of the objects a remote selection selects: each relationship from a remote type
// becomes `alias: __typename` (which keeps its key in the remote's answer, under the same type
// conditions) and a RemoteJoin whose keys are the type's fields it joins on.
JoinTree CutRemoteSelection(std::vector<ir::RemoteSelection>& selection, const std::string& path) {
  JoinTree tree;
  size_t longest_alias = 0;
  std::vector<std::vector<std::string>> conditions;  // per join
  for (ir::RemoteSelection& item : selection) {
    longest_alias = std::max(longest_alias, AliasOf(item).size());
    const std::string field_path = FieldPath(path, AliasOf(item));
    if (auto* remote = std::get_if<ir::RemoteField>(&item.node)) {
      JoinTree child = CutRemoteSelection(remote->selection, field_path);
      if (!child.empty()) tree.children.push_back({remote->alias, std::move(child)});
      continue;
    }
    ir::Field& field = std::get<ir::Field>(item.node);
    RemoteJoin join = CutJoin(field, field_path, ir::Field{field.alias, ir::JoinPlaceholder{}});
    item.node = ir::RemoteField{join.alias, "__typename", {}, {}};
    conditions.push_back(item.type_conditions);
    tree.joins.push_back(std::move(join));
  }
  for (size_t i = 0; i < tree.joins.size(); ++i) {
    for (const std::string& field : JoinFields(tree.joins[i].field)) {
      tree.joins[i].keys.push_back(
          RemoteKeyOf(field, conditions[i], longest_alias, selection, tree));
    }
  }
  return tree;
}

}  // namespace

JoinTree CutRemoteJoins(ir::RemoteRootField& field) {
  // A namespace's selection is its root field's; another root field is the selection's one field.
  JoinTree tree =
      CutRemoteSelection(field.selection, field.namespaced ? FieldPath("$", field.alias) : "$");
  if (field.namespaced) return tree;
  // The step's value is the root field's own value: its tree is the child under its key.
  for (ChildJoins& child : tree.children) {
    if (child.key == field.alias) return std::move(child.tree);
  }
  return {};
}

JoinTree CutRemoteJoins(ir::RootField& field) {
  const std::string path = FieldPath("$", field.alias);
  if (field.kind == ir::RootField::Kind::kSelectAggregate) {
    return CutAggregate(field.aggregate, path);
  }
  return CutFields(*field.select.table, field.select.fields, path);
}

}  // namespace junction::plan
