#include "server/auth.h"

#include <algorithm>
#include <cctype>
#include <ctime>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "server/auth_webhook.h"

namespace junction::server {
namespace {

constexpr std::string_view kAdminSecretHeader = "x-hasura-admin-secret";
constexpr std::string_view kAccessKeyHeader = "x-hasura-access-key";  // deprecated name
constexpr std::string_view kRoleHeader = "x-hasura-role";
constexpr std::string_view kSessionPrefix = "x-hasura-";
constexpr std::string_view kAllowedRolesClaim = "x-hasura-allowed-roles";
constexpr std::string_view kDefaultRoleClaim = "x-hasura-default-role";
constexpr std::string_view kRoleNotAllowed = "Your requested role is not in allowed roles";

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

// The request's headers as session variables, run as `role` (URBPreDetermined).
schema::Session SessionAs(const HttpRequest& request, const std::string& role) {
  schema::Session session = SessionFromHeaders(request);
  session.role = role;
  session.variables.insert_or_assign(std::string(kRoleHeader), role);
  return session;
}

std::string JsonTypeName(const nlohmann::json& value) {
  switch (value.type()) {
    case nlohmann::json::value_t::object:
      return "Object";
    case nlohmann::json::value_t::array:
      return "Array";
    case nlohmann::json::value_t::string:
      return "String";
    case nlohmann::json::value_t::boolean:
      return "Boolean";
    case nlohmann::json::value_t::null:
      return "Null";
    default:
      return "Number";
  }
}

// The JWT's token, from Authorization: Bearer <token> or the configured cookie.
Result<std::string> TokenOf(const JwtConfig& config, std::string_view header) {
  if (config.cookie_name.empty()) {
    std::vector<std::string_view> words;
    size_t i = 0;
    while (i < header.size()) {
      while (i < header.size() && std::isspace(static_cast<unsigned char>(header[i]))) ++i;
      const size_t start = i;
      while (i < header.size() && !std::isspace(static_cast<unsigned char>(header[i]))) ++i;
      if (i > start) words.push_back(header.substr(start, i - start));
    }
    if (words.size() != 2 || words[0] != "Bearer") {
      return Error(ErrorCode::kInvalidHeaders, "Malformed Authorization header");
    }
    return std::string(words[1]);
  }
  size_t begin = 0;
  while (begin < header.size()) {
    size_t end = header.find(';', begin);
    if (end == std::string_view::npos) end = header.size();
    std::string_view cookie = header.substr(begin, end - begin);
    while (!cookie.empty() && cookie.front() == ' ') cookie.remove_prefix(1);
    if (const size_t equals = cookie.find('=');
        equals != std::string_view::npos && cookie.substr(0, equals) == config.cookie_name) {
      std::string_view value = cookie.substr(equals + 1);
      while (!value.empty() && value.back() == ' ') value.remove_suffix(1);
      return std::string(value);
    }
    begin = end + 1;
  }
  return Error(ErrorCode::kInvalidHeaders,
               fmt::format("Could not find {} in Cookie header", config.cookie_name));
}

// Hasura's processJwt after verification: the roles, the requested role, the variables.
Result<schema::Session> SessionFromClaims(JwtClaims claims, const HttpRequest& request) {
  auto missing = [](std::string_view claim) {
    return Error(ErrorCode::kJwtMissingRoleClaims,
                 fmt::format("JWT claim does not contain {}", claim));
  };
  const auto allowed = claims.values.find(kAllowedRolesClaim);
  if (allowed == claims.values.end()) return missing(kAllowedRolesClaim);
  const auto fallback = claims.values.find(kDefaultRoleClaim);
  if (fallback == claims.values.end()) return missing(kDefaultRoleClaim);
  std::vector<std::string> allowed_roles;
  if (!allowed->second.is_array()) {
    return Error(ErrorCode::kJwtInvalidClaims,
                 fmt::format("invalid {}; should be a list of roles: expected Array, but "
                             "encountered {}",
                             kAllowedRolesClaim, JsonTypeName(allowed->second)));
  }
  for (const nlohmann::json& role : allowed->second) {
    if (!role.is_string() || role.get<std::string>().empty()) {
      return Error(ErrorCode::kJwtInvalidClaims,
                   fmt::format("invalid {}; should be a list of roles: expected a role name, "
                               "but encountered {}",
                               kAllowedRolesClaim, role.dump()));
    }
    allowed_roles.push_back(role.get<std::string>());
  }
  if (!fallback->second.is_string() || fallback->second.get<std::string>().empty()) {
    return Error(ErrorCode::kJwtInvalidClaims,
                 fmt::format("invalid {}; should be a single role name: expected String, but "
                             "encountered {}",
                             kDefaultRoleClaim, JsonTypeName(fallback->second)));
  }
  std::string role = fallback->second.get<std::string>();
  if (std::string_view asked = request.Header(kRoleHeader); !asked.empty()) role = asked;
  if (std::find(allowed_roles.begin(), allowed_roles.end(), role) == allowed_roles.end()) {
    return Error(ErrorCode::kAccessDenied, std::string(kRoleNotAllowed));
  }
  claims.values.erase(claims.values.find(kAllowedRolesClaim));
  claims.values.erase(claims.values.find(kDefaultRoleClaim));
  schema::Session session;
  session.role = role;
  for (const auto& [name, value] : claims.values) {
    session.variables.insert_or_assign(name, SessionValueText(value));
  }
  session.variables.insert_or_assign(std::string(kRoleHeader), role);
  return session;
}

// The secret the request sent, when it sent one.
std::optional<std::string_view> SentSecret(const HttpRequest& request) {
  const auto secret = request.headers.find(kAdminSecretHeader);
  if (secret != request.headers.end()) return std::string_view(secret->second);
  const auto access_key = request.headers.find(kAccessKeyHeader);
  if (access_key != request.headers.end()) return std::string_view(access_key->second);
  return std::nullopt;
}

// What the admin secret decides on its own: a session, an error, or (nullopt) nothing: no secret
// was sent, so the configured mode decides.
std::optional<Result<schema::Session>> BySecret(std::string_view admin_secret,
                                                const HttpRequest& request) {
  if (admin_secret.empty()) return Result<schema::Session>(SessionFromHeaders(request));
  std::optional<std::string_view> sent = SentSecret(request);
  if (!sent) return std::nullopt;
  if (!SecretEquals(*sent, admin_secret)) {
    return Result<schema::Session>(
        Error(ErrorCode::kAccessDenied, "invalid x-hasura-admin-secret/x-hasura-access-key"));
  }
  return Result<schema::Session>(SessionFromHeaders(request));
}

}  // namespace

std::string SessionValueText(const nlohmann::json& value) {
  return value.is_string() ? value.get<std::string>() : value.dump();
}

bool SecretEquals(std::string_view given, std::string_view expected) {
  unsigned char difference = given.size() == expected.size() ? 0 : 1;
  for (size_t i = 0; i < expected.size(); ++i) {
    const unsigned char g = i < given.size() ? static_cast<unsigned char>(given[i]) : 0;
    difference |= static_cast<unsigned char>(g ^ static_cast<unsigned char>(expected[i]));
  }
  return difference == 0;
}

Status CheckAuthModes(std::string_view admin_secret, const AuthModes& options) {
  const bool secret = !admin_secret.empty();
  const bool hook = options.webhook.has_value();
  const bool jwt = options.jwt != nullptr;
  constexpr std::string_view kRequiresSecret =
      " requires --admin-secret (HASURA_GRAPHQL_ADMIN_SECRET) to be set";
  auto fatal = [](std::string message) {
    return Error(ErrorCode::kInvalidConfiguration, std::move(message));
  };
  if (!options.unauthorized_role.empty() && !(secret && !hook)) {
    return fatal(
        fmt::format("Fatal Error: --unauthorized-role (HASURA_GRAPHQL_UNAUTHORIZED_ROLE){} "
                    "and is not allowed when --auth-hook (HASURA_GRAPHQL_AUTH_HOOK) is "
                    "set",
                    kRequiresSecret));
  }
  if (hook && jwt) {
    return fatal("Fatal Error: Both webhook and JWT mode cannot be enabled at the same time");
  }
  if (hook && !secret) {
    return fatal(
        fmt::format("Fatal Error : --auth-hook (HASURA_GRAPHQL_AUTH_HOOK){}", kRequiresSecret));
  }
  if (jwt && !secret) {
    return fatal(
        fmt::format("Fatal Error : --jwt-secret (HASURA_GRAPHQL_JWT_SECRET){}", kRequiresSecret));
  }
  return {};
}

Result<schema::Session> AuthenticateNow(std::string_view admin_secret, const AuthModes& options,
                                        const HttpRequest& request, int64_t now) {
  if (std::optional<Result<schema::Session>> decided = BySecret(admin_secret, request)) {
    return std::move(*decided);
  }
  if (options.jwt) {
    const JwtConfig& config = options.jwt->config();
    const std::string_view header_name = config.cookie_name.empty() ? "authorization" : "cookie";
    const auto header = request.headers.find(header_name);
    if (header == request.headers.end()) {
      if (!options.unauthorized_role.empty()) return SessionAs(request, options.unauthorized_role);
      return Error(ErrorCode::kInvalidHeaders,
                   fmt::format("Missing {} header in JWT authentication mode",
                               config.cookie_name.empty() ? "Authorization" : "Cookie"));
    }
    Result<std::string> token = TokenOf(config, header->second);
    if (!token) return token.error();
    Result<JwtClaims> claims = options.jwt->Verify(*token, now);
    if (!claims) return claims.error();
    return SessionFromClaims(std::move(*claims), request);
  }
  if (!options.unauthorized_role.empty()) return SessionAs(request, options.unauthorized_role);
  return Error(ErrorCode::kAccessDenied,
               "x-hasura-admin-secret/x-hasura-access-key required, but not found");
}

boost::asio::awaitable<Result<schema::Session>> Authenticate(std::string_view admin_secret,
                                                             const AuthModes& options,
                                                             const HttpRequest& request) {
  if (options.webhook && !admin_secret.empty() && !SentSecret(request)) {
    co_return co_await AuthenticateWithWebhook(*options.webhook, request);
  }
  co_return AuthenticateNow(admin_secret, options, request,
                            static_cast<int64_t>(std::time(nullptr)));
}

Result<schema::Session> Authenticate(std::string_view admin_secret, const HttpRequest& request) {
  return AuthenticateNow(admin_secret, AuthModes{}, request, 0);
}

unsigned AuthErrorStatus(const Error& error) {
  switch (error.code) {
    case ErrorCode::kUnexpected:
      return 500;
    case ErrorCode::kAccessDenied:
      return error.message == kRoleNotAllowed ? 400 : 401;
    default:
      return 400;
  }
}

}  // namespace junction::server
