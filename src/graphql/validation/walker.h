#pragma once
// The document walk of validation: visits every node of a Document (or of one operation or
// fragment) in graphql-js's order (its QueryDocumentKeys, descriptions excluded), keeping a
// TypeInfo up to date and calling a Visitor on entering and leaving each node.
//
//   query Q($v: Int) @d { f(a: [1]) { g } }
//   => Operation Q, VariableDefinition $v (NamedType Int), Directive @d,
//      SelectionSet, Field f, Argument a, Value [1], Value 1, SelectionSet, Field g
//
// An Enter returning false skips the node's children and its Leave (graphql-js `return false`);
// the TypeInfo still enters and leaves the node. Visitor::stopped() ends the walk early (the
// error limit was reached). Type-system definitions are walked too, as graphql-js walks them,
// so that rules can report on them.

#include <string>
#include <string_view>

#include "graphql/ast.h"
#include "graphql/validation/type_info.h"

namespace junction::graphql::validation {

// Callbacks for each kind of node; the defaults visit everything and report nothing.
class Visitor {
 public:
  virtual ~Visitor() = default;

  // True once the walk must end (checked after every callback).
  virtual bool stopped() const { return false; }

  virtual bool EnterDocument(const Document&) { return true; }
  virtual void LeaveDocument(const Document&) {}
  virtual bool EnterOperation(const OperationDefinition&) { return true; }
  virtual void LeaveOperation(const OperationDefinition&) {}
  virtual bool EnterFragmentDefinition(const FragmentDefinition&) { return true; }
  virtual void LeaveFragmentDefinition(const FragmentDefinition&) {}
  virtual bool EnterVariableDefinition(const VariableDefinition&) { return true; }
  virtual void LeaveVariableDefinition(const VariableDefinition&) {}
  // `in_inline_fragment`: the selection set is an inline fragment's (graphql-js's `parent`).
  virtual bool EnterSelectionSet(const SelectionSet&, bool /*in_inline_fragment*/) { return true; }
  virtual void LeaveSelectionSet(const SelectionSet&) {}
  virtual bool EnterField(const Field&) { return true; }
  virtual void LeaveField(const Field&) {}
  virtual bool EnterFragmentSpread(const FragmentSpread&) { return true; }
  virtual void LeaveFragmentSpread(const FragmentSpread&) {}
  virtual bool EnterInlineFragment(const InlineFragment&) { return true; }
  virtual void LeaveInlineFragment(const InlineFragment&) {}
  virtual bool EnterArgument(const Argument&) { return true; }
  virtual void LeaveArgument(const Argument&) {}
  // `location` is where the directive is applied, as a DirectiveLocation name ("FIELD",
  // "QUERY", "ARGUMENT_DEFINITION", …).
  virtual bool EnterDirective(const Directive&, std::string_view /*location*/) { return true; }
  virtual void LeaveDirective(const Directive&) {}
  // Every value, of every kind (variables included).
  virtual bool EnterValue(const Value&) { return true; }
  virtual void LeaveValue(const Value&) {}
  virtual bool EnterObjectField(const ObjectField&) { return true; }
  virtual void LeaveObjectField(const ObjectField&) {}
  // A named type: in a variable definition, a type condition, or a type-system definition
  // (`in_type_system`).
  virtual bool EnterNamedType(const std::string& /*name*/, Location, bool /*in_type_system*/) {
    return true;
  }

  virtual void LeaveNamedType(const std::string& /*name*/, Location) {}

  // Type-system definitions and their parts.
  virtual bool EnterSchemaDefinition(const SchemaDefinition&) { return true; }
  virtual void LeaveSchemaDefinition(const SchemaDefinition&) {}
  virtual bool EnterTypeDefinition(const TypeDefinition&) { return true; }
  virtual void LeaveTypeDefinition(const TypeDefinition&) {}
  virtual bool EnterDirectiveDefinition(const DirectiveDefinition&) { return true; }
  virtual void LeaveDirectiveDefinition(const DirectiveDefinition&) {}
  virtual bool EnterFieldDefinition(const FieldDefinition&) { return true; }
  virtual void LeaveFieldDefinition(const FieldDefinition&) {}
  // `in_input_object`: an input object's field, rather than an argument definition.
  virtual bool EnterInputValueDefinition(const InputValueDefinition&, bool /*in_input_object*/) {
    return true;
  }
  virtual void LeaveInputValueDefinition(const InputValueDefinition&) {}
  virtual bool EnterEnumValueDefinition(const EnumValueDefinition&) { return true; }
  virtual void LeaveEnumValueDefinition(const EnumValueDefinition&) {}
};

void Walk(const Document& document, TypeInfo& type_info, Visitor& visitor);
void Walk(const OperationDefinition& operation, TypeInfo& type_info, Visitor& visitor);
void Walk(const FragmentDefinition& fragment, TypeInfo& type_info, Visitor& visitor);

}  // namespace junction::graphql::validation
