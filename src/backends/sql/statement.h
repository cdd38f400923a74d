#pragma once
// Statement: SQL ready to send to a database, with every value a parameter (DESIGN.md §3: values
// are always parameters). Produced by the SQL printer (backends/sql) from a SQL tree; run by a
// backend's connection pool, which prepares it once per connection (keyed by `text`).
//
//   Statement{"SELECT coalesce(json_agg(\"t\".\"name\"), '[]') FROM \"public\".\"users\" AS \"t\"
//              WHERE \"t\".\"id\" = $1::int4", {"7"}}

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "backends/sql/row_shape.h"

namespace junction::backends::sql {

struct Statement {
  std::string text;  // placeholders $1 … $n
  // The parameters in Postgres text format (nullopt is SQL NULL); the text casts each placeholder
  // to its type, so the server never has to guess one.
  std::vector<std::optional<std::string>> params;
  // For each execution slot (tree.h, Parameter::execution_slot), the index in `params` of the
  // parameter the executor supplies each time it runs the statement.
  std::vector<size_t> execution_parameters = {};
  // BigQuery only (backends/bigquery/translate.h): each parameter's type as BigQuery's
  // QueryParameterType JSON text (`{"type":"INT64"}`), parallel to `params`, and how the rows the
  // statement answers read as its JSON value (the database does not build it there).
  std::vector<std::string> param_types = {};
  std::shared_ptr<const RowShape> shape = nullptr;
};

}  // namespace junction::backends::sql
