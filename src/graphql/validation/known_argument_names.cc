// Argument Names: every argument given to a field or directive is one it defines.
// https://spec.graphql.org/October2021/#sec-Argument-Names
//
//   fragment invalidArgName on Dog { doesKnowCommand(command: CLEAN_UP_HOUSE) }
//   => Unknown argument "command" on field "Dog.doesKnowCommand". Did you mean "dogCommand"?
//   fragment invalidArgName on Dog { isHouseTrained(atOtherHomes: true) @include(unless: false) }
//   => Unknown argument "unless" on directive "@include".
//
// Arguments of unknown fields and directives are left to FieldsOnCorrectType and KnownDirectives.

#include <algorithm>
#include <string>
#include <string_view>
#include <unordered_map>
#include <variant>
#include <vector>

#include "graphql/did_you_mean.h"
#include "graphql/validation/rules.h"

namespace junction::graphql::validation {
namespace {

class KnownArgumentNamesRule : public Rule {
 public:
  explicit KnownArgumentNamesRule(ValidationContext& context) : Rule(context) {
    for (const DirectiveDef& directive : context.schema().directives()) {
      std::vector<std::string>& names = directive_arguments_[directive.name];
      names.clear();
      for (const InputValueDef& argument : directive.arguments) names.push_back(argument.name);
    }
    for (const Definition& definition : context.document().definitions) {
      if (const auto* directive = std::get_if<DirectiveDefinition>(&definition)) {
        std::vector<std::string>& names = directive_arguments_[directive->name];
        names.clear();
        for (const InputValueDefinition& argument : directive->arguments) {
          if (std::find(names.begin(), names.end(), argument.name) == names.end()) {
            names.push_back(argument.name);
          }
        }
      }
    }
  }

  bool EnterDirective(const Directive& directive, std::string_view) override {
    auto known = directive_arguments_.find(directive.name);
    if (known != directive_arguments_.end()) {
      const std::vector<std::string>& names = known->second;
      for (const Argument& argument : directive.arguments) {
        if (std::find(names.begin(), names.end(), argument.name) != names.end()) continue;
        context_.ReportError("Unknown argument \"" + argument.name + "\" on directive \"@" +
                                 directive.name + "\"." +
                                 DidYouMean(SuggestionList(argument.name, names)),
                             {argument.location});
      }
    }
    return false;  // the directive's arguments are not field arguments
  }

  bool EnterArgument(const Argument& argument) override {
    const TypeInfo& type_info = context_.type_info();
    const FieldDef* field = type_info.field_def();
    const TypeDef* parent_type = type_info.parent_type();
    if (type_info.argument() != nullptr || field == nullptr || parent_type == nullptr) return true;
    std::vector<std::string> names;
    names.reserve(field->arguments.size());
    for (const InputValueDef& definition : field->arguments) names.push_back(definition.name);
    context_.ReportError("Unknown argument \"" + argument.name + "\" on field \"" +
                             parent_type->name + "." + field->name + "\"." +
                             DidYouMean(SuggestionList(argument.name, names)),
                         {argument.location});
    return true;
  }

 private:
  std::unordered_map<std::string_view, std::vector<std::string>> directive_arguments_;
};

}  // namespace

std::unique_ptr<Rule> MakeKnownArgumentNamesRule(ValidationContext& context) {
  return std::make_unique<KnownArgumentNamesRule>(context);
}

}  // namespace junction::graphql::validation
