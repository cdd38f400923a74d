#include "graphql/validation/walker.h"

#include <variant>

namespace junction::graphql::validation {
namespace {

std::string_view OperationLocation(OperationType type) {
  switch (type) {
    case OperationType::kQuery:
      return "QUERY";
    case OperationType::kMutation:
      return "MUTATION";
    case OperationType::kSubscription:
      return "SUBSCRIPTION";
  }
  return "QUERY";
}

std::string_view TypeDefinitionLocation(TypeDefinition::Kind kind) {
  switch (kind) {
    case TypeDefinition::Kind::kScalar:
      return "SCALAR";
    case TypeDefinition::Kind::kObject:
      return "OBJECT";
    case TypeDefinition::Kind::kInterface:
      return "INTERFACE";
    case TypeDefinition::Kind::kUnion:
      return "UNION";
    case TypeDefinition::Kind::kEnum:
      return "ENUM";
    case TypeDefinition::Kind::kInputObject:
      return "INPUT_OBJECT";
  }
  return "OBJECT";
}

Location NamedTypeLocation(const TypeRef& type) {
  // A parser that does not record name_location leaves it zero; the type's start is then the
  // best position known (they differ only for list types).
  return type.name_location.line != 0 ? type.name_location : type.location;
}

// One walk: the recursive descent, stopping as soon as the visitor says so. Each Walk* returns
// false when the walk must end.
class Walker {
 public:
  Walker(TypeInfo& type_info, Visitor& visitor) : type_info_(type_info), visitor_(visitor) {}

  bool WalkDocument(const Document& document) {
    bool enter = visitor_.EnterDocument(document);
    if (visitor_.stopped()) return false;
    if (!enter) return true;
    for (const Definition& definition : document.definitions) {
      if (!WalkDefinition(definition)) return false;
    }
    visitor_.LeaveDocument(document);
    return !visitor_.stopped();
  }

  bool WalkOperation(const OperationDefinition& operation) {
    type_info_.EnterOperation(operation);
    bool enter = visitor_.EnterOperation(operation);
    if (visitor_.stopped()) return false;
    if (enter) {
      for (const VariableDefinition& variable : operation.variables) {
        if (!WalkVariableDefinition(variable)) return false;
      }
      if (!WalkDirectives(operation.directives, OperationLocation(operation.operation))) {
        return false;
      }
      if (!WalkSelectionSet(operation.selection_set, false)) return false;
      visitor_.LeaveOperation(operation);
      if (visitor_.stopped()) return false;
    }
    type_info_.LeaveOperation();
    return true;
  }

  bool WalkFragmentDefinition(const FragmentDefinition& fragment) {
    type_info_.EnterFragment(fragment.type_condition);
    bool enter = visitor_.EnterFragmentDefinition(fragment);
    if (visitor_.stopped()) return false;
    if (enter) {
      Location at = fragment.type_condition_location.line != 0 ? fragment.type_condition_location
                                                               : fragment.location;
      if (!WalkNamedType(fragment.type_condition, at, false)) return false;
      if (!WalkDirectives(fragment.directives, "FRAGMENT_DEFINITION")) return false;
      if (!WalkSelectionSet(fragment.selection_set, false)) return false;
      visitor_.LeaveFragmentDefinition(fragment);
      if (visitor_.stopped()) return false;
    }
    type_info_.LeaveFragment();
    return true;
  }

 private:
  bool WalkDefinition(const Definition& definition) {
    if (const auto* operation = std::get_if<OperationDefinition>(&definition)) {
      return WalkOperation(*operation);
    }
    if (const auto* fragment = std::get_if<FragmentDefinition>(&definition)) {
      return WalkFragmentDefinition(*fragment);
    }
    bool result = true;
    if (const auto* schema = std::get_if<SchemaDefinition>(&definition)) {
      result = WalkSchemaDefinition(*schema);
    } else if (const auto* type = std::get_if<TypeDefinition>(&definition)) {
      result = WalkTypeDefinition(*type);
    } else if (const auto* directive = std::get_if<DirectiveDefinition>(&definition)) {
      result = WalkDirectiveDefinition(*directive);
    }
    return result;
  }

  bool WalkVariableDefinition(const VariableDefinition& variable) {
    type_info_.EnterVariableDefinition(variable);
    bool enter = visitor_.EnterVariableDefinition(variable);
    if (visitor_.stopped()) return false;
    if (enter) {
      if (!WalkNamedType(variable.type.name, NamedTypeLocation(variable.type), false)) return false;
      if (variable.default_value && !WalkValue(*variable.default_value)) return false;
      if (!WalkDirectives(variable.directives, "VARIABLE_DEFINITION")) return false;
      visitor_.LeaveVariableDefinition(variable);
      if (visitor_.stopped()) return false;
    }
    type_info_.LeaveVariableDefinition();
    return true;
  }

  bool WalkSelectionSet(const SelectionSet& selection_set, bool in_inline_fragment) {
    type_info_.EnterSelectionSet();
    bool enter = visitor_.EnterSelectionSet(selection_set, in_inline_fragment);
    if (visitor_.stopped()) return false;
    if (enter) {
      for (const Selection& selection : selection_set) {
        bool ok =
            std::visit([this](const auto& node) { return WalkSelection(node); }, selection.node);
        if (!ok) return false;
      }
      visitor_.LeaveSelectionSet(selection_set);
      if (visitor_.stopped()) return false;
    }
    type_info_.LeaveSelectionSet();
    return true;
  }

  bool WalkSelection(const Field& field) {
    type_info_.EnterField(field);
    bool enter = visitor_.EnterField(field);
    if (visitor_.stopped()) return false;
    if (enter) {
      for (const Argument& argument : field.arguments) {
        if (!WalkArgument(argument)) return false;
      }
      if (!WalkDirectives(field.directives, "FIELD")) return false;
      if (!field.selection_set.empty() && !WalkSelectionSet(field.selection_set, false)) {
        return false;
      }
      visitor_.LeaveField(field);
      if (visitor_.stopped()) return false;
    }
    type_info_.LeaveField();
    return true;
  }

  bool WalkSelection(const FragmentSpread& spread) {
    bool enter = visitor_.EnterFragmentSpread(spread);
    if (visitor_.stopped()) return false;
    if (enter) {
      if (!WalkDirectives(spread.directives, "FRAGMENT_SPREAD")) return false;
      visitor_.LeaveFragmentSpread(spread);
      if (visitor_.stopped()) return false;
    }
    return true;
  }

  bool WalkSelection(const InlineFragment& fragment) {
    type_info_.EnterFragment(fragment.type_condition);
    bool enter = visitor_.EnterInlineFragment(fragment);
    if (visitor_.stopped()) return false;
    if (enter) {
      if (!fragment.type_condition.empty()) {
        Location at = fragment.type_condition_location.line != 0 ? fragment.type_condition_location
                                                                 : fragment.location;
        if (!WalkNamedType(fragment.type_condition, at, false)) return false;
      }
      if (!WalkDirectives(fragment.directives, "INLINE_FRAGMENT")) return false;
      if (!WalkSelectionSet(fragment.selection_set, true)) return false;
      visitor_.LeaveInlineFragment(fragment);
      if (visitor_.stopped()) return false;
    }
    type_info_.LeaveFragment();
    return true;
  }

  bool WalkArgument(const Argument& argument) {
    type_info_.EnterArgument(argument);
    bool enter = visitor_.EnterArgument(argument);
    if (visitor_.stopped()) return false;
    if (enter) {
      if (!WalkValue(argument.value)) return false;
      visitor_.LeaveArgument(argument);
      if (visitor_.stopped()) return false;
    }
    type_info_.LeaveArgument();
    return true;
  }

  bool WalkDirectives(const std::vector<Directive>& directives, std::string_view location) {
    for (const Directive& directive : directives) {
      type_info_.EnterDirective(directive);
      bool enter = visitor_.EnterDirective(directive, location);
      if (visitor_.stopped()) return false;
      if (enter) {
        for (const Argument& argument : directive.arguments) {
          if (!WalkArgument(argument)) return false;
        }
        visitor_.LeaveDirective(directive);
        if (visitor_.stopped()) return false;
      }
      type_info_.LeaveDirective();
    }
    return true;
  }

  bool WalkValue(const Value& value) {
    bool is_list = value.kind == Value::Kind::kList;
    if (is_list) type_info_.EnterListValue();
    bool enter = visitor_.EnterValue(value);
    if (visitor_.stopped()) return false;
    if (enter) {
      for (const Value& item : value.list) {
        if (!WalkValue(item)) return false;
      }
      for (const ObjectField& field : value.fields) {
        if (!WalkObjectField(field)) return false;
      }
      visitor_.LeaveValue(value);
      if (visitor_.stopped()) return false;
    }
    if (is_list) type_info_.LeaveListValue();
    return true;
  }

  bool WalkObjectField(const ObjectField& field) {
    type_info_.EnterObjectField(field);
    bool enter = visitor_.EnterObjectField(field);
    if (visitor_.stopped()) return false;
    if (enter) {
      if (!WalkValue(field.value)) return false;
      visitor_.LeaveObjectField(field);
      if (visitor_.stopped()) return false;
    }
    type_info_.LeaveObjectField();
    return true;
  }

  bool WalkNamedType(const std::string& name, Location location, bool in_type_system) {
    bool enter = visitor_.EnterNamedType(name, location, in_type_system);
    if (visitor_.stopped()) return false;
    if (enter) {
      visitor_.LeaveNamedType(name, location);
      if (visitor_.stopped()) return false;
    }
    return true;
  }

  // Type-system definitions. Where a parser left the position of an implemented interface, a
  // union member or a root operation type unrecorded, the definition's is used.

  static Location NthLocation(const std::vector<Location>& locations, size_t index,
                              Location fallback) {
    return index < locations.size() && locations[index].line != 0 ? locations[index] : fallback;
  }

  bool WalkSchemaDefinition(const SchemaDefinition& schema) {
    bool enter = visitor_.EnterSchemaDefinition(schema);
    if (visitor_.stopped()) return false;
    if (!enter) return true;
    if (!WalkDirectives(schema.directives, "SCHEMA")) return false;
    for (const OperationTypeDefinition& root : schema.operation_types) {
      Location at = root.type_name_location.line != 0 ? root.type_name_location : root.location;
      if (!WalkNamedType(root.type_name, at, true)) return false;
    }
    visitor_.LeaveSchemaDefinition(schema);
    return !visitor_.stopped();
  }

  bool WalkTypeDefinition(const TypeDefinition& type) {
    bool enter = visitor_.EnterTypeDefinition(type);
    if (visitor_.stopped()) return false;
    if (!enter) return true;
    for (size_t i = 0; i < type.interfaces.size(); ++i) {
      Location at = NthLocation(type.interface_locations, i, type.location);
      if (!WalkNamedType(type.interfaces[i], at, true)) return false;
    }
    if (!WalkDirectives(type.directives, TypeDefinitionLocation(type.kind))) return false;
    for (const FieldDefinition& field : type.fields) {
      if (!WalkFieldDefinition(field)) return false;
    }
    for (size_t i = 0; i < type.union_members.size(); ++i) {
      Location at = NthLocation(type.union_member_locations, i, type.location);
      if (!WalkNamedType(type.union_members[i], at, true)) return false;
    }
    for (const EnumValueDefinition& value : type.enum_values) {
      bool enter_value = visitor_.EnterEnumValueDefinition(value);
      if (visitor_.stopped()) return false;
      if (!enter_value) continue;
      if (!WalkDirectives(value.directives, "ENUM_VALUE")) return false;
      visitor_.LeaveEnumValueDefinition(value);
      if (visitor_.stopped()) return false;
    }
    for (const InputValueDefinition& field : type.input_fields) {
      if (!WalkInputValueDefinition(field, true)) return false;
    }
    visitor_.LeaveTypeDefinition(type);
    return !visitor_.stopped();
  }

  bool WalkFieldDefinition(const FieldDefinition& field) {
    bool enter = visitor_.EnterFieldDefinition(field);
    if (visitor_.stopped()) return false;
    if (!enter) return true;
    for (const InputValueDefinition& argument : field.arguments) {
      if (!WalkInputValueDefinition(argument, false)) return false;
    }
    if (!WalkNamedType(field.type.name, NamedTypeLocation(field.type), true)) return false;
    if (!WalkDirectives(field.directives, "FIELD_DEFINITION")) return false;
    visitor_.LeaveFieldDefinition(field);
    return !visitor_.stopped();
  }

  bool WalkInputValueDefinition(const InputValueDefinition& input, bool in_input_object) {
    bool enter = visitor_.EnterInputValueDefinition(input, in_input_object);
    if (visitor_.stopped()) return false;
    if (!enter) return true;
    if (!WalkNamedType(input.type.name, NamedTypeLocation(input.type), true)) return false;
    if (input.default_value && !WalkValue(*input.default_value)) return false;
    std::string_view location = in_input_object ? "INPUT_FIELD_DEFINITION" : "ARGUMENT_DEFINITION";
    if (!WalkDirectives(input.directives, location)) return false;
    visitor_.LeaveInputValueDefinition(input);
    return !visitor_.stopped();
  }

  bool WalkDirectiveDefinition(const DirectiveDefinition& directive) {
    bool enter = visitor_.EnterDirectiveDefinition(directive);
    if (visitor_.stopped()) return false;
    if (!enter) return true;
    for (const InputValueDefinition& argument : directive.arguments) {
      if (!WalkInputValueDefinition(argument, false)) return false;
    }
    visitor_.LeaveDirectiveDefinition(directive);
    return !visitor_.stopped();
  }

  TypeInfo& type_info_;
  Visitor& visitor_;
};

}  // namespace

void Walk(const Document& document, TypeInfo& type_info, Visitor& visitor) {
  Walker(type_info, visitor).WalkDocument(document);
}

void Walk(const OperationDefinition& operation, TypeInfo& type_info, Visitor& visitor) {
  Walker(type_info, visitor).WalkOperation(operation);
}

void Walk(const FragmentDefinition& fragment, TypeInfo& type_info, Visitor& visitor) {
  Walker(type_info, visitor).WalkFragmentDefinition(fragment);
}

}  // namespace junction::graphql::validation
