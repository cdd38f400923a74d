#pragma once
// ResolveSources: metadata + catalogs → SourceModel (DESIGN.md §6, "resolve"). Each tracked table
// of each Postgres source is matched with its database table and becomes a schema::Table with
// Hasura's GraphQL names; each relationship is resolved through the catalog's foreign keys (or its
// manual configuration) to a target table and a column mapping. What cannot be served becomes an
// inconsistent object, spelled as Hasura spells it, and drops out of the model:
//
//   source whose catalog is an Error     type "source", definition the source's name, reason
//                                        "Inconsistent object: connection error", message the
//                                        Error's message (the database's words)
//   table missing from the database      type "table", name "table pub.t in source default",
//                                        reason `…: no such table/view exists in source: "pub.t"`
//   relationship without a matching FK   type "object_relation"/"array_relation",
//                                        reason `…: in table "t": in relationship "r": no foreign
//                                        constraint exists on the given column(s)`
//   relationship to an untracked or      reason `…: table "x" is not tracked`
//   inconsistent table
//   remote relationship to a missing     type "remote_relationship", name "remote_relationship r
//   source/table/column, or to a remote  in table t in source default", reason `…: in table "t":
//   schema; join columns of types that   in remote relationship "r": source not found: "pg2"`
//   cannot be compared; a taken name     (resolve_remote_relationships.cc)
//   two tables claiming one GraphQL name the later table in metadata order; names are claimed
//   (root field or type), in any sources   across all sources, as they share one schema
//
// A source with a non-empty `customization` is inconsistent too (reason "source customization is
// not supported by Junction yet"): Junction does not apply it to the schema yet. Sources of other
// kinds are reported as not supported (no backend for them yet). A Postgres
// source without an entry in the catalogs is inconsistent too: the caller introspects every
// Postgres source before resolving.

#include <memory>
#include <vector>

#include "metadata/catalog.h"
#include "metadata/inconsistent_object.h"
#include "metadata/metadata.h"
#include "metadata/remote_schema.h"
#include "schema/source_model.h"

namespace junction::schema {

struct Resolved {
  std::shared_ptr<const SourceModel> model;
  // In metadata order: per source, the source itself, then its tables, then their relationships,
  // then their remote relationships.
  std::vector<metadata::InconsistentObject> inconsistent_objects;
};

// `remote_schemas`: the introspected remote schemas, which join the model after the tables
// (resolve_remote_schemas.cc), before the relationships that lead to them are resolved.
Resolved ResolveSources(const metadata::Metadata& metadata, const metadata::Catalogs& catalogs,
                        const metadata::RemoteSchemaCatalogs& remote_schemas = {});

}  // namespace junction::schema
