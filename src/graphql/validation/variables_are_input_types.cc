// Variables Are Input Types: a variable's type is a scalar, enum or input object (wrapped or not).
// https://spec.graphql.org/October2021/#sec-Variables-Are-Input-Types
//
//   query takesCat($cat: Cat) { … }
//   => Variable "$cat" cannot be non-input type "Cat".

#include "graphql/validation/rules.h"

namespace junction::graphql::validation {
namespace {

class VariablesAreInputTypesRule : public Rule {
 public:
  using Rule::Rule;

  bool EnterVariableDefinition(const VariableDefinition& variable) override {
    TypeView type = TypeView::FromRef(context_.schema(), variable.type);
    if (type.known() && !type.IsInputType()) {
      context_.ReportError("Variable \"$" + variable.name + "\" cannot be non-input type \"" +
                               variable.type.ToString() + "\".",
                           {variable.type.location});
    }
    return true;
  }
};

}  // namespace

std::unique_ptr<Rule> MakeVariablesAreInputTypesRule(ValidationContext& context) {
  return std::make_unique<VariablesAreInputTypesRule>(context);
}

}  // namespace junction::graphql::validation
