#include "graphql/schema_validation.h"

#include <algorithm>
#include <unordered_map>
#include <unordered_set>
#include <utility>

#include "graphql/builtins.h"

namespace junction::graphql {
namespace {

bool IsRequired(const InputValueDef& value) {
  return value.type.IsNonNull() && !value.default_value.has_value();
}

class SchemaValidator {
 public:
  explicit SchemaValidator(const Schema& schema) : schema_(schema) {}

  std::vector<std::string> Run() {
    ValidateDirectives();
    for (const TypeDef& type : schema_.types()) {
      if (!IsIntrospectionTypeName(type.name)) ValidateName(type.name);
      switch (type.kind) {
        case TypeKind::kObject:
        case TypeKind::kInterface:
          ValidateFields(type);
          ValidateInterfaces(type);
          break;
        case TypeKind::kUnion:
          ValidateUnionMembers(type);
          break;
        case TypeKind::kEnum:
          ValidateEnumValues(type);
          break;
        case TypeKind::kInputObject:
          ValidateInputFields(type);
          DetectInputObjectCycles(type);
          break;
        case TypeKind::kScalar:
          break;
      }
    }
    return std::move(errors_);
  }

 private:
  void Report(std::string message) { errors_.push_back(std::move(message)); }

  void ValidateName(std::string_view name) {
    if (name.starts_with("__")) {
      Report("Name \"" + std::string(name) +
             "\" must not begin with \"__\", which is reserved by GraphQL introspection.");
    }
  }

  // The named type of `ref`, or null after reporting it as unknown.
  const TypeDef* Resolve(const TypeRef& ref, const std::string& where) {
    const TypeDef* type = schema_.FindType(ref.name);
    if (type == nullptr) Report("Unknown type \"" + ref.name + "\" referenced by " + where + ".");
    return type;
  }

  // `what` names the input value in messages: "@include(if:)", "T.f(a:)".
  void ValidateArgument(const InputValueDef& arg, const std::string& what) {
    ValidateName(arg.name);
    const TypeDef* type = Resolve(arg.type, what);
    if (type != nullptr && !type->IsInputType()) {
      Report("The type of " + what + " must be Input Type but got: " + arg.type.ToString() + ".");
    }
    if (IsRequired(arg) && arg.deprecation_reason.has_value()) {
      Report("Required argument " + what + " cannot be deprecated.");
    }
  }

  void ValidateDirectives() {
    for (const DirectiveDef& directive : schema_.directives()) {
      ValidateName(directive.name);
      if (directive.locations.empty()) {
        Report("Directive @" + directive.name + " must include 1 or more locations.");
      }
      for (const InputValueDef& arg : directive.arguments) {
        ValidateArgument(arg, "@" + directive.name + "(" + arg.name + ":)");
      }
    }
  }

  void ValidateFields(const TypeDef& type) {
    if (type.fields.empty()) Report("Type " + type.name + " must define one or more fields.");
    std::unordered_set<std::string_view> seen;
    for (const FieldDef& field : type.fields) {
      std::string where = type.name + "." + field.name;
      if (!seen.insert(field.name).second)
        Report("Field \"" + where + "\" can only be defined once.");
      ValidateName(field.name);
      const TypeDef* field_type = Resolve(field.type, where);
      if (field_type != nullptr && !field_type->IsOutputType()) {
        Report("The type of " + where + " must be Output Type but got: " + field.type.ToString() +
               ".");
      }
      for (const InputValueDef& arg : field.arguments) {
        ValidateArgument(arg, where + "(" + arg.name + ":)");
      }
    }
  }

  void ValidateInterfaces(const TypeDef& type) {
    std::unordered_set<std::string_view> seen;
    for (const std::string& name : type.interfaces) {
      const TypeDef* iface = schema_.FindType(name);
      if (iface == nullptr) {
        Report("Unknown type \"" + name + "\" referenced by the interfaces of " + type.name + ".");
        continue;
      }
      if (iface->kind != TypeKind::kInterface) {
        Report("Type " + type.name + " must only implement Interface types, it cannot implement " +
               name + ".");
        continue;
      }
      if (iface == &type) {
        Report("Type " + type.name +
               " cannot implement itself because it would create a circular reference.");
        continue;
      }
      if (!seen.insert(name).second) {
        Report("Type " + type.name + " can only implement " + name + " once.");
        continue;
      }
      ValidateTypeImplementsAncestors(type, *iface);
      ValidateTypeImplementsInterface(type, *iface);
    }
  }

  void ValidateTypeImplementsInterface(const TypeDef& type, const TypeDef& iface) {
    for (const FieldDef& iface_field : iface.fields) {
      const std::string& name = iface_field.name;
      const FieldDef* type_field = type.FindField(name);
      if (type_field == nullptr) {
        Report("Interface field " + iface.name + "." + name + " expected but " + type.name +
               " does not provide it.");
        continue;
      }
      if (!schema_.IsTypeSubTypeOf(type_field->type, iface_field.type)) {
        Report("Interface field " + iface.name + "." + name + " expects type " +
               iface_field.type.ToString() + " but " + type.name + "." + name + " is type " +
               type_field->type.ToString() + ".");
      }
      for (const InputValueDef& iface_arg : iface_field.arguments) {
        const std::string& arg_name = iface_arg.name;
        const InputValueDef* type_arg = type_field->FindArgument(arg_name);
        if (type_arg == nullptr) {
          Report("Interface field argument " + iface.name + "." + name + "(" + arg_name +
                 ":) expected but " + type.name + "." + name + " does not provide it.");
          continue;
        }
        if (!(iface_arg.type == type_arg->type)) {
          Report("Interface field argument " + iface.name + "." + name + "(" + arg_name +
                 ":) expects type " + iface_arg.type.ToString() + " but " + type.name + "." + name +
                 "(" + arg_name + ":) is type " + type_arg->type.ToString() + ".");
        }
      }
      for (const InputValueDef& type_arg : type_field->arguments) {
        if (iface_field.FindArgument(type_arg.name) == nullptr && IsRequired(type_arg)) {
          Report("Object field " + type.name + "." + name + " includes required argument " +
                 type_arg.name + " that is missing from the Interface field " + iface.name + "." +
                 name + ".");
        }
      }
    }
  }

  void ValidateTypeImplementsAncestors(const TypeDef& type, const TypeDef& iface) {
    for (const std::string& transitive : iface.interfaces) {
      if (schema_.FindType(transitive) == nullptr) continue;  // reported with `iface`
      if (std::find(type.interfaces.begin(), type.interfaces.end(), transitive) !=
          type.interfaces.end()) {
        continue;
      }
      if (transitive == type.name) {
        Report("Type " + type.name + " cannot implement " + iface.name +
               " because it would create a circular reference.");
      } else {
        Report("Type " + type.name + " must implement " + transitive +
               " because it is implemented by " + iface.name + ".");
      }
    }
  }

  void ValidateUnionMembers(const TypeDef& union_type) {
    if (union_type.union_members.empty()) {
      Report("Union type " + union_type.name + " must define one or more member types.");
    }
    std::unordered_set<std::string_view> seen;
    for (const std::string& name : union_type.union_members) {
      if (!seen.insert(name).second) {
        Report("Union type " + union_type.name + " can only include type " + name + " once.");
        continue;
      }
      const TypeDef* member = schema_.FindType(name);
      if (member == nullptr) {
        Report("Unknown type \"" + name + "\" referenced by union " + union_type.name + ".");
      } else if (member->kind != TypeKind::kObject) {
        Report("Union type " + union_type.name +
               " can only include Object types, it cannot include " + name + ".");
      }
    }
  }

  void ValidateEnumValues(const TypeDef& enum_type) {
    if (enum_type.enum_values.empty()) {
      Report("Enum type " + enum_type.name + " must define one or more values.");
    }
    std::unordered_set<std::string_view> seen;
    for (const EnumValueDef& value : enum_type.enum_values) {
      if (!seen.insert(value.name).second) {
        Report("Enum value \"" + enum_type.name + "." + value.name +
               "\" can only be defined once.");
      }
      if (value.name == "true" || value.name == "false" || value.name == "null") {
        Report("Enum values cannot be named: " + value.name);
      }
      ValidateName(value.name);
    }
  }

  void ValidateInputFields(const TypeDef& input) {
    if (input.input_fields.empty()) {
      Report("Input Object type " + input.name + " must define one or more fields.");
    }
    std::unordered_set<std::string_view> seen;
    for (const InputValueDef& field : input.input_fields) {
      std::string where = input.name + "." + field.name;
      if (!seen.insert(field.name).second)
        Report("Field \"" + where + "\" can only be defined once.");
      ValidateName(field.name);
      const TypeDef* type = Resolve(field.type, where);
      if (type != nullptr && !type->IsInputType()) {
        Report("The type of " + where + " must be Input Type but got: " + field.type.ToString() +
               ".");
      }
      if (IsRequired(field) && field.deprecation_reason.has_value()) {
        Report("Required input field " + where + " cannot be deprecated.");
      }
    }
  }

  // A depth-first walk over non-null input-object fields from `root` (graphql-js
  // createInputObjectCircularRefsValidator), iterative so a long chain cannot exhaust the stack.
  void DetectInputObjectCycles(const TypeDef& root) {
    if (visited_.contains(root.name)) return;
    struct Frame {
      const TypeDef* type;
      size_t next_field = 0;
    };
    std::vector<Frame> stack{{&root}};
    std::vector<const InputValueDef*> field_path;
    std::unordered_map<std::string_view, size_t> path_index;  // type name → its depth in the path
    visited_.insert(root.name);
    path_index[root.name] = 0;
    while (!stack.empty()) {
      Frame& frame = stack.back();
      if (frame.next_field == frame.type->input_fields.size()) {
        path_index.erase(frame.type->name);
        stack.pop_back();
        if (!field_path.empty()) field_path.pop_back();
        continue;
      }
      const InputValueDef& field = frame.type->input_fields[frame.next_field++];
      if (!field.type.IsNonNull() || field.type.wrappers.size() != 1) continue;
      const TypeDef* field_type = schema_.FindType(field.type.name);
      if (field_type == nullptr || field_type->kind != TypeKind::kInputObject) continue;
      auto cycle = path_index.find(field_type->name);
      if (cycle != path_index.end()) {
        std::string path;
        for (size_t i = cycle->second; i < field_path.size(); ++i)
          path += field_path[i]->name + ".";
        path += field.name;
        Report("Cannot reference Input Object \"" + field_type->name +
               "\" within itself through a series of non-null fields: \"" + path + "\".");
        continue;
      }
      if (visited_.contains(field_type->name)) continue;
      visited_.insert(field_type->name);
      field_path.push_back(&field);
      path_index[field_type->name] = field_path.size();
      stack.push_back(Frame{field_type});
    }
  }

  const Schema& schema_;
  std::vector<std::string> errors_;
  std::unordered_set<std::string_view> visited_;  // input objects already walked for cycles
};

}  // namespace

std::vector<std::string> ValidateSchemaTypes(const Schema& schema) {
  return SchemaValidator(schema).Run();
}

}  // namespace junction::graphql
