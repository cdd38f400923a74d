#pragma once
// The GraphQL schema model (spec §3): the types, fields, arguments and directives a document is
// validated and executed against. It is pure data, immutable once made, and knows nothing of where
// fields resolve (that is schema::RoleSchema's job, one layer up). Made two ways:
//   - from SDL: BuildSchema(document) in build_schema.h (remote schemas, tests, the oracle);
//   - programmatically: Schema::Make(types, roots, directives) (schema/ builds one per role).
// Make adds what every schema has (the built-in scalars, the introspection types, and the
// @include, @skip, @deprecated and @specifiedBy directives), indexes names, and checks the schema
// (spec §3 type validation: every referenced type exists, interfaces are implemented correctly, …).
//
// Lookups are by name and O(1); pointers returned stay valid as long as the Schema lives.

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "common/result.h"
#include "graphql/ast.h"

namespace junction::graphql {

enum class TypeKind { kScalar, kObject, kInterface, kUnion, kEnum, kInputObject };
// The introspection name of the kind: "SCALAR", "OBJECT", …, "INPUT_OBJECT".
std::string_view ToString(TypeKind kind);

// An argument of a field or directive, or a field of an input object.
struct InputValueDef {
  std::string name;
  std::string description;  // empty when there is none
  TypeRef type;
  std::optional<Value> default_value;  // a constant AST value
  std::optional<std::string> deprecation_reason;
};

struct FieldDef {
  std::string name;
  std::string description;
  std::vector<InputValueDef> arguments;
  TypeRef type;
  std::optional<std::string> deprecation_reason;  // set when deprecated

  const InputValueDef* FindArgument(std::string_view name) const;
};

struct EnumValueDef {
  std::string name;
  std::string description;
  std::optional<std::string> deprecation_reason;
};

struct TypeDef {
  TypeKind kind = TypeKind::kObject;
  std::string name;
  std::string description;
  std::vector<FieldDef> fields;            // kObject, kInterface, in definition order
  std::vector<std::string> interfaces;     // kObject, kInterface
  std::vector<std::string> union_members;  // kUnion
  std::vector<EnumValueDef> enum_values;   // kEnum
  std::vector<InputValueDef> input_fields; // kInputObject
  std::optional<std::string> specified_by_url;  // kScalar

  // Looks up a declared field (kObject, kInterface); introspection meta-fields are not included
  // (see Schema::FindField).
  const FieldDef* FindField(std::string_view name) const;
  const InputValueDef* FindInputField(std::string_view name) const;
  const EnumValueDef* FindEnumValue(std::string_view name) const;

  bool IsInputType() const { return kind == TypeKind::kScalar || kind == TypeKind::kEnum || kind == TypeKind::kInputObject; }
  bool IsOutputType() const { return kind != TypeKind::kInputObject; }
  bool IsLeaf() const { return kind == TypeKind::kScalar || kind == TypeKind::kEnum; }
  bool IsAbstract() const { return kind == TypeKind::kInterface || kind == TypeKind::kUnion; }
  bool IsComposite() const { return kind == TypeKind::kObject || IsAbstract(); }
};

struct DirectiveDef {
  std::string name;
  std::string description;
  std::vector<InputValueDef> arguments;
  std::vector<std::string> locations;  // "QUERY", "FIELD", "FRAGMENT_SPREAD", …
  bool repeatable = false;

  const InputValueDef* FindArgument(std::string_view name) const;
};

// The names of the root operation types; an empty name means the schema has no such root.
struct RootTypes {
  std::string query;
  std::string mutation;
  std::string subscription;
};

class Schema {
 public:
  // Makes a schema from user-defined types and directives. Built-ins are added as graphql-js 16.8
  // adds them: a user type named like a built-in scalar or introspection type must be of the same
  // kind and stands for the built-in (as in graphql-js buildASTSchema); a user directive named like
  // a specified one (@skip, …) replaces it; the specified directives not replaced follow the user
  // directives. Returns every problem found, joined by blank lines, as a validation-failed Error.
  static Result<std::shared_ptr<const Schema>> Make(std::vector<TypeDef> types, RootTypes roots,
                                                    std::vector<DirectiveDef> directives = {},
                                                    std::string description = "");

  const TypeDef* FindType(std::string_view name) const;
  const DirectiveDef* FindDirective(std::string_view name) const;
  // The field `name` of `type`, including the meta-fields __typename (on every composite type)
  // and __schema/__type (on the query root only).
  const FieldDef* FindField(const TypeDef& type, std::string_view name) const;

  const TypeDef* query_type() const { return query_; }
  const TypeDef* mutation_type() const { return mutation_; }
  const TypeDef* subscription_type() const { return subscription_; }
  const TypeDef* RootType(OperationType operation) const;

  // All types (user-defined, built-in and introspection) in graphql-js's order: each user type in
  // the order given followed by the not-yet-listed types it references (depth first), then types
  // reached from the roots and the directives, then the introspection types. Built-in scalars
  // appear only when referenced.
  const std::vector<TypeDef>& types() const { return types_; }
  const std::vector<DirectiveDef>& directives() const { return directives_; }
  const std::string& description() const { return description_; }

  // The object types of an abstract type, as graphql-js orders them: union members in member
  // order, an interface's implementing objects in types() order. Empty for non-abstract types.
  const std::vector<const TypeDef*>& PossibleTypes(const TypeDef& abstract) const;
  bool IsPossibleType(const TypeDef& abstract, const TypeDef& object) const;
  // `maybe_sub` is `super`, or an object/interface implementing interface `super`, or a member of
  // union `super`.
  bool IsSubType(const TypeDef& super, const TypeDef& maybe_sub) const;
  // Spec §5.5.2.3 and §3 "IsValidImplementationFieldType"/"IsSubType" for wrapped types: may a
  // value of type `sub` be used where `super` is expected (covariant output types)?
  bool IsTypeSubTypeOf(const TypeRef& sub, const TypeRef& super) const;
  // Whether two composite types can have an object type in common (spec §5.5.2.3).
  bool DoTypesOverlap(const TypeDef& a, const TypeDef& b) const;

 private:
  Schema() = default;

  std::string description_;
  std::vector<TypeDef> types_;
  std::vector<DirectiveDef> directives_;
  std::unordered_map<std::string_view, const TypeDef*> type_index_;
  // (type name, field name) → field, for every object and interface type: Schema::FindField is
  // on the hot path of validation, and root types of large schemas have thousands of fields.
  struct FieldKeyHash {
    size_t operator()(const std::pair<const TypeDef*, std::string_view>& key) const {
      return std::hash<std::string_view>()(key.second) ^ std::hash<const void*>()(key.first);
    }
  };
  std::unordered_map<std::pair<const TypeDef*, std::string_view>, const FieldDef*, FieldKeyHash>
      field_index_;
  std::unordered_map<std::string_view, const DirectiveDef*> directive_index_;
  std::unordered_map<const TypeDef*, std::vector<const TypeDef*>> possible_types_;
  const TypeDef* query_ = nullptr;
  const TypeDef* mutation_ = nullptr;
  const TypeDef* subscription_ = nullptr;
  // The meta-field definitions (__typename, __schema, __type), owned here.
  FieldDef typename_field_;
  FieldDef schema_field_;
  FieldDef type_field_;
};

}  // namespace junction::graphql
