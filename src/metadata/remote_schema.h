#pragma once
// Remote schemas in the metadata (REMOTE_JOINS.md §1.5, §1.3): the `remote_schemas` section's
// entries read into what the engine needs to call the service, and the catalog of a remote
// schema — its introspected GraphQL schema — as data, beside the sources' catalogs (catalog.h).
//
//   {"name":"orders","definition":{"url_from_env":"ORDERS_URL","timeout_seconds":5,
//     "headers":[{"name":"x-api-key","value_from_env":"ORDERS_KEY"}],
//     "customization":{"root_fields_namespace":"orders_api",
//                      "type_names":{"prefix":"o_","mapping":{"Order":"RemoteOrder"}}}},
//    "remote_relationships":[{"type_name":"Order","relationships":[…]}]}
//   => RemoteSchemaDefinition{"orders", url "http://…" (read from ORDERS_URL), timeout 5 s, …}
//
// The section itself is kept in the metadata document exactly as given (metadata.h); these are
// readings of it. Environment variables are read when an entry is read, so a changed variable is
// seen by the next metadata change or reload, as in Hasura.

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"
#include "graphql/schema.h"
#include "metadata/json_path.h"

namespace junction::metadata {

struct RemoteSchemaHeader {
  std::string name;
  std::string value;  // `value`, or the environment variable `value_from_env` names
};

// customization.type_names: a type's new name is mapping[name] when mapped, else
// prefix + name + suffix. Built-in scalars (Int, Float, String, Boolean, ID) and introspection
// types keep their names, as in Hasura.
struct TypeNameCustomization {
  std::string prefix;
  std::string suffix;
  std::map<std::string, std::string, std::less<>> mapping;
};

// One entry of customization.field_names: the fields of object or interface type `parent_type`
// (its name in the remote) renamed the same way.
struct FieldNameCustomization {
  std::string parent_type;
  std::string prefix;
  std::string suffix;
  std::map<std::string, std::string, std::less<>> mapping;
};

struct RemoteSchemaCustomization {
  // When set, the remote's query (and mutation) root fields are wrapped in one root field of this
  // name, whose type is the remote's root type (customized like its other types).
  std::string root_fields_namespace;
  TypeNameCustomization type_names;
  std::vector<FieldNameCustomization> field_names;

  bool empty() const {
    return root_fields_namespace.empty() && type_names.prefix.empty() &&
           type_names.suffix.empty() && type_names.mapping.empty() && field_names.empty();
  }
};

// The `definition` of a remote_schemas entry, with the environment read.
struct RemoteSchemaDefinition {
  std::string name;
  std::string url;
  std::vector<RemoteSchemaHeader> headers;
  bool forward_client_headers = false;
  int64_t timeout_seconds = 60;
  RemoteSchemaCustomization customization;
};

// Reads a remote_schemas entry ({"name","definition",…}) at `path` ("$.args" for a command,
// "$.remote_schemas[0]" for a document). Errors are Hasura's: parse-failed for a bad shape, and
// for an unset environment variable the error Hasura gives (`environment variable "X" not set`).
Result<RemoteSchemaDefinition> ReadRemoteSchemaDefinition(const Json& entry, std::string_view path);

// What introspecting a remote schema found: the service's answer to the introspection query (the
// `data` object, {"__schema":{…}}, as introspect_remote_schema returns it inside
// {"data":…}) and the schema built from it (graphql/client_schema.h).
struct RemoteSchemaCatalog {
  Json introspection;
  std::shared_ptr<const graphql::Schema> schema;
};

// The catalog of each remote schema by name: an Error when the service could not be reached or
// answered something that is not a schema (the remote schema is then an inconsistent object, its
// reason the Error's message).
using RemoteSchemaCatalogs = std::map<std::string, Result<RemoteSchemaCatalog>, std::less<>>;

}  // namespace junction::metadata
