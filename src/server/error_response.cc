#include "server/error_response.h"

#include "common/json_writer.h"

namespace junction::server {

std::string ErrorBody(const Error& error) {
  JsonWriter w;
  w.BeginObject();
  w.Key("path");
  w.String(error.path);
  w.Key("error");
  w.String(error.message);
  w.Key("code");
  w.String(ToString(error.code));
  w.EndObject();
  return w.Take();
}

HttpResponse ErrorResponse(unsigned status, const Error& error) {
  HttpResponse response;
  response.status = status;
  response.body = ErrorBody(error);
  return response;
}

}  // namespace junction::server
