#include "app/config.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstdlib>
#include <functional>
#include <iterator>
#include <limits>
#include <sstream>
#include <system_error>
#include <vector>

#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include "app/version.h"

namespace junction::app {
namespace {

// One serve setting: its flag, its variables, and how a value is applied to the config.
struct Setting {
  std::string flag;        // "--port"
  std::string env;         // "JUNCTION_PORT"
  std::string hasura_env;  // "HASURA_GRAPHQL_SERVER_PORT", or empty
  std::string value_name;  // "PORT", for the help
  std::string description;
  // Applies `text`; false when it is not a valid value, which `expected` then describes.
  std::function<bool(const std::string& text, ServeConfig& config)> apply;
  std::string expected;
};

// A setting bound to its CLI11 option.
struct BoundSetting {
  Setting setting;
  std::string flag_value;
  CLI::Option* option = nullptr;
};

template <typename Integer>
std::optional<Integer> ParseInteger(std::string_view text, Integer min, Integer max) {
  Integer value{};
  const char* end = text.data() + text.size();
  auto [ptr, ec] = std::from_chars(text.data(), end, value);
  if (text.empty() || ec != std::errc() || ptr != end || value < min || value > max) {
    return std::nullopt;
  }
  return value;
}

// Sets `field` from an integer in [min, max].
template <typename Integer>
auto IntegerSetter(Integer server::ServerOptions::*field, Integer min, Integer max) {
  return [=](const std::string& text, ServeConfig& config) {
    std::optional<Integer> value = ParseInteger<Integer>(text, min, max);
    if (value) config.server.*field = *value;
    return value.has_value();
  };
}

// A boolean as Hasura reads its variables (parseStrAsBool): true, t, yes, y or false, f, no, n, in
// any case; nullopt for anything else.
std::optional<bool> ParseBool(std::string_view text) {
  std::string lower(text);
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (lower == "true" || lower == "t" || lower == "yes" || lower == "y") return true;
  if (lower == "false" || lower == "f" || lower == "no" || lower == "n") return false;
  return std::nullopt;
}

std::vector<Setting> ServeSettings() {
  std::vector<Setting> settings;
  settings.push_back({"--host", "JUNCTION_HOST", "HASURA_GRAPHQL_SERVER_HOST", "HOST",
                      "Address to listen on (default 127.0.0.1; * for every IPv4 interface)",
                      [](const std::string& text, ServeConfig& config) {
                        config.server.host = text;
                        return !text.empty();
                      },
                      "a host name or an IP address"});
  settings.push_back({"--port", "JUNCTION_PORT", "HASURA_GRAPHQL_SERVER_PORT", "PORT",
                      "Port to listen on (default 8080; 0 picks a free port)",
                      IntegerSetter<uint16_t>(&server::ServerOptions::port, 0, 65535),
                      "a port number from 0 to 65535"});
  settings.push_back({"--metadata-store", "JUNCTION_METADATA_STORE", "", "FILE|URL",
                      "Metadata file (default ./junction-metadata.json), or a postgres:// URL of a "
                      "database shared by several engines",
                      [](const std::string& text, ServeConfig& config) {
                        config.metadata_store = text;
                        return !text.empty();
                      },
                      "a file path or a postgres:// URL"});
  settings.push_back({"--metadata-dir", "JUNCTION_METADATA_DIR", "HASURA_GRAPHQL_METADATA_DIR",
                      "DIR",
                      "Serve the metadata directory DIR (Hasura's layout), read-only; "
                      "instead of --metadata-store",
                      [](const std::string& text, ServeConfig& config) {
                        config.metadata_dir = text;
                        return !text.empty();
                      },
                      "a directory path"});
  settings.push_back({"--admin-secret", "JUNCTION_ADMIN_SECRET", "HASURA_GRAPHQL_ADMIN_SECRET",
                      "SECRET",
                      "Admin secret; without one every request is admin (development only)",
                      [](const std::string& text, ServeConfig& config) {
                        config.admin_secret = text;
                        return true;
                      },
                      "a secret"});
  settings.push_back({"--jwt-secret", "JUNCTION_JWT_SECRET", "HASURA_GRAPHQL_JWT_SECRET", "JSON",
                      "JWT mode: the key or jwk_url and options, as Hasura's "
                      "HASURA_GRAPHQL_JWT_SECRET (needs --admin-secret)",
                      [](const std::string& text, ServeConfig& config) {
                        config.jwt_secret = text;
                        return !text.empty();
                      },
                      "a JSON object such as {\"type\": \"HS256\", \"key\": \"…\"}"});
  settings.push_back({"--auth-hook", "JUNCTION_AUTH_HOOK", "HASURA_GRAPHQL_AUTH_HOOK", "URL",
                      "Webhook mode: the http:// URL asked who each request is (needs "
                      "--admin-secret)",
                      [](const std::string& text, ServeConfig& config) {
                        config.auth_hook = text;
                        return text.starts_with("http://") || text.starts_with("https://");
                      },
                      "an http:// URL"});
  settings.push_back({"--auth-hook-mode", "JUNCTION_AUTH_HOOK_MODE",
                      "HASURA_GRAPHQL_AUTH_HOOK_MODE", "GET|POST",
                      "How the webhook is called: GET forwards the client's headers (the "
                      "default), POST sends them and the GraphQL request as JSON",
                      [](const std::string& text, ServeConfig& config) {
                        config.auth_hook_post = text == "POST";
                        return text == "GET" || text == "POST";
                      },
                      "GET or POST"});
  settings.push_back({"--auth-hook-timeout", "JUNCTION_AUTH_HOOK_TIMEOUT", "", "SECONDS",
                      "How long a request waits for the webhook's answer (default 10)",
                      [](const std::string& text, ServeConfig& config) {
                        std::optional<unsigned> seconds = ParseInteger<unsigned>(text, 1, 3600);
                        if (seconds) config.auth_hook_timeout_seconds = *seconds;
                        return seconds.has_value();
                      },
                      "a number of seconds from 1 to 3600"});
  settings.push_back({"--unauthorized-role", "JUNCTION_UNAUTHORIZED_ROLE",
                      "HASURA_GRAPHQL_UNAUTHORIZED_ROLE", "ROLE",
                      "The role of requests without credentials (admin-secret and JWT modes)",
                      [](const std::string& text, ServeConfig& config) {
                        config.unauthorized_role = text;
                        return !text.empty();
                      },
                      "a role name"});
  settings.push_back({"--max-body-size", "JUNCTION_MAX_BODY_SIZE", "", "BYTES",
                      "Largest request body, e.g. 10MiB (the default); larger bodies get 413",
                      [](const std::string& text, ServeConfig& config) {
                        std::optional<size_t> bytes = ParseByteSize(text);
                        if (bytes) config.server.max_body_bytes = *bytes;
                        return bytes.has_value();
                      },
                      "a size such as 10485760, 512KiB or 10MiB (at most 1GiB)"});
  settings.push_back(
      {"--max-connections", "JUNCTION_MAX_CONNECTIONS", "", "N",
       "Connections served at once (default 10000); beyond it new ones wait to be accepted",
       IntegerSetter<size_t>(&server::ServerOptions::max_connections, 1, 1'000'000),
       "a number from 1 to 1000000"});
  settings.push_back({"--threads", "JUNCTION_THREADS", "", "N",
                      "Worker threads (default 0: one per core)",
                      IntegerSetter<unsigned>(&server::ServerOptions::threads, 0, 1024),
                      "a number from 0 (one per core) to 1024"});
  settings.push_back({"--remote-join-batch-size", "JUNCTION_REMOTE_JOIN_BATCH_SIZE", "", "N",
                      "Most join keys one statement of a remote join carries (default 10000)",
                      [](const std::string& text, ServeConfig& config) {
                        std::optional<size_t> size = ParseInteger<size_t>(text, 1, 1'000'000);
                        if (size) config.remote_join_batch_size = *size;
                        return size.has_value();
                      },
                      "a number from 1 to 1000000"});
  settings.push_back(
      {"--enabled-log-types", "JUNCTION_ENABLED_LOG_TYPES", "HASURA_GRAPHQL_ENABLED_LOG_TYPES",
       "TYPES",
       "Comma-separated log types; query-log adds a line per database statement (the others are "
       "always on)",
       [](const std::string& text, ServeConfig& config) {
         static constexpr std::string_view kLogTypes[] = {"startup",
                                                          "http-log",
                                                          "webhook-log",
                                                          "websocket-log",
                                                          "query-log",
                                                          "execution-log",
                                                          "livequery-poller-log",
                                                          "action-handler-log",
                                                          "data-connector-log",
                                                          "jwk-refresh-log",
                                                          "validate-input-log"};
         config.query_log = false;
         size_t begin = 0;
         while (begin <= text.size()) {
           size_t end = text.find(',', begin);
           if (end == std::string::npos) end = text.size();
           std::string_view type = std::string_view(text).substr(begin, end - begin);
           while (!type.empty() && type.front() == ' ') type.remove_prefix(1);
           while (!type.empty() && type.back() == ' ') type.remove_suffix(1);
           if (std::find(std::begin(kLogTypes), std::end(kLogTypes), type) == std::end(kLogTypes)) {
             return false;
           }
           if (type == "query-log") config.query_log = true;
           begin = end + 1;
         }
         return true;
       },
       "a comma-separated list of Hasura's log types (startup, http-log, query-log, …)"});
  settings.push_back({"--enable-console", "JUNCTION_ENABLE_CONSOLE",
                      "HASURA_GRAPHQL_ENABLE_CONSOLE", "true|false",
                      "Serve the web console at /console and redirect / there (default true, "
                      "unlike Hasura's server: its APIs still need the admin secret)",
                      [](const std::string& text, ServeConfig& config) {
                        const std::optional<bool> enable = ParseBool(text);
                        if (enable) config.enable_console = *enable;
                        return enable.has_value();
                      },
                      "true or false (or Hasura's t, yes, y, f, no, n)"});
  // No Hasura alias: its HASURA_GRAPHQL_CONSOLE_ASSETS_DIR names the directory of Hasura's own
  // console (its images set it), which a copied environment would point this engine at.
  settings.push_back({"--console-assets-dir", "JUNCTION_CONSOLE_ASSETS_DIR", "", "DIR",
                      "The console's built files (default: console/dist beside the directory "
                      "holding the junction executable, where `npm run build --prefix console` "
                      "writes them)",
                      [](const std::string& text, ServeConfig& config) {
                        config.console_assets_dir = text;
                        return !text.empty();
                      },
                      "a directory path"});
  settings.push_back({"--log-level", "JUNCTION_LOG_LEVEL", "HASURA_GRAPHQL_LOG_LEVEL", "LEVEL",
                      "debug, info (the default), warn or error",
                      [](const std::string& text, ServeConfig& config) {
                        config.log_level = text;
                        return text == "debug" || text == "info" || text == "warn" ||
                               text == "error";
                      },
                      "one of debug, info, warn, error"});
  return settings;
}

// Applies every setting given by flag or environment; the first bad value is a message.
std::optional<std::string> ApplySettings(const std::vector<BoundSetting>& bound_settings,
                                         const EnvLookup& env, ServeConfig& config) {
  for (const auto& [setting, flag_value, option] : bound_settings) {
    std::string value;
    std::string source;
    if (option->count() > 0) {
      value = flag_value;
      source = setting.flag;
    } else {
      for (const std::string* name : {&setting.env, &setting.hasura_env}) {
        if (name->empty()) continue;
        std::optional<std::string> found = env(*name);
        if (!found || found->empty()) continue;
        value = std::move(*found);
        source = *name;
        break;
      }
      if (source.empty()) continue;  // the default stands
    }
    if (!setting.apply(value, config)) {
      return fmt::format("invalid value \"{}\" for {}: expected {}", value, source,
                         setting.expected);
    }
  }
  return std::nullopt;
}

// Where the metadata comes from: a store (file or Postgres) or a directory, not both; --watch
// only with a directory. Sets config.watch from the flag or JUNCTION_WATCH (true or false).
std::optional<std::string> CheckMetadataSource(bool watch, const EnvLookup& env,
                                               ServeConfig& config) {
  if (std::optional<std::string> value = env("JUNCTION_WATCH");
      !watch && value && !value->empty()) {
    if (*value != "true" && *value != "false") {
      return "invalid value \"" + *value + "\" for JUNCTION_WATCH: expected true or false";
    }
    watch = *value == "true";
  }
  if (!config.metadata_dir.empty() && config.metadata_store != kDefaultMetadataStore) {
    return std::string(
        "--metadata-dir and --metadata-store exclude each other: metadata comes "
        "from one place");
  }
  if (watch && config.metadata_dir.empty()) {
    return std::string("--watch needs --metadata-dir: it watches that directory");
  }
  config.watch = watch;
  return std::nullopt;
}

std::string EnvHelp(const Setting& setting) {
  std::string text = "env: " + setting.env;
  if (!setting.hasura_env.empty()) text += ", " + setting.hasura_env;
  return text;
}

}  // namespace

bool IsPostgresUrl(std::string_view store) {
  return store.starts_with("postgres://") || store.starts_with("postgresql://");
}

std::filesystem::path ConsoleAssetsDirBeside(const std::filesystem::path& executable) {
  return (executable.parent_path().parent_path() / "console" / "dist").lexically_normal();
}

std::filesystem::path DefaultConsoleAssetsDir() {
  std::error_code ec;
  const std::filesystem::path executable = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (ec || executable.empty()) return std::filesystem::path("console") / "dist";
  return ConsoleAssetsDirBeside(executable);
}

std::optional<std::string> ProcessEnvironment(const std::string& name) {
  const char* value = std::getenv(name.c_str());
  if (value == nullptr) return std::nullopt;
  return std::string(value);
}

std::optional<size_t> ParseByteSize(std::string_view text) {
  size_t digits = 0;
  while (digits < text.size() && std::isdigit(static_cast<unsigned char>(text[digits]))) {
    ++digits;
  }
  auto number =
      ParseInteger<uint64_t>(text.substr(0, digits), 1, std::numeric_limits<uint64_t>::max());
  if (!number) return std::nullopt;
  std::string unit;
  for (char c : text.substr(digits)) unit.push_back(static_cast<char>(std::tolower(c)));
  int shift = 0;
  if (unit.empty() || unit == "b") {
    shift = 0;
  } else if (unit == "k" || unit == "kib") {
    shift = 10;
  } else if (unit == "m" || unit == "mib") {
    shift = 20;
  } else if (unit == "g" || unit == "gib") {
    shift = 30;
  } else {
    return std::nullopt;
  }
  constexpr uint64_t kMax = uint64_t{1} << 30;  // 1 GiB: the body is held in memory
  if (*number > (kMax >> shift)) return std::nullopt;
  return static_cast<size_t>(*number << shift);
}

CommandLine ParseCommandLine(int argc, const char* const* argv, const EnvLookup& env) {
  CLI::App app{
      "Junction: a GraphQL engine over several databases and GraphQL services, with "
      "Hasura-compatible APIs.",
      "junction"};
  app.require_subcommand(1);
  app.set_version_flag("--version", std::string(Version()));

  CLI::App* serve = app.add_subcommand("serve", "Start the GraphQL engine");
  std::vector<BoundSetting> settings;
  for (Setting& setting : ServeSettings()) settings.push_back({std::move(setting), "", nullptr});
  for (BoundSetting& bound : settings) {  // the vector no longer grows: addresses are stable
    const Setting& setting = bound.setting;
    bound.option = serve->add_option(setting.flag, bound.flag_value,
                                     setting.description + " [" + EnvHelp(setting) + "]");
    bound.option->type_name(setting.value_name);
  }
  bool watch = false;
  serve->add_flag("--watch", watch,
                  "With --metadata-dir: serve the directory's changes as its files change (an "
                  "invalid edit is logged and the last good metadata keeps serving) [env: "
                  "JUNCTION_WATCH]");
  CLI::App* version = app.add_subcommand("version", "Print the version and exit");
  app.footer(
      "Also: junction metadata export|apply|diff|inconsistency list|reload — the metadata of a\n"
      "running engine as a directory of YAML files (see junction metadata --help)");

  CommandLine result;
  if (argc > 1 && argv[1][0] != '-' && std::string_view(argv[1]) != "serve" &&
      std::string_view(argv[1]) != "version") {
    result.exit_code = kUsageErrorExitCode;
    result.message = fmt::format(
        "unknown command \"{}\": expected serve, version or metadata\nRun with --help for more "
        "information.\n",
        argv[1]);
    return result;
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    std::ostringstream out;
    std::ostringstream err;
    const int code = app.exit(e, out, err);
    if (code == 0) {  // --help or --version
      result.message = out.str();
      return result;
    }
    result.exit_code = kUsageErrorExitCode;
    result.message = err.str();
    return result;
  }

  if (version->parsed()) {
    result.command = Command::kVersion;
    return result;
  }
  if (std::optional<std::string> bad = ApplySettings(settings, env, result.serve)) {
    result.exit_code = kUsageErrorExitCode;
    result.message = *bad + "\n";
    return result;
  }
  if (std::optional<std::string> bad = CheckMetadataSource(watch, env, result.serve)) {
    result.exit_code = kUsageErrorExitCode;
    result.message = *bad + "\n";
    return result;
  }
  result.command = Command::kServe;
  return result;
}

}  // namespace junction::app
