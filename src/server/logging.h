#pragma once
// Structured logs: every line the engine writes to stdout is one JSON object, shaped like Hasura's
// so existing log pipelines keep working:
//
//   {"timestamp":"2024-05-01T12:00:00.123Z","level":"info","type":"http-log","detail":{…}}
//
// Events with a type (http-log, startup, …) go through LogEvent with their detail as JSON text.
// Plain spdlog calls (spdlog::info("…")) still work after InitLogging: they become
// {"type":"unstructured","detail":"…"} lines. Levels are Hasura's names: debug, info, warn, error.

#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include <spdlog/common.h>

#include "common/json_writer.h"

namespace junction::server {

// Installs the JSON formatters on spdlog's default logger and on the event logger, writing to
// stdout, and sets both to `level`. Call once at start-up, before serving.
void InitLogging(spdlog::level::level_enum level);

// "debug", "info", "warn", "error" → the level; anything else → nullopt.
std::optional<spdlog::level::level_enum> ParseLogLevel(std::string_view name);

// Whether an event at `level` would be written; callers skip building the detail otherwise.
bool ShouldLog(spdlog::level::level_enum level);

// Writes one line with the given type; `detail_json` must be one valid JSON value.
void LogEvent(spdlog::level::level_enum level, std::string_view type, std::string_view detail_json);

// An event in the shape of Hasura's start-up logs, for the life of the process (start-up,
// listening, stopping): detail {"kind":kind,"info":{"message":message, …}} where `extra` may
// write more members into "info".
void LogKindEvent(spdlog::level::level_enum level, std::string_view type, std::string_view kind,
                  std::string_view message,
                  const std::function<void(JsonWriter&)>& extra = nullptr);

// One log line, without the newline, as the formatters write it: an event of `type` with
// `detail_json`, or — when `type` is empty — an unstructured message `text`.
std::string FormatLogLine(std::chrono::system_clock::time_point time,
                          spdlog::level::level_enum level, std::string_view type,
                          std::string_view detail_json_or_text);

}  // namespace junction::server
