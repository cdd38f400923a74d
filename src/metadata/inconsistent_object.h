#pragma once
// InconsistentObject: an object of the metadata that the engine cannot serve (an unreachable
// database, a broken relationship, or, until its backend exists, a whole kind of object), in the
// shape Hasura reports it (server/src-lib/Hasura/RQL/Types/Metadata/Object.hs):
//
//   {"definition":{…the object as written…},"name":"source default",
//    "reason":"Inconsistent object: …","type":"source"}
//
// schema::FindInconsistentObjects produces them; the metadata commands report them
// (replace_metadata, get_inconsistent_metadata) and drop them (drop_inconsistent_metadata), which
// is why each also says where in the document it sits.

#include <optional>
#include <string>
#include <vector>

#include "metadata/json_path.h"

namespace junction::metadata {

struct InconsistentObject {
  std::string type;    // "source", "remote_schema", "action", …
  std::string name;    // "source default": the type, a space, the object's name
  std::string reason;  // "Inconsistent object: …"
  Json definition;     // the object as the metadata holds it

  // Where it sits: the top-level section, and its index when the section is an array (none when
  // the object is the whole section).
  std::string section;
  std::optional<size_t> index;
  // For an object nested in that entry, its JSON pointer (RFC 6901) inside the entry: a tracked
  // table of a source is "/tables/2", a relationship "/tables/2/object_relationships/0". Empty
  // when the object is the entry (or the section) itself.
  std::string pointer = {};
  // Hasura's "message": the underlying error's text, for a source the engine could not reach
  // (reason "Inconsistent object: connection error"); absent otherwise.
  std::optional<std::string> message = std::nullopt;
};

// Hasura's JSON form (keys in the order Hasura prints them).
Json ToJson(const InconsistentObject& object);
Json ToJson(const std::vector<InconsistentObject>& objects);

}  // namespace junction::metadata
