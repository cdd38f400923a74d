#pragma once
// Suggestions for a misspelled name, worded as graphql-js words them, so that messages such as
// `Unknown type "Usr". Did you mean "User"?` match graphql-js byte for byte. Used by BuildSchema's
// SDL checks, by value coercion (unknown input fields, enum values) and by validation rules.
//
//   SuggestionList("usr", {"User", "Users", "Query"})  => {"User", "Users"}
//   DidYouMean({"User", "Users"})                      => ` Did you mean "User" or "Users"?`

#include <string>
#include <string_view>
#include <vector>

namespace junction::graphql {

// The options within a lexical distance of about 40% of `input`'s length (case changes count as
// one edit, transpositions as one), nearest first, ties in natural order (graphql-js
// suggestionList).
std::vector<std::string> SuggestionList(std::string_view input,
                                        const std::vector<std::string>& options);

// graphql-js naturalCompare: runs of digits compare by their value, other characters by code;
// negative, zero or positive as `a` sorts before, with or after `b`. The tie-break of
// SuggestionList; validation sorts suggested type names with it too.
int NaturalCompare(std::string_view a, std::string_view b);

// " Did you mean …?" naming at most five suggestions, or "" when there are none. `sub_message`
// (e.g. "the enum value") is inserted after "Did you mean " (graphql-js didYouMean).
std::string DidYouMean(const std::vector<std::string>& suggestions,
                       std::string_view sub_message = "");

}  // namespace junction::graphql
