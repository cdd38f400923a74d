#pragma once
// Validate: every rule of spec §5 for executable documents, against a schema, collecting all
// errors (up to ValidationOptions::max_errors). The Validate stage of the request pipeline
// (DESIGN.md §2). Messages and locations match graphql-js's `validate` (the oracle test checks),
// each error a validation-failed Error with `locations` set.
//
// Each rule lives in its own file under validation/ (for example
// validation/fields_on_correct_type.cc, spec §5.3.1) and is listed in validation.cc.

#include <cstddef>
#include <vector>

#include "common/error.h"
#include "graphql/ast.h"
#include "graphql/schema.h"

namespace junction::graphql {

struct ValidationOptions {
  size_t max_errors = 100;  // graphql-js's default; past it one "Too many validation errors" error
};

std::vector<Error> Validate(const Schema& schema, const Document& document,
                            const ValidationOptions& options = {});

}  // namespace junction::graphql
