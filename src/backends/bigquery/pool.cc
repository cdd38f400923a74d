#include "backends/bigquery/pool.h"

#include <set>
#include <string_view>
#include <utility>  // before any Asio header: Boost 1.74 + GCC 12
#include <vector>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "backends/bigquery/decode.h"
#include "backends/bigquery/introspection.h"
#include "common/when_all.h"

namespace junction::backends::bigquery {
namespace {

namespace asio = boost::asio;
using nlohmann::json;

// A JSON value as it was written: numbers keep their text (a NUMERIC key of 30 digits stays
// exact, which a double would not), a string its decoded content.
struct RawJson {
  enum class Kind { kNull, kBool, kNumber, kString, kArray, kObject };
  Kind kind = Kind::kNull;
  std::string_view text;       // the value's whole text
  std::string string;          // kString: the content
  std::vector<RawJson> items;  // kArray
};

// Reads text that nlohmann::json::accept has already found valid, so it checks nothing.
class RawReader {
 public:
  explicit RawReader(std::string_view text) : text_(text) {}

  RawJson Value() {
    SkipSpace();
    RawJson value;
    const size_t begin = at_;
    const char c = text_[at_];
    if (c == '[') {
      value.kind = RawJson::Kind::kArray;
      ++at_;
      SkipSpace();
      if (text_[at_] == ']') {
        ++at_;
      } else {
        while (true) {
          value.items.push_back(Value());
          SkipSpace();
          if (text_[at_++] == ']') break;  // else ','
        }
      }
    } else if (c == '{') {
      value.kind = RawJson::Kind::kObject;
      ++at_;
      SkipSpace();
      if (text_[at_] == '}') {
        ++at_;
      } else {
        while (true) {
          Value();  // the key
          SkipSpace();
          ++at_;  // ':'
          Value();
          SkipSpace();
          if (text_[at_++] == '}') break;  // else ','
        }
      }
    } else if (c == '"') {
      value.kind = RawJson::Kind::kString;
      ++at_;
      while (text_[at_] != '"') at_ += text_[at_] == '\\' ? 2 : 1;
      ++at_;
      value.string = json::parse(text_.substr(begin, at_ - begin)).get<std::string>();
    } else if (c == 't' || c == 'f') {
      value.kind = RawJson::Kind::kBool;
      at_ += c == 't' ? 4 : 5;
    } else if (c == 'n') {
      at_ += 4;
    } else {
      value.kind = RawJson::Kind::kNumber;
      while (at_ < text_.size() &&
             std::string_view("+-.0123456789eE").find(text_[at_]) != std::string_view::npos) {
        ++at_;
      }
    }
    value.text = text_.substr(begin, at_ - begin);
    return value;
  }

 private:
  void SkipSpace() {
    while (at_ < text_.size() &&
           (text_[at_] == ' ' || text_[at_] == '\t' || text_[at_] == '\n' || text_[at_] == '\r')) {
      ++at_;
    }
  }

  std::string_view text_;
  size_t at_ = 0;
};

std::string TypeName(const json& type) {
  return type.is_object() && type.contains("type") && type["type"].is_string()
             ? type["type"].get<std::string>()
             : "";
}

// The QueryParameterValue of `value` for `type`: ARRAY from a list, STRUCT from a list of its
// fields in structTypes' order, a scalar from a string (its content), a number (its text), a
// boolean or null; a JSON-typed value is its JSON text.
Result<json> ValueFor(const json& type, const RawJson& value, int depth) {
  const std::string name = TypeName(type);
  auto misfit = [&](std::string_view why) {
    return Error(ErrorCode::kUnexpected,
                 fmt::format("a value does not fit its BigQuery type {}: {}", name, why));
  };
  if (depth > 32) return misfit("nested too deeply");
  if (name == "ARRAY") {
    if (value.kind == RawJson::Kind::kNull) return json{{"arrayValues", json::array()}};
    if (value.kind != RawJson::Kind::kArray) return misfit("expected a list");
    json elements = json::array();
    for (const RawJson& item : value.items) {
      Result<json> element = ValueFor(type.value("arrayType", json()), item, depth + 1);
      if (!element) return element.error();
      elements.push_back(std::move(*element));
    }
    return json{{"arrayValues", std::move(elements)}};
  }
  if (name == "STRUCT") {
    const json fields = type.value("structTypes", json::array());
    if (value.kind != RawJson::Kind::kArray || !fields.is_array() ||
        value.items.size() != fields.size()) {
      return misfit(fmt::format("expected a list of {} values", fields.size()));
    }
    json members = json::object();
    for (size_t i = 0; i < fields.size(); ++i) {
      if (!fields[i].is_object() || !fields[i].contains("name") || !fields[i]["name"].is_string()) {
        return misfit("a field of structTypes has no name");
      }
      Result<json> member = ValueFor(fields[i].value("type", json()), value.items[i], depth + 1);
      if (!member) return member.error();
      members[fields[i]["name"].get<std::string>()] = std::move(*member);
    }
    return json{{"structValues", std::move(members)}};
  }
  if (name.empty()) return misfit("the type has no name");
  switch (value.kind) {
    case RawJson::Kind::kNull:
      return json{{"value", nullptr}};
    case RawJson::Kind::kString:
      if (name == "JSON") return json{{"value", std::string(value.text)}};
      return json{{"value", value.string}};
    case RawJson::Kind::kNumber:
    case RawJson::Kind::kBool:
      return json{{"value", std::string(value.text)}};
    case RawJson::Kind::kArray:
    case RawJson::Kind::kObject:
      if (name == "JSON") return json{{"value", std::string(value.text)}};
      return misfit("a list or an object is not a scalar");
  }
  return misfit("unknown value");
}

// An introspection's error as the source's inconsistency shows it, to admins only: which dataset,
// and what BigQuery answered ("Not found: Dataset p:nope …"), which the client keeps out of its
// message (every client sees that) and in `internal`.
Error ForAdmin(const std::string& dataset, Error error) {
  std::string message = "dataset " + dataset + ": " + error.message;
  const nlohmann::ordered_json& internal = error.internal;
  if (internal.is_object() && internal.contains("message") && internal["message"].is_string()) {
    message += ": " + internal["message"].get<std::string>();
  }
  error.message = std::move(message);
  return error;
}

}  // namespace

Result<nlohmann::json> QueryParameters(const sql::Statement& statement) {
  if (statement.param_types.size() != statement.params.size()) {
    return Error(ErrorCode::kUnexpected,
                 fmt::format("a BigQuery statement has {} parameters but {} parameter types",
                             statement.params.size(), statement.param_types.size()));
  }
  json parameters = json::array();
  for (size_t i = 0; i < statement.params.size(); ++i) {
    const std::string name = fmt::format("p{}", i + 1);
    const json type = json::parse(statement.param_types[i], nullptr, /*allow_exceptions=*/false);
    const std::string type_name = TypeName(type);
    if (type_name.empty()) {
      return Error(ErrorCode::kUnexpected,
                   fmt::format("parameter @{}: \"{}\" is not a BigQuery parameter type", name,
                               statement.param_types[i]));
    }
    const std::optional<std::string>& param = statement.params[i];
    json value;
    if (type_name == "ARRAY" || type_name == "STRUCT") {
      // A NULL list binds as an empty one, which is what BigQuery makes of a NULL ARRAY.
      const std::string_view text = param ? std::string_view(*param) : "null";
      if (!json::accept(text)) {
        return Error(ErrorCode::kUnexpected,
                     fmt::format("parameter @{}: its {} value is not JSON", name, type_name));
      }
      Result<json> made = ValueFor(type, RawReader(text).Value(), 0);
      if (!made) {
        return Error(ErrorCode::kUnexpected,
                     fmt::format("parameter @{}: {}", name, made.error().message));
      }
      value = std::move(*made);
    } else {
      value = param ? json{{"value", *param}} : json{{"value", nullptr}};
    }
    parameters.push_back(
        {{"name", name}, {"parameterType", type}, {"parameterValue", std::move(value)}});
  }
  return parameters;
}

Pool::Pool(boost::asio::any_io_executor executor, SourceConfig config,
           std::optional<std::string> emulator_host)
    : client_(std::move(executor), std::move(config), std::move(emulator_host)) {}

boost::asio::awaitable<Result<std::string>> Pool::Execute(const sql::Statement& statement) {
  Result<json> parameters = QueryParameters(statement);
  if (!parameters) co_return parameters.error();
  if (!statement.shape) {
    co_return Error(ErrorCode::kUnexpected, "a BigQuery statement has no row shape");
  }
  // Held here: the statement need not outlive the query.
  const std::shared_ptr<const sql::RowShape> shape = statement.shape;
  std::string text = statement.text;
  asio::awaitable<Result<QueryAnswer>> query =
      client_.Query(std::move(text), std::move(*parameters));
  Result<QueryAnswer> answer = co_await std::move(query);
  if (!answer) co_return answer.error();
  co_return DecodeShaped(answer->fields, answer->rows, *shape);
}

boost::asio::awaitable<Result<metadata::Catalog>> Pool::Introspect() {
  std::vector<asio::awaitable<Result<QueryAnswer>>> queries;
  const std::vector<std::string> datasets = config().datasets;
  for (const std::string& dataset : datasets) {
    Result<std::string> sql = IntrospectionSql(dataset);
    if (!sql) co_return sql.error();
    queries.push_back(client_.Query(std::move(*sql), json::array()));
  }
  asio::awaitable<std::vector<Result<QueryAnswer>>> all = WhenAll(std::move(queries));
  std::vector<Result<QueryAnswer>> answers = co_await std::move(all);
  metadata::Catalog catalog;
  catalog.global_select_limit = config().global_select_limit;
  // A job runs where its datasets are, so the jobs' locations are the datasets'.
  std::set<std::string> locations;
  for (size_t i = 0; i < answers.size(); ++i) {
    if (!answers[i]) co_return ForAdmin(datasets[i], answers[i].error());
    if (Status added = AddDataset(datasets[i], *answers[i], catalog); !added) {
      co_return ForAdmin(datasets[i], added.error());
    }
    locations.insert(answers[i]->location);
  }
  // One location for every dataset, or none known (metadata::Catalog::location).
  if (locations.size() == 1) catalog.location = *locations.begin();
  co_return catalog;
}

}  // namespace junction::backends::bigquery
