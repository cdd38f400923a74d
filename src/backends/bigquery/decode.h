#pragma once
// Decoding BigQuery's REST rows (BIGQUERY.md §1.4: {"f":[{"v":…},…]} in the order of the result
// schema's fields, RECORDs nested the same way, REPEATED values as [{"v":…},…]) into Hasura's JSON
// encodings of BigQuery's types (Hasura's BigQuery backend, Execute.hs / Types.hs):
//
//   INTEGER/INT64, FLOAT/FLOAT64, NUMERIC, BIGNUMERIC   the text as a JSON string: "1", "3.14",
//                        "NaN" (64-bit and exact decimals survive JavaScript clients; Hasura's
//                        choice)
//   BOOLEAN/BOOL         true / false
//   STRING, BYTES (base64), DATE, TIME, DATETIME, GEOGRAPHY (WKT), INTERVAL, RANGE   the string
//   TIMESTAMP            ISO 8601 in UTC, "2025-06-01T12:34:56.123456Z" (fraction without trailing
//                        zeros, none when whole), from integer microseconds (useInt64Timestamp)
//                        or float seconds ("1.561017697269367E9")
//   JSON                 the JSON the string holds
//   RECORD/STRUCT        an object of its fields (or per the RowShape); REPEATED a list, null → []
//   null                 null

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "backends/sql/row_shape.h"
#include "common/result.h"

namespace junction::backends::bigquery {

// One cell's value for its schema field ({"name","type","mode","fields"}). Errors: kUnexpected
// "malformed BigQuery response" (what did not fit in `internal`) when the cell does not fit its
// field.
Result<nlohmann::json> DecodeCell(const nlohmann::json& field, const nlohmann::json& cell);

// Every row as an object keyed by the schema's field names.
Result<nlohmann::json> DecodeRows(const nlohmann::json& fields,
                                  const std::vector<nlohmann::json>& rows);

// The JSON text a statement answers (sql::RowShape): the shape's keys in its order, its columns
// read positionally (a kConstant takes no column), scalars encoded as DecodeCell does.
Result<std::string> DecodeShaped(const nlohmann::json& fields,
                                 const std::vector<nlohmann::json>& rows,
                                 const sql::RowShape& shape);

}  // namespace junction::backends::bigquery
