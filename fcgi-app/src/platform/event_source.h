// A connection the worker's loop watches besides its FastCGI connections:
// a pipelined dependency that requests wait on. The loop knows no more about
// it than this.
#pragma once

#include <chrono>
#include <optional>

namespace platform {

class EventSource {
 public:
  using Clock = std::chrono::steady_clock;

  virtual ~EventSource() = default;
  // The socket to watch; -1 while there is none (not connected, broken).
  virtual int fd() const = 0;
  // Whether queued output waits for the socket to take it.
  virtual bool wants_write() const = 0;
  // The socket is readable (or broken) and/or writable.
  virtual void on_ready(bool readable, bool writable) = 0;
  // Sends what requests queued during this turn of the loop, in one write.
  virtual void flush() = 0;
  // Requests queued since the last flush (a resumed handler may queue more):
  // the loop flushes again before it waits.
  virtual bool has_unsent() const = 0;
  // When the oldest unanswered request gives up; the loop calls expire() then.
  virtual std::optional<Clock::time_point> deadline() const { return std::nullopt; }
  virtual void expire() {}
};

}  // namespace platform
