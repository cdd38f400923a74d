// The command line contract: defaults, flag > JUNCTION_* > HASURA_GRAPHQL_* precedence, and
// usage errors (exit code 2) that name where the bad value came from.

#include "app/config.h"

#include <map>
#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace junction::app {
namespace {

using Env = std::map<std::string, std::string>;

CommandLine Parse(std::vector<std::string> args, const Env& env = {}) {
  args.insert(args.begin(), "junction");
  std::vector<const char*> argv;
  for (const std::string& arg : args) argv.push_back(arg.c_str());
  return ParseCommandLine(static_cast<int>(argv.size()), argv.data(),
                          [&](const std::string& name) -> std::optional<std::string> {
                            auto it = env.find(name);
                            if (it == env.end()) return std::nullopt;
                            return it->second;
                          });
}

TEST(ParseCommandLine, ServeDefaults) {
  CommandLine parsed = Parse({"serve"});
  ASSERT_EQ(parsed.command, Command::kServe) << parsed.message;
  EXPECT_EQ(parsed.serve.server.host, "127.0.0.1");
  EXPECT_EQ(parsed.serve.server.port, 8080);
  EXPECT_EQ(parsed.serve.metadata_store, "./junction-metadata.json");
  EXPECT_EQ(parsed.serve.admin_secret, "");
  EXPECT_EQ(parsed.serve.log_level, "info");
  EXPECT_EQ(parsed.serve.server.max_body_bytes, 10u * 1024 * 1024);
  EXPECT_EQ(parsed.serve.server.max_connections, server::kDefaultMaxConnections);
  EXPECT_EQ(parsed.serve.server.threads, 0u);
  EXPECT_EQ(parsed.serve.remote_join_batch_size, 10000u);
}

TEST(ParseCommandLine, FlagsSetEveryServeSetting) {
  CommandLine parsed =
      Parse({"serve", "--host", "0.0.0.0", "--port", "9000", "--metadata-store", "/tmp/m.json",
             "--admin-secret", "s3cret", "--max-body-size", "2MiB", "--max-connections", "50",
             "--threads", "3", "--log-level", "debug", "--remote-join-batch-size", "500"});
  ASSERT_EQ(parsed.command, Command::kServe) << parsed.message;
  EXPECT_EQ(parsed.serve.server.host, "0.0.0.0");
  EXPECT_EQ(parsed.serve.server.port, 9000);
  EXPECT_EQ(parsed.serve.metadata_store, "/tmp/m.json");
  EXPECT_EQ(parsed.serve.admin_secret, "s3cret");
  EXPECT_EQ(parsed.serve.server.max_body_bytes, 2u * 1024 * 1024);
  EXPECT_EQ(parsed.serve.server.max_connections, 50u);
  EXPECT_EQ(parsed.serve.server.threads, 3u);
  EXPECT_EQ(parsed.serve.log_level, "debug");
  EXPECT_EQ(parsed.serve.remote_join_batch_size, 500u);
}

TEST(ParseCommandLine, FlagsAcceptTheEqualsForm) {
  CommandLine parsed = Parse({"serve", "--port=0", "--host=localhost"});
  ASSERT_EQ(parsed.command, Command::kServe) << parsed.message;
  EXPECT_EQ(parsed.serve.server.port, 0);
  EXPECT_EQ(parsed.serve.server.host, "localhost");
}

TEST(ParseCommandLine, JunctionVariablesSetEveryServeSetting) {
  CommandLine parsed = Parse({"serve"}, {{"JUNCTION_HOST", "::1"},
                                         {"JUNCTION_PORT", "9001"},
                                         {"JUNCTION_METADATA_STORE", "meta.json"},
                                         {"JUNCTION_ADMIN_SECRET", "env-secret"},
                                         {"JUNCTION_MAX_BODY_SIZE", "4096"},
                                         {"JUNCTION_MAX_CONNECTIONS", "7"},
                                         {"JUNCTION_THREADS", "2"},
                                         {"JUNCTION_LOG_LEVEL", "warn"}});
  ASSERT_EQ(parsed.command, Command::kServe) << parsed.message;
  EXPECT_EQ(parsed.serve.server.host, "::1");
  EXPECT_EQ(parsed.serve.server.port, 9001);
  EXPECT_EQ(parsed.serve.metadata_store, "meta.json");
  EXPECT_EQ(parsed.serve.admin_secret, "env-secret");
  EXPECT_EQ(parsed.serve.server.max_body_bytes, 4096u);
  EXPECT_EQ(parsed.serve.server.max_connections, 7u);
  EXPECT_EQ(parsed.serve.server.threads, 2u);
  EXPECT_EQ(parsed.serve.log_level, "warn");
}

TEST(ParseCommandLine, HasuraAliasesApplyWhenNothingElseIsGiven) {
  CommandLine parsed = Parse({"serve"}, {{"HASURA_GRAPHQL_SERVER_HOST", "10.0.0.1"},
                                         {"HASURA_GRAPHQL_SERVER_PORT", "9002"},
                                         {"HASURA_GRAPHQL_ADMIN_SECRET", "hasura-secret"},
                                         {"HASURA_GRAPHQL_LOG_LEVEL", "error"}});
  ASSERT_EQ(parsed.command, Command::kServe) << parsed.message;
  EXPECT_EQ(parsed.serve.server.host, "10.0.0.1");
  EXPECT_EQ(parsed.serve.server.port, 9002);
  EXPECT_EQ(parsed.serve.admin_secret, "hasura-secret");
  EXPECT_EQ(parsed.serve.log_level, "error");
}

TEST(ParseCommandLine, MetadataStoreHasNoHasuraAlias) {
  CommandLine parsed = Parse({"serve"}, {{"HASURA_GRAPHQL_METADATA_STORE", "x.json"}});
  ASSERT_EQ(parsed.command, Command::kServe) << parsed.message;
  EXPECT_EQ(parsed.serve.metadata_store, "./junction-metadata.json");
}

TEST(ParseCommandLine, MetadataDirectoryAndWatch) {
  CommandLine parsed = Parse({"serve", "--metadata-dir", "meta", "--watch"});
  ASSERT_EQ(parsed.command, Command::kServe) << parsed.message;
  EXPECT_EQ(parsed.serve.metadata_dir, "meta");
  EXPECT_TRUE(parsed.serve.watch);

  parsed = Parse({"serve"},
                 {{"HASURA_GRAPHQL_METADATA_DIR", "hasura-meta"}, {"JUNCTION_WATCH", "true"}});
  ASSERT_EQ(parsed.command, Command::kServe) << parsed.message;
  EXPECT_EQ(parsed.serve.metadata_dir, "hasura-meta");
  EXPECT_TRUE(parsed.serve.watch);

  parsed = Parse({"serve", "--metadata-dir", "meta"});
  EXPECT_FALSE(parsed.serve.watch);
}

TEST(ParseCommandLine, MetadataComesFromOnePlace) {
  CommandLine parsed = Parse({"serve", "--metadata-dir", "meta", "--metadata-store", "m.json"});
  EXPECT_EQ(parsed.exit_code, kUsageErrorExitCode);
  EXPECT_NE(parsed.message.find("exclude each other"), std::string::npos) << parsed.message;

  parsed = Parse({"serve", "--metadata-dir", "meta"}, {{"JUNCTION_METADATA_STORE", "m.json"}});
  EXPECT_EQ(parsed.exit_code, kUsageErrorExitCode);

  parsed = Parse({"serve", "--watch"});
  EXPECT_EQ(parsed.exit_code, kUsageErrorExitCode);
  EXPECT_NE(parsed.message.find("--watch needs --metadata-dir"), std::string::npos);

  parsed = Parse({"serve", "--metadata-dir", "meta"}, {{"JUNCTION_WATCH", "yes"}});
  EXPECT_EQ(parsed.exit_code, kUsageErrorExitCode);
  EXPECT_NE(parsed.message.find("JUNCTION_WATCH"), std::string::npos);
}

TEST(IsPostgresUrl, NamesPostgresSchemesOnly) {
  EXPECT_TRUE(IsPostgresUrl("postgres://u:p@127.0.0.1:5432/meta"));
  EXPECT_TRUE(IsPostgresUrl("postgresql://localhost/meta"));
  EXPECT_FALSE(IsPostgresUrl("./junction-metadata.json"));
  EXPECT_FALSE(IsPostgresUrl("postgres.json"));
}

TEST(ParseCommandLine, FlagBeatsJunctionBeatsHasura) {
  const Env all = {{"JUNCTION_PORT", "2"},
                   {"HASURA_GRAPHQL_SERVER_PORT", "3"},
                   {"JUNCTION_ADMIN_SECRET", "junction"},
                   {"HASURA_GRAPHQL_ADMIN_SECRET", "hasura"},
                   {"JUNCTION_HOST", "junction-host"},
                   {"HASURA_GRAPHQL_SERVER_HOST", "hasura-host"}};
  CommandLine flags = Parse({"serve", "--port", "1", "--admin-secret", "flag", "--host", "h"}, all);
  ASSERT_EQ(flags.command, Command::kServe) << flags.message;
  EXPECT_EQ(flags.serve.server.port, 1);
  EXPECT_EQ(flags.serve.admin_secret, "flag");
  EXPECT_EQ(flags.serve.server.host, "h");

  CommandLine junction = Parse({"serve"}, all);
  ASSERT_EQ(junction.command, Command::kServe) << junction.message;
  EXPECT_EQ(junction.serve.server.port, 2);
  EXPECT_EQ(junction.serve.admin_secret, "junction");
  EXPECT_EQ(junction.serve.server.host, "junction-host");
}

TEST(ParseCommandLine, EmptyVariablesCountAsUnset) {
  CommandLine parsed =
      Parse({"serve"},
            {{"JUNCTION_PORT", ""}, {"HASURA_GRAPHQL_SERVER_PORT", "9003"}, {"JUNCTION_HOST", ""}});
  ASSERT_EQ(parsed.command, Command::kServe) << parsed.message;
  EXPECT_EQ(parsed.serve.server.port, 9003);
  EXPECT_EQ(parsed.serve.server.host, "127.0.0.1");
}

TEST(ParseCommandLine, VersionCommand) { EXPECT_EQ(Parse({"version"}).command, Command::kVersion); }

TEST(ParseCommandLine, HelpExitsZeroWithUsage) {
  CommandLine top = Parse({"--help"});
  EXPECT_EQ(top.command, Command::kExit);
  EXPECT_EQ(top.exit_code, 0);
  EXPECT_NE(top.message.find("serve"), std::string::npos);
  EXPECT_NE(top.message.find("version"), std::string::npos);

  CommandLine serve = Parse({"serve", "--help"});
  EXPECT_EQ(serve.command, Command::kExit);
  EXPECT_EQ(serve.exit_code, 0);
  EXPECT_NE(serve.message.find("--metadata-store"), std::string::npos);
  EXPECT_NE(serve.message.find("HASURA_GRAPHQL_ADMIN_SECRET"), std::string::npos);
}

// A usage error: exit code 2 and a message holding each of `needles`.
void ExpectUsageError(const CommandLine& parsed, std::vector<std::string> needles) {
  EXPECT_EQ(parsed.command, Command::kExit);
  EXPECT_EQ(parsed.exit_code, kUsageErrorExitCode);
  for (const std::string& needle : needles) {
    EXPECT_NE(parsed.message.find(needle), std::string::npos)
        << "\"" << needle << "\" not in: " << parsed.message;
  }
}

TEST(ParseCommandLine, BadPortIsAUsageErrorNamingItsSource) {
  ExpectUsageError(Parse({"serve", "--port", "abc"}), {"\"abc\"", "--port", "0 to 65535"});
  ExpectUsageError(Parse({"serve", "--port", "65536"}), {"--port"});
  ExpectUsageError(Parse({"serve", "--port", "-1"}), {"--port"});
  ExpectUsageError(Parse({"serve", "--port", "80x"}), {"--port"});
  ExpectUsageError(Parse({"serve"}, {{"JUNCTION_PORT", "http"}}), {"JUNCTION_PORT"});
  ExpectUsageError(Parse({"serve"}, {{"HASURA_GRAPHQL_SERVER_PORT", "1e3"}}),
                   {"HASURA_GRAPHQL_SERVER_PORT"});
}

TEST(ParseCommandLine, BadValueInALowerSourceIsIgnoredWhenAHigherOneIsGiven) {
  CommandLine parsed = Parse({"serve", "--port", "1"}, {{"JUNCTION_PORT", "bad"}});
  ASSERT_EQ(parsed.command, Command::kServe) << parsed.message;
  EXPECT_EQ(parsed.serve.server.port, 1);
}

TEST(ParseCommandLine, OtherBadValuesAreUsageErrors) {
  ExpectUsageError(Parse({"serve", "--host", ""}), {"--host"});
  ExpectUsageError(Parse({"serve", "--metadata-store", ""}), {"--metadata-store"});
  ExpectUsageError(Parse({"serve", "--max-body-size", "0"}), {"--max-body-size"});
  ExpectUsageError(Parse({"serve", "--max-body-size", "10XB"}), {"--max-body-size"});
  ExpectUsageError(Parse({"serve", "--max-connections", "0"}), {"--max-connections"});
  ExpectUsageError(Parse({"serve", "--threads", "many"}), {"--threads"});
  ExpectUsageError(Parse({"serve", "--log-level", "verbose"}),
                   {"--log-level", "debug, info, warn, error"});
  ExpectUsageError(Parse({"serve"}, {{"HASURA_GRAPHQL_LOG_LEVEL", "INFO"}}),
                   {"HASURA_GRAPHQL_LOG_LEVEL"});
}

TEST(ParseCommandLine, EnabledLogTypesTurnOnTheQueryLog) {
  EXPECT_FALSE(Parse({"serve"}).serve.query_log);
  EXPECT_TRUE(
      Parse({"serve", "--enabled-log-types", "startup, http-log,query-log"}).serve.query_log);
  EXPECT_FALSE(
      Parse({"serve"}, {{"HASURA_GRAPHQL_ENABLED_LOG_TYPES", "startup,http-log"}}).serve.query_log);
  EXPECT_TRUE(
      Parse({"serve"}, {{"HASURA_GRAPHQL_ENABLED_LOG_TYPES", "query-log"}}).serve.query_log);
  ExpectUsageError(Parse({"serve", "--enabled-log-types", "query-log,sql-log"}),
                   {"--enabled-log-types"});
}

TEST(ParseCommandLine, UnknownFlagsCommandsAndMissingValuesAreUsageErrors) {
  ExpectUsageError(Parse({"serve", "--verbose"}), {"--verbose"});
  ExpectUsageError(Parse({"serve", "--port"}), {"--port"});
  ExpectUsageError(Parse({"launch"}), {"launch"});
  ExpectUsageError(Parse({}), {});
  ExpectUsageError(Parse({"serve", "extra"}), {"extra"});
}

TEST(ParseByteSize, AcceptsBytesAndBinaryUnits) {
  EXPECT_EQ(ParseByteSize("1"), 1u);
  EXPECT_EQ(ParseByteSize("10485760"), 10485760u);
  EXPECT_EQ(ParseByteSize("512KiB"), 512u * 1024);
  EXPECT_EQ(ParseByteSize("512k"), 512u * 1024);
  EXPECT_EQ(ParseByteSize("10MiB"), 10u * 1024 * 1024);
  EXPECT_EQ(ParseByteSize("10m"), 10u * 1024 * 1024);
  EXPECT_EQ(ParseByteSize("1GiB"), 1024u * 1024 * 1024);
  EXPECT_EQ(ParseByteSize("100b"), 100u);
}

TEST(ParseByteSize, RejectsMalformedZeroAndHuge) {
  EXPECT_EQ(ParseByteSize(""), std::nullopt);
  EXPECT_EQ(ParseByteSize("0"), std::nullopt);
  EXPECT_EQ(ParseByteSize("MiB"), std::nullopt);
  EXPECT_EQ(ParseByteSize("1.5MiB"), std::nullopt);
  EXPECT_EQ(ParseByteSize("-1"), std::nullopt);
  EXPECT_EQ(ParseByteSize("10 MiB"), std::nullopt);
  EXPECT_EQ(ParseByteSize("10TiB"), std::nullopt);
  EXPECT_EQ(ParseByteSize("2GiB"), std::nullopt);
  EXPECT_EQ(ParseByteSize("99999999999999999999999"), std::nullopt);
}

TEST(ParseCommandLine, AuthenticationModes) {
  CommandLine parsed = Parse({"serve"});
  ASSERT_EQ(parsed.command, Command::kServe) << parsed.message;
  EXPECT_EQ(parsed.serve.jwt_secret, "");
  EXPECT_EQ(parsed.serve.auth_hook, "");
  EXPECT_FALSE(parsed.serve.auth_hook_post);
  EXPECT_EQ(parsed.serve.auth_hook_timeout_seconds, 10u);
  EXPECT_EQ(parsed.serve.unauthorized_role, "");

  parsed = Parse({"serve", "--jwt-secret", R"({"type":"HS256","key":"k"})", "--unauthorized-role",
                  "anonymous"});
  ASSERT_EQ(parsed.command, Command::kServe) << parsed.message;
  EXPECT_EQ(parsed.serve.jwt_secret, R"({"type":"HS256","key":"k"})");
  EXPECT_EQ(parsed.serve.unauthorized_role, "anonymous");

  parsed = Parse({"serve"}, {{"HASURA_GRAPHQL_AUTH_HOOK", "http://hasura-hook/"},
                             {"JUNCTION_AUTH_HOOK", "http://junction-hook/"},
                             {"HASURA_GRAPHQL_AUTH_HOOK_MODE", "POST"},
                             {"JUNCTION_AUTH_HOOK_TIMEOUT", "3"},
                             {"HASURA_GRAPHQL_UNAUTHORIZED_ROLE", "guest"},
                             {"HASURA_GRAPHQL_JWT_SECRET", "{}"}});
  ASSERT_EQ(parsed.command, Command::kServe) << parsed.message;
  EXPECT_EQ(parsed.serve.auth_hook, "http://junction-hook/");
  EXPECT_TRUE(parsed.serve.auth_hook_post);
  EXPECT_EQ(parsed.serve.auth_hook_timeout_seconds, 3u);
  EXPECT_EQ(parsed.serve.unauthorized_role, "guest");
  EXPECT_EQ(parsed.serve.jwt_secret, "{}") << "the modes' combination is checked by serve";

  parsed = Parse({"serve", "--auth-hook-mode", "PUT"});
  EXPECT_EQ(parsed.exit_code, kUsageErrorExitCode);
  EXPECT_NE(parsed.message.find("--auth-hook-mode"), std::string::npos) << parsed.message;
  parsed = Parse({"serve", "--auth-hook", "ftp://x"});
  EXPECT_EQ(parsed.exit_code, kUsageErrorExitCode);
  parsed = Parse({"serve", "--auth-hook-timeout", "0"});
  EXPECT_EQ(parsed.exit_code, kUsageErrorExitCode);
}

TEST(ParseCommandLine, HelpListsTheAuthenticationOptions) {
  CommandLine parsed = Parse({"serve", "--help"});
  for (const char* flag : {"--jwt-secret", "--auth-hook", "--auth-hook-mode", "--auth-hook-timeout",
                           "--unauthorized-role", "HASURA_GRAPHQL_JWT_SECRET"}) {
    EXPECT_NE(parsed.message.find(flag), std::string::npos) << flag;
  }
}

TEST(ParseCommandLine, ConsoleIsOnByDefaultWithItsFilesBesideTheBuild) {
  CommandLine parsed = Parse({"serve"});
  ASSERT_EQ(parsed.command, Command::kServe) << parsed.message;
  EXPECT_TRUE(parsed.serve.enable_console);
  EXPECT_EQ(parsed.serve.console_assets_dir, "");  // DefaultConsoleAssetsDir() at start-up
}

TEST(ParseCommandLine, ConsoleFlagsAndVariables) {
  CommandLine flags =
      Parse({"serve", "--enable-console", "false", "--console-assets-dir", "/srv/console"});
  ASSERT_EQ(flags.command, Command::kServe) << flags.message;
  EXPECT_FALSE(flags.serve.enable_console);
  EXPECT_EQ(flags.serve.console_assets_dir, "/srv/console");

  CommandLine junction = Parse({"serve"}, {{"JUNCTION_ENABLE_CONSOLE", "false"},
                                           {"JUNCTION_CONSOLE_ASSETS_DIR", "dist"},
                                           {"HASURA_GRAPHQL_ENABLE_CONSOLE", "true"}});
  ASSERT_EQ(junction.command, Command::kServe) << junction.message;
  EXPECT_FALSE(junction.serve.enable_console);
  EXPECT_EQ(junction.serve.console_assets_dir, "dist");

  // Hasura's variable names its own console's files: not read, or a copied environment would
  // point the engine at them.
  CommandLine hasura =
      Parse({"serve"}, {{"HASURA_GRAPHQL_ENABLE_CONSOLE", "false"},
                        {"HASURA_GRAPHQL_CONSOLE_ASSETS_DIR", "/srv/console-assets"}});
  ASSERT_EQ(hasura.command, Command::kServe) << hasura.message;
  EXPECT_FALSE(hasura.serve.enable_console);
  EXPECT_EQ(hasura.serve.console_assets_dir, "");

  EXPECT_TRUE(Parse({"serve", "--enable-console", "true"}).serve.enable_console);
}

TEST(ParseCommandLine, EnableConsoleReadsHasurasBooleans) {
  for (const char* yes : {"true", "TRUE", "t", "Yes", "y"}) {
    CommandLine parsed = Parse({"serve"}, {{"HASURA_GRAPHQL_ENABLE_CONSOLE", yes}});
    ASSERT_EQ(parsed.command, Command::kServe) << yes << ": " << parsed.message;
    EXPECT_TRUE(parsed.serve.enable_console) << yes;
  }
  for (const char* no : {"false", "False", "f", "NO", "n"}) {
    CommandLine parsed = Parse({"serve"}, {{"HASURA_GRAPHQL_ENABLE_CONSOLE", no}});
    ASSERT_EQ(parsed.command, Command::kServe) << no << ": " << parsed.message;
    EXPECT_FALSE(parsed.serve.enable_console) << no;
  }
}

TEST(ParseCommandLine, BadConsoleValuesAreUsageErrors) {
  ExpectUsageError(Parse({"serve", "--enable-console", "maybe"}),
                   {"--enable-console", "true or false"});
  ExpectUsageError(Parse({"serve"}, {{"HASURA_GRAPHQL_ENABLE_CONSOLE", "on"}}),
                   {"HASURA_GRAPHQL_ENABLE_CONSOLE"});
  ExpectUsageError(Parse({"serve", "--console-assets-dir", ""}), {"--console-assets-dir"});
}

TEST(ParseCommandLine, HelpNamesTheConsoleOptionsAndTheDefault) {
  CommandLine serve = Parse({"serve", "--help"});
  EXPECT_NE(serve.message.find("--enable-console"), std::string::npos);
  EXPECT_NE(serve.message.find("HASURA_GRAPHQL_ENABLE_CONSOLE"), std::string::npos);
  EXPECT_NE(serve.message.find("--console-assets-dir"), std::string::npos);
  EXPECT_NE(serve.message.find("unlike Hasura"), std::string::npos);
}

TEST(ConsoleAssetsDir, IsConsoleDistBesideTheBuildDirectory) {
  EXPECT_EQ(ConsoleAssetsDirBeside("/repo/build/junction"), "/repo/console/dist");
  EXPECT_EQ(ConsoleAssetsDirBeside("/repo/build-h1/junction"), "/repo/console/dist");
  // This test binary lives in <build>/src/app, so its default is <build>/src/console/dist.
  const std::filesystem::path self = std::filesystem::read_symlink("/proc/self/exe");
  EXPECT_EQ(DefaultConsoleAssetsDir(), self.parent_path().parent_path() / "console" / "dist");
}

}  // namespace
}  // namespace junction::app
