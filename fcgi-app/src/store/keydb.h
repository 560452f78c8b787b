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

  // Any command; an error reply is returned as a reply, a failed connection
  // throws platform::DependencyError.
  Reply command(const std::vector<std::string_view>& arguments);

  std::optional<std::string> get(std::string_view key);
  void set(std::string_view key, std::string_view value);
  void set_with_ttl(std::string_view key, std::string_view value, std::chrono::seconds ttl);
  void del(std::string_view key);
  long long incr(std::string_view key);

  bool ping();

  // `key` was written through another connection (pipelined_keydb.h): this
  // worker's next read of it must go to KeyDB.
  void forget(std::string_view key) { near_cache_.forget(key); }

 private:
  Reply exchange(const std::vector<std::string_view>& arguments);  // command() without forgetting
  Reply write(std::string_view key, const std::vector<std::string_view>& arguments);
  redisContext* connect();
  Reply send(redisContext* context, const std::vector<std::string_view>& arguments);
  void fail(const std::string& reason);

  KeyDbSettings settings_;
  platform::Metrics& metrics_;
  ReconnectBackoff backoff_;
  ContextPtr context_;
  NearCache near_cache_;
};

}  // namespace store
