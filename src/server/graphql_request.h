#pragma once
// The body of a /v1/graphql request, read as Hasura reads it (GQLReq / GQLBatchedReqs in
// server/src-lib/Hasura/GraphQL/Transport/HTTP/Protocol.hs):
//
//   {"query":"…","operationName":"Q","variables":{…}}     one request
//   [{"query":"…"}, {"query":"…"}]                          a batch, answered with an array
//
// `operationName` and `variables` may be absent or null; unknown keys (extensions, …) are
// ignored. A body that does not have this shape is one parse-failed error with aeson's wording
// and path; in a batch the path names the element (`$[1].query`), and the whole batch fails.

#include <string>
#include <vector>

#include "common/result.h"
#include "metadata/json_path.h"

namespace junction::server {

struct GraphqlRequest {
  std::string query;
  std::string operation_name;  // empty when absent or null
  metadata::Json variables = metadata::Json::object();
};

struct GraphqlBatch {
  std::vector<GraphqlRequest> requests;
  bool is_batch = false;  // the body was an array: answer an array
};

Result<GraphqlBatch> ParseGraphqlBatch(const metadata::Json& body);

// {"errors":[{"message","locations"?,"extensions":{"path","code","internal"?}}]}; `internal` only
// when `include_internal` (the session is admin). Keys in graphql-js's order.
std::string GraphqlErrorsBody(const std::vector<Error>& errors, bool include_internal);

}  // namespace junction::server
