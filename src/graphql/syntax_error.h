#pragma once
// Syntax errors of the GraphQL language front end (lexer.h, parser.h): the one place that turns a
// byte offset in a document into the Error a client sees. Messages follow graphql-js 16
// ("Syntax Error: Unexpected Name \"x\"."); the code is validation-failed and the path `$.query`,
// as Hasura reports a query that does not parse; `locations` holds the line and column.
//
// Columns count UTF-16 code units, as graphql-js does, so a position inside a line holding
// non-ASCII text matches what a JavaScript client or graphql-js would report.

#include <cstddef>
#include <string>
#include <string_view>

#include "common/error.h"

namespace junction::graphql {

// The 1-based line and column of byte `offset` of `source`. Line terminators are "\n", "\r\n" and
// "\r" (§2.1.2). REQUIRES: offset <= source.size().
SourceLocation LocationAt(std::string_view source, size_t offset);

// Error{kValidationFailed, "Syntax Error: " + description, "$.query"} located at `offset`.
Error SyntaxError(std::string_view source, size_t offset, std::string_view description);

}  // namespace junction::graphql
