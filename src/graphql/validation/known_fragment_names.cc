// Fragment spread target defined: every spread names a fragment the document defines.
// https://spec.graphql.org/October2021/#sec-Fragment-spread-target-defined
//
//   { dog { ...undefinedFragment } }
//   => Unknown fragment "undefinedFragment".

#include "graphql/validation/node_locations.h"
#include "graphql/validation/rules.h"

namespace junction::graphql::validation {
namespace {

class KnownFragmentNamesRule : public Rule {
 public:
  using Rule::Rule;

  bool EnterFragmentSpread(const FragmentSpread& spread) override {
    if (context_.GetFragment(spread.name) == nullptr) {
      context_.ReportError("Unknown fragment \"" + spread.name + "\".", {NameLocation(spread)});
    }
    return true;
  }
};

}  // namespace

std::unique_ptr<Rule> MakeKnownFragmentNamesRule(ValidationContext& context) {
  return std::make_unique<KnownFragmentNamesRule>(context);
}

}  // namespace junction::graphql::validation
