#include "graphql/schema.h"

#include <algorithm>
#include <span>
#include <unordered_set>
#include <utility>

#include "graphql/builtins.h"
#include "graphql/schema_validation.h"

namespace junction::graphql {

std::string_view ToString(TypeKind kind) {
  switch (kind) {
    case TypeKind::kScalar:
      return "SCALAR";
    case TypeKind::kObject:
      return "OBJECT";
    case TypeKind::kInterface:
      return "INTERFACE";
    case TypeKind::kUnion:
      return "UNION";
    case TypeKind::kEnum:
      return "ENUM";
    case TypeKind::kInputObject:
      return "INPUT_OBJECT";
  }
  return "SCALAR";
}

namespace {

template <typename T>
const T* FindByName(const std::vector<T>& items, std::string_view name) {
  for (const T& item : items) {
    if (item.name == name) return &item;
  }
  return nullptr;
}

const TypeDef* FindBuiltinType(std::string_view name) {
  if (const TypeDef* type = FindByName(BuiltinScalarTypes(), name)) return type;
  return FindByName(IntrospectionTypes(), name);
}

// The names a type refers to, in the order graphql-js's collectReferencedTypes visits them.
std::vector<std::string_view> ReferencedTypeNames(const TypeDef& type) {
  std::vector<std::string_view> names;
  switch (type.kind) {
    case TypeKind::kUnion:
      for (const std::string& member : type.union_members) names.push_back(member);
      break;
    case TypeKind::kObject:
    case TypeKind::kInterface:
      for (const std::string& iface : type.interfaces) names.push_back(iface);
      for (const FieldDef& field : type.fields) {
        names.push_back(field.type.name);
        for (const InputValueDef& arg : field.arguments) names.push_back(arg.type.name);
      }
      break;
    case TypeKind::kInputObject:
      for (const InputValueDef& field : type.input_fields) names.push_back(field.type.name);
      break;
    case TypeKind::kScalar:
    case TypeKind::kEnum:
      break;
  }
  return names;
}

std::string DuplicateTypeMessage(std::string_view name) {
  return "Schema must contain uniquely named types but contains multiple types named \"" +
         std::string(name) + "\".";
}

// Orders the types as graphql-js's GraphQLSchema constructor does: a set seeded with the user
// types; each user type is taken out and re-added followed by what it references (depth first);
// then whatever the roots, the directives' arguments and __Schema reach.
class TypeCollector {
 public:
  TypeCollector(const std::unordered_map<std::string, TypeDef>& pool,
                const std::vector<std::string>& user_names)
      : pool_(pool), in_set_(user_names.begin(), user_names.end()) {}

  void CollectUserType(const std::string& name) {
    in_set_.erase(name);
    Collect(name);
  }

  void Collect(std::string_view root) {
    std::vector<std::string_view> stack{root};  // preorder, same visit order as recursion
    while (!stack.empty()) {
      std::string name(stack.back());
      stack.pop_back();
      auto it = pool_.find(name);
      if (it == pool_.end() || in_set_.contains(name)) continue;  // unknown: reported later
      in_set_.insert(name);
      order_.push_back(name);
      std::vector<std::string_view> refs = ReferencedTypeNames(it->second);
      stack.insert(stack.end(), refs.rbegin(), refs.rend());
    }
  }

  std::vector<std::string> Take() { return std::move(order_); }

 private:
  const std::unordered_map<std::string, TypeDef>& pool_;
  std::unordered_set<std::string> in_set_;
  std::vector<std::string> order_;
};

}  // namespace

const InputValueDef* FieldDef::FindArgument(std::string_view name) const {
  return FindByName(arguments, name);
}

const InputValueDef* DirectiveDef::FindArgument(std::string_view name) const {
  return FindByName(arguments, name);
}

const FieldDef* TypeDef::FindField(std::string_view name) const { return FindByName(fields, name); }

const InputValueDef* TypeDef::FindInputField(std::string_view name) const {
  return FindByName(input_fields, name);
}

const EnumValueDef* TypeDef::FindEnumValue(std::string_view name) const {
  return FindByName(enum_values, name);
}

Result<std::shared_ptr<const Schema>> Schema::Make(std::vector<TypeDef> types, RootTypes roots,
                                                   std::vector<DirectiveDef> directives,
                                                   std::string description) {
  std::vector<std::string> errors;
  std::shared_ptr<Schema> schema(new Schema());
  schema->description_ = std::move(description);

  // The pool of every definition by name: user types (a built-in's name stands for the
  // built-in), then the built-ins not named by the user.
  std::unordered_map<std::string, TypeDef> pool;
  std::vector<std::string> user_names;
  for (TypeDef& type : types) {
    if (const TypeDef* builtin = FindBuiltinType(type.name)) {
      if (builtin->kind != type.kind) {
        errors.push_back(DuplicateTypeMessage(type.name));
        continue;
      }
      type = *builtin;
    }
    if (pool.contains(type.name)) {
      errors.push_back(DuplicateTypeMessage(type.name));
      continue;
    }
    user_names.push_back(type.name);
    pool.emplace(type.name, std::move(type));
  }
  for (const auto* builtins : {&BuiltinScalarTypes(), &IntrospectionTypes()}) {
    for (const TypeDef& type : *builtins) pool.emplace(type.name, type);
  }

  // Directives: the user's, then the specified ones the user did not redefine.
  std::unordered_set<std::string> directive_names;
  for (DirectiveDef& directive : directives) {
    if (!directive_names.insert(directive.name).second) {
      errors.push_back("There can be only one directive named \"@" + directive.name + "\".");
      continue;
    }
    schema->directives_.push_back(std::move(directive));
  }
  for (const DirectiveDef& directive : SpecifiedDirectives()) {
    if (!directive_names.contains(directive.name)) schema->directives_.push_back(directive);
  }

  TypeCollector collector(pool, user_names);
  for (const std::string& name : user_names) collector.CollectUserType(name);
  for (const std::string* root : {&roots.query, &roots.mutation, &roots.subscription}) {
    if (!root->empty()) collector.Collect(*root);
  }
  for (const DirectiveDef& directive : schema->directives_) {
    for (const InputValueDef& arg : directive.arguments) collector.Collect(arg.type.name);
  }
  collector.Collect("__Schema");
  for (std::string& name : collector.Take()) {
    schema->types_.push_back(std::move(pool.at(name)));
  }

  for (const TypeDef& type : schema->types_) {
    schema->type_index_.emplace(type.name, &type);
    for (const FieldDef& field : type.fields) {
      schema->field_index_.emplace(std::pair{&type, std::string_view(field.name)}, &field);
    }
  }
  for (const DirectiveDef& directive : schema->directives_) {
    schema->directive_index_.emplace(directive.name, &directive);
  }
  // Possible types: an interface's implementing objects in type order (graphql-js
  // getImplementations(...).objects), a union's members in member order.
  for (const TypeDef& type : schema->types_) {
    if (type.kind == TypeKind::kObject) {
      for (const std::string& iface : type.interfaces) {
        const TypeDef* target = schema->FindType(iface);
        if (target != nullptr && target->kind == TypeKind::kInterface) {
          std::vector<const TypeDef*>& objects = schema->possible_types_[target];
          if (objects.empty() || objects.back() != &type) objects.push_back(&type);
        }
      }
    } else if (type.kind == TypeKind::kUnion) {
      std::vector<const TypeDef*>& members = schema->possible_types_[&type];
      for (const std::string& member : type.union_members) {
        const TypeDef* target = schema->FindType(member);
        if (target != nullptr &&
            std::find(members.begin(), members.end(), target) == members.end()) {
          members.push_back(target);
        }
      }
    }
  }

  // Root operation types (graphql-js validateRootTypes).
  struct RootSlot {
    const std::string& name;
    const TypeDef** slot;
    const char* label;
  };
  for (RootSlot root : {RootSlot{roots.query, &schema->query_, "Query"},
                        RootSlot{roots.mutation, &schema->mutation_, "Mutation"},
                        RootSlot{roots.subscription, &schema->subscription_, "Subscription"}}) {
    std::string label = root.label;
    if (root.name.empty()) {
      if (label == "Query") errors.push_back("Query root type must be provided.");
      continue;
    }
    const TypeDef* type = schema->FindType(root.name);
    if (type == nullptr) {
      errors.push_back(label + " root type \"" + root.name + "\" is not defined.");
    } else if (type->kind != TypeKind::kObject) {
      errors.push_back(label + " root type must be Object type" +
                       (label == "Query" ? "" : " if provided") + ", it cannot be " + type->name +
                       ".");
    } else {
      *root.slot = type;
    }
  }

  schema->typename_field_ = TypenameMetaField();
  schema->schema_field_ = SchemaMetaField();
  schema->type_field_ = TypeMetaField();

  for (std::string& error : ValidateSchemaTypes(*schema)) errors.push_back(std::move(error));
  if (!errors.empty()) {
    std::string message;
    for (const std::string& error : errors) {
      if (!message.empty()) message += "\n\n";
      message += error;
    }
    return Error(ErrorCode::kValidationFailed, std::move(message));
  }
  return std::shared_ptr<const Schema>(std::move(schema));
}

const TypeDef* Schema::FindType(std::string_view name) const {
  auto it = type_index_.find(name);
  return it == type_index_.end() ? nullptr : it->second;
}

const DirectiveDef* Schema::FindDirective(std::string_view name) const {
  auto it = directive_index_.find(name);
  return it == directive_index_.end() ? nullptr : it->second;
}

const FieldDef* Schema::FindField(const TypeDef& type, std::string_view name) const {
  if (name.starts_with("__")) {
    if (name == "__typename" && type.IsComposite()) return &typename_field_;
    if (&type == query_) {
      if (name == "__schema") return &schema_field_;
      if (name == "__type") return &type_field_;
    }
  }
  const auto it = field_index_.find({&type, name});
  return it == field_index_.end() ? nullptr : it->second;
}

const TypeDef* Schema::RootType(OperationType operation) const {
  switch (operation) {
    case OperationType::kQuery:
      return query_;
    case OperationType::kMutation:
      return mutation_;
    case OperationType::kSubscription:
      return subscription_;
  }
  return nullptr;
}

const std::vector<const TypeDef*>& Schema::PossibleTypes(const TypeDef& abstract) const {
  static const std::vector<const TypeDef*> kNone;
  auto it = possible_types_.find(&abstract);
  return it == possible_types_.end() ? kNone : it->second;
}

bool Schema::IsPossibleType(const TypeDef& abstract, const TypeDef& object) const {
  const std::vector<const TypeDef*>& possible = PossibleTypes(abstract);
  return std::find(possible.begin(), possible.end(), &object) != possible.end();
}

bool Schema::IsSubType(const TypeDef& super, const TypeDef& maybe_sub) const {
  if (&super == &maybe_sub) return true;
  if (super.kind == TypeKind::kUnion) return IsPossibleType(super, maybe_sub);
  if (super.kind == TypeKind::kInterface &&
      (maybe_sub.kind == TypeKind::kObject || maybe_sub.kind == TypeKind::kInterface)) {
    return std::find(maybe_sub.interfaces.begin(), maybe_sub.interfaces.end(), super.name) !=
           maybe_sub.interfaces.end();
  }
  return false;
}

namespace {

bool IsSubTypeRef(const Schema& schema, const TypeRef& sub, size_t i, const TypeRef& super,
                  size_t j) {
  using W = TypeRef::Wrapper;
  std::span<const W> sub_rest(sub.wrappers.begin() + static_cast<std::ptrdiff_t>(i),
                              sub.wrappers.end());
  std::span<const W> super_rest(super.wrappers.begin() + static_cast<std::ptrdiff_t>(j),
                                super.wrappers.end());
  if (sub.name == super.name && std::ranges::equal(sub_rest, super_rest)) return true;
  if (!super_rest.empty() && super_rest.front() == W::kNonNull) {
    return !sub_rest.empty() && sub_rest.front() == W::kNonNull &&
           IsSubTypeRef(schema, sub, i + 1, super, j + 1);
  }
  if (!sub_rest.empty() && sub_rest.front() == W::kNonNull) {
    return IsSubTypeRef(schema, sub, i + 1, super, j);
  }
  if (!super_rest.empty()) {  // a list
    return !sub_rest.empty() && IsSubTypeRef(schema, sub, i + 1, super, j + 1);
  }
  if (!sub_rest.empty()) return false;
  const TypeDef* super_type = schema.FindType(super.name);
  const TypeDef* sub_type = schema.FindType(sub.name);
  return super_type != nullptr && sub_type != nullptr && super_type->IsAbstract() &&
         (sub_type->kind == TypeKind::kInterface || sub_type->kind == TypeKind::kObject) &&
         schema.IsSubType(*super_type, *sub_type);
}

}  // namespace

bool Schema::IsTypeSubTypeOf(const TypeRef& sub, const TypeRef& super) const {
  return IsSubTypeRef(*this, sub, 0, super, 0);
}

bool Schema::DoTypesOverlap(const TypeDef& a, const TypeDef& b) const {
  if (&a == &b) return true;
  if (a.IsAbstract()) {
    if (b.IsAbstract()) {
      const std::vector<const TypeDef*>& possible = PossibleTypes(a);
      return std::any_of(possible.begin(), possible.end(),
                         [&](const TypeDef* type) { return IsPossibleType(b, *type); });
    }
    return IsSubType(a, b);
  }
  if (b.IsAbstract()) return IsSubType(b, a);
  return false;
}

}  // namespace junction::graphql
