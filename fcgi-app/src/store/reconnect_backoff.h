// How soon a connection may be tried again after a failure: a server that is
// down costs one failed connect per interval, not one per request.
#pragma once

#include <chrono>

namespace store {

class ReconnectBackoff {
 public:
  using Clock = std::chrono::steady_clock;

  explicit ReconnectBackoff(std::chrono::milliseconds interval) : interval_(interval) {}

  // Whether an attempt now would come too soon.
  bool waiting() const { return Clock::now() < next_attempt_; }
  // No attempt before `pause` (by default the interval) from now.
  void hold_off() { hold_off(interval_); }
  void hold_off(Clock::duration pause) { next_attempt_ = Clock::now() + pause; }
  void clear() { next_attempt_ = {}; }

 private:
  std::chrono::milliseconds interval_;
  Clock::time_point next_attempt_{};
};

}  // namespace store
