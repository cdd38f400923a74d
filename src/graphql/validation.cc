// Validate: runs every rule of validation/rules.h over the document in one walk (see
// validation/rule_set.h), collecting errors up to the cap, as graphql-js's `validate` does with
// its specifiedRules.

#include "graphql/validation.h"

#include <memory>
#include <utility>

#include "graphql/validation/rule_set.h"
#include "graphql/validation/rules.h"
#include "graphql/validation/validation_context.h"
#include "graphql/validation/walker.h"

namespace junction::graphql {
namespace validation {

std::vector<std::unique_ptr<Rule>> SpecifiedRules(ValidationContext& context) {
  std::vector<std::unique_ptr<Rule>> rules;
  rules.push_back(MakeExecutableDefinitionsRule(context));
  rules.push_back(MakeUniqueOperationNamesRule(context));
  rules.push_back(MakeLoneAnonymousOperationRule(context));
  rules.push_back(MakeSingleFieldSubscriptionsRule(context));
  rules.push_back(MakeKnownTypeNamesRule(context));
  rules.push_back(MakeFragmentsOnCompositeTypesRule(context));
  rules.push_back(MakeVariablesAreInputTypesRule(context));
  rules.push_back(MakeScalarLeafsRule(context));
  rules.push_back(MakeFieldsOnCorrectTypeRule(context));
  rules.push_back(MakeUniqueFragmentNamesRule(context));
  rules.push_back(MakeKnownFragmentNamesRule(context));
  rules.push_back(MakeNoUnusedFragmentsRule(context));
  rules.push_back(MakePossibleFragmentSpreadsRule(context));
  rules.push_back(MakeNoFragmentCyclesRule(context));
  rules.push_back(MakeUniqueVariableNamesRule(context));
  rules.push_back(MakeNoUndefinedVariablesRule(context));
  rules.push_back(MakeNoUnusedVariablesRule(context));
  rules.push_back(MakeKnownDirectivesRule(context));
  rules.push_back(MakeUniqueDirectivesPerLocationRule(context));
  rules.push_back(MakeKnownArgumentNamesRule(context));
  rules.push_back(MakeUniqueArgumentNamesRule(context));
  rules.push_back(MakeValuesOfCorrectTypeRule(context));
  rules.push_back(MakeProvidedRequiredArgumentsRule(context));
  rules.push_back(MakeVariablesInAllowedPositionRule(context));
  rules.push_back(MakeOverlappingFieldsCanBeMergedRule(context));
  rules.push_back(MakeUniqueInputFieldNamesRule(context));
  return rules;
}

}  // namespace validation

std::vector<Error> Validate(const Schema& schema, const Document& document,
                            const ValidationOptions& options) {
  validation::ValidationContext context(schema, document, options.max_errors);
  validation::RuleSet rules(context, validation::SpecifiedRules(context));
  validation::Walk(document, context.type_info(), rules);
  return context.TakeErrors();
}

}  // namespace junction::graphql
