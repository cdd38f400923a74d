#pragma once
// The SDL validation rules graphql-js runs before building a schema from a type-system document
// (graphql-js specifiedSDLRules, run by buildASTSchema's assertValidSDL): one schema definition,
// unique operation types, type names, enum values, field and argument definitions, directive
// names, known type and directive names (with graphql-js's "Did you mean" suggestions), directives
// in allowed locations and not repeated unless repeatable, extensions only of defined types of the
// same kind, known and provided directive arguments, unique arguments and input fields. Messages
// match graphql-js, in the order its visitor reports them. Called by BuildSchema. Internal.

#include <string>
#include <vector>

#include "graphql/ast.h"

namespace junction::graphql {

std::vector<std::string> ValidateSdl(const Document& document);

}  // namespace junction::graphql
