#pragma once
// ParseJsonText: JSON text (a request body, the metadata file) → an ordered JSON value, or an
// invalid-json Error in Hasura's form ("Error in $: …" with the line and column). Object keys keep
// their order, so a metadata document reads back byte-stable. Nesting deeper than `max_depth` is
// refused before anything is built: deeply nested input would otherwise exhaust the stack of the
// recursive code that later walks or prints it.

#include <cstddef>
#include <string_view>

#include "common/result.h"
#include "metadata/json_path.h"

namespace junction::metadata {

inline constexpr size_t kDefaultMaxJsonDepth = 512;

Result<Json> ParseJsonText(std::string_view text, size_t max_depth = kDefaultMaxJsonDepth);

// Compact JSON text of `value` (what Hasura sends: no spaces). Invalid UTF-8 in strings, which
// parsed input never holds, is replaced rather than thrown on.
std::string DumpJson(const Json& value);

}  // namespace junction::metadata
