#include "graphql/ast.h"

#include <algorithm>

namespace junction::graphql {

bool Value::operator==(const Value& other) const {
  if (kind != other.kind) return false;
  switch (kind) {
    case Kind::kVariable:
    case Kind::kInt:
    case Kind::kFloat:
    case Kind::kEnum:
      return text == other.text;
    case Kind::kString:
      return text == other.text && block == other.block;
    case Kind::kBoolean:
      return boolean == other.boolean;
    case Kind::kNull:
      return true;
    case Kind::kList:
      return list == other.list;
    case Kind::kObject:
      return fields == other.fields;
  }
  return false;
}

bool TypeRef::IsList() const {
  const size_t outer = IsNonNull() ? 1 : 0;
  return outer < wrappers.size() && wrappers[outer] == Wrapper::kList;
}

TypeRef TypeRef::Nullable() const {
  TypeRef nullable = *this;
  if (IsNonNull()) nullable.wrappers.erase(nullable.wrappers.begin());
  return nullable;
}

TypeRef TypeRef::ItemType() const {
  const auto outer = static_cast<std::ptrdiff_t>(IsNonNull() ? 1 : 0);
  TypeRef item = *this;
  item.wrappers.erase(item.wrappers.begin(), item.wrappers.begin() + outer + 1);
  return item;
}

std::string TypeRef::ToString() const {
  std::string out;
  const auto lists = std::count(wrappers.begin(), wrappers.end(), Wrapper::kList);
  out.reserve(name.size() + wrappers.size() + static_cast<size_t>(lists));
  out.append(static_cast<size_t>(lists), '[');
  out.append(name);
  for (auto it = wrappers.rbegin(); it != wrappers.rend(); ++it) {
    out.push_back(*it == Wrapper::kList ? ']' : '!');
  }
  return out;
}

bool Field::operator==(const Field& other) const {
  return alias == other.alias && name == other.name && arguments == other.arguments &&
         directives == other.directives && selection_set == other.selection_set;
}

bool InlineFragment::operator==(const InlineFragment& other) const {
  return type_condition == other.type_condition && directives == other.directives &&
         selection_set == other.selection_set;
}

Location Selection::location() const {
  return std::visit([](const auto& selection) { return selection.location; }, node);
}

std::string_view ToString(OperationType type) {
  switch (type) {
    case OperationType::kQuery:
      return "query";
    case OperationType::kMutation:
      return "mutation";
    case OperationType::kSubscription:
      return "subscription";
  }
  return "query";
}

// `shorthand` records how the source spelled the operation, like a location: `{ a }` and
// `query { a }` are the same operation (and print the same way, as graphql-js prints them).
bool OperationDefinition::operator==(const OperationDefinition& other) const {
  return operation == other.operation && name == other.name && variables == other.variables &&
         directives == other.directives && selection_set == other.selection_set;
}

bool FragmentDefinition::operator==(const FragmentDefinition& other) const {
  return name == other.name && type_condition == other.type_condition &&
         directives == other.directives && selection_set == other.selection_set;
}

bool InputValueDefinition::operator==(const InputValueDefinition& other) const {
  return description == other.description && name == other.name && type == other.type &&
         default_value == other.default_value && directives == other.directives;
}

bool FieldDefinition::operator==(const FieldDefinition& other) const {
  return description == other.description && name == other.name && arguments == other.arguments &&
         type == other.type && directives == other.directives;
}

bool TypeDefinition::operator==(const TypeDefinition& other) const {
  return kind == other.kind && is_extension == other.is_extension &&
         description == other.description && name == other.name && interfaces == other.interfaces &&
         directives == other.directives && fields == other.fields &&
         union_members == other.union_members && enum_values == other.enum_values &&
         input_fields == other.input_fields;
}

}  // namespace junction::graphql
