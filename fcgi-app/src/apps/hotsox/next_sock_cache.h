// The next sock's answers remembered per sock, by each pool worker: the same
// sock asked again, with nothing changed that the choice reads, is answered
// without scoring the index or reading any candidate's texts. And its best
// scored candidates: after a judge, the choice starts from them instead of
// scoring the whole index again. Pure.
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

// A judge only takes candidates away (the sock judged), so the best of those
// left are still among the best scored before, until they run out:
// NextSockChoice::among_best chooses from them, or says it cannot.
class NextSockRankings {
 public:
  struct Ranking {
    std::vector<NumericCandidate> best;   // in contenders()' order
    double unlisted_at_most;              // every candidate not in `best` scores at most this
    std::vector<ScoredCandidate> scored;  // ascending id: whole scores against the same texts of mine
  };

  explicit NextSockRankings(std::size_t capacity = kDefaultCapacity, std::size_t kept = kDefaultKept)
      : capacity_(capacity), kept_(kept) {}

  // The best remembered for `sock_id` on the same index version, for the
  // same sock numbers, owner and unmatched owners, and with every sock judged
  // then judged still; without those judged since. nullopt when there is
  // none, or none of them is left.
  std::optional<Ranking> find(long long sock_id, std::uint64_t version, const NextSockSituation& situation) const;
  // Keeps the best of `candidates` (every candidate, as SockIndex::candidates gives them).
  void remember(long long sock_id, std::uint64_t version, const NextSockSituation& situation,
                const std::vector<NumericCandidate>& candidates);
  // Adds the whole scores a choice made for the ranking remembered on this
  // index version (NextSockChoice::newly_scored); at most `kept` of them.
  void add_scored(long long sock_id, std::uint64_t version, const SockTraits& mine,
                  const std::vector<ScoredCandidate>& scored);

  std::size_t size() const { return entries_.size(); }

  // 16 kB a sock and about 100 bytes a contender scored: 4 MB at most.
  static constexpr std::size_t kDefaultCapacity = 32;
  static constexpr std::size_t kDefaultKept = 1024;

 private:
  struct Entry {
    std::uint64_t version;
    NextSockSituation situation;
    Ranking ranking;
  };
  std::size_t capacity_;
  std::size_t kept_;
  std::unordered_map<long long, Entry> entries_;
};

}  // namespace hotsox
