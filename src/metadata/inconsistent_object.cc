#include "metadata/inconsistent_object.h"

namespace junction::metadata {

Json ToJson(const InconsistentObject& object) {
  Json json = Json::object();
  json["definition"] = object.definition;
  if (object.message) json["message"] = *object.message;
  json["name"] = object.name;
  json["reason"] = object.reason;
  json["type"] = object.type;
  return json;
}

Json ToJson(const std::vector<InconsistentObject>& objects) {
  Json json = Json::array();
  for (const InconsistentObject& object : objects) json.push_back(ToJson(object));
  return json;
}

}  // namespace junction::metadata
