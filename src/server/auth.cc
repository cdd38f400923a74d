#include "server/auth.h"

#include <string>

namespace junction::server {
namespace {

constexpr std::string_view kAdminSecretHeader = "x-hasura-admin-secret";
constexpr std::string_view kAccessKeyHeader = "x-hasura-access-key";  // deprecated name
constexpr std::string_view kRoleHeader = "x-hasura-role";
constexpr std::string_view kSessionPrefix = "x-hasura-";

// The session variables of the request: its x-hasura-* headers, secrets excluded.
schema::Session SessionFromHeaders(const HttpRequest& request) {
  schema::Session session;
  for (const auto& [name, value] : request.headers) {
    if (name.rfind(kSessionPrefix, 0) != 0) continue;
    if (name == kAdminSecretHeader || name == kAccessKeyHeader) continue;
    session.variables.emplace(name, value);
  }
  // Hasura falls back to admin when no role is asked for (URBFromSessionVariablesFallback).
  if (const auto role = session.variables.find(kRoleHeader);
      role != session.variables.end() && !role->second.empty()) {
    session.role = role->second;
  }
  return session;
}

}  // namespace

bool SecretEquals(std::string_view given, std::string_view expected) {
  unsigned char difference = given.size() == expected.size() ? 0 : 1;
  for (size_t i = 0; i < expected.size(); ++i) {
    const unsigned char g = i < given.size() ? static_cast<unsigned char>(given[i]) : 0;
    difference |= static_cast<unsigned char>(g ^ static_cast<unsigned char>(expected[i]));
  }
  return difference == 0;
}

Result<schema::Session> Authenticate(std::string_view admin_secret, const HttpRequest& request) {
  if (admin_secret.empty()) return SessionFromHeaders(request);

  const auto secret = request.headers.find(kAdminSecretHeader);
  const auto access_key = request.headers.find(kAccessKeyHeader);
  if (secret == request.headers.end() && access_key == request.headers.end()) {
    return Error(ErrorCode::kAccessDenied,
                 "x-hasura-admin-secret/x-hasura-access-key required, but not found");
  }
  const std::string& given = secret != request.headers.end() ? secret->second : access_key->second;
  if (!SecretEquals(given, admin_secret)) {
    return Error(ErrorCode::kAccessDenied, "invalid x-hasura-admin-secret/x-hasura-access-key");
  }
  return SessionFromHeaders(request);
}

}  // namespace junction::server
