#include "schema/snapshot.h"

#include <utility>

#include "schema/build_role_schema.h"
#include "schema/inconsistencies.h"
#include "schema/resolve.h"
#include "schema/role_model.h"
#include "schema/session.h"

namespace junction::schema {

const RoleSchema& Snapshot::ForRole(std::string_view role) const {
  if (role == kAdminRole) return *admin;
  const auto it = roles.find(role);
  return it == roles.end() ? *unprivileged : *it->second;
}

Result<std::shared_ptr<const Snapshot>> BuildSnapshot(
    metadata::Metadata metadata, const metadata::Catalogs& catalogs,
    const metadata::RemoteSchemaCatalogs& remote_schemas) {
  auto snapshot = std::make_shared<Snapshot>();
  Resolved resolved = ResolveSources(metadata, catalogs, remote_schemas);
  snapshot->inconsistent_objects = std::move(resolved.inconsistent_objects);
  for (metadata::InconsistentObject& object :
       FindUnintrospectedRemoteSchemas(metadata, remote_schemas)) {
    snapshot->inconsistent_objects.push_back(std::move(object));
  }
  for (metadata::InconsistentObject& object : FindUnsupportedSections(metadata)) {
    snapshot->inconsistent_objects.push_back(std::move(object));
  }
  RoleModels roles = ResolveRoleModels(metadata, resolved.model);
  for (metadata::InconsistentObject& object : roles.inconsistent_objects) {
    snapshot->inconsistent_objects.push_back(std::move(object));
  }
  snapshot->metadata = std::move(metadata);
  std::shared_ptr<const SourceModel> unprivileged = UnprivilegedModel(resolved.model);
  Result<std::shared_ptr<const RoleSchema>> admin = BuildRoleSchema(std::move(resolved.model));
  if (!admin) return admin.error();
  snapshot->admin = std::move(admin).value();
  for (auto& [role, model] : roles.roles) {
    Result<std::shared_ptr<const RoleSchema>> schema = BuildRoleSchema(std::move(model));
    if (!schema) return schema.error();
    snapshot->roles.emplace(role, std::move(schema).value());
  }
  // A role without permissions sees the remote schemas only, or Hasura's placeholder.
  Result<std::shared_ptr<const RoleSchema>> empty = BuildRoleSchema(std::move(unprivileged));
  if (!empty) return empty.error();
  snapshot->unprivileged = std::move(empty).value();
  return std::shared_ptr<const Snapshot>(std::move(snapshot));
}

}  // namespace junction::schema
