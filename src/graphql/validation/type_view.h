#pragma once
// TypeView: a schema type at some position of a document, as validation tracks it (graphql-js's
// GraphQLType objects in TypeInfo): a named type seen through list and non-null wrappers. The
// wrappers are read in place from a TypeRef owned by the schema or the document, so a view is
// cheap to copy and never allocates.
//
//   field `relatives: [Human]!`  => TypeView{Human, ref "[Human]!", depth 0}   prints "[Human]!"
//   .OfType()                    => TypeView{Human, ref "[Human]!", depth 1}   prints "[Human]"
//   .OfType().OfType()           => TypeView{Human, ref "[Human]!", depth 2}   prints "Human"
//
// A default-constructed view is the unknown type (graphql-js `undefined`). Part of
// graphql/validation/; used by TypeInfo and the rules.

#include <cstdint>
#include <string>
#include <string_view>

#include "graphql/ast.h"
#include "graphql/schema.h"

namespace junction::graphql::validation {

// The type named `name` as a document may refer to it (graphql-js schema.getType).
const TypeDef* LookupType(const Schema& schema, std::string_view name);

class TypeView {
 public:
  TypeView() = default;
  // The named type itself, without wrappers. `named` may be null (unknown type).
  explicit TypeView(const TypeDef* named) : named_(named) {}
  // `named` wrapped in ref->wrappers[depth..]. REQUIRES: `ref` outlives the view.
  TypeView(const TypeDef* named, const TypeRef* ref, uint32_t depth = 0)
      : named_(named), ref_(ref), depth_(depth) {}

  // The type `ref` denotes in `schema` (graphql-js typeFromAST); unknown when its named type is
  // not in the schema.
  static TypeView FromRef(const Schema& schema, const TypeRef& ref);

  bool known() const { return named_ != nullptr; }
  // The innermost named type (graphql-js getNamedType); null when unknown.
  const TypeDef* named() const { return named_; }

  bool IsNonNull() const {
    return known() && Wrappers() > 0 && Outer() == TypeRef::Wrapper::kNonNull;
  }
  bool IsList() const { return known() && Wrappers() > 0 && Outer() == TypeRef::Wrapper::kList; }
  // A type without wrappers, i.e. the named type itself.
  bool IsNamed() const { return known() && Wrappers() == 0; }
  // The type inside the outermost wrapper (graphql-js `ofType`). REQUIRES: IsNonNull() || IsList().
  TypeView OfType() const { return TypeView(named_, ref_, depth_ + 1); }
  // The type without its outer non-null (graphql-js getNullableType).
  TypeView Nullable() const { return IsNonNull() ? OfType() : *this; }

  bool IsInputType() const { return known() && named_->IsInputType(); }
  bool IsOutputType() const { return known() && named_->IsOutputType(); }
  bool IsCompositeNamed() const { return IsNamed() && named_->IsComposite(); }

  // The printed type, e.g. "[String!]!" (graphql-js inspect/String of a type). "" when unknown.
  std::string ToString() const;
  // A TypeRef with the same meaning (for Schema::IsTypeSubTypeOf).
  TypeRef ToTypeRef() const;

  // Same named type and same wrappers.
  bool operator==(const TypeView& other) const;
  // Read from the same place of the same TypeRef (graphql-js: the very same type object, when
  // wrapped; every wrapped type of a schema is its own object).
  bool SameRef(const TypeView& other) const { return ref_ == other.ref_ && depth_ == other.depth_; }

 private:
  uint32_t Wrappers() const {
    return ref_ == nullptr ? 0 : static_cast<uint32_t>(ref_->wrappers.size()) - depth_;
  }
  TypeRef::Wrapper Outer() const { return ref_->wrappers[depth_]; }

  const TypeDef* named_ = nullptr;
  const TypeRef* ref_ = nullptr;
  uint32_t depth_ = 0;
};

}  // namespace junction::graphql::validation
