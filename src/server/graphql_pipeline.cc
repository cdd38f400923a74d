#include "server/graphql_pipeline.h"

#include <utility>

#include "execute/execute.h"
#include "execute/remote_filters.h"
#include "graphql/limits.h"
#include "graphql/operation.h"
#include "graphql/parser.h"
#include "graphql/validation.h"
#include "plan/plan.h"

namespace junction::server {
namespace {

PreparedRequest Failed(Error error) { return PreparedRequest{nullptr, {std::move(error)}}; }

// Parse → CheckLimits → Validate: the document, or the errors.
PreparedRequest ParseAndValidate(const graphql::Schema& schema, const GraphqlRequest& request,
                                 std::shared_ptr<const graphql::Document>& document) {
  Result<graphql::Document> parsed = graphql::Parse(request.query);
  if (!parsed) return Failed(std::move(parsed).error());
  if (Status limits = graphql::CheckLimits(*parsed); !limits) {
    return Failed(std::move(limits).error());
  }
  std::vector<Error> invalid = graphql::Validate(schema, *parsed);
  if (!invalid.empty()) return PreparedRequest{nullptr, std::move(invalid)};
  document = std::make_shared<const graphql::Document>(std::move(parsed).value());
  return {};
}

bool HasVariables(const GraphqlRequest& request) {
  return !request.variables.is_null() && !request.variables.empty();
}

// Whether the request's plan, SQL included, is the same whoever sends it: it has no variables
// and its role's permissions read no session variable and no remote source.
bool PlanIsReusable(const schema::RoleSchema& role_schema, const GraphqlRequest& request) {
  return !HasVariables(request) && !role_schema.session_dependent;
}

}  // namespace

PreparedRequest PrepareGraphqlRequest(const schema::RoleSchema& role_schema,
                                      const schema::Session& session, QueryCache& cache,
                                      const GraphqlRequest& request) {
  const graphql::Schema& schema = *role_schema.schema;
  const bool reusable = PlanIsReusable(role_schema, request);
  std::shared_ptr<const QueryCache::Entry> cached =
      cache.Find(session.role, request.query, request.operation_name);
  if (cached != nullptr && cached->plan != nullptr && reusable) {
    return PreparedRequest{cached->plan, {}};
  }
  std::shared_ptr<const graphql::Document> document;
  if (cached != nullptr) {
    document = cached->document;
  } else if (PreparedRequest failed = ParseAndValidate(schema, request, document);
             document == nullptr) {
    return failed;
  }

  Result<graphql::Operation> operation =
      graphql::Normalize(schema, *document, request.operation_name, request.variables);
  if (!operation) return Failed(std::move(operation).error());
  Result<plan::Plan> made = plan::MakePlan(*operation, role_schema, session);
  if (!made) return Failed(std::move(made).error());
  // Only a role whose permissions read a remote source can have remote filters: the admin's and
  // most roles' plans skip the walk.
  if (role_schema.session_dependent && execute::HasRemoteFilters(*made)) {
    if (cached == nullptr) {
      cache.Insert(session.role, request.query, request.operation_name,
                   std::make_shared<const QueryCache::Entry>(QueryCache::Entry{document, nullptr}));
    }
    return PreparedRequest{nullptr, {}, std::move(made).value()};
  }
  Result<execute::ExecutablePlan> prepared = execute::Prepare(std::move(made).value());
  if (!prepared) return Failed(std::move(prepared).error());
  auto plan = std::make_shared<const execute::ExecutablePlan>(std::move(prepared).value());
  if (cached == nullptr || (cached->plan == nullptr && reusable)) {
    cache.Insert(session.role, request.query, request.operation_name,
                 std::make_shared<const QueryCache::Entry>(
                     QueryCache::Entry{document, reusable ? plan : nullptr}));
  }
  return PreparedRequest{std::move(plan), {}};
}

boost::asio::awaitable<void> ResolvePreparedRequest(PreparedRequest& prepared,
                                                    const execute::SourcePools& pools,
                                                    const execute::StatementObserver& observer) {
  if (!prepared.unresolved) co_return;
  plan::Plan unresolved = std::move(*prepared.unresolved);
  prepared.unresolved.reset();
  Status resolved = co_await execute::ResolveRemoteFilters(unresolved, pools, observer);
  if (!resolved) {
    prepared.errors.push_back(std::move(resolved).error());
    co_return;
  }
  Result<execute::ExecutablePlan> ready = execute::Prepare(std::move(unresolved));
  if (!ready) {
    prepared.errors.push_back(std::move(ready).error());
    co_return;
  }
  prepared.plan = std::make_shared<const execute::ExecutablePlan>(std::move(ready).value());
}

boost::asio::awaitable<std::string> RunGraphqlRequest(const schema::Snapshot& snapshot,
                                                      const execute::SourcePools& pools,
                                                      QueryCache& cache,
                                                      const schema::Session& session,
                                                      const GraphqlRequest& request,
                                                      execute::ExecuteOptions options) {
  const bool admin = session.IsAdmin();
  PreparedRequest prepared =
      PrepareGraphqlRequest(snapshot.ForRole(session.role), session, cache, request);
  co_await ResolvePreparedRequest(prepared, pools, options.on_statement);
  if (prepared.plan == nullptr) co_return GraphqlErrorsBody(prepared.errors, admin);
  Result<std::string> response = co_await execute::Execute(*prepared.plan, pools, options);
  if (!response) co_return GraphqlErrorsBody({std::move(response).error()}, admin);
  co_return std::move(response).value();
}

}  // namespace junction::server
