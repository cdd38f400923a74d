#include "server/jwt.h"

#include <gtest/gtest.h>
#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include <functional>
#include <memory>
#include <tuple>

namespace junction::server {
namespace {

constexpr int64_t kNow = 1'700'000'000;
constexpr char kSecret[] = "0123456789abcdef0123456789abcdef-secret";

struct PkeyFree {
  void operator()(EVP_PKEY* key) const { EVP_PKEY_free(key); }
};
using Pkey = std::unique_ptr<EVP_PKEY, PkeyFree>;

Pkey RsaKey() { return Pkey(EVP_PKEY_Q_keygen(nullptr, nullptr, "RSA", size_t{2048})); }
Pkey EcKey(const char* curve) { return Pkey(EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", curve)); }
Pkey Ed25519Key() { return Pkey(EVP_PKEY_Q_keygen(nullptr, nullptr, "ED25519")); }

std::string PublicPem(EVP_PKEY* key) {
  std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new(BIO_s_mem()), BIO_free);
  PEM_write_bio_PUBKEY(bio.get(), key);
  char* data = nullptr;
  const long length = BIO_get_mem_data(bio.get(), &data);
  return std::string(data, static_cast<size_t>(length));
}

// A self-signed certificate for `key`, PEM.
std::string CertificatePem(EVP_PKEY* key) {
  std::unique_ptr<X509, decltype(&X509_free)> cert(X509_new(), X509_free);
  X509_set_version(cert.get(), 2);
  ASN1_INTEGER_set(X509_get_serialNumber(cert.get()), 1);
  X509_gmtime_adj(X509_getm_notBefore(cert.get()), 0);
  X509_gmtime_adj(X509_getm_notAfter(cert.get()), 3600);
  X509_set_pubkey(cert.get(), key);
  X509_NAME* name = X509_get_subject_name(cert.get());
  X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC,
                             reinterpret_cast<const unsigned char*>("junction"), -1, -1, 0);
  X509_set_issuer_name(cert.get(), name);
  X509_sign(cert.get(), key, EVP_sha256());
  std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new(BIO_s_mem()), BIO_free);
  PEM_write_bio_X509(bio.get(), cert.get());
  char* data = nullptr;
  const long length = BIO_get_mem_data(bio.get(), &data);
  return std::string(data, static_cast<size_t>(length));
}

std::string Sign(EVP_PKEY* key, const EVP_MD* digest, std::string_view input) {
  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> context(EVP_MD_CTX_new(),
                                                                  EVP_MD_CTX_free);
  EVP_DigestSignInit(context.get(), nullptr, digest, nullptr, key);
  size_t length = 0;
  EVP_DigestSign(context.get(), nullptr, &length,
                 reinterpret_cast<const unsigned char*>(input.data()), input.size());
  std::string signature(length, '\0');
  EVP_DigestSign(context.get(), reinterpret_cast<unsigned char*>(signature.data()), &length,
                 reinterpret_cast<const unsigned char*>(input.data()), input.size());
  signature.resize(length);
  return signature;
}

// DER ECDSA-Sig-Value → JOSE r || s of `half` bytes each.
std::string DerToJose(const std::string& der, size_t half) {
  const auto* p = reinterpret_cast<const unsigned char*>(der.data());
  std::unique_ptr<ECDSA_SIG, decltype(&ECDSA_SIG_free)> sig(
      d2i_ECDSA_SIG(nullptr, &p, static_cast<long>(der.size())), ECDSA_SIG_free);
  std::string out(2 * half, '\0');
  BN_bn2binpad(ECDSA_SIG_get0_r(sig.get()), reinterpret_cast<unsigned char*>(out.data()),
               static_cast<int>(half));
  BN_bn2binpad(ECDSA_SIG_get0_s(sig.get()), reinterpret_cast<unsigned char*>(out.data() + half),
               static_cast<int>(half));
  return out;
}

std::string Token(const nlohmann::json& header, const nlohmann::json& payload,
                  const std::function<std::string(std::string_view)>& sign) {
  const std::string input = Base64UrlEncode(header.dump()) + "." + Base64UrlEncode(payload.dump());
  return input + "." + Base64UrlEncode(sign(input));
}

std::string HmacSign(std::string_view secret, const EVP_MD* digest, std::string_view input) {
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  HMAC(digest, secret.data(), static_cast<int>(secret.size()),
       reinterpret_cast<const unsigned char*>(input.data()), input.size(), mac, &length);
  return std::string(reinterpret_cast<char*>(mac), length);
}

nlohmann::json Claims(nlohmann::json extra = nlohmann::json::object()) {
  nlohmann::json payload = {{"sub", "42"},
                            {"exp", kNow + 60},
                            {"iat", kNow - 10},
                            {"https://hasura.io/jwt/claims",
                             {{"x-hasura-allowed-roles", {"user", "editor"}},
                              {"x-hasura-default-role", "user"},
                              {"X-Hasura-User-Id", "42"},
                              {"x-hasura-org", 7},
                              {"other", "ignored"}}}};
  payload.update(extra);
  return payload;
}

std::string Hs256(const nlohmann::json& payload, std::string_view secret = kSecret,
                  nlohmann::json header = {{"alg", "HS256"}, {"typ", "JWT"}}) {
  return Token(header, payload,
               [&](std::string_view input) { return HmacSign(secret, EVP_sha256(), input); });
}

std::shared_ptr<JwtVerifier> Verifier(nlohmann::json config) {
  Result<std::shared_ptr<JwtVerifier>> verifier = JwtVerifier::Create(config.dump());
  EXPECT_TRUE(verifier) << (verifier ? "" : verifier.error().message);
  return verifier ? *verifier : nullptr;
}

std::shared_ptr<JwtVerifier> HsVerifier(nlohmann::json extra = nlohmann::json::object()) {
  nlohmann::json config = {{"type", "HS256"}, {"key", kSecret}};
  config.update(extra);
  return Verifier(config);
}

void ExpectInvalid(const Result<JwtClaims>& claims, std::string_view message,
                   ErrorCode code = ErrorCode::kInvalidJwt) {
  ASSERT_FALSE(claims);
  EXPECT_EQ(claims.error().code, code);
  EXPECT_EQ(claims.error().message, message);
}

TEST(Base64UrlTest, RoundTripsAndRefusesOtherAlphabets) {
  for (std::string text : {"", "f", "fo", "foo", "foob", "\xff\xfe\x00?"}) {
    EXPECT_EQ(Base64UrlDecode(Base64UrlEncode(text)), text);
  }
  EXPECT_EQ(Base64UrlEncode("\xfb\xff"), "-_8");
  EXPECT_EQ(Base64UrlDecode("Zm9v="), "foo");  // padding tolerated
  EXPECT_FALSE(Base64UrlDecode("Zm+v"));
  EXPECT_FALSE(Base64UrlDecode("Zm9v!"));
  EXPECT_FALSE(Base64UrlDecode("Z"));
}

TEST(JsonPathTest, ParsesDotsBracketsAndIndexes) {
  Result<JsonPath> path = ParseJsonPath("$.hasura['claims.v1'][2].x");
  ASSERT_TRUE(path);
  ASSERT_EQ(path->size(), 4u);
  EXPECT_EQ(std::get<std::string>((*path)[1]), "claims.v1");
  EXPECT_EQ(std::get<size_t>((*path)[2]), 2u);
  nlohmann::json value = {{"hasura", {{"claims.v1", {0, 1, {{"x", "found"}}}}}}};
  EXPECT_EQ(*FindAtPath(value, *path), "found");
  EXPECT_EQ(FindAtPath(value, *ParseJsonPath("$.hasura.none")), nullptr);
  EXPECT_FALSE(ParseJsonPath("$.a[x]"));
  EXPECT_FALSE(ParseJsonPath("$.a['b"));
}

TEST(JwtConfigTest, ParsesHasurasOptions) {
  Result<JwtConfig> config = ParseJwtConfig(R"({"type": "HS256", "key": "k",
      "claims_namespace_path": "$.hasura.claims", "claims_format": "stringified_json",
      "audience": ["a", "b"], "issuer": "me", "allowed_skew": 30,
      "header": {"type": "Cookie", "name": "jwt"}})");
  ASSERT_TRUE(config) << config.error().message;
  EXPECT_TRUE(config->stringified_claims);
  EXPECT_EQ(config->audience, (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(config->issuer, "me");
  EXPECT_EQ(config->allowed_skew, 30);
  EXPECT_EQ(config->cookie_name, "jwt");
  EXPECT_EQ(ParseJwtConfig(R"({"type": "HS256"})").error().message,
            "key and jwk_url both cannot be empty");
  EXPECT_EQ(ParseJwtConfig(R"({"key": "k", "jwk_url": "http://x"})").error().message,
            "key, jwk_url both cannot be present");
  EXPECT_EQ(ParseJwtConfig(R"({"type": "HS256", "key": "k", "claims_namespace": "a",
                               "claims_namespace_path": "$.b"})")
                .error()
                .message,
            "claims_namespace and claims_namespace_path both cannot be set");
  EXPECT_FALSE(ParseJwtConfig(R"({"type": "HS256", "key": "k", "claims_map": {}})"));
  EXPECT_FALSE(ParseJwtConfig("not json"));
}

TEST(JwtVerifierTest, RefusesBadKeys) {
  EXPECT_EQ(JwtVerifier::Create(R"({"type": "HS256", "key": "short"})").error().message,
            "Invalid JWK: Key size too small; should be atleast 32 characters");
  EXPECT_EQ(JwtVerifier::Create(R"({"type": "PS256", "key": "x"})").error().message,
            "Invalid JWK: Key type: PS256 is not supported");
  EXPECT_FALSE(JwtVerifier::Create(R"({"type": "RS256", "key": "not a pem"})"));
  Pkey ec = EcKey("P-256");
  EXPECT_FALSE(
      JwtVerifier::Create(nlohmann::json({{"type", "RS256"}, {"key", PublicPem(ec.get())}}).dump()))
      << "an EC key is no RS256 key";
}

TEST(JwtVerifierTest, VerifiesHs256AndExtractsHasuraClaims) {
  auto verifier = HsVerifier();
  Result<JwtClaims> claims = verifier->Verify(Hs256(Claims()), kNow);
  ASSERT_TRUE(claims) << claims.error().message;
  EXPECT_EQ(claims->values.at("x-hasura-default-role"), "user");
  EXPECT_EQ(claims->values.at("x-hasura-allowed-roles"), nlohmann::json({"user", "editor"}));
  EXPECT_EQ(claims->values.at("x-hasura-user-id"), "42") << "names are lower-cased";
  EXPECT_EQ(claims->values.at("x-hasura-org"), 7);
  EXPECT_EQ(claims->values.count("other"), 0u) << "only x-hasura-* claims";
}

TEST(JwtVerifierTest, VerifiesHs384AndHs512) {
  for (auto [type, digest] : {std::pair{"HS384", EVP_sha384()}, std::pair{"HS512", EVP_sha512()}}) {
    const std::string secret(64, 'k');
    auto verifier = Verifier({{"type", type}, {"key", secret}});
    const std::string token = Token({{"alg", type}}, Claims(), [&](std::string_view input) {
      return HmacSign(secret, digest, input);
    });
    EXPECT_TRUE(verifier->Verify(token, kNow)) << type;
  }
}

TEST(JwtVerifierTest, RefusesATamperedOrWronglySignedToken) {
  auto verifier = HsVerifier();
  ExpectInvalid(verifier->Verify(Hs256(Claims(), "another-secret-another-secret-another"), kNow),
                "Could not verify JWT: JWSError JWSInvalidSignature");
  std::string token = Hs256(Claims());
  const size_t payload_start = token.find('.') + 1;
  token[payload_start + 5] = token[payload_start + 5] == 'A' ? 'B' : 'A';
  ExpectInvalid(verifier->Verify(token, kNow),
                "Could not verify JWT: JWSError JWSInvalidSignature");
  std::string truncated = Hs256(Claims());
  truncated.pop_back();
  EXPECT_FALSE(verifier->Verify(truncated, kNow));
}

TEST(JwtVerifierTest, RefusesAlgNoneAndAnotherAlgorithm) {
  auto verifier = HsVerifier();
  const std::string unsigned_token =
      Base64UrlEncode(R"({"alg":"none"})") + "." + Base64UrlEncode(Claims().dump()) + ".";
  ExpectInvalid(verifier->Verify(unsigned_token, kNow),
                "Could not verify JWT: JWSError JWSInvalidSignature");
  // An HS384 token signed with the right secret: the key is HS256's, so it is refused.
  const std::string hs384 = Token({{"alg", "HS384"}}, Claims(), [](std::string_view input) {
    return HmacSign(kSecret, EVP_sha384(), input);
  });
  ExpectInvalid(verifier->Verify(hs384, kNow),
                "Could not verify JWT: JWSError JWSInvalidSignature");
  // The classic confusion: an RS256 verifier given an HS256 token keyed with its public key.
  Pkey rsa = RsaKey();
  const std::string pem = PublicPem(rsa.get());
  auto rs_verifier = Verifier({{"type", "RS256"}, {"key", pem}});
  const std::string confused = Token({{"alg", "HS256"}}, Claims(), [&](std::string_view input) {
    return HmacSign(pem, EVP_sha256(), input);
  });
  ExpectInvalid(rs_verifier->Verify(confused, kNow),
                "Could not verify JWT: JWSError JWSInvalidSignature");
}

TEST(JwtVerifierTest, RefusesMalformedTokens) {
  auto verifier = HsVerifier();
  ExpectInvalid(verifier->Verify("abc.def", kNow),
                "Could not verify JWT: JWSError (CompactDecodeError Invalid number of parts: "
                "Expected 3 parts; got 2)");
  ExpectInvalid(verifier->Verify("a!c.def.ghi", kNow),
                "Could not verify JWT: JWSError (CompactDecodeError Invalid text: not base64url)");
  EXPECT_FALSE(verifier->Verify(Base64UrlEncode("[1]") + ".e30.", kNow));
}

TEST(JwtVerifierTest, ChecksExpiryNotBeforeAndSkew) {
  auto verifier = HsVerifier();
  ExpectInvalid(verifier->Verify(Hs256(Claims({{"exp", kNow - 1}})), kNow),
                "Could not verify JWT: JWTExpired");
  EXPECT_TRUE(verifier->Verify(Hs256(Claims({{"exp", kNow}})), kNow));
  ExpectInvalid(verifier->Verify(Hs256(Claims({{"nbf", kNow + 30}})), kNow),
                "Could not verify JWT: JWTNotYetValid");
  EXPECT_TRUE(verifier->Verify(Hs256(Claims({{"nbf", kNow}})), kNow));
  nlohmann::json no_exp = Claims();
  no_exp.erase("exp");
  no_exp.erase("iat");
  EXPECT_TRUE(verifier->Verify(Hs256(no_exp), kNow)) << "exp and iat are optional";

  auto skewed = HsVerifier({{"allowed_skew", 60}});
  EXPECT_TRUE(skewed->Verify(Hs256(Claims({{"exp", kNow - 59}})), kNow));
  EXPECT_TRUE(skewed->Verify(Hs256(Claims({{"nbf", kNow + 59}})), kNow));
  ExpectInvalid(skewed->Verify(Hs256(Claims({{"exp", kNow - 61}})), kNow),
                "Could not verify JWT: JWTExpired");
}

TEST(JwtVerifierTest, ChecksAudienceAndIssuer) {
  auto verifier = HsVerifier({{"audience", {"app-1", "app-2"}}, {"issuer", "https://auth"}});
  EXPECT_TRUE(verifier->Verify(Hs256(Claims({{"aud", "app-2"}, {"iss", "https://auth"}})), kNow));
  EXPECT_TRUE(verifier->Verify(Hs256(Claims({{"aud", {"x", "app-1"}}})), kNow));
  ExpectInvalid(verifier->Verify(Hs256(Claims({{"aud", "app-3"}})), kNow),
                "Could not verify JWT: JWTNotInAudience");
  ExpectInvalid(verifier->Verify(Hs256(Claims({{"iss", "https://evil"}})), kNow),
                "Could not verify JWT: JWTNotInIssuer");
}

TEST(JwtVerifierTest, VerifiesRs256WithAPublicKeyOrACertificate) {
  Pkey rsa = RsaKey();
  const std::string token =
      Token({{"alg", "RS256"}, {"typ", "JWT"}}, Claims(),
            [&](std::string_view input) { return Sign(rsa.get(), EVP_sha256(), input); });
  for (const std::string& key : {PublicPem(rsa.get()), CertificatePem(rsa.get())}) {
    auto verifier = Verifier({{"type", "RS256"}, {"key", key}});
    Result<JwtClaims> claims = verifier->Verify(token, kNow);
    ASSERT_TRUE(claims) << claims.error().message;
    EXPECT_EQ(claims->values.at("x-hasura-user-id"), "42");
  }
  Pkey other = RsaKey();
  auto wrong = Verifier({{"type", "RS256"}, {"key", PublicPem(other.get())}});
  ExpectInvalid(wrong->Verify(token, kNow), "Could not verify JWT: JWSError JWSInvalidSignature");
  auto rs512 = Verifier({{"type", "RS512"}, {"key", PublicPem(rsa.get())}});
  ExpectInvalid(rs512->Verify(token, kNow), "Could not verify JWT: JWSError JWSInvalidSignature");
}

TEST(JwtVerifierTest, VerifiesEs256And384WithJoseSignatures) {
  for (auto [type, curve, digest, half] :
       {std::tuple{"ES256", "P-256", EVP_sha256(), size_t{32}},
        std::tuple{"ES384", "P-384", EVP_sha384(), size_t{48}}}) {
    Pkey ec = EcKey(curve);
    auto verifier = Verifier({{"type", type}, {"key", PublicPem(ec.get())}});
    const std::string token = Token({{"alg", type}}, Claims(), [&](std::string_view input) {
      return DerToJose(Sign(ec.get(), digest, input), half);
    });
    EXPECT_TRUE(verifier->Verify(token, kNow)) << type;
    const std::string der_token = Token({{"alg", type}}, Claims(), [&](std::string_view input) {
      return Sign(ec.get(), digest, input);
    });
    EXPECT_FALSE(verifier->Verify(der_token, kNow)) << "a DER signature is no JOSE signature";
  }
}

TEST(JwtVerifierTest, VerifiesEd25519) {
  Pkey ed = Ed25519Key();
  auto verifier = Verifier({{"type", "Ed25519"}, {"key", PublicPem(ed.get())}});
  const std::string token = Token({{"alg", "EdDSA"}}, Claims(), [&](std::string_view input) {
    return Sign(ed.get(), nullptr, input);
  });
  EXPECT_TRUE(verifier->Verify(token, kNow));
  Pkey other = Ed25519Key();
  const std::string forged = Token({{"alg", "EdDSA"}}, Claims(), [&](std::string_view input) {
    return Sign(other.get(), nullptr, input);
  });
  ExpectInvalid(verifier->Verify(forged, kNow),
                "Could not verify JWT: JWSError JWSInvalidSignature");
}

std::string JwkNumber(EVP_PKEY* key, const char* name) {
  BIGNUM* number = nullptr;
  EVP_PKEY_get_bn_param(key, name, &number);
  std::string bytes(static_cast<size_t>(BN_num_bytes(number)), '\0');
  BN_bn2bin(number, reinterpret_cast<unsigned char*>(bytes.data()));
  BN_free(number);
  return Base64UrlEncode(bytes);
}

TEST(JwtVerifierTest, VerifiesWithAJwkSetChoosingByKid) {
  Pkey rsa = RsaKey();
  Pkey ec = EcKey("P-256");
  std::string ec_point(65, '\0');
  size_t length = 0;
  EVP_PKEY_get_octet_string_param(ec.get(), OSSL_PKEY_PARAM_PUB_KEY,
                                  reinterpret_cast<unsigned char*>(ec_point.data()),
                                  ec_point.size(), &length);
  nlohmann::json jwks = {{"keys",
                          {{{"kty", "RSA"},
                            {"kid", "r1"},
                            {"alg", "RS256"},
                            {"use", "sig"},
                            {"n", JwkNumber(rsa.get(), OSSL_PKEY_PARAM_RSA_N)},
                            {"e", JwkNumber(rsa.get(), OSSL_PKEY_PARAM_RSA_E)}},
                           {{"kty", "EC"},
                            {"kid", "e1"},
                            {"crv", "P-256"},
                            {"x", Base64UrlEncode(ec_point.substr(1, 32))},
                            {"y", Base64UrlEncode(ec_point.substr(33, 32))}},
                           {{"kty", "unknown"}, {"kid", "skipped"}}}}};
  auto verifier = Verifier({{"jwk_url", "http://127.0.0.1:1/jwks"}});
  EXPECT_FALSE(verifier->HasKeys());
  const std::string rs =
      Token({{"alg", "RS256"}, {"kid", "r1"}}, Claims(),
            [&](std::string_view input) { return Sign(rsa.get(), EVP_sha256(), input); });
  ExpectInvalid(verifier->Verify(rs, kNow), "Could not verify JWT: JWSError NoUsableKeys");
  ASSERT_TRUE(verifier->SetJwks(jwks.dump()));
  EXPECT_TRUE(verifier->HasKeys());
  EXPECT_TRUE(verifier->Verify(rs, kNow));
  const std::string es = Token({{"alg", "ES256"}}, Claims(), [&](std::string_view input) {
    return DerToJose(Sign(ec.get(), EVP_sha256(), input), 32);
  });
  EXPECT_TRUE(verifier->Verify(es, kNow)) << "without a kid every key is tried";
  const std::string wrong_kid =
      Token({{"alg", "RS256"}, {"kid", "e1"}}, Claims(),
            [&](std::string_view input) { return Sign(rsa.get(), EVP_sha256(), input); });
  EXPECT_FALSE(verifier->Verify(wrong_kid, kNow));
  EXPECT_FALSE(verifier->SetJwks("[]"));
  EXPECT_TRUE(verifier->Verify(rs, kNow)) << "a bad set leaves the keys as they were";
}

TEST(JwtClaimsTest, ClaimsNamespaceAndPath) {
  nlohmann::json hasura = Claims()["https://hasura.io/jwt/claims"];
  nlohmann::json payload = {{"exp", kNow + 60}, {"custom", hasura}, {"nested", {{"c", hasura}}}};
  EXPECT_TRUE(HsVerifier({{"claims_namespace", "custom"}})->Verify(Hs256(payload), kNow));
  EXPECT_TRUE(HsVerifier({{"claims_namespace_path", "$.nested.c"}})->Verify(Hs256(payload), kNow));
  ExpectInvalid(HsVerifier()->Verify(Hs256(payload), kNow),
                "claims key: 'https://hasura.io/jwt/claims' not found",
                ErrorCode::kJwtInvalidClaims);
  ExpectInvalid(HsVerifier({{"claims_namespace_path", "$.nested.x"}})->Verify(Hs256(payload), kNow),
                "claims not found at claims_namespace_path: '$.nested.x'",
                ErrorCode::kJwtInvalidClaims);
  ExpectInvalid(HsVerifier({{"claims_namespace", "exp"}})->Verify(Hs256(payload), kNow),
                "claims key: 'exp' not found",
                ErrorCode::kJwtInvalidClaims);  // registered claims are no namespace
}

TEST(JwtClaimsTest, StringifiedClaims) {
  nlohmann::json hasura = Claims()["https://hasura.io/jwt/claims"];
  auto verifier = HsVerifier({{"claims_format", "stringified_json"}});
  Result<JwtClaims> claims = verifier->Verify(
      Hs256({{"https://hasura.io/jwt/claims", hasura.dump()}, {"exp", kNow + 1}}), kNow);
  ASSERT_TRUE(claims) << claims.error().message;
  EXPECT_EQ(claims->values.at("x-hasura-user-id"), "42");
  ExpectInvalid(verifier->Verify(Hs256(Claims()), kNow),
                "expecting a string when claims_format is stringified_json",
                ErrorCode::kJwtInvalidClaims);
  ExpectInvalid(verifier->Verify(Hs256({{"https://hasura.io/jwt/claims", "{nope"}}), kNow),
                "expecting stringified json at: 'claims_namespace https://hasura.io/jwt/claims', "
                "but found: {nope",
                ErrorCode::kJwtInvalidClaims);
  ExpectInvalid(HsVerifier()->Verify(Hs256({{"https://hasura.io/jwt/claims", "{}"}}), kNow),
                "expecting a json object when claims_format is json", ErrorCode::kJwtInvalidClaims);
}

TEST(JwtClaimsTest, ClaimsMapPathsDefaultsAndLiterals) {
  auto verifier = HsVerifier({{"claims_map",
                               {{"x-hasura-allowed-roles", {{"path", "$.user.roles"}}},
                                {"x-hasura-default-role", {{"path", "$.user.roles[0]"}}},
                                {"x-hasura-user-id", {{"path", "$.sub"}}},
                                {"x-hasura-org", {{"path", "$.user.org"}, {"default", "none"}}},
                                {"x-hasura-tier", "gold"}}}});
  Result<JwtClaims> claims =
      verifier->Verify(Hs256({{"sub", "u1"}, {"user", {{"roles", {"viewer", "x"}}}}}), kNow);
  ASSERT_TRUE(claims) << claims.error().message;
  EXPECT_EQ(claims->values.at("x-hasura-allowed-roles"), nlohmann::json({"viewer", "x"}));
  EXPECT_EQ(claims->values.at("x-hasura-default-role"), "viewer");
  EXPECT_EQ(claims->values.at("x-hasura-user-id"), "u1") << "paths reach registered claims";
  EXPECT_EQ(claims->values.at("x-hasura-org"), "none");
  EXPECT_EQ(claims->values.at("x-hasura-tier"), "gold");
  ExpectInvalid(verifier->Verify(Hs256({{"user", {{"roles", {"viewer"}}}}}), kNow),
                "JWT claim from claims_map, x-hasura-user-id not found",
                ErrorCode::kJwtInvalidClaims);
  ExpectInvalid(verifier->Verify(Hs256({{"sub", "u1"}}), kNow),
                "JWT claim does not contain x-hasura-allowed-roles",
                ErrorCode::kJwtMissingRoleClaims);
}

}  // namespace
}  // namespace junction::server
