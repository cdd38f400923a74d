#include "execute/remote_schema.h"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <string_view>

namespace junction::execute {
namespace {

namespace asio = boost::asio;
using Json = nlohmann::ordered_json;

std::string Lower(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

// The parser's reason a text is not JSON (only asked once parsing without exceptions failed).
std::string WhyNotJson(const std::string& text) {
  try {
    const Json parsed = Json::parse(text);
    if (parsed.is_discarded()) return "not a JSON document";
  } catch (const Json::parse_error& error) {
    return error.what();
  }
  return "not a JSON document";
}

}  // namespace

asio::awaitable<Result<Json>> CallRemote(const schema::RemoteSchema& schema,
                                         const backends::remote_graphql::GraphqlRequest& graphql,
                                         const RemoteContext& context, const std::string& path) {
  const metadata::RemoteSchemaDefinition& definition = schema.definition;
  if (context.http == nullptr) {
    co_return Error(ErrorCode::kUnexpected, "no HTTP client to call remote schemas with", path);
  }
  backends::http::HttpRequest request;
  request.method = "POST";
  request.url = definition.url;
  request.body = graphql.Body();
  request.timeout = std::chrono::seconds(std::max<int64_t>(1, definition.timeout_seconds));
  // Each name once: the configured headers, then the session's, then the client's.
  std::vector<std::string> sent;
  const auto add = [&](const std::string& name, const std::string& value) {
    std::string lower = Lower(name);
    if (std::ranges::find(sent, lower) != sent.end()) return;
    sent.push_back(std::move(lower));
    request.headers.emplace_back(name, value);
  };
  for (const metadata::RemoteSchemaHeader& header : definition.headers) {
    add(header.name, header.value);
  }
  for (const auto& [name, value] : context.session_headers) add(name, value);
  if (definition.forward_client_headers) {
    for (const auto& [name, value] : context.client_headers) {
      const std::string lower = Lower(name);
      if (lower == "host") add("x-forwarded-host", value);
      if (lower == "user-agent") add("x-forwarded-user-agent", value);
      if (lower.starts_with("x-hasura-") || !backends::http::IsForwardable(lower)) {
        continue;
      }
      add(name, value);
    }
  }
  add("content-type", "application/json");
  Result<backends::http::HttpResponse> response = co_await context.http->Send(request);
  if (!response) {
    co_return Error(
        ErrorCode::kRemoteSchemaError,
        "HTTP exception occurred while sending the request to \"" + definition.url + "\"", path,
        Json{{"error", response.error().message}, {"url", definition.url}});
  }
  Json body = Json::parse(response->body, nullptr, false);
  const bool graphql_response = !body.is_discarded() && body.is_object() &&
                                (body.contains("data") || body.contains("errors"));
  if (!graphql_response && (response->status < 200 || response->status >= 300)) {
    co_return Error(ErrorCode::kRemoteSchemaError,
                    "unexpected response from the remote server: HTTP status " +
                        std::to_string(response->status),
                    path,
                    Json{{"status", response->status}, {"body", response->body.substr(0, 4096)}});
  }
  if (body.is_discarded()) {
    co_return Error(ErrorCode::kUnexpected,
                    "Remote server response is not valid JSON: " + WhyNotJson(response->body), path,
                    Json{{"body", response->body.substr(0, 4096)}});
  }
  if (!body.is_object()) {
    co_return Error(ErrorCode::kUnexpected, "\"data\" field not found in remote response", path);
  }
  co_return body;
}

}  // namespace junction::execute
