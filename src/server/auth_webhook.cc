#include "server/auth_webhook.h"

#include <algorithm>
#include <cctype>

#include <fmt/format.h>
#include <spdlog/common.h>
#include <nlohmann/json.hpp>

#include "backends/http/http_client.h"
#include "common/json_writer.h"
#include "server/http_fetch.h"
#include "server/logging.h"

namespace junction::server {
namespace {

constexpr std::string_view kUserAgent = "junction-graphql-engine";

void LogWebhook(spdlog::level::level_enum level, const WebhookOptions& webhook,
                std::optional<unsigned> status, std::string_view error,
                std::string_view response_body) {
  if (!ShouldLog(level)) return;
  JsonWriter w;
  w.BeginObject();
  w.Key("url");
  w.String(webhook.url);
  w.Key("method");
  w.String(webhook.post ? "POST" : "GET");
  w.Key("status_code");
  if (status) {
    w.Int(*status);
  } else {
    w.Null();
  }
  w.Key("http_error");
  if (error.empty()) {
    w.Null();
  } else {
    w.String(error);
  }
  w.Key("response");
  if (response_body.empty()) {
    w.Null();
  } else {
    w.String(response_body.substr(0, 4096));
  }
  w.EndObject();
  LogEvent(level, "webhook-log", w.Take());
}

// The GraphQL request POST mode sends along, for hooks that decide by operation; null for the
// other APIs and for bodies that are no JSON.
nlohmann::json GraphqlRequestOf(const HttpRequest& request) {
  std::string_view path = request.target;
  path = path.substr(0, path.find('?'));
  if (path != "/v1/graphql") return nullptr;
  nlohmann::json body = nlohmann::json::parse(request.body, nullptr, false);
  if (body.is_discarded()) return nullptr;
  return body;
}

}  // namespace

Result<schema::Session> SessionFromHookResponse(std::string_view body) {
  nlohmann::json json = nlohmann::json::parse(body, nullptr, false);
  if (json.is_discarded() || !json.is_object()) {
    return Error(ErrorCode::kUnexpected,
                 "Invalid response from authorization hook: expected a JSON object");
  }
  schema::Session session;
  for (const auto& [raw_name, value] : json.items()) {
    std::string name = raw_name;
    for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (!name.starts_with("x-hasura-")) continue;
    session.variables.insert_or_assign(name, SessionValueText(value));
  }
  const auto role = session.variables.find("x-hasura-role");
  if (role == session.variables.end() || role->second.empty()) {
    return Error(ErrorCode::kInvalidParams, "x-hasura-role not found in session variables");
  }
  session.role = role->second;
  return session;
}

boost::asio::awaitable<Result<schema::Session>> AuthenticateWithWebhook(
    const WebhookOptions& webhook, const HttpRequest& request) {
  FetchRequest fetch;
  fetch.url = webhook.url;
  fetch.timeout = webhook.timeout;
  fetch.headers.emplace_back("user-agent", kUserAgent);
  if (webhook.post) {
    fetch.method = "POST";
    nlohmann::json headers = nlohmann::json::object();
    for (const auto& [name, value] : request.headers) headers[name] = value;
    nlohmann::json payload = {{"headers", std::move(headers)},
                              {"request", GraphqlRequestOf(request)}};
    fetch.body = payload.dump();
    fetch.headers.emplace_back("content-type", "application/json");
  } else {
    for (const auto& [name, value] : request.headers) {
      if (backends::http::IsForwardable(name)) fetch.headers.emplace_back(name, value);
    }
  }
  Result<FetchResponse> response = co_await HttpFetch(fetch);
  if (!response) {
    LogWebhook(spdlog::level::err, webhook, std::nullopt, response.error().message, "");
    co_return Error(ErrorCode::kUnexpected, "webhook authentication request failed");
  }
  if (response->status == 401) {
    LogWebhook(spdlog::level::err, webhook, response->status, "", response->body);
    co_return Error(ErrorCode::kAccessDenied, "Authentication hook unauthorized this request");
  }
  if (response->status != 200) {
    LogWebhook(spdlog::level::err, webhook, response->status, "", response->body);
    co_return Error(ErrorCode::kUnexpected, "Invalid response from authorization hook");
  }
  Result<schema::Session> session = SessionFromHookResponse(response->body);
  if (!session) {
    LogWebhook(spdlog::level::err, webhook, response->status, session.error().message,
               response->body);
  }
  co_return session;
}

}  // namespace junction::server
