#pragma once
// Execute: the last stage of the request pipeline (DESIGN.md §2). Runs a normalized Operation
// against the RoleSchema it was validated with and writes the response, `{"data":{…}}`, with the
// root fields in the order the query asked for them and under their aliases.
//
//   { __typename  n: no_queries_available  __type(name: "query_root") { name } }
//   => {"data":{"__typename":"query_root","n":"There are no queries …",
//               "__type":{"name":"query_root"}}}
//
// Each root field is dispatched on what it resolves to: the meta-fields (__typename, and on the
// query root __schema and __type, answered by graphql::WriteIntrospectionField), then the
// RoleSchema's RootField alternative. The issues that bind root fields to sources add the
// BuildIr → Plan → run steps as one more alternative of that dispatch; the answer stays one
// response written in query order.

#include <string>

#include "common/result.h"
#include "graphql/operation.h"
#include "schema/role_schema.h"

namespace junction::execute {

// REQUIRES: `operation` was normalized against `schema.schema`. An Error means the RoleSchema
// and its GraphQL schema disagree (a root field with nothing to resolve it), a bug of ours.
Result<std::string> Execute(const graphql::Operation& operation, const schema::RoleSchema& schema);

}  // namespace junction::execute
