#include "apps/hotsox/next_sock_read.h"

#include "apps/hotsox/sock_columns.h"
#include "apps/hotsox/store_rows.h"
#include "apps/hotsox/swipe_store.h"

#include <charconv>
#include <stdexcept>

namespace hotsox {

constexpr store::StatementName kNextSockRead{"hotsox_next_sock_read"};
// Changes of each kind carried by one request's read (a row of about 100 kB at most).
constexpr std::size_t kMaxChangesPerRead = 1024;

namespace {

// One row. My sock's numbers come first (sock_numbers_of reads them; NULL
// when the sock is not the owner's), then these columns.
constexpr int kSpecial = kSockNumberColumnCount;
constexpr int kAbout = kSpecial + 1;
constexpr int kWatermark = kAbout + 1;
constexpr int kJudged = kWatermark + 1;   // "id,id,..."
constexpr int kUnmatched = kJudged + 1;   // "id,id,..."
constexpr int kDeleted = kUnmatched + 1;  // "id,id,...": tombstones
constexpr int kChanged = kDeleted + 1;    // packed_changes(): "n,n,...;n,n,..."
constexpr int kAccount = kChanged + 1;    // id, is_staff, is_active, token_version

// PostgreSQL's text of a boolean.
bool boolean_of(std::string_view text) {
  if (text == "t") return true;
  if (text == "f") return false;
  throw std::runtime_error("not a boolean: " + std::string(text));
}

}  // namespace

std::vector<store::Statement> next_sock_read_statements() {
  // $1 my sock, $2 its owner, $3 the index's watermark. Lists come as text in
  // this one row rather than as rows: after a bulk change a row per changed
  // sock and tombstone (as wide as this one) cost libpq far more memory and
  // time than one long text. The snapshot's xmin is the next watermark, as
  // in SockIndex::catch_up. At most kMaxChangesPerRead + 1 of each kind of
  // change: more say a bulk change, which the index reads by itself.
  const std::string limit = " LIMIT " + std::to_string(kMaxChangesPerRead + 1);
  const std::string header =
      "SELECT " + sock_number_columns() +
      ", s.info_special, s.info_about, pg_snapshot_xmin(pg_current_snapshot())::text,"
      " (SELECT string_agg(other_sock_id::text, ',') FROM hotsox_judgements WHERE sock_id = $1),"
      " (SELECT string_agg((CASE WHEN user_id = $2 THEN other_user_id ELSE user_id END)::text, ',')"
      "  FROM hotsox_matches WHERE unmatched AND (user_id = $2 OR other_user_id = $2)),"
      " (SELECT string_agg(sock_id::text, ',') FROM (SELECT sock_id FROM hotsox_sock_tombstones WHERE " +
      since_watermark("deleted_xid", "$3") + limit + ") d), (SELECT string_agg(concat_ws(',', " +
      index_columns_as_numbers() + "), ';') FROM (SELECT * FROM hotsox_socks s WHERE " +
      since_watermark("s.changed_xid", "$3") + limit +
      ") s), a.id, a.is_staff, a.is_active, a.token_version"
      " FROM (SELECT 1) AS one LEFT JOIN (hotsox_socks s JOIN hotsox_users u ON u.id = s.owner_id)"
      " ON s.id = $1 AND s.owner_id = $2 LEFT JOIN hotsox_users a ON a.id = $2";
  return {{kNextSockRead, header}};
}

std::vector<long long> id_list(std::string_view text) {
  std::vector<long long> ids;
  if (text.empty()) return ids;
  const char* const end = text.data() + text.size();
  for (const char* at = text.data();; ++at) {  // past each comma
    long long id = 0;
    const auto [next, error] = std::from_chars(at, end, id);
    if (error != std::errc{} || (next != end && *next != ',')) {
      throw std::runtime_error("not a list of ids: " + std::string(text));
    }
    ids.push_back(id);
    if (next == end) return ids;
    at = next;
  }
}

platform::Task<NextSockRead> read_next_sock(store::PipelinedDatabase& db, long long owner_id, long long sock_id,
                                            std::string watermark) {
  const store::Rows rows =
      co_await db.read(kNextSockRead, std::to_string(sock_id), std::to_string(owner_id), watermark);
  if (rows.size() != 1) throw std::runtime_error("the next sock's read returned no row");
  NextSockRead read{std::nullopt, std::nullopt, Exclusions{owner_id, {}, {}}, {}};
  if (!rows.null(0, kAccount)) {
    read.account = Principal{rows.integer(0, kAccount), boolean_of(rows.text(0, kAccount + 1)),
                             boolean_of(rows.text(0, kAccount + 2)), rows.integer(0, kAccount + 3)};
  }
  if (!rows.null(0, 0)) {
    read.mine =
        SockTraits{sock_numbers_of(rows, 0), std::string(rows.text(0, kSpecial)), std::string(rows.text(0, kAbout))};
  }
  // A NULL reads as "": an empty list.
  for (const long long id : id_list(rows.text(0, kJudged))) read.exclusions.judged.insert(id);
  for (const long long id : id_list(rows.text(0, kUnmatched))) read.exclusions.unmatched.insert(id);
  read.changes = {std::string(rows.text(0, kWatermark)), unpack_changes(rows.text(0, kChanged)),
                  id_list(rows.text(0, kDeleted))};
  read.changes_complete =
      read.changes.changed.size() <= kMaxChangesPerRead && read.changes.deleted.size() <= kMaxChangesPerRead;
  co_return read;
}

platform::Task<std::vector<SockTraits>> read_candidate_traits(store::PipelinedDatabase& db,
                                                              std::vector<long long> ids) {
  const store::Rows rows = co_await db.read(kSwipeTraits, id_array(ids));
  std::vector<SockTraits> out;
  out.reserve(static_cast<std::size_t>(rows.size()));
  // The traits' texts sit where the next sock's read has my sock's.
  for (int row = 0; row < rows.size(); ++row) {
    out.push_back(
        {sock_numbers_of(rows, row), std::string(rows.text(row, kSpecial)), std::string(rows.text(row, kAbout))});
  }
  co_return out;
}

}  // namespace hotsox
