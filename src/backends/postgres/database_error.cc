#include "backends/postgres/database_error.h"

#include <nlohmann/json.hpp>

namespace junction::backends::postgres {
namespace {

// A diagnostic field of `result`, or JSON null when the server did not send it.
nlohmann::ordered_json Field(const PGresult* result, int field) {
  const char* value = PQresultErrorField(result, field);
  if (value == nullptr) return nullptr;
  return value;
}

// Hasura prints postgresql-libpq's ExecStatus constructor names, not libpq's PGRES_* names.
std::string_view ExecStatusName(ExecStatusType status) {
  switch (status) {
    case PGRES_EMPTY_QUERY:
      return "EmptyQuery";
    case PGRES_COMMAND_OK:
      return "CommandOk";
    case PGRES_TUPLES_OK:
      return "TuplesOk";
    case PGRES_COPY_OUT:
      return "CopyOut";
    case PGRES_COPY_IN:
      return "CopyIn";
    case PGRES_COPY_BOTH:
      return "CopyBoth";
    case PGRES_BAD_RESPONSE:
      return "BadResponse";
    case PGRES_NONFATAL_ERROR:
      return "NonfatalError";
    case PGRES_SINGLE_TUPLE:
      return "SingleTuple";
    default:
      return "FatalError";
  }
}

}  // namespace

Error StatementError(const PGresult* result, std::string_view statement,
                     const std::vector<std::optional<std::string>>& params, bool prepared) {
  nlohmann::ordered_json arguments = nlohmann::ordered_json::array();
  for (const std::optional<std::string>& param : params) {
    arguments.push_back(param ? nlohmann::ordered_json(*param) : nlohmann::ordered_json(nullptr));
  }
  nlohmann::ordered_json error = {
      {"exec_status", ExecStatusName(PQresultStatus(result))},
      {"hint", Field(result, PG_DIAG_MESSAGE_HINT)},
      {"message", Field(result, PG_DIAG_MESSAGE_PRIMARY)},
      {"status_code", Field(result, PG_DIAG_SQLSTATE)},
      {"description", Field(result, PG_DIAG_MESSAGE_DETAIL)},
  };
  std::string message = error["message"].is_string() ? error["message"].get<std::string>()
                                                     : std::string(PQresultErrorMessage(result));
  nlohmann::ordered_json internal = {{"statement", statement},
                                     {"prepared", prepared},
                                     {"error", std::move(error)},
                                     {"arguments", std::move(arguments)}};
  return Error(ErrorCode::kPostgresError, std::move(message), "$", std::move(internal));
}

Error ConnectionError(std::string_view detail) {
  std::string text(detail);
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
  return Error(ErrorCode::kPostgresError, "connection error", "$", text);
}

std::optional<std::string> SqlStateOf(const Error& error) {
  if (!error.internal.is_object()) return std::nullopt;
  const auto details = error.internal.find("error");
  if (details == error.internal.end() || !details->is_object()) return std::nullopt;
  const auto sqlstate = details->find("status_code");
  if (sqlstate == details->end() || !sqlstate->is_string()) return std::nullopt;
  return sqlstate->get<std::string>();
}

}  // namespace junction::backends::postgres
