#include "backends/bigquery/service_account.h"

#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>

#include <algorithm>
#include <cctype>
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

// `code` when it looks like a protocol's code (an OAuth error, a BigQuery reason): a short
// identifier, fit for a message every client sees. Anything else the other end wrote stays out.
std::string PublicCode(std::string_view code) {
  const bool fits =
      !code.empty() && code.size() <= 40 && std::all_of(code.begin(), code.end(), [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '.';
      });
  return fits ? std::string(code) : "";
}

namespace {

// "BigQuery authentication failed", with `detail` in parentheses when there is one; what the
// token endpoint or the transport said goes in `internal` (admins only).
Error AuthFailed(std::string_view detail, nlohmann::ordered_json internal) {
  return Error(ErrorCode::kUnexpected,
               detail.empty() ? std::string("BigQuery authentication failed")
                              : fmt::format("BigQuery authentication failed ({})", detail),
               "$", std::move(internal));
}

// One exchange's outcome, as the retry loop needs it.
struct Attempt {
  Result<std::string> token;
  bool retryable = false;
  bool timed_out = false;
};

}  // namespace

// The cached token is guarded by `mutex` (Invalidate may come from any thread). Refreshes are
// serialized on `strand`: the one refreshing and those waiting for it all run there, so a waiter
// always registers before the refresh it waits for can end, and never misses the cancel that
// wakes it.
struct TokenSource::Impl {
  using Strand = asio::strand<asio::any_io_executor>;

  Impl(http::HttpClient& c, ServiceAccount a, int64_t limit, std::chrono::microseconds base)
      : client(c), account(std::move(a)), retry_limit(limit), retry_base_delay(base) {}

  http::HttpClient& client;
  const ServiceAccount account;
  const int64_t retry_limit;
  const std::chrono::microseconds retry_base_delay;

  std::mutex mutex;
  std::string token;           // empty: none cached
  Clock::time_point renew_at;  // reuse `token` until then
  std::optional<Strand> strand;

  // On the strand only.
  bool refreshing = false;
  uint64_t refreshes = 0;             // refreshes ended so far
  std::optional<Error> last_failure;  // of the last refresh, unless it ran out of time
  // The waiters of the refresh under way, each on a timer set to its own deadline; cancelled
  // when the refresh ends. Shared: a waiter's coroutine may be destroyed (at shut-down) first.
  std::vector<std::shared_ptr<asio::steady_timer>> waiters;

  // The strand refreshes run on, made on the first caller's executor.
  Strand StrandFor(const asio::any_io_executor& executor) {
    std::lock_guard lock(mutex);
    if (!strand) strand.emplace(asio::make_strand(executor));
    return *strand;
  }

  std::optional<std::string> Cached() {
    std::lock_guard lock(mutex);
    if (token.empty() || Clock::now() >= renew_at) return std::nullopt;
    return token;
  }

  // One exchange at the token endpoint, bounded by `deadline`.
  asio::awaitable<Attempt> Exchange(Clock::time_point deadline) {
    const auto remaining = std::chrono::ceil<std::chrono::milliseconds>(deadline - Clock::now());
    if (remaining <= std::chrono::milliseconds(0)) {
      co_return Attempt{AuthFailed("", {{"message", "no time was left for the exchange"}}), false,
                        true};
    }
    const auto now = std::chrono::duration_cast<std::chrono::seconds>(
                         std::chrono::system_clock::now().time_since_epoch())
                         .count();
    Result<std::string> assertion = SignedAssertion(account, now);
    if (!assertion) {
      co_return Attempt{AuthFailed("", {{"message", assertion.error().message}})};
    }
    http::HttpRequest request;
    request.method = "POST";
    request.url = account.token_uri;
    request.timeout = remaining;
    request.max_body_bytes = 1024 * 1024;
    request.headers.emplace_back("content-type", "application/x-www-form-urlencoded");
    request.headers.emplace_back("accept", "application/json");
    // The assertion is base64url and dots only: nothing in it needs form-encoding.
    request.body =
        "grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer&assertion=" + *assertion;
    const Clock::time_point sent = Clock::now();
    Result<http::HttpResponse> response = co_await client.Send(request);
    if (!response) {
      // HttpClient ends a request at its timeout, which is the deadline: past it, that is why.
      const bool timed_out = Clock::now() >= deadline;
      co_return Attempt{AuthFailed("", {{"message", response.error().message}}), !timed_out,
                        timed_out};
    }
    const nlohmann::json body =
        nlohmann::json::parse(response->body, nullptr, /*allow_exceptions=*/false);
    if (response->status != 200) {
      // OAuth2's errors: {"error":"invalid_grant","error_description":"…"}; anything else (a
      // proxy's page) is kept as its first bytes.
      const unsigned status = response->status;
      nlohmann::ordered_json internal = {{"code", status}};
      std::string detail = fmt::format("HTTP {}", status);
      if (body.is_object() && body.contains("error") && body["error"].is_string()) {
        const std::string error = body["error"].get<std::string>();
        std::string message = error;
        internal["error"] = error;
        if (body.contains("error_description") && body["error_description"].is_string()) {
          internal["error_description"] = body["error_description"];
          message += ": " + body["error_description"].get<std::string>();
        }
        internal["message"] = message;
        if (const std::string code = PublicCode(error); !code.empty()) detail += ", " + code;
      } else {
        internal["message"] = response->body.substr(0, 1000);
      }
      co_return Attempt{AuthFailed(detail, std::move(internal)), status >= 500 || status == 429};
    }
    if (!body.is_object() || !body.contains("access_token") || !body["access_token"].is_string() ||
        body["access_token"].get<std::string>().empty()) {
      co_return Attempt{AuthFailed("", {{"message",
                                         "the token endpoint's answer has no "
                                         "access_token"},
                                        {"body", response->body.substr(0, 1000)}})};
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
    co_return Attempt{std::move(access_token)};
  }

  // Exchanges until a token is had, a failure is final, the retries run out or the deadline
  // would pass.
  asio::awaitable<TokenOutcome> Refresh(Clock::time_point deadline) {
    for (int64_t retries = 0;; ++retries) {
      asio::awaitable<Attempt> exchange = Exchange(deadline);
      Attempt attempt = co_await std::move(exchange);
      if (attempt.token) co_return TokenOutcome{std::move(attempt.token)};
      if (attempt.timed_out) co_return TokenOutcome{std::move(attempt.token), true};
      if (!attempt.retryable || retries >= retry_limit) {
        co_return TokenOutcome{std::move(attempt.token)};
      }
      const std::chrono::milliseconds delay = RetryDelay(retry_base_delay, retries);
      // Waiting past the deadline would only end in a time-out.
      if (Clock::now() + delay >= deadline) co_return TokenOutcome{std::move(attempt.token), true};
      asio::steady_timer timer(*strand, delay);
      boost::system::error_code ignored;
      co_await timer.async_wait(asio::redirect_error(asio::use_awaitable, ignored));
    }
  }

  static asio::awaitable<std::optional<TokenOutcome>> OnStrand(std::shared_ptr<Impl> self,
                                                               Clock::time_point deadline) {
    while (true) {
      if (std::optional<std::string> cached = self->Cached()) co_return TokenOutcome{*cached};
      if (!self->refreshing) break;
      // Another query's exchange is under way: wait for it, but no longer than this deadline.
      const uint64_t seen = self->refreshes;
      auto waiter = std::make_shared<asio::steady_timer>(*self->strand, deadline);
      self->waiters.push_back(waiter);
      boost::system::error_code cancelled;
      co_await waiter->async_wait(asio::redirect_error(asio::use_awaitable, cancelled));
      std::erase(self->waiters, waiter);
      if (!cancelled) {
        co_return TokenOutcome{
            AuthFailed("", {{"message",
                             "the deadline passed while waiting for another query's "
                             "token exchange"}}),
            true};
      }
      // Share the outcome of the refresh waited for: when it failed, another attempt now would
      // most likely fail the same way, once per waiter. One that ran out of its own time says
      // nothing of this caller's: it tries itself.
      if (self->refreshes != seen && self->last_failure) {
        co_return TokenOutcome{*self->last_failure};
      }
    }
    self->refreshing = true;
    asio::awaitable<TokenOutcome> refresh = self->Refresh(deadline);
    TokenOutcome fetched = co_await std::move(refresh);
    self->refreshing = false;
    ++self->refreshes;
    self->last_failure.reset();
    if (!fetched.token && !fetched.timed_out) self->last_failure = fetched.token.error();
    for (const std::shared_ptr<asio::steady_timer>& waiter : self->waiters) waiter->cancel();
    self->waiters.clear();
    co_return fetched;
  }
};

TokenSource::TokenSource(http::HttpClient& client, ServiceAccount account, int64_t retry_limit,
                         std::chrono::microseconds retry_base_delay)
    : impl_(std::make_shared<Impl>(client, std::move(account), retry_limit, retry_base_delay)) {}

TokenSource::~TokenSource() = default;

boost::asio::awaitable<TokenOutcome> TokenSource::Token(Clock::time_point deadline) {
  if (std::optional<std::string> cached = impl_->Cached()) co_return TokenOutcome{*cached};
  asio::any_io_executor executor = co_await asio::this_coro::executor;
  Impl::Strand strand = impl_->StrandFor(executor);
  std::shared_ptr<Impl> impl = impl_;
  // co_spawn's result must be default-constructible (it hands one back when the task throws):
  // hence the optional.
  asio::awaitable<std::optional<TokenOutcome>> on_strand =
      asio::co_spawn(strand, Impl::OnStrand(std::move(impl), deadline), asio::use_awaitable);
  std::optional<TokenOutcome> outcome = co_await std::move(on_strand);
  co_return std::move(*outcome);
}

void TokenSource::Invalidate(const std::string& rejected) {
  std::lock_guard lock(impl_->mutex);
  if (impl_->token == rejected) impl_->token.clear();
}

}  // namespace junction::backends::bigquery
