#include "server/graphql_request.h"

#include <utility>

#include "common/json_writer.h"
#include "metadata/json_text.h"

namespace junction::server {
namespace {

using metadata::Json;
using metadata::JsonPathKey;
using metadata::TypeMismatch;

Result<GraphqlRequest> ParseRequest(const Json& body, const std::string& path) {
  if (!body.is_object()) return TypeMismatch(path, "GQLReq", "Object", body);
  GraphqlRequest request;

  const auto query = body.find("query");
  if (query == body.end()) return metadata::MissingKey(path, "query");
  if (!query->is_string())
    return TypeMismatch(JsonPathKey(path, "query"), "Text", "String", *query);
  request.query = query->get<std::string>();

  if (const auto name = body.find("operationName"); name != body.end() && !name->is_null()) {
    if (!name->is_string()) {
      return TypeMismatch(JsonPathKey(path, "operationName"), "Text", "String", *name);
    }
    request.operation_name = name->get<std::string>();
  }
  if (const auto variables = body.find("variables");
      variables != body.end() && !variables->is_null()) {
    if (!variables->is_object()) {
      return TypeMismatch(JsonPathKey(path, "variables"), "HashMap", "Object", *variables);
    }
    request.variables = *variables;
  }
  return request;
}

}  // namespace

Result<GraphqlBatch> ParseGraphqlBatch(const Json& body) {
  GraphqlBatch batch;
  if (!body.is_array()) {
    Result<GraphqlRequest> request = ParseRequest(body, "$");
    if (!request) return request.error();
    batch.requests.push_back(std::move(request).value());
    return batch;
  }
  batch.is_batch = true;
  for (size_t i = 0; i < body.size(); ++i) {
    Result<GraphqlRequest> request = ParseRequest(body[i], metadata::JsonPathIndex("$", i));
    if (!request) return request.error();
    batch.requests.push_back(std::move(request).value());
  }
  return batch;
}

std::string GraphqlErrorsBody(const std::vector<Error>& errors, bool include_internal) {
  JsonWriter out;
  out.BeginObject();
  out.Key("errors");
  out.BeginArray();
  for (const Error& error : errors) {
    out.BeginObject();
    out.Key("message");
    out.String(error.message);
    if (!error.locations.empty()) {
      out.Key("locations");
      out.BeginArray();
      for (const SourceLocation& location : error.locations) {
        out.BeginObject();
        out.Key("line");
        out.Int(location.line);
        out.Key("column");
        out.Int(location.column);
        out.EndObject();
      }
      out.EndArray();
    }
    out.Key("extensions");
    out.BeginObject();
    out.Key("path");
    out.String(error.path);
    out.Key("code");
    out.String(ToString(error.code));
    if (include_internal && !error.internal.is_null()) {
      out.Key("internal");
      out.Raw(metadata::DumpJson(error.internal));
    }
    out.EndObject();
    out.EndObject();
  }
  out.EndArray();
  out.EndObject();
  return out.Take();
}

}  // namespace junction::server
