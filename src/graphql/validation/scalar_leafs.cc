// Leaf Field Selections: fields of scalar and enum type select nothing; fields of object,
// interface and union type select something.
// https://spec.graphql.org/October2021/#sec-Leaf-Field-Selections
//
//   fragment scalarSelectionsNotAllowedOnInt on Dog { barkVolume { sinceWhen } }
//   => Field "barkVolume" must not have a selection since type "Int" has no subfields.
//   query directQueryOnObjectWithoutSubFields { human }
//   => Field "human" of type "Human" must have a selection of subfields. Did you mean
//      "human { ... }"?

#include "graphql/validation/node_locations.h"
#include "graphql/validation/rules.h"

namespace junction::graphql::validation {
namespace {

class ScalarLeafsRule : public Rule {
 public:
  using Rule::Rule;

  bool EnterField(const Field& field) override {
    TypeView type = context_.type_info().type();
    if (!type.known()) return true;
    if (type.named()->IsLeaf()) {
      if (!field.selection_set.empty()) {
        context_.ReportError("Field \"" + field.name +
                                 "\" must not have a selection since type \"" + type.ToString() +
                                 "\" has no subfields.",
                             {SelectionSetLocation(field)});
      }
    } else if (field.selection_set.empty()) {
      context_.ReportError("Field \"" + field.name + "\" of type \"" + type.ToString() +
                               "\" must have a selection of subfields. Did you mean \"" +
                               field.name + " { ... }\"?",
                           {field.location});
    }
    return true;
  }
};

}  // namespace

std::unique_ptr<Rule> MakeScalarLeafsRule(ValidationContext& context) {
  return std::make_unique<ScalarLeafsRule>(context);
}

}  // namespace junction::graphql::validation
