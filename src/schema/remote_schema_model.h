#pragma once
// Remote schemas in the resolved model (source_model.h): a remote GraphQL service's schema as the
// engine's schema shows it (its customization applied, RemoteNames), and the relationships that
// lead to one of its fields (`to_remote_schema`, RemoteSchemaRelationship) — from a table or from
// a type of another (or the same) remote schema.
//
//   add_remote_schema users {customization: {type_names: {prefix: "u_"}}}, remote type User
//   => RemoteSchema{"users", remote schema, names: User ↔ u_User}
//   orders.user → {to_remote_schema: {remote_schema: users, lhs_fields: [user_id],
//                  remote_field: {user: {arguments: {id: "$user_id"}}}}}
//   => RemoteSchemaRelationship{"user", target users, lhs [user_id], path [user(id: $user_id)],
//                               type u_User, arguments []}
//
// Names: the remote's own names are used wherever the engine talks to the service (the
// relationship's path, lhs fields of a remote type, RemoteSchema::relationships' keys); the
// engine's names (customized) wherever the engine's schema is concerned (the field's type and
// arguments).

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"
#include "graphql/schema.h"
#include "metadata/remote_schema.h"

namespace junction::schema {

struct RemoteSchema;

// How a remote schema's type and field names read in the engine's schema (customization), both
// ways. Names without a customization read the same.
class RemoteNames {
 public:
  RemoteNames() = default;
  // Errors (invalid-configuration): a customization that gives two types or two fields of one
  // type the same name, or a name that is not a GraphQL name.
  static Result<RemoteNames> Make(const graphql::Schema& remote,
                                  const metadata::RemoteSchemaCustomization& customization);

  // The engine's name of the remote's type `remote`, and back.
  std::string Type(std::string_view remote) const;
  std::string RemoteType(std::string_view ours) const;
  // The engine's name of field `remote` of the remote's type `remote_type`, and back.
  std::string Field(std::string_view remote_type, std::string_view remote) const;
  std::string RemoteField(std::string_view remote_type, std::string_view ours) const;
  // Whether any name differs from the remote's.
  bool renames_types() const { return !types_.empty(); }

 private:
  std::map<std::string, std::string, std::less<>> types_;         // remote → ours (renamed only)
  std::map<std::string, std::string, std::less<>> remote_types_;  // ours → remote
  // (remote type, remote field) → ours, and (remote type, our field) → remote (renamed only).
  std::map<std::pair<std::string, std::string>, std::string, std::less<>> fields_;
  std::map<std::pair<std::string, std::string>, std::string, std::less<>> remote_fields_;
};

// Junction's batch mode for a relationship to a remote field (docs/remote-schemas.md): the field
// takes a list of keys (its `$` argument is bound to the list of every distinct key of a hop), is
// called once per hop and answers a list whose elements are matched back by `key_field`.
struct RemoteBatch {
  std::string key_field;  // a field of the list's element type, in the remote's names
  bool array = false;     // each key gets every matching element (else the first)
};

// One field of a `remote_field` path, in the remote's names, with its template arguments
// (metadata JSON: a string "$x" stands for the value of the left-hand field x).
struct RemoteFieldStep {
  std::string field;
  metadata::Json arguments = metadata::Json::object();
};

// A relationship to a field of a remote schema (`to_remote_schema`, or the legacy inline form).
struct RemoteSchemaRelationship {
  std::string name;
  std::string remote_schema;
  const RemoteSchema* target = nullptr;  // in the same model (a role's copy in a role's model)
  // The left-hand join fields: a table's columns (database names) or a remote type's fields
  // (the remote's names), in the order of `lhs_fields`.
  std::vector<std::string> lhs_fields;
  std::vector<RemoteFieldStep> path;  // outermost first
  std::optional<RemoteBatch> batch;
  // The GraphQL field, in the engine's names: its type (the last step's type, or with batch mode
  // the list's element type, nullable, or the list itself when `array`), the arguments the
  // template leaves to the user (of the last step), and the input types cloned for arguments the
  // template binds in part (Hasura's `<Type>_remote_rel_<lhs><name>`, with the bound fields
  // removed).
  graphql::TypeRef type;
  std::vector<graphql::InputValueDef> arguments;
  std::vector<graphql::TypeDef> cloned_types;
};

}  // namespace junction::schema
