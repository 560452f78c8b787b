// The worker's KeyDB (or Redis) connection: connect and command timeouts,
// re-applied on every reconnect; one retry after a broken connection. Keys
// under the near-cached prefixes are read from this worker's memory while
// KeyDB has not reported a change (near_cache.h).
#pragma once

#include "platform/config.h"
#include "platform/dependency.h"
#include "platform/metrics.h"
#include "store/keydb_connection.h"
#include "store/near_cache.h"
#include "store/reconnect_backoff.h"

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace store {

class KeyDb {
 public:
  KeyDb(const platform::Config& config, platform::Metrics& metrics, std::vector<std::string> near_cached_prefixes = {});

  // Any command, for the job stream (jobs/queue.cpp); apps use the named
  // operations below. An error reply is returned as a reply, a failed
  // connection throws platform::DependencyError.
  Reply command(const std::vector<std::string_view>& arguments);

  // The named operations: an error reply is a KeyDB failure
  // (platform::DependencyError), as is a failed connection.
  std::optional<std::string> get(std::string_view key);
  void set(std::string_view key, std::string_view value);
  void set_with_ttl(std::string_view key, std::string_view value, std::chrono::seconds ttl);
  // SET NX (with EX): true when this call stored the value.
  bool set_if_absent(std::string_view key, std::string_view value);
  bool set_if_absent(std::string_view key, std::string_view value, std::chrono::seconds ttl);
  void del(std::string_view key);
  // Deletes `key` only while it still holds `value`; true when it did.
  bool delete_if_equals(std::string_view key, std::string_view value);
  long long incr(std::string_view key);

  // Counters of a window: the first increment sets the key's lifetime, so a
  // counter never outlives its window. The new count.
  long long increment_with_ttl(std::string_view key, std::chrono::seconds ttl);
  // The count so far: 0 when there is none (or its window has ended).
  long long counter(std::string_view key);
  // Gives one back, never below zero and never leaving a key without expiry.
  void decrement_if_positive(std::string_view key);
  // TTL's answer in seconds: -2 when there is no such key, -1 when it never expires.
  long long seconds_to_live(std::string_view key);

  bool ping();

  // `key` was written through another connection (pipelined_keydb.h): this
  // worker's next read of it must go to KeyDB.
  void forget(std::string_view key) { near_cache_.forget(key); }
  // The near cache, for reads of its keys on another connection.
  NearCache& near_cache() { return near_cache_; }

 private:
  Reply exchange(const std::vector<std::string_view>& arguments);  // command() without forgetting
  Reply write(std::string_view key, const std::vector<std::string_view>& arguments);
  long long integer_of(Reply reply, const char* what);  // fails unless the reply is an integer
  void expect_no_error(const Reply& reply, const char* what);
  redisContext* connect();
  Reply send(redisContext* context, const std::vector<std::string_view>& arguments);
  [[noreturn]] void fail(const std::string& reason);

  KeyDbSettings settings_;
  platform::Metrics& metrics_;
  ReconnectBackoff backoff_;
  ContextPtr context_;
  NearCache near_cache_;
};

}  // namespace store
