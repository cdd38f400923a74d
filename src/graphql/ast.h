#pragma once
// The GraphQL abstract syntax tree (spec October 2021, §2 and §3): executable documents
// (operations, fragments) and type-system documents (schema, types, directives, extensions).
// Produced by Parse (parser.h), printed by Print (printer.h), read by validation, by BuildSchema
// and by Normalize. Nodes are plain values owned by their parent; a Document owns the whole tree.
//
//   query Q($id: ID!) { user(id: $id) { name ...F } }
//   => Document{ OperationDefinition{ kQuery, "Q", [VariableDefinition{"id", ID!}],
//                  [Field{"user", args=[Argument{"id", Value{kVariable,"id"}}],
//                         [Field{"name"}, FragmentSpread{"F"}]}] } }
//
// Locations are where each node starts (line and column, 1-based); a few nodes also record where a
// part of them starts (a name, a type condition, a selection set), because validation errors point
// there, as graphql-js's do. Equality (operator==) ignores locations, so a parse of a printed
// document compares equal to the original.

#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "common/error.h"

namespace junction::graphql {

using Location = SourceLocation;

// ---------------------------------------------------------------------------------------------
// Values (§2.9). One node type for every kind; only the members of its kind are set.

struct ObjectField;

struct Value {
  enum class Kind { kVariable, kInt, kFloat, kString, kBoolean, kNull, kEnum, kList, kObject };

  Kind kind = Kind::kNull;
  // kVariable: the name without `$`. kInt, kFloat: the literal's source text. kString: the
  // decoded string. kEnum: the enum value's name.
  std::string text;
  bool boolean = false;   // kBoolean
  bool block = false;     // kString written as a """block string""" (kept for printing)
  std::vector<Value> list;             // kList
  std::vector<ObjectField> fields;     // kObject, in source order
  Location location;

  bool operator==(const Value& other) const;
};

struct ObjectField {
  std::string name;
  Value value;
  Location location;

  bool operator==(const ObjectField& other) const { return name == other.name && value == other.value; }
};

// ---------------------------------------------------------------------------------------------
// Type references (§2.11): a named type wrapped in list and non-null modifiers, outermost first.
//   String        => {name "String", wrappers []}
//   [String!]!    => {name "String", wrappers [kNonNull, kList, kNonNull]}

struct TypeRef {
  enum class Wrapper : uint8_t { kList, kNonNull };

  std::string name;
  std::vector<Wrapper> wrappers;
  Location location;
  Location name_location;  // where `name` is (differs from `location` for list types)

  bool IsNonNull() const { return !wrappers.empty() && wrappers.front() == Wrapper::kNonNull; }
  bool IsList() const;  // the type, seen through an outer non-null, is a list
  // The type without its outer non-null (identity when nullable).
  TypeRef Nullable() const;
  // For a list type (nullable or not), the item type. REQUIRES: IsList().
  TypeRef ItemType() const;
  // Printed form, e.g. "[String!]!".
  std::string ToString() const;

  bool operator==(const TypeRef& other) const { return name == other.name && wrappers == other.wrappers; }
};

// ---------------------------------------------------------------------------------------------
// Executable definitions (§2.3–§2.8, §2.12)

struct Argument {
  std::string name;
  Value value;
  Location location;

  bool operator==(const Argument& other) const { return name == other.name && value == other.value; }
};

struct Directive {
  std::string name;
  std::vector<Argument> arguments;
  Location location;

  bool operator==(const Directive& other) const { return name == other.name && arguments == other.arguments; }
};

struct Selection;
using SelectionSet = std::vector<Selection>;

struct Field {
  std::string alias;  // empty when the field has no alias
  std::string name;
  std::vector<Argument> arguments;
  std::vector<Directive> directives;
  SelectionSet selection_set;
  Location location;
  Location selection_set_location;  // where the `{` of selection_set is, when there is one

  // The key of this field in the response: its alias, or its name.
  const std::string& ResponseKey() const { return alias.empty() ? name : alias; }
  bool operator==(const Field& other) const;
};

struct FragmentSpread {
  std::string name;
  std::vector<Directive> directives;
  Location location;
  Location name_location;  // where `name` is (after the `...`)

  bool operator==(const FragmentSpread& other) const { return name == other.name && directives == other.directives; }
};

struct InlineFragment {
  std::string type_condition;  // empty when there is none (`... @include(if: $x) { … }`)
  std::vector<Directive> directives;
  SelectionSet selection_set;
  Location location;
  Location type_condition_location;  // where the type condition's name is, when there is one

  bool operator==(const InlineFragment& other) const;
};

struct Selection {
  std::variant<Field, FragmentSpread, InlineFragment> node;

  Location location() const;
  bool operator==(const Selection& other) const { return node == other.node; }
};

enum class OperationType { kQuery, kMutation, kSubscription };
std::string_view ToString(OperationType type);  // "query", "mutation", "subscription"

struct VariableDefinition {
  std::string name;  // without `$`
  TypeRef type;
  std::optional<Value> default_value;
  std::vector<Directive> directives;
  Location location;

  bool operator==(const VariableDefinition& other) const {
    return name == other.name && type == other.type && default_value == other.default_value &&
           directives == other.directives;
  }
};

struct OperationDefinition {
  OperationType operation = OperationType::kQuery;
  std::string name;  // empty for an anonymous operation
  std::vector<VariableDefinition> variables;
  std::vector<Directive> directives;
  SelectionSet selection_set;
  // True for the query shorthand `{ … }` (no keyword). Like a location it records the spelling
  // only: operator== ignores it, and Print, as graphql-js does, writes every anonymous query
  // without variables or directives in the shorthand form.
  bool shorthand = false;
  Location location;
  Location name_location;  // where `name` is, when there is one

  bool operator==(const OperationDefinition& other) const;
};

struct FragmentDefinition {
  std::string name;
  std::string type_condition;
  std::vector<Directive> directives;
  SelectionSet selection_set;
  Location location;
  Location name_location;            // where `name` is
  Location type_condition_location;  // where the type condition's name is

  bool operator==(const FragmentDefinition& other) const;
};

// ---------------------------------------------------------------------------------------------
// Type-system definitions and extensions (§3)

struct InputValueDefinition {
  std::optional<Value> description;  // a kString value (block or not)
  std::string name;
  TypeRef type;
  std::optional<Value> default_value;
  std::vector<Directive> directives;
  Location location;

  bool operator==(const InputValueDefinition& other) const;
};

struct FieldDefinition {
  std::optional<Value> description;
  std::string name;
  std::vector<InputValueDefinition> arguments;
  TypeRef type;
  std::vector<Directive> directives;
  Location location;

  bool operator==(const FieldDefinition& other) const;
};

struct EnumValueDefinition {
  std::optional<Value> description;
  std::string name;
  std::vector<Directive> directives;
  Location location;

  bool operator==(const EnumValueDefinition& other) const {
    return description == other.description && name == other.name && directives == other.directives;
  }
};

// One node for the six kinds of named type (§3.5–§3.10) and their extensions (`extend type …`);
// only the members of its kind are set.
struct TypeDefinition {
  enum class Kind { kScalar, kObject, kInterface, kUnion, kEnum, kInputObject };

  Kind kind = Kind::kObject;
  bool is_extension = false;
  std::optional<Value> description;  // never set on an extension
  std::string name;
  std::vector<std::string> interfaces;              // kObject, kInterface
  std::vector<Directive> directives;
  std::vector<FieldDefinition> fields;              // kObject, kInterface
  std::vector<std::string> union_members;           // kUnion
  std::vector<EnumValueDefinition> enum_values;     // kEnum
  std::vector<InputValueDefinition> input_fields;   // kInputObject
  Location location;
  // Where each name of `interfaces` and of `union_members` is, in the same order (validation
  // reports unknown types there).
  std::vector<Location> interface_locations;
  std::vector<Location> union_member_locations;

  bool operator==(const TypeDefinition& other) const;
};

struct OperationTypeDefinition {
  OperationType operation = OperationType::kQuery;
  std::string type_name;
  Location location;
  Location type_name_location;  // where `type_name` is (after the `:`)

  bool operator==(const OperationTypeDefinition& other) const {
    return operation == other.operation && type_name == other.type_name;
  }
};

// `schema { … }` or `extend schema …`.
struct SchemaDefinition {
  bool is_extension = false;
  std::optional<Value> description;
  std::vector<Directive> directives;
  std::vector<OperationTypeDefinition> operation_types;
  Location location;

  bool operator==(const SchemaDefinition& other) const {
    return is_extension == other.is_extension && description == other.description &&
           directives == other.directives && operation_types == other.operation_types;
  }
};

struct DirectiveDefinition {
  std::optional<Value> description;
  std::string name;
  std::vector<InputValueDefinition> arguments;
  bool repeatable = false;
  std::vector<std::string> locations;  // e.g. "FIELD", "FRAGMENT_SPREAD", "OBJECT"
  Location location;

  bool operator==(const DirectiveDefinition& other) const {
    return description == other.description && name == other.name && arguments == other.arguments &&
           repeatable == other.repeatable && locations == other.locations;
  }
};

using Definition = std::variant<OperationDefinition, FragmentDefinition, SchemaDefinition,
                                TypeDefinition, DirectiveDefinition>;

struct Document {
  std::vector<Definition> definitions;

  bool operator==(const Document& other) const { return definitions == other.definitions; }
};

}  // namespace junction::graphql
