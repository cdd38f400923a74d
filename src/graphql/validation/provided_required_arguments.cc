// Required Arguments: every non-null argument without a default value is given, to fields and
// directives alike.
// https://spec.graphql.org/October2021/#sec-Required-Arguments
//
//   fragment missingRequiredArg on Arguments { nonNullBooleanArgField }
//   => Field "nonNullBooleanArgField" argument "nonNullBooleanArg" of type "Boolean!" is
//      required, but it was not provided.
//   { dog @include { name } }
//   => Directive "@include" argument "if" of type "Boolean!" is required, but it was not
//      provided.
//
// Reported when leaving the field or directive, so after the errors inside it.

#include <algorithm>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <variant>
#include <vector>

#include "graphql/validation/rules.h"

namespace junction::graphql::validation {
namespace {

bool IsProvided(const std::vector<Argument>& arguments, const std::string& name) {
  for (const Argument& argument : arguments) {
    if (argument.name == name) return true;
  }
  return false;
}

class ProvidedRequiredArgumentsRule : public Rule {
 public:
  explicit ProvidedRequiredArgumentsRule(ValidationContext& context) : Rule(context) {
    // Per directive, its required arguments: name and printed type, in definition order.
    for (const DirectiveDef& directive : context.schema().directives()) {
      auto& required = required_[directive.name];
      required.clear();
      for (const InputValueDef& argument : directive.arguments) {
        if (argument.type.IsNonNull() && !argument.default_value) {
          required.emplace_back(argument.name, argument.type.ToString());
        }
      }
    }
    for (const Definition& definition : context.document().definitions) {
      if (const auto* directive = std::get_if<DirectiveDefinition>(&definition)) {
        auto& required = required_[directive->name];
        required.clear();
        for (const InputValueDefinition& argument : directive->arguments) {
          if (argument.type.IsNonNull() && !argument.default_value) {
            // A repeated name counts once, where it first appears, with the last definition's
            // type (graphql-js keyMap).
            auto same = std::find_if(required.begin(), required.end(),
                                     [&](const auto& r) { return r.first == argument.name; });
            if (same != required.end()) {
              same->second = argument.type.ToString();
            } else {
              required.emplace_back(argument.name, argument.type.ToString());
            }
          }
        }
      }
    }
  }

  void LeaveField(const Field& field) override {
    const FieldDef* definition = context_.type_info().field_def();
    if (definition == nullptr) return;
    for (const InputValueDef& argument : definition->arguments) {
      if (IsProvided(field.arguments, argument.name) || !argument.type.IsNonNull() ||
          argument.default_value) {
        continue;
      }
      context_.ReportError("Field \"" + definition->name + "\" argument \"" + argument.name +
                               "\" of type \"" + argument.type.ToString() +
                               "\" is required, but it was not provided.",
                           {field.location});
    }
  }

  void LeaveDirective(const Directive& directive) override {
    auto required = required_.find(directive.name);
    if (required == required_.end()) return;
    for (const auto& [name, type] : required->second) {
      if (IsProvided(directive.arguments, name)) continue;
      context_.ReportError("Directive \"@" + directive.name + "\" argument \"" + name +
                               "\" of type \"" + type + "\" is required, but it was not provided.",
                           {directive.location});
    }
  }

 private:
  std::unordered_map<std::string_view, std::vector<std::pair<std::string, std::string>>> required_;
};

}  // namespace

std::unique_ptr<Rule> MakeProvidedRequiredArgumentsRule(ValidationContext& context) {
  return std::make_unique<ProvidedRequiredArgumentsRule>(context);
}

}  // namespace junction::graphql::validation
