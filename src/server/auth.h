#pragma once
// Authenticate: the request's headers → the Session it runs as (DESIGN.md §2, the first stage),
// in admin-secret mode, as Hasura's getUserInfoWithExpTime does
// (server/src-lib/Hasura/Server/Auth.hs):
//
//   no secret configured          → the role in X-Hasura-Role, else admin (development mode)
//   X-Hasura-Admin-Secret right   → the role in X-Hasura-Role, else admin
//   X-Hasura-Admin-Secret wrong   → access-denied
//                                   "invalid x-hasura-admin-secret/x-hasura-access-key"
//   no secret header              → access-denied
//                      "x-hasura-admin-secret/x-hasura-access-key required, but not found"
//
// (The deprecated X-Hasura-Access-Key is accepted in place of X-Hasura-Admin-Secret.) Hasura
// answers these errors with HTTP 401, except on /v1/graphql, which answers every error with 200.
// JWT and webhook modes, and the unauthorized role, come later.

#include <string_view>

#include "common/result.h"
#include "schema/session.h"
#include "server/http_types.h"

namespace junction::server {

Result<schema::Session> Authenticate(std::string_view admin_secret, const HttpRequest& request);

// Compares a secret the client sent with the configured one in time that depends only on the
// configured secret's length, so response timing does not reveal how much of a guess was right.
bool SecretEquals(std::string_view given, std::string_view expected);

}  // namespace junction::server
