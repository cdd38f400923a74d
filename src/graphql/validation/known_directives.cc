// Directives Are Defined, and Directives Are In Valid Locations.
// https://spec.graphql.org/October2021/#sec-Directives-Are-Defined
// https://spec.graphql.org/October2021/#sec-Directives-Are-In-Valid-Locations
//
//   { dog @unknown { name } }            => Unknown directive "@unknown".
//   query @include(if: true) { … }       => Directive "@include" may not be used on QUERY.
//
// Directives defined by the document (`directive @d on FIELD`) count, as in graphql-js.

#include <algorithm>
#include <string>
#include <string_view>
#include <unordered_map>
#include <variant>
#include <vector>

#include "graphql/validation/rules.h"

namespace junction::graphql::validation {
namespace {

class KnownDirectivesRule : public Rule {
 public:
  explicit KnownDirectivesRule(ValidationContext& context) : Rule(context) {
    for (const DirectiveDef& directive : context.schema().directives()) {
      locations_[directive.name] = &directive.locations;
    }
    for (const Definition& definition : context.document().definitions) {
      if (const auto* directive = std::get_if<DirectiveDefinition>(&definition)) {
        locations_[directive->name] = &directive->locations;
      }
    }
  }

  bool EnterDirective(const Directive& directive, std::string_view location) override {
    auto found = locations_.find(directive.name);
    if (found == locations_.end()) {
      context_.ReportError("Unknown directive \"@" + directive.name + "\".", {directive.location});
      return true;
    }
    const std::vector<std::string>& allowed = *found->second;
    if (std::find(allowed.begin(), allowed.end(), location) == allowed.end()) {
      context_.ReportError(
          "Directive \"@" + directive.name + "\" may not be used on " + std::string(location) + ".",
          {directive.location});
    }
    return true;
  }

 private:
  std::unordered_map<std::string_view, const std::vector<std::string>*> locations_;
};

}  // namespace

std::unique_ptr<Rule> MakeKnownDirectivesRule(ValidationContext& context) {
  return std::make_unique<KnownDirectivesRule>(context);
}

}  // namespace junction::graphql::validation
