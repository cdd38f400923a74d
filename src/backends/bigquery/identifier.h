#pragma once
// Identifiers in BigQuery's dialect: the one place a name becomes SQL text (STYLE.md rule 10).
// BigQuery reads `\`` and `\\` as escapes inside backticks (BIGQUERY.md §4.1); Junction never
// writes one, so a name that would need an escape is refused instead of being concatenated
// blindly, as Hasura does.
//
//   QuoteIdentifier("author")   => "`author`"
//   QuoteIdentifier("a`b")      => validation-failed

#include <string>
#include <string_view>

#include "common/result.h"

namespace junction::backends::bigquery {

// `name` in backticks. Errors: kValidationFailed for an empty name or one holding a backtick, a
// backslash or a control character (BigQuery would read an escape; Junction never writes one).
Result<std::string> QuoteIdentifier(std::string_view name);

// `text` with its ASCII letters upper-cased. BigQuery's type names, field modes and function names
// are case-insensitive, so this folder compares and writes them upper-cased:
//   Upper("Struct<a int64>") => "STRUCT<A INT64>"
std::string Upper(std::string_view text);

}  // namespace junction::backends::bigquery
