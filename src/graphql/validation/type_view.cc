#include "graphql/validation/type_view.h"

namespace junction::graphql::validation {

const TypeDef* LookupType(const Schema& schema, std::string_view name) {
  return schema.FindType(name);
}

TypeView TypeView::FromRef(const Schema& schema, const TypeRef& ref) {
  const TypeDef* named = LookupType(schema, ref.name);
  if (named == nullptr) return TypeView();
  return TypeView(named, &ref, 0);
}

std::string TypeView::ToString() const {
  if (!known()) return "";
  uint32_t count = Wrappers();
  std::string prefix, suffix;
  // Wrappers read outermost first: a list opens a bracket now and closes it after the inner part;
  // a non-null appends "!" after the inner part.
  for (uint32_t i = 0; i < count; ++i) {
    if (ref_->wrappers[depth_ + i] == TypeRef::Wrapper::kList) {
      prefix += '[';
      suffix.insert(0, "]");
    } else {
      suffix.insert(0, "!");
    }
  }
  return prefix + named_->name + suffix;
}

TypeRef TypeView::ToTypeRef() const {
  TypeRef ref;
  if (!known()) return ref;
  ref.name = named_->name;
  if (ref_ != nullptr) {
    ref.wrappers.assign(ref_->wrappers.begin() + depth_, ref_->wrappers.end());
  }
  return ref;
}

bool TypeView::operator==(const TypeView& other) const {
  if (named_ != other.named_) return false;
  uint32_t count = Wrappers();
  if (count != other.Wrappers()) return false;
  for (uint32_t i = 0; i < count; ++i) {
    if (ref_->wrappers[depth_ + i] != other.ref_->wrappers[other.depth_ + i]) return false;
  }
  return true;
}

}  // namespace junction::graphql::validation
