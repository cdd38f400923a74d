// Resolves a tracked table's remote relationships (resolve_internal.h), as Hasura's
// buildRemoteRelationship / buildRemoteFieldInfo and addNonColumnFields do
// (server/src-lib/Hasura/RQL/DDL/Schema/Cache/Fields.hs, RQL/DDL/RemoteRelationship.hs):
//
//   {"name": "user", "definition": {"to_source": {"source": "pg2", "table": "users",
//     "relationship_type": "object", "field_mapping": {"user_id": "id"}}}}
//
// becomes Relationship{user, kObject, → pg2's users, [(user_id, id)], nullable, remote}. The older
// stored key `remote_source` (same members) is read like `to_source`. Definitions to a remote
// schema (`to_remote_schema`, or the legacy `remote_schema`/`hasura_fields`/`remote_field`) name a
// remote schema Junction does not serve, so they are inconsistent, as in Hasura when the remote
// schema is not (consistently) there.
//
// A failure is reported with the reason Hasura gives it (REMOTE_JOINS.md §1.2):
//   `Inconsistent object: in table "<t>": in remote relationship "<r>": <inner>` for a bad
//   definition, then, for a good one whose name is taken, `Conflicting objects: conflicting
//   definitions for field "<r>"` (a relationship), `Inconsistent object: field definition
//   conflicts with custom field name for postgres column "<c>"`, or `Inconsistent object: field
//   definition conflicts with postgres column`. Unlike Hasura, which then drops both conflicting
//   objects, the relationship defined first (a local one) stays.
// A target source that is inconsistent is not in the model: `source not found`, as in Hasura,
// whose map of resolved sources leaves it out too.
//
// Beyond Hasura (which finds out at query time, #10803): join columns whose types cannot be
// compared are refused (ComparableTypes).

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/result.h"
#include "graphql/lexer.h"
#include "metadata/source_metadata.h"
#include "schema/resolve_internal.h"

namespace junction::schema {
namespace {

using metadata::Json;
using metadata::QualifiedName;

// What one remote relationship is being resolved against: a table's, or (table null) a remote
// schema type's, whose context names it.
struct RemoteScope {
  const SourceModel& model;
  const Table* table;
  const std::string& name;
  std::string context;  // `in table "t"`, `in remote schema "rs": in type "T"`
  LhsFields lhs_fields;
};

// A failure with its whole reason.
Error Failure(std::string reason) {
  return Error(ErrorCode::kInvalidConfiguration, std::move(reason));
}

// A failure Hasura reports in the remote relationship's context.
Error InContext(const RemoteScope& scope, std::string_view inner) {
  return Failure(std::string(kInconsistentPrefix) + scope.context + ": in remote relationship " +
                 Quoted(scope.name) + ": " + std::string(inner));
}

// The group of database types whose values a join can compare: the integers, the other
// numbers (which compare exactly among themselves but not with integer keys the engine matches
// by their text), and the character strings. Other types only compare with the same type.
std::string_view TypeFamily(const Column& column) {
  if (column.type_schema == metadata::kSqliteTypeSchema) {
    // SQLite compares by affinity: its integers, reals and texts join Postgres's.
    switch (column.scalar_kind) {
      case PgScalar::Kind::kInteger:
        return "integer";
      case PgScalar::Kind::kReal:
        return "numeric";
      case PgScalar::Kind::kString:
        return "text";
      default:
        return {};
    }
  }
  if (column.type_schema == metadata::kBigQueryTypeSchema) {
    if (column.type == "INT64") return "integer";
    if (column.type == "FLOAT64" || column.type == "NUMERIC" || column.type == "BIGNUMERIC") {
      return "numeric";
    }
    if (column.type == "STRING") return "text";
    return {};
  }
  if (column.type_schema != "pg_catalog") return {};
  const std::string& type = column.type;
  if (type == "int2" || type == "int4" || type == "int8") return "integer";
  if (type == "numeric" || type == "float4" || type == "float8") return "numeric";
  if (type == "text" || type == "varchar" || type == "bpchar" || type == "name") return "text";
  return {};
}

// Whether a join may compare `ours` with `theirs`: the same type, or types of one family
// (TypeFamily). Array columns are no join keys (the engine sends the keys as an array of the
// target column's type).
bool ComparableTypes(const Column& ours, const Column& theirs) {
  if (ours.is_array || theirs.is_array) return false;
  if (!JoinableColumn(ours) || !JoinableColumn(theirs)) return false;
  if (ours.type == theirs.type && ours.type_schema == theirs.type_schema) return true;
  const std::string_view family = TypeFamily(ours);
  return !family.empty() && family == TypeFamily(theirs);
}

// A column's type as the comparability message shows it: "int4", "text[]", "app.mood".
std::string TypeText(const Column& column) {
  std::string text =
      column.type_schema == "pg_catalog" ? column.type : column.type_schema + "." + column.type;
  return column.is_array ? text + "[]" : text;
}

// Sets `relationship`'s mapping from `field_mapping` (this table's column → the target's): every
// column must exist (checked first, as Hasura does), then each pair must be comparable.
Status MapColumns(const RemoteScope& scope, const Json& field_mapping, Relationship& relationship) {
  const Table& target = *relationship.target;
  std::vector<std::pair<const Column*, const Column*>> pairs;
  for (const auto& [lhs, rhs] : field_mapping.items()) {
    if (!rhs.is_string()) return InContext(scope, "invalid remote relationship definition");
    if (!scope.lhs_fields(lhs)) return InContext(scope, Quoted(lhs) + " does not exist");
    // A remote type's fields have no database type to compare.
    const Column* ours = scope.table ? scope.table->FindColumnByName(lhs) : nullptr;
    const Column* theirs = target.FindColumnByName(rhs.get<std::string>());
    if (theirs == nullptr)
      return InContext(scope, Quoted(rhs.get<std::string>()) + " does not exist");
    pairs.emplace_back(ours, theirs);
  }
  for (const auto& [ours, theirs] : pairs) {
    if (ours != nullptr && !ComparableTypes(*ours, *theirs)) {
      return InContext(scope, "column " + Quoted(ours->name) + " (" + TypeText(*ours) +
                                  ") cannot be compared with column " + Quoted(theirs->name) +
                                  " (" + TypeText(*theirs) + ") of table " +
                                  Quoted(QualifiedText(target.name)));
    }
  }
  for (const auto& [lhs, rhs] : field_mapping.items()) {
    relationship.mapping.emplace_back(lhs, rhs.get<std::string>());
  }
  return Status();
}

// The relationship a `to_source` definition describes.
Result<Relationship> ToSource(const RemoteScope& scope, const Json& definition) {
  const std::optional<std::string> source = StringAt(definition, "source");
  const std::optional<std::string> type = StringAt(definition, "relationship_type");
  const Json* table = FindKey(definition, "table");
  const Json* mapping = FindKey(definition, "field_mapping");
  std::optional<QualifiedName> table_name;
  if (table != nullptr) table_name = QualifiedNameOf(*table);
  if (!source || !table_name || (type != "object" && type != "array") || mapping == nullptr ||
      !mapping->is_object() || mapping->empty()) {
    return InContext(scope, "invalid remote relationship definition");
  }
  const auto target_source = scope.model.sources.find(*source);
  if (target_source == scope.model.sources.end()) {
    return InContext(scope, "source not found: " + Quoted(*source));
  }
  const auto target = target_source->second.tables.find(*table_name);
  if (target == target_source->second.tables.end()) {
    return InContext(scope, "table " + Quoted(QualifiedText(*table_name)) +
                                " does not exist in source: " + *source);
  }
  Relationship relationship;
  relationship.name = scope.name;
  relationship.kind = *type == "object" ? Relationship::Kind::kObject : Relationship::Kind::kArray;
  relationship.target = &target->second;
  relationship.nullable = true;
  // Two BigQuery sources that one query can read together (the same credentials, project and
  // location) are joined there, natively, in one job: the relationship is local to the engine.
  const auto owner = scope.table != nullptr ? scope.model.sources.find(scope.table->source)
                                            : scope.model.sources.end();
  relationship.co_located = owner != scope.model.sources.end() &&
                            !owner->second.co_location.empty() &&
                            owner->second.co_location == target_source->second.co_location;
  relationship.remote = !relationship.co_located;
  if (Status mapped = MapColumns(scope, *mapping, relationship); !mapped) return mapped.error();
  return relationship;
}

// The remote schema a definition to a remote schema names (new or legacy form), if it is one.
std::optional<std::string> RemoteSchemaOf(const Json& definition) {
  if (const Json* to_schema = FindKey(definition, "to_remote_schema")) {
    return StringAt(*to_schema, "remote_schema").value_or("");
  }
  if (FindKey(definition, "remote_schema") != nullptr) {
    return StringAt(definition, "remote_schema").value_or("");
  }
  return std::nullopt;
}

// A `to_source` definition (or the older `remote_source`).
Result<Relationship> ResolveToSourceIn(const RemoteScope& scope, const Json& definition) {
  const Json* to_source = FindKey(definition, "to_source");
  if (to_source == nullptr) to_source = FindKey(definition, "remote_source");
  if (to_source == nullptr) return InContext(scope, "invalid remote relationship definition");
  return ToSource(scope, *to_source);
}

// Whether one of `table`'s relationships already has the field `field`.
bool RelationshipTakes(const Table& table, const std::string& field) {
  for (const Relationship& other : table.relationships) {
    for (const std::string& taken : FieldNamesOf(other.name, other.kind)) {
      if (taken == field) return true;
    }
  }
  return table.FindRemoteSchemaRelationship(field) != nullptr;
}

// Why a relationship adding `fields` cannot join its table's fields, checked in Hasura's order
// (other relationships, columns' custom names, column names); nullopt when it can. An array
// relationship's `_aggregate` field may take no column's or relationship's name either.
std::optional<std::string> NameConflict(const Table& table,
                                        const std::vector<std::string>& fields) {
  for (const std::string& field : fields) {
    if (RelationshipTakes(table, field)) {
      return "Conflicting objects: conflicting definitions for field " + Quoted(field);
    }
  }
  const Column* custom = table.FindColumn(fields.front());
  if (custom != nullptr && custom->name != fields.front()) {
    return std::string(kInconsistentPrefix) +
           "field definition conflicts with custom field name for postgres column " +
           Quoted(custom->name);
  }
  if (table.FindColumnByName(fields.front()) != nullptr) {
    return std::string(kInconsistentPrefix) + "field definition conflicts with postgres column";
  }
  for (size_t i = 1; i < fields.size(); ++i) {
    if (table.FindColumn(fields[i]) != nullptr) {
      return "Conflicting objects: conflicting definitions for field " + Quoted(fields[i]);
    }
  }
  return std::nullopt;
}

// Hasura's definition of a remote relationship inconsistency (its create command's arguments):
// {"definition", "name", "source", "table"}, the legacy remote-schema form inlined instead of
// under "definition", keys in aeson's (sorted) order.
Json InconsistencyDefinition(const Json& entry, const std::string& name, const Table& table) {
  Json object = Json::object();
  const Json* definition = FindKey(entry, "definition");
  if (definition != nullptr && FindKey(*definition, "remote_schema") != nullptr) {
    for (const auto& [key, value] : definition->items()) object[key] = value;
  } else {
    object["definition"] = definition != nullptr ? *definition : Json();
  }
  object["name"] = name;
  object["source"] = table.source;
  object["table"] = QualifiedNameJson(table.name, table.backend);
  return metadata::SortedKeys(object);
}

}  // namespace

Result<Relationship> ResolveToSource(const SourceModel& model, const std::string& name,
                                     std::string context, LhsFields lhs_fields,
                                     const Json& definition) {
  const RemoteScope scope{model, nullptr, name, std::move(context), std::move(lhs_fields)};
  return ResolveToSourceIn(scope, definition);
}

void ResolveRemoteRelationships(const Json& entry, size_t source_index, size_t table_index,
                                const SourceModel& model, Table& table,
                                std::vector<metadata::InconsistentObject>& out) {
  const Json* list = FindKey(entry, "remote_relationships");
  if (list == nullptr || !list->is_array()) return;
  const LhsFields columns = [&table](std::string_view column) {
    return table.FindColumnByName(column) != nullptr;
  };
  for (size_t k = 0; k < list->size(); ++k) {
    const Json& remote = (*list)[k];
    const std::string name = StringAt(remote, "name").value_or("");
    const RemoteScope scope{model, &table, name, "in table " + Quoted(QualifiedText(table.name)),
                            columns};
    const Json* definition = FindKey(remote, "definition");
    Status resolved;
    if (definition == nullptr) {
      resolved = InContext(scope, "invalid remote relationship definition");
    } else if (!graphql::IsName(name)) {
      resolved = InContext(scope, Quoted(name) + " is not a valid GraphQL name");
    } else if (RemoteSchemaOf(*definition)) {
      Result<RemoteSchemaRelationship> relationship =
          ResolveToRemoteSchema(model, *definition, name, table.graphql_name, columns);
      if (!relationship) {
        resolved = InContext(scope, relationship.error().message);
      } else if (std::optional<std::string> conflict = NameConflict(table, {name})) {
        resolved = Failure(std::move(*conflict));
      } else {
        table.remote_schema_relationships.push_back(std::move(relationship).value());
      }
    } else {
      Result<Relationship> relationship = ResolveToSourceIn(scope, *definition);
      if (!relationship) {
        resolved = std::move(relationship).error();
      } else if (std::optional<std::string> conflict =
                     NameConflict(table, FieldNamesOf(name, relationship->kind))) {
        resolved = Failure(std::move(*conflict));
      } else {
        table.relationships.push_back(std::move(relationship).value());
      }
    }
    if (resolved) continue;
    metadata::InconsistentObject object;
    object.type = "remote_relationship";
    object.name = metadata::RemoteRelationshipObjectName(table.source, table.name, name);
    object.reason = resolved.error().message;
    object.definition = InconsistencyDefinition(remote, name, table);
    object.section = "sources";
    object.index = source_index;
    object.pointer =
        "/tables/" + std::to_string(table_index) + "/remote_relationships/" + std::to_string(k);
    out.push_back(std::move(object));
  }
}

}  // namespace junction::schema
