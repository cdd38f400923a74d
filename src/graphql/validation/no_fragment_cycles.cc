// Fragment spreads must not form cycles.
// https://spec.graphql.org/October2021/#sec-Fragment-spreads-must-not-form-cycles
//
//   fragment nameFragment on Dog { name ...barkVolumeFragment }
//   fragment barkVolumeFragment on Dog { barkVolume ...nameFragment }
//   => Cannot spread fragment "nameFragment" within itself via "barkVolumeFragment".
//      (at both spreads)
//
// A depth-first search over the spreads from each fragment, reporting each cycle once (from the
// first fragment of the document on it). Iterative, as spread chains can be long.

#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "graphql/validation/rules.h"

namespace junction::graphql::validation {
namespace {

class NoFragmentCyclesRule : public Rule {
 public:
  using Rule::Rule;

  bool EnterOperation(const OperationDefinition&) override { return false; }

  bool EnterFragmentDefinition(const FragmentDefinition& fragment) override {
    DetectCycles(fragment);
    return false;
  }

 private:
  struct Frame {
    std::string_view name;
    const std::vector<const FragmentSpread*>* spreads;
    size_t next = 0;
  };

  // Opens a frame for `fragment` unless it was searched before or spreads nothing.
  void Open(const FragmentDefinition& fragment) {
    if (!visited_.insert(fragment.name).second) return;
    const std::vector<const FragmentSpread*>& spreads =
        context_.GetFragmentSpreads(fragment.selection_set);
    if (spreads.empty()) return;
    index_by_name_[fragment.name] = path_.size();
    stack_.push_back(Frame{fragment.name, &spreads});
  }

  void DetectCycles(const FragmentDefinition& root) {
    Open(root);
    while (!stack_.empty() && !context_.aborted()) {
      Frame& top = stack_.back();
      if (top.next == top.spreads->size()) {
        index_by_name_.erase(top.name);
        stack_.pop_back();
        if (!stack_.empty()) path_.pop_back();  // the spread that led into the closed frame
        continue;
      }
      const FragmentSpread* spread = (*top.spreads)[top.next++];
      path_.push_back(spread);
      auto cycle = index_by_name_.find(spread->name);
      if (cycle != index_by_name_.end()) {
        ReportCycle(*spread, cycle->second);
        path_.pop_back();
        continue;
      }
      size_t depth = stack_.size();
      if (const FragmentDefinition* target = context_.GetFragment(spread->name)) Open(*target);
      if (stack_.size() == depth) path_.pop_back();  // nothing opened: the spread is done
    }
  }

  void ReportCycle(const FragmentSpread& spread, size_t cycle_start) {
    std::string via;
    std::vector<Location> locations;
    for (size_t i = cycle_start; i < path_.size(); ++i) {
      locations.push_back(path_[i]->location);
      if (i + 1 < path_.size()) {
        if (!via.empty()) via += ", ";
        via += "\"" + path_[i]->name + "\"";
      }
    }
    context_.ReportError("Cannot spread fragment \"" + spread.name + "\" within itself" +
                             (via.empty() ? "." : " via " + via + "."),
                         std::move(locations));
  }

  std::unordered_set<std::string_view> visited_;
  std::unordered_map<std::string_view, size_t> index_by_name_;  // fragments on the current path
  std::vector<const FragmentSpread*> path_;
  std::vector<Frame> stack_;
};

}  // namespace

std::unique_ptr<Rule> MakeNoFragmentCyclesRule(ValidationContext& context) {
  return std::make_unique<NoFragmentCyclesRule>(context);
}

}  // namespace junction::graphql::validation
