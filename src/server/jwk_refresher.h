#pragma once
// The JWK set of a --jwt-secret with "jwk_url": fetched once at start-up (a failure stops the
// start, as in Hasura), then again when it expires by the response's Cache-Control max-age (or
// s-maxage) or Expires header, on a timer of the io_context: requests never wait for it and keep
// the last good keys meanwhile. A failed refresh is logged (jwk-refresh-log) and retried after a
// minute; a response with no expiry is not refreshed again (Hasura's jwkRefreshCtrl).
//
//   Result<std::optional<std::chrono::seconds>> expiry = co_await FetchJwks(*verifier, timeout);
//   if (!expiry) return Fail(expiry.error());
//   boost::asio::co_spawn(ioc, RefreshJwks(verifier, *expiry), boost::asio::detached);

#include <chrono>
#include <memory>
#include <optional>
#include <string_view>
#include <utility>  // before any Asio header: Boost 1.74 + GCC 12

#include <boost/asio/awaitable.hpp>

#include "common/result.h"
#include "server/jwt.h"

namespace junction::server {

// Fetches the verifier's jwk_url and installs the keys; the value is how long they are good for
// (nullopt: the response did not say).
boost::asio::awaitable<Result<std::optional<std::chrono::seconds>>> FetchJwks(
    JwtVerifier& verifier, std::chrono::milliseconds timeout);

// Refreshes for ever (until the io_context stops) after `expiry`; returns at once without one.
boost::asio::awaitable<void> RefreshJwks(std::shared_ptr<JwtVerifier> verifier,
                                         std::optional<std::chrono::seconds> expiry);

// Cache-Control "max-age=N" / "s-maxage=N" → N seconds; an HTTP date (Expires) → seconds from
// `now` (0 when past). nullopt when absent or malformed. Exposed for tests.
std::optional<std::chrono::seconds> MaxAge(std::string_view cache_control);
std::optional<std::chrono::seconds> UntilExpires(std::string_view expires, int64_t now);

}  // namespace junction::server
