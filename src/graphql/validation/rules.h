#pragma once
// The validation rules for executable documents, one per file, each made by its Make…Rule
// function. SpecifiedRules lists them in graphql-js 16.8's `specifiedRules` order, which is the
// order their errors interleave in for one node.

#include <memory>
#include <vector>

#include "graphql/validation/rule.h"

namespace junction::graphql::validation {

std::unique_ptr<Rule> MakeExecutableDefinitionsRule(ValidationContext& context);        // §5.1.1
std::unique_ptr<Rule> MakeUniqueOperationNamesRule(ValidationContext& context);         // §5.2.1.1
std::unique_ptr<Rule> MakeLoneAnonymousOperationRule(ValidationContext& context);       // §5.2.2.1
std::unique_ptr<Rule> MakeSingleFieldSubscriptionsRule(ValidationContext& context);     // §5.2.3.1
std::unique_ptr<Rule> MakeKnownTypeNamesRule(ValidationContext& context);               // §5.5.1.2
std::unique_ptr<Rule> MakeFragmentsOnCompositeTypesRule(ValidationContext& context);    // §5.5.1.3
std::unique_ptr<Rule> MakeVariablesAreInputTypesRule(ValidationContext& context);       // §5.8.2
std::unique_ptr<Rule> MakeScalarLeafsRule(ValidationContext& context);                  // §5.3.3
std::unique_ptr<Rule> MakeFieldsOnCorrectTypeRule(ValidationContext& context);          // §5.3.1
std::unique_ptr<Rule> MakeUniqueFragmentNamesRule(ValidationContext& context);          // §5.5.1.1
std::unique_ptr<Rule> MakeKnownFragmentNamesRule(ValidationContext& context);           // §5.5.2.1
std::unique_ptr<Rule> MakeNoUnusedFragmentsRule(ValidationContext& context);            // §5.5.1.4
std::unique_ptr<Rule> MakePossibleFragmentSpreadsRule(ValidationContext& context);      // §5.5.2.3
std::unique_ptr<Rule> MakeNoFragmentCyclesRule(ValidationContext& context);             // §5.5.2.2
std::unique_ptr<Rule> MakeUniqueVariableNamesRule(ValidationContext& context);          // §5.8.1
std::unique_ptr<Rule> MakeNoUndefinedVariablesRule(ValidationContext& context);         // §5.8.3
std::unique_ptr<Rule> MakeNoUnusedVariablesRule(ValidationContext& context);            // §5.8.4
std::unique_ptr<Rule> MakeKnownDirectivesRule(ValidationContext& context);              // §5.7.1-2
std::unique_ptr<Rule> MakeUniqueDirectivesPerLocationRule(ValidationContext& context);  // §5.7.3
std::unique_ptr<Rule> MakeKnownArgumentNamesRule(ValidationContext& context);           // §5.4.1
std::unique_ptr<Rule> MakeUniqueArgumentNamesRule(ValidationContext& context);          // §5.4.2
std::unique_ptr<Rule> MakeValuesOfCorrectTypeRule(ValidationContext& context);          // §5.6.1
std::unique_ptr<Rule> MakeProvidedRequiredArgumentsRule(ValidationContext& context);    // §5.4.2.1
std::unique_ptr<Rule> MakeVariablesInAllowedPositionRule(ValidationContext& context);   // §5.8.5
std::unique_ptr<Rule> MakeOverlappingFieldsCanBeMergedRule(ValidationContext& context);  // §5.3.2
std::unique_ptr<Rule> MakeUniqueInputFieldNamesRule(ValidationContext& context);         // §5.6.3

// All of the above, in graphql-js's specifiedRules order.
std::vector<std::unique_ptr<Rule>> SpecifiedRules(ValidationContext& context);

}  // namespace junction::graphql::validation
