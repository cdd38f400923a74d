#include "graphql/validation/field_conflicts.h"

#include <algorithm>
#include <variant>

#include "graphql/did_you_mean.h"
#include "graphql/validation/type_view.h"

namespace junction::graphql::validation {
namespace {

// Sub-selection comparisons nested deeper than this (only possible through long chains of
// fragments) abort the validation rather than exhaust the stack.
constexpr size_t kMaxNesting = 1000;

// Whether two argument values print the same once their input object fields are sorted by name
// (graphql-js compares print(sortValueNode(value))): same kinds and texts, strings in the same
// (block or not) form.
bool SameValue(const Value& a, const Value& b) {
  if (a.kind != b.kind) return false;
  switch (a.kind) {
    case Value::Kind::kNull:
      return true;
    case Value::Kind::kBoolean:
      return a.boolean == b.boolean;
    case Value::Kind::kString:
      return a.text == b.text && a.block == b.block;
    case Value::Kind::kList:
      if (a.list.size() != b.list.size()) return false;
      for (size_t i = 0; i < a.list.size(); ++i) {
        if (!SameValue(a.list[i], b.list[i])) return false;
      }
      return true;
    case Value::Kind::kObject: {
      if (a.fields.size() != b.fields.size()) return false;
      auto sorted = [](const Value& value) {
        std::vector<const ObjectField*> fields;
        for (const ObjectField& field : value.fields) fields.push_back(&field);
        std::stable_sort(fields.begin(), fields.end(),
                         [](const ObjectField* x, const ObjectField* y) {
                           return NaturalCompare(x->name, y->name) < 0;
                         });
        return fields;
      };
      std::vector<const ObjectField*> fields_a = sorted(a), fields_b = sorted(b);
      for (size_t i = 0; i < fields_a.size(); ++i) {
        if (fields_a[i]->name != fields_b[i]->name ||
            !SameValue(fields_a[i]->value, fields_b[i]->value)) {
          return false;
        }
      }
      return true;
    }
    default:  // variables, numbers and enum values print as their text
      return a.text == b.text;
  }
}

// graphql-js sameArguments: the same number of arguments, each with the same value.
bool SameArguments(const std::vector<Argument>& arguments1,
                   const std::vector<Argument>& arguments2) {
  if (arguments1.size() != arguments2.size()) return false;
  for (const Argument& argument1 : arguments1) {
    // The value given last under that name (graphql-js builds a Map).
    const Value* value2 = nullptr;
    for (const Argument& argument2 : arguments2) {
      if (argument2.name == argument1.name) value2 = &argument2.value;
    }
    if (value2 == nullptr || !SameValue(argument1.value, *value2)) return false;
  }
  return true;
}

// Two types conflict when no value can have both: lists and non-nulls must match, leaf types
// must be the same; composite types are compared through their fields instead.
bool DoTypesConflict(TypeView type1, TypeView type2) {
  while (true) {
    if (type1.IsList() || type2.IsList()) {
      if (!type1.IsList() || !type2.IsList()) return true;
    } else if (type1.IsNonNull() || type2.IsNonNull()) {
      if (!type1.IsNonNull() || !type2.IsNonNull()) return true;
    } else {
      if (type1.named()->IsLeaf() || type2.named()->IsLeaf()) return type1.named() != type2.named();
      return false;
    }
    type1 = type1.OfType();
    type2 = type2.OfType();
  }
}

}  // namespace

std::string FieldConflict::Reason() const {
  if (subfields.empty()) return reason;
  std::string text;
  for (const FieldConflict& subfield : subfields) {
    if (!text.empty()) text += " and ";
    text += "subfields \"" + subfield.response_name + "\" conflict because " + subfield.Reason();
  }
  return text;
}

bool FieldConflictFinder::Spend(size_t cost) {
  if (context_.aborted()) return false;
  if (cost > remaining_budget_) {
    remaining_budget_ = 0;
    context_.AbortValidation();
    return false;
  }
  remaining_budget_ -= cost;
  return true;
}

bool FieldConflictFinder::PairCompared(std::string_view a, std::string_view b,
                                       bool mutually_exclusive) const {
  auto found = compared_fragment_pairs_.find(a < b ? std::pair(a, b) : std::pair(b, a));
  if (found == compared_fragment_pairs_.end()) return false;
  // A comparison as not mutually exclusive covers one as mutually exclusive, not the reverse.
  return mutually_exclusive || !found->second;
}

void FieldConflictFinder::AddPair(std::string_view a, std::string_view b, bool mutually_exclusive) {
  compared_fragment_pairs_[a < b ? std::pair(a, b) : std::pair(b, a)] = mutually_exclusive;
}

std::vector<FieldConflict> FieldConflictFinder::FindWithinSelectionSet(
    const TypeDef* parent_type, const SelectionSet& selection_set) {
  std::vector<FieldConflict> conflicts;
  const CollectedFields& collected = Collect(parent_type, selection_set);
  ConflictsWithin(conflicts, collected);
  const std::vector<std::string_view>& names = collected.fragment_names;
  for (size_t i = 0; i < names.size(); ++i) {
    ConflictsBetweenFieldsAndFragment(conflicts, false, collected, names[i]);
    for (size_t j = i + 1; j < names.size(); ++j) {
      ConflictsBetweenFragments(conflicts, false, names[i], names[j]);
    }
  }
  if (context_.aborted()) return {};
  return conflicts;
}

FieldConflictFinder::CollectedFields& FieldConflictFinder::Collect(
    const TypeDef* parent_type, const SelectionSet& selection_set) {
  // Cached by selection set alone, as graphql-js does: the first parent type it is seen with
  // decides its field definitions.
  auto [entry, inserted] = collected_.try_emplace(&selection_set);
  if (inserted) {
    entry->second = std::make_unique<CollectedFields>();
    std::unordered_set<std::string_view> names;
    CollectInto(parent_type, selection_set, *entry->second, names);
  }
  return *entry->second;
}

void FieldConflictFinder::CollectInto(const TypeDef* parent_type, const SelectionSet& selection_set,
                                      CollectedFields& collected,
                                      std::unordered_set<std::string_view>& fragment_names) {
  for (const Selection& selection : selection_set) {
    if (const auto* field = std::get_if<Field>(&selection.node)) {
      const FieldDef* definition = nullptr;
      if (parent_type != nullptr &&
          (parent_type->kind == TypeKind::kObject || parent_type->kind == TypeKind::kInterface)) {
        definition = parent_type->FindField(field->name);
      }
      std::string_view key = field->ResponseKey();
      auto [index, inserted] = collected.group_index.try_emplace(key, collected.groups.size());
      if (inserted) collected.groups.emplace_back(key, std::vector<FieldAndDefinition>{});
      collected.groups[index->second].second.push_back({parent_type, field, definition});
    } else if (const auto* spread = std::get_if<FragmentSpread>(&selection.node)) {
      if (fragment_names.insert(spread->name).second) {
        collected.fragment_names.push_back(spread->name);
      }
    } else if (const auto* fragment = std::get_if<InlineFragment>(&selection.node)) {
      const TypeDef* type = fragment->type_condition.empty()
                                ? parent_type
                                : LookupType(context_.schema(), fragment->type_condition);
      CollectInto(type, fragment->selection_set, collected, fragment_names);
    }
  }
}

FieldConflictFinder::CollectedFields& FieldConflictFinder::CollectFragment(
    const FragmentDefinition& fragment) {
  if (auto cached = collected_.find(&fragment.selection_set); cached != collected_.end()) {
    return *cached->second;
  }
  return Collect(LookupType(context_.schema(), fragment.type_condition), fragment.selection_set);
}

void FieldConflictFinder::ConflictsWithin(std::vector<FieldConflict>& conflicts,
                                          const CollectedFields& collected) {
  for (const auto& [response_name, fields] : collected.groups) {
    for (size_t i = 0; i < fields.size(); ++i) {
      for (size_t j = i + 1; j < fields.size(); ++j) {
        FieldConflict conflict;
        if (FindConflict(false, response_name, fields[i], fields[j], conflict)) {
          conflicts.push_back(std::move(conflict));
        }
        if (context_.aborted()) return;
      }
    }
  }
}

void FieldConflictFinder::ConflictsBetween(std::vector<FieldConflict>& conflicts,
                                           bool mutually_exclusive,
                                           const CollectedFields& collected1,
                                           const CollectedFields& collected2) {
  for (const auto& [response_name, fields1] : collected1.groups) {
    auto found = collected2.group_index.find(response_name);
    if (found == collected2.group_index.end()) continue;
    const std::vector<FieldAndDefinition>& fields2 = collected2.groups[found->second].second;
    for (const FieldAndDefinition& field1 : fields1) {
      for (const FieldAndDefinition& field2 : fields2) {
        FieldConflict conflict;
        if (FindConflict(mutually_exclusive, response_name, field1, field2, conflict)) {
          conflicts.push_back(std::move(conflict));
        }
        if (context_.aborted()) return;
      }
    }
  }
}

void FieldConflictFinder::ConflictsBetweenFieldsAndFragment(std::vector<FieldConflict>& conflicts,
                                                            bool mutually_exclusive,
                                                            const CollectedFields& collected,
                                                            std::string_view fragment_name) {
  // Depth first through the fragments it spreads, without recursion (chains can be long):
  // each pending entry is (fragment to compare, fragment that spread it).
  std::vector<std::pair<std::string_view, std::string_view>> pending;
  std::string_view name = fragment_name;
  while (true) {
    if (!Spend(1)) return;
    const FragmentDefinition* fragment = context_.GetFragment(name);
    const CollectedFields* fragment_fields =
        fragment == nullptr ? nullptr : &CollectFragment(*fragment);
    if (fragment_fields != nullptr && fragment_fields != &collected) {
      ConflictsBetween(conflicts, mutually_exclusive, collected, *fragment_fields);
      if (context_.aborted()) return;
      const std::vector<std::string_view>& nested = fragment_fields->fragment_names;
      for (auto it = nested.rbegin(); it != nested.rend(); ++it) pending.emplace_back(*it, name);
    }
    // The next fragment not compared yet with the one that spreads it.
    while (true) {
      if (pending.empty()) return;
      auto [next, spreader] = pending.back();
      pending.pop_back();
      if (PairCompared(next, spreader, mutually_exclusive)) continue;
      AddPair(next, spreader, mutually_exclusive);
      name = next;
      break;
    }
  }
}

void FieldConflictFinder::ConflictsBetweenFragments(std::vector<FieldConflict>& conflicts,
                                                    bool mutually_exclusive,
                                                    std::string_view fragment_name1,
                                                    std::string_view fragment_name2) {
  std::vector<std::pair<std::string_view, std::string_view>> pending = {
      {fragment_name1, fragment_name2}};
  while (!pending.empty()) {
    auto [name1, name2] = pending.back();
    pending.pop_back();
    if (!Spend(1)) return;
    if (name1 == name2 || PairCompared(name1, name2, mutually_exclusive)) continue;
    AddPair(name1, name2, mutually_exclusive);
    const FragmentDefinition* fragment1 = context_.GetFragment(name1);
    const FragmentDefinition* fragment2 = context_.GetFragment(name2);
    if (fragment1 == nullptr || fragment2 == nullptr) continue;
    const CollectedFields& fields1 = CollectFragment(*fragment1);
    const CollectedFields& fields2 = CollectFragment(*fragment2);
    ConflictsBetween(conflicts, mutually_exclusive, fields1, fields2);
    if (context_.aborted()) return;
    // graphql-js compares fragment 1 with those spread in 2, then those spread in 1 with 2.
    for (auto it = fields1.fragment_names.rbegin(); it != fields1.fragment_names.rend(); ++it) {
      pending.emplace_back(*it, name2);
    }
    for (auto it = fields2.fragment_names.rbegin(); it != fields2.fragment_names.rend(); ++it) {
      pending.emplace_back(name1, *it);
    }
  }
}

std::vector<FieldConflict> FieldConflictFinder::ConflictsBetweenSubSelections(
    bool mutually_exclusive, const TypeDef* parent_type1, const SelectionSet& selection_set1,
    const TypeDef* parent_type2, const SelectionSet& selection_set2) {
  std::vector<FieldConflict> conflicts;
  const CollectedFields& fields1 = Collect(parent_type1, selection_set1);
  const CollectedFields& fields2 = Collect(parent_type2, selection_set2);
  ConflictsBetween(conflicts, mutually_exclusive, fields1, fields2);
  for (std::string_view name2 : fields2.fragment_names) {
    ConflictsBetweenFieldsAndFragment(conflicts, mutually_exclusive, fields1, name2);
  }
  for (std::string_view name1 : fields1.fragment_names) {
    ConflictsBetweenFieldsAndFragment(conflicts, mutually_exclusive, fields2, name1);
  }
  for (std::string_view name1 : fields1.fragment_names) {
    for (std::string_view name2 : fields2.fragment_names) {
      ConflictsBetweenFragments(conflicts, mutually_exclusive, name1, name2);
    }
  }
  return conflicts;
}

bool FieldConflictFinder::FindConflict(bool parents_mutually_exclusive,
                                       std::string_view response_name,
                                       const FieldAndDefinition& field1,
                                       const FieldAndDefinition& field2, FieldConflict& conflict) {
  if (!Spend(2)) return false;
  // Fields on two different object types never apply to one object, so they may differ in
  // name and arguments (interfaces and unions might overlap, now or later).
  bool mutually_exclusive =
      parents_mutually_exclusive ||
      (field1.parent_type != field2.parent_type && field1.parent_type != nullptr &&
       field2.parent_type != nullptr && field1.parent_type->kind == TypeKind::kObject &&
       field2.parent_type->kind == TypeKind::kObject);
  const Field& node1 = *field1.node;
  const Field& node2 = *field2.node;
  conflict.response_name = std::string(response_name);
  conflict.fields1 = {&node1};
  conflict.fields2 = {&node2};

  if (!mutually_exclusive) {
    if (node1.name != node2.name) {
      conflict.reason = "\"" + node1.name + "\" and \"" + node2.name + "\" are different fields";
      return true;
    }
    if (!SameArguments(node1.arguments, node2.arguments)) {
      conflict.reason = "they have differing arguments";
      return true;
    }
  }

  TypeView type1, type2;
  if (field1.definition != nullptr)
    type1 = TypeView::FromRef(context_.schema(), field1.definition->type);
  if (field2.definition != nullptr)
    type2 = TypeView::FromRef(context_.schema(), field2.definition->type);
  if (type1.known() && type2.known() && DoTypesConflict(type1, type2)) {
    conflict.reason = "they return conflicting types \"" + type1.ToString() + "\" and \"" +
                      type2.ToString() + "\"";
    return true;
  }

  if (node1.selection_set.empty() || node2.selection_set.empty()) return false;
  if (++nesting_ > kMaxNesting) {
    context_.AbortValidation();
    return false;
  }
  std::vector<FieldConflict> subfields = ConflictsBetweenSubSelections(
      mutually_exclusive, type1.named(), node1.selection_set, type2.named(), node2.selection_set);
  --nesting_;
  if (subfields.empty() || context_.aborted()) return false;
  for (const FieldConflict& subfield : subfields) {
    conflict.fields1.insert(conflict.fields1.end(), subfield.fields1.begin(),
                            subfield.fields1.end());
    conflict.fields2.insert(conflict.fields2.end(), subfield.fields2.begin(),
                            subfield.fields2.end());
  }
  conflict.subfields = std::move(subfields);
  return true;
}

}  // namespace junction::graphql::validation
