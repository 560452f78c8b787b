#include "apps/github/profile_store.h"

#include "apps/github/term_counts.h"
#include "platform/text.h"

#include <algorithm>
#include <cctype>
#include <climits>

namespace github {

// The names of the prepared statements below (statements()), as constants.
constexpr store::StatementName kTotal{"github_total"};
constexpr store::StatementName kCountedListedById{"github_counted_listed_by_id"};
constexpr store::StatementName kCountedListedByType{"github_counted_listed_by_type"};
constexpr store::StatementName kPageById{"github_page_by_id"};
constexpr store::StatementName kPageByType{"github_page_by_type"};
constexpr store::StatementName kManyMatchingById{"github_many_matching_by_id"};
constexpr store::StatementName kManyMatchingByType{"github_many_matching_by_type"};
constexpr store::StatementName kById{"github_by_id"};

namespace {

constexpr std::chrono::seconds kAnswerTtl{60};
// A claim outlives no count, whose TTL is longer, and a worker that claimed
// and stopped holds the others up for at most this long.
constexpr std::chrono::seconds kCountingTtl{5};
constexpr const char* kColumns = "id, username, image_url, type, profile_url";

std::vector<Profile> profiles(const store::Rows& rows) {
  std::vector<Profile> result;
  result.reserve(static_cast<std::size_t>(rows.size()));
  for (int row = 0; row < rows.size(); ++row) {
    if (rows.null(row, 0)) continue;  // the NULLs beside a count (counted_matching, counted_listed)
    result.push_back(Profile{rows.integer(row, 0), std::string(rows.text(row, 1)), std::string(rows.text(row, 2)),
                             std::string(rows.text(row, 3)), std::string(rows.text(row, 4))});
  }
  return result;
}

// The id filter matches at most one row; the username filter then applies in C++.
// Queries that are only fast on the trigram index are never prepared: a
// prepared statement may run a generic plan, planned without knowing the term,
// which scans the table instead (~100 ms at 1M rows). Planning each costs ~0.2 ms.
const std::string kMatches = "lower(username) LIKE '%' || lower($1) || '%'";
// Every match from the trigram index at once: how many there are, and the
// page $2 OFFSET $3 of them sorted (walking the rows in order for a rare term
// would read most of the table). Counting alone reads every match anyway
// (each is checked against the term in its row). A page past the last is one
// row of NULLs beside the count.
std::string counted_matching(const std::string& matches, const char* order, const char* page_order) {
  return std::string("WITH matching AS MATERIALIZED (SELECT ") + kColumns + " FROM github_users WHERE " + matches +
         ") SELECT page.*, every.total FROM (SELECT count(*) AS total FROM matching) AS every LEFT JOIN "
         "(SELECT * FROM matching ORDER BY " +
         order + " LIMIT $2 OFFSET $3) AS page ON true ORDER BY " + page_order;
}

// A term of two letters or digits has no trigram of its own, but where it
// follows a letter or a digit c, "c" + term is one, and where it starts the
// username or follows a hyphen, the index knows it as a word's start: 38
// index lookups instead of a scan. A match after anything else (a non-ASCII
// letter, an underscore) is missed: page() compares the count with the exact one.
std::string pair_matches() {
  std::string matches = "(lower(username) LIKE lower($1) || '%' OR lower(username) LIKE '%-' || lower($1) || '%'";
  for (const char c : std::string_view("abcdefghijklmnopqrstuvwxyz0123456789")) {
    matches += std::string(" OR lower(username) LIKE '%") + c + "' || lower($1) || '%'";
  }
  return matches + ")";
}

bool is_letters_and_digits_pair(std::string_view term) {
  return term.size() == 2 &&
         std::all_of(term.begin(), term.end(), [](char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; });
}

// A short term's count by the seed (NULL until a seed has counted the short
// terms of the current rows; 0 for a term no username holds) and the table's
// rows, beside the rows of its listed matches $2..$3 (1-based places in the
// list), each an index lookup: one row of NULLs beside the counts when none is
// listed there. For a page that may lie past the list ($4, its offset, not
// negative), also where a walk to it starts: after the rank of the last listed
// match, or after the start of a block of ranks (the seed counted the matches
// before it, and recorded the blocks' size), whichever leaves fewer matches to
// walk past; NULL when neither is before the offset.
std::string counted_listed(const std::string& ranks, const std::string& blocks, const std::string& rank) {
  const std::string listed = "cardinality(t." + ranks + ")";
  const std::string walk_start =
      "SELECT after_rank, skipped FROM (SELECT t." + ranks + "[" + listed + "] AS after_rank, " + listed +
      " AS skipped WHERE " + listed + " BETWEEN 1 AND $4::bigint UNION ALL SELECT (b.n - 1) * m.rank_block, b.before" +
      " FROM unnest(CASE WHEN $4::bigint >= 0 THEN t." + blocks + " END) WITH ORDINALITY AS b(before, n)" +
      " WHERE b.before <= $4::bigint) AS starts ORDER BY skipped DESC, after_rank DESC LIMIT 1";
  return "SELECT u.id, u.username, u.image_url, u.type, u.profile_url, CASE WHEN m.term_counts_ready"
         " THEN coalesce(t.total, 0) END, m.total, w.after_rank, w.skipped FROM github_users_meta AS m"
         " LEFT JOIN github_users_term_counts AS t ON m.term_counts_ready AND t.term = $1"
         " LEFT JOIN LATERAL (" +
         walk_start + ") AS w ON true LEFT JOIN github_users AS u ON u." + rank + " = ANY((t." + ranks +
         "[$2:$3])::integer[]) ORDER BY u." + rank;
}

// The rows before the asked page (saturated: a page number may be huge).
long long offset_of(const platform::PageRequest& request) {
  long long offset = 0;
  if (__builtin_mul_overflow(request.page - 1, request.per_page, &offset)) return LLONG_MAX - kMaxPerPage;
  return offset;
}

// A count as store_count wrote it; anything else KeyDB holds (anyone can
// write there) is no count, so the search is counted again.
std::optional<long long> stored_count(const std::optional<std::string>& value) {
  if (!value) return std::nullopt;
  const std::optional<long long> count = platform::parse_integer(*value);
  if (!count || *count < 0) return std::nullopt;
  return count;
}

std::vector<Profile> filter_by_username(std::vector<Profile> rows, const std::string& username) {
  if (username.empty()) return rows;
  std::erase_if(rows, [&](const Profile& p) { return !contains_ignoring_case(p.username, username); });
  return rows;
}

}  // namespace

std::vector<store::Statement> statements() {
  const std::string select = std::string("SELECT ") + kColumns + " FROM github_users ";
  const std::string contains = "strpos(lower(username), lower($1)) > 0";
  return {
      {kTotal, "SELECT total FROM github_users_meta"},
      {kCountedListedById, counted_listed("first_id_ranks", "id_blocks", "id_rank")},
      {kCountedListedByType, counted_listed("first_type_ranks", "type_blocks", "type_rank")},
      {kPageById, select + "WHERE id_rank > $1 ORDER BY id_rank LIMIT $2"},
      {kPageByType, select + "WHERE type_rank > $1 ORDER BY type_rank LIMIT $2"},
      // A term with many matches: walk the rows in the asked order from the
      // rank $4 on and keep the matches (page 1 of a term in 1 row of 500
      // reads ~12,500 rows). strpos is the same literal test as the LIKE, but
      // no index serves it, so PostgreSQL cannot pick a plan that fetches
      // every match first.
      {kManyMatchingById, select + "WHERE id_rank > $4 AND " + contains + " ORDER BY id_rank LIMIT $2 OFFSET $3"},
      // type_rank is the place in (type, id) order: its index walks that order
      // without a fifth index on (type, id) for the seed to build.
      {kManyMatchingByType, select + "WHERE type_rank > $4 AND " + contains + " ORDER BY type_rank LIMIT $2 OFFSET $3"},
      {kById, select + "WHERE id = $1"},
  };
}

platform::Task<std::optional<CountedPage>> ProfileStore::count_by_key(ProfileQuery query) {
  if (query.id) {
    const store::Rows rows = co_await quick_.read(kById, std::to_string(*query.id));
    std::vector<Profile> found = filter_by_username(profiles(rows), query.username);
    const auto total = static_cast<long long>(found.size());
    if (query.page.page != 1) found.clear();
    co_return CountedPage(total, std::move(found));
  }
  if (query.username.empty()) {
    const store::Rows rows = co_await quick_.read(kTotal);
    co_return CountedPage(rows.integer(0, 0));
  }
  // A short term matches too many rows to count quickly: the seed counted it,
  // and listed its first matches, where the page may lie.
  const std::optional<std::string> term = counted_term(query.username);
  if (!term) co_return std::nullopt;
  const long long offset = offset_of(query.page);
  const long long last = offset + query.page.per_page;
  // Places in the list are integers: a page past it asks for none.
  const auto listed = static_cast<long long>(kListedMatches);
  const std::string first_place = std::to_string(std::min(offset + 1, listed + 1));
  const std::string last_place = std::to_string(std::min(last, listed));
  // A page past the list's end asks where a walk to it would start.
  const std::string walk_offset = std::to_string(last > listed ? offset : -1);
  const store::Rows rows = co_await quick_.read(query.order == Order::kType ? kCountedListedByType : kCountedListedById,
                                                *term, first_place, last_place, walk_offset);
  if (rows.null(0, 5)) co_return std::nullopt;
  CountedPage counted(rows.integer(0, 5), profiles(rows));
  counted.table_rows = rows.integer(0, 6);
  if (!rows.null(0, 7)) counted.walk_start = {rows.integer(0, 7), rows.integer(0, 8)};
  // The count is exact: fewer rows than the page holds means it lies past
  // the list (or the seed listed none), for page() to find.
  const long long page_end = std::min(last, counted.total);
  if (static_cast<long long>(counted.profiles->size()) != std::max(0LL, page_end - offset)) counted.profiles.reset();
  co_return counted;
}

bool ProfileStore::may_count_by_key(const ProfileQuery& query) {
  return query.id || query.username.empty() || counted_term(query.username);
}

platform::Task<CountedPage> ProfileStore::count_and_page(ProfileQuery query) {
  co_return co_await counted_page(kMatches, query);
}

platform::Task<CountedPage> ProfileStore::counted_page(std::string matches, ProfileQuery query) {
  const bool by_type = query.order == Order::kType;
  const long long offset = offset_of(query.page);
  // Built before the co_await: GCC 12 destroys a string temporary of a ?: inside one twice.
  const std::string sql =
      counted_matching(matches, by_type ? "type, id" : "id", by_type ? "page.type, page.id" : "page.id");
  const store::Rows rows = co_await long_reads_.least_busy().read_unprepared(
      sql, escape_like(query.username), std::to_string(query.page.per_page), std::to_string(offset));
  co_return CountedPage(rows.integer(0, 5), profiles(rows));
}

platform::Task<std::vector<Profile>> ProfileStore::page(ProfileQuery query, platform::Page page, CountedPage counted) {
  // The count is exact: past it there is nothing to find, and a search for a
  // term no username holds would otherwise walk the whole table looking.
  if (page.offset >= page.total) co_return std::vector<Profile>{};
  const std::string per_page = std::to_string(page.per_page);
  const std::string offset = std::to_string(page.offset);
  const bool by_type = query.order == Order::kType;
  if (query.username.empty()) {
    const store::Rows rows = co_await quick_.read(by_type ? kPageByType : kPageById, offset, per_page);
    co_return profiles(rows);
  }
  const long long page_end = std::min(page.offset + page.per_page, page.total);
  // Walk the rows in order, for a short term from where count_by_key found a
  // walk should start, unless fetching every match by trigram (3 characters
  // or more, or 2 letters or digits: pair_matches) costs less. The exact count
  // picks: PostgreSQL's own estimate of a substring's matches is a guess.
  const WalkStart start = counted.walk_start;
  const bool pair = is_letters_and_digits_pair(query.username);
  if (query.username.size() >= 3 || pair) {
    if (!counted.table_rows) {
      const store::Rows table = co_await quick_.read(kTotal);
      counted.table_rows = table.integer(0, 0);
    }
    if (fetching_every_match_is_cheaper(page.total, page_end - start.skipped, *counted.table_rows)) {
      // Built before the co_await: GCC 12 destroys a string temporary of a ?: inside one twice.
      std::string matches = pair ? pair_matches() : kMatches;
      CountedPage every_match = co_await counted_page(std::move(matches), query);
      // Found them all (see pair_matches): else walk.
      if (every_match.total == page.total) co_return std::move(*every_match.profiles);
    }
  }
  // No more than the count leaves for this page: a walk for more would read
  // on to the table's end.
  const std::string left_on_page = std::to_string(page_end - page.offset);
  const store::Rows rows = co_await long_reads_.least_busy().read(
      by_type ? kManyMatchingByType : kManyMatchingById, query.username, left_on_page,
      std::to_string(page.offset - start.skipped), std::to_string(start.after_rank));
  co_return profiles(rows);
}

platform::Task<AnswerCache::Cached> AnswerCache::find(ProfileQuery query, bool claim) {
  // Near-cached: no round trip until a reseed changes it. A stack never
  // seeded by the command has none yet; stored once, it is near-cached too.
  std::optional<std::string> generation = co_await cache_.get(kGenerationKey);
  if (!generation) co_await cache_.set_if_absent(kGenerationKey, "0");
  generation_ = generation.value_or("0");
  const std::string normalized = query.normalized();
  const auto now = KeptAnswers::Clock::now();
  if (const std::string* kept = kept_.find(generation_, normalized, now))
    co_return Cached{*kept, std::nullopt, std::nullopt};
  std::vector<std::string> keys;
  keys.push_back(answer_key(normalized));
  keys.push_back(count_key(query));
  std::vector<std::optional<std::string>> values;
  std::optional<bool> claimed;
  if (claim) {
    std::string claim_key = counting_key(query);
    store::PipelinedKeyDb::ValuesOrClaim found =
        co_await cache_.get_many_or_claim(std::move(keys), std::move(claim_key), kCountingTtl);
    values = std::move(found.values);
    claimed = found.claimed;
  } else {
    values = co_await cache_.get_many(std::move(keys));
  }
  Cached cached{std::move(values[0]), std::nullopt, claimed};
  // Kept only once asked for twice: a term searched once (most random ones)
  // would push the popular answers out.
  if (cached.answer) kept_.keep(generation_, normalized, *cached.answer, now);
  cached.count = stored_count(values[1]);
  co_return cached;
}

platform::Task<void> AnswerCache::store(ProfileQuery query, std::string answer) {
  co_await cache_.set_with_ttl(answer_key(query.normalized()), std::move(answer), kAnswerTtl);
}

platform::Task<std::optional<long long>> AnswerCache::find_count(ProfileQuery query) {
  co_return stored_count(co_await cache_.get(count_key(query)));
}

platform::Task<void> AnswerCache::store_count(ProfileQuery query, long long count) {
  // The claim (claim_count) is left to expire: it outlives no count, whose TTL is longer.
  co_await cache_.set_with_ttl(count_key(query), std::to_string(count), kAnswerTtl);
}

platform::Task<std::optional<long long>> AnswerCache::claim_count(ProfileQuery query, std::optional<bool> claimed) {
  if (!claimed) claimed = co_await cache_.set_if_absent(counting_key(query), "1", kCountingTtl);
  if (*claimed) co_return std::nullopt;  // ours to count
  for (int wait = 0; wait < 100; ++wait) {
    co_await timers_.sleep(std::chrono::milliseconds(10));
    if (auto count = co_await find_count(query)) co_return count;
  }
  co_return std::nullopt;  // the counting worker is slow or gone: count here
}

std::string AnswerCache::answer_key(const std::string& normalized_query) const {
  return "github:profiles:" + generation_ + ":" + normalized_query;
}

std::string AnswerCache::counting_key(const ProfileQuery& query) const { return count_key(query) + ":counting"; }

std::string AnswerCache::count_key(const ProfileQuery& query) const {
  ProfileQuery every_page = query;
  every_page.page = {};
  every_page.order = Order::kId;
  return "github:count:" + generation_ + ":" + every_page.normalized();
}

}  // namespace github
