#include "server/error_response.h"

#include <utility>

#include "common/json_writer.h"
#include "metadata/json_text.h"

namespace junction::server {

unsigned StatusOf(const Error& error) { return error.code == ErrorCode::kConflict ? 409 : 400; }

std::string ErrorBody(const Error& error, bool include_internal) {
  JsonWriter out;
  out.BeginObject();
  out.Key("path");
  out.String(error.path);
  out.Key("error");
  out.String(error.message);
  out.Key("code");
  out.String(ToString(error.code));
  if (include_internal && !error.internal.is_null()) {
    out.Key("internal");
    out.Raw(metadata::DumpJson(error.internal));
  }
  out.EndObject();
  return out.Take();
}

HttpResponse ErrorResponse(unsigned status, const Error& error, bool include_internal) {
  return JsonResponse(status, ErrorBody(error, include_internal));
}

HttpResponse JsonResponse(unsigned status, std::string body) {
  HttpResponse response;
  response.status = status;
  response.body = std::move(body);
  return response;
}

}  // namespace junction::server
