#pragma once
// JsSort: sorts as JavaScript's Array.prototype.sort does in V8 (TimSort), so that a comparator
// that is not a strict weak order (graphql-js orders suggested types by a partial "subtype of"
// relation before their names) yields graphql-js's order. Arrays shorter than 64 elements, all a
// message ever lists, follow V8 step for step: the leading run (reversed when strictly
// descending), then binary insertion of the rest. Longer ones use a stable merge sort, which
// agrees with V8 whenever the comparator is consistent.
//
// `compare(a, b)` returns a negative number when a sorts first, as in JavaScript.

#include <algorithm>
#include <cstddef>
#include <utility>
#include <vector>

namespace junction::graphql::validation {

template <typename T, typename Compare>
void JsSort(std::vector<T>& items, Compare compare) {
  const size_t n = items.size();
  if (n < 2) return;
  if (n >= 64) {
    std::stable_sort(items.begin(), items.end(),
                     [&](const T& a, const T& b) { return compare(a, b) < 0; });
    return;
  }
  // The leading run: non-descending, or strictly descending (then reversed).
  size_t run = 2;
  bool descending = compare(items[1], items[0]) < 0;
  for (size_t i = 2; i < n; ++i) {
    int order = compare(items[i], items[i - 1]);
    if (descending ? order >= 0 : order < 0) break;
    ++run;
  }
  if (descending) std::reverse(items.begin(), items.begin() + static_cast<std::ptrdiff_t>(run));
  // Binary insertion of the remaining elements.
  for (size_t i = run; i < n; ++i) {
    T pivot = std::move(items[i]);
    size_t left = 0, right = i;
    while (left < right) {
      size_t middle = left + ((right - left) >> 1);
      if (compare(pivot, items[middle]) < 0) {
        right = middle;
      } else {
        left = middle + 1;
      }
    }
    for (size_t k = i; k > left; --k) items[k] = std::move(items[k - 1]);
    items[left] = std::move(pivot);
  }
}

}  // namespace junction::graphql::validation
