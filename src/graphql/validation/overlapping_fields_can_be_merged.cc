// Field Selection Merging: fields with one response name in a selection set (fragments
// included) can be merged: same field and arguments unless their parents are different object
// types, and always the same response shape.
// https://spec.graphql.org/October2021/#sec-Field-Selection-Merging
//
//   fragment conflictingBecauseAlias on Dog { name: nickname  name }
//   => Fields "name" conflict because "nickname" and "name" are different fields. Use different
//      aliases on the fields to fetch both if this was intentional.
//   fragment conflictingArgsOnValues on Dog {
//     doesKnowCommand(dogCommand: SIT) doesKnowCommand(dogCommand: HEEL) }
//   => Fields "doesKnowCommand" conflict because they have differing arguments. …
//
// The search itself is FieldConflictFinder's (validation/field_conflicts.h). Every selection set
// is checked when the walk enters it, an inline fragment's too, so that a conflict inside an
// inline fragment is reported twice (for its parent's selection set and for its own), exactly as
// graphql-js 16.8 reports it.

#include <utility>
#include <vector>

#include "graphql/validation/field_conflicts.h"
#include "graphql/validation/rules.h"

namespace junction::graphql::validation {
namespace {

class OverlappingFieldsCanBeMergedRule : public Rule {
 public:
  explicit OverlappingFieldsCanBeMergedRule(ValidationContext& context)
      : Rule(context), finder_(context) {}

  bool EnterSelectionSet(const SelectionSet& selection_set, bool) override {
    std::vector<FieldConflict> conflicts =
        finder_.FindWithinSelectionSet(context_.type_info().parent_type(), selection_set);
    for (const FieldConflict& conflict : conflicts) {
      std::vector<Location> locations;
      for (const Field* field : conflict.fields1) locations.push_back(field->location);
      for (const Field* field : conflict.fields2) locations.push_back(field->location);
      context_.ReportError("Fields \"" + conflict.response_name + "\" conflict because " +
                               conflict.Reason() +
                               ". Use different aliases on the fields to fetch both if this was "
                               "intentional.",
                           std::move(locations));
    }
    return true;
  }

 private:
  FieldConflictFinder finder_;
};

}  // namespace

std::unique_ptr<Rule> MakeOverlappingFieldsCanBeMergedRule(ValidationContext& context) {
  return std::make_unique<OverlappingFieldsCanBeMergedRule>(context);
}

}  // namespace junction::graphql::validation
