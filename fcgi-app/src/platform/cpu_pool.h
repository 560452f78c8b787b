// A worker's threads for work that would stall its loop, and every request
// parked there: CPU-heavy work (a password hash takes tens of milliseconds
// and megabytes) and, through store::TransactionPool, transactions that wait
// on PostgreSQL. A handler `co_await`s run(function): the function runs on one of
// the pool's threads, and the handler resumes on the loop's thread when the
// loop next turns, through an eventfd that the loop watches like the
// pipelined connections (event_source.h). The function must not touch the
// worker's connections or anything else of the loop's: only its own
// captures.
//
// Bounded in time and memory: at most `threads` functions run at once and
// `queue_limit` wait; a run() beyond that fails at once with 503 rather than
// join a backlog that would outlive its clients.
#pragma once

#include "platform/event_source.h"
#include "platform/http.h"
#include "platform/unique_fd.h"

#include <condition_variable>
#include <coroutine>
#include <cstddef>
#include <deque>
#include <exception>
#include <functional>
#include <mutex>
#include <optional>
#include <thread>
#include <type_traits>
#include <utility>
#include <vector>

namespace platform {

class CpuPool : public EventSource {
  // One function handed to the threads, owned by the awaiting coroutine's frame.
  class Job {
   public:
    virtual ~Job() = default;
    virtual void execute() noexcept = 0;  // on a pool thread
    std::coroutine_handle<> awaiting;
  };

 public:
  // A pool thread's nice value above the loop's. For hashing, about half
  // the loop's CPU weight when both want a core. Not more: nice also counts
  // against every other process on the host, and at +10 a hash on a busy
  // shared machine took seconds (a test outlived its five-minute tokens).
  // 0 for threads that mostly wait (a transaction holding row locks).
  static constexpr int kBelowTheLoop = 3;
  CpuPool(std::size_t threads, std::size_t queue_limit, int niceness = kBelowTheLoop);
  // Stops the threads once the functions running finish; queued ones never run.
  ~CpuPool() override;
  CpuPool(const CpuPool&) = delete;
  CpuPool& operator=(const CpuPool&) = delete;

  template <typename Result>
  class Run : public Job {
   public:
    bool await_ready() const noexcept { return false; }
    bool await_suspend(std::coroutine_handle<> awaiting_handle) {
      awaiting = awaiting_handle;
      if (pool_.submit(this)) return true;
      error_ = std::make_exception_ptr(overloaded());
      return false;  // resume at once, with the error
    }
    Result await_resume() {
      if (error_) std::rethrow_exception(error_);
      return std::move(*result_);
    }

   private:
    friend class CpuPool;
    Run(CpuPool& pool, std::function<Result()> function) : pool_(pool), function_(std::move(function)) {}
    void execute() noexcept override {
      try {
        result_.emplace(function_());
      } catch (...) {
        error_ = std::current_exception();
      }
    }
    CpuPool& pool_;
    std::function<Result()> function_;
    std::optional<Result> result_;
    std::exception_ptr error_;
  };

  // `co_await run(function)` gives what `function` returns (or rethrows what it threw);
  // throws HttpError 503 when the pool's queue is full.
  template <typename Function>
  Run<std::invoke_result_t<Function>> run(Function function) {
    return Run<std::invoke_result_t<Function>>(*this, std::move(function));
  }

  // Functions queued or running: what the bound counts.
  std::size_t in_flight() const;

  int fd() const override { return wake_fd_.get(); }
  bool wants_write() const override { return false; }
  void on_ready(bool readable, bool writable) override;
  void flush() override {}
  bool has_unsent() const override { return false; }

 private:
  static HttpError overloaded();
  bool submit(Job* job);
  void serve();  // a pool thread

  const std::size_t queue_limit_;
  const int niceness_;
  UniqueFd wake_fd_;
  mutable std::mutex mutex_;
  std::condition_variable work_;
  std::deque<Job*> queued_;
  std::vector<Job*> finished_;
  std::size_t running_ = 0;
  bool stopping_ = false;
  std::vector<std::thread> threads_;
};

}  // namespace platform
