// All Variable Uses Defined: every variable an operation uses (through its fragments too) is
// defined by that operation.
// https://spec.graphql.org/October2021/#sec-All-Variable-Uses-Defined
//
//   query variableIsNotDefined { dog { isHouseTrained(atOtherHomes: $atOtherHomes) } }
//   => Variable "$atOtherHomes" is not defined by operation "variableIsNotDefined".
//      (at the use and at the operation)

#include <string_view>
#include <unordered_set>

#include "graphql/validation/rules.h"

namespace junction::graphql::validation {
namespace {

class NoUndefinedVariablesRule : public Rule {
 public:
  using Rule::Rule;

  bool EnterOperation(const OperationDefinition&) override {
    defined_.clear();
    return true;
  }

  bool EnterVariableDefinition(const VariableDefinition& variable) override {
    defined_.insert(variable.name);
    return true;
  }

  void LeaveOperation(const OperationDefinition& operation) override {
    for (const VariableUsage& usage : context_.GetRecursiveVariableUsages(operation)) {
      const std::string& name = usage.node->text;
      if (defined_.contains(name)) continue;
      context_.ReportError(operation.name.empty()
                               ? "Variable \"$" + name + "\" is not defined."
                               : "Variable \"$" + name + "\" is not defined by operation \"" +
                                     operation.name + "\".",
                           {usage.node->location, operation.location});
    }
  }

 private:
  std::unordered_set<std::string_view> defined_;
};

}  // namespace

std::unique_ptr<Rule> MakeNoUndefinedVariablesRule(ValidationContext& context) {
  return std::make_unique<NoUndefinedVariablesRule>(context);
}

}  // namespace junction::graphql::validation
