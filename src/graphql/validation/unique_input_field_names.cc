// Input Object Field Uniqueness: an input object literal gives each field once.
// https://spec.graphql.org/October2021/#sec-Input-Object-Field-Uniqueness
//
//   { field(arg: { field: true, field: false }) }
//   => There can be only one input field named "field".   (at both)

#include <string_view>
#include <unordered_map>
#include <vector>

#include "graphql/validation/rules.h"

namespace junction::graphql::validation {
namespace {

class UniqueInputFieldNamesRule : public Rule {
 public:
  using Rule::Rule;

  bool EnterValue(const Value& value) override {
    if (value.kind == Value::Kind::kObject) known_names_.emplace_back();
    return true;
  }

  void LeaveValue(const Value& value) override {
    if (value.kind == Value::Kind::kObject) known_names_.pop_back();
  }

  bool EnterObjectField(const ObjectField& field) override {
    auto [first, inserted] = known_names_.back().try_emplace(field.name, field.location);
    if (!inserted) {
      context_.ReportError("There can be only one input field named \"" + field.name + "\".",
                           {first->second, field.location});
    }
    return true;
  }

 private:
  // One name → location map per input object literal being walked, innermost last.
  std::vector<std::unordered_map<std::string_view, Location>> known_names_;
};

}  // namespace

std::unique_ptr<Rule> MakeUniqueInputFieldNamesRule(ValidationContext& context) {
  return std::make_unique<UniqueInputFieldNamesRule>(context);
}

}  // namespace junction::graphql::validation
