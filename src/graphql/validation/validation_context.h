#pragma once
// ValidationContext: what every validation rule reads and where it reports, as graphql-js's
// ValidationContext: the schema and document, the TypeInfo of the walk in progress, fragment
// lookups, the variables each operation uses (through its fragments too), and the error list
// with its cap. One per Validate call; rules hold a reference to it.
//
// The error list is capped as graphql-js caps it: the error after the last allowed one becomes
// "Too many validation errors, error limit reached. Validation aborted." and nothing more is
// reported. A rule that runs out of its work budget (OverlappingFieldsCanBeMerged on hostile
// documents) aborts the validation with "Validation aborted." instead of going on. After either,
// aborted() is true; rules stop their work and the walk ends.

#include <cstddef>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "common/error.h"
#include "graphql/ast.h"
#include "graphql/schema.h"
#include "graphql/validation/type_info.h"
#include "graphql/validation/type_view.h"

namespace junction::graphql::validation {

// A variable used in a value, with the type expected where it is used.
//   query ($a: Int) { f(x: [$a]) }   with f(x: [Int] = [1])
//   => {node $a, type Int, has_default_value false}
struct VariableUsage {
  const Value* node = nullptr;     // a kVariable value
  TypeView type;                   // unknown when the position has no known input type
  bool has_default_value = false;  // the argument or input field there has a default value
};

class ValidationContext {
 public:
  // REQUIRES: `schema` and `document` outlive the context.
  ValidationContext(const Schema& schema, const Document& document, size_t max_errors);

  const Schema& schema() const { return schema_; }
  const Document& document() const { return document_; }
  TypeInfo& type_info() { return type_info_; }
  const TypeInfo& type_info() const { return type_info_; }

  // Reports a validation error at `locations`. Past the cap, appends graphql-js's "Too many
  // validation errors" error and aborts; after an abort, does nothing.
  void ReportError(std::string message, std::vector<Location> locations);
  // Appends "Validation aborted." and aborts (a rule's work budget ran out).
  void AbortValidation();
  bool aborted() const { return aborted_; }
  std::vector<Error> TakeErrors() { return std::move(errors_); }

  // The fragment definition named `name` (the last one, when several have it), or null.
  const FragmentDefinition* GetFragment(std::string_view name) const;
  // The fragment spreads in `selection_set` and its nested fields and inline fragments, in
  // graphql-js's order (depth-first, last nested selection set first).
  const std::vector<const FragmentSpread*>& GetFragmentSpreads(const SelectionSet& selection_set);
  // The fragments the operation spreads, directly or through other fragments, each once, in
  // graphql-js's order (those spread directly, then depth-first from the last one found).
  const std::vector<const FragmentDefinition*>& GetRecursivelyReferencedFragments(
      const OperationDefinition& operation);
  // The variables used in the operation (its directives and selections, not its variable
  // definitions), then those used in the fragments it references, in document order.
  const std::vector<VariableUsage>& GetRecursiveVariableUsages(
      const OperationDefinition& operation);

 private:
  // Variables used directly in one operation or fragment.
  template <typename Definition>
  const std::vector<VariableUsage>& GetVariableUsages(const Definition& definition);

  const Schema& schema_;
  const Document& document_;
  size_t max_errors_;
  TypeInfo type_info_;
  std::vector<Error> errors_;
  bool aborted_ = false;

  std::unordered_map<std::string_view, const FragmentDefinition*> fragments_;
  std::unordered_map<const SelectionSet*, std::vector<const FragmentSpread*>> fragment_spreads_;
  std::unordered_map<const OperationDefinition*, std::vector<const FragmentDefinition*>>
      referenced_fragments_;
  std::unordered_map<const void*, std::vector<VariableUsage>> variable_usages_;
  std::unordered_map<const void*, std::vector<VariableUsage>> recursive_variable_usages_;
};

}  // namespace junction::graphql::validation
