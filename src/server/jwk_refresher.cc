#include "server/jwk_refresher.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <ctime>

#include <fmt/format.h>
#include <spdlog/common.h>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "server/http_fetch.h"
#include "server/logging.h"

namespace junction::server {
namespace {

constexpr std::chrono::seconds kRetryDelay{60};
constexpr std::chrono::milliseconds kRefreshTimeout{10'000};

void LogRefresh(spdlog::level::level_enum level, std::string_view message) {
  JsonWriter w;
  w.BeginObject();
  w.Key("message");
  w.String(message);
  w.EndObject();
  LogEvent(level, "jwk-refresh-log", w.Take());
}

}  // namespace

std::optional<std::chrono::seconds> MaxAge(std::string_view cache_control) {
  std::optional<std::chrono::seconds> found;
  size_t begin = 0;
  while (begin <= cache_control.size()) {
    size_t end = cache_control.find(',', begin);
    if (end == std::string_view::npos) end = cache_control.size();
    std::string_view directive = cache_control.substr(begin, end - begin);
    while (!directive.empty() && directive.front() == ' ') directive.remove_prefix(1);
    while (!directive.empty() && directive.back() == ' ') directive.remove_suffix(1);
    for (std::string_view name : {"max-age=", "s-maxage="}) {
      if (directive.size() <= name.size()) continue;
      bool same = true;
      for (size_t i = 0; i < name.size(); ++i) {
        same = same && std::tolower(static_cast<unsigned char>(directive[i])) == name[i];
      }
      if (!same) continue;
      std::string_view number = directive.substr(name.size());
      int64_t seconds = 0;
      auto [ptr, ec] = std::from_chars(number.data(), number.data() + number.size(), seconds);
      if (ec == std::errc() && ptr == number.data() + number.size() && seconds >= 0) {
        found = std::chrono::seconds(seconds);
      }
    }
    begin = end + 1;
  }
  return found;
}

std::optional<std::chrono::seconds> UntilExpires(std::string_view expires, int64_t now) {
  std::tm time{};
  const std::string text(expires);
  const char* end = strptime(text.c_str(), "%a, %d %b %Y %H:%M:%S", &time);
  if (end == nullptr) return std::nullopt;
  const int64_t at = static_cast<int64_t>(timegm(&time));
  return std::chrono::seconds(at > now ? at - now : 0);
}

boost::asio::awaitable<Result<std::optional<std::chrono::seconds>>> FetchJwks(
    JwtVerifier& verifier, std::chrono::milliseconds timeout) {
  const std::string& url = verifier.config().jwk_url;
  FetchRequest request;
  request.url = url;
  request.timeout = timeout;
  request.headers.emplace_back("user-agent", "junction-graphql-engine");
  Result<FetchResponse> response = co_await HttpFetch(request);
  if (!response) {
    co_return Error(ErrorCode::kUnexpected,
                    fmt::format("Error fetching JWK: {}", response.error().message));
  }
  if (response->status < 200 || response->status >= 300) {
    co_return Error(ErrorCode::kUnexpected,
                    fmt::format("Non-2xx response on fetching JWK from: {} (status {})", url,
                                response->status));
  }
  if (Status installed = verifier.SetJwks(response->body); !installed) {
    co_return Error(ErrorCode::kUnexpected, fmt::format("Error parsing JWK from url: {}: {}", url,
                                                        installed.error().message));
  }
  std::optional<std::chrono::seconds> expiry;
  if (auto it = response->headers.find("cache-control"); it != response->headers.end()) {
    expiry = MaxAge(it->second);
  }
  if (auto it = response->headers.find("expires"); !expiry && it != response->headers.end()) {
    expiry = UntilExpires(it->second, static_cast<int64_t>(std::time(nullptr)));
  }
  co_return expiry;
}

boost::asio::awaitable<void> RefreshJwks(std::shared_ptr<JwtVerifier> verifier,
                                         std::optional<std::chrono::seconds> expiry) {
  if (!expiry) co_return;
  auto executor = co_await boost::asio::this_coro::executor;
  boost::asio::steady_timer timer(executor);
  std::chrono::seconds delay = std::max(*expiry, std::chrono::seconds(1));
  for (;;) {
    timer.expires_after(delay);
    boost::system::error_code ec;
    co_await timer.async_wait(boost::asio::redirect_error(boost::asio::use_awaitable, ec));
    if (ec) co_return;  // the io_context is stopping
    LogRefresh(spdlog::level::info,
               fmt::format("refreshing JWK from endpoint: {}", verifier->config().jwk_url));
    Result<std::optional<std::chrono::seconds>> fetched =
        co_await FetchJwks(*verifier, kRefreshTimeout);
    if (!fetched) {
      LogRefresh(spdlog::level::err,
                 fmt::format("{}; the last keys stay in use, retrying again in {} secs",
                             fetched.error().message, kRetryDelay.count()));
      delay = kRetryDelay;
      continue;
    }
    if (!*fetched) co_return;  // no expiry any more: keep these keys
    delay = std::max(**fetched, std::chrono::seconds(1));
  }
}

}  // namespace junction::server
