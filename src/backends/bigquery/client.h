#pragma once
// Client: BigQuery's REST API for one source (BIGQUERY.md §1): jobs.query with useLegacySql
// false, named typed parameters, the source's location and formatOptions.useInt64Timestamp;
// getQueryResults while the job is not complete (long polls) and while a pageToken remains; every
// call authorised by the TokenSource. Retries: HTTP 5xx and the reasons rateLimitExceeded and
// backendError, up to retry_limit times, waiting retry_base_delay × 2^attempt (each wait capped
// at 30 s, varied by ±20%: RetryDelay in source_config.h); a 401 renews the token once. The whole
// query — polls, pages and retries — is bounded by the source's timeout. Requests go through
// backends/http (keep-alive, TLS).
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
  // Where the job ran (jobReference.location): BigQuery runs a job where its datasets are, so an
  // introspection's job tells the dataset's location. Empty when BigQuery did not say.
  std::string location;
};

// "malformed BigQuery response": an answer that does not say what BigQuery's API says it does.
// `why` (which may quote the answer) goes in `internal` as {"message": why}, for admins only.
Error MalformedResponse(std::string why);

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
  // parameterType, parameterValue). Errors, all kUnexpected; the message, which every client
  // sees, never quotes BigQuery or the token endpoint: their words are in `internal`, which only
  // admins see, always with a "message" string.
  //   "database query error": an error the query itself caused; internal: BigQuery's error
  //     object ({"code","message","errors":[{"reason","message","location"}],"status"}).
  //   "BigQuery request failed (HTTP 403, accessDenied)": an error answer still failing after
  //     the retries; internal: BigQuery's error object, or {"code","message"} with the first
  //     bytes of a body that was not one. "BigQuery request failed": no answer (connection
  //     refused, …); internal {"message"} says why.
  //   "BigQuery authentication failed (HTTP 401, authError)": a token refused even after its
  //     renewal; internal: BigQuery's error object. "BigQuery authentication failed (…)": no token
  //     to be had, as TokenSource::Token says (service_account.h).
  //   "malformed BigQuery response": MalformedResponse.
  //   "BigQuery query timed out after <n>s": the source's timeout passed; internal, when
  //     something had failed before (a retried error, an exchange), {"message": what, …}.
  boost::asio::awaitable<Result<QueryAnswer>> Query(std::string sql, nlohmann::json parameters);

  const SourceConfig& config() const;

 private:
  struct Impl;
  std::shared_ptr<Impl> impl_;
};

}  // namespace junction::backends::bigquery
