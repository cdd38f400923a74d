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

// The key under which the objects of `fields` have `column`'s value: the user's selection of it,
// or a phantom the join adds (once for all the joins of the objects).
std::string KeyOf(const schema::Table& table, const std::string& column, size_t longest_alias,
                  std::vector<ir::Field>& fields, JoinTree& tree) {
  for (const ir::Field& field : fields) {
    const auto* selected = std::get_if<ir::ColumnField>(&field.value);
    if (selected != nullptr && selected->column->name == column) return field.alias;
  }
  std::string phantom = column + std::string(kPhantomSuffix);
  if (longest_alias >= phantom.size()) phantom.append(longest_alias - phantom.size() + 1, '_');
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
    if (relationship == nullptr) continue;
    if (!relationship->remote) {
      JoinTree child = CutRelationship(field, field_path);
      if (!child.empty()) tree.children.push_back({field.alias, std::move(child)});
      continue;
    }
    RemoteJoin join;
    join.alias = field.alias;
    join.source = relationship->target->source;
    join.path = field_path;
    join.field = std::exchange(field, ir::Field{field.alias, ir::JoinPlaceholder{}});
    join.tree = CutRelationship(join.field, field_path);
    tree.joins.push_back(std::move(join));
  }
  for (RemoteJoin& join : tree.joins) {
    for (const auto& mapped : ir::RelationshipOf(join.field)->mapping) {
      join.keys.push_back(KeyOf(table, mapped.first, longest_alias, fields, tree));
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

}  // namespace

JoinTree CutRemoteJoins(ir::RootField& field) {
  const std::string path = FieldPath("$", field.alias);
  if (field.kind == ir::RootField::Kind::kSelectAggregate) {
    return CutAggregate(field.aggregate, path);
  }
  return CutFields(*field.select.table, field.select.fields, path);
}

}  // namespace junction::plan
