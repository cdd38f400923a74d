// Argument Uniqueness: a field or directive is given each argument once.
// https://spec.graphql.org/October2021/#sec-Argument-Uniqueness
//
//   { field(arg1: "value", arg1: "value") }
//   => There can be only one argument named "arg1".   (at every one)

#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "graphql/validation/rules.h"

namespace junction::graphql::validation {
namespace {

class UniqueArgumentNamesRule : public Rule {
 public:
  using Rule::Rule;

  bool EnterField(const Field& field) override {
    Check(field.arguments);
    return true;
  }

  bool EnterDirective(const Directive& directive, std::string_view) override {
    Check(directive.arguments);
    return true;
  }

 private:
  void Check(const std::vector<Argument>& arguments) {
    if (arguments.size() < 2) return;
    // Arguments grouped by name, groups in order of first appearance.
    std::vector<std::pair<std::string_view, std::vector<Location>>> groups;
    std::unordered_map<std::string_view, size_t> group_index;
    for (const Argument& argument : arguments) {
      auto [entry, inserted] = group_index.try_emplace(argument.name, groups.size());
      if (inserted) groups.emplace_back(argument.name, std::vector<Location>{});
      groups[entry->second].second.push_back(argument.location);
    }
    for (auto& [name, locations] : groups) {
      if (locations.size() > 1) {
        context_.ReportError("There can be only one argument named \"" + std::string(name) + "\".",
                             std::move(locations));
      }
    }
  }
};

}  // namespace

std::unique_ptr<Rule> MakeUniqueArgumentNamesRule(ValidationContext& context) {
  return std::make_unique<UniqueArgumentNamesRule>(context);
}

}  // namespace junction::graphql::validation
