#include "server/logging.h"

#include <ctime>
#include <memory>
#include <string>

#include <fmt/format.h>
#include <spdlog/formatter.h>
#include <spdlog/logger.h>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include "common/json_writer.h"

namespace junction::server {
namespace {

std::string_view LevelName(spdlog::level::level_enum level) {
  switch (level) {
    case spdlog::level::trace:
    case spdlog::level::debug:
      return "debug";
    case spdlog::level::info:
      return "info";
    case spdlog::level::warn:
      return "warn";
    default:
      return "error";
  }
}

// `{"timestamp":"…","level":"…",` — the opening every line shares. Timestamps are UTC, ISO 8601,
// with milliseconds.
void AppendPrefix(std::string& out, std::chrono::system_clock::time_point time,
                  spdlog::level::level_enum level) {
  const auto since_epoch = time.time_since_epoch();
  const std::time_t seconds = std::chrono::duration_cast<std::chrono::seconds>(since_epoch).count();
  const auto millis =
      std::chrono::duration_cast<std::chrono::milliseconds>(since_epoch).count() % 1000;
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  fmt::format_to(std::back_inserter(out),
                 R"({{"timestamp":"{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}Z","level":"{}",)",
                 utc.tm_year + 1900, utc.tm_mon + 1, utc.tm_mday, utc.tm_hour, utc.tm_min,
                 utc.tm_sec, millis, LevelName(level));
}

// `"type":"…","detail":…` for an event; the detail is spliced as it is.
std::string EventMembers(std::string_view type, std::string_view detail_json) {
  std::string out = R"("type":)";
  AppendJsonString(out, type);
  out += R"(,"detail":)";
  out += detail_json;
  return out;
}

std::string UnstructuredMembers(std::string_view text) {
  std::string out = R"("type":"unstructured","detail":)";
  AppendJsonString(out, text);
  return out;
}

// Formats each spdlog message as one JSON line. The event logger's payload is already the
// `"type":…,"detail":…` members (from LogEvent); any other logger's payload is free text.
class JsonLineFormatter final : public spdlog::formatter {
 public:
  explicit JsonLineFormatter(bool event_payload) : event_payload_(event_payload) {}

  void format(const spdlog::details::log_msg& msg, spdlog::memory_buf_t& dest) override {
    std::string line;
    line.reserve(64 + msg.payload.size());
    AppendPrefix(line, msg.time, msg.level);
    const std::string_view payload(msg.payload.data(), msg.payload.size());
    line += event_payload_ ? std::string(payload) : UnstructuredMembers(payload);
    line += "}\n";
    dest.append(line.data(), line.data() + line.size());
  }

  std::unique_ptr<spdlog::formatter> clone() const override {
    return std::make_unique<JsonLineFormatter>(event_payload_);
  }

 private:
  bool event_payload_;
};

std::shared_ptr<spdlog::logger> MakeStdoutLogger(std::string name, bool event_payload) {
  auto sink = std::make_shared<spdlog::sinks::stdout_sink_mt>();
  sink->set_formatter(std::make_unique<JsonLineFormatter>(event_payload));
  return std::make_shared<spdlog::logger>(std::move(name), std::move(sink));
}

// The logger of typed events. Created on first use so that tests, which do not call InitLogging,
// still get well-formed lines.
spdlog::logger& EventLogger() {
  static const std::shared_ptr<spdlog::logger> kLogger = MakeStdoutLogger("events", true);
  return *kLogger;
}

}  // namespace

void InitLogging(spdlog::level::level_enum level) {
  auto plain = MakeStdoutLogger("junction", false);
  plain->set_level(level);
  spdlog::set_default_logger(std::move(plain));
  EventLogger().set_level(level);
}

std::optional<spdlog::level::level_enum> ParseLogLevel(std::string_view name) {
  if (name == "debug") return spdlog::level::debug;
  if (name == "info") return spdlog::level::info;
  if (name == "warn") return spdlog::level::warn;
  if (name == "error") return spdlog::level::err;
  return std::nullopt;
}

bool ShouldLog(spdlog::level::level_enum level) { return EventLogger().should_log(level); }

void LogEvent(spdlog::level::level_enum level, std::string_view type,
              std::string_view detail_json) {
  spdlog::logger& logger = EventLogger();
  if (!logger.should_log(level)) return;
  const std::string members = EventMembers(type, detail_json);
  logger.log(level, spdlog::string_view_t(members.data(), members.size()));
}

void LogKindEvent(spdlog::level::level_enum level, std::string_view type, std::string_view kind,
                  std::string_view message, const std::function<void(JsonWriter&)>& extra) {
  if (!ShouldLog(level)) return;
  JsonWriter w;
  w.BeginObject();
  w.Key("kind");
  w.String(kind);
  w.Key("info");
  w.BeginObject();
  w.Key("message");
  w.String(message);
  if (extra) extra(w);
  w.EndObject();
  w.EndObject();
  LogEvent(level, type, w.str());
}

std::string FormatLogLine(std::chrono::system_clock::time_point time,
                          spdlog::level::level_enum level, std::string_view type,
                          std::string_view detail_json_or_text) {
  std::string line;
  AppendPrefix(line, time, level);
  line += type.empty() ? UnstructuredMembers(detail_json_or_text)
                       : EventMembers(type, detail_json_or_text);
  line += '}';
  return line;
}

}  // namespace junction::server
