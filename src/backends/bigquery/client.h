#pragma once
// Client: BigQuery's REST API for one source (BIGQUERY.md §1): jobs.query with useLegacySql
// false, named typed parameters, the source's location and formatOptions.useInt64Timestamp;
// getQueryResults while the job is not complete (long polls) and while a pageToken remains; every
// call authorised by the TokenSource. Retries: HTTP 5xx and the reasons rateLimitExceeded and
// backendError, up to retry_limit times, waiting retry_base_delay × 2^attempt (each wait capped
// at 30 s); a 401 renews the token once. The whole query — polls, pages and retries — is bounded
// by the source's timeout. Requests go through backends/http (keep-alive, TLS).
//
// The API's base URL is https://bigquery.googleapis.com/bigquery/v2, or BIGQUERY_EMULATOR_HOST
// (host:port, or a URL; http:// when no scheme is given) + /bigquery/v2, as Google's own clients
// read it.

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>  // before any Asio header: Boost 1.74 + GCC 12
#include <vector>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <nlohmann/json.hpp>

#include "backends/bigquery/source_config.h"
#include "common/result.h"

namespace junction::backends::bigquery {

// A complete query's answer: the result schema's `fields` and every row of every page, in order.
struct QueryAnswer {
  nlohmann::json fields = nlohmann::json::array();
  std::vector<nlohmann::json> rows;  // each {"f":[{"v":…},…]}
  std::string job_id;
  int pages = 0;  // how many responses carried rows (tests check paging)
};

// The API's base URL for `emulator_host` (BIGQUERY_EMULATOR_HOST's value, or nullopt).
std::string ApiBaseUrl(const std::optional<std::string>& emulator_host);

class Client {
 public:
  // `emulator_host`: BIGQUERY_EMULATOR_HOST as read at start-up.
  Client(boost::asio::any_io_executor executor, SourceConfig config,
         std::optional<std::string> emulator_host);
  ~Client();
  Client(const Client&) = delete;
  Client& operator=(const Client&) = delete;

  // Runs `sql` with `parameters` (a JSON array of BigQuery QueryParameter objects: name,
  // parameterType, parameterValue). Errors: kUnexpected — "database query error" with BigQuery's
  // error (reason, message, location) in `internal` for an error the query itself caused;
  // "BigQuery request failed: <what>" for transport failures and errors still failing after the
  // retries; "BigQuery query timed out after <n>s"; "BigQuery authentication failed: <why>".
  boost::asio::awaitable<Result<QueryAnswer>> Query(std::string sql, nlohmann::json parameters);

  const SourceConfig& config() const;

 private:
  struct Impl;
  std::shared_ptr<Impl> impl_;
};

}  // namespace junction::backends::bigquery
