#include "schema/snapshot.h"

#include <utility>

#include "schema/inconsistencies.h"
#include "schema/session.h"

namespace junction::schema {

const RoleSchema& Snapshot::ForRole(std::string_view role) const {
  return role == kAdminRole ? *admin : *unprivileged;
}

Result<std::shared_ptr<const Snapshot>> BuildSnapshot(metadata::Metadata metadata) {
  auto snapshot = std::make_shared<Snapshot>();
  snapshot->inconsistent_objects = FindInconsistentObjects(metadata);
  snapshot->metadata = std::move(metadata);
  // Nothing in the metadata can be served yet (every source kind, remote schema and action is
  // an inconsistent object), so every role sees Hasura's placeholder. The backend issues build
  // the admin's schema from the consistent sources here.
  Result<std::shared_ptr<const RoleSchema>> empty = BuildEmptyRoleSchema();
  if (!empty) return empty.error();
  snapshot->admin = *empty;
  snapshot->unprivileged = std::move(empty).value();
  return std::shared_ptr<const Snapshot>(std::move(snapshot));
}

}  // namespace junction::schema
