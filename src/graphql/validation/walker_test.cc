// Tests of the document walk (walker.h), TypeInfo (type_info.h) and RuleSet (rule_set.h): nodes
// are visited in graphql-js's order, the types in scope are graphql-js TypeInfo's, and a rule
// skipping a subtree skips it for itself only.

#include "graphql/validation/walker.h"

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "graphql/printer.h"
#include "graphql/validation/rule_set.h"
#include "graphql/validation/test_harness.h"

namespace junction::graphql::validation {
namespace {

using testing::HarnessSchema;
using Events = std::vector<std::string>;

// Records what it enters, with the types TypeInfo gives there.
class Recorder : public Visitor {
 public:
  explicit Recorder(const TypeInfo& type_info) : type_info_(type_info) {}

  Events events;

  bool EnterOperation(const OperationDefinition& n) override {
    events.push_back("operation " + n.name + " type=" + type_info_.type().ToString());
    return true;
  }
  bool EnterVariableDefinition(const VariableDefinition& n) override {
    events.push_back("variable $" + n.name + " input=" + type_info_.input_type().ToString());
    return true;
  }
  bool EnterSelectionSet(const SelectionSet&, bool in_inline_fragment) override {
    const TypeDef* parent = type_info_.parent_type();
    events.push_back(std::string("selections parent=") + (parent ? parent->name : "-") +
                     (in_inline_fragment ? " (inline)" : ""));
    return true;
  }
  bool EnterField(const Field& n) override {
    events.push_back("field " + n.name + " type=" + type_info_.type().ToString());
    return true;
  }
  bool EnterArgument(const Argument& n) override {
    events.push_back("argument " + n.name + " input=" + type_info_.input_type().ToString() +
                     (type_info_.has_default_value() ? " (default)" : ""));
    return true;
  }
  bool EnterDirective(const Directive& n, std::string_view location) override {
    events.push_back("directive @" + n.name + " on " + std::string(location));
    return true;
  }
  bool EnterValue(const Value& n) override {
    events.push_back("value " + Print(n) + " input=" + type_info_.input_type().ToString() +
                     " parent=" + type_info_.parent_input_type().ToString());
    return true;
  }
  bool EnterInlineFragment(const InlineFragment& n) override {
    events.push_back("inline " + n.type_condition + " type=" + type_info_.type().ToString());
    return true;
  }
  bool EnterFragmentSpread(const FragmentSpread& n) override {
    events.push_back("spread " + n.name);
    return true;
  }
  bool EnterNamedType(const std::string& name, Location, bool in_type_system) override {
    events.push_back("named " + name + (in_type_system ? " (sdl)" : ""));
    return true;
  }

 private:
  const TypeInfo& type_info_;
};

Events Walked(std::string_view text) {
  std::optional<Document> document = testing::ParseForTest(text);
  if (!document) return {};
  TypeInfo type_info(HarnessSchema());
  Recorder recorder(type_info);
  Walk(*document, type_info, recorder);
  return recorder.events;
}

TEST(WalkerTest, VisitsInGraphqlJsOrderWithTypeInfo) {
  EXPECT_EQ(Walked(R"(query Q($v: [Int] = [1] @onVariableDefinition) @onQuery {
    complicatedArgs { multipleOpts(opt1: $v) complexArgField(complexArg: {intField: 2}) }
    pet { ... on Dog @skip(if: false) { name } ...F }
  })"),
            (Events{
                "operation Q type=QueryRoot",
                "variable $v input=[Int]",
                "named Int",
                "value [1] input=Int parent=[Int]",
                "value 1 input=Int parent=[Int]",
                "directive @onVariableDefinition on VARIABLE_DEFINITION",
                "directive @onQuery on QUERY",
                "selections parent=QueryRoot",
                "field complicatedArgs type=ComplicatedArgs",
                "selections parent=ComplicatedArgs",
                "field multipleOpts type=String",
                "argument opt1 input=Int (default)",
                "value $v input=Int parent=",
                "field complexArgField type=String",
                "argument complexArg input=ComplexInput",
                "value {intField: 2} input=ComplexInput parent=",
                "value 2 input=Int parent=ComplexInput",
                "field pet type=Pet",
                "selections parent=Pet",
                "inline Dog type=Dog",
                "named Dog",
                "directive @skip on INLINE_FRAGMENT",
                "argument if input=Boolean!",
                "value false input=Boolean! parent=",
                "selections parent=Dog (inline)",
                "field name type=String",
                "spread F",
            }));
}

TEST(WalkerTest, UnknownTypesAreUnknownNotErrors) {
  EXPECT_EQ(Walked("{ nope { x(a: 1) } dog { ... on Nope { name } } }"),
            (Events{
                "operation  type=QueryRoot",
                "selections parent=QueryRoot",
                "field nope type=",
                "selections parent=-",
                "field x type=",
                "argument a input=",
                "value 1 input= parent=",
                "field dog type=Dog",
                "selections parent=Dog",
                "inline Nope type=",
                "named Nope",
                "selections parent=- (inline)",
                "field name type=",
            }));
}

TEST(WalkerTest, TypeSystemDefinitionsAreWalked) {
  EXPECT_EQ(Walked("type T implements Being @onField { f(a: Int = 1 @deprecated): [T!] }"),
            (Events{
                "named Being (sdl)",
                "directive @onField on OBJECT",
                "named Int (sdl)",
                "value 1 input= parent=",
                "directive @deprecated on ARGUMENT_DEFINITION",
                "named T (sdl)",
            }));
}

// A rule that skips every field's subtree, beside one that records fields.
class SkipsFields : public Rule {
 public:
  SkipsFields(ValidationContext& context, Events& events) : Rule(context), events_(events) {}
  bool EnterField(const Field& n) override {
    events_.push_back("skipper enters " + n.name);
    return false;
  }
  void LeaveField(const Field& n) override { events_.push_back("skipper leaves " + n.name); }

 private:
  Events& events_;
};

class SeesFields : public Rule {
 public:
  SeesFields(ValidationContext& context, Events& events) : Rule(context), events_(events) {}
  bool EnterField(const Field& n) override {
    events_.push_back("seer enters " + n.name);
    return true;
  }
  void LeaveField(const Field& n) override { events_.push_back("seer leaves " + n.name); }

 private:
  Events& events_;
};

TEST(RuleSetTest, SkippingIsPerRule) {
  std::optional<Document> document = testing::ParseForTest("{ dog { name } cat { name } }");
  ASSERT_TRUE(document);
  ValidationContext context(HarnessSchema(), *document, 100);
  Events events;
  std::vector<std::unique_ptr<Rule>> rules;
  rules.push_back(std::make_unique<SkipsFields>(context, events));
  rules.push_back(std::make_unique<SeesFields>(context, events));
  RuleSet rule_set(context, std::move(rules));
  Walk(*document, context.type_info(), rule_set);
  EXPECT_EQ(events, (Events{
                        "skipper enters dog",
                        "seer enters dog",
                        "seer enters name",
                        "seer leaves name",
                        "seer leaves dog",
                        "skipper enters cat",
                        "seer enters cat",
                        "seer enters name",
                        "seer leaves name",
                        "seer leaves cat",
                    }));
}

}  // namespace
}  // namespace junction::graphql::validation
