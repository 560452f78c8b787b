// Every sock's numbers, in the memory of each pool worker, so that the next
// sock is found by scoring them all in C++ (about a millisecond for 100,000)
// instead of in SQL (about 90 ms). Texts are not kept: only the few socks that
// can still win are read with theirs (similarity.h: contenders, pick_best).
#pragma once

#include "apps/hotsox/similarity.h"
#include "apps/hotsox/sock_columns.h"
#include "platform/single_flight.h"
#include "platform/task.h"
#include "store/database.h"
#include "store/pipelined_database.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

namespace hotsox {

std::vector<store::Statement> sock_index_statements();

// What changed in hotsox_socks since a watermark, as one read found it.
struct IndexChanges {
  struct Changed {
    SockNumbers numbers;
    bool has_picture = false;
    std::uint64_t changed_xid = 0;  // the transaction that last wrote it
  };
  std::string watermark;  // the read's: the next catch-up starts there
  std::vector<Changed> changed;
  std::vector<long long> deleted;  // tombstones
};

// What the index reads of a sock: sock_number_columns(), then whether it has
// a picture (0 or 1), then its changed_xid, for concat_ws(',', ...) of each sock and string_agg(..., ';') of them all;
// unpack_changes reads that text back (std::runtime_error if malformed).
std::string index_columns_as_numbers();
std::vector<IndexChanges::Changed> unpack_changes(std::string_view packed);
inline constexpr std::size_t kIndexColumnCount = kSockNumberColumnCount + 2;
// Socks per packed row of a large read (about 100 bytes each).
inline constexpr long long kSocksPerPackedRow = 4096;

// "`column` >= `parameter`::xid8", bounded above by an xid no transaction
// reaches, so that it is a range the index answers. The parameter is read
// through a sub-select, which hides its value from the planner: seeing it,
// a custom plan expects no rows and costs less than the generic plan (0.5%
// of the table), and PostgreSQL would plan the statement anew at every
// execution (0.3-0.5 ms against 0.05 ms to run next sock's read). Both plans
// now cost the same, and the generic one is kept after five executions.
std::string since_watermark(const std::string& column, const std::string& parameter);

// Who may not be offered to one of my socks.
struct Exclusions {
  long long me = 0;                         // my own socks
  std::unordered_set<long long> judged;     // socks my sock judged already
  std::unordered_set<long long> unmatched;  // owners I unmatched (either side)
};

// Each worker keeps one (module.cpp: its per-worker state), rebuilt from
// PostgreSQL after a restart: context.state<SockIndex>().
//
// Reads of its changes are awaited, so two may be in flight at once, read
// in different snapshots: changes read from one watermark are applied only
// while the index still stands at that watermark. A read is sent after the
// index reached the watermark it starts from, so it is newer than every
// change applied so far; once another read's changes were applied, it may
// be older than those, and applying it could bring back what they removed.
class SockIndex {
 public:
  // Reads what changed since the last call (everything, the first time): the
  // socks written, and the tombstones of those deleted, by every transaction
  // that was still running at the last read or began since. Blocks the worker.
  void catch_up(store::Database& db);
  // Applies changes read from `since`, the watermark() when their read was
  // sent (with the caller's other reads, in one round trip). false, and
  // nothing changed, when the index has moved on since (see above).
  bool apply(const IndexChanges& changes, const std::string& since);
  // Every sock, read after `all.watermark` was taken. false, and nothing
  // changed, when the index was loaded meanwhile.
  bool load(const IndexChanges& all);

  // One catch-up at a time (the awaited catch_up below): the others await it.
  platform::SingleFlight& catching_up() { return catching_up_; }

  bool loaded() const { return !watermark_.empty(); }
  const std::string& watermark() const { return watermark_; }
  // Grows whenever a sock is added, changed, or removed: what was decided on
  // an earlier version may be stale, what was decided on this one is not.
  std::uint64_t version() const { return version_; }

  // Every sock that may be offered, with its numeric score against `mine`.
  std::vector<NumericCandidate> candidates(const SockNumbers& mine, const Exclusions& exclusions) const;

  std::size_t size() const { return entries_.size(); }

 private:
  // 56 bytes a sock, sorted by id (new socks come last): 100,000 socks take
  // under 6 MB of each worker.
  struct Entry {
    std::int64_t id;
    std::int64_t owner_id;
    std::int16_t values[12];  // color, size, ..., brand as in SockNumbers
    std::int32_t joining_day;
    std::int32_t separation_day;
    bool has_picture;
    std::uint64_t changed_xid;  // a row read again unchanged changes nothing
  };
  static Entry entry_of(const IndexChanges::Changed& changed);
  static SockNumbers numbers_of(const Entry& entry);
  // Among the first `sorted` entries (sorted by id), or else added at the
  // end; false: the same entry was there already.
  bool put(const Entry& entry, std::ptrdiff_t sorted);

  std::vector<Entry> entries_;
  std::string watermark_;  // an xid8 as text; empty until loaded
  std::uint64_t version_ = 0;
  platform::SingleFlight catching_up_;
};

// SockIndex::catch_up on a pipelined connection (for reads that may run
// long: the first load is about 10 MB), awaited: the worker serves other
// requests meanwhile. Concurrent callers await the one catch-up running.
platform::Task<void> catch_up(SockIndex& index, store::PipelinedDatabase& db);

}  // namespace hotsox
