// All Variable Usages are Allowed: a variable is used only where a value of its type fits.
// https://spec.graphql.org/October2021/#sec-All-Variable-Usages-are-Allowed
//
//   query intCannotGoIntoBoolean($intArg: Int) { arguments { booleanArgField(booleanArg: $intArg) }
//   }
//   => Variable "$intArg" of type "Int" used in position expecting type "Boolean".
//
// A nullable variable may stand where a non-null type is expected when the variable or the
// position has a default value (spec IsVariableUsageAllowed).

#include <string>
#include <string_view>
#include <unordered_map>

#include "graphql/validation/rules.h"

namespace junction::graphql::validation {
namespace {

class VariablesInAllowedPositionRule : public Rule {
 public:
  using Rule::Rule;

  bool EnterOperation(const OperationDefinition&) override {
    definitions_.clear();
    return true;
  }

  bool EnterVariableDefinition(const VariableDefinition& variable) override {
    definitions_[variable.name] = &variable;
    return true;
  }

  void LeaveOperation(const OperationDefinition& operation) override {
    const Schema& schema = context_.schema();
    for (const VariableUsage& usage : context_.GetRecursiveVariableUsages(operation)) {
      const std::string& name = usage.node->text;
      auto found = definitions_.find(name);
      if (found == definitions_.end() || !usage.type.known()) continue;
      const VariableDefinition& definition = *found->second;
      TypeView variable_type = TypeView::FromRef(schema, definition.type);
      if (variable_type.known() && !IsAllowed(definition, variable_type, usage)) {
        context_.ReportError("Variable \"$" + name + "\" of type \"" + variable_type.ToString() +
                                 "\" used in position expecting type \"" + usage.type.ToString() +
                                 "\".",
                             {definition.location, usage.node->location});
      }
    }
  }

 private:
  bool IsAllowed(const VariableDefinition& definition, const TypeView& variable_type,
                 const VariableUsage& usage) const {
    const Schema& schema = context_.schema();
    if (usage.type.IsNonNull() && !variable_type.IsNonNull()) {
      bool variable_has_default = definition.default_value.has_value() &&
                                  definition.default_value->kind != Value::Kind::kNull;
      if (!variable_has_default && !usage.has_default_value) return false;
      return schema.IsTypeSubTypeOf(variable_type.ToTypeRef(), usage.type.OfType().ToTypeRef());
    }
    return schema.IsTypeSubTypeOf(variable_type.ToTypeRef(), usage.type.ToTypeRef());
  }

  std::unordered_map<std::string_view, const VariableDefinition*> definitions_;
};

}  // namespace

std::unique_ptr<Rule> MakeVariablesInAllowedPositionRule(ValidationContext& context) {
  return std::make_unique<VariablesInAllowedPositionRule>(context);
}

}  // namespace junction::graphql::validation
