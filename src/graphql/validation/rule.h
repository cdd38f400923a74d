#pragma once
// Rule: one validation rule of spec §5 (graphql-js's ValidationRule). A rule is a Visitor over
// the document walk: it overrides the Enter/Leave callbacks of the nodes it checks, reads types
// and fragments from its ValidationContext, and reports errors there. Returning false from an
// Enter skips that node's subtree for this rule only (other rules still see it).
//
// Every rule lives in its own file under validation/ and is made by a Make…Rule function declared
// in validation/rules.h; validation.cc runs them all in one walk (validation/rule_set.h).

#include "graphql/validation/validation_context.h"
#include "graphql/validation/walker.h"

namespace junction::graphql::validation {

class Rule : public Visitor {
 public:
  explicit Rule(ValidationContext& context) : context_(context) {}

 protected:
  ValidationContext& context_;
};

}  // namespace junction::graphql::validation
