#pragma once
// The definitions every schema has, exactly as graphql-js 16.8.2 (the version the oracle test pins)
// defines them (descriptions included, since introspection results are compared with graphql-js
// byte for byte):
//   - the built-in scalars String, Int, Float, Boolean, ID (spec §3.5);
//   - the introspection types __Schema, __Type, __TypeKind, __Field, __InputValue, __EnumValue,
//     __Directive, __DirectiveLocation (spec §4.5);
//   - the specified directives @include, @skip, @deprecated, @specifiedBy (spec §3.13);
//   - the meta-fields __typename, __schema and __type.
// Schema::Make adds them; BuildSchema and value coercion read them. Internal to graphql/.

#include <string_view>
#include <vector>

#include "graphql/schema.h"

namespace junction::graphql {

inline constexpr std::string_view kDefaultDeprecationReason = "No longer supported";

// In graphql-js's order: String, Int, Float, Boolean, ID.
const std::vector<TypeDef>& BuiltinScalarTypes();
// In graphql-js's order: __Schema, __Directive, __DirectiveLocation, __Type, __Field,
// __InputValue, __EnumValue, __TypeKind.
const std::vector<TypeDef>& IntrospectionTypes();
// @include, @skip, @deprecated, @specifiedBy.
const std::vector<DirectiveDef>& SpecifiedDirectives();
const DirectiveDef& SpecifiedDirective(std::string_view name);  // REQUIRES: one of the above

bool IsBuiltinScalarName(std::string_view name);
bool IsIntrospectionTypeName(std::string_view name);

FieldDef TypenameMetaField();
FieldDef SchemaMetaField();
FieldDef TypeMetaField();

// A type reference from its printed form, e.g. "[__Type!]!". REQUIRES: well-formed text.
TypeRef MakeTypeRef(std::string_view text);

}  // namespace junction::graphql
