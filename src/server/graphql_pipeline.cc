#include "server/graphql_pipeline.h"

#include <utility>
#include <vector>

#include "execute/execute.h"
#include "graphql/limits.h"
#include "graphql/operation.h"
#include "graphql/parser.h"
#include "graphql/validation.h"

namespace junction::server {

std::string RunGraphqlRequest(const schema::Snapshot& snapshot, const schema::Session& session,
                              const GraphqlRequest& request) {
  const bool admin = session.IsAdmin();
  const auto fail = [admin](Error error) { return GraphqlErrorsBody({std::move(error)}, admin); };

  const schema::RoleSchema& role_schema = snapshot.ForRole(session.role);
  const graphql::Schema& schema = *role_schema.schema;

  Result<graphql::Document> document = graphql::Parse(request.query);
  if (!document) return fail(std::move(document).error());
  if (Status limits = graphql::CheckLimits(*document); !limits) {
    return fail(std::move(limits).error());
  }
  std::vector<Error> invalid = graphql::Validate(schema, *document);
  if (!invalid.empty()) return GraphqlErrorsBody(invalid, admin);

  Result<graphql::Operation> operation =
      graphql::Normalize(schema, *document, request.operation_name, request.variables);
  if (!operation) return fail(std::move(operation).error());

  Result<std::string> response = execute::Execute(*operation, role_schema);
  if (!response) return fail(std::move(response).error());
  return std::move(response).value();
}

}  // namespace junction::server
