#pragma once
// Service-account authentication (BIGQUERY.md §1.7, Google's "OAuth 2.0 for Server to Server
// Applications"): an RS256-signed JWT assertion (OpenSSL's EVP API) exchanged at the key's
// token_uri for an access token, which TokenSource caches until shortly before it expires.
//
//   header {"alg":"RS256","typ":"JWT","kid":private_key_id}
//   claims {"iss":client_email,"scope":"https://www.googleapis.com/auth/cloud-platform",
//           "aud":token_uri,"iat":now,"exp":now+3600}
//   POST token_uri  grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer&assertion=…
//   → {"access_token":"ya29…","expires_in":3599,"token_type":"Bearer"}

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>  // before any Asio header: Boost 1.74 + GCC 12

#include <boost/asio/awaitable.hpp>

#include "backends/bigquery/source_config.h"
#include "backends/http/http_client.h"
#include "common/result.h"

namespace junction::backends::bigquery {

// The signed JWT assertion for `account` issued at `now` (seconds since the epoch).
// Errors: kInvalidConfiguration when the private key cannot be read.
Result<std::string> SignedAssertion(const ServiceAccount& account, int64_t now);

// `code` — an OAuth error ("invalid_grant") or a BigQuery reason ("accessDenied") — when it looks
// like one (a short identifier), to name in a message every client sees; "" otherwise, so that
// nothing else the other end wrote reaches them.
std::string PublicCode(std::string_view code);

// What TokenSource::Token hands back: a token, or the error that prevented one.
struct TokenOutcome {
  Result<std::string> token;
  // The deadline passed, or a retry's wait would have passed it, before a token was had: the
  // caller reports its own time-out; `token`'s error says what failed last.
  bool timed_out = false;
};

// Hands out access tokens for one service account; one exchange at a time, the token reused while
// more than min(60 s, half its lifetime) of it remains. An exchange answered with HTTP 5xx or 429,
// or failing in transport, is retried up to `retry_limit` times, waiting RetryDelay
// (source_config.h) in between. Thread-safe.
class TokenSource {
 public:
  TokenSource(http::HttpClient& client, ServiceAccount account, int64_t retry_limit,
              std::chrono::microseconds retry_base_delay);
  ~TokenSource();
  TokenSource(const TokenSource&) = delete;
  TokenSource& operator=(const TokenSource&) = delete;

  // A valid access token, had by `deadline` (exchanges, retries and the wait for another caller's
  // exchange included). Errors, all kUnexpected with the details in `internal` (only admins see
  // it: the token endpoint's own words stay there): "BigQuery authentication failed (HTTP 400,
  // invalid_grant)" — internal {"code", "message", "error", "error_description"} — and
  // "BigQuery authentication failed" for transport failures, an unreadable key or an answer
  // without a token — internal {"message"}.
  boost::asio::awaitable<TokenOutcome> Token(std::chrono::steady_clock::time_point deadline);
  // Forgets the cached token if it is `rejected` (the API answered 401 to it). A newer token
  // stays: a late 401 to a request sent with an old one must not throw away its replacement.
  void Invalidate(const std::string& rejected);

 private:
  struct Impl;
  std::shared_ptr<Impl> impl_;
};

}  // namespace junction::backends::bigquery
