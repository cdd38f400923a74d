#pragma once
// Webhook mode (Hasura's Auth/WebHook.hs): asks an HTTP service who a request is.
//
//   GET  the client's headers are forwarded, minus those about the client's own connection and
//        body (Content-Length, Host, User-Agent, Accept*, Connection, …, as Hasura drops them)
//   POST {"headers": {<every client header>}, "request": <the GraphQL request, or null>}
//
// The answer: 200 with a JSON object whose x-hasura-* members are the session (x-hasura-role is
// required: "x-hasura-role not found in session variables"); 401 → access-denied "Authentication
// hook unauthorized this request"; any other status or a body that is no JSON object → unexpected
// "Invalid response from authorization hook"; no answer within the timeout (or no connection) →
// unexpected "webhook authentication request failed". Each failure is logged as a webhook-log
// line with its detail. The hook runs as a coroutine: a slow hook holds no thread.
//
//   Result<schema::Session> session = co_await AuthenticateWithWebhook(webhook, request);

#include <utility>  // before any Asio header: Boost 1.74 + GCC 12

#include <boost/asio/awaitable.hpp>

#include "common/result.h"
#include "schema/session.h"
#include "server/auth.h"
#include "server/http_types.h"

namespace junction::server {

boost::asio::awaitable<Result<schema::Session>> AuthenticateWithWebhook(
    const WebhookOptions& webhook, const HttpRequest& request);

// The session a hook's 200 answer describes; exposed for tests.
Result<schema::Session> SessionFromHookResponse(std::string_view body);

}  // namespace junction::server
