#pragma once
// FieldConflictFinder: the search behind the OverlappingFieldsCanBeMerged rule (spec §5.3.2
// FieldsInSetCanMerge / SameResponseShape), as graphql-js 16.8 implements it, so that the same
// conflicts come out in the same order with the same wording.
//
//   fragment conflictingBecauseAlias on Dog { name: nickname  name }
//   => FieldConflict{"name", `"nickname" and "name" are different fields`, [nickname], [name]}
//
// The fields of each selection set are collected once and cached (inline fragments flattened
// into their parent, fragment spreads kept by name); fragments are compared pairwise once per
// kind of comparison (graphql-js's comparedFragmentPairs), which keeps the search polynomial.
//
// Unlike graphql-js 16.8, the work is bounded: after 500000 field comparisons (graphql-js 16.15's
// budget) or sub-selection comparisons nested 1000 deep, the validation is aborted with
// "Validation aborted." (as graphql-js 16.15 does) instead of running for minutes on a hostile
// document. No document of a sane size comes near either bound.
//
// One finder per validation; it reads fragments through the ValidationContext.

#include <cstddef>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "graphql/ast.h"
#include "graphql/schema.h"
#include "graphql/validation/validation_context.h"

namespace junction::graphql::validation {

// Two sets of fields with one response name that cannot be merged, and why. The reason of a
// conflict between sub-fields is the list of their conflicts.
struct FieldConflict {
  std::string response_name;
  std::string reason;                    // when `subfields` is empty
  std::vector<FieldConflict> subfields;  // the conflicts of the sub-selections
  std::vector<const Field*> fields1;
  std::vector<const Field*> fields2;

  // graphql-js's wording: `"a" and "b" are different fields`, or for sub-fields
  // `subfields "x" conflict because … and subfields "y" conflict because …`.
  std::string Reason() const;
};

class FieldConflictFinder {
 public:
  explicit FieldConflictFinder(ValidationContext& context) : context_(context) {}

  // The conflicts among the fields `selection_set` selects on `parent_type` (which may be null),
  // fragments included. Empty once the validation is aborted.
  std::vector<FieldConflict> FindWithinSelectionSet(const TypeDef* parent_type,
                                                    const SelectionSet& selection_set);

 private:
  struct FieldAndDefinition {
    const TypeDef* parent_type = nullptr;
    const Field* node = nullptr;
    const FieldDef* definition = nullptr;  // null when the parent type has no such field
  };
  // The fields of one selection set, by response name (in order of first appearance), and the
  // fragments it spreads (each once).
  struct CollectedFields {
    std::vector<std::pair<std::string_view, std::vector<FieldAndDefinition>>> groups;
    std::unordered_map<std::string_view, size_t> group_index;
    std::vector<std::string_view> fragment_names;
  };

  bool Spend(size_t cost);

  CollectedFields& Collect(const TypeDef* parent_type, const SelectionSet& selection_set);
  void CollectInto(const TypeDef* parent_type, const SelectionSet& selection_set,
                   CollectedFields& collected, std::unordered_set<std::string_view>& names);
  CollectedFields& CollectFragment(const FragmentDefinition& fragment);

  void ConflictsWithin(std::vector<FieldConflict>& conflicts, const CollectedFields& collected);
  void ConflictsBetween(std::vector<FieldConflict>& conflicts, bool mutually_exclusive,
                        const CollectedFields& collected1, const CollectedFields& collected2);
  void ConflictsBetweenFieldsAndFragment(std::vector<FieldConflict>& conflicts,
                                         bool mutually_exclusive, const CollectedFields& collected,
                                         std::string_view fragment_name);
  void ConflictsBetweenFragments(std::vector<FieldConflict>& conflicts, bool mutually_exclusive,
                                 std::string_view fragment_name1, std::string_view fragment_name2);
  std::vector<FieldConflict> ConflictsBetweenSubSelections(bool mutually_exclusive,
                                                           const TypeDef* parent_type1,
                                                           const SelectionSet& selection_set1,
                                                           const TypeDef* parent_type2,
                                                           const SelectionSet& selection_set2);
  bool FindConflict(bool parents_mutually_exclusive, std::string_view response_name,
                    const FieldAndDefinition& field1, const FieldAndDefinition& field2,
                    FieldConflict& conflict);

  // graphql-js PairSet: fragment pairs compared, unordered, with whether as mutually exclusive.
  bool PairCompared(std::string_view a, std::string_view b, bool mutually_exclusive) const;
  void AddPair(std::string_view a, std::string_view b, bool mutually_exclusive);

  ValidationContext& context_;
  size_t remaining_budget_ = 500'000;
  size_t nesting_ = 0;  // depth of sub-selection comparisons in progress
  std::unordered_map<const SelectionSet*, std::unique_ptr<CollectedFields>> collected_;
  std::map<std::pair<std::string_view, std::string_view>, bool> compared_fragment_pairs_;
};

}  // namespace junction::graphql::validation
