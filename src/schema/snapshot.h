#pragma once
// Snapshot: everything a request needs, immutable, built from one version of the metadata
// (DESIGN.md §6): the metadata itself, a RoleSchema per role, and the objects of the metadata
// that could not be served. The Engine installs a new Snapshot atomically after each metadata
// change; requests in flight keep the one they began with.

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"
#include "metadata/catalog.h"
#include "metadata/inconsistent_object.h"
#include "metadata/metadata.h"
#include "metadata/remote_schema.h"
#include "schema/role_schema.h"

namespace junction::schema {

struct Snapshot {
  metadata::Metadata metadata;
  // The admin's schema.
  std::shared_ptr<const RoleSchema> admin;
  // The schema of each role a consistent select permission names (role_model.h).
  std::map<std::string, std::shared_ptr<const RoleSchema>, std::less<>> roles;
  // The schema of any other role: the placeholder query root only, as Hasura gives a role with
  // no permissions.
  std::shared_ptr<const RoleSchema> unprivileged;
  // What the metadata holds but this snapshot does not serve (schema::FindInconsistentObjects).
  std::vector<metadata::InconsistentObject> inconsistent_objects;

  // The schema `role` sees; any role name is valid.
  const RoleSchema& ForRole(std::string_view role) const;
};

// Resolves `metadata` against the sources' `catalogs` (resolve.h) into a Snapshot: the admin's
// schema over every consistent table and each role's over what its permissions allow
// (role_model.h, build_role_schema.h). Objects that cannot be served become
// inconsistent objects, not errors (the metadata commands decide whether to accept them); an
// Error means the schema could not be built at all, which is a bug of ours.
Result<std::shared_ptr<const Snapshot>> BuildSnapshot(
    metadata::Metadata metadata, const metadata::Catalogs& catalogs,
    const metadata::RemoteSchemaCatalogs& remote_schemas = {});

}  // namespace junction::schema
