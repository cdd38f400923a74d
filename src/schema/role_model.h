#pragma once
// Roles: the select permissions of the metadata resolved into one SourceModel per role
// (DESIGN.md §6: metadata + catalogs → resolve → per-role schemas). A role's model holds only
// what the role may read, so that its GraphQL schema (BuildRoleSchema) and BuildIr see nothing
// else:
//
//   admin model: article {id, title, author_id, secret; author → author (object),
//                         reviews → review (array, remote)}
//   select_permissions of "user" on article: columns [id, title], filter {…}, no aggregations;
//   on author: columns [id, name]; none on review
//   => "user" model: article {id, title | hidden: author_id, secret; author → author (user's),
//                             permission {…}}  (reviews dropped: no permission on the target)
//
// Per table of a role's model: the columns it may select (the others kept as hidden columns,
// which join keys may read but no field outputs), the relationships whose target it may select
// (retargeted to the role's copy of that table, so the target's permission applies inside),
// the root fields its permission allows (`query_root_fields`; `_by_pk` only when every primary
// key column is selectable; `_aggregate` only with allow_aggregations), and the permission
// itself. A table the role has no permission on, or one with no column, is not in its model.
//
// Filters are checked here, against the admin's model: an unknown column, relationship, table or
// operator, a malformed value, or a remote relationship nested deeper than one level makes the
// permission an inconsistent object ("select_permission user in table article in source
// default"), which drops out of every role's model.

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "metadata/inconsistent_object.h"
#include "metadata/metadata.h"
#include "schema/source_model.h"

namespace junction::schema {

struct RoleModels {
  // Per role named by a consistent select permission, its model.
  std::map<std::string, std::shared_ptr<const SourceModel>, std::less<>> roles;
  std::vector<metadata::InconsistentObject> inconsistent_objects;  // in metadata order
};

// `admin` is the model of every consistent table (ResolveSources).
RoleModels ResolveRoleModels(const metadata::Metadata& metadata,
                             std::shared_ptr<const SourceModel> admin);

// The model of a role without select permissions: no table, every remote schema (without its
// relationships to tables).
std::shared_ptr<const SourceModel> UnprivilegedModel(
    const std::shared_ptr<const SourceModel>& admin);

}  // namespace junction::schema
