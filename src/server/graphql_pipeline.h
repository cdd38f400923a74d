#pragma once
// RunGraphqlRequest: one GraphQL request through the stages of DESIGN.md §2, for the session's
// role in one snapshot:
//
//   Schema (Snapshot::ForRole) → Parse → CheckLimits → Validate → Normalize → Execute
//
// The answer is the response body: `{"data":{…}}`, or `{"errors":[…]}` from the first stage that
// fails (validation reports all its errors, capped; the others one). Errors show `internal` only
// to admins. BuildIr and Plan slot in before Execute when root fields are bound to sources.

#include <string>

#include "schema/session.h"
#include "schema/snapshot.h"
#include "server/graphql_request.h"

namespace junction::server {

std::string RunGraphqlRequest(const schema::Snapshot& snapshot, const schema::Session& session,
                              const GraphqlRequest& request);

}  // namespace junction::server
