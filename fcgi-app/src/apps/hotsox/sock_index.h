// Every sock's numbers, in the memory of each pool worker, so that the next
// sock is found by scoring them all in C++ (about a millisecond for 100,000)
// instead of in SQL (about 90 ms). Texts are not kept: only the few socks that
// can still win are read with theirs (similarity.h: contenders, pick_best).
#pragma once

#include "apps/hotsox/similarity.h"
#include "store/database.h"

#include <cstdint>
#include <string>
#include <unordered_set>
#include <vector>

namespace hotsox {

std::vector<store::Statement> sock_index_statements();

// Who may not be offered to one of my socks.
struct Exclusions {
  long long me = 0;                         // my own socks
  std::unordered_set<long long> judged;     // socks my sock judged already
  std::unordered_set<long long> unmatched;  // owners I unmatched (either side)
};

// Each worker keeps one (module.cpp: its per-worker state), rebuilt from
// PostgreSQL after a restart: context.state<SockIndex>().
class SockIndex {
 public:
  // Reads what changed since the last call (everything, the first time): the
  // socks written, and the tombstones of those deleted, by every transaction
  // that was still running at the last read or began since.
  void catch_up(store::Database& db);

  // Every sock that may be offered, with its numeric score against `mine`.
  std::vector<NumericCandidate> candidates(const SockNumbers& mine, const Exclusions& exclusions) const;

  std::size_t size() const { return entries_.size(); }

 private:
  // 48 bytes a sock, sorted by id (new socks come last): 100,000 socks take
  // under 5 MB of each worker.
  struct Entry {
    std::int64_t id;
    std::int64_t owner_id;
    std::int16_t values[12];  // color, size, ..., brand as in SockNumbers
    std::int32_t joining_day;
    std::int32_t separation_day;
    bool has_picture;
  };
  static Entry entry_of(const SockNumbers& numbers, bool has_picture);
  static SockNumbers numbers_of(const Entry& entry);
  void put(const Entry& entry);

  std::vector<Entry> entries_;
  std::string watermark_;  // an xid8 as text; empty until loaded
};

}  // namespace hotsox
