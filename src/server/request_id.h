#pragma once
// Request ids: every request carries one, in the access log and in the `x-request-id` response
// header. A client (or a proxy in front of the engine) may choose it by sending `X-Request-Id`;
// otherwise, as Hasura does, the engine makes a random UUID.

#include <string>
#include <string_view>

namespace junction::server {

// Requests ids taken from the client are at most this long.
inline constexpr size_t kMaxRequestIdLength = 200;

// `client_value` when it is a usable id (1..kMaxRequestIdLength visible ASCII characters),
// else a fresh UUID.
std::string RequestIdFor(std::string_view client_value);

// A random (version 4) UUID in its 36-character text form.
std::string NewUuid();

}  // namespace junction::server
