#include "schema/aggregate_functions.h"

#include <algorithm>

namespace junction::schema {

const std::vector<std::string_view>& NumericAggregateOperators() {
  static const std::vector<std::string_view> operators = {
      "avg", "stddev", "stddev_pop", "stddev_samp", "sum", "var_pop", "var_samp", "variance"};
  return operators;
}

const std::vector<std::string_view>& ComparableAggregateOperators() {
  static const std::vector<std::string_view> operators = {"max", "min"};
  return operators;
}

bool IsAggregateFunction(std::string_view name) {
  return std::ranges::find(NumericAggregateOperators(), name) !=
             NumericAggregateOperators().end() ||
         std::ranges::find(ComparableAggregateOperators(), name) !=
             ComparableAggregateOperators().end();
}

}  // namespace junction::schema
