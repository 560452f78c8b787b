// Values of chosen KeyDB keys kept in this worker's memory, so that a hot read
// costs no round trip. KeyDB itself says when to drop them: a connection of
// this worker's own has CLIENT TRACKING on in broadcast mode for the cached key
// prefixes and receives an invalidation for every change of a matching key, by
// anyone. Each lookup first reads what has arrived on that connection (one
// non-blocking recv), and anything that makes the invalidations unreliable (the
// connection breaking, KeyDB restarting, a flush) drops every value.
#pragma once

#include "store/keydb_connection.h"
#include "store/reconnect_backoff.h"
#include "store/string_map.h"

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace store {

struct Invalidation {
  bool everything = false;  // KeyDB was flushed
  std::vector<std::string> keys;
};

// What a message on the invalidation channel says to drop:
// ["message", "__redis__:invalidate", [key, ...] or nil]. Nullopt for anything
// else arriving on the connection (the subscription's confirmation).
std::optional<Invalidation> invalidation_of(const redisReply& message);

class NearCache {
 public:
  NearCache(KeyDbSettings settings, std::vector<std::string> prefixes, std::size_t capacity = 10000);

  bool covers(std::string_view key) const;
  // The value KeyDB gave for `key`, unless KeyDB has reported a change since;
  // null when it must be asked. Valid until the next call.
  const std::string* lookup(std::string_view key);
  // Keeps a value just read from KeyDB (after a lookup of the same key missed).
  void remember(std::string_view key, std::string value);
  void forget(std::string_view key);
  void forget_all() { values_.clear(); }

  // For a read sent on another connection (pipelined_keydb.h): mark() before
  // it leaves, remember_since(mark) with its reply. If any change was reported
  // meanwhile (or the reports stopped), the value may predate a change whose
  // report is already applied, so it is not kept.
  std::uint64_t mark() const { return reports_; }
  void remember_since(std::string_view key, std::string value, std::uint64_t mark);

 private:
  bool listening();
  void drain();
  void apply(const redisReply& message);
  void stop_listening(const std::string& reason);

  KeyDbSettings settings_;
  std::vector<std::string> prefixes_;
  std::size_t capacity_;
  StringMap<std::string> values_;
  ContextPtr invalidations_;
  ReconnectBackoff backoff_;
  bool off_logged_ = false;
  std::uint64_t reports_ =
      0;  // changes reported (and connections lost or made) so far  // one warning per outage, not one per request
};

}  // namespace store
