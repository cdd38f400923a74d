#include "graphql/validation/validation_context.h"

#include <unordered_set>
#include <utility>
#include <variant>

#include "graphql/validation/walker.h"

namespace junction::graphql::validation {
namespace {

// Collects the variables used under one operation or fragment, with the input types TypeInfo
// gives at their positions (graphql-js getVariableUsages).
class VariableUsageCollector : public Visitor {
 public:
  VariableUsageCollector(const TypeInfo& type_info, std::vector<VariableUsage>& usages)
      : type_info_(type_info), usages_(usages) {}

  bool EnterVariableDefinition(const VariableDefinition&) override { return false; }

  bool EnterValue(const Value& value) override {
    if (value.kind == Value::Kind::kVariable) {
      usages_.push_back(
          VariableUsage{&value, type_info_.input_type(), type_info_.has_default_value()});
    }
    return true;
  }

 private:
  const TypeInfo& type_info_;
  std::vector<VariableUsage>& usages_;
};

}  // namespace

ValidationContext::ValidationContext(const Schema& schema, const Document& document,
                                     size_t max_errors)
    : schema_(schema), document_(document), max_errors_(max_errors), type_info_(schema) {
  for (const Definition& definition : document.definitions) {
    if (const auto* fragment = std::get_if<FragmentDefinition>(&definition)) {
      fragments_[fragment->name] = fragment;
    }
  }
}

void ValidationContext::ReportError(std::string message, std::vector<Location> locations) {
  if (aborted_) return;
  if (errors_.size() >= max_errors_) {
    errors_.emplace_back(ErrorCode::kValidationFailed,
                         "Too many validation errors, error limit reached. Validation aborted.");
    aborted_ = true;
    return;
  }
  Error error(ErrorCode::kValidationFailed, std::move(message));
  error.locations = std::move(locations);
  errors_.push_back(std::move(error));
}

void ValidationContext::AbortValidation() {
  if (aborted_) return;
  errors_.emplace_back(ErrorCode::kValidationFailed, "Validation aborted.");
  aborted_ = true;
}

const FragmentDefinition* ValidationContext::GetFragment(std::string_view name) const {
  auto found = fragments_.find(name);
  return found == fragments_.end() ? nullptr : found->second;
}

const std::vector<const FragmentSpread*>& ValidationContext::GetFragmentSpreads(
    const SelectionSet& selection_set) {
  auto [entry, inserted] = fragment_spreads_.try_emplace(&selection_set);
  if (!inserted) return entry->second;
  std::vector<const FragmentSpread*>& spreads = entry->second;
  std::vector<const SelectionSet*> to_visit = {&selection_set};
  while (!to_visit.empty()) {
    const SelectionSet* set = to_visit.back();
    to_visit.pop_back();
    for (const Selection& selection : *set) {
      if (const auto* spread = std::get_if<FragmentSpread>(&selection.node)) {
        spreads.push_back(spread);
      } else if (const auto* field = std::get_if<Field>(&selection.node)) {
        if (!field->selection_set.empty()) to_visit.push_back(&field->selection_set);
      } else if (const auto* inline_fragment = std::get_if<InlineFragment>(&selection.node)) {
        to_visit.push_back(&inline_fragment->selection_set);
      }
    }
  }
  return spreads;
}

const std::vector<const FragmentDefinition*>& ValidationContext::GetRecursivelyReferencedFragments(
    const OperationDefinition& operation) {
  auto [entry, inserted] = referenced_fragments_.try_emplace(&operation);
  if (!inserted) return entry->second;
  std::vector<const FragmentDefinition*>& fragments = entry->second;
  std::unordered_set<std::string_view> collected;
  std::vector<const SelectionSet*> to_visit = {&operation.selection_set};
  while (!to_visit.empty()) {
    const SelectionSet* set = to_visit.back();
    to_visit.pop_back();
    for (const FragmentSpread* spread : GetFragmentSpreads(*set)) {
      if (!collected.insert(spread->name).second) continue;
      if (const FragmentDefinition* fragment = GetFragment(spread->name)) {
        fragments.push_back(fragment);
        to_visit.push_back(&fragment->selection_set);
      }
    }
  }
  return fragments;
}

template <typename Definition>
const std::vector<VariableUsage>& ValidationContext::GetVariableUsages(
    const Definition& definition) {
  auto [entry, inserted] = variable_usages_.try_emplace(&definition);
  if (inserted) {
    TypeInfo type_info(schema_);
    VariableUsageCollector collector(type_info, entry->second);
    Walk(definition, type_info, collector);
  }
  return entry->second;
}

const std::vector<VariableUsage>& ValidationContext::GetRecursiveVariableUsages(
    const OperationDefinition& operation) {
  if (auto found = recursive_variable_usages_.find(&operation);
      found != recursive_variable_usages_.end()) {
    return found->second;
  }
  std::vector<VariableUsage> usages = GetVariableUsages(operation);
  for (const FragmentDefinition* fragment : GetRecursivelyReferencedFragments(operation)) {
    const std::vector<VariableUsage>& local = GetVariableUsages(*fragment);
    usages.insert(usages.end(), local.begin(), local.end());
  }
  return recursive_variable_usages_.emplace(&operation, std::move(usages)).first->second;
}

}  // namespace junction::graphql::validation
