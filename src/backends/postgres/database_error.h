#pragma once
// How Postgres failures become junction::Error, in the shapes Hasura v2 reports (its pg-client's
// PGTxErr and PGConnErr JSON in `internal`):
//
//   a statement failed   postgres-error, message = the server's primary message,
//                        internal {"statement","prepared","arguments",
//                                  "error":{"exec_status","hint","message","status_code",
//                                           "description"}}
//   no usable connection postgres-error "connection error", internal = what went wrong (text)
//
// Callers that answer a GraphQL query rewrap the first as Hasura does ("unexpected",
// "database query error"; run_sql: "query execution failed"), keeping `internal`.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <libpq-fe.h>

#include "common/error.h"

namespace junction::backends::postgres {

// REQUIRES: `result` holds an error (PGRES_FATAL_ERROR or PGRES_NONFATAL_ERROR).
Error StatementError(const PGresult* result, std::string_view statement,
                     const std::vector<std::optional<std::string>>& params, bool prepared);

// A connection could not be made, was lost, or did not answer in time; `detail` says which.
Error ConnectionError(std::string_view detail);

// The SQLSTATE of an Error made by StatementError ("22P02", …); nullopt for any other Error.
std::optional<std::string> SqlStateOf(const Error& error);

}  // namespace junction::backends::postgres
