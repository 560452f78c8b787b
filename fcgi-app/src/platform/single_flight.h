// One piece of work at a time per worker, however many coroutines ask for
// it: the first to ask leads (does it), the others await its end and share
// its outcome, its exception included. For work that each asker would
// otherwise repeat, such as loading a table every request needs.
//
//   if (flight.running()) co_await flight.join();   // rethrows the leader's error
//   else { flight.begin(); ...; flight.end(error); }
//
// Not thread-safe: one worker's loop, one flight.
#pragma once

#include <coroutine>
#include <exception>
#include <utility>
#include <vector>

namespace platform {

class SingleFlight {
 public:
  class Join {
   public:
    bool await_ready() const noexcept { return !flight_.running_; }
    void await_suspend(std::coroutine_handle<> awaiting) {
      awaiting_ = awaiting;
      flight_.joined_.push_back(this);
    }
    void await_resume() const {
      if (error_) std::rethrow_exception(error_);
    }

   private:
    friend class SingleFlight;
    explicit Join(SingleFlight& flight) : flight_(flight) {}
    SingleFlight& flight_;
    std::coroutine_handle<> awaiting_;
    std::exception_ptr error_;
  };

  bool running() const { return running_; }
  // `co_await join()`: until the running flight ends (at once when none runs).
  Join join() { return Join(*this); }

  // The leader's part: begin() before its first co_await, end() once done,
  // with the exception it failed with (null for success). end() resumes
  // every coroutine that joined, in the order they joined, before it returns.
  void begin() { running_ = true; }
  void end(const std::exception_ptr& error) {
    running_ = false;
    // Taken first: a coroutine resumed here may begin the next flight.
    const std::vector<Join*> joined = std::exchange(joined_, {});
    for (Join* join : joined) {
      join->error_ = error;
      join->awaiting_.resume();
    }
  }

 private:
  bool running_ = false;
  std::vector<Join*> joined_;  // each in the frame of the coroutine it suspended
};

}  // namespace platform
