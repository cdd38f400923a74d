#include "backends/bigquery/client.h"

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdint>
#include <random>

#include <fmt/format.h>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "backends/bigquery/service_account.h"
#include "backends/http/http_client.h"

namespace junction::backends::bigquery {
namespace {

namespace asio = boost::asio;
using nlohmann::json;
using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

constexpr std::string_view kGoogleHost = "https://bigquery.googleapis.com";
// How long one jobs.query or getQueryResults call waits for the job (BigQuery's own default).
constexpr milliseconds kLongPoll{10'000};
// A poll answered sooner than kQuickPoll is followed by a pause: kQuickPollPause, doubling up to
// kLongPollPauseMax.
constexpr milliseconds kQuickPoll{200};
constexpr milliseconds kQuickPollPause{50};
constexpr milliseconds kLongPollPauseMax{1000};
// An answer is a page of rows; BigQuery caps pages near 10 MB, so this leaves room.
constexpr size_t kMaxResponseBytes = 256 * 1024 * 1024;

bool Unreserved(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '.' || c == '_' || c == '~';
}

// Percent-encodes all but the unreserved characters (and `keep`).
std::string Encode(std::string_view text, std::string_view keep = "") {
  std::string out;
  for (const char c : text) {
    if (Unreserved(c) || keep.find(c) != std::string_view::npos) {
      out += c;
    } else {
      out += fmt::format("%{:02X}", static_cast<unsigned char>(c));
    }
  }
  return out;
}

// A random UUID (version 4): jobs.query's requestId, so that BigQuery runs a retried request's
// query once.
std::string NewRequestId() {
  thread_local std::mt19937_64 random{std::random_device{}()};
  std::array<uint8_t, 16> bytes;
  for (size_t i = 0; i < bytes.size(); i += 8) {
    uint64_t word = random();
    for (size_t j = 0; j < 8; ++j) bytes[i + j] = static_cast<uint8_t>(word >> (8 * j));
  }
  bytes[6] = static_cast<uint8_t>((bytes[6] & 0x0f) | 0x40);
  bytes[8] = static_cast<uint8_t>((bytes[8] & 0x3f) | 0x80);
  std::string id;
  for (size_t i = 0; i < bytes.size(); ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) id += '-';
    id += fmt::format("{:02x}", bytes[i]);
  }
  return id;
}

// BigQuery's error object of an answer ({"code","message","errors":[{"reason",…}],"status"}), or
// one made up from the status and the text when the body is something else (a proxy's page).
json ErrorObject(unsigned status, const json& body, std::string_view text) {
  if (body.is_object() && body.contains("error") && body["error"].is_object()) {
    return body["error"];
  }
  return json{{"code", status}, {"message", std::string(text.substr(0, 1000))}};
}

std::string StringAt(const json& object, std::string_view key) {
  if (!object.is_object()) return "";
  const auto it = object.find(key);
  return it != object.end() && it->is_string() ? it->get<std::string>() : "";
}

bool HasReason(const json& error, std::string_view reason) {
  const auto errors = error.find("errors");
  if (errors == error.end() || !errors->is_array()) return false;
  return std::any_of(errors->begin(), errors->end(),
                     [&](const json& item) { return StringAt(item, "reason") == reason; });
}

// HTTP 5xx and 429, and BigQuery's transient reasons (rateLimitExceeded comes with 403, a
// backendError may come with 400 as well as 5xx).
bool Retryable(unsigned status, const json& error) {
  if (status >= 500 || status == 429) return true;
  return (status == 403 || status == 400) &&
         (HasReason(error, "rateLimitExceeded") || HasReason(error, "backendError"));
}

std::string FirstReason(const json& error) {
  const auto errors = error.find("errors");
  if (errors == error.end() || !errors->is_array() || errors->empty()) return "";
  return StringAt(errors->front(), "reason");
}

// "HTTP 403, accessDenied": the status, and the first reason when it looks like one.
std::string StatusDetail(unsigned status, const json& error) {
  const std::string reason = PublicCode(FirstReason(error));
  return reason.empty() ? fmt::format("HTTP {}", status)
                        : fmt::format("HTTP {}, {}", status, reason);
}

// An error as an admin should read it: its message, and the detail its internal holds.
std::string Described(const Error& error) {
  const nlohmann::ordered_json& internal = error.internal;
  if (internal.is_object() && internal.contains("message") && internal["message"].is_string()) {
    return error.message + ": " + internal["message"].get<std::string>();
  }
  return error.message;
}

}  // namespace

Error MalformedResponse(std::string why) {
  return Error(ErrorCode::kUnexpected, "malformed BigQuery response", "$",
               {{"message", std::move(why)}});
}

std::string ApiBaseUrl(const std::optional<std::string>& emulator_host) {
  std::string host(kGoogleHost);
  if (emulator_host) {
    std::string_view value = *emulator_host;
    while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
    while (!value.empty() && (value.back() == ' ' || value.back() == '/')) value.remove_suffix(1);
    if (!value.empty()) {
      host = value.find("://") == std::string_view::npos ? "http://" + std::string(value)
                                                         : std::string(value);
    }
  }
  return host + "/bigquery/v2";
}

struct Client::Impl {
  Impl(asio::any_io_executor e, SourceConfig c, const std::optional<std::string>& emulator_host)
      : executor(std::move(e)),
        config(std::move(c)),
        base_url(ApiBaseUrl(emulator_host)),
        http(executor),
        tokens(http, config.service_account, config.retry_limit, config.retry_base_delay) {}

  asio::any_io_executor executor;
  const SourceConfig config;
  const std::string base_url;
  http::HttpClient http;
  TokenSource tokens;

  // The time-out; `last`, when given, is what failed before (a retried error, a token exchange),
  // for admins to read in `internal`.
  Error TimedOut(std::optional<Error> last = std::nullopt) const {
    nlohmann::ordered_json internal = nullptr;
    if (last) internal = {{"message", Described(*last)}, {"error", last->internal}};
    return Error(ErrorCode::kUnexpected,
                 fmt::format("BigQuery query timed out after {}s",
                             static_cast<double>(config.timeout.count()) / 1000),
                 "$", std::move(internal));
  }

  std::string QueriesUrl(std::string_view project) const {
    return base_url + "/projects/" + Encode(project, ":") + "/queries";
  }

  // One API call: authorised, retried per the header's rules, bounded by `deadline`. The answer's
  // JSON object when it is a 200.
  asio::awaitable<Result<json>> Call(std::string method, std::string url, std::string body,
                                     Clock::time_point deadline) {
    int64_t retries = 0;
    bool renewed = false;
    while (true) {
      if (Clock::now() >= deadline) co_return TimedOut();
      asio::awaitable<TokenOutcome> had = tokens.Token(deadline);
      TokenOutcome token = co_await std::move(had);
      if (!token.token) {
        if (token.timed_out || Clock::now() >= deadline) co_return TimedOut(token.token.error());
        co_return token.token.error();
      }
      const auto remaining = std::chrono::ceil<milliseconds>(deadline - Clock::now());
      if (remaining <= milliseconds(0)) co_return TimedOut();
      http::HttpRequest request;
      request.method = method;
      request.url = url;
      request.body = body;
      request.timeout = remaining;
      request.max_body_bytes = kMaxResponseBytes;
      request.headers.emplace_back("authorization", "Bearer " + *token.token);
      request.headers.emplace_back("accept", "application/json");
      if (!body.empty()) request.headers.emplace_back("content-type", "application/json");
      Result<http::HttpResponse> response = co_await http.Send(request);
      if (!response) {
        // HttpClient ends a request at its timeout, which is the deadline: past it, that is why.
        if (Clock::now() >= deadline) co_return TimedOut();
        co_return Error(ErrorCode::kUnexpected, "BigQuery request failed", "$",
                        {{"message", response.error().message}});
      }
      const json answer = json::parse(response->body, nullptr, /*allow_exceptions=*/false);
      if (response->status == 200) {
        if (!answer.is_object()) {
          Error malformed = MalformedResponse("the answer is not a JSON object");
          malformed.internal["body"] = response->body.substr(0, 1000);
          co_return malformed;
        }
        co_return answer;
      }
      const json error = ErrorObject(response->status, answer, response->body);
      if (response->status == 401) {
        // The token was revoked or expired early: renew it, once. Only this token is forgotten:
        // another query may have renewed it already.
        if (!renewed) {
          renewed = true;
          tokens.Invalidate(*token.token);
          continue;
        }
        co_return Error(ErrorCode::kUnexpected,
                        fmt::format("BigQuery authentication failed ({})",
                                    StatusDetail(response->status, error)),
                        "$", nlohmann::ordered_json(error));
      }
      if (Retryable(response->status, error) && retries < config.retry_limit) {
        const milliseconds delay = RetryDelay(config.retry_base_delay, retries);
        // Waiting past the deadline would only end in a time-out.
        if (Clock::now() + delay >= deadline) {
          co_return TimedOut(Failure(response->status, error));
        }
        asio::any_io_executor here = co_await asio::this_coro::executor;
        asio::steady_timer timer(here, delay);
        boost::system::error_code ignored;
        co_await timer.async_wait(asio::redirect_error(asio::use_awaitable, ignored));
        ++retries;
        continue;
      }
      co_return Failure(response->status, error);
    }
  }

  // A final error answer: the query's own fault (400, 404: bad SQL, a missing table) is a
  // database query error, anything else a failed request; BigQuery's error object either way,
  // in `internal` only.
  static Error Failure(unsigned status, const json& error) {
    nlohmann::ordered_json internal(error);
    if ((status == 400 || status == 404) && !Retryable(status, error)) {
      return Error(ErrorCode::kUnexpected, "database query error", "$", std::move(internal));
    }
    return Error(ErrorCode::kUnexpected,
                 fmt::format("BigQuery request failed ({})", StatusDetail(status, error)), "$",
                 std::move(internal));
  }

  milliseconds PollTimeout(Clock::time_point deadline) const {
    const auto remaining = std::chrono::floor<milliseconds>(deadline - Clock::now());
    return std::clamp(remaining, milliseconds(1), kLongPoll);
  }

  static asio::awaitable<Result<QueryAnswer>> Run(std::shared_ptr<Impl> self, std::string sql,
                                                  json parameters) {
    const Clock::time_point deadline = Clock::now() + self->config.timeout;
    json request = {{"query", std::move(sql)},
                    {"useLegacySql", false},
                    {"parameterMode", "NAMED"},
                    {"queryParameters", std::move(parameters)},
                    {"timeoutMs", self->PollTimeout(deadline).count()},
                    {"formatOptions", {{"useInt64Timestamp", true}}},
                    // One id for the query and its retries: BigQuery runs it once.
                    {"requestId", NewRequestId()}};
    if (self->config.location) request["location"] = *self->config.location;

    asio::awaitable<Result<json>> posted =
        self->Call("POST", self->QueriesUrl(self->config.project_id), request.dump(), deadline);
    Clock::time_point asked = Clock::now();  // when the last call was made
    Result<json> response = co_await std::move(posted);
    int quick_polls = 0;
    QueryAnswer answer;
    bool have_schema = false;
    std::optional<std::string> page_token;
    while (true) {
      if (!response) co_return response.error();
      const json& reference = (*response)["jobReference"];
      if (StringAt(reference, "jobId").empty()) {
        co_return MalformedResponse("no jobReference.jobId");
      }
      answer.job_id = StringAt(reference, "jobId");
      std::string project = StringAt(reference, "projectId");
      if (project.empty()) project = self->config.project_id;
      std::string location = StringAt(reference, "location");
      if (location.empty()) location = self->config.location.value_or("");
      answer.location = location;

      const auto complete = response->find("jobComplete");
      const bool job_complete = complete != response->end() && complete->is_boolean()
                                    ? complete->get<bool>()
                                    : response->contains("schema");
      if (job_complete) {
        // A complete job's first answer carries the result's schema; without it the rows could
        // not be read, and no rows is not the same as no answer.
        if (!have_schema) {
          const auto schema = response->find("schema");
          if (schema == response->end() || !schema->is_object()) {
            co_return MalformedResponse("a complete job's answer has no schema");
          }
          const auto fields = schema->find("fields");
          if (fields == schema->end() || !fields->is_array()) {
            co_return MalformedResponse("schema.fields is not a list");
          }
          answer.fields = *fields;
          have_schema = true;
        }
        if (const auto rows = response->find("rows"); rows != response->end()) {
          if (!rows->is_array()) co_return MalformedResponse("rows is not a list");
          for (json& row : *rows) answer.rows.push_back(std::move(row));
        }
        std::string next = StringAt(*response, "pageToken");
        if (next.empty()) break;
        page_token = std::move(next);
      }
      if (!job_complete) {
        // A long poll should wait for the job; one answered at once (an emulator does) is not
        // repeated at once, lest the loop spin until the deadline.
        if (Clock::now() - asked < kQuickPoll) {
          const milliseconds pause = std::min<milliseconds>(
              kQuickPollPause * (1 << std::min(quick_polls, 5)), kLongPollPauseMax);
          ++quick_polls;
          if (Clock::now() + pause >= deadline) co_return self->TimedOut();
          asio::any_io_executor here = co_await asio::this_coro::executor;
          asio::steady_timer timer(here, pause);
          boost::system::error_code ignored;
          co_await timer.async_wait(asio::redirect_error(asio::use_awaitable, ignored));
        }
      }
      // Polls while the job runs (the same page again), then the next page.
      std::string url = fmt::format("{}/projects/{}/queries/{}?", self->base_url,
                                    Encode(project, ":"), Encode(answer.job_id));
      if (!location.empty()) url += "location=" + Encode(location) + "&";
      url += fmt::format("timeoutMs={}", self->PollTimeout(deadline).count());
      if (page_token) url += "&pageToken=" + Encode(*page_token);
      url += "&formatOptions.useInt64Timestamp=true";
      asio::awaitable<Result<json>> polled = self->Call("GET", std::move(url), "", deadline);
      asked = Clock::now();
      response = co_await std::move(polled);
    }
    co_return answer;
  }
};

Client::Client(asio::any_io_executor executor, SourceConfig config,
               std::optional<std::string> emulator_host)
    : impl_(std::make_shared<Impl>(std::move(executor), std::move(config), emulator_host)) {}

Client::~Client() = default;

asio::awaitable<Result<QueryAnswer>> Client::Query(std::string sql, json parameters) {
  std::shared_ptr<Impl> impl = impl_;
  asio::awaitable<Result<QueryAnswer>> run =
      Impl::Run(std::move(impl), std::move(sql), std::move(parameters));
  co_return co_await std::move(run);
}

const SourceConfig& Client::config() const { return impl_->config; }

}  // namespace junction::backends::bigquery
