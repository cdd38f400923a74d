// Operation Name Uniqueness: no two operations of a document share a name.
// https://spec.graphql.org/October2021/#sec-Operation-Name-Uniqueness
//
//   query getName { dog { name } }  query getName { dog { owner { name } } }
//   => There can be only one operation named "getName".   (at both names)

#include <string>
#include <unordered_map>

#include "graphql/validation/node_locations.h"
#include "graphql/validation/rules.h"

namespace junction::graphql::validation {
namespace {

class UniqueOperationNamesRule : public Rule {
 public:
  using Rule::Rule;

  bool EnterOperation(const OperationDefinition& operation) override {
    if (!operation.name.empty()) {
      Location at = NameLocation(operation);
      auto [known, inserted] = known_names_.try_emplace(operation.name, at);
      if (!inserted) {
        context_.ReportError("There can be only one operation named \"" + operation.name + "\".",
                             {known->second, at});
      }
    }
    return false;
  }

  bool EnterFragmentDefinition(const FragmentDefinition&) override { return false; }

 private:
  std::unordered_map<std::string, Location> known_names_;
};

}  // namespace

std::unique_ptr<Rule> MakeUniqueOperationNamesRule(ValidationContext& context) {
  return std::make_unique<UniqueOperationNamesRule>(context);
}

}  // namespace junction::graphql::validation
