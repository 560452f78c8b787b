#include "apps/hotsox/sock_index.h"

#include "apps/hotsox/sock_columns.h"

#include <malloc.h>

#include <algorithm>

namespace hotsox {

// The names of the prepared statements below (statements()), as constants.
constexpr store::StatementName kIndexWatermark{"hotsox_index_watermark"};
constexpr store::StatementName kIndexAll{"hotsox_index_all"};
constexpr store::StatementName kIndexChanged{"hotsox_index_changed"};
constexpr store::StatementName kIndexDeleted{"hotsox_index_deleted"};

namespace {

// The numbers of sock `s`, then whether it has a picture.
std::string index_columns() { return sock_number_columns() + ", s.picture_count > 0"; }
bool has_picture(const pqxx::row& row) { return row[kSockNumberColumnCount].as<bool>(); }

// A read of many rows (the first, or after a bulk load) leaves its result's
// memory with malloc: give it back rather than keep it for good.
constexpr std::size_t kLargeRead = 1000;
void release_result_memory() { malloc_trim(0); }

}  // namespace

std::vector<store::Statement> sock_index_statements() {
  const std::string columns = index_columns();
  return {
      // Every transaction older than this one's oldest running one has ended:
      // what it wrote is visible to any later read, or never will be.
      {kIndexWatermark, "SELECT pg_snapshot_xmin(pg_current_snapshot())::text"},
      {kIndexAll, "SELECT " + columns + " FROM hotsox_socks s"},
      {kIndexChanged, "SELECT " + columns + " FROM hotsox_socks s WHERE s.changed_xid >= $1::xid8"},
      {kIndexDeleted, "SELECT sock_id FROM hotsox_sock_tombstones WHERE deleted_xid >= $1::xid8"},
  };
}

void SockIndex::catch_up(store::Database& db) {
  std::size_t rows_read = 0;
  db.read([&](pqxx::nontransaction& tx) {
    // Taken before the reads below: a transaction that ends meanwhile is read
    // now and again next time, which changes nothing.
    const std::string watermark = tx.exec_prepared(kIndexWatermark)[0][0].as<std::string>();
    if (watermark_.empty()) {
      entries_.clear();
      const auto rows = tx.exec_prepared(kIndexAll);
      rows_read = rows.size();
      entries_.reserve(rows.size());
      for (const auto& row : rows) entries_.push_back(entry_of(sock_numbers_of(row), has_picture(row)));
      std::sort(entries_.begin(), entries_.end(), [](const Entry& a, const Entry& b) { return a.id < b.id; });
    } else {
      const auto changed = tx.exec_prepared(kIndexChanged, watermark_);
      for (const auto& row : changed) put(entry_of(sock_numbers_of(row), has_picture(row)));
      // All at once: a bulk delete leaves many tombstones, and erasing them
      // one by one from the middle of the vector would be quadratic.
      const auto tombstones = tx.exec_prepared(kIndexDeleted, watermark_);
      std::unordered_set<long long> deleted;
      for (const auto& row : tombstones) deleted.insert(row[0].as<long long>());
      if (!deleted.empty()) {
        std::erase_if(entries_, [&](const Entry& entry) { return deleted.count(entry.id) != 0; });
      }
      rows_read = changed.size() + tombstones.size();
    }
    watermark_ = watermark;
  });
  // The results are gone now: give their memory back rather than keep it for good.
  if (rows_read > kLargeRead) release_result_memory();
}

SockIndex::Entry SockIndex::entry_of(const SockNumbers& n, bool has_picture) {
  const auto small = [](int value) { return static_cast<std::int16_t>(value); };  // SMALLINT columns
  return Entry{
      n.id,
      n.owner_id,
      {small(n.color), small(n.size), small(n.type), small(n.fabric), small(n.condition), small(n.holes), small(n.age),
       small(n.fabric_thickness), small(n.kilometers), small(n.inoutdoor), small(n.washed), small(n.brand)},
      static_cast<std::int32_t>(n.joining_day),
      static_cast<std::int32_t>(n.separation_day),
      has_picture};
}

SockNumbers SockIndex::numbers_of(const Entry& e) {
  return SockNumbers{e.id,         e.owner_id,   e.values[0],   e.values[1],     e.values[2], e.values[3],
                     e.values[4],  e.values[5],  e.values[6],   e.values[7],     e.values[8], e.values[9],
                     e.values[10], e.values[11], e.joining_day, e.separation_day};
}

std::vector<NumericCandidate> SockIndex::candidates(const SockNumbers& mine, const Exclusions& exclusions) const {
  std::vector<NumericCandidate> out;
  out.reserve(entries_.size());
  // Most socks have judged few and unmatched nobody: skip the lookups then.
  const bool any_judged = !exclusions.judged.empty();
  const bool any_unmatched = !exclusions.unmatched.empty();
  for (const Entry& entry : entries_) {
    if (!entry.has_picture || entry.owner_id == exclusions.me) continue;
    if (any_judged && exclusions.judged.count(entry.id) != 0) continue;
    if (any_unmatched && exclusions.unmatched.count(entry.owner_id) != 0) continue;
    out.push_back({numeric_score(mine, numbers_of(entry)), entry.id});
  }
  return out;
}

void SockIndex::put(const Entry& entry) {
  if (entries_.empty() || entries_.back().id < entry.id) {
    entries_.push_back(entry);
    return;
  }
  const auto at = std::lower_bound(entries_.begin(), entries_.end(), entry.id,
                                   [](const Entry& e, long long id) { return e.id < id; });
  if (at != entries_.end() && at->id == entry.id) {
    *at = entry;
  } else {
    entries_.insert(at, entry);
  }
}

}  // namespace hotsox
