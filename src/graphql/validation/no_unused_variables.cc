// All Variables Used: every variable an operation defines is used, in the operation or in a
// fragment it spreads.
// https://spec.graphql.org/October2021/#sec-All-Variables-Used
//
//   query variableUnused($atOtherHomes: Boolean) { dog { isHouseTrained } }
//   => Variable "$atOtherHomes" is never used in operation "variableUnused".

#include <string_view>
#include <unordered_set>
#include <vector>

#include "graphql/validation/rules.h"

namespace junction::graphql::validation {
namespace {

class NoUnusedVariablesRule : public Rule {
 public:
  using Rule::Rule;

  bool EnterOperation(const OperationDefinition&) override {
    definitions_.clear();
    return true;
  }

  bool EnterVariableDefinition(const VariableDefinition& variable) override {
    definitions_.push_back(&variable);
    return true;
  }

  void LeaveOperation(const OperationDefinition& operation) override {
    std::unordered_set<std::string_view> used;
    for (const VariableUsage& usage : context_.GetRecursiveVariableUsages(operation)) {
      used.insert(usage.node->text);
    }
    for (const VariableDefinition* variable : definitions_) {
      if (used.contains(variable->name)) continue;
      context_.ReportError(operation.name.empty()
                               ? "Variable \"$" + variable->name + "\" is never used."
                               : "Variable \"$" + variable->name +
                                     "\" is never used in operation \"" + operation.name + "\".",
                           {variable->location});
    }
  }

 private:
  std::vector<const VariableDefinition*> definitions_;
};

}  // namespace

std::unique_ptr<Rule> MakeNoUnusedVariablesRule(ValidationContext& context) {
  return std::make_unique<NoUnusedVariablesRule>(context);
}

}  // namespace junction::graphql::validation
