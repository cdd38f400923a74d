#pragma once
// Test support (client_test.cc, pool_test.cc): a fake of Google's token endpoint and BigQuery's
// REST API — a Beast server on 127.0.0.1 (port 0, its own thread) that verifies our JWT with
// test_key.h's public key, issues tokens, and answers jobs.query and getQueryResults in
// BigQuery's wire format, with failures, slow or incomplete jobs and pages on demand.

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <deque>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <thread>
#include <tuple>
#include <utility>  // before any Asio header: Boost 1.74 + GCC 12
#include <vector>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>
#include <nlohmann/json.hpp>

#include "backends/bigquery/test_key.h"

namespace junction::backends::bigquery::test_support {

namespace fake_detail {
namespace asio = boost::asio;
namespace beast = boost::beast;
namespace wire = beast::http;
using nlohmann::json;
using tcp = asio::ip::tcp;

// A request the fake's API saw (the token endpoint's are counted only).
struct Seen {
  std::string method;
  std::string path;
  std::map<std::string, std::string> query;  // decoded
  json body;
};

inline std::string PercentDecode(std::string_view text) {
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%' && i + 2 < text.size()) {
      out += static_cast<char>(std::stoi(std::string(text.substr(i + 1, 2)), nullptr, 16));
      i += 2;
    } else {
      out += text[i] == '+' ? ' ' : text[i];
    }
  }
  return out;
}

// A page token with characters a URL must encode.
constexpr std::string_view kPagePrefix = "pg+/=";

class FakeBigQuery {
 public:
  // What the fake does; tests change it between queries (under `mutex`).
  struct Settings {
    int64_t token_lifetime = 3600;
    std::chrono::milliseconds token_delay{0};
    bool refuse_grants = false;  // the token endpoint answers invalid_grant
    // The token endpoint's next answers, in order, as (status, body text), before any token.
    std::deque<std::pair<unsigned, std::string>> token_failures;
    bool reject_all_tokens = false;  // the API answers 401 to every token
    bool hang = false;               // the API never answers
    int incomplete_polls = 0;        // each job answers jobComplete:false this many times first
    size_t page_size = 0;            // 0: every row in one page
    std::deque<std::pair<unsigned, std::string>> failures;  // the next API answers, in order
    // The next API answers as (status, body text), before `failures`: garbage, HTML error pages.
    std::deque<std::pair<unsigned, std::string>> raw_answers;
    std::chrono::milliseconds api_delay{0};  // each API answer waits this long
    // When set, the result (fields, rows) of a query's job by its SQL; else `fields` and `rows`.
    std::function<std::pair<json, std::vector<json>>(const std::string& sql)> results;
    json fields = json::parse(R"([{"name":"id","type":"INTEGER","mode":"NULLABLE"},
                                  {"name":"name","type":"STRING","mode":"NULLABLE"}])");
    std::vector<json> rows = {json::parse(R"({"f":[{"v":"1"},{"v":"Ann"}]})"),
                              json::parse(R"({"f":[{"v":"2"},{"v":"Bo"}]})"),
                              json::parse(R"({"f":[{"v":"3"},{"v":null}]})")};
  };

  FakeBigQuery() : acceptor_(io_, tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0)) {
    asio::co_spawn(io_, Accept(), asio::detached);
    thread_ = std::thread([this] { io_.run(); });
  }
  ~FakeBigQuery() {
    io_.stop();
    thread_.join();
  }

  std::string Url(std::string_view path) const {
    return "http://127.0.0.1:" + std::to_string(acceptor_.local_endpoint().port()) +
           std::string(path);
  }
  std::string Host() const {
    return "127.0.0.1:" + std::to_string(acceptor_.local_endpoint().port());
  }

  template <typename F>
  void Set(F change) {
    std::lock_guard lock(mutex_);
    change(settings_);
  }
  int tokens() {
    std::lock_guard lock(mutex_);
    return tokens_issued_;
  }
  // Requests to the token endpoint, answered or not.
  int token_requests() {
    std::lock_guard lock(mutex_);
    return token_requests_;
  }
  std::vector<Seen> requests() {
    std::lock_guard lock(mutex_);
    return seen_;
  }
  // Forgets every token issued, as when they are revoked.
  void RevokeTokens() {
    std::lock_guard lock(mutex_);
    valid_tokens_.clear();
  }

 private:
  struct Answer {
    unsigned status = 200;
    json body;
    std::chrono::milliseconds delay{0};
    bool hang = false;
    std::optional<std::string> raw = std::nullopt;  // the body's text instead of `body`
  };

  static Answer GoogleError(unsigned status, std::string_view reason, std::string_view message) {
    return {status,
            {{"error",
              {{"code", status},
               {"message", message},
               {"errors", {{{"message", message}, {"domain", "global"}, {"reason", reason}}}},
               {"status", "ERROR"}}}}};
  }

  asio::awaitable<void> Accept() {
    while (true) {
      boost::system::error_code ec;
      tcp::socket socket =
          co_await acceptor_.async_accept(asio::redirect_error(asio::use_awaitable, ec));
      if (ec) co_return;
      asio::co_spawn(io_, Serve(beast::tcp_stream(std::move(socket))), asio::detached);
    }
  }

  asio::awaitable<void> Serve(beast::tcp_stream stream) {
    beast::flat_buffer buffer;
    while (true) {
      boost::system::error_code ec;
      wire::request<wire::string_body> request;
      co_await wire::async_read(stream, buffer, request,
                                asio::redirect_error(asio::use_awaitable, ec));
      if (ec) co_return;
      const Answer answer = Handle(request);
      asio::steady_timer wait(io_, answer.hang ? std::chrono::milliseconds(60'000) : answer.delay);
      if (answer.hang || answer.delay.count() > 0) {
        co_await wait.async_wait(asio::redirect_error(asio::use_awaitable, ec));
        if (answer.hang) co_return;
      }
      wire::response<wire::string_body> response(static_cast<wire::status>(answer.status), 11);
      response.set(wire::field::content_type, "application/json; charset=UTF-8");
      response.body() = answer.raw ? *answer.raw : answer.body.dump();
      response.keep_alive(true);
      response.prepare_payload();
      co_await wire::async_write(stream, response, asio::redirect_error(asio::use_awaitable, ec));
      if (ec) co_return;
    }
  }

  Answer Handle(const wire::request<wire::string_body>& request) {
    std::lock_guard lock(mutex_);
    const std::string target(request.target());
    if (target == "/token") {
      ++token_requests_;
      if (!settings_.token_failures.empty()) {
        auto [status, text] = settings_.token_failures.front();
        settings_.token_failures.pop_front();
        return {status, nullptr, settings_.token_delay, false, text};
      }
      return Token(request);
    }
    Seen seen;
    seen.method = std::string(request.method_string());
    const size_t question = target.find('?');
    seen.path = target.substr(0, question);
    if (question != std::string::npos) {
      std::string_view query = std::string_view(target).substr(question + 1);
      while (!query.empty()) {
        const size_t amp = query.find('&');
        const std::string_view pair = query.substr(0, amp);
        const size_t equals = pair.find('=');
        seen.query[std::string(pair.substr(0, equals))] =
            equals == std::string_view::npos ? "" : PercentDecode(pair.substr(equals + 1));
        query = amp == std::string_view::npos ? "" : query.substr(amp + 1);
      }
    }
    seen.body = json::parse(request.body(), nullptr, false);
    seen_.push_back(seen);

    const std::string authorization(request[wire::field::authorization]);
    if (settings_.reject_all_tokens || !authorization.starts_with("Bearer ") ||
        !valid_tokens_.contains(authorization.substr(7))) {
      return GoogleError(401, "authError", "Request had invalid authentication credentials.");
    }
    if (settings_.hang) return {200, nullptr, std::chrono::milliseconds(0), true};
    if (!settings_.raw_answers.empty()) {
      auto [status, text] = settings_.raw_answers.front();
      settings_.raw_answers.pop_front();
      return {status, nullptr, std::chrono::milliseconds(0), false, text};
    }
    if (!settings_.failures.empty()) {
      auto [status, reason] = settings_.failures.front();
      settings_.failures.pop_front();
      return GoogleError(status, reason, "Exceeded rate limits: too many requests");
    }
    const std::string jobs = "/bigquery/v2/projects/p/queries";
    if (seen.method == "POST" && seen.path == jobs) {
      if (seen.body.value("query", "") == "BAD") {
        return GoogleError(400, "invalidQuery", "Unrecognized name: nope at [1:8]");
      }
      const std::string job = "job_" + std::to_string(jobs_.size() + 1);
      Job& made = jobs_[job];
      made.polls_left = settings_.incomplete_polls;
      std::tie(made.fields, made.rows) = settings_.results
                                             ? settings_.results(seen.body.value("query", ""))
                                             : std::pair(settings_.fields, settings_.rows);
      return Page(job, 0);
    }
    if (seen.method == "GET" && seen.path.starts_with(jobs + "/")) {
      const std::string job = seen.path.substr(jobs.size() + 1);
      if (!jobs_.contains(job)) return GoogleError(404, "notFound", "Not found: Job " + job);
      size_t offset = 0;
      if (auto token = seen.query.find("pageToken"); token != seen.query.end()) {
        if (!token->second.starts_with(kPagePrefix)) return GoogleError(400, "invalid", "token");
        offset = std::stoul(token->second.substr(kPagePrefix.size()));
      }
      return Page(job, offset);
    }
    return GoogleError(404, "notFound", "no such endpoint " + target);
  }

  Answer Page(const std::string& job, size_t offset) {
    json body = {{"kind", "bigquery#queryResponse"},
                 {"jobReference", {{"projectId", "p"}, {"jobId", job}, {"location", "EU"}}}};
    Job& state = jobs_[job];
    if (state.polls_left > 0) {
      --state.polls_left;
      body["jobComplete"] = false;
      return {200, body, settings_.api_delay};
    }
    const std::vector<json>& rows = state.rows;
    const size_t size = settings_.page_size == 0 ? rows.size() : settings_.page_size;
    const size_t end = std::min(rows.size(), offset + size);
    body["jobComplete"] = true;
    body["schema"] = {{"fields", state.fields}};
    body["totalRows"] = std::to_string(rows.size());
    body["rows"] = std::vector<json>(rows.begin() + static_cast<ptrdiff_t>(offset),
                                     rows.begin() + static_cast<ptrdiff_t>(end));
    if (end < rows.size()) body["pageToken"] = std::string(kPagePrefix) + std::to_string(end);
    return {200, body, settings_.api_delay};
  }

  // Google's token endpoint, checking what BIGQUERY.md §1.7 says it checks.
  Answer Token(const wire::request<wire::string_body>& request) {
    auto refuse = [](std::string_view why) {
      return Answer{400, {{"error", "invalid_grant"}, {"error_description", why}}};
    };
    constexpr std::string_view kGrant =
        "grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer&assertion=";
    if (request[wire::field::content_type] != "application/x-www-form-urlencoded") {
      return refuse("not a form");
    }
    if (!request.body().starts_with(kGrant)) return refuse("not a JWT bearer grant");
    const std::string jwt = request.body().substr(kGrant.size());
    const size_t first = jwt.find('.');
    const size_t second = jwt.find('.', first + 1);
    if (second == std::string::npos) return refuse("not a JWT");
    if (!Verifies(Key().public_pem, jwt.substr(0, second),
                  Base64UrlDecode(jwt.substr(second + 1)))) {
      return refuse("Invalid JWT Signature.");
    }
    const json claims =
        json::parse(Base64UrlDecode(jwt.substr(first + 1, second - first - 1)), nullptr, false);
    const int64_t now = std::chrono::duration_cast<std::chrono::seconds>(
                            std::chrono::system_clock::now().time_since_epoch())
                            .count();
    if (!claims.is_object() || claims.value("iss", "") != "engine@p.iam.gserviceaccount.com" ||
        claims.value("aud", "") != Url("/token") ||
        std::abs(claims.value("iat", int64_t{0}) - now) > 300 ||
        claims.value("exp", int64_t{0}) - claims.value("iat", int64_t{0}) > 3600) {
      return refuse("bad claims");
    }
    if (settings_.refuse_grants) return refuse("Invalid JWT Signature.");
    const std::string token = "token-" + std::to_string(++tokens_issued_);
    valid_tokens_.insert(token);
    return {200,
            {{"access_token", token},
             {"expires_in", settings_.token_lifetime},
             {"token_type", "Bearer"}},
            settings_.token_delay};
  }

  asio::io_context io_;
  tcp::acceptor acceptor_;
  std::thread thread_;
  std::mutex mutex_;
  Settings settings_;
  int tokens_issued_ = 0;
  int token_requests_ = 0;
  struct Job {
    int polls_left = 0;
    json fields;
    std::vector<json> rows;
  };
  std::map<std::string, Job> jobs_;
  std::set<std::string> valid_tokens_;
  std::vector<Seen> seen_;
};

}  // namespace fake_detail

using fake_detail::FakeBigQuery;
using fake_detail::Seen;

}  // namespace junction::backends::bigquery::test_support
