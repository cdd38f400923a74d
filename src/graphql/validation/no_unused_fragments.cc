// Fragments Must Be Used: every fragment is spread by some operation, directly or through other
// fragments.
// https://spec.graphql.org/October2021/#sec-Fragments-Must-Be-Used
//
//   fragment nameFragment on Dog { name }  { dog { name } }
//   => Fragment "nameFragment" is never used.
//
// Checked when the whole document has been seen, so these errors come after the others.

#include <string_view>
#include <unordered_set>
#include <vector>

#include "graphql/validation/rules.h"

namespace junction::graphql::validation {
namespace {

class NoUnusedFragmentsRule : public Rule {
 public:
  using Rule::Rule;

  bool EnterOperation(const OperationDefinition& operation) override {
    operations_.push_back(&operation);
    return false;
  }

  bool EnterFragmentDefinition(const FragmentDefinition& fragment) override {
    fragments_.push_back(&fragment);
    return false;
  }

  void LeaveDocument(const Document&) override {
    std::unordered_set<std::string_view> used;
    for (const OperationDefinition* operation : operations_) {
      for (const FragmentDefinition* fragment :
           context_.GetRecursivelyReferencedFragments(*operation)) {
        used.insert(fragment->name);
      }
    }
    for (const FragmentDefinition* fragment : fragments_) {
      if (!used.contains(fragment->name)) {
        context_.ReportError("Fragment \"" + fragment->name + "\" is never used.",
                             {fragment->location});
      }
    }
  }

 private:
  std::vector<const OperationDefinition*> operations_;
  std::vector<const FragmentDefinition*> fragments_;
};

}  // namespace

std::unique_ptr<Rule> MakeNoUnusedFragmentsRule(ValidationContext& context) {
  return std::make_unique<NoUnusedFragmentsRule>(context);
}

}  // namespace junction::graphql::validation
