#pragma once
// Introspection (spec §4): answers the meta-fields __schema and __type(name:) from a Schema, and
// the __Schema/__Type/__Field/__InputValue/__EnumValue/__Directive types that describe it. The
// result matches graphql-js's execution of the same query against the same schema, so GraphiQL
// and other clients work unchanged (the oracle test checks with getIntrospectionQuery()).

#include "common/json_writer.h"
#include "graphql/operation.h"
#include "graphql/schema.h"

namespace junction::graphql {

// Writes the value of one root meta-field (`__schema`, or `__type` with its coerced `name`
// argument) for `field`'s selection. REQUIRES: field.name is "__schema" or "__type".
void WriteIntrospectionField(const Schema& schema, const NormalizedField& field, JsonWriter& out);

}  // namespace junction::graphql
