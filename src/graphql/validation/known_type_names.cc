// Fragment Spread Type Existence (and the types of variables): every named type a document
// refers to exists in the schema.
// https://spec.graphql.org/October2021/#sec-Fragment-Spread-Type-Existence
//
//   fragment notOnExistingType on NotInSchema { name }
//   => Unknown type "NotInSchema".
//   query ($d: Dgo) { … }
//   => Unknown type "Dgo". Did you mean "Dog"?
//
// Types defined by type-system definitions in the document count as known; inside those
// definitions the built-in scalars and introspection types are always known.

#include <string>
#include <unordered_set>
#include <variant>
#include <vector>

#include "graphql/builtins.h"
#include "graphql/did_you_mean.h"
#include "graphql/validation/rules.h"

namespace junction::graphql::validation {
namespace {

bool IsStandardTypeName(std::string_view name) {
  return IsBuiltinScalarName(name) || IsIntrospectionTypeName(name);
}

class KnownTypeNamesRule : public Rule {
 public:
  explicit KnownTypeNamesRule(ValidationContext& context) : Rule(context) {
    for (const Definition& definition : context.document().definitions) {
      const auto* type = std::get_if<TypeDefinition>(&definition);
      if (type != nullptr && !type->is_extension && defined_types_.insert(type->name).second) {
        defined_type_names_.push_back(type->name);
      }
    }
  }

  bool EnterNamedType(const std::string& name, Location location, bool in_type_system) override {
    if (LookupType(context_.schema(), name) != nullptr || defined_types_.contains(name)) {
      return true;
    }
    if (in_type_system && IsStandardTypeName(name)) return true;
    std::vector<std::string> options;
    if (in_type_system) {
      for (const TypeDef& type : BuiltinScalarTypes()) options.push_back(type.name);
      for (const TypeDef& type : IntrospectionTypes()) options.push_back(type.name);
    }
    for (const TypeDef& type : context_.schema().types()) {
      if (LookupType(context_.schema(), type.name) == &type) options.push_back(type.name);
    }
    options.insert(options.end(), defined_type_names_.begin(), defined_type_names_.end());
    context_.ReportError(
        "Unknown type \"" + name + "\"." + DidYouMean(SuggestionList(name, options)), {location});
    return true;
  }

 private:
  std::unordered_set<std::string> defined_types_;
  std::vector<std::string> defined_type_names_;
};

}  // namespace

std::unique_ptr<Rule> MakeKnownTypeNamesRule(ValidationContext& context) {
  return std::make_unique<KnownTypeNamesRule>(context);
}

}  // namespace junction::graphql::validation
