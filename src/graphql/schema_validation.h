#pragma once
// Type-system validation (spec §3, graphql-js validateSchema's validateDirectives and
// validateTypes): names, field and argument kinds, interface implementation (covariant field
// types, invariant argument types, transitive interfaces), union members, enum values, input
// objects (non-null cycles), and references to undefined types. Called by
// Schema::Make once the schema is indexed; each message is graphql-js's. Internal to graphql/.

#include <string>
#include <vector>

#include "graphql/schema.h"

namespace junction::graphql {

std::vector<std::string> ValidateSchemaTypes(const Schema& schema);

}  // namespace junction::graphql
