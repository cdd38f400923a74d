#include "server/jwt.h"

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/decoder.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/param_build.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include <algorithm>
#include <cctype>
#include <cmath>

#include <fmt/format.h>

namespace junction::server {

// The algorithms a JWS header may name (RFC 7518 §3.1, RFC 8037 for EdDSA).
enum class Family { kHmac, kRsa, kEcdsa, kEdDsa };

struct Algorithm {
  std::string_view name;  // header "alg"
  Family family;
  const EVP_MD* (*digest)();  // null for EdDSA
  size_t ec_half = 0;         // ECDSA: bytes of r (and of s) in the JOSE signature
  std::string_view curve;     // ECDSA: the key's group
};

namespace {

constexpr Algorithm kAlgorithms[] = {
    {"HS256", Family::kHmac, EVP_sha256, 0, ""},
    {"HS384", Family::kHmac, EVP_sha384, 0, ""},
    {"HS512", Family::kHmac, EVP_sha512, 0, ""},
    {"RS256", Family::kRsa, EVP_sha256, 0, ""},
    {"RS384", Family::kRsa, EVP_sha384, 0, ""},
    {"RS512", Family::kRsa, EVP_sha512, 0, ""},
    {"ES256", Family::kEcdsa, EVP_sha256, 32, "prime256v1"},
    {"ES384", Family::kEcdsa, EVP_sha384, 48, "secp384r1"},
    {"ES512", Family::kEcdsa, EVP_sha512, 66, "secp521r1"},
    {"EdDSA", Family::kEdDsa, nullptr, 0, ""},
};

const Algorithm* FindAlgorithm(std::string_view name) {
  for (const Algorithm& algorithm : kAlgorithms) {
    if (algorithm.name == name) return &algorithm;
  }
  return nullptr;
}

struct PkeyDeleter {
  void operator()(EVP_PKEY* key) const { EVP_PKEY_free(key); }
};
using Pkey = std::unique_ptr<EVP_PKEY, PkeyDeleter>;

Error Invalid(std::string_view what) {
  return Error(ErrorCode::kInvalidJwt, fmt::format("Could not verify JWT: {}", what));
}

Error InvalidClaims(std::string message) {
  return Error(ErrorCode::kJwtInvalidClaims, std::move(message));
}

std::string Lower(std::string_view text) {
  std::string lower(text);
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return lower;
}

bool IsSessionVariable(std::string_view name) { return Lower(name).starts_with("x-hasura-"); }

// A PEM public key (SubjectPublicKeyInfo or PKCS#1 RSA) or X.509 certificate.
Result<Pkey> ParsePem(std::string_view pem) {
  std::unique_ptr<BIO, decltype(&BIO_free)> bio(
      BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())), BIO_free);
  if (pem.find("BEGIN CERTIFICATE") != std::string_view::npos) {
    std::unique_ptr<X509, decltype(&X509_free)> cert(
        PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr), X509_free);
    if (!cert) return Error(ErrorCode::kInvalidConfiguration, "could not parse the certificate");
    Pkey key(X509_get_pubkey(cert.get()));
    if (!key) return Error(ErrorCode::kInvalidConfiguration, "the certificate has no public key");
    return key;
  }
  EVP_PKEY* raw = nullptr;
  std::unique_ptr<OSSL_DECODER_CTX, decltype(&OSSL_DECODER_CTX_free)> decoder(
      OSSL_DECODER_CTX_new_for_pkey(&raw, "PEM", nullptr, nullptr, EVP_PKEY_PUBLIC_KEY, nullptr,
                                    nullptr),
      OSSL_DECODER_CTX_free);
  const auto* data = reinterpret_cast<const unsigned char*>(pem.data());
  size_t length = pem.size();
  if (!decoder || OSSL_DECODER_from_data(decoder.get(), &data, &length) != 1 || raw == nullptr) {
    return Error(ErrorCode::kInvalidConfiguration, "could not parse the PEM public key");
  }
  return Pkey(raw);
}

std::string GroupName(EVP_PKEY* key) {
  char name[64] = {};
  size_t length = 0;
  if (EVP_PKEY_get_group_name(key, name, sizeof(name), &length) != 1) return "";
  return std::string(name, length);
}

// Whether `key` is of the kind `algorithm` needs (an RS256 secret cannot be an EC key).
bool KeyFits(EVP_PKEY* key, const Algorithm& algorithm) {
  switch (algorithm.family) {
    case Family::kHmac:
      return false;
    case Family::kRsa:
      return EVP_PKEY_is_a(key, "RSA") == 1;
    case Family::kEcdsa:
      return EVP_PKEY_is_a(key, "EC") == 1 && GroupName(key) == algorithm.curve;
    case Family::kEdDsa:
      return EVP_PKEY_is_a(key, "ED25519") == 1;
  }
  return false;
}

bool DigestVerify(EVP_PKEY* key, const EVP_MD* digest, std::string_view input,
                  std::string_view signature) {
  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> context(EVP_MD_CTX_new(),
                                                                  EVP_MD_CTX_free);
  if (!context || EVP_DigestVerifyInit(context.get(), nullptr, digest, nullptr, key) != 1) {
    return false;
  }
  return EVP_DigestVerify(context.get(), reinterpret_cast<const unsigned char*>(signature.data()),
                          signature.size(), reinterpret_cast<const unsigned char*>(input.data()),
                          input.size()) == 1;
}

// JOSE's ECDSA signature is r || s, fixed width; OpenSSL verifies the DER ECDSA-Sig-Value.
std::optional<std::string> EcdsaSignatureToDer(std::string_view signature, size_t half) {
  if (signature.size() != 2 * half) return std::nullopt;
  const auto* bytes = reinterpret_cast<const unsigned char*>(signature.data());
  std::unique_ptr<ECDSA_SIG, decltype(&ECDSA_SIG_free)> sig(ECDSA_SIG_new(), ECDSA_SIG_free);
  BIGNUM* r = BN_bin2bn(bytes, static_cast<int>(half), nullptr);
  BIGNUM* s = BN_bin2bn(bytes + half, static_cast<int>(half), nullptr);
  if (!sig || !r || !s || ECDSA_SIG_set0(sig.get(), r, s) != 1) {
    BN_free(r);
    BN_free(s);
    return std::nullopt;
  }
  unsigned char* der = nullptr;
  const int length = i2d_ECDSA_SIG(sig.get(), &der);
  if (length <= 0) return std::nullopt;
  std::string result(reinterpret_cast<char*>(der), static_cast<size_t>(length));
  OPENSSL_free(der);
  return result;
}

// A big-endian unsigned integer from a JWK member (base64url).
BIGNUM* JwkNumber(const nlohmann::json& jwk, const char* member) {
  auto it = jwk.find(member);
  if (it == jwk.end() || !it->is_string()) return nullptr;
  std::optional<std::string> bytes = Base64UrlDecode(it->get<std::string>());
  if (!bytes || bytes->empty()) return nullptr;
  return BN_bin2bn(reinterpret_cast<const unsigned char*>(bytes->data()),
                   static_cast<int>(bytes->size()), nullptr);
}

Pkey KeyFromParams(const char* type, OSSL_PARAM_BLD* builder) {
  std::unique_ptr<OSSL_PARAM, decltype(&OSSL_PARAM_free)> params(OSSL_PARAM_BLD_to_param(builder),
                                                                 OSSL_PARAM_free);
  std::unique_ptr<EVP_PKEY_CTX, decltype(&EVP_PKEY_CTX_free)> context(
      EVP_PKEY_CTX_new_from_name(nullptr, type, nullptr), EVP_PKEY_CTX_free);
  EVP_PKEY* key = nullptr;
  if (!params || !context || EVP_PKEY_fromdata_init(context.get()) != 1 ||
      EVP_PKEY_fromdata(context.get(), &key, EVP_PKEY_PUBLIC_KEY, params.get()) != 1) {
    return nullptr;
  }
  return Pkey(key);
}

Pkey RsaFromJwk(const nlohmann::json& jwk) {
  std::unique_ptr<BIGNUM, decltype(&BN_free)> n(JwkNumber(jwk, "n"), BN_free);
  std::unique_ptr<BIGNUM, decltype(&BN_free)> e(JwkNumber(jwk, "e"), BN_free);
  std::unique_ptr<OSSL_PARAM_BLD, decltype(&OSSL_PARAM_BLD_free)> builder(OSSL_PARAM_BLD_new(),
                                                                          OSSL_PARAM_BLD_free);
  if (!n || !e || !builder ||
      OSSL_PARAM_BLD_push_BN(builder.get(), OSSL_PKEY_PARAM_RSA_N, n.get()) != 1 ||
      OSSL_PARAM_BLD_push_BN(builder.get(), OSSL_PKEY_PARAM_RSA_E, e.get()) != 1) {
    return nullptr;
  }
  return KeyFromParams("RSA", builder.get());
}

Pkey EcFromJwk(const nlohmann::json& jwk, const Algorithm& algorithm) {
  std::optional<std::string> x = Base64UrlDecode(jwk.value("x", ""));
  std::optional<std::string> y = Base64UrlDecode(jwk.value("y", ""));
  if (!x || !y || x->size() != algorithm.ec_half || y->size() != algorithm.ec_half) return nullptr;
  const std::string point = "\x04" + *x + *y;  // uncompressed
  std::string curve(algorithm.curve);
  std::unique_ptr<OSSL_PARAM_BLD, decltype(&OSSL_PARAM_BLD_free)> builder(OSSL_PARAM_BLD_new(),
                                                                          OSSL_PARAM_BLD_free);
  if (!builder ||
      OSSL_PARAM_BLD_push_utf8_string(builder.get(), OSSL_PKEY_PARAM_GROUP_NAME, curve.c_str(),
                                      0) != 1 ||
      OSSL_PARAM_BLD_push_octet_string(builder.get(), OSSL_PKEY_PARAM_PUB_KEY, point.data(),
                                       point.size()) != 1) {
    return nullptr;
  }
  return KeyFromParams("EC", builder.get());
}

// One step of a JSON path: .key, ['key'], ["key"] or [index].
Result<JsonPath> ParsePathSteps(std::string_view text) {
  JsonPath path;
  size_t i = 0;
  auto fail = [&](std::string_view why) {
    return Error(ErrorCode::kInvalidConfiguration,
                 fmt::format("invalid JSON path \"{}\": {} at position {}", text, why, i));
  };
  if (i < text.size() && text[i] == '$') ++i;
  bool first = true;
  while (i < text.size()) {
    if (text[i] == '.' || (first && text[i] != '[')) {
      if (text[i] == '.') ++i;
      const size_t start = i;
      while (i < text.size() && text[i] != '.' && text[i] != '[') ++i;
      if (i == start) return fail("expected a key");
      path.emplace_back(std::string(text.substr(start, i - start)));
    } else if (text[i] == '[') {
      ++i;
      if (i < text.size() && (text[i] == '\'' || text[i] == '"')) {
        const char quote = text[i++];
        const size_t end = text.find(quote, i);
        if (end == std::string_view::npos) return fail("unterminated key");
        path.emplace_back(std::string(text.substr(i, end - i)));
        i = end + 1;
      } else {
        size_t index = 0;
        const size_t start = i;
        while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i]))) {
          index = index * 10 + static_cast<size_t>(text[i] - '0');
          ++i;
        }
        if (i == start) return fail("expected an index or a quoted key");
        path.emplace_back(index);
      }
      if (i >= text.size() || text[i] != ']') return fail("expected ]");
      ++i;
    } else {
      return fail("unexpected character");
    }
    first = false;
  }
  return path;
}

}  // namespace

struct JwtVerifier::Key {
  std::string kid;
  std::vector<const Algorithm*> algorithms;  // those it verifies
  std::string secret;                        // HMAC
  Pkey public_key;
};

Result<JsonPath> ParseJsonPath(std::string_view text) { return ParsePathSteps(text); }

const nlohmann::json* FindAtPath(const nlohmann::json& value, const JsonPath& path) {
  const nlohmann::json* at = &value;
  for (const auto& step : path) {
    if (const auto* key = std::get_if<std::string>(&step)) {
      if (!at->is_object()) return nullptr;
      auto it = at->find(*key);
      if (it == at->end()) return nullptr;
      at = &*it;
    } else {
      const size_t index = std::get<size_t>(step);
      if (!at->is_array() || index >= at->size()) return nullptr;
      at = &(*at)[index];
    }
  }
  return at;
}

std::optional<std::string> Base64UrlDecode(std::string_view text) {
  while (!text.empty() && text.back() == '=') text.remove_suffix(1);
  if (text.size() % 4 == 1) return std::nullopt;
  std::string out;
  out.reserve(text.size() * 3 / 4);
  uint32_t buffer = 0;
  int bits = 0;
  for (char c : text) {
    int value;
    if (c >= 'A' && c <= 'Z') {
      value = c - 'A';
    } else if (c >= 'a' && c <= 'z') {
      value = c - 'a' + 26;
    } else if (c >= '0' && c <= '9') {
      value = c - '0' + 52;
    } else if (c == '-') {
      value = 62;
    } else if (c == '_') {
      value = 63;
    } else {
      return std::nullopt;
    }
    buffer = (buffer << 6) | static_cast<uint32_t>(value);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push_back(static_cast<char>((buffer >> bits) & 0xff));
    }
  }
  return out;
}

std::string Base64UrlEncode(std::string_view bytes) {
  static constexpr char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  std::string out;
  uint32_t buffer = 0;
  int bits = 0;
  for (char c : bytes) {
    buffer = (buffer << 8) | static_cast<unsigned char>(c);
    bits += 8;
    while (bits >= 6) {
      bits -= 6;
      out.push_back(kAlphabet[(buffer >> bits) & 0x3f]);
    }
  }
  if (bits > 0) out.push_back(kAlphabet[(buffer << (6 - bits)) & 0x3f]);
  return out;
}

Result<JwtConfig> ParseJwtConfig(std::string_view json_text) {
  auto bad = [](std::string message) {
    return Error(ErrorCode::kInvalidConfiguration, std::move(message));
  };
  nlohmann::json json = nlohmann::json::parse(json_text, nullptr, false);
  if (json.is_discarded() || !json.is_object()) return bad("expected a JSON object");
  JwtConfig config;
  auto string_member = [&](const char* name, std::string& out) -> Status {
    auto it = json.find(name);
    if (it == json.end() || it->is_null()) return {};
    if (!it->is_string()) return bad(fmt::format("\"{}\" must be a string", name));
    out = it->get<std::string>();
    return {};
  };
  for (auto [name, out] :
       {std::pair{"type", &config.type}, std::pair{"key", &config.key},
        std::pair{"jwk_url", &config.jwk_url},
        std::pair{"claims_namespace", &config.claims_namespace},
        std::pair{"claims_namespace_path", &config.claims_namespace_path_text}}) {
    if (Status status = string_member(name, *out); !status) return status.error();
  }
  if (config.key.empty() && config.jwk_url.empty()) {
    return bad("key and jwk_url both cannot be empty");
  }
  if (!config.key.empty() && !config.jwk_url.empty()) {
    return bad("key, jwk_url both cannot be present");
  }
  if (!config.key.empty() && config.type.empty()) return bad("\"type\" is required with \"key\"");
  if (json.contains("claims_namespace") && json.contains("claims_namespace_path")) {
    return bad("claims_namespace and claims_namespace_path both cannot be set");
  }
  if (json.contains("claims_namespace_path")) {
    Result<JsonPath> path = ParseJsonPath(config.claims_namespace_path_text);
    if (!path) {
      return bad("invalid JSON path claims_namespace_path error: " + path.error().message);
    }
    config.claims_namespace_path = std::move(*path);
  }
  if (auto format = json.find("claims_format"); format != json.end() && !format->is_null()) {
    if (*format == "stringified_json") {
      config.stringified_claims = true;
    } else if (*format != "json") {
      return bad("claims_format must be \"json\" or \"stringified_json\"");
    }
  }
  if (auto audience = json.find("audience"); audience != json.end() && !audience->is_null()) {
    if (audience->is_string()) {
      config.audience.push_back(audience->get<std::string>());
    } else if (audience->is_array() &&
               std::all_of(audience->begin(), audience->end(),
                           [](const nlohmann::json& a) { return a.is_string(); })) {
      for (const auto& a : *audience) config.audience.push_back(a.get<std::string>());
    } else {
      return bad("\"audience\" must be a string or a list of strings");
    }
  }
  if (auto issuer = json.find("issuer"); issuer != json.end() && !issuer->is_null()) {
    if (!issuer->is_string()) return bad("\"issuer\" must be a string");
    config.issuer = issuer->get<std::string>();
  }
  if (auto skew = json.find("allowed_skew"); skew != json.end() && !skew->is_null()) {
    if (!skew->is_number() || skew->get<double>() < 0) {
      return bad("\"allowed_skew\" must be a number of seconds");
    }
    config.allowed_skew = static_cast<int64_t>(skew->get<double>());
  }
  if (auto header = json.find("header"); header != json.end() && !header->is_null()) {
    const std::string type = header->is_object() ? Lower(header->value("type", "")) : "";
    if (type == "cookie") {
      config.cookie_name = header->value("name", "");
      if (config.cookie_name.empty()) return bad("\"header\" of type Cookie needs a \"name\"");
    } else if (type != "authorization") {
      return bad("expected 'type' is 'Authorization' or 'Cookie'");
    }
  }
  if (auto map = json.find("claims_map"); map != json.end() && !map->is_null()) {
    if (!map->is_object()) return bad("\"claims_map\" must be an object");
    for (const char* required : {"x-hasura-allowed-roles", "x-hasura-default-role"}) {
      if (!map->contains(required))
        return bad(fmt::format("{} is expected but not found", required));
    }
    for (const auto& [name, entry] : map->items()) {
      if (entry.is_object()) {
        if (!entry.contains("path") || !entry["path"].is_string()) {
          return bad(fmt::format("claims_map.{}: expected a \"path\"", name));
        }
        if (Result<JsonPath> path = ParseJsonPath(entry["path"].get<std::string>()); !path) {
          return bad(fmt::format("claims_map.{}: {}", name, path.error().message));
        }
      } else if (name == "x-hasura-allowed-roles" ? !entry.is_array() : !entry.is_string()) {
        return bad(fmt::format("claims_map.{}: expected a path object or a literal {}", name,
                               name == "x-hasura-allowed-roles" ? "list of roles" : "string"));
      }
    }
    config.claims_map = *map;
  }
  return config;
}

JwtVerifier::JwtVerifier(JwtConfig config)
    : config_(std::move(config)), keys_(std::make_shared<const KeySet>()) {}

Result<std::shared_ptr<JwtVerifier>> JwtVerifier::Create(std::string_view config_json) {
  Result<JwtConfig> config = ParseJwtConfig(config_json);
  if (!config) return config.error();
  auto verifier = std::make_shared<JwtVerifier>(std::move(*config));
  const JwtConfig& c = verifier->config_;
  if (c.key.empty()) return verifier;  // jwk_url: keys come later
  auto invalid = [](std::string message) {
    return Error(ErrorCode::kInvalidConfiguration, "Invalid JWK: " + std::move(message));
  };
  const Algorithm* algorithm = FindAlgorithm(c.type == "Ed25519" ? "EdDSA" : c.type);
  if (!algorithm || c.type == "EdDSA") {
    return invalid(fmt::format("Key type: {} is not supported", c.type));
  }
  auto key = std::make_shared<Key>();
  key->algorithms.push_back(algorithm);
  if (algorithm->family == Family::kHmac) {
    const size_t bytes = static_cast<size_t>(EVP_MD_get_size(algorithm->digest()));
    if (c.key.size() < bytes) {
      return invalid(fmt::format("Key size too small; should be atleast {} characters", bytes));
    }
    key->secret = c.key;
  } else {
    Result<Pkey> pkey = ParsePem(c.key);
    if (!pkey) return invalid(pkey.error().message);
    if (!KeyFits(pkey->get(), *algorithm)) {
      return invalid(fmt::format("the key is no {} key", c.type));
    }
    key->public_key = std::move(*pkey);
  }
  verifier->keys_.store(std::make_shared<const KeySet>(KeySet{std::move(key)}));
  return verifier;
}

Status JwtVerifier::SetJwks(std::string_view jwks_json) {
  nlohmann::json json = nlohmann::json::parse(jwks_json, nullptr, false);
  if (json.is_discarded() || !json.is_object() || !json.contains("keys") ||
      !json["keys"].is_array()) {
    return Error(ErrorCode::kInvalidConfiguration, "expected a JWK set: {\"keys\": [...]}");
  }
  KeySet keys;
  for (const nlohmann::json& jwk : json["keys"]) {
    if (!jwk.is_object() || jwk.value("use", "sig") != "sig") continue;
    auto key = std::make_shared<Key>();
    key->kid = jwk.value("kid", "");
    const std::string kty = jwk.value("kty", "");
    const std::string alg = jwk.value("alg", "");
    const std::string crv = jwk.value("crv", "");
    for (const Algorithm& algorithm : kAlgorithms) {
      if (!alg.empty() && algorithm.name != alg) continue;
      const bool fits = (kty == "RSA" && algorithm.family == Family::kRsa) ||
                        (kty == "oct" && algorithm.family == Family::kHmac) ||
                        (kty == "OKP" && crv == "Ed25519" && algorithm.family == Family::kEdDsa) ||
                        (kty == "EC" && algorithm.family == Family::kEcdsa &&
                         ((crv == "P-256" && algorithm.name == "ES256") ||
                          (crv == "P-384" && algorithm.name == "ES384") ||
                          (crv == "P-521" && algorithm.name == "ES512")));
      if (fits) key->algorithms.push_back(&algorithm);
    }
    if (key->algorithms.empty()) continue;
    if (kty == "RSA") {
      key->public_key = RsaFromJwk(jwk);
    } else if (kty == "EC") {
      key->public_key = EcFromJwk(jwk, *key->algorithms.front());
    } else if (kty == "OKP") {
      std::optional<std::string> x = Base64UrlDecode(jwk.value("x", ""));
      if (x && x->size() == 32) {
        key->public_key.reset(EVP_PKEY_new_raw_public_key(
            EVP_PKEY_ED25519, nullptr, reinterpret_cast<const unsigned char*>(x->data()),
            x->size()));
      }
    } else if (std::optional<std::string> k = Base64UrlDecode(jwk.value("k", "")); k) {
      key->secret = *k;
    }
    if (!key->public_key && key->secret.empty()) continue;
    keys.push_back(std::move(key));
  }
  keys_.store(std::make_shared<const KeySet>(std::move(keys)));
  return {};
}

Result<nlohmann::json> JwtVerifier::VerifiedPayload(std::string_view token, int64_t now) const {
  const size_t first = token.find('.');
  const size_t second = first == std::string_view::npos ? first : token.find('.', first + 1);
  const size_t parts = 1 + static_cast<size_t>(std::count(token.begin(), token.end(), '.'));
  if (parts != 3) {
    return Invalid(fmt::format(
        "JWSError (CompactDecodeError Invalid number of parts: Expected 3 parts; got {})", parts));
  }
  const std::string_view signing_input = token.substr(0, second);
  std::optional<std::string> header_text = Base64UrlDecode(token.substr(0, first));
  std::optional<std::string> payload_text =
      Base64UrlDecode(token.substr(first + 1, second - first - 1));
  std::optional<std::string> signature = Base64UrlDecode(token.substr(second + 1));
  if (!header_text || !payload_text || !signature) {
    return Invalid("JWSError (CompactDecodeError Invalid text: not base64url)");
  }
  nlohmann::json header = nlohmann::json::parse(*header_text, nullptr, false);
  if (header.is_discarded() || !header.is_object() || !header.contains("alg") ||
      !header["alg"].is_string()) {
    return Invalid("JWSError (JSONDecodeError \"the header is no JSON object with an alg\")");
  }
  // The algorithm comes from the key: a header naming another one (or "none") verifies nothing.
  const Algorithm* algorithm = FindAlgorithm(header["alg"].get<std::string>());
  const std::string kid = header.value("kid", "");
  const std::shared_ptr<const KeySet> keys = keys_.load();
  bool verified = false;
  for (const std::shared_ptr<const Key>& key : *keys) {
    if (algorithm == nullptr) break;
    if (!kid.empty() && !key->kid.empty() && key->kid != kid) continue;
    if (std::find(key->algorithms.begin(), key->algorithms.end(), algorithm) ==
        key->algorithms.end()) {
      continue;
    }
    switch (algorithm->family) {
      case Family::kHmac: {
        unsigned char mac[EVP_MAX_MD_SIZE];
        unsigned int length = 0;
        if (key->secret.empty() ||
            HMAC(algorithm->digest(), key->secret.data(), static_cast<int>(key->secret.size()),
                 reinterpret_cast<const unsigned char*>(signing_input.data()), signing_input.size(),
                 mac, &length) == nullptr) {
          break;
        }
        verified =
            length == signature->size() && CRYPTO_memcmp(mac, signature->data(), length) == 0;
        break;
      }
      case Family::kRsa:
        verified =
            key->public_key && KeyFits(key->public_key.get(), *algorithm) &&
            DigestVerify(key->public_key.get(), algorithm->digest(), signing_input, *signature);
        break;
      case Family::kEcdsa: {
        std::optional<std::string> der = EcdsaSignatureToDer(*signature, algorithm->ec_half);
        verified = der && key->public_key && KeyFits(key->public_key.get(), *algorithm) &&
                   DigestVerify(key->public_key.get(), algorithm->digest(), signing_input, *der);
        break;
      }
      case Family::kEdDsa:
        verified = key->public_key && KeyFits(key->public_key.get(), *algorithm) &&
                   DigestVerify(key->public_key.get(), nullptr, signing_input, *signature);
        break;
    }
    if (verified) break;
  }
  if (keys->empty()) return Invalid("JWSError NoUsableKeys");
  if (!verified) return Invalid("JWSError JWSInvalidSignature");

  nlohmann::json payload = nlohmann::json::parse(*payload_text, nullptr, false);
  if (payload.is_discarded() || !payload.is_object()) {
    return Invalid("JWTClaimsSetDecodeError \"expected a JSON object\"");
  }
  // jose's order: exp, iat, nbf, iss, aud; the skew widens each time window.
  const double skew = static_cast<double>(config_.allowed_skew);
  const double current = static_cast<double>(now);
  auto date = [&](const char* name) -> std::optional<double> {
    auto it = payload.find(name);
    if (it == payload.end() || !it->is_number()) return std::nullopt;
    return it->get<double>();
  };
  if (std::optional<double> exp = date("exp"); exp && current > *exp + skew) {
    return Invalid("JWTExpired");
  }
  if (std::optional<double> iat = date("iat"); iat && *iat > current + skew) {
    return Invalid("JWTIssuedAtFuture");
  }
  if (std::optional<double> nbf = date("nbf"); nbf && *nbf > current + skew) {
    return Invalid("JWTNotYetValid");
  }
  if (auto iss = payload.find("iss"); config_.issuer && iss != payload.end()) {
    if (!iss->is_string() || *iss != *config_.issuer) return Invalid("JWTNotInIssuer");
  }
  if (auto aud = payload.find("aud"); !config_.audience.empty() && aud != payload.end()) {
    std::vector<nlohmann::json> audiences;
    if (aud->is_array()) {
      audiences.assign(aud->begin(), aud->end());
    } else {
      audiences.push_back(*aud);
    }
    const bool found = std::any_of(audiences.begin(), audiences.end(), [&](const auto& a) {
      return a.is_string() && std::find(config_.audience.begin(), config_.audience.end(),
                                        a.template get<std::string>()) != config_.audience.end();
    });
    if (!found) return Invalid("JWTNotInAudience");
  }
  return payload;
}

Result<JwtClaims> JwtVerifier::HasuraClaims(const nlohmann::json& payload) const {
  JwtClaims claims;
  if (!config_.claims_map) {
    nlohmann::json unregistered = payload;
    for (const char* registered : {"iss", "sub", "aud", "exp", "nbf", "iat", "jti"}) {
      unregistered.erase(registered);
    }
    const nlohmann::json* found = nullptr;
    if (config_.claims_namespace_path) {
      found = FindAtPath(unregistered, *config_.claims_namespace_path);
    } else if (auto it = unregistered.find(config_.claims_namespace); it != unregistered.end()) {
      found = &*it;
    }
    if (found == nullptr) {
      return InvalidClaims(
          config_.claims_namespace_path
              ? fmt::format("claims not found at claims_namespace_path: '{}'",
                            config_.claims_namespace_path_text)
              : fmt::format("claims key: '{}' not found", config_.claims_namespace));
    }
    nlohmann::json object;
    if (config_.stringified_claims) {
      if (!found->is_string()) {
        return InvalidClaims("expecting a string when claims_format is stringified_json");
      }
      object = nlohmann::json::parse(found->get<std::string>(), nullptr, false);
      if (object.is_discarded() || !object.is_object()) {
        return InvalidClaims(
            fmt::format("expecting stringified json at: '{}', but found: {}",
                        config_.claims_namespace_path
                            ? "claims_namespace_path " + config_.claims_namespace_path_text
                            : "claims_namespace " + config_.claims_namespace,
                        found->get<std::string>()));
      }
    } else if (!found->is_object()) {
      return InvalidClaims("expecting a json object when claims_format is json");
    } else {
      object = *found;
    }
    for (const auto& [name, value] : object.items()) {
      if (IsSessionVariable(name)) claims.values.insert_or_assign(Lower(name), value);
    }
    return claims;
  }

  // claims_map: each session variable from a path into the whole claims set, or a literal.
  for (const auto& [raw_name, entry] : config_.claims_map->items()) {
    const std::string name = Lower(raw_name);
    if (!entry.is_object()) {
      claims.values.insert_or_assign(name, entry);
      continue;
    }
    Result<JsonPath> path = ParseJsonPath(entry["path"].get<std::string>());  // checked at start
    const nlohmann::json* found = path ? FindAtPath(payload, *path) : nullptr;
    if (found != nullptr) {
      claims.values.insert_or_assign(name, *found);
      continue;
    }
    auto fallback = entry.find("default");
    if (fallback != entry.end() && !fallback->is_null()) {
      claims.values.insert_or_assign(name, *fallback);
    } else if (name == "x-hasura-allowed-roles" || name == "x-hasura-default-role") {
      return Error(ErrorCode::kJwtMissingRoleClaims, "JWT claim does not contain " + name);
    } else {
      return InvalidClaims(fmt::format("JWT claim from claims_map, {} not found", name));
    }
  }
  return claims;
}

Result<JwtClaims> JwtVerifier::Verify(std::string_view token, int64_t now) const {
  Result<nlohmann::json> payload = VerifiedPayload(token, now);
  if (!payload) return payload.error();
  return HasuraClaims(*payload);
}

}  // namespace junction::server
