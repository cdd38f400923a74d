// Single root field: a subscription selects exactly one root field, and not an introspection one.
// https://spec.graphql.org/October2021/#sec-Single-root-field
//
//   subscription sub { newMessage { body } disallowedSecondRootField }
//   => Subscription "sub" must select only one top level field.
//
// Root fields are collected as CollectFields does with no variable values (fragments followed,
// @skip/@include with literal conditions applied). graphql-js throws out of validate when such a
// condition is a variable or is not a boolean literal; here the field then counts as selected.

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <variant>
#include <vector>

#include "graphql/validation/rules.h"

namespace junction::graphql::validation {
namespace {

// The literal value of `if` on the directive named `name`, when there is one.
std::optional<bool> LiteralCondition(const std::vector<Directive>& directives,
                                     std::string_view name) {
  for (const Directive& directive : directives) {
    if (directive.name != name) continue;
    // graphql-js reads the first such directive, and the last `if` argument on it.
    const Value* condition = nullptr;
    for (const Argument& argument : directive.arguments) {
      if (argument.name == "if") condition = &argument.value;
    }
    if (condition == nullptr || condition->kind != Value::Kind::kBoolean) return std::nullopt;
    return condition->boolean;
  }
  return std::nullopt;
}

bool ShouldInclude(const std::vector<Directive>& directives) {
  if (LiteralCondition(directives, "skip") == std::optional<bool>(true)) return false;
  if (LiteralCondition(directives, "include") == std::optional<bool>(false)) return false;
  return true;
}

class SingleFieldSubscriptionsRule : public Rule {
 public:
  using Rule::Rule;

  bool EnterOperation(const OperationDefinition& operation) override {
    if (operation.operation != OperationType::kSubscription) return true;
    const TypeDef* subscription_type = context_.schema().subscription_type();
    if (subscription_type == nullptr) return true;
    std::vector<std::pair<std::string, std::vector<const Field*>>> groups;
    CollectRootFields(*subscription_type, operation.selection_set, groups);

    std::string subject = operation.name.empty() ? "Anonymous Subscription"
                                                 : "Subscription \"" + operation.name + "\"";
    if (groups.size() > 1) {
      std::vector<Location> extra;
      for (size_t i = 1; i < groups.size(); ++i) {
        for (const Field* field : groups[i].second) extra.push_back(field->location);
      }
      context_.ReportError(subject + " must select only one top level field.", std::move(extra));
    }
    for (const auto& [key, fields] : groups) {
      if (fields.front()->name.starts_with("__")) {
        std::vector<Location> locations;
        for (const Field* field : fields) locations.push_back(field->location);
        context_.ReportError(subject + " must not select an introspection top level field.",
                             std::move(locations));
      }
    }
    return true;
  }

 private:
  bool ConditionMatches(const std::string& type_condition, const TypeDef& runtime_type) const {
    if (type_condition.empty()) return true;
    const TypeDef* condition = context_.schema().FindType(type_condition);
    if (condition == nullptr) return false;
    if (condition == &runtime_type) return true;
    return condition->IsAbstract() && context_.schema().IsSubType(*condition, runtime_type);
  }

  // CollectFields, depth-first without recursion (fragment chains can be long).
  void CollectRootFields(const TypeDef& runtime_type, const SelectionSet& root,
                         std::vector<std::pair<std::string, std::vector<const Field*>>>& groups) {
    std::unordered_map<std::string, size_t> group_index;
    std::unordered_set<std::string> visited_fragments;
    std::vector<std::pair<const SelectionSet*, size_t>> stack = {{&root, 0}};
    while (!stack.empty()) {
      auto& [set, index] = stack.back();
      if (index == set->size()) {
        stack.pop_back();
        continue;
      }
      const Selection& selection = (*set)[index++];
      if (const auto* field = std::get_if<Field>(&selection.node)) {
        if (!ShouldInclude(field->directives)) continue;
        auto [entry, inserted] = group_index.try_emplace(field->ResponseKey(), groups.size());
        if (inserted) groups.emplace_back(field->ResponseKey(), std::vector<const Field*>{});
        groups[entry->second].second.push_back(field);
      } else if (const auto* inline_fragment = std::get_if<InlineFragment>(&selection.node)) {
        if (!ShouldInclude(inline_fragment->directives) ||
            !ConditionMatches(inline_fragment->type_condition, runtime_type)) {
          continue;
        }
        stack.emplace_back(&inline_fragment->selection_set, 0);
      } else if (const auto* spread = std::get_if<FragmentSpread>(&selection.node)) {
        if (visited_fragments.contains(spread->name) || !ShouldInclude(spread->directives)) {
          continue;
        }
        visited_fragments.insert(spread->name);
        const FragmentDefinition* fragment = context_.GetFragment(spread->name);
        if (fragment == nullptr || !ConditionMatches(fragment->type_condition, runtime_type)) {
          continue;
        }
        stack.emplace_back(&fragment->selection_set, 0);
      }
    }
  }
};

}  // namespace

std::unique_ptr<Rule> MakeSingleFieldSubscriptionsRule(ValidationContext& context) {
  return std::make_unique<SingleFieldSubscriptionsRule>(context);
}

}  // namespace junction::graphql::validation
