#pragma once
// Test-only helpers for the validation tests (src/graphql/validation/*_test.cc); not part of the
// library. Holds the schemas the tests validate against and runs one rule, or all of them, over
// a document, giving each error as one comparable line:
//
//   RuleErrors(MakeScalarLeafsRule, "{ dog }")
//   => {"Field \"dog\" of type \"Dog\" must have a selection of subfields. Did you mean
//        \"dog { ... }\"? @1:3"}
//
// kHarnessSdl is graphql-js 16's validation test schema (validation/__tests__/harness.ts) with a
// few additions; it is the same schema as tests/oracle/schemas/harness.graphql, which the oracle
// validates the documents of tests/oracle/validation/ against (test_harness_test.cc checks that
// the two agree). kSpecExampleSdl is the schema the examples of spec §5 assume.

#include <gtest/gtest.h>

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/error.h"
#include "graphql/build_schema.h"
#include "graphql/parser.h"
#include "graphql/validation.h"
#include "graphql/validation/rule_set.h"
#include "graphql/validation/rules.h"
#include "graphql/validation/validation_context.h"
#include "graphql/validation/walker.h"

namespace junction::graphql::validation::testing {

inline constexpr std::string_view kHarnessSdl = R"graphql(
interface Being {
  name(surname: Boolean): String
}

interface Mammal {
  mother: Mammal
  father: Mammal
}

interface Pet implements Being {
  name(surname: Boolean): String
}

interface Canine implements Mammal & Being {
  name(surname: Boolean): String
  mother: Canine
  father: Canine
}

enum DogCommand {
  SIT
  HEEL
  DOWN
}

type Dog implements Being & Pet & Mammal & Canine {
  name(surname: Boolean): String
  nickname: String
  barkVolume: Int
  barks: Boolean
  doesKnowCommand(dogCommand: DogCommand): Boolean
  isHouseTrained(atOtherHomes: Boolean = true): Boolean
  isAtLocation(x: Int, y: Int): Boolean
  mother: Dog
  father: Dog
}

type Cat implements Being & Pet {
  name(surname: Boolean): String
  nickname: String
  meows: Boolean
  meowsVolume: Int
  furColor: FurColor
}

union CatOrDog = Cat | Dog

interface Intelligent {
  iq: Int
}

type Human implements Being & Intelligent {
  name(surname: Boolean): String
  pets: [Pet]
  relatives: [Human]
  iq: Int
}

type Alien implements Being & Intelligent {
  name(surname: Boolean): String
  numEyes: Int
  iq: Int
}

union DogOrHuman = Dog | Human

union HumanOrAlien = Human | Alien

enum FurColor {
  BROWN
  BLACK
  TAN
  SPOTTED
  NO_FUR
  UNKNOWN
}

input ComplexInput {
  requiredField: Boolean!
  nonNullField: Boolean! = false
  intField: Int
  stringField: String
  booleanField: Boolean
  stringListField: [String]
}

scalar Any

type ComplicatedArgs {
  intArgField(intArg: Int): String
  nonNullIntArgField(nonNullIntArg: Int!): String
  stringArgField(stringArg: String): String
  booleanArgField(booleanArg: Boolean): String
  enumArgField(enumArg: FurColor): String
  floatArgField(floatArg: Float): String
  idArgField(idArg: ID): String
  stringListArgField(stringListArg: [String]): String
  stringListNonNullArgField(stringListNonNullArg: [String!]): String
  complexArgField(complexArg: ComplexInput): String
  multipleReqs(req1: Int!, req2: Int!): String
  nonNullFieldWithDefault(arg: Int! = 0): String
  multipleOpts(opt1: Int = 0, opt2: Int = 0): String
  multipleOptAndReq(req1: Int!, req2: Int!, opt1: Int = 0, opt2: Int = 0): String
  anyArgField(anyArg: Any): String
}

type QueryRoot {
  human(id: ID): Human
  alien: Alien
  dog: Dog
  cat: Cat
  pet: Pet
  catOrDog: CatOrDog
  dogOrHuman: DogOrHuman
  humanOrAlien: HumanOrAlien
  complicatedArgs: ComplicatedArgs
}

type Message {
  body: String
  sender: String
}

type SubscriptionRoot {
  importantEmails: [String]
  notImportantEmails: [String]
  moreImportantEmails: [String]
  spamEmails: [String]
  deletedEmails: [String]
  newMessage: Message
}

schema {
  query: QueryRoot
  subscription: SubscriptionRoot
}

directive @onQuery on QUERY
directive @onMutation on MUTATION
directive @onSubscription on SUBSCRIPTION
directive @onField on FIELD
directive @onFragmentDefinition on FRAGMENT_DEFINITION
directive @onFragmentSpread on FRAGMENT_SPREAD
directive @onInlineFragment on INLINE_FRAGMENT
directive @onVariableDefinition on VARIABLE_DEFINITION
)graphql";

// Spec §5's example schema (October 2021), with the additions its examples make along the way
// (Query.arguments, findDog, booleanList; Arguments; ComplexInput; a subscription root).
inline constexpr std::string_view kSpecExampleSdl = R"graphql(
type Query {
  dog: Dog
  human: Human
  pet: Pet
  catOrDog: CatOrDog
  arguments: Arguments
  findDog(complex: ComplexInput): Dog
  booleanList(booleanListArg: [Boolean!]): Boolean
}

enum DogCommand {
  SIT
  DOWN
  HEEL
}

type Dog implements Pet {
  name: String!
  nickname: String
  barkVolume: Int
  doesKnowCommand(dogCommand: DogCommand!): Boolean!
  isHouseTrained(atOtherHomes: Boolean): Boolean!
  owner: Human
}

interface Sentient {
  name: String!
}

interface Pet {
  name: String!
}

type Alien implements Sentient {
  name: String!
  homePlanet: String
}

type Human implements Sentient {
  name: String!
  pets: [Pet!]
}

enum CatCommand {
  JUMP
}

type Cat implements Pet {
  name: String!
  nickname: String
  doesKnowCommand(catCommand: CatCommand!): Boolean!
  meowVolume: Int
}

union CatOrDog = Cat | Dog
union DogOrHuman = Dog | Human
union HumanOrAlien = Human | Alien

type Arguments {
  multipleRequirements(x: Int!, y: Int!): Int!
  booleanArgField(booleanArg: Boolean): Boolean
  floatArgField(floatArg: Float): Float
  intArgField(intArg: Int): Int
  nonNullBooleanArgField(nonNullBooleanArg: Boolean!): Boolean!
  booleanListArgField(booleanListArg: [Boolean]!): [Boolean]
  optionalNonNullBooleanArgField(optionalBooleanArg: Boolean! = false): Boolean!
  nonNullBooleanListField(nonNullBooleanListArg: [Boolean]!): Boolean
}

input ComplexInput {
  name: String
  owner: String
}

type Message {
  body: String
  sender: String
}

type Subscription {
  newMessage: Message
  disallowedSecondRootField: Boolean
}
)graphql";

inline std::shared_ptr<const Schema> MakeSchema(std::string_view sdl) {
  Result<Document> document = Parse(sdl);
  if (!document) {
    ADD_FAILURE() << "test schema does not parse: " << document.error().message;
    return nullptr;
  }
  Result<std::shared_ptr<const Schema>> schema = BuildSchema(*document);
  if (!schema) {
    ADD_FAILURE() << "test schema does not build: " << schema.error().message;
    return nullptr;
  }
  return *schema;
}

inline const Schema& HarnessSchema() {
  static const std::shared_ptr<const Schema> schema = MakeSchema(kHarnessSdl);
  return *schema;
}

inline const Schema& SpecExampleSchema() {
  static const std::shared_ptr<const Schema> schema = MakeSchema(kSpecExampleSdl);
  return *schema;
}

// "message @line:column" (several locations separated by ","), one line per error.
inline std::vector<std::string> Describe(const std::vector<Error>& errors) {
  std::vector<std::string> lines;
  for (const Error& error : errors) {
    std::string line = error.message;
    for (size_t i = 0; i < error.locations.size(); ++i) {
      line += (i == 0 ? " @" : ",") + std::to_string(error.locations[i].line) + ":" +
              std::to_string(error.locations[i].column);
    }
    lines.push_back(std::move(line));
  }
  return lines;
}

inline std::optional<Document> ParseForTest(std::string_view text) {
  Result<Document> document = Parse(text);
  if (!document) {
    ADD_FAILURE() << "test document does not parse: " << document.error().message;
    return std::nullopt;
  }
  return std::move(*document);
}

using RuleFactory = std::unique_ptr<Rule> (*)(ValidationContext&);

// The errors of one rule alone over `text` (graphql-js: validate(schema, doc, [Rule])).
inline std::vector<std::string> RuleErrors(RuleFactory make_rule, std::string_view text,
                                           const Schema& schema = HarnessSchema()) {
  std::optional<Document> document = ParseForTest(text);
  if (!document) return {"<parse error>"};
  ValidationContext context(schema, *document, 100);
  std::vector<std::unique_ptr<Rule>> rules;
  rules.push_back(make_rule(context));
  RuleSet rule_set(context, std::move(rules));
  Walk(*document, context.type_info(), rule_set);
  return Describe(context.TakeErrors());
}

// The errors of every rule over `text` (graphql-js: validate(schema, doc)).
inline std::vector<std::string> AllErrors(std::string_view text,
                                          const Schema& schema = HarnessSchema(),
                                          const ValidationOptions& options = {}) {
  std::optional<Document> document = ParseForTest(text);
  if (!document) return {"<parse error>"};
  return Describe(Validate(schema, *document, options));
}

}  // namespace junction::graphql::validation::testing
