#include "app/metadata_cli.h"

#include <utility>  // before the Asio headers (Boost 1.74 with GCC 12)

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <vector>

#include <gtest/gtest.h>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>

namespace junction::app {
namespace {

using Env = std::map<std::string, std::string>;

EnvLookup Lookup(Env env) {
  return [env = std::move(env)](const std::string& name) -> std::optional<std::string> {
    const auto it = env.find(name);
    if (it == env.end()) return std::nullopt;
    return it->second;
  };
}

MetadataCommandLine Parse(std::vector<const char*> args, Env env = {}) {
  args.insert(args.begin(), {"junction", "metadata"});
  return ParseMetadataCommandLine(static_cast<int>(args.size()), args.data(), Lookup(env));
}

TEST(MetadataCommandLineTest, Defaults) {
  MetadataCommandLine line = Parse({"apply"});
  ASSERT_TRUE(line.options) << line.message;
  EXPECT_EQ(line.options->command, MetadataCommand::kApply);
  EXPECT_EQ(line.options->endpoint, (Url{"http", "localhost", 8080, ""}));
  EXPECT_EQ(line.options->admin_secret, "");
  EXPECT_EQ(line.options->dir, "metadata");
  EXPECT_EQ(line.options->timeout, std::chrono::seconds(30));
}

TEST(MetadataCommandLineTest, Subcommands) {
  EXPECT_EQ(Parse({"export", "--dir", "out"}).options->command, MetadataCommand::kExport);
  EXPECT_EQ(Parse({"export", "--dir", "out"}).options->dir, "out");
  EXPECT_EQ(Parse({"diff"}).options->command, MetadataCommand::kDiff);
  EXPECT_EQ(Parse({"inconsistency", "list"}).options->command, MetadataCommand::kInconsistencyList);
  EXPECT_EQ(Parse({"reload", "--timeout", "5"}).options->command, MetadataCommand::kReload);
  EXPECT_EQ(Parse({"reload", "--timeout", "5"}).options->timeout, std::chrono::seconds(5));
}

TEST(MetadataCommandLineTest, FlagThenJunctionThenHasuraVariables) {
  const Env both = {{"JUNCTION_ENDPOINT", "http://junction:1"},
                    {"HASURA_GRAPHQL_ENDPOINT", "http://hasura:2"},
                    {"JUNCTION_ADMIN_SECRET", "j"},
                    {"HASURA_GRAPHQL_ADMIN_SECRET", "h"}};
  MetadataCommandLine line =
      Parse({"diff", "--endpoint", "https://flag/p", "--admin-secret", "f"}, both);
  ASSERT_TRUE(line.options) << line.message;
  EXPECT_EQ(line.options->endpoint, (Url{"https", "flag", 443, "/p"}));
  EXPECT_EQ(line.options->admin_secret, "f");
  line = Parse({"diff"}, both);
  EXPECT_EQ(line.options->endpoint.host, "junction");
  EXPECT_EQ(line.options->admin_secret, "j");
  line = Parse({"diff"}, {{"JUNCTION_ENDPOINT", ""},
                          {"HASURA_GRAPHQL_ENDPOINT", "http://hasura:2"},
                          {"HASURA_GRAPHQL_ADMIN_SECRET", "h"}});
  EXPECT_EQ(line.options->endpoint.host, "hasura");
  EXPECT_EQ(line.options->admin_secret, "h");
}

TEST(MetadataCommandLineTest, UsageErrors) {
  for (const std::vector<const char*>& args :
       std::vector<std::vector<const char*>>{{},
                                             {"frobnicate"},
                                             {"inconsistency"},
                                             {"apply", "--timeout", "0"},
                                             {"apply", "--timeout", "soon"},
                                             {"reload", "--dir", "x"},
                                             {"apply", "extra"}}) {
    MetadataCommandLine line = Parse(args);
    EXPECT_FALSE(line.options);
    EXPECT_EQ(line.exit_code, 2) << line.message;
    EXPECT_FALSE(line.message.empty());
  }
}

TEST(MetadataCommandLineTest, ABadEndpointNamesWhereItCameFrom) {
  MetadataCommandLine line = Parse({"apply"}, {{"JUNCTION_ENDPOINT", "localhost:8080"}});
  EXPECT_EQ(line.exit_code, 2);
  EXPECT_EQ(line.message,
            "invalid endpoint URL \"localhost:8080\": expected http://host[:port][/path] or "
            "https://… (from JUNCTION_ENDPOINT)\n");
}

TEST(MetadataCommandLineTest, HelpGoesToStdout) {
  MetadataCommandLine line = Parse({"--help"});
  EXPECT_FALSE(line.options);
  EXPECT_EQ(line.exit_code, 0);
  EXPECT_NE(line.message.find("apply"), std::string::npos);
  EXPECT_NE(line.message.find("inconsistency"), std::string::npos);
}

// A port nothing listens on.
uint16_t ClosedPort() {
  boost::asio::io_context io;
  boost::asio::ip::tcp::acceptor acceptor(io, {boost::asio::ip::make_address("127.0.0.1"), 0});
  return acceptor.local_endpoint().port();
}

struct CommandRun {
  int exit_code;
  std::string out;
  std::string err;
};

CommandRun RunCommand(MetadataCommand command, std::filesystem::path dir = "metadata") {
  MetadataCliOptions options;
  options.command = command;
  options.endpoint = *ParseUrl("http://127.0.0.1:" + std::to_string(ClosedPort()));
  options.admin_secret = "do-not-print-me";
  options.dir = std::move(dir);
  options.timeout = std::chrono::seconds(5);
  std::ostringstream out;
  std::ostringstream err;
  const int exit_code = RunMetadataCommand(options, out, err);
  return {exit_code, out.str(), err.str()};
}

TEST(RunMetadataCommandTest, AnUnreachableEngineIsOneLineNamingIt) {
  for (MetadataCommand command :
       {MetadataCommand::kExport, MetadataCommand::kInconsistencyList, MetadataCommand::kReload}) {
    const CommandRun run = RunCommand(command);
    EXPECT_EQ(run.exit_code, 1);
    EXPECT_EQ(run.out, "");
    EXPECT_TRUE(run.err.starts_with("error: http://127.0.0.1:")) << run.err;
    EXPECT_TRUE(run.err.ends_with(": cannot connect: Connection refused\n")) << run.err;
    EXPECT_EQ(run.err.find("do-not-print-me"), std::string::npos);
  }
}

TEST(RunMetadataCommandTest, ABrokenDirectoryIsReportedBeforeAnythingIsSent) {
  const std::filesystem::path dir =
      std::filesystem::path(::testing::TempDir()) / "metadata_cli_broken";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "version.yaml") << "version: 3\n";
  std::ofstream(dir / "remote_schemas.yaml") << "- name: x\n  definition: [unclosed\n";
  for (MetadataCommand command : {MetadataCommand::kApply, MetadataCommand::kDiff}) {
    const CommandRun run = RunCommand(command, dir);
    EXPECT_EQ(run.exit_code, 1);
    EXPECT_TRUE(run.err.starts_with("remote_schemas.yaml:")) << run.err;
    EXPECT_EQ(run.err.find("Connection refused"), std::string::npos) << run.err;
  }
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace junction::app
