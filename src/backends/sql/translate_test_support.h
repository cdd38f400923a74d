#pragma once
// Test support for the translators of the SQL backends (tests only, header-only): the relationships
// of the user / order / item model that every backend's translate_test.cc builds, and a remote
// join's answer read by argument id.
//
//   AddShopRelationships(user, order, item);  // user.orders, order.user, order.items + remote ones
//   AnswersById(Json::parse(R"([[0, {"id": 10}], [1, null]])"), true) → {{0, {"id": 10}}}

#include <cstdint>
#include <map>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "ir/test_support.h"
#include "schema/source_model.h"

namespace junction::backends::sql::testing_support {

// A remote join's values by argument id.
using Answers = std::map<int64_t, nlohmann::ordered_json>;

// The local relationships user.orders, order.user and order.items, and (in the same database,
// which the SQL does not mind) the remote ones: user.purchases, user.some_order, user.by_total
// (age = total), order.buyer, order.named (select = name), order.matching_item (two columns).
inline void AddShopRelationships(schema::Table& user, schema::Table& order, schema::Table& item) {
  using ir::testing_support::MakeRelationship;
  using Kind = schema::Relationship::Kind;
  user.relationships = {MakeRelationship("orders", Kind::kArray, order, {{"id", "user_id"}})};
  order.relationships = {MakeRelationship("user", Kind::kObject, user, {{"user_id", "id"}}),
                         MakeRelationship("items", Kind::kArray, item, {{"id", "order_id"}})};
  user.relationships.push_back(
      MakeRelationship("purchases", Kind::kArray, order, {{"id", "user_id"}}, true));
  user.relationships.push_back(
      MakeRelationship("some_order", Kind::kObject, order, {{"id", "user_id"}}, true));
  user.relationships.push_back(
      MakeRelationship("by_total", Kind::kArray, order, {{"age", "total"}}, true));
  order.relationships.push_back(
      MakeRelationship("buyer", Kind::kObject, user, {{"user_id", "id"}}, true));
  order.relationships.push_back(
      MakeRelationship("named", Kind::kObject, user, {{"select", "name"}}, true));
  order.relationships.push_back(MakeRelationship("matching_item", Kind::kObject, item,
                                                 {{"id", "order_id"}, {"select", "label"}}, true));
}

// A remote join's answer `[[argument id, value], …]` by argument id, failing the test when it is
// not such pairs or answers an id twice; `drop_nulls` leaves out null values (the executor reads a
// missing one as null).
inline Answers AnswersById(const nlohmann::ordered_json& answer, bool drop_nulls = false) {
  Answers values;
  if (!answer.is_array()) {
    ADD_FAILURE() << "not an array: " << answer.dump();
    return values;
  }
  for (const nlohmann::ordered_json& pair : answer) {
    if (!pair.is_array() || pair.size() != 2 || !pair[0].is_number_integer()) {
      ADD_FAILURE() << "not an [argument id, value] pair: " << pair.dump();
      continue;
    }
    const auto [at, added] = values.emplace(pair[0].get<int64_t>(), pair[1]);
    EXPECT_TRUE(added) << "argument " << pair[0] << " answered twice: " << answer.dump();
    if (drop_nulls && pair[1].is_null()) values.erase(at);
  }
  return values;
}

// `answers` without the arguments whose value is an empty array: an array relationship may
// answer them as `[]` or leave them out (the executor reads a missing one as `[]`).
inline Answers NonEmpty(Answers answers) {
  std::erase_if(
      answers, [](const auto& answer) { return answer.second == nlohmann::ordered_json::array(); });
  return answers;
}

}  // namespace junction::backends::sql::testing_support
