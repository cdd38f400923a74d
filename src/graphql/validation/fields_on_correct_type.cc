// Field Selections: a selected field is defined on the type in scope.
// https://spec.graphql.org/October2021/#sec-Field-Selections
//
//   fragment fieldNotDefined on Dog { meowVolume }
//   => Cannot query field "meowVolume" on type "Dog". Did you mean "barkVolume"?
//   fragment definedOnImplementorsButNotInterface on Pet { nickname }
//   => Cannot query field "nickname" on type "Pet". Did you mean to use an inline fragment on
//      "Cat" or "Dog"?
//
// Suggestions are graphql-js's: first the types within an abstract type that define the field
// (most used first, interfaces before their implementations, then by name); when there are none,
// the type's fields with a similar name.

#include <string>
#include <unordered_map>
#include <vector>

#include "graphql/did_you_mean.h"
#include "graphql/validation/js_sort.h"
#include "graphql/validation/rules.h"

namespace junction::graphql::validation {
namespace {

class FieldsOnCorrectTypeRule : public Rule {
 public:
  using Rule::Rule;

  bool EnterField(const Field& field) override {
    const TypeDef* type = context_.type_info().parent_type();
    if (type == nullptr || context_.type_info().field_def() != nullptr) return true;
    std::string suggestion =
        DidYouMean(SuggestedTypeNames(*type, field.name), "to use an inline fragment on");
    if (suggestion.empty()) suggestion = DidYouMean(SuggestedFieldNames(*type, field.name));
    context_.ReportError(
        "Cannot query field \"" + field.name + "\" on type \"" + type->name + "\"." + suggestion,
        {field.location});
    return true;
  }

 private:
  // The object and interface types within abstract `type` that define `field_name`.
  std::vector<std::string> SuggestedTypeNames(const TypeDef& type,
                                              const std::string& field_name) const {
    const Schema& schema = context_.schema();
    if (!type.IsAbstract()) return {};
    std::vector<const TypeDef*> suggested;
    std::unordered_map<const TypeDef*, int> usage_count;
    for (const TypeDef* possible : schema.PossibleTypes(type)) {
      if (possible->FindField(field_name) == nullptr) continue;
      suggested.push_back(possible);
      usage_count[possible] = 1;
      for (const std::string& interface_name : possible->interfaces) {
        const TypeDef* interface = schema.FindType(interface_name);
        if (interface == nullptr || interface->FindField(field_name) == nullptr) continue;
        if (++usage_count[interface] == 1) suggested.push_back(interface);
      }
    }
    JsSort(suggested, [&](const TypeDef* a, const TypeDef* b) {
      int usage_diff = usage_count[b] - usage_count[a];
      if (usage_diff != 0) return usage_diff;
      // Super types before their subtypes.
      if (a->kind == TypeKind::kInterface && schema.IsSubType(*a, *b)) return -1;
      if (b->kind == TypeKind::kInterface && schema.IsSubType(*b, *a)) return 1;
      return NaturalCompare(a->name, b->name);
    });
    std::vector<std::string> names;
    names.reserve(suggested.size());
    for (const TypeDef* suggestion : suggested) names.push_back(suggestion->name);
    return names;
  }

  // The fields of `type` named like `field_name` (none for a union, which has no fields).
  static std::vector<std::string> SuggestedFieldNames(const TypeDef& type,
                                                      const std::string& field_name) {
    if (type.kind != TypeKind::kObject && type.kind != TypeKind::kInterface) return {};
    std::vector<std::string> names;
    names.reserve(type.fields.size());
    for (const FieldDef& field : type.fields) names.push_back(field.name);
    return SuggestionList(field_name, names);
  }
};

}  // namespace

std::unique_ptr<Rule> MakeFieldsOnCorrectTypeRule(ValidationContext& context) {
  return std::make_unique<FieldsOnCorrectTypeRule>(context);
}

}  // namespace junction::graphql::validation
