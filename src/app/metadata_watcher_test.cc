// MetadataWatcher: what a look finds is adopted, failures are reported once and their end once,
// and stopping never waits for an adoption that cannot finish.

#include "app/metadata_watcher.h"

#include <atomic>
#include <chrono>
#include <deque>
#include <mutex>
#include <vector>

#include <gtest/gtest.h>

namespace junction::app {
namespace {

using namespace std::chrono_literals;

// The answers of successive looks, then "nothing changed" forever; what was adopted and reported.
struct Script {
  std::mutex mutex;
  std::deque<Result<std::optional<metadata::Metadata>>> answers;
  std::vector<int64_t> adopted;
  std::vector<std::string> reports;  // an error's message, or "recovered"
  std::atomic<int> looks = 0;

  MetadataWatcher::Check Check() {
    return [this]() -> Result<std::optional<metadata::Metadata>> {
      std::lock_guard<std::mutex> lock(mutex);
      ++looks;
      if (answers.empty()) return std::optional<metadata::Metadata>();
      Result<std::optional<metadata::Metadata>> answer = std::move(answers.front());
      answers.pop_front();
      return answer;
    };
  }
  MetadataWatcher::Adopt Adopt() {
    return [this](metadata::Metadata metadata) {
      std::lock_guard<std::mutex> lock(mutex);
      adopted.push_back(metadata.resource_version());
      std::promise<Status> done;
      done.set_value(Status());
      return done.get_future();
    };
  }
  MetadataWatcher::Report Report() {
    return [this](const std::optional<Error>& error) {
      std::lock_guard<std::mutex> lock(mutex);
      reports.push_back(error ? error->message : "recovered");
    };
  }
  // Waits (at most 5 s) until the script has been played and one more look happened.
  void WaitUntilPlayed() {
    const auto deadline = std::chrono::steady_clock::now() + 5s;
    int target = -1;
    while (std::chrono::steady_clock::now() < deadline) {
      {
        std::lock_guard<std::mutex> lock(mutex);
        if (answers.empty() && target < 0) target = looks + 1;
      }
      if (target >= 0 && looks >= target) return;
      std::this_thread::sleep_for(1ms);
    }
    FAIL() << "the watcher did not look in 5 s";
  }
};

metadata::Metadata AtVersion(int64_t version) {
  metadata::Metadata metadata;
  metadata.set_resource_version(version);
  return metadata;
}

TEST(MetadataWatcher, AdoptsWhatItFinds) {
  Script script;
  script.answers.push_back(std::optional<metadata::Metadata>());
  script.answers.push_back(std::optional<metadata::Metadata>(AtVersion(2)));
  script.answers.push_back(std::optional<metadata::Metadata>(AtVersion(3)));
  {
    MetadataWatcher watcher(1ms, script.Check(), script.Adopt(), script.Report());
    script.WaitUntilPlayed();
  }
  EXPECT_EQ(script.adopted, (std::vector<int64_t>{2, 3}));
  EXPECT_TRUE(script.reports.empty());
}

TEST(MetadataWatcher, ReportsAFailureOnceAndItsEndOnce) {
  Script script;
  script.answers.push_back(Error(ErrorCode::kUnexpected, "store down"));
  script.answers.push_back(Error(ErrorCode::kUnexpected, "store down"));
  script.answers.push_back(Error(ErrorCode::kParseFailed, "a.yaml:3:1: bad"));
  script.answers.push_back(std::optional<metadata::Metadata>());
  script.answers.push_back(std::optional<metadata::Metadata>());
  {
    MetadataWatcher watcher(1ms, script.Check(), script.Adopt(), script.Report());
    script.WaitUntilPlayed();
  }
  EXPECT_EQ(script.reports,
            (std::vector<std::string>{"store down", "a.yaml:3:1: bad", "recovered"}));
}

TEST(MetadataWatcher, StopsWithoutWaitingForAnAdoptionThatCannotFinish) {
  std::promise<Status> never;  // an adoption on an io_context that no longer runs
  std::atomic<bool> adopting = false;
  auto watcher = std::make_unique<MetadataWatcher>(
      1ms, [] { return Result<std::optional<metadata::Metadata>>(AtVersion(2)); },
      [&](metadata::Metadata) {
        adopting = true;
        return never.get_future();
      },
      [](const std::optional<Error>&) {});
  const auto deadline = std::chrono::steady_clock::now() + 5s;
  while (!adopting && std::chrono::steady_clock::now() < deadline) std::this_thread::sleep_for(1ms);
  ASSERT_TRUE(adopting);
  const auto stopping = std::chrono::steady_clock::now();
  watcher.reset();
  EXPECT_LT(std::chrono::steady_clock::now() - stopping, 2s);
}

}  // namespace
}  // namespace junction::app
