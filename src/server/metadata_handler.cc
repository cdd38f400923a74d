// The admin APIs: POST /v1/metadata, /v1/query and /v2/query (DESIGN.md §1, §6).
//
//   authenticate   401 access-denied (server/auth.h)
//   parse JSON     400 invalid-json
//   admin only     400 {"path":"$.args","error":"restricted access : admin only",
//                       "code":"access-denied"}
//   run            metadata::RunMetadataRequest or RunQueryRequest (pure; 400 or 409 on error)
//   commit         when the metadata changed: BuildSnapshot, Store::Save, then install the
//   snapshot;
//                  a failure to save answers 500 and changes nothing
//
// Hasura parses the command before checking the role, so a non-admin sending an unknown command
// sees the parse error; Junction checks the role first and tells non-admins only that the API is
// admin-only.

#include "server/engine.h"

#include <utility>

#include "metadata/commands.h"
#include "metadata/json_text.h"
#include "schema/inconsistencies.h"
#include "server/api_response.h"
#include "server/auth.h"
#include "server/query_api.h"

namespace junction::server {

boost::asio::awaitable<HttpResponse> Engine::HandleMetadata(const HttpRequest& request) {
  co_return RespondAdmin(request, AdminApi::kMetadata);
}

boost::asio::awaitable<HttpResponse> Engine::HandleQueryV1(const HttpRequest& request) {
  co_return RespondAdmin(request, AdminApi::kQueryV1);
}

boost::asio::awaitable<HttpResponse> Engine::HandleQueryV2(const HttpRequest& request) {
  co_return RespondAdmin(request, AdminApi::kQueryV2);
}

HttpResponse Engine::RespondAdmin(const HttpRequest& request, AdminApi api) {
  Result<schema::Session> session = Authenticate(options_.admin_secret, request);
  if (!session) return AdminErrorResponse(401, session.error(), false);
  Result<metadata::Json> body = metadata::ParseJsonText(request.body);
  if (!body) return AdminErrorResponse(400, body.error(), session->IsAdmin());
  if (!session->IsAdmin()) {
    return AdminErrorResponse(
        400, Error(ErrorCode::kAccessDenied, "restricted access : admin only", "$.args"), false);
  }

  metadata::CommandContext context;
  context.find_inconsistent_objects = schema::FindInconsistentObjects;

  // Changes are serialised; reading the current snapshot under the lock means a change always
  // starts from the one before it.
  std::lock_guard<std::mutex> lock(metadata_mutex_);
  const std::shared_ptr<const schema::Snapshot> current = snapshot_.load();
  Result<metadata::MetadataResponse> outcome =
      api == AdminApi::kMetadata
          ? metadata::RunMetadataRequest(current->metadata, *body, context)
          : RunQueryRequest(api == AdminApi::kQueryV1 ? QueryApi::kV1 : QueryApi::kV2,
                            current->metadata, *body, context);
  if (!outcome) return AdminErrorResponse(StatusOf(outcome.error()), outcome.error(), true);

  if (outcome->modified) {
    Result<std::shared_ptr<const schema::Snapshot>> next =
        schema::BuildSnapshot(std::move(outcome->metadata));
    if (!next) {
      return AdminErrorResponse(
          500,
          Error(ErrorCode::kUnexpected, "cannot build the schema for the new metadata", "$",
                metadata::Json{{"error", next.error().message}}),
          true);
    }
    // Persist first: if saving fails, the engine keeps serving (and storing) the old metadata.
    if (Status saved = store_.Save((*next)->metadata); !saved) {
      return AdminErrorResponse(
          500,
          Error(ErrorCode::kUnexpected, "cannot save the metadata; nothing was changed", "$",
                metadata::Json{{"error", saved.error().message}}),
          true);
    }
    snapshot_.store(std::move(next).value());
  }
  return JsonResponse(200, metadata::DumpJson(outcome->body));
}

}  // namespace junction::server
