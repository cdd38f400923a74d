#pragma once
// JWT mode (Hasura's Auth/JWT.hs): the --jwt-secret configuration, and verifying a JWS compact
// token into the Hasura claims it carries. The crypto is OpenSSL 3's EVP; the algorithm comes from
// the configured key only (a token whose header names another one, or `none`, is refused), so a
// token can never choose how it is checked.
//
//   Result<std::shared_ptr<JwtVerifier>> jwt = JwtVerifier::Create(
//       R"({"type": "HS256", "key": "a-secret-of-at-least-32-characters!!"})");
//   Result<JwtClaims> claims = (*jwt)->Verify(token, std::time(nullptr));
//   // claims->values: {"x-hasura-allowed-roles": ["user"], "x-hasura-default-role": "user",
//   //                  "x-hasura-user-id": "7"}
//
// Errors are Hasura's: "Could not verify JWT: JWTExpired" (invalid-jwt), "claims key:
// 'https://hasura.io/jwt/claims' not found" (jwt-invalid-claims), "JWT claim does not contain
// x-hasura-allowed-roles" (jwt-missing-role-claims). As in Hasura (its jose library), a token
// without `aud` or `iss` passes the audience and issuer checks; a token with them must match.
//
// With {"jwk_url": …} the keys are a JWK set fetched by the caller (JwkRefresher, jwk_refresher.h)
// and installed with SetJwks; until then no token verifies.

#include <atomic>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include <nlohmann/json.hpp>

#include "common/result.h"

namespace junction::server {

// A JSON path as Hasura's claims_namespace_path and claims_map take it: "$.a.b", "$['a.b'][0]".
// Each step is an object key or an array index.
using JsonPath = std::vector<std::variant<std::string, size_t>>;
Result<JsonPath> ParseJsonPath(std::string_view text);
// The value at `path` in `value`, or null when some step does not exist.
const nlohmann::json* FindAtPath(const nlohmann::json& value, const JsonPath& path);

struct JwtConfig {
  std::string type;     // "HS256", …, "Ed25519"; empty with jwk_url
  std::string key;      // the secret (HS*) or a PEM public key or X.509 certificate
  std::string jwk_url;  // http:// URL of a JWK set
  std::string claims_namespace = "https://hasura.io/jwt/claims";
  std::optional<JsonPath> claims_namespace_path;
  std::string claims_namespace_path_text;  // as given, for messages
  bool stringified_claims = false;         // claims_format: stringified_json
  std::vector<std::string> audience;       // empty: not checked
  std::optional<std::string> issuer;
  std::optional<nlohmann::json> claims_map;  // the object as configured
  int64_t allowed_skew = 0;                  // seconds
  std::string cookie_name;                   // empty: the Authorization header carries the token
};

// Parses --jwt-secret; an Error's message says what is wrong (for a start-up failure).
Result<JwtConfig> ParseJwtConfig(std::string_view json_text);

// The Hasura claims of a verified token: lower-case x-hasura-* names → JSON values, the allowed
// roles and default role included.
struct JwtClaims {
  std::map<std::string, nlohmann::json, std::less<>> values;
};

class JwtVerifier {
 public:
  struct Key;  // one public key or secret and the algorithms it verifies (jwt.cc)
  using KeySet = std::vector<std::shared_ptr<const Key>>;

  // Parses the configuration and, unless it names a jwk_url, its key.
  static Result<std::shared_ptr<JwtVerifier>> Create(std::string_view config_json);

  const JwtConfig& config() const { return config_; }

  // Installs a JWK set ({"keys": [...]}) fetched from jwk_url; keys of unsupported types are
  // skipped. An Error (nothing installed) when the text is no JWK set.
  Status SetJwks(std::string_view jwks_json);
  bool HasKeys() const { return !keys_.load()->empty(); }

  // Verifies the compact token at time `now` (seconds since the epoch) and extracts the claims.
  Result<JwtClaims> Verify(std::string_view token, int64_t now) const;

  explicit JwtVerifier(JwtConfig config);

 private:
  // The claims set of a token whose signature and registered claims are good.
  Result<nlohmann::json> VerifiedPayload(std::string_view token, int64_t now) const;
  Result<JwtClaims> HasuraClaims(const nlohmann::json& payload) const;

  JwtConfig config_;
  std::atomic<std::shared_ptr<const KeySet>> keys_;
};

// base64url without padding (RFC 7515 §2); padding is tolerated on decode. Exposed for tests.
std::optional<std::string> Base64UrlDecode(std::string_view text);
std::string Base64UrlEncode(std::string_view bytes);

}  // namespace junction::server
