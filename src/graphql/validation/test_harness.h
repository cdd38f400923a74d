#pragma once
// Test-only helpers for the validation tests (src/graphql/validation/*_test.cc); not part of the
// library. Holds the schemas the tests validate against and runs one rule, or all of them, over
// a document, giving each error as one comparable line:
//
//   RuleErrors(MakeScalarLeafsRule, "{ dog }")
//   => {"Field \"dog\" of type \"Dog\" must have a selection of subfields. Did you mean
//        \"dog { ... }\"? @1:3"}
//
// HarnessSdl() is graphql-js 16's validation test schema (validation/__tests__/harness.ts) with a
// few additions, read from tests/oracle/schemas/harness.graphql, which the oracle validates the
// documents of tests/oracle/validation/ against. kSpecExampleSdl is the schema the examples of
// spec §5 assume.

#include <gtest/gtest.h>

#include <fstream>
#include <memory>
#include <optional>
#include <sstream>
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

// The harness SDL, read from tests/oracle/schemas/harness.graphql: one file for the unit tests
// and the oracle, so they cannot drift apart.
inline std::string HarnessSdl() {
  std::ifstream file(std::string(JUNCTION_SOURCE_DIR) + "/tests/oracle/schemas/harness.graphql");
  std::ostringstream text;
  text << file.rdbuf();
  return text.str();
}

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
  static const std::shared_ptr<const Schema> schema = MakeSchema(HarnessSdl());
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
