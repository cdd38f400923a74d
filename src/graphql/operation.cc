#include "graphql/operation.h"

#include <algorithm>
#include <unordered_map>
#include <unordered_set>
#include <utility>

#include "graphql/builtins.h"
#include "graphql/value_coercion.h"

namespace junction::graphql {
namespace {

using Json = nlohmann::ordered_json;

// Guards the native stack against documents that were not depth-limited (CheckLimits) first.
constexpr size_t kMaxDepth = 512;
// Fragments spread in several places are expanded in each: a valid document of a few kilobytes
// can expand exponentially. Bounds the selections visited while normalizing one operation.
constexpr size_t kMaxExpandedSelections = 100'000;

Error Failed(std::string message, const Location& location = {}) {
  Error error(ErrorCode::kValidationFailed, std::move(message));
  if (location.line > 0) error.locations.push_back(location);
  return error;
}

std::string JoinConditions(const std::vector<std::string>& conditions) {
  std::string joined;
  for (const std::string& condition : conditions) {
    joined += '\x01';
    joined += condition;
  }
  return joined;
}

// AST fields with one response key and one set of type conditions, in first-seen order.
struct FieldGroup {
  std::string key;
  std::vector<std::string> conditions;
  const TypeDef* scope = nullptr;  // where the fields are selected: innermost condition or parent
  std::vector<const Field*> fields;
};

class GroupTable {
 public:
  void Add(const Field& field, const std::vector<std::string>& conditions, const TypeDef& scope) {
    std::string id = field.ResponseKey() + JoinConditions(conditions);
    auto [it, inserted] = index_.emplace(std::move(id), groups_.size());
    if (inserted) groups_.push_back(FieldGroup{field.ResponseKey(), conditions, &scope, {}});
    groups_[it->second].fields.push_back(&field);
  }
  std::vector<FieldGroup>& groups() { return groups_; }

 private:
  std::vector<FieldGroup> groups_;
  std::unordered_map<std::string, size_t> index_;
};

class Normalizer {
 public:
  Normalizer(const Schema& schema, const Json& variables)
      : schema_(schema), variables_(variables) {}

  void AddFragment(const FragmentDefinition& fragment) { fragments_[fragment.name] = &fragment; }

  // The normalized fields of the selection sets `sets`, all selected on `parent` (one set, or the
  // sets of several same-key fields being merged).
  Result<std::vector<NormalizedField>> NormalizeSelections(
      const TypeDef& parent, const std::vector<const SelectionSet*>& sets, size_t depth) {
    if (depth > kMaxDepth) return Failed("The query is nested too deeply.");
    GroupTable table;
    std::unordered_set<std::string> visited;  // fragment name + conditions
    std::vector<std::string> conditions;
    for (const SelectionSet* set : sets) {
      if (Status status = Collect(*set, parent, conditions, table, visited, depth); !status) {
        return std::move(status).error();
      }
    }
    std::vector<NormalizedField> result;
    for (FieldGroup& group : table.groups()) {
      const Field& first = *group.fields.front();
      const FieldDef* definition = schema_.FindField(*group.scope, first.name);
      if (definition == nullptr) {
        return Failed(
            "Cannot query field \"" + first.name + "\" on type \"" + group.scope->name + "\".",
            first.location);
      }
      NormalizedField field;
      field.alias = group.key;
      field.name = first.name;
      field.type_conditions = std::move(group.conditions);
      field.location = first.location;
      Result<Json> arguments = CoerceArgumentValues(schema_, definition->arguments, first.arguments,
                                                    variables_, first.location);
      if (!arguments) return std::move(arguments).error();
      field.arguments = std::move(*arguments);
      const TypeDef* type = schema_.FindType(definition->type.name);
      if (type != nullptr && type->IsComposite()) {
        std::vector<const SelectionSet*> subsets;
        for (const Field* node : group.fields) subsets.push_back(&node->selection_set);
        Result<std::vector<NormalizedField>> selection =
            NormalizeSelections(*type, subsets, depth + 1);
        if (!selection) return std::move(selection).error();
        field.selection_set = std::move(*selection);
      }
      result.push_back(std::move(field));
    }
    return result;
  }

 private:
  Status Collect(const SelectionSet& set, const TypeDef& parent,
                 std::vector<std::string>& conditions, GroupTable& table,
                 std::unordered_set<std::string>& visited, size_t depth) {
    if (depth > kMaxDepth) return Failed("The query is nested too deeply.");
    for (const Selection& selection : set) {
      if (++expanded_ > kMaxExpandedSelections) {
        return Failed("The query is too large: it selects more than " +
                      std::to_string(kMaxExpandedSelections) +
                      " fields once its fragments are expanded.");
      }
      if (const auto* field = std::get_if<Field>(&selection.node)) {
        Result<bool> include = ShouldInclude(field->directives);
        if (!include) return std::move(include).error();
        if (*include) table.Add(*field, conditions, Scope(parent, conditions));
      } else if (const auto* inline_fragment = std::get_if<InlineFragment>(&selection.node)) {
        Result<bool> include = ShouldInclude(inline_fragment->directives);
        if (!include) return std::move(include).error();
        if (!*include) continue;
        if (Status status =
                CollectFragment(inline_fragment->type_condition, inline_fragment->selection_set,
                                parent, conditions, table, visited, depth);
            !status) {
          return status;
        }
      } else {
        const auto& spread = std::get<FragmentSpread>(selection.node);
        std::string visit_key = spread.name + JoinConditions(conditions);
        if (visited.contains(visit_key)) continue;
        Result<bool> include = ShouldInclude(spread.directives);
        if (!include) return std::move(include).error();
        if (!*include) continue;
        visited.insert(std::move(visit_key));
        auto fragment = fragments_.find(spread.name);
        if (fragment == fragments_.end()) continue;
        if (Status status =
                CollectFragment(fragment->second->type_condition, fragment->second->selection_set,
                                parent, conditions, table, visited, depth);
            !status) {
          return status;
        }
      }
    }
    return {};
  }

  // Collects a fragment's selections, adding its type condition unless the enclosing type
  // already implies it, and skipping it when it can never apply.
  Status CollectFragment(const std::string& type_condition, const SelectionSet& set,
                         const TypeDef& parent, std::vector<std::string>& conditions,
                         GroupTable& table, std::unordered_set<std::string>& visited,
                         size_t depth) {
    if (type_condition.empty()) return Collect(set, parent, conditions, table, visited, depth + 1);
    const TypeDef* condition = schema_.FindType(type_condition);
    if (condition == nullptr || !condition->IsComposite()) return {};
    const TypeDef& scope = Scope(parent, conditions);
    if (condition == &scope || (condition->IsAbstract() && schema_.IsSubType(*condition, scope))) {
      return Collect(set, parent, conditions, table, visited, depth + 1);
    }
    if (scope.kind == TypeKind::kObject) return {};  // an object of `scope` never matches
    if (std::find(conditions.begin(), conditions.end(), condition->name) != conditions.end()) {
      return Collect(set, parent, conditions, table, visited, depth + 1);  // already required
    }
    conditions.push_back(condition->name);
    Status status = Collect(set, parent, conditions, table, visited, depth + 1);
    conditions.pop_back();
    return status;
  }

  const TypeDef& Scope(const TypeDef& parent, const std::vector<std::string>& conditions) const {
    if (conditions.empty()) return parent;
    const TypeDef* innermost = schema_.FindType(conditions.back());
    return innermost != nullptr ? *innermost : parent;
  }

  // graphql-js shouldIncludeNode: @skip(if: true) or @include(if: false) leaves the node out.
  Result<bool> ShouldInclude(const std::vector<Directive>& directives) {
    for (std::string_view name : {"skip", "include"}) {
      for (const Directive& directive : directives) {
        if (directive.name != name) continue;
        Result<Json> arguments =
            CoerceArgumentValues(schema_, SpecifiedDirective(name).arguments, directive.arguments,
                                 variables_, directive.location);
        if (!arguments) return std::move(arguments).error();
        const Json& condition = (*arguments)["if"];
        if (condition.is_boolean() && condition.get<bool>() == (name == "skip")) return false;
        break;
      }
    }
    return true;
  }

  const Schema& schema_;
  const Json& variables_;
  std::unordered_map<std::string, const FragmentDefinition*> fragments_;
  size_t expanded_ = 0;  // selections visited so far
};

// Adds `field` to `fields`, merging it into a field of the same response key and type conditions.
void MergeField(std::vector<NormalizedField>& fields, NormalizedField&& field) {
  for (NormalizedField& existing : fields) {
    if (existing.alias != field.alias || existing.type_conditions != field.type_conditions)
      continue;
    for (NormalizedField& child : field.selection_set)
      MergeField(existing.selection_set, std::move(child));
    return;
  }
  fields.push_back(std::move(field));
}

}  // namespace

Result<Operation> Normalize(const Schema& schema, const Document& document,
                            std::string_view operation_name, const Json& variables) {
  const OperationDefinition* operation = nullptr;
  for (const Definition& definition : document.definitions) {
    const auto* candidate = std::get_if<OperationDefinition>(&definition);
    if (candidate == nullptr) continue;
    if (operation_name.empty()) {
      if (operation != nullptr) {
        return Failed("Must provide operation name if query contains multiple operations.");
      }
      operation = candidate;
    } else if (candidate->name == operation_name) {
      operation = candidate;
    }
  }
  if (operation == nullptr) {
    if (!operation_name.empty()) {
      return Failed("Unknown operation named \"" + std::string(operation_name) + "\".");
    }
    return Failed("Must provide an operation.");
  }
  const TypeDef* root = schema.RootType(operation->operation);
  if (root == nullptr) {
    return Failed("Schema is not configured to execute " +
                      std::string(ToString(operation->operation)) + " operation.",
                  operation->location);
  }
  Result<Json> coerced = CoerceVariableValues(schema, operation->variables, variables);
  if (!coerced) return std::move(coerced).error();

  Normalizer normalizer(schema, *coerced);
  for (const Definition& definition : document.definitions) {
    if (const auto* fragment = std::get_if<FragmentDefinition>(&definition)) {
      normalizer.AddFragment(*fragment);
    }
  }
  Result<std::vector<NormalizedField>> selection =
      normalizer.NormalizeSelections(*root, {&operation->selection_set}, 0);
  if (!selection) return std::move(selection).error();
  Operation result;
  result.type = operation->operation;
  result.name = operation->name;
  result.root_type = root;
  result.selection_set = std::move(*selection);
  return result;
}

std::vector<NormalizedField> CollectFields(const Schema& schema,
                                           const std::vector<NormalizedField>& fields,
                                           const TypeDef& object_type) {
  std::vector<NormalizedField> result;
  std::unordered_map<std::string_view, size_t> by_alias;  // index into `result`
  for (const NormalizedField& field : fields) {
    bool applies = true;
    for (const std::string& condition : field.type_conditions) {
      const TypeDef* type = schema.FindType(condition);
      applies =
          applies && type != nullptr &&
          (type == &object_type || (type->IsAbstract() && schema.IsSubType(*type, object_type)));
    }
    if (!applies) continue;
    auto existing = by_alias.find(field.alias);
    if (existing == by_alias.end()) {
      by_alias.emplace(field.alias, result.size());
      result.push_back(field);
      result.back().type_conditions.clear();
      continue;
    }
    for (const NormalizedField& child : field.selection_set) {
      MergeField(result[existing->second].selection_set, NormalizedField(child));
    }
  }
  return result;
}

}  // namespace junction::graphql
