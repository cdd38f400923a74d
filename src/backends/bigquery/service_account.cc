#include "backends/bigquery/service_account.h"

#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>

#include <algorithm>
#include <mutex>
#include <optional>
#include <vector>

#include <fmt/format.h>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <nlohmann/json.hpp>

namespace junction::backends::bigquery {
namespace {

namespace asio = boost::asio;
using Clock = std::chrono::steady_clock;

constexpr std::string_view kScope = "https://www.googleapis.com/auth/cloud-platform";
constexpr std::chrono::seconds kAssertionLifetime{3600};
// A token whose answer names no lifetime is taken to last as long as Google's do.
constexpr int64_t kDefaultTokenLifetime = 3600;

std::string Base64Url(std::string_view bytes) {
  static constexpr char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  size_t i = 0;
  for (; i + 2 < bytes.size(); i += 3) {
    const uint32_t n = static_cast<uint8_t>(bytes[i]) << 16 |
                       static_cast<uint8_t>(bytes[i + 1]) << 8 | static_cast<uint8_t>(bytes[i + 2]);
    out += kAlphabet[n >> 18 & 63];
    out += kAlphabet[n >> 12 & 63];
    out += kAlphabet[n >> 6 & 63];
    out += kAlphabet[n & 63];
  }
  if (i + 1 == bytes.size()) {
    const uint32_t n = static_cast<uint8_t>(bytes[i]) << 16;
    out += kAlphabet[n >> 18 & 63];
    out += kAlphabet[n >> 12 & 63];
  } else if (i + 2 == bytes.size()) {
    const uint32_t n = static_cast<uint8_t>(bytes[i]) << 16 | static_cast<uint8_t>(bytes[i + 1])
                                                                  << 8;
    out += kAlphabet[n >> 18 & 63];
    out += kAlphabet[n >> 12 & 63];
    out += kAlphabet[n >> 6 & 63];
  }
  return out;
}

// OpenSSL's reasons for the last failure, emptied from this thread's queue (a stale entry would
// otherwise be blamed on the next TLS handshake on this thread).
std::string TakeOpenSslErrors() {
  std::string reasons;
  while (const unsigned long code = ERR_get_error()) {
    char text[256];
    ERR_error_string_n(code, text, sizeof text);
    if (!reasons.empty()) reasons += "; ";
    reasons += text;
  }
  return reasons;
}

Error KeyError(std::string_view what) {
  std::string reasons = TakeOpenSslErrors();
  return Error(ErrorCode::kInvalidConfiguration,
               fmt::format("service_account: {}{}", what,
                           reasons.empty() ? "" : fmt::format(" ({})", reasons)));
}

struct KeyDeleter {
  void operator()(EVP_PKEY* key) const { EVP_PKEY_free(key); }
};
struct BioDeleter {
  void operator()(BIO* bio) const { BIO_free(bio); }
};
struct DigestDeleter {
  void operator()(EVP_MD_CTX* context) const { EVP_MD_CTX_free(context); }
};

Result<std::unique_ptr<EVP_PKEY, KeyDeleter>> ReadPrivateKey(std::string pem) {
  // A key pasted through an environment variable sometimes keeps its newlines escaped.
  if (pem.find('\n') == std::string::npos) {
    for (size_t at = pem.find("\\n"); at != std::string::npos; at = pem.find("\\n", at + 1)) {
      pem.replace(at, 2, "\n");
    }
  }
  std::unique_ptr<BIO, BioDeleter> bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
  if (!bio) return KeyError("cannot read the private key");
  std::unique_ptr<EVP_PKEY, KeyDeleter> key(
      PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr));
  if (!key) return KeyError("the private key is not a PEM private key");
  if (!EVP_PKEY_is_a(key.get(), "RSA")) {
    return KeyError("the private key is not an RSA key (RS256 needs one)");
  }
  return key;
}

}  // namespace

Result<std::string> SignedAssertion(const ServiceAccount& account, int64_t now) {
  Result<std::unique_ptr<EVP_PKEY, KeyDeleter>> key = ReadPrivateKey(account.private_key);
  if (!key) return key.error();

  nlohmann::ordered_json header = {{"alg", "RS256"}, {"typ", "JWT"}};
  if (!account.private_key_id.empty()) header["kid"] = account.private_key_id;
  const nlohmann::ordered_json claims = {{"iss", account.client_email},
                                         {"scope", kScope},
                                         {"aud", account.token_uri},
                                         {"iat", now},
                                         {"exp", now + kAssertionLifetime.count()}};
  const std::string signing_input = Base64Url(header.dump()) + "." + Base64Url(claims.dump());

  std::unique_ptr<EVP_MD_CTX, DigestDeleter> context(EVP_MD_CTX_new());
  size_t size = 0;
  if (!context ||
      EVP_DigestSignInit(context.get(), nullptr, EVP_sha256(), nullptr, key->get()) != 1 ||
      EVP_DigestSign(context.get(), nullptr, &size,
                     reinterpret_cast<const unsigned char*>(signing_input.data()),
                     signing_input.size()) != 1) {
    return KeyError("cannot sign with the private key");
  }
  std::string signature(size, '\0');
  if (EVP_DigestSign(context.get(), reinterpret_cast<unsigned char*>(signature.data()), &size,
                     reinterpret_cast<const unsigned char*>(signing_input.data()),
                     signing_input.size()) != 1) {
    return KeyError("cannot sign with the private key");
  }
  signature.resize(size);
  return signing_input + "." + Base64Url(signature);
}

// The cached token is guarded by `mutex` (Invalidate may come from any thread). Refreshes are
// serialized on `strand`: the one refreshing and those waiting for it all run there, so the wait
// on `refreshed` can never miss the cancel that ends it.
struct TokenSource::Impl {
  using Strand = asio::strand<asio::any_io_executor>;

  Impl(http::HttpClient& c, ServiceAccount a, std::chrono::milliseconds t)
      : client(c), account(std::move(a)), timeout(t) {}

  http::HttpClient& client;
  const ServiceAccount account;
  const std::chrono::milliseconds timeout;

  std::mutex mutex;
  std::string token;           // empty: none cached
  Clock::time_point renew_at;  // reuse `token` until then
  std::optional<Strand> strand;
  std::optional<asio::steady_timer> refreshed;  // waiters of a refresh; cancelled when it ends

  // On the strand only.
  bool refreshing = false;
  uint64_t refreshes = 0;             // refreshes ended so far
  std::optional<Error> last_failure;  // of the last refresh

  // The strand refreshes run on, made on the first caller's executor.
  Strand StrandFor(const asio::any_io_executor& executor) {
    std::lock_guard lock(mutex);
    if (!strand) {
      strand.emplace(asio::make_strand(executor));
      refreshed.emplace(*strand, asio::steady_timer::time_point::max());
    }
    return *strand;
  }

  std::optional<std::string> Cached() {
    std::lock_guard lock(mutex);
    if (token.empty() || Clock::now() >= renew_at) return std::nullopt;
    return token;
  }

  Error Failed(std::string_view why) const {
    return Error(ErrorCode::kUnexpected, fmt::format("BigQuery authentication failed: {}", why));
  }

  // One exchange at the token endpoint.
  asio::awaitable<Result<std::string>> Exchange() {
    const auto now = std::chrono::duration_cast<std::chrono::seconds>(
                         std::chrono::system_clock::now().time_since_epoch())
                         .count();
    Result<std::string> assertion = SignedAssertion(account, now);
    if (!assertion) co_return Failed(assertion.error().message);
    http::HttpRequest request;
    request.method = "POST";
    request.url = account.token_uri;
    request.timeout = timeout;
    request.max_body_bytes = 1024 * 1024;
    request.headers.emplace_back("content-type", "application/x-www-form-urlencoded");
    request.headers.emplace_back("accept", "application/json");
    // The assertion is base64url and dots only: nothing in it needs form-encoding.
    request.body =
        "grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer&assertion=" + *assertion;
    const Clock::time_point sent = Clock::now();
    Result<http::HttpResponse> response = co_await client.Send(request);
    if (!response) co_return Failed(response.error().message);
    const nlohmann::json body =
        nlohmann::json::parse(response->body, nullptr, /*allow_exceptions=*/false);
    if (response->status != 200) {
      // OAuth2's errors: {"error":"invalid_grant","error_description":"…"}.
      std::string why = fmt::format("the token endpoint answered HTTP {}", response->status);
      if (body.is_object() && body.contains("error") && body["error"].is_string()) {
        why = body["error"].get<std::string>();
        if (body.contains("error_description") && body["error_description"].is_string()) {
          why += ": " + body["error_description"].get<std::string>();
        }
      }
      co_return Failed(why);
    }
    if (!body.is_object() || !body.contains("access_token") || !body["access_token"].is_string() ||
        body["access_token"].get<std::string>().empty()) {
      co_return Failed("the token endpoint's answer has no access_token");
    }
    int64_t lifetime = kDefaultTokenLifetime;
    if (const auto it = body.find("expires_in"); it != body.end()) {
      if (it->is_number()) {
        lifetime = static_cast<int64_t>(std::clamp(it->get<double>(), 0.0, 1e9));
      } else if (it->is_string()) {
        lifetime = std::atoll(it->get<std::string>().c_str());
      }
    }
    // A day at most: a longer lifetime would be the endpoint's mistake, not a promise.
    lifetime = std::clamp<int64_t>(lifetime, 0, 86'400);
    // Reused while more than min(60 s, half its lifetime) remains, counted from when it was
    // asked for (the endpoint's clock started no earlier).
    const auto life = std::chrono::milliseconds(lifetime * 1000);
    const auto margin = std::min<std::chrono::milliseconds>(std::chrono::seconds(60), life / 2);
    std::string access_token = body["access_token"].get<std::string>();
    {
      std::lock_guard lock(mutex);
      token = access_token;
      renew_at = sent + life - margin;
    }
    co_return access_token;
  }

  static asio::awaitable<std::optional<Result<std::string>>> OnStrand(std::shared_ptr<Impl> self) {
    while (true) {
      if (std::optional<std::string> cached = self->Cached()) co_return *cached;
      if (!self->refreshing) break;
      const uint64_t seen = self->refreshes;
      boost::system::error_code ignored;
      co_await self->refreshed->async_wait(asio::redirect_error(asio::use_awaitable, ignored));
      // Share the outcome of the refresh waited for: when it failed, another attempt now would
      // most likely fail the same way, once per waiter.
      if (self->refreshes != seen && self->last_failure) co_return *self->last_failure;
    }
    self->refreshing = true;
    asio::awaitable<Result<std::string>> exchange = self->Exchange();
    Result<std::string> fetched = co_await std::move(exchange);
    self->refreshing = false;
    ++self->refreshes;
    self->last_failure.reset();
    if (!fetched) self->last_failure = fetched.error();
    self->refreshed->cancel();
    co_return fetched;
  }
};

TokenSource::TokenSource(http::HttpClient& client, ServiceAccount account,
                         std::chrono::milliseconds timeout)
    : impl_(std::make_shared<Impl>(client, std::move(account), timeout)) {}

TokenSource::~TokenSource() = default;

boost::asio::awaitable<Result<std::string>> TokenSource::Token() {
  if (std::optional<std::string> cached = impl_->Cached()) co_return *cached;
  asio::any_io_executor executor = co_await asio::this_coro::executor;
  Impl::Strand strand = impl_->StrandFor(executor);
  std::shared_ptr<Impl> impl = impl_;
  // co_spawn hands back a default-constructed value when the task throws: hence the optional.
  asio::awaitable<std::optional<Result<std::string>>> on_strand =
      asio::co_spawn(strand, Impl::OnStrand(std::move(impl)), asio::use_awaitable);
  std::optional<Result<std::string>> token = co_await std::move(on_strand);
  co_return std::move(*token);
}

void TokenSource::Invalidate() {
  std::lock_guard lock(impl_->mutex);
  impl_->token.clear();
}

}  // namespace junction::backends::bigquery
