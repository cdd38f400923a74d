// Engine::HandleGraphql: POST /v1/graphql. Every answer is HTTP 200, errors included, as Hasura's
// /v1/graphql route answers (allMod200 in server/src-lib/Hasura/Server/App.hs).
//
//   authenticate  → {"errors":[{"message":"invalid x-hasura-admin-secret/…","extensions":
//                    {"path":"$","code":"access-denied"}}]}
//   parse JSON    → …"code":"invalid-json"…   ("Error in $: …")
//   read request  → …"code":"parse-failed"…   ($.query missing, not a string, …)
//   run           → graphql_pipeline.h, one body per request; a batch answers an array

#include "server/engine.h"

#include <string>
#include <utility>

#include "metadata/json_text.h"
#include "server/auth.h"
#include "server/error_response.h"
#include "server/graphql_pipeline.h"
#include "server/graphql_request.h"

namespace junction::server {

boost::asio::awaitable<HttpResponse> Engine::HandleGraphql(const HttpRequest& request) {
  co_return co_await RespondGraphql(request);
}

boost::asio::awaitable<HttpResponse> Engine::RespondGraphql(const HttpRequest& request) const {
  // What this request runs against, however metadata changes meanwhile.
  const std::shared_ptr<const Serving> serving = serving_.load();
  const schema::Snapshot& snapshot = *serving->snapshot;
  const execute::SourcePools& pools = *serving->pools;

  // Hasura parses the body first but answers an authentication failure before a parse failure,
  // so authenticating first gives the same answers.
  Result<schema::Session> session =
      co_await Authenticate(options_.admin_secret, options_.auth, request);
  if (!session) co_return JsonResponse(200, GraphqlErrorsBody({session.error()}, false));
  const bool admin = session->IsAdmin();

  Result<metadata::Json> body = metadata::ParseJsonText(request.body);
  if (!body) co_return JsonResponse(200, GraphqlErrorsBody({body.error()}, admin));
  Result<GraphqlBatch> batch = ParseGraphqlBatch(*body);
  if (!batch) co_return JsonResponse(200, GraphqlErrorsBody({batch.error()}, admin));
  // Remote schemas that forward the client's headers see this request's.
  execute::ExecuteOptions options = options_.execute;
  options.remote.client_headers.assign(request.headers.begin(), request.headers.end());
  options.remote.session_headers.emplace_back("x-hasura-role", session->role);
  for (const auto& [name, value] : session->variables) {
    if (name != "x-hasura-role") options.remote.session_headers.emplace_back(name, value);
  }

  if (!batch->is_batch) {
    co_return JsonResponse(200,
                           co_await RunGraphqlRequest(snapshot, pools, *serving->cache, *session,
                                                      batch->requests.front(), options));
  }
  std::string responses = "[";
  for (size_t i = 0; i < batch->requests.size(); ++i) {
    if (i > 0) responses += ',';
    responses += co_await RunGraphqlRequest(snapshot, pools, *serving->cache, *session,
                                            batch->requests[i], options);
  }
  responses += ']';
  co_return JsonResponse(200, std::move(responses));
}

}  // namespace junction::server
