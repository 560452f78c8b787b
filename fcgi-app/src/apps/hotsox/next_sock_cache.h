// The next sock's answers remembered per sock, by each pool worker: the same
// sock asked again, with nothing changed that the choice reads, is answered
// without scoring the index or reading any candidate's texts. Pure.
#pragma once

#include "apps/hotsox/similarity.h"
#include "apps/hotsox/sock_index.h"

#include <json/value.h>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <unordered_map>
#include <vector>

namespace hotsox {

// What a choice reads besides the index: my sock (numbers and texts) and
// whom it may not be offered.
struct NextSockSituation {
  SockTraits mine;
  long long me = 0;
  std::vector<long long> judged;     // ascending
  std::vector<long long> unmatched;  // ascending

  static NextSockSituation of(const SockTraits& mine, const Exclusions& exclusions);
  bool operator==(const NextSockSituation&) const = default;
};

// The answer: the chosen sock as shown, or nullopt for "no more socks".
using NextSockAnswer = std::optional<Json::Value>;

class NextSockCache {
 public:
  explicit NextSockCache(std::size_t capacity = kDefaultCapacity) : capacity_(capacity) {}

  // The answer remembered for `sock_id` in the same situation on the same
  // index version; nullptr when there is none (or it is stale).
  const NextSockAnswer* find(long long sock_id, std::uint64_t version, const NextSockSituation& situation) const;
  void remember(long long sock_id, std::uint64_t version, NextSockSituation situation, NextSockAnswer answer);

  std::size_t size() const { return entries_.size(); }

  // A few hundred bytes an entry: a few MB at most.
  static constexpr std::size_t kDefaultCapacity = 4096;

 private:
  struct Entry {
    std::uint64_t version;
    NextSockSituation situation;
    NextSockAnswer answer;
  };
  std::size_t capacity_;
  std::unordered_map<long long, Entry> entries_;
};

}  // namespace hotsox
