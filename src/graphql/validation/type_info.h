#pragma once
// TypeInfo: while the document is walked (validation/walker.h), the schema types in scope at the
// current node, as graphql-js's TypeInfo tracks them: the output type of the current field or
// fragment, the parent composite type of the current selection set, the field definition, the
// directive and argument being read, and the expected input type (and whether a default value
// applies) at the current value. Enter/Leave are called by the walker around each node; the
// getters are read by the rules (through ValidationContext) and by variable-usage collection.
//
//   query { dog { name(surname: true) } }
//   at `true`: parent_type Dog, type String, field_def Dog.name, argument surname,
//              input_type Boolean
//
// Unknown types are tracked as unknown (TypeView{}), never as errors; rules report those.

#include <vector>

#include "graphql/ast.h"
#include "graphql/schema.h"
#include "graphql/validation/type_view.h"

namespace junction::graphql::validation {

class TypeInfo {
 public:
  // REQUIRES: `schema` outlives this TypeInfo.
  explicit TypeInfo(const Schema& schema) : schema_(schema) {}

  const Schema& schema() const { return schema_; }

  // The output type at the current node (the field's type, a fragment's type condition).
  TypeView type() const { return type_stack_.empty() ? TypeView() : type_stack_.back(); }
  // The composite type whose fields the current selection set selects; null when not composite.
  const TypeDef* parent_type() const {
    return parent_type_stack_.empty() ? nullptr : parent_type_stack_.back();
  }
  // The type the current value must have.
  TypeView input_type() const {
    return input_type_stack_.empty() ? TypeView() : input_type_stack_.back();
  }
  // The type of the value containing the current one (the list or input object).
  TypeView parent_input_type() const {
    return input_type_stack_.size() < 2 ? TypeView()
                                        : input_type_stack_[input_type_stack_.size() - 2];
  }
  const FieldDef* field_def() const {
    return field_def_stack_.empty() ? nullptr : field_def_stack_.back();
  }
  // Whether the argument or input field at the current value has a default value.
  bool has_default_value() const {
    return !default_value_stack_.empty() && default_value_stack_.back();
  }
  const DirectiveDef* directive() const { return directive_; }
  const InputValueDef* argument() const { return argument_; }

  void EnterOperation(const OperationDefinition& operation);
  void LeaveOperation() { type_stack_.pop_back(); }
  // An inline fragment (type_condition may be empty) or a fragment definition.
  void EnterFragment(const std::string& type_condition);
  void LeaveFragment() { type_stack_.pop_back(); }
  void EnterSelectionSet();
  void LeaveSelectionSet() { parent_type_stack_.pop_back(); }
  void EnterField(const Field& field);
  void LeaveField();
  void EnterDirective(const Directive& directive) {
    directive_ = schema_.FindDirective(directive.name);
  }
  void LeaveDirective() { directive_ = nullptr; }
  void EnterVariableDefinition(const VariableDefinition& definition);
  void LeaveVariableDefinition() { input_type_stack_.pop_back(); }
  void EnterArgument(const Argument& argument);
  void LeaveArgument();
  void EnterListValue();
  void LeaveListValue() { PopInput(); }
  void EnterObjectField(const ObjectField& field);
  void LeaveObjectField() { PopInput(); }

 private:
  void PopInput() {
    default_value_stack_.pop_back();
    input_type_stack_.pop_back();
  }

  const Schema& schema_;
  std::vector<TypeView> type_stack_;
  std::vector<const TypeDef*> parent_type_stack_;
  std::vector<TypeView> input_type_stack_;
  std::vector<const FieldDef*> field_def_stack_;
  std::vector<bool> default_value_stack_;
  const DirectiveDef* directive_ = nullptr;
  const InputValueDef* argument_ = nullptr;
};

}  // namespace junction::graphql::validation
