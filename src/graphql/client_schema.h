#pragma once
// BuildClientSchema: an introspection result → Schema, as graphql-js `buildClientSchema` does. The
// engine introspects each remote schema with the standard introspection query and builds its
// Schema from the answer, so the remote's types can be merged into the engine's own and requests
// validated against them.
//
//   {"__schema":{"queryType":{"name":"Query"},"types":[{"kind":"OBJECT","name":"Query",
//     "fields":[{"name":"order","args":[{"name":"id","type":{"kind":"NON_NULL",…}}],…}]},…],
//    "directives":[…]}}
//   => Schema{ query root "Query", types [Query, Order, …] }
//
// Descriptions, deprecations, default values (parsed from their GraphQL text), specifiedByURL and
// directive definitions are kept. The introspection types and built-in scalars the result lists
// stand for the built-ins. A result that is not a schema (no __schema, a type without a kind, a
// reference to a type it does not list, a default value that does not parse, a schema that fails
// Schema::Make's checks) is an Error whose message says what is wrong and where.

#include <memory>

#include <nlohmann/json.hpp>

#include "common/result.h"
#include "graphql/schema.h"

namespace junction::graphql {

// `introspection` is the `data` object of the introspection query's answer ({"__schema":{…}}).
Result<std::shared_ptr<const Schema>> BuildClientSchema(
    const nlohmann::ordered_json& introspection);

// The introspection query the engine sends, as Hasura sends it (server/src-rsr/introspection.json):
// graphql-js `getIntrospectionQuery()` with its default options — descriptions on;
// specifiedByURL, directive repeatability and input value deprecation off.
std::string_view IntrospectionQuery();

}  // namespace junction::graphql
