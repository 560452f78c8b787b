// Waiting without blocking the worker: `co_await timers.sleep(10ms)` parks an
// asynchronous handler and the worker's loop resumes it when the time is up,
// serving other requests meanwhile. An event source with no socket: the loop
// only asks it when its next wake-up is due (deadline) and then to wake it.
#pragma once

#include "platform/event_source.h"

#include <chrono>
#include <coroutine>
#include <map>
#include <vector>

namespace platform {

class Timers : public EventSource {
 public:
  class Sleep {
   public:
    bool await_ready() const noexcept { return false; }
    void await_suspend(std::coroutine_handle<> awaiting) { timers_.due_.emplace(wake_at_, awaiting); }
    void await_resume() const noexcept {}

   private:
    friend class Timers;
    Sleep(Timers& timers, Clock::time_point wake_at) : timers_(timers), wake_at_(wake_at) {}
    Timers& timers_;
    Clock::time_point wake_at_;
  };

  Sleep sleep(std::chrono::milliseconds duration) { return Sleep(*this, Clock::now() + duration); }

  int fd() const override { return -1; }
  bool wants_write() const override { return false; }
  void on_ready(bool, bool) override {}
  void flush() override {}
  bool has_unsent() const override { return false; }
  std::optional<Clock::time_point> deadline() const override {
    if (due_.empty()) return std::nullopt;
    return due_.begin()->first;
  }
  // Wakes every sleeper whose time has come; one that sleeps again waits for
  // the next expiry, however short its sleep.
  void expire() override {
    std::vector<std::coroutine_handle<>> woken;
    const auto end = due_.upper_bound(Clock::now());
    for (auto it = due_.begin(); it != end; ++it) woken.push_back(it->second);
    due_.erase(due_.begin(), end);
    for (const auto awaiting : woken) awaiting.resume();
  }

 private:
  std::multimap<Clock::time_point, std::coroutine_handle<>> due_;
};

}  // namespace platform
