#pragma once
// Limits against abusive executable documents that parse and validate but would cost too much:
// selection depth and the number of aliased fields. Checked after Parse, before Validate.
// Token count and syntactic nesting are bounded in the parser itself (ParseOptions).

#include <cstddef>

#include "common/result.h"
#include "graphql/ast.h"

namespace junction::graphql {

struct QueryLimits {
  size_t max_depth = 64;       // nested selection sets, fragments followed
  size_t max_aliases = 1'000;  // fields with an alias, fragments followed once each
};

Status CheckLimits(const Document& document, const QueryLimits& limits = {});

}  // namespace junction::graphql
