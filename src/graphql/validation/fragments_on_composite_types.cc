// Fragments On Composite Types: a fragment's type condition is an object, interface or union.
// https://spec.graphql.org/October2021/#sec-Fragments-On-Composite-Types
//
//   fragment fragOnScalar on Int { something }
//   => Fragment "fragOnScalar" cannot condition on non composite type "Int".
//   ... on Boolean { somethingElse }
//   => Fragment cannot condition on non composite type "Boolean".
//
// Unknown types are KnownTypeNames's to report.

#include "graphql/validation/node_locations.h"
#include "graphql/validation/rules.h"

namespace junction::graphql::validation {
namespace {

class FragmentsOnCompositeTypesRule : public Rule {
 public:
  using Rule::Rule;

  bool EnterInlineFragment(const InlineFragment& fragment) override {
    if (!fragment.type_condition.empty() && IsNonComposite(fragment.type_condition)) {
      context_.ReportError(
          "Fragment cannot condition on non composite type \"" + fragment.type_condition + "\".",
          {TypeConditionLocation(fragment)});
    }
    return true;
  }

  bool EnterFragmentDefinition(const FragmentDefinition& fragment) override {
    if (IsNonComposite(fragment.type_condition)) {
      context_.ReportError("Fragment \"" + fragment.name +
                               "\" cannot condition on non composite type \"" +
                               fragment.type_condition + "\".",
                           {TypeConditionLocation(fragment)});
    }
    return true;
  }

 private:
  bool IsNonComposite(const std::string& type_name) const {
    const TypeDef* type = LookupType(context_.schema(), type_name);
    return type != nullptr && !type->IsComposite();
  }
};

}  // namespace

std::unique_ptr<Rule> MakeFragmentsOnCompositeTypesRule(ValidationContext& context) {
  return std::make_unique<FragmentsOnCompositeTypesRule>(context);
}

}  // namespace junction::graphql::validation
