#pragma once
// Authenticate: the request's headers → the Session it runs as (DESIGN.md §2, the first stage),
// as Hasura's getUserInfoWithExpTime does (server/src-lib/Hasura/Server/Auth.hs). The modes:
//
//   no secret configured          → the role in X-Hasura-Role, else admin (development mode)
//   X-Hasura-Admin-Secret right   → the role in X-Hasura-Role, else admin (in every mode)
//   X-Hasura-Admin-Secret wrong   → access-denied
//                                   "invalid x-hasura-admin-secret/x-hasura-access-key"
//   no secret header, then by mode:
//     admin secret only  → the unauthorized role if set, else access-denied
//                          "x-hasura-admin-secret/x-hasura-access-key required, but not found"
//     JWT (jwt.h)        → the token in Authorization: Bearer (or the configured cookie) is
//                          verified; the role is X-Hasura-Role if it is in the token's
//                          x-hasura-allowed-roles, else its x-hasura-default-role; the session
//                          variables are the token's x-hasura-* claims. Without the header: the
//                          unauthorized role if set, else invalid-headers
//                          "Missing Authorization header in JWT authentication mode"
//     webhook            → the hook's answer (auth_webhook.h); the unauthorized role does not
//                          apply (the hook returns it itself)
//
// (The deprecated X-Hasura-Access-Key is accepted in place of X-Hasura-Admin-Secret.) The HTTP
// status of a failure is AuthErrorStatus's: 401 for a missing or wrong secret and a hook's 401,
// 400 for JWT and header errors, 500 when the hook fails; /v1/graphql answers every error with
// 200.
//
//   AuthModes modes{.jwt = *JwtVerifier::Create(jwt_secret_json)};
//   Result<schema::Session> session = co_await Authenticate("s3cret", modes, request);

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>  // before any Asio header: Boost 1.74 + GCC 12

#include <boost/asio/awaitable.hpp>

#include "common/result.h"
#include "schema/session.h"
#include "server/http_types.h"
#include "server/jwt.h"

namespace junction::server {

// --auth-hook, --auth-hook-mode, --auth-hook-timeout.
struct WebhookOptions {
  std::string url;  // http:// only (http_fetch.h)
  bool post = false;
  std::chrono::milliseconds timeout{10'000};
};

// What authenticates a request that sends no admin secret (the secret itself stays in
// EngineOptions::admin_secret).
struct AuthModes {
  std::string unauthorized_role;           // empty: none
  std::shared_ptr<const JwtVerifier> jwt;  // set: JWT mode
  std::optional<WebhookOptions> webhook;   // set: webhook mode
};

// Hasura's start-up checks (setupAuthMode): JWT and webhook modes need an admin secret and
// exclude each other; the unauthorized role needs a secret and no webhook. The Error's message is
// Hasura's "Fatal Error: …".
Status CheckAuthModes(std::string_view admin_secret, const AuthModes& modes);

boost::asio::awaitable<Result<schema::Session>> Authenticate(std::string_view admin_secret,
                                                             const AuthModes& modes,
                                                             const HttpRequest& request);

// Every mode but the webhook's, at time `now` (seconds since the epoch), without waiting: what
// Authenticate does when no webhook is configured.
Result<schema::Session> AuthenticateNow(std::string_view admin_secret, const AuthModes& modes,
                                        const HttpRequest& request, int64_t now);

// Admin-secret mode only (no JWT, no webhook, no unauthorized role).
Result<schema::Session> Authenticate(std::string_view admin_secret, const HttpRequest& request);

// The HTTP status Hasura answers an authentication Error with on its REST-like APIs.
unsigned AuthErrorStatus(const Error& error);

// Compares a secret the client sent with the configured one in time that depends only on the
// configured secret's length, so response timing does not reveal how much of a guess was right.
bool SecretEquals(std::string_view given, std::string_view expected);

// A JSON claim value as a session variable's text: strings as they are, anything else as its
// JSON text (42, true, ["a","b"]).
std::string SessionValueText(const nlohmann::json& value);

}  // namespace junction::server
