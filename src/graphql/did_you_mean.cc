#include "graphql/did_you_mean.h"

#include <algorithm>
#include <cstdint>
#include <optional>
#include <utility>

namespace junction::graphql {
namespace {

// graphql-js measures strings in UTF-16 code units; decode UTF-8 to match its distances.
std::u16string ToUtf16LowerCase(std::string_view text) {
  std::u16string out;
  for (size_t i = 0; i < text.size();) {
    auto byte = static_cast<unsigned char>(text[i]);
    uint32_t code = byte;
    size_t length = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : byte >= 0xC0 ? 2 : 1;
    if (length > 1) code = byte & (0x7F >> length);
    if (i + length > text.size()) {
      length = 1;  // truncated sequence: take the byte as it is
      code = byte;
    }
    for (size_t k = 1; k < length; ++k) {
      code = (code << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3F);
    }
    i += length;
    if (code >= 'A' && code <= 'Z') code += 'a' - 'A';
    if (code >= 0x10000) {
      code -= 0x10000;
      out.push_back(static_cast<char16_t>(0xD800 + (code >> 10)));
      out.push_back(static_cast<char16_t>(0xDC00 + (code & 0x3FF)));
    } else {
      out.push_back(static_cast<char16_t>(code));
    }
  }
  return out;
}

// Damerau–Levenshtein distance (optimal string alignment) with an early exit past `threshold`,
// as graphql-js LexicalDistance.measure.
std::optional<size_t> LexicalDistance(std::string_view input, const std::u16string& input_lower,
                                      std::string_view option, size_t threshold) {
  if (input == option) return 0;
  std::u16string a = ToUtf16LowerCase(option);
  if (a == input_lower) return 1;
  std::u16string b = input_lower;
  if (a.size() < b.size()) std::swap(a, b);
  if (a.size() - b.size() > threshold) return std::nullopt;

  std::vector<std::vector<size_t>> rows(3, std::vector<size_t>(b.size() + 1, 0));
  for (size_t j = 0; j <= b.size(); ++j) rows[0][j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    std::vector<size_t>& up = rows[(i - 1) % 3];
    std::vector<size_t>& current = rows[i % 3];
    size_t smallest = current[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      size_t cell = std::min({up[j] + 1, current[j - 1] + 1, up[j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        cell = std::min(cell, rows[(i - 2) % 3][j - 2] + 1);
      }
      smallest = std::min(smallest, cell);
      current[j] = cell;
    }
    if (smallest > threshold) return std::nullopt;
  }
  size_t distance = rows[a.size() % 3][b.size()];
  if (distance > threshold) return std::nullopt;
  return distance;
}

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

}  // namespace

int NaturalCompare(std::string_view a, std::string_view b) {
  size_t ai = 0, bi = 0;
  while (ai < a.size() && bi < b.size()) {
    if (IsDigit(a[ai]) && IsDigit(b[bi])) {
      uint64_t an = 0, bn = 0;
      do {
        an = an * 10 + static_cast<uint64_t>(a[ai++] - '0');
      } while (ai < a.size() && IsDigit(a[ai]) && an > 0);
      do {
        bn = bn * 10 + static_cast<uint64_t>(b[bi++] - '0');
      } while (bi < b.size() && IsDigit(b[bi]) && bn > 0);
      if (an != bn) return an < bn ? -1 : 1;
    } else {
      auto ac = static_cast<unsigned char>(a[ai]), bc = static_cast<unsigned char>(b[bi]);
      if (ac != bc) return ac < bc ? -1 : 1;
      ++ai;
      ++bi;
    }
  }
  if (a.size() == b.size()) return 0;
  return a.size() < b.size() ? -1 : 1;
}

std::vector<std::string> SuggestionList(std::string_view input,
                                        const std::vector<std::string>& options) {
  std::u16string input_lower = ToUtf16LowerCase(input);
  size_t threshold = input_lower.size() * 4 / 10 + 1;  // floor(length * 0.4) + 1
  std::vector<std::pair<size_t, std::string>> found;
  for (const std::string& option : options) {
    if (std::any_of(found.begin(), found.end(),
                    [&](const auto& f) { return f.second == option; })) {
      continue;  // graphql-js keys options by name
    }
    if (auto distance = LexicalDistance(input, input_lower, option, threshold)) {
      found.emplace_back(*distance, option);
    }
  }
  std::stable_sort(found.begin(), found.end(), [](const auto& x, const auto& y) {
    if (x.first != y.first) return x.first < y.first;
    return NaturalCompare(x.second, y.second) < 0;
  });
  std::vector<std::string> result;
  result.reserve(found.size());
  for (auto& [distance, option] : found) result.push_back(std::move(option));
  return result;
}

std::string DidYouMean(const std::vector<std::string>& suggestions, std::string_view sub_message) {
  constexpr size_t kMaxSuggestions = 5;
  if (suggestions.empty()) return "";
  std::string message = " Did you mean ";
  if (!sub_message.empty()) {
    message += sub_message;
    message += ' ';
  }
  auto quoted = [](const std::string& s) { return "\"" + s + "\""; };
  if (suggestions.size() == 1) return message + quoted(suggestions[0]) + "?";
  if (suggestions.size() == 2) {
    return message + quoted(suggestions[0]) + " or " + quoted(suggestions[1]) + "?";
  }
  size_t count = std::min(kMaxSuggestions, suggestions.size());
  for (size_t i = 0; i + 1 < count; ++i) message += quoted(suggestions[i]) + ", ";
  return message + "or " + quoted(suggestions[count - 1]) + "?";
}

}  // namespace junction::graphql
