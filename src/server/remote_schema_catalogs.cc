#include "server/remote_schema_catalogs.h"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <vector>

#include "common/when_all.h"
#include "graphql/client_schema.h"
#include "metadata/json_path.h"
#include "metadata/source_metadata.h"
#include "server/http_fetch.h"

namespace junction::server {
namespace {

namespace asio = boost::asio;
using metadata::Json;

// Where an entry sits, for the errors of reading its definition.
std::string EntryPath(size_t index) { return metadata::JsonPathIndex("$.remote_schemas", index); }

Error RemoteSchemaError(std::string message, Json internal = nullptr) {
  return Error(ErrorCode::kRemoteSchemaError, std::move(message), "$", std::move(internal));
}

// What Hasura names the service in its HTTP error: the URL as written, or the environment
// variable it was read from.
std::string UrlName(const Json& entry) {
  const Json* definition = metadata::FindKey(entry, "definition");
  if (definition == nullptr) return "";
  if (std::optional<std::string> env = metadata::StringAt(*definition, "url_from_env")) return *env;
  return metadata::StringAt(*definition, "url").value_or("");
}

bool HasHeader(const std::vector<std::pair<std::string, std::string>>& headers,
               std::string_view name) {
  return std::any_of(headers.begin(), headers.end(), [&](const auto& header) {
    return std::equal(header.first.begin(), header.first.end(), name.begin(), name.end(),
                      [](char a, char b) { return std::tolower(a) == std::tolower(b); });
  });
}

// The catalog in the service's answer, read as Hasura reads it (FromIntrospection
// IntrospectionResult: data.__schema), with aeson's wording for what is missing. The HTTP status
// is not looked at, as in Hasura: an error page fails for what it lacks.
Result<metadata::RemoteSchemaCatalog> ReadAnswer(const std::string& body) {
  Json answer = Json::parse(body, nullptr, false);
  if (answer.is_discarded()) {
    return RemoteSchemaError("Error in $: Failed reading: not a valid json value");
  }
  if (!answer.is_object()) {
    return RemoteSchemaError(
        "Error in $: parsing SchemaDocument failed, expected Object, but "
        "encountered " +
        std::string(metadata::JsonTypeName(answer)));
  }
  const auto data = answer.find("data");
  if (data == answer.end()) {
    // A GraphQL error response: its errors say more than the missing key.
    return RemoteSchemaError("Error in $: key \"data\" not found",
                             answer.contains("errors") ? answer["errors"] : Json());
  }
  if (!data->is_object()) {
    return RemoteSchemaError(
        "Error in $.data: parsing KeyMap failed, expected Object, but "
        "encountered " +
            std::string(metadata::JsonTypeName(*data)),
        answer.contains("errors") ? answer["errors"] : Json());
  }
  if (!data->contains("__schema")) {
    return RemoteSchemaError("Error in $.data: key \"__schema\" not found");
  }
  Result<std::shared_ptr<const graphql::Schema>> schema = graphql::BuildClientSchema(*data);
  if (!schema) return RemoteSchemaError(schema.error().message);
  return metadata::RemoteSchemaCatalog{std::move(*data), std::move(schema).value()};
}

// Sends the introspection query to one remote schema (Hasura's fetchRemoteSchema).
asio::awaitable<Result<metadata::RemoteSchemaCatalog>> IntrospectOne(
    metadata::RemoteSchemaDefinition definition, std::string url_name) {
  FetchRequest request;
  request.method = "POST";
  request.url = definition.url;
  // Configured headers first: they win over the defaults, as in Hasura.
  for (metadata::RemoteSchemaHeader& header : definition.headers) {
    request.headers.emplace_back(std::move(header.name), std::move(header.value));
  }
  // Hasura introspects as the admin, and says so in the session variables it forwards.
  if (!HasHeader(request.headers, "x-hasura-role")) {
    request.headers.emplace_back("x-hasura-role", "admin");
  }
  if (!HasHeader(request.headers, "content-type")) {
    request.headers.emplace_back("content-type", "application/json");
  }
  Json body = Json::object();
  body["query"] = std::string(graphql::IntrospectionQuery());
  request.body = body.dump();
  request.timeout = std::chrono::seconds(std::max<int64_t>(definition.timeout_seconds, 1));
  request.max_body_bytes = 64 * 1024 * 1024;
  Result<FetchResponse> response = co_await HttpFetch(request);
  if (!response) {
    co_return RemoteSchemaError(
        "HTTP exception occurred while sending the request to " + metadata::Quoted(url_name),
        Json{{"type", "http_exception"}, {"message", response.error().message}});
  }
  co_return ReadAnswer(response->body);
}

// Whether an introspection made with `a` stands for `b`: same service, asked the same way.
// Customization and forward_client_headers change nothing the service answers.
bool SameIntrospection(const metadata::RemoteSchemaDefinition& a,
                       const metadata::RemoteSchemaDefinition& b) {
  if (a.url != b.url || a.timeout_seconds != b.timeout_seconds) return false;
  return std::equal(
      a.headers.begin(), a.headers.end(), b.headers.begin(), b.headers.end(),
      [](const auto& x, const auto& y) { return x.name == y.name && x.value == y.value; });
}

}  // namespace

metadata::RemoteSchemaCatalogs RemoteSchemaCatalogs::For(const metadata::Metadata& metadata,
                                                         Missing* missing) const {
  metadata::RemoteSchemaCatalogs catalogs;
  const Json* entries = metadata.Find("remote_schemas");
  if (entries == nullptr || !entries->is_array()) return catalogs;
  for (size_t i = 0; i < entries->size(); ++i) {
    const Json& entry = (*entries)[i];
    const std::string name = metadata::EntryName(entry);
    Result<metadata::RemoteSchemaDefinition> definition =
        metadata::ReadRemoteSchemaDefinition(entry, EntryPath(i));
    if (!definition) {
      catalogs.insert_or_assign(name, definition.error());
      continue;
    }
    const Entry* known = FindEntry(name, *definition);
    if (known == nullptr) {
      if (missing != nullptr) missing->insert_or_assign(name, entry);
      continue;
    }
    catalogs.insert_or_assign(name, known->catalog);
  }
  return catalogs;
}

asio::awaitable<RemoteSchemaCatalogs> RemoteSchemaCatalogs::Introspect(
    const Missing& remote_schemas) {
  std::vector<std::string> names;
  std::vector<metadata::RemoteSchemaDefinition> definitions;
  std::vector<asio::awaitable<Result<metadata::RemoteSchemaCatalog>>> tasks;
  RemoteSchemaCatalogs fresh;
  for (const auto& [name, entry] : remote_schemas) {
    Result<metadata::RemoteSchemaDefinition> definition =
        metadata::ReadRemoteSchemaDefinition(entry, "$");
    if (!definition) continue;  // For reports it without introspecting
    names.push_back(name);
    definitions.push_back(*definition);
    tasks.push_back(IntrospectOne(std::move(definition).value(), UrlName(entry)));
  }
  std::vector<Result<metadata::RemoteSchemaCatalog>> catalogs =
      co_await WhenAll(std::move(tasks));
  for (size_t i = 0; i < names.size(); ++i) {
    fresh.entries_[names[i]].push_back(Entry{std::move(definitions[i]), std::move(catalogs[i])});
  }
  co_return fresh;
}

const Result<metadata::RemoteSchemaCatalog>* RemoteSchemaCatalogs::Find(
    std::string_view name) const {
  const auto it = entries_.find(name);
  return it != entries_.end() && !it->second.empty() ? &it->second.back().catalog : nullptr;
}

const RemoteSchemaCatalogs::Entry* RemoteSchemaCatalogs::FindEntry(
    std::string_view name, const metadata::RemoteSchemaDefinition& definition) const {
  const auto it = entries_.find(name);
  if (it == entries_.end()) return nullptr;
  for (const Entry& entry : it->second) {
    if (SameIntrospection(entry.definition, definition)) return &entry;
  }
  return nullptr;
}

void RemoteSchemaCatalogs::Retain(const metadata::Metadata& metadata) {
  std::map<std::string, std::vector<Entry>, std::less<>> kept;
  const Json* entries = metadata.Find("remote_schemas");
  for (size_t i = 0; entries != nullptr && entries->is_array() && i < entries->size(); ++i) {
    const std::string name = metadata::EntryName((*entries)[i]);
    Result<metadata::RemoteSchemaDefinition> definition =
        metadata::ReadRemoteSchemaDefinition((*entries)[i], EntryPath(i));
    const auto it = entries_.find(name);
    if (!definition || it == entries_.end()) continue;
    for (Entry& entry : it->second) {
      if (SameIntrospection(entry.definition, *definition)) kept[name].push_back(std::move(entry));
    }
  }
  entries_ = std::move(kept);
}

void RemoteSchemaCatalogs::Merge(RemoteSchemaCatalogs fresh) {
  for (auto& [name, list] : fresh.entries_) {
    std::vector<Entry>& known = entries_[name];
    for (Entry& entry : list) {
      std::erase_if(known, [&](const Entry& old) {
        return SameIntrospection(old.definition, entry.definition);
      });
      known.push_back(std::move(entry));
    }
  }
}

}  // namespace junction::server
