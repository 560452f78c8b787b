#include "store/transaction_pool.h"

namespace store {

TransactionPool::TransactionPool(std::size_t threads, const std::string& connection_string,
                                 const std::vector<Statement>& statements, platform::Metrics& metrics,
                                 std::chrono::milliseconds reconnect_interval)
    : threads_(threads, kQueueLimit, /*niceness=*/0) {
  // Each connects when its first transaction runs.
  for (std::size_t i = 0; i < threads; ++i) {
    idle_.push_back(std::make_unique<Database>(connection_string, statements, metrics, reconnect_interval));
  }
}

TransactionPool::Lease::Lease(TransactionPool& pool) : pool(pool) {
  const std::lock_guard lock(pool.mutex_);
  database = std::move(pool.idle_.back());
  pool.idle_.pop_back();
}

TransactionPool::Lease::~Lease() {
  const std::lock_guard lock(pool.mutex_);
  pool.idle_.push_back(std::move(database));
}

}  // namespace store
