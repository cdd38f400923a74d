#pragma once
// Responses of the admin APIs (/v1/metadata, /v1/query, /v2/query) in Hasura's shapes:
//
//   200 <the command's JSON response>
//   400 {"path":"$.args","error":"…","code":"parse-failed"}
//   409 {"path":"$","error":"metadata resource version referenced (3) did not match current
//        version","code":"conflict"}
//   400 {"path":"$.args","error":"cannot continue due to inconsistent metadata",
//        "code":"unexpected","internal":[…]}                        (internal for admins only)
//
// The HTTP status of a command's error follows its code: conflict is 409, every other error a
// command reports is Hasura's 400. Errors the server makes itself (authentication 401, failing to
// persist 500) pass their status explicitly.

#include <string>

#include "common/error.h"
#include "server/http_types.h"

namespace junction::server {

// The status Hasura answers a command's error with.
unsigned StatusOf(const Error& error);

// {"path","error","code"} plus "internal" when `include_internal` and the error has one.
HttpResponse AdminErrorResponse(unsigned status, const Error& error, bool include_internal);

HttpResponse JsonResponse(unsigned status, std::string body);

}  // namespace junction::server
