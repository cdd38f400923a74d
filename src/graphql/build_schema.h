#pragma once
// BuildSchema: a type-system document (SDL) → Schema, as graphql-js `buildASTSchema` does:
// extensions are merged into their types, `schema { … }` names the roots (else the types named
// Query, Mutation and Subscription), descriptions and @deprecated/@specifiedBy are read. An
// executable definition in the document, an unknown type, or a duplicate name is an Error.
// Used for remote schemas (from their introspection, printed) and by tests and the oracle.

#include <memory>

#include "common/result.h"
#include "graphql/ast.h"
#include "graphql/schema.h"

namespace junction::graphql {

Result<std::shared_ptr<const Schema>> BuildSchema(const Document& sdl);

}  // namespace junction::graphql
