#include "graphql/limits.h"

#include <algorithm>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace junction::graphql {
namespace {

// What one selection set (an operation's or a fragment's) contributes, fragments not followed:
// the depth of its deepest field, its aliased fields, and the fragments it spreads at which
// depth. Depth counts fields: `{ a { b } }` has depth 2.
struct SelectionSummary {
  struct Spread {
    std::string_view fragment;
    size_t depth;  // fields above the spread
  };
  size_t depth = 0;
  size_t aliases = 0;
  std::vector<Spread> spreads;
};

// Walks with an explicit stack, so a deep document cannot exhaust the call stack.
SelectionSummary Summarize(const SelectionSet& root) {
  SelectionSummary summary;
  std::vector<std::pair<const SelectionSet*, size_t>> pending{{&root, 0}};
  while (!pending.empty()) {
    const auto [selection_set, depth] = pending.back();
    pending.pop_back();
    for (const Selection& selection : *selection_set) {
      if (const auto* field = std::get_if<Field>(&selection.node)) {
        summary.depth = std::max(summary.depth, depth + 1);
        if (!field->alias.empty()) ++summary.aliases;
        if (!field->selection_set.empty()) pending.emplace_back(&field->selection_set, depth + 1);
      } else if (const auto* fragment = std::get_if<InlineFragment>(&selection.node)) {
        pending.emplace_back(&fragment->selection_set, depth);
      } else {
        summary.spreads.push_back({std::get<FragmentSpread>(selection.node).name, depth});
      }
    }
  }
  return summary;
}

// The fragments of a document, each summarized once, with their depths (fragments followed)
// computed on demand. A spread of an unknown fragment, or one that closes a cycle, adds nothing:
// those documents are invalid and validation reports them.
class Fragments {
 public:
  explicit Fragments(const Document& document) {
    for (const Definition& definition : document.definitions) {
      if (const auto* fragment = std::get_if<FragmentDefinition>(&definition)) {
        if (index_.emplace(fragment->name, summaries_.size()).second) {
          summaries_.push_back(Summarize(fragment->selection_set));
        }
      }
    }
    depth_.assign(summaries_.size(), 0);
    state_.assign(summaries_.size(), State::kNew);
  }

  // Depth of a selection set with its spreads followed.
  size_t Depth(const SelectionSummary& summary) {
    size_t depth = summary.depth;
    for (const SelectionSummary::Spread& spread : summary.spreads) {
      const auto found = index_.find(spread.fragment);
      if (found != index_.end())
        depth = std::max(depth, spread.depth + FragmentDepth(found->second));
    }
    return depth;
  }

  // Aliased fields of a selection set plus those of every fragment it reaches, each once.
  size_t Aliases(const SelectionSummary& summary) {
    size_t aliases = summary.aliases;
    std::vector<bool> reached(summaries_.size(), false);
    std::vector<const SelectionSummary*> pending{&summary};
    while (!pending.empty()) {
      const SelectionSummary* current = pending.back();
      pending.pop_back();
      for (const SelectionSummary::Spread& spread : current->spreads) {
        const auto found = index_.find(spread.fragment);
        if (found == index_.end() || reached[found->second]) continue;
        reached[found->second] = true;
        aliases += summaries_[found->second].aliases;
        pending.push_back(&summaries_[found->second]);
      }
    }
    return aliases;
  }

 private:
  enum class State { kNew, kInProgress, kDone };

  // Post-order depth-first search over spreads, with an explicit stack.
  size_t FragmentDepth(size_t root) {
    if (state_[root] == State::kDone) return depth_[root];
    struct Frame {
      size_t fragment;
      size_t next_spread;
    };
    std::vector<Frame> stack{{root, 0}};
    state_[root] = State::kInProgress;
    depth_[root] = summaries_[root].depth;
    while (!stack.empty()) {
      const Frame frame = stack.back();
      const std::vector<SelectionSummary::Spread>& spreads = summaries_[frame.fragment].spreads;
      if (frame.next_spread == spreads.size()) {
        state_[frame.fragment] = State::kDone;
        stack.pop_back();
        continue;
      }
      const SelectionSummary::Spread& spread = spreads[frame.next_spread];
      const auto found = index_.find(spread.fragment);
      if (found != index_.end() && state_[found->second] == State::kNew) {
        // Descend; this spread is looked at again once the target is done.
        state_[found->second] = State::kInProgress;
        depth_[found->second] = summaries_[found->second].depth;
        stack.push_back({found->second, 0});
        continue;
      }
      if (found != index_.end() && state_[found->second] == State::kDone) {
        depth_[frame.fragment] =
            std::max(depth_[frame.fragment], spread.depth + depth_[found->second]);
      }
      ++stack.back().next_spread;
    }
    return depth_[root];
  }

  std::unordered_map<std::string_view, size_t> index_;
  std::vector<SelectionSummary> summaries_;
  std::vector<size_t> depth_;
  std::vector<State> state_;
};

std::string Describe(const OperationDefinition& operation) {
  std::string description = "The " + std::string(ToString(operation.operation));
  if (!operation.name.empty()) description += " \"" + operation.name + "\"";
  return description;
}

Error LimitError(const OperationDefinition& operation, std::string message) {
  Error error(ErrorCode::kValidationFailed, std::move(message), "$");
  error.locations.push_back(operation.location);
  return error;
}

}  // namespace

Status CheckLimits(const Document& document, const QueryLimits& limits) {
  Fragments fragments(document);
  for (const Definition& definition : document.definitions) {
    const auto* operation = std::get_if<OperationDefinition>(&definition);
    if (operation == nullptr) continue;
    const SelectionSummary summary = Summarize(operation->selection_set);
    const size_t depth = fragments.Depth(summary);
    if (depth > limits.max_depth) {
      return LimitError(*operation, Describe(*operation) + " is nested " + std::to_string(depth) +
                                        " levels deep; the limit is " +
                                        std::to_string(limits.max_depth) + ".");
    }
    const size_t aliases = fragments.Aliases(summary);
    if (aliases > limits.max_aliases) {
      return LimitError(*operation, Describe(*operation) + " has " + std::to_string(aliases) +
                                        " aliased fields; the limit is " +
                                        std::to_string(limits.max_aliases) + ".");
    }
  }
  return {};
}

}  // namespace junction::graphql
