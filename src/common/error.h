#pragma once
// The one error type of the engine (DESIGN.md §7). Every failure that reaches a client is an Error;
// its code prints as Hasura's kebab-case string, `path` is the JSON path Hasura reports
// (`$.args`, `$.selectionSet.users`), and `internal` carries details (SQL, remote bodies,
// inconsistent objects) that only admins may see.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace junction {

// Hasura's error codes (server/src-lib/Hasura/Base/Error.hs), plus the HTTP-level ones Junction
// needs. ToString gives the wire form.
enum class ErrorCode {
  kAccessDenied,          // access-denied
  kAlreadyExists,         // already-exists
  kAlreadyTracked,        // already-tracked
  kAlreadyUntracked,      // already-untracked
  kBadRequest,            // bad-request
  kConflict,              // conflict
  kConstraintViolation,   // constraint-violation
  kDataException,         // data-exception
  kDependencyError,       // dependency-error
  kInvalidConfiguration,  // invalid-configuration
  kInvalidHeaders,        // invalid-headers
  kInvalidJson,           // invalid-json
  kInvalidJwt,            // invalid-jwt
  kInvalidParams,         // invalid-params
  kJwtInvalidClaims,      // jwt-invalid-claims
  kJwtMissingRoleClaims,  // jwt-missing-role-claims
  kNotExists,             // not-exists
  kNotFound,              // not-found
  kNotSupported,          // not-supported
  kParseFailed,           // parse-failed
  kPayloadTooLarge,       // payload-too-large
  kPostgresError,         // postgres-error
  kRemoteSchemaError,     // remote-schema-error
  kUnexpected,            // unexpected
  kUnexpectedPayload,     // unexpected-payload
  kValidationFailed,      // validation-failed
};

std::string_view ToString(ErrorCode code);

// A position in a GraphQL document, 1-based, as the GraphQL response's `locations` reports it.
struct SourceLocation {
  uint32_t line = 0;
  uint32_t column = 0;
  bool operator==(const SourceLocation&) const = default;
};

struct Error {
  ErrorCode code = ErrorCode::kUnexpected;
  std::string message;
  std::string path = "$";
  // Admin-only detail; null when there is none.
  nlohmann::ordered_json internal = nullptr;
  // Where in the GraphQL document the error is, for parse and validation errors.
  std::vector<SourceLocation> locations;

  Error() = default;
  Error(ErrorCode c, std::string m, std::string p = "$",
        nlohmann::ordered_json i = nullptr)
      : code(c), message(std::move(m)), path(std::move(p)), internal(std::move(i)) {}
};

}  // namespace junction
