#include "app/metadata_watcher.h"

#include <utility>

namespace junction::app {
namespace {

// How often an adoption in progress is checked while waiting for it, so stopping is prompt.
constexpr std::chrono::milliseconds kAdoptionSlice{50};

}  // namespace

MetadataWatcher::MetadataWatcher(std::chrono::milliseconds interval, Check check, Adopt adopt,
                                 Report report)
    : interval_(interval),
      check_(std::move(check)),
      adopt_(std::move(adopt)),
      report_(std::move(report)),
      thread_([this] { Run(); }) {}

MetadataWatcher::~MetadataWatcher() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  thread_.join();
}

bool MetadataWatcher::Sleep(std::chrono::milliseconds duration) {
  std::unique_lock<std::mutex> lock(mutex_);
  return !wake_.wait_for(lock, duration, [this] { return stopping_; });
}

void MetadataWatcher::Run() {
  while (Sleep(interval_)) Look();
}

void MetadataWatcher::Look() {
  Status outcome;
  Result<std::optional<metadata::Metadata>> found = check_();
  if (!found) {
    outcome = found.error();
  } else if (found->has_value()) {
    std::future<Status> adopted = adopt_(std::move(**found));
    while (adopted.wait_for(std::chrono::seconds(0)) != std::future_status::ready) {
      if (!Sleep(kAdoptionSlice)) return;
    }
    outcome = adopted.get();
  }
  if (!outcome) {
    if (failing_ == outcome.error().message) return;
    failing_ = outcome.error().message;
    report_(outcome.error());
  } else if (failing_) {
    failing_.reset();
    report_(std::nullopt);
  }
}

}  // namespace junction::app
