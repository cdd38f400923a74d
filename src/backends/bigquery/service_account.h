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
#include <memory>
#include <string>
#include <utility>  // before any Asio header: Boost 1.74 + GCC 12

#include <boost/asio/awaitable.hpp>

#include "backends/bigquery/source_config.h"
#include "backends/http/http_client.h"
#include "common/result.h"

namespace junction::backends::bigquery {

// The signed JWT assertion for `account` issued at `now` (seconds since the epoch).
// Errors: kInvalidConfiguration when the private key cannot be read.
Result<std::string> SignedAssertion(const ServiceAccount& account, int64_t now);

// Hands out access tokens for one service account; one exchange at a time, the token reused while
// more than min(60 s, half its lifetime) of it remains. Thread-safe.
class TokenSource {
 public:
  TokenSource(http::HttpClient& client, ServiceAccount account, std::chrono::milliseconds timeout);
  ~TokenSource();
  TokenSource(const TokenSource&) = delete;
  TokenSource& operator=(const TokenSource&) = delete;

  // A valid access token. Errors: kUnexpected "BigQuery authentication failed: <the token
  // endpoint's error or the transport's>".
  boost::asio::awaitable<Result<std::string>> Token();
  // Forgets the cached token (after a 401 from the API).
  void Invalidate();

 private:
  struct Impl;
  std::shared_ptr<Impl> impl_;
};

}  // namespace junction::backends::bigquery
