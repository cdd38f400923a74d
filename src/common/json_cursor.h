#pragma once
// JsonCursor: reads JSON text forward without building a DOM (DESIGN.md §5, "memory follows the
// response"): a value is skipped and handed back as its text, so a caller copies or splices the
// bytes it does not look into. The remote-join executor reads the left-hand JSON a database built
// with it, twice (once to collect the join keys, once to splice the joined values in).
//
//   JsonCursor in(R"({"id": 1, "tags": ["a"]})");
//   in.BeginObject();                       // true
//   in.NextKey(&first)   → "id"             (first: true)
//   in.Value()           → "1"
//   in.NextKey(&first)   → "tags"
//   in.Value()           → R"(["a"])"
//   in.NextKey(&first)   → nullopt: the object has ended
//
// Keys come back as they are written between the quotes (escapes not decoded): the engine
// compares them with GraphQL names, which have none. Malformed text is an error, never a crash.

#include <cstddef>
#include <optional>
#include <string_view>

#include "common/result.h"

namespace junction {

class JsonCursor {
 public:
  explicit JsonCursor(std::string_view text) : text_(text) {}

  // The first byte of the next value ('{', '[', '"', 'n', 't', 'f', '-' or a digit), or '\0' at
  // the end of the text.
  char Peek();

  // Consumes `{` / `[` when the next value starts with it.
  bool BeginObject() { return Consume('{'); }
  bool BeginArray() { return Consume('['); }

  // The next key of the object begun, and the `:` after it; nullopt once its `}` is consumed.
  // `first` tells whether a member was read before (it starts true; the cursor keeps it).
  Result<std::optional<std::string_view>> NextKey(bool* first);
  // Whether the array begun has another element (consumes the `,` or the `]`).
  Result<bool> NextElement(bool* first);

  // Skips the next value and answers its text.
  Result<std::string_view> Value();

  // Whether only whitespace is left.
  bool AtEnd();

 private:
  bool Consume(char c);
  void SkipSpace();
  Status SkipString();
  Error Malformed() const;

  std::string_view text_;
  size_t at_ = 0;
};

}  // namespace junction
