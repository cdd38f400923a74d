#include "app/metadata_cli.h"

#include <initializer_list>
#include <map>
#include <optional>
#include <ostream>
#include <sstream>
#include <utility>
#include <vector>

#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include "app/metadata_changes.h"
#include "metadata/json_text.h"
#include "metadata/metadata.h"
#include "metadata/metadata_directory.h"

namespace junction::app {
namespace {

using metadata::Json;
using metadata::Metadata;
using metadata::MetadataDirectory;

constexpr std::string_view kMetadataApi = "/v1/metadata";
constexpr std::string_view kDefaultEndpoint = "http://localhost:8080";
constexpr int kFailureExitCode = 1;
// Where the replaced document sits in a replace_metadata request (paths of its errors).
constexpr std::string_view kReplacedDocumentPath = "$.args.metadata";

// ---- Command line ----------------------------------------------------------------------------

// The flags of every subcommand, shared: only one subcommand is parsed.
struct Flags {
  std::string endpoint;
  std::string admin_secret;
  std::string dir = "metadata";
  int timeout_seconds = 30;
  std::vector<CLI::Option*> endpoint_options;
  std::vector<CLI::Option*> secret_options;
};

void AddConnectionOptions(CLI::App* command, Flags& flags) {
  flags.endpoint_options.push_back(
      command
          ->add_option("--endpoint", flags.endpoint,
                       "URL of the engine (default http://localhost:8080; a path prefix is kept) "
                       "[env: JUNCTION_ENDPOINT, HASURA_GRAPHQL_ENDPOINT]")
          ->type_name("URL"));
  flags.secret_options.push_back(
      command
          ->add_option("--admin-secret", flags.admin_secret,
                       "The engine's admin secret, sent as X-Hasura-Admin-Secret "
                       "[env: JUNCTION_ADMIN_SECRET, HASURA_GRAPHQL_ADMIN_SECRET]")
          ->type_name("SECRET"));
  command
      ->add_option("--timeout", flags.timeout_seconds,
                   "Seconds each step of a request (connect, send, answer) may take (default 30)")
      ->type_name("SECONDS")
      ->check(CLI::Range(1, 3600));
}

void AddDirOption(CLI::App* command, Flags& flags) {
  command->add_option("--dir", flags.dir, "The metadata directory (default metadata)")
      ->type_name("DIR");
}

bool AnyGiven(const std::vector<CLI::Option*>& options) {
  for (const CLI::Option* option : options) {
    if (option->count() > 0) return true;
  }
  return false;
}

// A setting's value and where it came from: the flag when given, else the first variable set
// (and not empty); nullopt when neither.
std::optional<std::pair<std::string, std::string>> SettingValue(
    bool given, const std::string& flag_value, std::string_view flag,
    std::initializer_list<std::string_view> variables, const EnvLookup& env) {
  if (given) return std::pair{flag_value, std::string(flag)};
  for (std::string_view name : variables) {
    std::optional<std::string> value = env(std::string(name));
    if (value && !value->empty()) return std::pair{std::move(*value), std::string(name)};
  }
  return std::nullopt;
}

MetadataCommandLine UsageError(std::string message) {
  MetadataCommandLine result;
  result.exit_code = kUsageErrorExitCode;
  result.message = std::move(message);
  return result;
}

// Applies the flags and variables to `options`; a usage message when a value is bad.
std::optional<std::string> ApplyFlags(const Flags& flags, const EnvLookup& env,
                                      MetadataCliOptions& options) {
  auto endpoint =
      SettingValue(AnyGiven(flags.endpoint_options), flags.endpoint, "--endpoint",
                   {"JUNCTION_ENDPOINT", "HASURA_GRAPHQL_ENDPOINT"}, env)
          .value_or(std::pair{std::string(kDefaultEndpoint), std::string("the default")});
  Result<Url> url = ParseUrl(endpoint.first);
  if (!url) return fmt::format("{} (from {})\n", url.error().message, endpoint.second);
  options.endpoint = std::move(*url);
  if (auto secret =
          SettingValue(AnyGiven(flags.secret_options), flags.admin_secret, "--admin-secret",
                       {"JUNCTION_ADMIN_SECRET", "HASURA_GRAPHQL_ADMIN_SECRET"}, env)) {
    options.admin_secret = std::move(secret->first);
  }
  if (flags.dir.empty()) return std::string("--dir must name a directory\n");
  options.dir = flags.dir;
  options.timeout = std::chrono::seconds(flags.timeout_seconds);
  return std::nullopt;
}

// ---- The metadata API ------------------------------------------------------------------------

// The requests of one command to the engine's /v1/metadata.
class MetadataApi {
 public:
  explicit MetadataApi(const MetadataCliOptions& options) : options_(options) {}

  // The JSON answer of a 200. Otherwise an Error whose message is a whole line naming the
  // endpoint; for an error the server answered, with its path and internal, and code kConflict
  // (409) or kAccessDenied (401, 403) where it matters.
  Result<Json> Call(const Json& request) const;

  // export_metadata version 2: the server's metadata with its resource_version.
  Result<Metadata> Export() const;

  std::string Where() const { return options_.endpoint.ToString(); }

 private:
  const MetadataCliOptions& options_;
};

// At most the first 200 characters of `text`, on one line.
std::string Excerpt(std::string_view text) {
  std::string excerpt(text.substr(0, 200));
  for (char& c : excerpt) {
    if (c == '\n' || c == '\r') c = ' ';
  }
  return text.size() > 200 ? excerpt + "…" : excerpt;
}

std::string StringOr(const Json& object, std::string_view key, std::string fallback) {
  if (!object.is_object()) return fallback;
  const auto it = object.find(key);
  return it != object.end() && it->is_string() ? it->get<std::string>() : fallback;
}

Result<Json> MetadataApi::Call(const Json& request) const {
  HttpHeaders headers;
  if (!options_.admin_secret.empty()) {
    headers.emplace_back("X-Hasura-Admin-Secret", options_.admin_secret);
  }
  Result<HttpResponse> response = PostJson(options_.endpoint, kMetadataApi,
                                           metadata::DumpJson(request), headers, options_.timeout);
  if (!response) return response.error();
  const std::string where = Where() + std::string(kMetadataApi);
  Result<Json> body = metadata::ParseJsonText(response->body);
  if (!body) {
    return Error(ErrorCode::kUnexpected,
                 fmt::format("{} answered HTTP {} with a body that is not JSON: {}", where,
                             response->status, Excerpt(response->body)));
  }
  if (response->status == 200) return std::move(*body);
  const std::string message = StringOr(*body, "error", metadata::DumpJson(*body));
  const std::string code = StringOr(*body, "code", "unknown");
  if (response->status == 401 || response->status == 403) {
    return Error(ErrorCode::kAccessDenied,
                 fmt::format("{} refused the request (HTTP {}, {}): {}; give the engine's admin "
                             "secret with --admin-secret or JUNCTION_ADMIN_SECRET",
                             where, response->status, code, message));
  }
  const Json internal =
      body->is_object() && body->contains("internal") ? (*body)["internal"] : Json();
  return Error(response->status == 409 ? ErrorCode::kConflict : ErrorCode::kUnexpected,
               fmt::format("{} answered HTTP {} ({}): {}", where, response->status, code, message),
               StringOr(*body, "path", "$"), internal);
}

Result<Metadata> MetadataApi::Export() const {
  Result<Json> answer =
      Call({{"type", "export_metadata"}, {"version", 2}, {"args", Json::object()}});
  if (!answer) return answer.error();
  const auto version = answer->find("resource_version");
  const auto document = answer->find("metadata");
  if (version == answer->end() || !version->is_number_integer() || document == answer->end()) {
    return Error(ErrorCode::kUnexpected,
                 Where() + " answered export_metadata without resource_version and metadata");
  }
  Result<Metadata> metadata = Metadata::FromJson(*document);
  if (!metadata) {
    return Error(ErrorCode::kUnexpected,
                 fmt::format("{} exported metadata that is not valid: {} at {}", Where(),
                             metadata.error().message, metadata.error().path));
  }
  metadata->set_resource_version(version->get<int64_t>());
  return metadata;
}

// ---- Output ----------------------------------------------------------------------------------

int Fail(std::ostream& err, std::string_view message) {
  err << "error: " << message << '\n';
  return kFailureExitCode;
}

std::string Plural(size_t count, std::string_view word) {
  return fmt::format("{} {}{}", count, word, count == 1 ? "" : "s");
}

// Where the directory declares the value at `path` of its document, as "file:line:col".
std::optional<std::string> Declared(const MetadataDirectory* directory, const std::string& path) {
  if (directory == nullptr) return std::nullopt;
  std::optional<metadata::FileLocation> location = directory->source_map.Find(path);
  if (!location) return std::nullopt;
  return location->ToString();
}

// "table public.x in source default: Inconsistent object: …", the type put first when the name
// does not start with it, prefixed by where `directory` declares the object when it can tell.
std::string DescribeInconsistency(const Json& object, const MetadataDirectory* directory) {
  const std::string type = StringOr(object, "type", "object");
  std::string name = StringOr(object, "name", "");
  if (!name.starts_with(type)) name = type + " " + name;
  std::string line = name + ": " + StringOr(object, "reason", "inconsistent");
  if (std::string message = StringOr(object, "message", ""); !message.empty()) {
    line += " (" + message + ")";
  }
  if (directory != nullptr) {
    const std::optional<std::string> path = FindObjectPath(directory->metadata.document(), object);
    if (path) {
      if (std::optional<std::string> declared = Declared(directory, *path)) {
        line = *declared + ": " + line;
      }
    }
  }
  return line;
}

void PrintInconsistencies(const Json& objects, const MetadataDirectory* directory,
                          std::ostream& stream) {
  if (!objects.is_array()) return;
  for (const Json& object : objects) {
    stream << "  " << DescribeInconsistency(object, directory) << '\n';
  }
}

// The path of an error of replace_metadata inside the replaced document: "$.args.metadata
// .sources[0]" → "$.sources[0]"; nullopt for a path outside it.
std::optional<std::string> DocumentPath(std::string_view path) {
  if (!path.starts_with(kReplacedDocumentPath)) return std::nullopt;
  std::string_view rest = path.substr(kReplacedDocumentPath.size());
  if (!rest.empty() && rest[0] != '.' && rest[0] != '[') return std::nullopt;
  return "$" + std::string(rest);
}

// ---- Commands --------------------------------------------------------------------------------

Result<MetadataDirectory> ReadDirectory(const MetadataCliOptions& options) {
  return metadata::ReadMetadataDirectory(options.dir);
}

// A directory that cannot be read: its error (file:line:col: message) as it is.
int FailDirectory(const MetadataCliOptions& options, const Error& error, std::ostream& err) {
  err << error.message << '\n';
  err << "error: cannot read the metadata directory " << options.dir.string()
      << "; nothing was sent to the engine\n";
  return kFailureExitCode;
}

int Export(const MetadataCliOptions& options, const MetadataApi& api, std::ostream& out,
           std::ostream& err) {
  Result<Metadata> server = api.Export();
  if (!server) return Fail(err, server.error().message);
  if (Status written = metadata::WriteMetadataDirectory(options.dir, *server); !written) {
    return Fail(err, written.error().message);
  }
  const std::map<std::string, std::string> files = metadata::MetadataDirectoryFiles(*server);
  for (const auto& [path, content] : files) {
    out << "wrote " << (options.dir / path).string() << '\n';
  }
  out << fmt::format("exported the metadata of {} (resource_version {}) to {}: {}\n", api.Where(),
                     server->resource_version(), options.dir.string(),
                     Plural(files.size(), "file"));
  return 0;
}

int FailApply(const MetadataCliOptions& options, const MetadataApi& api, const Error& error,
              const MetadataDirectory& local, const Metadata& server, std::ostream& err) {
  if (error.code == ErrorCode::kConflict) {
    return Fail(err, fmt::format("{}\nthe engine's metadata changed while {} was being applied "
                                 "(it was at resource_version {}); nothing was applied: run "
                                 "`junction metadata diff` and apply again",
                                 error.message, options.dir.string(), server.resource_version()));
  }
  if (error.internal.is_array() && !error.internal.empty()) {
    err << fmt::format(
        "error: {} is inconsistent: {} refused it and kept its metadata "
        "(resource_version {}):\n",
        options.dir.string(), api.Where(), server.resource_version());
    PrintInconsistencies(error.internal, &local, err);
    return kFailureExitCode;
  }
  std::optional<std::string> declared;
  if (std::optional<std::string> path = DocumentPath(error.path)) {
    declared = Declared(&local, *path);
  }
  Fail(err, fmt::format("{} (at {})", error.message, error.path));
  if (declared) err << "  declared at " << *declared << '\n';
  err << "nothing was applied\n";
  return kFailureExitCode;
}

int Apply(const MetadataCliOptions& options, const MetadataApi& api, std::ostream& out,
          std::ostream& err) {
  Result<MetadataDirectory> local = ReadDirectory(options);
  if (!local) return FailDirectory(options, local.error(), err);
  Result<Metadata> server = api.Export();
  if (!server) return Fail(err, server.error().message);
  const Json& wanted = local->metadata.document();
  if (SameMetadata(wanted, server->document())) {
    out << fmt::format("no changes: {} matches the metadata of {} (resource_version {})\n",
                       options.dir.string(), api.Where(), server->resource_version());
    return 0;
  }
  Json args = Json::object();
  args["allow_inconsistent_metadata"] = false;
  args["metadata"] = wanted;
  Json request = Json::object();
  request["type"] = "replace_metadata";
  request["version"] = 2;
  request["resource_version"] = server->resource_version();
  request["args"] = std::move(args);
  Result<Json> answer = api.Call(request);
  if (!answer) return FailApply(options, api, answer.error(), *local, *server, err);
  const std::vector<MetadataChange> changes = SummarizeChanges(server->document(), wanted);
  for (const MetadataChange& change : changes) out << change.ToString() << '\n';
  out << fmt::format("applied {} from {} to {}\n", Plural(changes.size(), "change"),
                     options.dir.string(), api.Where());
  return 0;
}

int Diff(const MetadataCliOptions& options, const MetadataApi& api, std::ostream& out,
         std::ostream& err) {
  Result<MetadataDirectory> local = ReadDirectory(options);
  if (!local) return FailDirectory(options, local.error(), err);
  Result<Metadata> server = api.Export();
  if (!server) return Fail(err, server.error().message);
  if (SameMetadata(local->metadata.document(), server->document())) {
    out << fmt::format("no changes: {} matches the metadata of {} (resource_version {})\n",
                       options.dir.string(), api.Where(), server->resource_version());
    return 0;
  }
  for (const MetadataChange& change :
       SummarizeChanges(server->document(), local->metadata.document())) {
    out << change.ToString() << '\n';
  }
  out << '\n'
      << DiffFiles(metadata::MetadataDirectoryFiles(*server),
                   metadata::MetadataDirectoryFiles(local->metadata), "server",
                   options.dir.string());
  return 0;
}

// Prints "metadata is consistent" or the inconsistent objects of a report
// ({"is_consistent":…,"inconsistent_objects":[…]}).
void PrintConsistency(const Json& report, std::ostream& out) {
  const auto objects = report.find("inconsistent_objects");
  if (objects == report.end() || !objects->is_array() || objects->empty()) {
    out << "metadata is consistent\n";
    return;
  }
  out << "metadata is inconsistent: " << Plural(objects->size(), "object") << '\n';
  PrintInconsistencies(*objects, nullptr, out);
}

int ListInconsistencies(const MetadataApi& api, std::ostream& out, std::ostream& err) {
  Result<Json> report = api.Call({{"type", "get_inconsistent_metadata"}, {"args", Json::object()}});
  if (!report) return Fail(err, report.error().message);
  PrintConsistency(*report, out);
  return 0;
}

int Reload(const MetadataApi& api, std::ostream& out, std::ostream& err) {
  Json args = Json::object();
  args["reload_sources"] = true;
  args["reload_remote_schemas"] = true;
  Result<Json> report = api.Call({{"type", "reload_metadata"}, {"args", std::move(args)}});
  if (!report) return Fail(err, report.error().message);
  out << "reloaded the metadata of " << api.Where() << '\n';
  PrintConsistency(*report, out);
  return 0;
}

}  // namespace

MetadataCommandLine ParseMetadataCommandLine(int argc, const char* const* argv,
                                             const EnvLookup& env) {
  CLI::App app{
      "Manage the metadata of a running engine as a directory of YAML files (Hasura's "
      "layout), over its /v1/metadata API.",
      "junction metadata"};
  app.require_subcommand(1);
  Flags flags;
  CLI::App* export_command =
      app.add_subcommand("export", "Write the engine's metadata into the directory");
  CLI::App* apply = app.add_subcommand(
      "apply", "Replace the engine's metadata with the directory's; prints what changed");
  CLI::App* diff =
      app.add_subcommand("diff", "Show what apply would change: objects and a unified diff");
  CLI::App* inconsistency =
      app.add_subcommand("inconsistency", "Inspect the engine's inconsistent objects");
  inconsistency->require_subcommand(1);
  CLI::App* list = inconsistency->add_subcommand("list", "List the inconsistent objects");
  CLI::App* reload = app.add_subcommand(
      "reload", "Reload the metadata: read the databases and remote schemas again");
  for (CLI::App* command : {export_command, apply, diff}) AddDirOption(command, flags);
  for (CLI::App* command : {export_command, apply, diff, list, reload}) {
    AddConnectionOptions(command, flags);
  }

  // argv[1] is "metadata": CLI11 sees the rest, as if it were the program.
  try {
    app.parse(argc - 1, argv + 1);
  } catch (const CLI::ParseError& e) {
    std::ostringstream out;
    std::ostringstream err;
    const int code = app.exit(e, out, err);
    MetadataCommandLine result;
    if (code == 0) {
      result.message = out.str();
      return result;
    }
    return UsageError(err.str());
  }
  MetadataCliOptions options;
  if (std::optional<std::string> bad = ApplyFlags(flags, env, options)) {
    return UsageError(*bad);
  }
  options.command = export_command->parsed() ? MetadataCommand::kExport
                    : apply->parsed()        ? MetadataCommand::kApply
                    : diff->parsed()         ? MetadataCommand::kDiff
                    : list->parsed()         ? MetadataCommand::kInconsistencyList
                                             : MetadataCommand::kReload;
  MetadataCommandLine result;
  result.options = std::move(options);
  return result;
}

int RunMetadataCommand(const MetadataCliOptions& options, std::ostream& out, std::ostream& err) {
  const MetadataApi api(options);
  switch (options.command) {
    case MetadataCommand::kExport:
      return Export(options, api, out, err);
    case MetadataCommand::kApply:
      return Apply(options, api, out, err);
    case MetadataCommand::kDiff:
      return Diff(options, api, out, err);
    case MetadataCommand::kInconsistencyList:
      return ListInconsistencies(api, out, err);
    case MetadataCommand::kReload:
      return Reload(api, out, err);
  }
  return kFailureExitCode;
}

int MetadataMain(int argc, const char* const* argv, const EnvLookup& env, std::ostream& out,
                 std::ostream& err) {
  MetadataCommandLine command_line = ParseMetadataCommandLine(argc, argv, env);
  if (!command_line.options) {
    (command_line.exit_code == 0 ? out : err) << command_line.message;
    return command_line.exit_code;
  }
  return RunMetadataCommand(*command_line.options, out, err);
}

}  // namespace junction::app
