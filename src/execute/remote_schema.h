#pragma once
// Calling remote schemas (DESIGN.md §4): one request per remote root field (or namespace), and
// one per hop of a relationship to a remote schema, through the process's HttpClient within the
// remote's timeout. Headers, as Hasura sends them, each name once, the first source winning: the
// remote's configured headers; the session (x-hasura-role, x-hasura-user-id, …); and, when the
// remote forwards client headers, the client's — never its x-hasura-* headers (the admin secret
// stays here), nor those about its own connection (HttpClient's IsForwardable) — with its Host
// and User-Agent as X-Forwarded-Host and X-Forwarded-User-Agent.
//
// An answer is read as a GraphQL response whatever its HTTP status when it is one (an object with
// `data` or `errors`). Failures, each at the field's path:
//   unreachable, timed out    remote-schema-error `HTTP exception occurred while sending the
//                             request to "<url>"` (the client's words in `internal`)
//   another status, no JSON   remote-schema-error `unexpected response from the remote server:
//                             HTTP status <n>`
//   200 that is not JSON      unexpected `Remote server response is not valid JSON: <why>`
//   no `data`                 unexpected `"data" field not found in remote response`

#include <string>
#include <utility>  // before any Asio header: Boost 1.74 + GCC 12
#include <vector>

#include <boost/asio/awaitable.hpp>
#include <nlohmann/json.hpp>

#include "backends/http/http_client.h"
#include "backends/remote_graphql/translate.h"
#include "common/result.h"
#include "schema/source_model.h"

namespace junction::execute {

struct RemoteContext {
  // The process's client; null when the engine has no remote schemas to call (an error then).
  backends::http::HttpClient* http = nullptr;
  // The request's headers (lower-case names), sent on to remote schemas that forward them.
  std::vector<std::pair<std::string, std::string>> client_headers;
  // The request's session as headers (x-hasura-role and the session variables), which every
  // remote schema is sent, as Hasura sends them: the service's own authorization can read them.
  std::vector<std::pair<std::string, std::string>> session_headers;
};

// The remote's answer, {"data":…,"errors":[…]} (either may be absent).
boost::asio::awaitable<Result<nlohmann::ordered_json>> CallRemote(
    const schema::RemoteSchema& schema, const backends::remote_graphql::GraphqlRequest& request,
    const RemoteContext& context, const std::string& path);

}  // namespace junction::execute
