#pragma once
// RuleSet: several rules run in one walk of the document, as graphql-js's visitInParallel runs
// its rules. For each node, every rule's Enter (or Leave) is called in rule order, so errors come
// out in document order, interleaved across rules, exactly as graphql-js reports them. A rule
// whose Enter returns false skips that node's subtree (and its Leave) on its own; the others go
// on. The walk ends once the context is aborted (error cap reached, or a work budget spent).

#include <memory>
#include <vector>

#include "graphql/validation/rule.h"

namespace junction::graphql::validation {

class RuleSet : public Visitor {
 public:
  RuleSet(const ValidationContext& context, std::vector<std::unique_ptr<Rule>> rules);

  bool stopped() const override { return context_.aborted(); }

  bool EnterDocument(const Document& n) override;
  void LeaveDocument(const Document& n) override;
  bool EnterOperation(const OperationDefinition& n) override;
  void LeaveOperation(const OperationDefinition& n) override;
  bool EnterFragmentDefinition(const FragmentDefinition& n) override;
  void LeaveFragmentDefinition(const FragmentDefinition& n) override;
  bool EnterVariableDefinition(const VariableDefinition& n) override;
  void LeaveVariableDefinition(const VariableDefinition& n) override;
  bool EnterSelectionSet(const SelectionSet& n, bool in_inline_fragment) override;
  void LeaveSelectionSet(const SelectionSet& n) override;
  bool EnterField(const Field& n) override;
  void LeaveField(const Field& n) override;
  bool EnterFragmentSpread(const FragmentSpread& n) override;
  void LeaveFragmentSpread(const FragmentSpread& n) override;
  bool EnterInlineFragment(const InlineFragment& n) override;
  void LeaveInlineFragment(const InlineFragment& n) override;
  bool EnterArgument(const Argument& n) override;
  void LeaveArgument(const Argument& n) override;
  bool EnterDirective(const Directive& n, std::string_view location) override;
  void LeaveDirective(const Directive& n) override;
  bool EnterValue(const Value& n) override;
  void LeaveValue(const Value& n) override;
  bool EnterObjectField(const ObjectField& n) override;
  void LeaveObjectField(const ObjectField& n) override;
  bool EnterNamedType(const std::string& name, Location location, bool in_type_system) override;
  void LeaveNamedType(const std::string& name, Location location) override;
  bool EnterSchemaDefinition(const SchemaDefinition& n) override;
  void LeaveSchemaDefinition(const SchemaDefinition& n) override;
  bool EnterTypeDefinition(const TypeDefinition& n) override;
  void LeaveTypeDefinition(const TypeDefinition& n) override;
  bool EnterDirectiveDefinition(const DirectiveDefinition& n) override;
  void LeaveDirectiveDefinition(const DirectiveDefinition& n) override;
  bool EnterFieldDefinition(const FieldDefinition& n) override;
  void LeaveFieldDefinition(const FieldDefinition& n) override;
  bool EnterInputValueDefinition(const InputValueDefinition& n, bool in_input_object) override;
  void LeaveInputValueDefinition(const InputValueDefinition& n) override;
  bool EnterEnumValueDefinition(const EnumValueDefinition& n) override;
  void LeaveEnumValueDefinition(const EnumValueDefinition& n) override;

 private:
  // A node's identity: its address and its callback family (a node and its first member can
  // share an address).
  struct NodeKey {
    const void* node = nullptr;
    int family = 0;
    bool operator==(const NodeKey&) const = default;
  };

  // Calls `enter` on every rule not skipping; a rule returning false starts skipping `key`.
  template <typename Enter>
  bool DispatchEnter(NodeKey key, Enter enter);
  // Calls `leave` on every rule not skipping; a rule skipping `key` stops skipping.
  template <typename Leave>
  void DispatchLeave(NodeKey key, Leave leave);

  const ValidationContext& context_;
  std::vector<std::unique_ptr<Rule>> rules_;
  // Per rule, the node whose subtree it skips (null node when it is not skipping).
  std::vector<NodeKey> skipping_;
};

}  // namespace junction::graphql::validation
