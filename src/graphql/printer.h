#pragma once
// Print: Document → GraphQL source text, in graphql-js's canonical layout (two-space indent,
// block strings kept as block strings, descriptions above definitions), so the output matches
// graphql-js `print` byte for byte. Parse(Print(d)) == d for every document d (locations aside).
// Used to send a remote schema its part of a query, and by tests.

#include <string>

#include "graphql/ast.h"

namespace junction::graphql {

std::string Print(const Document& document);
std::string Print(const Value& value);
std::string Print(const SelectionSet& selection_set);

}  // namespace junction::graphql
