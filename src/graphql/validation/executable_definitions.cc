// Executable Definitions: a document to execute holds only operations and fragments.
// https://spec.graphql.org/October2021/#sec-Executable-Definitions
//
//   query Q { dog { name } }  extend type Dog { color: String }
//   => The "Dog" definition is not executable.

#include <variant>

#include "graphql/validation/rules.h"

namespace junction::graphql::validation {
namespace {

class ExecutableDefinitionsRule : public Rule {
 public:
  using Rule::Rule;

  bool EnterDocument(const Document& document) override {
    for (const Definition& definition : document.definitions) {
      if (const auto* schema = std::get_if<SchemaDefinition>(&definition)) {
        context_.ReportError("The schema definition is not executable.", {schema->location});
      } else if (const auto* type = std::get_if<TypeDefinition>(&definition)) {
        Report(type->name, type->location);
      } else if (const auto* directive = std::get_if<DirectiveDefinition>(&definition)) {
        Report(directive->name, directive->location);
      }
    }
    return false;
  }

 private:
  void Report(const std::string& name, Location location) {
    context_.ReportError("The \"" + name + "\" definition is not executable.", {location});
  }
};

}  // namespace

std::unique_ptr<Rule> MakeExecutableDefinitionsRule(ValidationContext& context) {
  return std::make_unique<ExecutableDefinitionsRule>(context);
}

}  // namespace junction::graphql::validation
