// Transactions of several statements, run off the worker's loop: each one
// waits on PostgreSQL once per statement, and on any row lock another
// transaction holds (a judge locks both socks), and on the loop that wait
// would stall every request parked there. A pipelined connection cannot
// carry them: it interleaves the worker's statements, and a transaction's
// next statement depends on what the last one answered.
//
// A handler `co_await`s run(work): `work` runs on one of the pool's threads
// with a connection of its own (a store::Database, used by that one thread
// at a time), and the handler resumes on the loop with its result, or its
// exception. Like platform::CpuPool's functions, `work` must not touch the
// worker's other connections or per-worker state: only its captures, the
// read-only configuration, and the connection it is given.
#pragma once

#include "platform/cpu_pool.h"
#include "platform/metrics.h"
#include "store/database.h"

#include <chrono>
#include <cstddef>
#include <memory>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

namespace store {

class TransactionPool {
 public:
  // Transactions waiting for a thread beyond this are refused with 503.
  static constexpr std::size_t kQueueLimit = 64;

  TransactionPool(std::size_t threads, const std::string& connection_string, const std::vector<Statement>& statements,
                  platform::Metrics& metrics, std::chrono::milliseconds reconnect_interval);

  template <typename Result>
  using Run = platform::CpuPool::Run<Result>;

  // `co_await run(work)`: what `work(Database&)` returns. Call it outside
  // the coroutine that awaits (a function returning the Run): GCC 12
  // destroys a lambda temporary of a co_await expression twice.
  template <typename Work>
  auto run(Work work) {
    return threads_.run([this, work = std::move(work)]() mutable {
      Lease lease(*this);
      return work(*lease.database);
    });
  }

  // What the worker's loop watches to resume the awaiting handlers.
  platform::EventSource& events() { return threads_; }

 private:
  // One idle connection for the duration of a transaction: there are as
  // many as threads, so one is always free.
  struct Lease {
    explicit Lease(TransactionPool& pool);
    ~Lease();
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    TransactionPool& pool;
    std::unique_ptr<Database> database;
  };

  std::mutex mutex_;
  std::vector<std::unique_ptr<Database>> idle_;
  // Last: its threads stop (finishing the transactions they run) before
  // the connections they use go away.
  platform::CpuPool threads_;
};

}  // namespace store
