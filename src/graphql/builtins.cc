#include "graphql/builtins.h"

#include <algorithm>
#include <cassert>
#include <string>
#include <utility>

#include "graphql/type_builders.h"

namespace junction::graphql {
namespace {

Value BooleanLiteral(bool b) {
  Value v;
  v.kind = Value::Kind::kBoolean;
  v.boolean = b;
  return v;
}

Value StringLiteral(std::string_view text) {
  Value v;
  v.kind = Value::Kind::kString;
  v.text = std::string(text);
  return v;
}

// `includeDeprecated: Boolean = false`, the argument of the list fields of introspection.
InputValueDef IncludeDeprecated() {
  return InputValueDefOf("includeDeprecated", MakeTypeRef("Boolean"), "", BooleanLiteral(false));
}

std::vector<TypeDef> MakeBuiltinScalars() {
  return {
      ScalarTypeDef(
          "String",
          "The `String` scalar type represents textual data, represented as UTF-8 character "
          "sequences. The String type is most often used by GraphQL to represent free-form "
          "human-readable text."),
      ScalarTypeDef(
          "Int",
          "The `Int` scalar type represents non-fractional signed whole numeric values. Int "
          "can represent values between -(2^31) and 2^31 - 1."),
      ScalarTypeDef(
          "Float",
          "The `Float` scalar type represents signed double-precision fractional values as "
          "specified by [IEEE 754](https://en.wikipedia.org/wiki/IEEE_floating_point)."),
      ScalarTypeDef("Boolean", "The `Boolean` scalar type represents `true` or `false`."),
      ScalarTypeDef(
          "ID",
          "The `ID` scalar type represents a unique identifier, often used to refetch an "
          "object or as key for a cache. The ID type appears in a JSON response as a String; "
          "however, it is not intended to be human-readable. When expected as an input type, "
          "any string (such as `\"4\"`) or integer (such as `4`) input value will be accepted "
          "as an ID."),
  };
}

std::vector<TypeDef> MakeIntrospectionTypes() {
  std::vector<TypeDef> types;
  types.push_back(ObjectTypeDef(
      "__Schema",
      "A GraphQL Schema defines the capabilities of a GraphQL server. It exposes all available "
      "types and directives on the server, as well as the entry points for query, mutation, and "
      "subscription operations.",
      {
          FieldDefOf("description", MakeTypeRef("String")),
          FieldDefOf("types", MakeTypeRef("[__Type!]!"),
                     "A list of all types supported by this server."),
          FieldDefOf("queryType", MakeTypeRef("__Type!"),
                     "The type that query operations will be rooted at."),
          FieldDefOf("mutationType", MakeTypeRef("__Type"),
                     "If this server supports mutation, the type that mutation operations will be "
                     "rooted at."),
          FieldDefOf("subscriptionType", MakeTypeRef("__Type"),
                     "If this server support subscription, the type that subscription operations "
                     "will be rooted at."),
          FieldDefOf("directives", MakeTypeRef("[__Directive!]!"),
                     "A list of all directives supported by this server."),
      }));
  types.push_back(ObjectTypeDef(
      "__Directive",
      "A Directive provides a way to describe alternate runtime execution and type validation "
      "behavior in a GraphQL document.\n\nIn some cases, you need to provide options to alter "
      "GraphQL's execution behavior in ways field arguments will not suffice, such as "
      "conditionally including or skipping a field. Directives provide this by describing "
      "additional information to the executor.",
      {
          FieldDefOf("name", MakeTypeRef("String!")),
          FieldDefOf("description", MakeTypeRef("String")),
          FieldDefOf("isRepeatable", MakeTypeRef("Boolean!")),
          FieldDefOf("locations", MakeTypeRef("[__DirectiveLocation!]!")),
          FieldDefOf("args", MakeTypeRef("[__InputValue!]!"), "", {IncludeDeprecated()}),
      }));
  types.push_back(EnumTypeDef(
      "__DirectiveLocation",
      "A Directive can be adjacent to many parts of the GraphQL language, a __DirectiveLocation "
      "describes one such possible adjacencies.",
      {
          {"QUERY", "Location adjacent to a query operation."},
          {"MUTATION", "Location adjacent to a mutation operation."},
          {"SUBSCRIPTION", "Location adjacent to a subscription operation."},
          {"FIELD", "Location adjacent to a field."},
          {"FRAGMENT_DEFINITION", "Location adjacent to a fragment definition."},
          {"FRAGMENT_SPREAD", "Location adjacent to a fragment spread."},
          {"INLINE_FRAGMENT", "Location adjacent to an inline fragment."},
          {"VARIABLE_DEFINITION", "Location adjacent to a variable definition."},
          {"SCHEMA", "Location adjacent to a schema definition."},
          {"SCALAR", "Location adjacent to a scalar definition."},
          {"OBJECT", "Location adjacent to an object type definition."},
          {"FIELD_DEFINITION", "Location adjacent to a field definition."},
          {"ARGUMENT_DEFINITION", "Location adjacent to an argument definition."},
          {"INTERFACE", "Location adjacent to an interface definition."},
          {"UNION", "Location adjacent to a union definition."},
          {"ENUM", "Location adjacent to an enum definition."},
          {"ENUM_VALUE", "Location adjacent to an enum value definition."},
          {"INPUT_OBJECT", "Location adjacent to an input object type definition."},
          {"INPUT_FIELD_DEFINITION", "Location adjacent to an input object field definition."},
      }));
  types.push_back(ObjectTypeDef(
      "__Type",
      "The fundamental unit of any GraphQL Schema is the type. There are many kinds of types in "
      "GraphQL as represented by the `__TypeKind` enum.\n\nDepending on the kind of a type, "
      "certain fields describe information about that type. Scalar types provide no information "
      "beyond a name, description and optional `specifiedByURL`, while Enum types provide their "
      "values. Object and Interface types provide the fields they describe. Abstract types, "
      "Union and Interface, provide the Object types possible at runtime. List and NonNull types "
      "compose other types.",
      {
          FieldDefOf("kind", MakeTypeRef("__TypeKind!")),
          FieldDefOf("name", MakeTypeRef("String")),
          FieldDefOf("description", MakeTypeRef("String")),
          FieldDefOf("specifiedByURL", MakeTypeRef("String")),
          FieldDefOf("fields", MakeTypeRef("[__Field!]"), "", {IncludeDeprecated()}),
          FieldDefOf("interfaces", MakeTypeRef("[__Type!]")),
          FieldDefOf("possibleTypes", MakeTypeRef("[__Type!]")),
          FieldDefOf("enumValues", MakeTypeRef("[__EnumValue!]"), "", {IncludeDeprecated()}),
          FieldDefOf("inputFields", MakeTypeRef("[__InputValue!]"), "", {IncludeDeprecated()}),
          FieldDefOf("ofType", MakeTypeRef("__Type")),
      }));
  types.push_back(ObjectTypeDef(
      "__Field",
      "Object and Interface types are described by a list of Fields, each of which has a name, "
      "potentially a list of arguments, and a return type.",
      {
          FieldDefOf("name", MakeTypeRef("String!")),
          FieldDefOf("description", MakeTypeRef("String")),
          FieldDefOf("args", MakeTypeRef("[__InputValue!]!"), "", {IncludeDeprecated()}),
          FieldDefOf("type", MakeTypeRef("__Type!")),
          FieldDefOf("isDeprecated", MakeTypeRef("Boolean!")),
          FieldDefOf("deprecationReason", MakeTypeRef("String")),
      }));
  types.push_back(ObjectTypeDef(
      "__InputValue",
      "Arguments provided to Fields or Directives and the input fields of an InputObject are "
      "represented as Input Values which describe their type and optionally a default value.",
      {
          FieldDefOf("name", MakeTypeRef("String!")),
          FieldDefOf("description", MakeTypeRef("String")),
          FieldDefOf("type", MakeTypeRef("__Type!")),
          FieldDefOf("defaultValue", MakeTypeRef("String"),
                     "A GraphQL-formatted string representing the default value for this input "
                     "value."),
          FieldDefOf("isDeprecated", MakeTypeRef("Boolean!")),
          FieldDefOf("deprecationReason", MakeTypeRef("String")),
      }));
  types.push_back(ObjectTypeDef(
      "__EnumValue",
      "One possible value for a given Enum. Enum values are unique values, not a placeholder for "
      "a string or numeric value. However an Enum value is returned in a JSON response as a "
      "string.",
      {
          FieldDefOf("name", MakeTypeRef("String!")),
          FieldDefOf("description", MakeTypeRef("String")),
          FieldDefOf("isDeprecated", MakeTypeRef("Boolean!")),
          FieldDefOf("deprecationReason", MakeTypeRef("String")),
      }));
  types.push_back(EnumTypeDef(
      "__TypeKind", "An enum describing what kind of type a given `__Type` is.",
      {
          {"SCALAR", "Indicates this type is a scalar."},
          {"OBJECT",
           "Indicates this type is an object. `fields` and `interfaces` are valid fields."},
          {"INTERFACE",
           "Indicates this type is an interface. `fields`, `interfaces`, and `possibleTypes` are "
           "valid fields."},
          {"UNION", "Indicates this type is a union. `possibleTypes` is a valid field."},
          {"ENUM", "Indicates this type is an enum. `enumValues` is a valid field."},
          {"INPUT_OBJECT",
           "Indicates this type is an input object. `inputFields` is a valid field."},
          {"LIST", "Indicates this type is a list. `ofType` is a valid field."},
          {"NON_NULL", "Indicates this type is a non-null. `ofType` is a valid field."},
      }));
  return types;
}

DirectiveDef Directive(std::string name, std::string description,
                       std::vector<std::string> locations, std::vector<InputValueDef> arguments) {
  DirectiveDef directive;
  directive.name = std::move(name);
  directive.description = std::move(description);
  directive.locations = std::move(locations);
  directive.arguments = std::move(arguments);
  return directive;
}

std::vector<DirectiveDef> MakeSpecifiedDirectives() {
  return {
      Directive("include",
                "Directs the executor to include this field or fragment only when the `if` "
                "argument is true.",
                {"FIELD", "FRAGMENT_SPREAD", "INLINE_FRAGMENT"},
                {InputValueDefOf("if", MakeTypeRef("Boolean!"), "Included when true.")}),
      Directive("skip",
                "Directs the executor to skip this field or fragment when the `if` argument is "
                "true.",
                {"FIELD", "FRAGMENT_SPREAD", "INLINE_FRAGMENT"},
                {InputValueDefOf("if", MakeTypeRef("Boolean!"), "Skipped when true.")}),
      Directive("deprecated", "Marks an element of a GraphQL schema as no longer supported.",
                {"FIELD_DEFINITION", "ARGUMENT_DEFINITION", "INPUT_FIELD_DEFINITION", "ENUM_VALUE"},
                {InputValueDefOf(
                    "reason", MakeTypeRef("String"),
                    "Explains why this element was deprecated, usually also including a "
                    "suggestion for how to access supported similar data. Formatted using the "
                    "Markdown syntax, as specified by [CommonMark](https://commonmark.org/).",
                    StringLiteral(kDefaultDeprecationReason))}),
      Directive("specifiedBy", "Exposes a URL that specifies the behavior of this scalar.",
                {"SCALAR"},
                {InputValueDefOf("url", MakeTypeRef("String!"),
                                 "The URL that specifies the behavior of this scalar.")}),
  };
}

bool Contains(const std::vector<TypeDef>& types, std::string_view name) {
  return std::any_of(types.begin(), types.end(),
                     [&](const TypeDef& type) { return type.name == name; });
}

}  // namespace

const std::vector<TypeDef>& BuiltinScalarTypes() {
  static const std::vector<TypeDef> types = MakeBuiltinScalars();
  return types;
}

const std::vector<TypeDef>& IntrospectionTypes() {
  static const std::vector<TypeDef> types = MakeIntrospectionTypes();
  return types;
}

const std::vector<DirectiveDef>& SpecifiedDirectives() {
  static const std::vector<DirectiveDef> directives = MakeSpecifiedDirectives();
  return directives;
}

const DirectiveDef& SpecifiedDirective(std::string_view name) {
  for (const DirectiveDef& directive : SpecifiedDirectives()) {
    if (directive.name == name) return directive;
  }
  assert(false && "not a specified directive");
  return SpecifiedDirectives().front();
}

bool IsBuiltinScalarName(std::string_view name) { return Contains(BuiltinScalarTypes(), name); }

bool IsIntrospectionTypeName(std::string_view name) { return Contains(IntrospectionTypes(), name); }

FieldDef TypenameMetaField() {
  return FieldDefOf("__typename", MakeTypeRef("String!"),
                    "The name of the current Object type at runtime.");
}

FieldDef SchemaMetaField() {
  return FieldDefOf("__schema", MakeTypeRef("__Schema!"),
                    "Access the current type schema of this server.");
}

FieldDef TypeMetaField() {
  return FieldDefOf("__type", MakeTypeRef("__Type"),
                    "Request the type information of a single type.",
                    {InputValueDefOf("name", MakeTypeRef("String!"))});
}

TypeRef MakeTypeRef(std::string_view text) {
  TypeRef ref;
  while (!text.empty()) {
    if (text.back() == '!') {
      ref.wrappers.push_back(TypeRef::Wrapper::kNonNull);
      text.remove_suffix(1);
    } else if (text.front() == '[') {
      ref.wrappers.push_back(TypeRef::Wrapper::kList);
      text = text.substr(1, text.size() - 2);
    } else {
      ref.name = std::string(text);
      break;
    }
  }
  return ref;
}

}  // namespace junction::graphql
