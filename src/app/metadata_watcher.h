#pragma once
// MetadataWatcher: a thread that looks, every `interval`, for metadata changed outside this engine
// — by another engine sharing a Postgres metadata store, or by an edit of the metadata directory
// under `--watch` — and hands what it finds to the engine (server::Engine::Adopt).
//
//   MetadataWatcher watcher(kInterval, check, adopt, report);   // starts the thread
//   …                                                           // ~MetadataWatcher stops it
//
// Polling, not LISTEN/NOTIFY or inotify: one cheap look per interval works the same for every
// store, survives a lost connection without re-subscribing, and bounds how stale an engine can be
// by the interval (plus reading any new source's database). docs/metadata-as-code.md says so.

#include <chrono>
#include <condition_variable>
#include <functional>
#include <future>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "common/result.h"
#include "metadata/metadata.h"

namespace junction::app {

class MetadataWatcher {
 public:
  // Newer metadata to serve; nullopt when nothing changed. An Error is reported, and the engine
  // keeps serving what it has.
  using Check = std::function<Result<std::optional<metadata::Metadata>>()>;
  // Starts serving the metadata; the future is ready once it is served (or could not be).
  using Adopt = std::function<std::future<Status>(metadata::Metadata)>;
  // Called from the watcher's thread: `error` is set when a look failed, and nullopt once looks
  // succeed again after a failure. The same failure is reported once, not at every look.
  using Report = std::function<void(const std::optional<Error>& error)>;

  MetadataWatcher(std::chrono::milliseconds interval, Check check, Adopt adopt, Report report);
  // Stops the thread and waits for it; an adoption still running is abandoned, not waited for.
  ~MetadataWatcher();

  MetadataWatcher(const MetadataWatcher&) = delete;
  MetadataWatcher& operator=(const MetadataWatcher&) = delete;

 private:
  void Run();
  void Look();
  // Waits for `duration` or until stopped; false when stopped.
  bool Sleep(std::chrono::milliseconds duration);

  const std::chrono::milliseconds interval_;
  const Check check_;
  const Adopt adopt_;
  const Report report_;
  std::optional<std::string> failing_;  // the failure last reported; the thread's own

  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;  // guarded by mutex_
  std::thread thread_;     // last: starts once everything above is ready
};

}  // namespace junction::app
