// Fragment Name Uniqueness: no two fragments of a document share a name.
// https://spec.graphql.org/October2021/#sec-Fragment-Name-Uniqueness
//
//   fragment fragOne on Dog { name }  fragment fragOne on Dog { owner { name } }
//   => There can be only one fragment named "fragOne".   (at both names)

#include <string>
#include <unordered_map>

#include "graphql/validation/node_locations.h"
#include "graphql/validation/rules.h"

namespace junction::graphql::validation {
namespace {

class UniqueFragmentNamesRule : public Rule {
 public:
  using Rule::Rule;

  bool EnterOperation(const OperationDefinition&) override { return false; }

  bool EnterFragmentDefinition(const FragmentDefinition& fragment) override {
    Location at = NameLocation(fragment);
    auto [known, inserted] = known_names_.try_emplace(fragment.name, at);
    if (!inserted) {
      context_.ReportError("There can be only one fragment named \"" + fragment.name + "\".",
                           {known->second, at});
    }
    return false;
  }

 private:
  std::unordered_map<std::string, Location> known_names_;
};

}  // namespace

std::unique_ptr<Rule> MakeUniqueFragmentNamesRule(ValidationContext& context) {
  return std::make_unique<UniqueFragmentNamesRule>(context);
}

}  // namespace junction::graphql::validation
