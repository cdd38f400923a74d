#pragma once
// QueryResult: the rows a statement returned, every value in Postgres' text format (nullopt is SQL
// NULL). Produced by Connection and Pool; the engine reads the JSON a root field's statement built.
//
//   SELECT 1 AS a, NULL::text AS b   =>   {columns ["a","b"], rows [["1", nullopt]]}

#include <optional>
#include <string>
#include <vector>

namespace junction::backends::postgres {

struct QueryResult {
  std::vector<std::string> columns;
  std::vector<std::vector<std::optional<std::string>>> rows;
};

}  // namespace junction::backends::postgres
