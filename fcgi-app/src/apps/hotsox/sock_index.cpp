#include "apps/hotsox/sock_index.h"

#include <malloc.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <exception>
#include <stdexcept>

namespace hotsox {

// The names of the prepared statements below (statements()), as constants.
constexpr store::StatementName kIndexWatermark{"hotsox_index_watermark"};
constexpr store::StatementName kIndexAll{"hotsox_index_all"};
constexpr store::StatementName kIndexChanged{"hotsox_index_changed"};
constexpr store::StatementName kIndexDeleted{"hotsox_index_deleted"};

namespace {

// A read of many rows (the first, or after a bulk load) leaves its result's
// memory with malloc: give it back rather than keep it for good.
constexpr std::size_t kLargeRead = 1000;
void release_result_memory() { malloc_trim(0); }

}  // namespace

std::string index_columns_as_numbers() {
  return sock_number_columns() + ", (s.picture_count > 0)::int, s.changed_xid::text";
}

std::vector<IndexChanges::Changed> unpack_changes(std::string_view packed) {
  std::vector<IndexChanges::Changed> out;
  constexpr std::size_t kFields = kIndexColumnCount;
  while (!packed.empty()) {
    const std::size_t cut = std::min(packed.find(';'), packed.size());
    const std::string_view one = packed.substr(0, cut);
    packed.remove_prefix(std::min(cut + 1, packed.size()));
    std::array<long long, kFields> v{};
    std::size_t count = 0;
    const char* const end = one.data() + one.size();
    for (const char* at = one.data();; ++at) {  // past each comma
      const auto [next, error] = count < kFields ? std::from_chars(at, end, v[count]) : std::from_chars_result{};
      if (count >= kFields || error != std::errc{} || (next != end && *next != ',')) {
        throw std::runtime_error("malformed packed sock: " + std::string(one));
      }
      ++count;
      if (next == end) break;
      at = next;
    }
    if (count != kFields) throw std::runtime_error("malformed packed sock: " + std::string(one));
    // In sock_number_columns()'s order, which is SockNumbers' (sock_columns.cpp).
    const SockNumbers numbers{v[0],
                              v[1],
                              static_cast<int>(v[2]),
                              static_cast<int>(v[3]),
                              static_cast<int>(v[4]),
                              static_cast<int>(v[5]),
                              static_cast<int>(v[6]),
                              static_cast<int>(v[7]),
                              static_cast<int>(v[8]),
                              static_cast<int>(v[9]),
                              static_cast<int>(v[10]),
                              static_cast<int>(v[11]),
                              static_cast<int>(v[12]),
                              static_cast<int>(v[13]),
                              v[14],
                              v[15]};
    out.push_back({numbers, v[16] != 0, static_cast<std::uint64_t>(v[17])});
  }
  return out;
}

std::string since_watermark(const std::string& column, const std::string& parameter) {
  return column + " >= (SELECT " + parameter + "::xid8) AND " + column + " < '9223372036854775807'::xid8";
}

std::vector<store::Statement> sock_index_statements() {
  // Each sock packed into one text, thousands of them into one row
  // (unpack_changes): a row per sock costs libpq about five times the memory
  // and time. Not all into one row: libpq keeps its input buffer as large as
  // the largest row it has read, for the connection's life (10 MB at 100k socks).
  const std::string packed = "SELECT string_agg(concat_ws(',', " + index_columns_as_numbers() + "), ';')";
  const std::string in_chunks = " GROUP BY s.id / " + std::to_string(kSocksPerPackedRow);
  return {
      // Every transaction older than this one's oldest running one has ended:
      // what it wrote is visible to any later read, or never will be.
      {kIndexWatermark, "SELECT pg_snapshot_xmin(pg_current_snapshot())::text"},
      {kIndexAll, packed + " FROM hotsox_socks s" + in_chunks},
      {kIndexChanged, packed + " FROM hotsox_socks s WHERE " + since_watermark("s.changed_xid", "$1") + in_chunks},
      {kIndexDeleted, "SELECT sock_id FROM hotsox_sock_tombstones WHERE " + since_watermark("deleted_xid", "$1")},
  };
}

namespace {

// The socks of one packed row (none for a NULL: no socks).
void add_packed(std::vector<IndexChanges::Changed>& socks, bool null, std::string_view packed) {
  if (null) return;
  for (IndexChanges::Changed& sock : unpack_changes(packed)) socks.push_back(sock);
}

// The packed rows of kIndexAll or kIndexChanged.
std::vector<IndexChanges::Changed> packed_socks(const pqxx::result& result) {
  std::vector<IndexChanges::Changed> socks;
  for (const auto& row : result) add_packed(socks, row[0].is_null(), std::string_view(row[0].c_str(), row[0].size()));
  return socks;
}

std::vector<IndexChanges::Changed> packed_socks(const store::Rows& rows) {
  std::vector<IndexChanges::Changed> socks;
  for (int row = 0; row < rows.size(); ++row) add_packed(socks, rows.null(row, 0), rows.text(row, 0));
  return socks;
}

}  // namespace

void SockIndex::catch_up(store::Database& db) {
  const std::string since = watermark_;
  const IndexChanges changes = db.read([&](pqxx::nontransaction& tx) {
    // Taken before the reads below: a transaction that ends meanwhile is read
    // now and again next time, which changes nothing.
    IndexChanges read{tx.exec_prepared(kIndexWatermark)[0][0].as<std::string>(), {}, {}};
    if (since.empty()) {
      read.changed = packed_socks(tx.exec_prepared(kIndexAll));
      return read;
    }
    read.changed = packed_socks(tx.exec_prepared(kIndexChanged, since));
    for (const auto& row : tx.exec_prepared(kIndexDeleted, since)) read.deleted.push_back(row[0].as<long long>());
    return read;
  });
  if (since.empty()) {
    load(changes);
  } else {
    apply(changes, since);
  }
}

namespace {

// The reads of one catch-up from `since` ("": the first load), in the order
// and with the meaning of SockIndex::catch_up's.
platform::Task<IndexChanges> read_changes(store::PipelinedDatabase& db, std::string since) {
  const store::Rows watermark = co_await db.read(kIndexWatermark);
  IndexChanges changes{std::string(watermark.text(0, 0)), {}, {}};
  if (since.empty()) {
    const store::Rows all = co_await db.read(kIndexAll);
    changes.changed = packed_socks(all);
    co_return changes;
  }
  const store::Rows changed = co_await db.read(kIndexChanged, since);
  changes.changed = packed_socks(changed);
  const store::Rows deleted = co_await db.read(kIndexDeleted, since);
  for (int row = 0; row < deleted.size(); ++row) changes.deleted.push_back(deleted.integer(row, 0));
  co_return changes;
}

}  // namespace

platform::Task<void> catch_up(SockIndex& index, store::PipelinedDatabase& db) {
  platform::SingleFlight& flight = index.catching_up();
  if (flight.running()) {
    co_await flight.join();
    co_return;
  }
  flight.begin();
  std::exception_ptr error;
  try {
    const std::string since = index.watermark();
    const IndexChanges changes = co_await read_changes(db, since);
    if (since.empty()) {
      index.load(changes);
    } else {
      index.apply(changes, since);
    }
  } catch (...) {
    error = std::current_exception();
  }
  flight.end(error);
  if (error) std::rethrow_exception(error);
}

bool SockIndex::load(const IndexChanges& all) {
  if (loaded()) return false;
  entries_.clear();
  entries_.reserve(all.changed.size());
  for (const IndexChanges::Changed& sock : all.changed) entries_.push_back(entry_of(sock));
  std::sort(entries_.begin(), entries_.end(), [](const Entry& a, const Entry& b) { return a.id < b.id; });
  watermark_ = all.watermark;
  ++version_;
  // The rows read are gone by the time the caller drops `all`: most of the
  // memory they took is freed already.
  if (all.changed.size() > kLargeRead) release_result_memory();
  return true;
}

bool SockIndex::apply(const IndexChanges& changes, const std::string& since) {
  if (since != watermark_) return false;
  bool changed = false;
  // Socks new to the index go after the others, then are merged in at once:
  // inserted one by one into the middle, a bulk change (a reseed, whose socks
  // come in no particular order) moved megabytes per sock.
  const auto sorted = static_cast<std::ptrdiff_t>(entries_.size());
  for (const IndexChanges::Changed& row : changes.changed) changed |= put(entry_of(row), sorted);
  const auto by_id = [](const Entry& a, const Entry& b) { return a.id < b.id; };
  std::sort(entries_.begin() + sorted, entries_.end(), by_id);
  std::inplace_merge(entries_.begin(), entries_.begin() + sorted, entries_.end(), by_id);
  // All at once: a bulk delete leaves many tombstones, and erasing them one
  // by one from the middle of the vector would be quadratic.
  if (!changes.deleted.empty()) {
    const std::unordered_set<long long> deleted(changes.deleted.begin(), changes.deleted.end());
    changed |= std::erase_if(entries_, [&](const Entry& entry) { return deleted.count(entry.id) != 0; }) > 0;
  }
  if (changed) ++version_;
  watermark_ = changes.watermark;
  // The rows read are gone by now: give their memory back rather than keep it
  // for good, and the room a bulk change left in the vector (a reseed doubles
  // it before the tombstones shrink it back).
  if (changes.changed.size() + changes.deleted.size() > kLargeRead) {
    entries_.shrink_to_fit();
    release_result_memory();
  }
  return true;
}

SockIndex::Entry SockIndex::entry_of(const IndexChanges::Changed& changed) {
  const SockNumbers& n = changed.numbers;
  const auto small = [](int value) { return static_cast<std::int16_t>(value); };  // SMALLINT columns
  return Entry{
      n.id,
      n.owner_id,
      {small(n.color), small(n.size), small(n.type), small(n.fabric), small(n.condition), small(n.holes), small(n.age),
       small(n.fabric_thickness), small(n.kilometers), small(n.inoutdoor), small(n.washed), small(n.brand)},
      static_cast<std::int32_t>(n.joining_day),
      static_cast<std::int32_t>(n.separation_day),
      changed.has_picture,
      changed.changed_xid};
}

SockNumbers SockIndex::numbers_of(const Entry& e) {
  return SockNumbers{e.id,         e.owner_id,   e.values[0],   e.values[1],     e.values[2], e.values[3],
                     e.values[4],  e.values[5],  e.values[6],   e.values[7],     e.values[8], e.values[9],
                     e.values[10], e.values[11], e.joining_day, e.separation_day};
}

std::vector<NumericCandidate> SockIndex::candidates(const SockNumbers& mine, const Exclusions& exclusions) const {
  std::vector<NumericCandidate> out;
  out.reserve(entries_.size());
  // The entries are sorted by id, so the judged socks (a sock that swipes a
  // lot has judged thousands) are skipped by walking them in order beside
  // the entries rather than by a hash lookup per entry.
  std::vector<long long> judged(exclusions.judged.begin(), exclusions.judged.end());
  std::sort(judged.begin(), judged.end());
  auto next_judged = judged.cbegin();
  // Most socks have unmatched nobody: skip the lookup then.
  const bool any_unmatched = !exclusions.unmatched.empty();
  for (const Entry& entry : entries_) {
    while (next_judged != judged.cend() && *next_judged < entry.id) ++next_judged;
    if (next_judged != judged.cend() && *next_judged == entry.id) continue;
    if (!entry.has_picture || entry.owner_id == exclusions.me) continue;
    if (any_unmatched && exclusions.unmatched.count(entry.owner_id) != 0) continue;
    out.push_back({numeric_score(mine, numbers_of(entry)), entry.id});
  }
  return out;
}

bool SockIndex::put(const Entry& entry, std::ptrdiff_t sorted) {
  const auto end = entries_.begin() + sorted;
  const auto at =
      std::lower_bound(entries_.begin(), end, entry.id, [](const Entry& e, long long id) { return e.id < id; });
  if (at == end || at->id != entry.id) {
    entries_.push_back(entry);
    return true;
  }
  // Read again while an older transaction still ran: the same write, no change.
  if (at->changed_xid == entry.changed_xid) return false;
  *at = entry;
  return true;
}

}  // namespace hotsox
