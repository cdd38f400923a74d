#pragma once
// The aggregate functions Hasura v2 offers on a Postgres table, in `<t>_aggregate_fields` and
// `<t>_aggregate_order_by` (Hasura/Backends/Postgres/Instances/Schema.hs): each is the Postgres
// aggregate function of the same name. Schema builds the types from these lists; the Postgres
// backend checks a function name against them before printing it into SQL.

#include <string_view>
#include <vector>

namespace junction::schema {

// Those over numeric columns: avg, stddev, stddev_pop, stddev_samp, sum, var_pop, var_samp,
// variance.
const std::vector<std::string_view>& NumericAggregateOperators();
// Those over comparable columns: max, min.
const std::vector<std::string_view>& ComparableAggregateOperators();

// Whether `name` is one of the above.
bool IsAggregateFunction(std::string_view name);

}  // namespace junction::schema
