#pragma once
// Error responses of the HTTP layer in Hasura's shape (DESIGN.md §1), used by the router and the
// listener for failures that happen before or around a handler:
//
//   404 {"path":"$","error":"resource does not exist","code":"not-found"}
//   413 {"path":"$","error":"request body is larger than the limit of 10485760 bytes",
//        "code":"payload-too-large"}

#include "common/error.h"
#include "server/http_types.h"

namespace junction::server {

// `{"path","error","code"}` with the given HTTP status; `internal` is not shown.
HttpResponse ErrorResponse(unsigned status, const Error& error);

// The body alone: `{"path":"$","error":"…","code":"…"}`.
std::string ErrorBody(const Error& error);

}  // namespace junction::server
