#pragma once
// Parse: GraphQL source text → Document (spec October 2021, Appendix B grammar), for executable
// and type-system documents alike. The first stage of the request pipeline after Schema
// (DESIGN.md §2). A syntax error is returned as a validation-failed Error whose message follows
// graphql-js ("Syntax Error: Expected Name, found <EOF>.") and whose `locations` holds the line and
// column. Limits protect against abusive documents: a document with more tokens or deeper nesting
// than ParseOptions allows is refused before it is built.

#include <cstddef>
#include <string_view>

#include "common/result.h"
#include "graphql/ast.h"

namespace junction::graphql {

struct ParseOptions {
  // Maximum number of lexical tokens (punctuators, names, values) in the document.
  size_t max_tokens = 100'000;
  // Maximum nesting of selection sets, list/object values and type wrappers together.
  size_t max_depth = 128;
};

Result<Document> Parse(std::string_view source, const ParseOptions& options = {});

}  // namespace junction::graphql
