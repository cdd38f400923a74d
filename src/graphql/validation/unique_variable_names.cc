// Variable Uniqueness: an operation defines each variable once.
// https://spec.graphql.org/October2021/#sec-Variable-Uniqueness
//
//   query houseTrainedQuery($atOtherHomes: Boolean, $atOtherHomes: Boolean) { … }
//   => There can be only one variable named "$atOtherHomes".   (at every definition's name)

#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "graphql/validation/node_locations.h"
#include "graphql/validation/rules.h"

namespace junction::graphql::validation {
namespace {

class UniqueVariableNamesRule : public Rule {
 public:
  using Rule::Rule;

  bool EnterOperation(const OperationDefinition& operation) override {
    // Definitions grouped by name, groups in order of first appearance.
    std::vector<std::pair<std::string_view, std::vector<Location>>> groups;
    std::unordered_map<std::string_view, size_t> group_index;
    for (const VariableDefinition& variable : operation.variables) {
      auto [entry, inserted] = group_index.try_emplace(variable.name, groups.size());
      if (inserted) groups.emplace_back(variable.name, std::vector<Location>{});
      groups[entry->second].second.push_back(NameLocation(variable));
    }
    for (auto& [name, locations] : groups) {
      if (locations.size() > 1) {
        context_.ReportError("There can be only one variable named \"$" + std::string(name) + "\".",
                             std::move(locations));
      }
    }
    return true;
  }
};

}  // namespace

std::unique_ptr<Rule> MakeUniqueVariableNamesRule(ValidationContext& context) {
  return std::make_unique<UniqueVariableNamesRule>(context);
}

}  // namespace junction::graphql::validation
