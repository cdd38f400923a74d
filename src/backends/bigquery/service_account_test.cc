// SignedAssertion: the RS256 JWT of BIGQUERY.md §1.7, signed with a key made here (EVP_RSA_gen)
// and verified with its public half; its header and claims; PKCS#1 keys and unreadable ones.
// TokenSource's exchanges are tested against a token endpoint in client_test.cc.

#include "backends/bigquery/service_account.h"

#include <openssl/evp.h>
#include <openssl/pem.h>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "backends/bigquery/test_key.h"

namespace junction::backends::bigquery {
namespace {

using nlohmann::json;

using test_support::Base64UrlDecode;
using test_support::Key;
using test_support::Verifies;
using test_support::WritePem;

ServiceAccount Account(std::string pem) {
  ServiceAccount account;
  account.client_email = "engine@p.iam.gserviceaccount.com";
  account.private_key = std::move(pem);
  account.private_key_id = "key-1";
  account.token_uri = "http://127.0.0.1:1234/token";
  return account;
}

struct Jwt {
  json header;
  json claims;
  std::string signed_part;
  std::string signature;
};

Jwt Split(const std::string& jwt) {
  const size_t first = jwt.find('.');
  const size_t second = jwt.find('.', first + 1);
  EXPECT_NE(second, std::string::npos);
  EXPECT_EQ(jwt.find('.', second + 1), std::string::npos);
  return Jwt{json::parse(Base64UrlDecode(jwt.substr(0, first))),
             json::parse(Base64UrlDecode(jwt.substr(first + 1, second - first - 1))),
             jwt.substr(0, second), Base64UrlDecode(jwt.substr(second + 1))};
}

TEST(SignedAssertionTest, IsAnRs256JwtWithGooglesClaims) {
  Result<std::string> jwt = SignedAssertion(Account(Key().private_pem), 1'700'000'000);
  ASSERT_TRUE(jwt) << jwt.error().message;
  // base64url without padding.
  EXPECT_EQ(jwt->find_first_of("+/="), std::string::npos);
  const Jwt parts = Split(*jwt);
  EXPECT_EQ(parts.header, json::parse(R"({"alg":"RS256","typ":"JWT","kid":"key-1"})"));
  EXPECT_EQ(parts.claims, json::parse(R"({"iss":"engine@p.iam.gserviceaccount.com",
      "scope":"https://www.googleapis.com/auth/cloud-platform",
      "aud":"http://127.0.0.1:1234/token","iat":1700000000,"exp":1700003600})"));
  EXPECT_EQ(parts.signature.size(), 256u);
  EXPECT_TRUE(Verifies(Key().public_pem, parts.signed_part, parts.signature));
  // Tampering with the claims breaks the signature.
  std::string tampered = parts.signed_part;
  tampered.back() = tampered.back() == 'A' ? 'B' : 'A';
  EXPECT_FALSE(Verifies(Key().public_pem, tampered, parts.signature));
}

TEST(SignedAssertionTest, NoKidWithoutAKeyId) {
  ServiceAccount account = Account(Key().private_pem);
  account.private_key_id.clear();
  Result<std::string> jwt = SignedAssertion(account, 1'700'000'000);
  ASSERT_TRUE(jwt) << jwt.error().message;
  EXPECT_EQ(Split(*jwt).header, json::parse(R"({"alg":"RS256","typ":"JWT"})"));
}

TEST(SignedAssertionTest, ReadsPkcs1KeysAndEscapedNewlines) {
  Result<std::string> jwt = SignedAssertion(Account(Key().pkcs1_pem), 1'700'000'000);
  ASSERT_TRUE(jwt) << jwt.error().message;
  Jwt parts = Split(*jwt);
  EXPECT_TRUE(Verifies(Key().public_pem, parts.signed_part, parts.signature));

  std::string escaped;
  for (const char c : Key().private_pem)
    escaped += c == '\n' ? std::string("\\n") : std::string(1, c);
  jwt = SignedAssertion(Account(escaped), 1'700'000'000);
  ASSERT_TRUE(jwt) << jwt.error().message;
  parts = Split(*jwt);
  EXPECT_TRUE(Verifies(Key().public_pem, parts.signed_part, parts.signature));
}

TEST(SignedAssertionTest, AnUnreadableKeyIsAConfigurationError) {
  Result<std::string> jwt = SignedAssertion(
      Account("-----BEGIN PRIVATE KEY-----\nbm90IGEga2V5\n-----END PRIVATE KEY-----\n"), 0);
  ASSERT_FALSE(jwt);
  EXPECT_EQ(jwt.error().code, ErrorCode::kInvalidConfiguration);
  EXPECT_TRUE(
      jwt.error().message.starts_with("service_account: the private key is not a PEM "
                                      "private key"))
      << jwt.error().message;

  EVP_PKEY* ec = EVP_EC_gen("P-256");
  const std::string ec_pem = WritePem(
      [&](BIO* bio) { PEM_write_bio_PrivateKey(bio, ec, nullptr, nullptr, 0, nullptr, nullptr); });
  EVP_PKEY_free(ec);
  jwt = SignedAssertion(Account(ec_pem), 0);
  ASSERT_FALSE(jwt);
  EXPECT_EQ(jwt.error().message,
            "service_account: the private key is not an RSA key (RS256 needs one)");
}

}  // namespace
}  // namespace junction::backends::bigquery
