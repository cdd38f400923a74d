// Values of Correct Type, Input Object Field Names and Input Object Required Fields: every
// literal is a valid value of the type expected where it stands.
// https://spec.graphql.org/October2021/#sec-Values-of-Correct-Type
// https://spec.graphql.org/October2021/#sec-Input-Object-Field-Names
// https://spec.graphql.org/October2021/#sec-Input-Object-Required-Fields
//
//   fragment stringIntoInt on Arguments { intArgField(intArg: "123") }
//   => Int cannot represent non-integer value: "123"
//   { findDog(complex: { favoriteCookieFlavor: "Bacon" }) }
//   => Field "favoriteCookieFlavor" is not defined by type "ComplexInput".
//   { arguments { complexArgField(complexArg: { intField: 4 }) } }
//   => Field "ComplexInput.requiredField" of required type "Boolean!" was not provided.
//
// Variables are VariablesInAllowedPosition's to check.

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "graphql/did_you_mean.h"
#include "graphql/printer.h"
#include "graphql/validation/leaf_literal.h"
#include "graphql/validation/rules.h"

namespace junction::graphql::validation {
namespace {

class ValuesOfCorrectTypeRule : public Rule {
 public:
  using Rule::Rule;

  bool EnterValue(const Value& value) override {
    const TypeInfo& type_info = context_.type_info();
    switch (value.kind) {
      case Value::Kind::kList:
        // TypeInfo has already stepped into the item type; the list's own type is the parent.
        if (!type_info.parent_input_type().Nullable().IsList()) {
          CheckLeaf(value);
          return false;
        }
        return true;
      case Value::Kind::kObject: {
        const TypeDef* type = type_info.input_type().named();
        if (type == nullptr || type->kind != TypeKind::kInputObject) {
          CheckLeaf(value);
          return false;
        }
        CheckInputObject(*type, value);
        return true;
      }
      case Value::Kind::kNull: {
        TypeView type = type_info.input_type();
        if (type.IsNonNull()) {
          context_.ReportError(
              "Expected value of type \"" + type.ToString() + "\", found " + Print(value) + ".",
              {value.location});
        }
        return true;
      }
      case Value::Kind::kVariable:
        return true;
      default:
        CheckLeaf(value);
        return true;
    }
  }

  bool EnterObjectField(const ObjectField& field) override {
    const TypeInfo& type_info = context_.type_info();
    const TypeDef* parent = type_info.parent_input_type().named();
    if (type_info.input_type().known() || parent == nullptr ||
        parent->kind != TypeKind::kInputObject) {
      return true;
    }
    std::vector<std::string> names;
    names.reserve(parent->input_fields.size());
    for (const InputValueDef& definition : parent->input_fields) names.push_back(definition.name);
    context_.ReportError("Field \"" + field.name + "\" is not defined by type \"" + parent->name +
                             "\"." + DidYouMean(SuggestionList(field.name, names)),
                         {field.location});
    return true;
  }

 private:
  // graphql-js isValidValueNode: a literal where a scalar or enum is expected.
  void CheckLeaf(const Value& value) {
    TypeView location_type = context_.type_info().input_type();
    if (!location_type.known()) return;
    const TypeDef& type = *location_type.named();
    if (!type.IsLeaf()) {
      context_.ReportError("Expected value of type \"" + location_type.ToString() + "\", found " +
                               Print(value) + ".",
                           {value.location});
      return;
    }
    if (auto message = CheckLeafLiteral(type, value)) {
      context_.ReportError(std::move(*message), {value.location});
    }
  }

  // graphql-js ObjectValue: every required field of the input object is given.
  void CheckInputObject(const TypeDef& type, const Value& value) {
    for (const InputValueDef& definition : type.input_fields) {
      if (!definition.type.IsNonNull() || definition.default_value) continue;
      bool given =
          std::any_of(value.fields.begin(), value.fields.end(),
                      [&](const ObjectField& field) { return field.name == definition.name; });
      if (given) continue;
      context_.ReportError("Field \"" + type.name + "." + definition.name +
                               "\" of required type \"" + definition.type.ToString() +
                               "\" was not provided.",
                           {value.location});
    }
  }
};

}  // namespace

std::unique_ptr<Rule> MakeValuesOfCorrectTypeRule(ValidationContext& context) {
  return std::make_unique<ValuesOfCorrectTypeRule>(context);
}

}  // namespace junction::graphql::validation
