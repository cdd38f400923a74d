#include "common/error.h"

namespace junction {

std::string_view ToString(ErrorCode code) {
  switch (code) {
    case ErrorCode::kAccessDenied: return "access-denied";
    case ErrorCode::kAlreadyExists: return "already-exists";
    case ErrorCode::kAlreadyTracked: return "already-tracked";
    case ErrorCode::kAlreadyUntracked: return "already-untracked";
    case ErrorCode::kBadRequest: return "bad-request";
    case ErrorCode::kConflict: return "conflict";
    case ErrorCode::kConstraintViolation: return "constraint-violation";
    case ErrorCode::kDataException: return "data-exception";
    case ErrorCode::kDependencyError: return "dependency-error";
    case ErrorCode::kInvalidConfiguration: return "invalid-configuration";
    case ErrorCode::kInvalidHeaders: return "invalid-headers";
    case ErrorCode::kInvalidJson: return "invalid-json";
    case ErrorCode::kInvalidJwt: return "invalid-jwt";
    case ErrorCode::kInvalidParams: return "invalid-params";
    case ErrorCode::kJwtInvalidClaims: return "jwt-invalid-claims";
    case ErrorCode::kJwtMissingRoleClaims: return "jwt-missing-role-claims";
    case ErrorCode::kNotExists: return "not-exists";
    case ErrorCode::kNotFound: return "not-found";
    case ErrorCode::kNotSupported: return "not-supported";
    case ErrorCode::kParseFailed: return "parse-failed";
    case ErrorCode::kPayloadTooLarge: return "payload-too-large";
    case ErrorCode::kPostgresError: return "postgres-error";
    case ErrorCode::kRemoteSchemaError: return "remote-schema-error";
    case ErrorCode::kUnexpected: return "unexpected";
    case ErrorCode::kUnexpectedPayload: return "unexpected-payload";
    case ErrorCode::kValidationFailed: return "validation-failed";
  }
  return "unexpected";
}

}  // namespace junction
