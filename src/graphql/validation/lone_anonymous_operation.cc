// Lone Anonymous Operation: an operation without a name must be the document's only one.
// https://spec.graphql.org/October2021/#sec-Lone-Anonymous-Operation
//
//   { dog { name } }  query getName { dog { owner { name } } }
//   => This anonymous operation must be the only defined operation.

#include <algorithm>
#include <variant>

#include "graphql/validation/rules.h"

namespace junction::graphql::validation {
namespace {

class LoneAnonymousOperationRule : public Rule {
 public:
  using Rule::Rule;

  bool EnterDocument(const Document& document) override {
    operation_count_ = std::count_if(
        document.definitions.begin(), document.definitions.end(),
        [](const Definition& d) { return std::holds_alternative<OperationDefinition>(d); });
    return true;
  }

  bool EnterOperation(const OperationDefinition& operation) override {
    if (operation.name.empty() && operation_count_ > 1) {
      context_.ReportError("This anonymous operation must be the only defined operation.",
                           {operation.location});
    }
    return true;
  }

 private:
  long operation_count_ = 0;
};

}  // namespace

std::unique_ptr<Rule> MakeLoneAnonymousOperationRule(ValidationContext& context) {
  return std::make_unique<LoneAnonymousOperationRule>(context);
}

}  // namespace junction::graphql::validation
