#include "graphql/validation/rule_set.h"

#include <utility>

namespace junction::graphql::validation {
namespace {

// Callback families, so that two nodes at one address (a node and its first member) differ.
enum Family {
  kDocument = 1,
  kOperation,
  kFragmentDefinition,
  kVariableDefinition,
  kSelectionSet,
  kField,
  kFragmentSpread,
  kInlineFragment,
  kArgument,
  kDirective,
  kValue,
  kObjectField,
  kNamedType,
  kSchemaDefinition,
  kTypeDefinition,
  kDirectiveDefinition,
  kFieldDefinition,
  kInputValueDefinition,
  kEnumValueDefinition,
};

}  // namespace

RuleSet::RuleSet(const ValidationContext& context, std::vector<std::unique_ptr<Rule>> rules)
    : context_(context), rules_(std::move(rules)), skipping_(rules_.size()) {}

template <typename Enter>
bool RuleSet::DispatchEnter(NodeKey key, Enter enter) {
  for (size_t i = 0; i < rules_.size(); ++i) {
    if (skipping_[i].node != nullptr) continue;
    if (!enter(*rules_[i])) skipping_[i] = key;
    if (context_.aborted()) break;
  }
  return true;  // the walk always goes on; each rule skips on its own
}

template <typename Leave>
void RuleSet::DispatchLeave(NodeKey key, Leave leave) {
  for (size_t i = 0; i < rules_.size(); ++i) {
    if (skipping_[i].node == nullptr) {
      leave(*rules_[i]);
      if (context_.aborted()) break;
    } else if (skipping_[i] == key) {
      skipping_[i] = NodeKey{};
    }
  }
}

// Each callback forwards to every rule; one line per callback.
#define JUNCTION_ENTER(Callback, Type, family)                                        \
  bool RuleSet::Callback(const Type& n) {                                             \
    return DispatchEnter({&n, family}, [&](Rule& rule) { return rule.Callback(n); }); \
  }
#define JUNCTION_LEAVE(Callback, Type, family)                          \
  void RuleSet::Callback(const Type& n) {                               \
    DispatchLeave({&n, family}, [&](Rule& rule) { rule.Callback(n); }); \
  }

JUNCTION_ENTER(EnterDocument, Document, kDocument)
JUNCTION_LEAVE(LeaveDocument, Document, kDocument)
JUNCTION_ENTER(EnterOperation, OperationDefinition, kOperation)
JUNCTION_LEAVE(LeaveOperation, OperationDefinition, kOperation)
JUNCTION_ENTER(EnterFragmentDefinition, FragmentDefinition, kFragmentDefinition)
JUNCTION_LEAVE(LeaveFragmentDefinition, FragmentDefinition, kFragmentDefinition)
JUNCTION_ENTER(EnterVariableDefinition, VariableDefinition, kVariableDefinition)
JUNCTION_LEAVE(LeaveVariableDefinition, VariableDefinition, kVariableDefinition)
JUNCTION_LEAVE(LeaveSelectionSet, SelectionSet, kSelectionSet)
JUNCTION_ENTER(EnterField, Field, kField)
JUNCTION_LEAVE(LeaveField, Field, kField)
JUNCTION_ENTER(EnterFragmentSpread, FragmentSpread, kFragmentSpread)
JUNCTION_LEAVE(LeaveFragmentSpread, FragmentSpread, kFragmentSpread)
JUNCTION_ENTER(EnterInlineFragment, InlineFragment, kInlineFragment)
JUNCTION_LEAVE(LeaveInlineFragment, InlineFragment, kInlineFragment)
JUNCTION_ENTER(EnterArgument, Argument, kArgument)
JUNCTION_LEAVE(LeaveArgument, Argument, kArgument)
JUNCTION_LEAVE(LeaveDirective, Directive, kDirective)
JUNCTION_ENTER(EnterValue, Value, kValue)
JUNCTION_LEAVE(LeaveValue, Value, kValue)
JUNCTION_ENTER(EnterObjectField, ObjectField, kObjectField)
JUNCTION_LEAVE(LeaveObjectField, ObjectField, kObjectField)
JUNCTION_ENTER(EnterSchemaDefinition, SchemaDefinition, kSchemaDefinition)
JUNCTION_LEAVE(LeaveSchemaDefinition, SchemaDefinition, kSchemaDefinition)
JUNCTION_ENTER(EnterTypeDefinition, TypeDefinition, kTypeDefinition)
JUNCTION_LEAVE(LeaveTypeDefinition, TypeDefinition, kTypeDefinition)
JUNCTION_ENTER(EnterDirectiveDefinition, DirectiveDefinition, kDirectiveDefinition)
JUNCTION_LEAVE(LeaveDirectiveDefinition, DirectiveDefinition, kDirectiveDefinition)
JUNCTION_ENTER(EnterFieldDefinition, FieldDefinition, kFieldDefinition)
JUNCTION_LEAVE(LeaveFieldDefinition, FieldDefinition, kFieldDefinition)
JUNCTION_LEAVE(LeaveInputValueDefinition, InputValueDefinition, kInputValueDefinition)
JUNCTION_ENTER(EnterEnumValueDefinition, EnumValueDefinition, kEnumValueDefinition)
JUNCTION_LEAVE(LeaveEnumValueDefinition, EnumValueDefinition, kEnumValueDefinition)

#undef JUNCTION_ENTER
#undef JUNCTION_LEAVE

// The callbacks with more than the node as parameters.

bool RuleSet::EnterSelectionSet(const SelectionSet& n, bool in_inline_fragment) {
  return DispatchEnter({&n, kSelectionSet},
                       [&](Rule& rule) { return rule.EnterSelectionSet(n, in_inline_fragment); });
}

bool RuleSet::EnterDirective(const Directive& n, std::string_view location) {
  return DispatchEnter({&n, kDirective},
                       [&](Rule& rule) { return rule.EnterDirective(n, location); });
}

bool RuleSet::EnterNamedType(const std::string& name, Location location, bool in_type_system) {
  return DispatchEnter({&name, kNamedType}, [&](Rule& rule) {
    return rule.EnterNamedType(name, location, in_type_system);
  });
}

void RuleSet::LeaveNamedType(const std::string& name, Location location) {
  DispatchLeave({&name, kNamedType}, [&](Rule& rule) { rule.LeaveNamedType(name, location); });
}

bool RuleSet::EnterInputValueDefinition(const InputValueDefinition& n, bool in_input_object) {
  return DispatchEnter({&n, kInputValueDefinition}, [&](Rule& rule) {
    return rule.EnterInputValueDefinition(n, in_input_object);
  });
}

}  // namespace junction::graphql::validation
