// Log lines are one JSON object each, Hasura-shaped, whatever the message holds.

#include "server/logging.h"

#include <chrono>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace junction::server {
namespace {

// 2024-05-01T12:34:56.789Z
std::chrono::system_clock::time_point SomeTime() {
  return std::chrono::system_clock::time_point(std::chrono::milliseconds(1714566896789));
}

TEST(FormatLogLine, EventLineHasTimestampLevelTypeAndDetail) {
  EXPECT_EQ(FormatLogLine(SomeTime(), spdlog::level::info, "http-log", R"({"a":1})"),
            R"({"timestamp":"2024-05-01T12:34:56.789Z","level":"info","type":"http-log",)"
            R"("detail":{"a":1}})");
}

TEST(FormatLogLine, UnstructuredTextIsEscaped) {
  const std::string line =
      FormatLogLine(SomeTime(), spdlog::level::warn, "", "say \"hi\"\n{not json");
  const auto parsed = nlohmann::json::parse(line);
  EXPECT_EQ(parsed["type"], "unstructured");
  EXPECT_EQ(parsed["level"], "warn");
  EXPECT_EQ(parsed["detail"], "say \"hi\"\n{not json");
}

TEST(FormatLogLine, LevelsUseHasurasNames) {
  auto level_of = [](spdlog::level::level_enum level) {
    return nlohmann::json::parse(FormatLogLine(SomeTime(), level, "t", "{}"))["level"];
  };
  EXPECT_EQ(level_of(spdlog::level::trace), "debug");
  EXPECT_EQ(level_of(spdlog::level::debug), "debug");
  EXPECT_EQ(level_of(spdlog::level::info), "info");
  EXPECT_EQ(level_of(spdlog::level::warn), "warn");
  EXPECT_EQ(level_of(spdlog::level::err), "error");
  EXPECT_EQ(level_of(spdlog::level::critical), "error");
}

TEST(ParseLogLevel, AcceptsHasurasFourLevels) {
  EXPECT_EQ(ParseLogLevel("debug"), spdlog::level::debug);
  EXPECT_EQ(ParseLogLevel("info"), spdlog::level::info);
  EXPECT_EQ(ParseLogLevel("warn"), spdlog::level::warn);
  EXPECT_EQ(ParseLogLevel("error"), spdlog::level::err);
  EXPECT_EQ(ParseLogLevel("INFO"), std::nullopt);
  EXPECT_EQ(ParseLogLevel("warning"), std::nullopt);
  EXPECT_EQ(ParseLogLevel(""), std::nullopt);
}

}  // namespace
}  // namespace junction::server
