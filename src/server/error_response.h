#pragma once
// Responses in Hasura's shapes (DESIGN.md §1) for everything but GraphQL results: the errors of the
// HTTP layer (router, listener) and the responses of the admin APIs (/v1/metadata, /v1/query,
// /v2/query):
//
//   200 <a command's JSON response>
//   400 {"path":"$.args","error":"…","code":"parse-failed"}
//   404 {"path":"$","error":"resource does not exist","code":"not-found"}
//   409 {"path":"$","error":"metadata resource version referenced (3) did not match current
//        version","code":"conflict"}
//   413 {"path":"$","error":"request body is larger than the limit of 10485760 bytes",
//        "code":"payload-too-large"}
//   400 {"path":"$.args","error":"…","code":"invalid-configuration","internal":[…]}
//                                                               (internal for admins only)
//
// The HTTP status of a command's error follows its code (StatusOf): conflict is 409, every other
// error a command reports is Hasura's 400. Errors the server makes itself (authentication 401,
// failing to persist 500, limits 413/431) pass their status explicitly.

#include <string>

#include "common/error.h"
#include "server/http_types.h"

namespace junction::server {

// The status Hasura answers a command's error with.
unsigned StatusOf(const Error& error);

// The body `{"path","error","code"}`, plus "internal" when `include_internal` and the error has
// one.
std::string ErrorBody(const Error& error, bool include_internal = false);

// ErrorBody with the given HTTP status.
HttpResponse ErrorResponse(unsigned status, const Error& error, bool include_internal = false);

HttpResponse JsonResponse(unsigned status, std::string body);

}  // namespace junction::server
