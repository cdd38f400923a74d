// Directives Are Unique Per Location: a non-repeatable directive appears at most once on a node.
// https://spec.graphql.org/October2021/#sec-Directives-Are-Unique-Per-Location
//
//   query ($foo: Boolean = true, $bar: Boolean = false) {
//     field @skip(if: $foo) @skip(if: $bar)
//   }
//   => The directive "@skip" can only be used once at this location.   (at both)
//
// On type-system definitions, a type and its extensions count as one location, as does the
// schema with its extensions (graphql-js).

#include <string>
#include <string_view>
#include <unordered_map>
#include <variant>
#include <vector>

#include "graphql/validation/rules.h"

namespace junction::graphql::validation {
namespace {

using SeenDirectives = std::unordered_map<std::string_view, Location>;

class UniqueDirectivesPerLocationRule : public Rule {
 public:
  explicit UniqueDirectivesPerLocationRule(ValidationContext& context) : Rule(context) {
    for (const DirectiveDef& directive : context.schema().directives()) {
      unique_[directive.name] = !directive.repeatable;
    }
    for (const Definition& definition : context.document().definitions) {
      if (const auto* directive = std::get_if<DirectiveDefinition>(&definition)) {
        unique_[directive->name] = !directive->repeatable;
      }
    }
  }

  bool EnterOperation(const OperationDefinition& n) override { return Fresh(n.directives); }
  bool EnterFragmentDefinition(const FragmentDefinition& n) override { return Fresh(n.directives); }
  bool EnterVariableDefinition(const VariableDefinition& n) override { return Fresh(n.directives); }
  bool EnterField(const Field& n) override { return Fresh(n.directives); }
  bool EnterFragmentSpread(const FragmentSpread& n) override { return Fresh(n.directives); }
  bool EnterInlineFragment(const InlineFragment& n) override { return Fresh(n.directives); }
  bool EnterFieldDefinition(const FieldDefinition& n) override { return Fresh(n.directives); }
  bool EnterInputValueDefinition(const InputValueDefinition& n, bool) override {
    return Fresh(n.directives);
  }
  bool EnterEnumValueDefinition(const EnumValueDefinition& n) override {
    return Fresh(n.directives);
  }
  bool EnterSchemaDefinition(const SchemaDefinition& n) override {
    Check(n.directives, schema_directives_);
    return true;
  }
  bool EnterTypeDefinition(const TypeDefinition& n) override {
    Check(n.directives, type_directives_[n.name]);
    return true;
  }

 private:
  bool Fresh(const std::vector<Directive>& directives) {
    SeenDirectives seen;
    Check(directives, seen);
    return true;
  }

  void Check(const std::vector<Directive>& directives, SeenDirectives& seen) {
    for (const Directive& directive : directives) {
      auto unique = unique_.find(directive.name);
      if (unique == unique_.end() || !unique->second) continue;
      auto [first, inserted] = seen.try_emplace(directive.name, directive.location);
      if (!inserted) {
        context_.ReportError(
            "The directive \"@" + directive.name + "\" can only be used once at this location.",
            {first->second, directive.location});
      }
    }
  }

  std::unordered_map<std::string_view, bool> unique_;  // directive name → not repeatable
  SeenDirectives schema_directives_;
  std::unordered_map<std::string, SeenDirectives> type_directives_;
};

}  // namespace

std::unique_ptr<Rule> MakeUniqueDirectivesPerLocationRule(ValidationContext& context) {
  return std::make_unique<UniqueDirectivesPerLocationRule>(context);
}

}  // namespace junction::graphql::validation
