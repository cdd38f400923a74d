#pragma once
// Test support (service_account_test.cc, client_test.cc): an RSA key made once per test binary,
// in the PEM forms a service account key file may hold, and the checks a token endpoint makes of
// a JWT assertion (base64url decoding, RS256 verification with the public key).

#include <openssl/evp.h>
#include <openssl/pem.h>

#include <functional>
#include <string>
#include <string_view>

namespace junction::backends::bigquery::test_support {

struct TestKey {
  std::string private_pem;  // PKCS#8, -----BEGIN PRIVATE KEY-----
  std::string pkcs1_pem;    // the same key, -----BEGIN RSA PRIVATE KEY-----
  std::string public_pem;
};

inline std::string WritePem(const std::function<void(BIO*)>& write) {
  BIO* bio = BIO_new(BIO_s_mem());
  write(bio);
  char* data = nullptr;
  const long size = BIO_get_mem_data(bio, &data);
  std::string text(data, static_cast<size_t>(size));
  BIO_free(bio);
  return text;
}

// One 2048-bit key for the whole binary: making one takes a while.
inline const TestKey& Key() {
  static const TestKey key = [] {
    EVP_PKEY* pkey = EVP_RSA_gen(2048);
    TestKey made{WritePem([&](BIO* bio) {
                   PEM_write_bio_PrivateKey(bio, pkey, nullptr, nullptr, 0, nullptr, nullptr);
                 }),
                 WritePem([&](BIO* bio) {
                   PEM_write_bio_PrivateKey_traditional(bio, pkey, nullptr, nullptr, 0, nullptr,
                                                        nullptr);
                 }),
                 WritePem([&](BIO* bio) { PEM_write_bio_PUBKEY(bio, pkey); })};
    EVP_PKEY_free(pkey);
    return made;
  }();
  return key;
}

// The bytes of unpadded base64url text; empty when it is not base64url.
inline std::string Base64UrlDecode(std::string_view text) {
  std::string standard;
  for (const char c : text) standard += c == '-' ? '+' : c == '_' ? '/' : c;
  size_t padding = 0;
  while (standard.size() % 4 != 0) {
    standard += '=';
    ++padding;
  }
  std::string bytes(standard.size() / 4 * 3, '\0');
  const int size = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(bytes.data()),
                                   reinterpret_cast<const unsigned char*>(standard.data()),
                                   static_cast<int>(standard.size()));
  if (size < 0) return "";
  bytes.resize(static_cast<size_t>(size) - padding);
  return bytes;
}

// Whether `signature` is the RS256 signature of `signed_part` by the key of `public_pem`.
inline bool Verifies(const std::string& public_pem, std::string_view signed_part,
                     const std::string& signature) {
  BIO* bio = BIO_new_mem_buf(public_pem.data(), static_cast<int>(public_pem.size()));
  EVP_PKEY* key = PEM_read_bio_PUBKEY(bio, nullptr, nullptr, nullptr);
  BIO_free(bio);
  EVP_MD_CTX* context = EVP_MD_CTX_new();
  const bool ok =
      key != nullptr && EVP_DigestVerifyInit(context, nullptr, EVP_sha256(), nullptr, key) == 1 &&
      EVP_DigestVerify(context, reinterpret_cast<const unsigned char*>(signature.data()),
                       signature.size(), reinterpret_cast<const unsigned char*>(signed_part.data()),
                       signed_part.size()) == 1;
  EVP_MD_CTX_free(context);
  EVP_PKEY_free(key);
  return ok;
}

}  // namespace junction::backends::bigquery::test_support
