// Fragment spread is possible: a fragment spread or inline fragment applies to some object type
// the surrounding selection can be.
// https://spec.graphql.org/October2021/#sec-Fragment-spread-is-possible
//
//   fragment catInDogFragmentInvalid on Dog { ... on Cat { meowVolume } }
//   => Fragment cannot be spread here as objects of type "Dog" can never be of type "Cat".
//   fragment invalidObjectPrefix on Dog { ...catFragment }   (catFragment on Cat)
//   => Fragment "catFragment" cannot be spread here as objects of type "Dog" can never be of
//      type "Cat".

#include "graphql/validation/rules.h"

namespace junction::graphql::validation {
namespace {

class PossibleFragmentSpreadsRule : public Rule {
 public:
  using Rule::Rule;

  bool EnterInlineFragment(const InlineFragment& fragment) override {
    const TypeDef* fragment_type = context_.type_info().type().named();
    const TypeDef* parent_type = context_.type_info().parent_type();
    if (context_.type_info().type().IsCompositeNamed() && parent_type != nullptr &&
        !context_.schema().DoTypesOverlap(*fragment_type, *parent_type)) {
      context_.ReportError("Fragment cannot be spread here as objects of type \"" +
                               parent_type->name + "\" can never be of type \"" +
                               fragment_type->name + "\".",
                           {fragment.location});
    }
    return true;
  }

  bool EnterFragmentSpread(const FragmentSpread& spread) override {
    const TypeDef* fragment_type = FragmentType(spread.name);
    const TypeDef* parent_type = context_.type_info().parent_type();
    if (fragment_type != nullptr && parent_type != nullptr &&
        !context_.schema().DoTypesOverlap(*fragment_type, *parent_type)) {
      context_.ReportError(
          "Fragment \"" + spread.name + "\" cannot be spread here as objects of type \"" +
              parent_type->name + "\" can never be of type \"" + fragment_type->name + "\".",
          {spread.location});
    }
    return true;
  }

 private:
  // The composite type the named fragment conditions on; null when unknown or not composite.
  const TypeDef* FragmentType(const std::string& name) const {
    const FragmentDefinition* fragment = context_.GetFragment(name);
    if (fragment == nullptr) return nullptr;
    const TypeDef* type = LookupType(context_.schema(), fragment->type_condition);
    return type != nullptr && type->IsComposite() ? type : nullptr;
  }
};

}  // namespace

std::unique_ptr<Rule> MakePossibleFragmentSpreadsRule(ValidationContext& context) {
  return std::make_unique<PossibleFragmentSpreadsRule>(context);
}

}  // namespace junction::graphql::validation
