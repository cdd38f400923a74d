#include "schema/snapshot.h"

#include <utility>

#include "schema/admin_schema.h"
#include "schema/inconsistencies.h"
#include "schema/resolve.h"
#include "schema/session.h"

namespace junction::schema {

const RoleSchema& Snapshot::ForRole(std::string_view role) const {
  return role == kAdminRole ? *admin : *unprivileged;
}

Result<std::shared_ptr<const Snapshot>> BuildSnapshot(metadata::Metadata metadata,
                                                      const metadata::Catalogs& catalogs) {
  auto snapshot = std::make_shared<Snapshot>();
  Resolved resolved = ResolveSources(metadata, catalogs);
  snapshot->inconsistent_objects = std::move(resolved.inconsistent_objects);
  for (metadata::InconsistentObject& object : FindUnsupportedSections(metadata)) {
    snapshot->inconsistent_objects.push_back(std::move(object));
  }
  snapshot->metadata = std::move(metadata);
  Result<std::shared_ptr<const RoleSchema>> admin = BuildAdminRoleSchema(std::move(resolved.model));
  if (!admin) return admin.error();
  snapshot->admin = std::move(admin).value();
  // Without permissions every other role can query nothing: Hasura's placeholder.
  Result<std::shared_ptr<const RoleSchema>> empty = BuildEmptyRoleSchema();
  if (!empty) return empty.error();
  snapshot->unprivileged = std::move(empty).value();
  return std::shared_ptr<const Snapshot>(std::move(snapshot));
}

}  // namespace junction::schema
