// The admin APIs: POST /v1/metadata, /v1/query and /v2/query (DESIGN.md §1, §6).
//
//   authenticate   401 access-denied (server/auth.h)
//   parse JSON     400 invalid-json
//   admin only     400 {"path":"$.args","error":"restricted access : admin only",
//                       "code":"access-denied"}
//   run            metadata::RunMetadataRequest or RunQueryRequest (pure; 400 or 409 on error),
//                  against the catalogs known so far; when it needs one that is not known (a new
//                  or reconfigured source or remote schema, a reload), introspect and run it
//                  again from the start
//   commit         when the metadata changed: BuildSnapshot, Store::Save, then install the
//                  snapshot and the sources' pools; a store that refuses changes nothing and
//                  answers its error (409 conflict from a shared store whose metadata another
//                  engine changed, 400 from a read-only store, else 500)
//
// Hasura parses the command before checking the role, so a non-admin sending an unknown command
// sees the parse error; Junction checks the role first and tells non-admins only that the API is
// admin-only.

#include <utility>

#include "metadata/commands.h"
#include "metadata/json_text.h"
#include "metadata/source_metadata.h"
#include "schema/inconsistencies.h"
#include "server/auth.h"
#include "server/engine.h"
#include "server/error_response.h"
#include "server/query_api.h"

namespace junction::server {
namespace {

// How many times a change may find that another one was installed while it introspected, or
// that it needs yet another catalog, before it gives up.
constexpr int kMaxRounds = 4;

// The answer when the store refused the change: its own error when it says why (a conflict with
// another engine sharing the store, a read-only store), else a 500 that says nothing changed.
HttpResponse SaveFailure(const Error& error) {
  if (error.code != ErrorCode::kUnexpected) return ErrorResponse(StatusOf(error), error, true);
  return ErrorResponse(
      500,
      Error(ErrorCode::kUnexpected, "cannot save the metadata; nothing was changed", "$",
            metadata::Json{{"error", error.message}}),
      true);
}

}  // namespace

struct Engine::Attempt {
  Result<metadata::MetadataResponse> outcome = Error();
  std::shared_ptr<const Serving> base;           // what the request ran against
  SourceCatalogs::Missing missing;               // sources to introspect before the outcome counts
  RemoteSchemaCatalogs::Missing remote_missing;  // likewise, remote schemas
};

namespace {

bool HasRemoteSchema(const metadata::Metadata& metadata, std::string_view name) {
  const metadata::Json* entries = metadata.Find("remote_schemas");
  if (entries == nullptr || !entries->is_array()) return false;
  for (const metadata::Json& entry : *entries) {
    if (metadata::EntryName(entry) == name) return true;
  }
  return false;
}

}  // namespace

boost::asio::awaitable<HttpResponse> Engine::HandleMetadata(const HttpRequest& request) {
  co_return co_await RespondAdmin(request, AdminApi::kMetadata);
}

boost::asio::awaitable<HttpResponse> Engine::HandleQueryV1(const HttpRequest& request) {
  co_return co_await RespondAdmin(request, AdminApi::kQueryV1);
}

boost::asio::awaitable<HttpResponse> Engine::HandleQueryV2(const HttpRequest& request) {
  co_return co_await RespondAdmin(request, AdminApi::kQueryV2);
}

Engine::Attempt Engine::RunOnce(AdminApi api, const metadata::Json& body,
                                const std::set<std::string>& introspected,
                                const std::set<std::string>& introspected_remote) {
  Attempt attempt;
  attempt.base = serving_.load();
  metadata::CommandContext context;
  context.find_inconsistent_objects = [&](const metadata::Metadata& metadata) {
    return schema::FindInconsistentObjects(metadata, catalogs_.For(metadata, &attempt.missing),
                                           remote_catalogs_.For(metadata, &attempt.remote_missing));
  };
  context.find_catalog = [&](std::string_view source) { return catalogs_.Find(source); };
  context.find_remote_schema_catalog = [&](std::string_view name) {
    return remote_catalogs_.Find(name);
  };
  const metadata::Metadata& current = attempt.base->snapshot->metadata;
  attempt.outcome = api == AdminApi::kMetadata
                        ? metadata::RunMetadataRequest(current, body, context)
                        : RunQueryRequest(api == AdminApi::kQueryV1 ? QueryApi::kV1 : QueryApi::kV2,
                                          current, body, context);
  if (!attempt.outcome) return attempt;
  // Installing needs the catalog of every source. A reload needs those it names read again, and
  // so does a source the request adds: its database may have changed since it was last read.
  const metadata::MetadataResponse& outcome = *attempt.outcome;
  catalogs_.For(outcome.metadata, &attempt.missing);
  for (const metadata::Json& source : outcome.metadata.sources()) {
    const std::string name = source.value("name", "");
    const bool reload = outcome.reload_all_sources || outcome.sources_to_reload.contains(name) ||
                        !metadata::HasSource(current, name);
    if (reload && !introspected.contains(name)) attempt.missing.insert_or_assign(name, source);
  }
  // Likewise remote schemas: one the request adds or reloads is introspected afresh.
  remote_catalogs_.For(outcome.metadata, &attempt.remote_missing);
  if (const metadata::Json* entries = outcome.metadata.Find("remote_schemas");
      entries != nullptr && entries->is_array()) {
    for (const metadata::Json& entry : *entries) {
      const std::string name = metadata::EntryName(entry);
      const bool reload = outcome.reload_all_remote_schemas ||
                          outcome.remote_schemas_to_reload.contains(name) ||
                          !HasRemoteSchema(current, name);
      if (reload && !introspected_remote.contains(name)) {
        attempt.remote_missing.insert_or_assign(name, entry);
      }
    }
  }
  return attempt;
}

boost::asio::awaitable<HttpResponse> Engine::RespondAdmin(const HttpRequest& request,
                                                          AdminApi api) {
  Result<schema::Session> session =
      co_await Authenticate(options_.admin_secret, options_.auth, request);
  if (!session) {
    co_return ErrorResponse(AuthErrorStatus(session.error()), session.error(), false);
  }
  Result<metadata::Json> body = metadata::ParseJsonText(request.body);
  if (!body) co_return ErrorResponse(400, body.error(), session->IsAdmin());
  if (!session->IsAdmin()) {
    co_return ErrorResponse(
        400, Error(ErrorCode::kAccessDenied, "restricted access : admin only", "$.args"), false);
  }

  if (api != AdminApi::kMetadata && body->is_object()) {
    const QueryApi query_api = api == AdminApi::kQueryV1 ? QueryApi::kV1 : QueryApi::kV2;
    Result<metadata::Command> command = metadata::ParseCommand(*body, "$");
    if (command && IsRunSqlCommand(query_api, command->type)) {
      co_return co_await RespondRunSql(*command);
    }
  }

  std::set<std::string> introspected;
  std::set<std::string> introspected_remote;
  std::shared_ptr<const execute::SourcePools> pools;  // made for introspection, kept for install
  for (int round = 0; round < kMaxRounds; ++round) {
    Attempt attempt;
    {
      std::lock_guard<std::mutex> lock(metadata_mutex_);
      attempt = RunOnce(api, *body, introspected, introspected_remote);
      // A remote schema this request introspected already counts as read: its catalog (or
      // error) stands, so a definition read differently each time cannot make it loop.
      std::erase_if(attempt.remote_missing,
                    [&](const auto& entry) { return introspected_remote.contains(entry.first); });
      if (attempt.missing.empty() && attempt.remote_missing.empty()) {
        co_return Commit(attempt, pools.get());
      }
    }
    for (const auto& entry : attempt.missing) introspected.insert(entry.first);
    for (const auto& entry : attempt.remote_missing) introspected_remote.insert(entry.first);
    if (!attempt.missing.empty()) co_await IntrospectMissing(attempt.missing, *attempt.base, pools);
    if (!attempt.remote_missing.empty()) co_await IntrospectRemoteSchemas(attempt.remote_missing);
  }
  co_return ErrorResponse(
      500, Error(ErrorCode::kUnexpected, "the metadata kept changing while this request ran"),
      true);
}

boost::asio::awaitable<void> Engine::IntrospectMissing(
    const SourceCatalogs::Missing& missing, const Serving& base,
    std::shared_ptr<const execute::SourcePools>& pools) {
  // Without the lock: other changes and every query go on meanwhile.
  metadata::Json sources = metadata::Json::array();
  for (const auto& entry : missing) sources.push_back(entry.second);
  auto next_pools = std::make_shared<const execute::SourcePools>(
      base.pools->Update(sources, executor_, pools.get()));
  SourceCatalogs fresh = co_await SourceCatalogs::Introspect(missing, *next_pools);
  pools = std::move(next_pools);
  std::lock_guard<std::mutex> lock(metadata_mutex_);
  catalogs_.Merge(std::move(fresh));
}

boost::asio::awaitable<void> Engine::IntrospectRemoteSchemas(
    const RemoteSchemaCatalogs::Missing& missing) {
  // Without the lock, like IntrospectMissing.
  RemoteSchemaCatalogs fresh = co_await RemoteSchemaCatalogs::Introspect(missing);
  std::lock_guard<std::mutex> lock(metadata_mutex_);
  remote_catalogs_.Merge(std::move(fresh));
}

boost::asio::awaitable<Status> Engine::Adopt(metadata::Metadata metadata) {
  std::shared_ptr<const execute::SourcePools> pools;  // made for introspection, kept for install
  for (int round = 0; round < kMaxRounds; ++round) {
    std::shared_ptr<const Serving> base;
    SourceCatalogs::Missing missing;
    RemoteSchemaCatalogs::Missing remote_missing;
    {
      std::lock_guard<std::mutex> lock(metadata_mutex_);
      base = serving_.load();
      if (base->snapshot->metadata.resource_version() >= metadata.resource_version()) {
        co_return Status();
      }
      metadata::Catalogs catalogs = catalogs_.For(metadata, &missing);
      metadata::RemoteSchemaCatalogs remote_catalogs =
          remote_catalogs_.For(metadata, &remote_missing);
      if (missing.empty() && remote_missing.empty()) {
        Result<std::shared_ptr<const schema::Snapshot>> next =
            schema::BuildSnapshot(std::move(metadata), catalogs, remote_catalogs);
        if (!next) co_return next.error();
        catalogs_.Retain((*next)->metadata);
        remote_catalogs_.Retain((*next)->metadata);
        Install(std::move(next).value(), pools.get());
        co_return Status();
      }
    }
    if (!missing.empty()) co_await IntrospectMissing(missing, *base, pools);
    if (!remote_missing.empty()) co_await IntrospectRemoteSchemas(remote_missing);
  }
  co_return Error(ErrorCode::kUnexpected, "the sources kept changing while they were read");
}

HttpResponse Engine::Commit(Attempt& attempt, const execute::SourcePools* introspection_pools) {
  if (!attempt.outcome) {
    return ErrorResponse(StatusOf(attempt.outcome.error()), attempt.outcome.error(), true);
  }
  metadata::MetadataResponse& outcome = *attempt.outcome;
  if (outcome.modified || outcome.reload_all_sources || !outcome.sources_to_reload.empty() ||
      outcome.reload_all_remote_schemas || !outcome.remote_schemas_to_reload.empty()) {
    metadata::Catalogs catalogs = catalogs_.For(outcome.metadata, nullptr);
    metadata::RemoteSchemaCatalogs remote_catalogs =
        remote_catalogs_.For(outcome.metadata, nullptr);
    Result<std::shared_ptr<const schema::Snapshot>> next =
        schema::BuildSnapshot(std::move(outcome.metadata), catalogs, remote_catalogs);
    if (!next) {
      return ErrorResponse(
          500,
          Error(ErrorCode::kUnexpected, "cannot build the schema for the new metadata", "$",
                metadata::Json{{"error", next.error().message}}),
          true);
    }
    // Persist first: if saving fails, the engine keeps serving (and storing) the old metadata.
    if (outcome.modified) {
      const int64_t base_version = attempt.base->snapshot->metadata.resource_version();
      if (Status saved = store_.Save((*next)->metadata, base_version); !saved) {
        return SaveFailure(saved.error());
      }
    }
    catalogs_.Retain((*next)->metadata);
    remote_catalogs_.Retain((*next)->metadata);
    Install(std::move(next).value(), introspection_pools);
  }
  return JsonResponse(200, metadata::DumpJson(outcome.body));
}

}  // namespace junction::server
