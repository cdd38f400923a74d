#pragma once
// JSON paths and JSON parse errors in Hasura's spelling. Hasura reports where a request body or a
// metadata document is wrong as an aeson JSON path (`$.args.sources[0].kind`, `$['odd key']`)
// with code parse-failed and aeson's wording ("key \"sources\" not found", "parsing Text failed,
// expected String, but encountered Number"). The metadata codec, the metadata commands and the
// API handlers build their errors here so every path and message is spelled the same way.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "common/error.h"

namespace junction::metadata {

using Json = nlohmann::ordered_json;

// The member `key` of `object`, or null when `object` is not an object or has no such member.
const Json* FindKey(const Json& object, std::string_view key);
// The string member `key` of `object`, if it is one.
std::optional<std::string> StringAt(const Json& object, std::string_view key);

// `path` extended by an object key: `$` + `args` → `$.args`; keys that are not identifiers are
// bracketed as aeson does: `$['my key']`.
std::string JsonPathKey(std::string_view path, std::string_view key);
// `path` extended by an array index: `$.sources` + 0 → `$.sources[0]`.
std::string JsonPathIndex(std::string_view path, size_t index);

// aeson's name of a JSON value's type: "Object", "Array", "String", "Number", "Boolean", "Null".
std::string_view JsonTypeName(const Json& value);

// parse-failed at `path`: "parsing <what> failed, expected <expected>, but encountered <type>".
Error TypeMismatch(std::string path, std::string_view what, std::string_view expected,
                   const Json& actual);
// parse-failed at `path` (the object missing the key): `key "<key>" not found`.
Error MissingKey(std::string path, std::string_view key);

// Moves an error whose path is relative to a nested document under `prefix`: an error at
// `$.sources[0]` of the metadata given as `$.args` becomes `$.args.sources[0]`.
Error RebasePath(Error error, std::string_view prefix);

}  // namespace junction::metadata
