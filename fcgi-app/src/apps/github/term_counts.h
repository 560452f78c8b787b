// Exact match counts of every short username search, and where each one's
// first matches lie, computed once per seed. Pure.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace github {

// Terms of up to this many characters are counted in advance: longer ones are
// selective enough for the trigram index.
inline constexpr std::size_t kMaxCountedTermLength = 3;

// How many of a short term's first matches the seed lists, in each order: a
// page among them is a fetch of its rows by rank (pages 1-5 at 25 a page, page
// 1 at 100), whatever the term's density: a rare 2-letter term's page past
// the list walks tens of thousands of rows. Listing every match would store ~28
// per row (one per distinct substring); 125 each is ~0.9M ranks per order at 1M rows.
inline constexpr std::size_t kListedMatches = 125;

// Where a walk past a short term's listed matches starts (they can be too
// many to fetch and too sparse to walk from the list's end): the seed counts
// the term's matches before each block of ranks in each order, so a walk
// starts at most one block before the asked page. A walk's rows cost
// PostgreSQL ~0.4 µs each: at 1M rows, blocks of 4,096 took 1.2 ms of its CPU
// per deep page of a common term, 1,024 take 0.8 ms. Blocks grow with the
// table so that a term keeps at most kMaxRankBlocks of them per order (the
// seed's memory and table: ~2,300 blocked terms at 1M rows, 23 MB).
inline constexpr std::uint32_t kMinRankBlock = 1024;
inline constexpr std::uint32_t kMaxRankBlocks = 1024;
// The block size for a table of `rows` (the seed records it beside the counts).
std::uint32_t rank_block(std::uint64_t rows);
// Fetching every match of a term through the trigram index costs 3-6 µs a
// match at 1M rows (28,917 matches: ~85 ms; 1,500-2,000: 8-13 ms); beyond
// this many, a walk from the block before the page costs less.
inline constexpr long long kFetchedMatchesAtMost = 1000;

// Whether the seed keeps a term's counts per block: it has matches past the
// list, and the trigram index either cannot fetch them (a single character, or
// a hyphen, which splits trigrams) or they are too many to fetch for one page.
// A pair of letters or digits is fetched through the trigrams around it
// (ProfileStore::page).
bool is_blocked(std::string_view term, long long total);

// The key under which a search's count is kept: the term lower-cased, if it
// is 1 to 3 ASCII characters (GitHub logins are ASCII; ASCII lower-cases the
// same in C++ as in PostgreSQL's lower()). nullopt: count it in SQL.
std::optional<std::string> counted_term(std::string_view search);

// A short term: how many usernames hold it, and the ranks (id_rank, type_rank)
// of the first kListedMatches of them in id order and in (type, id) order, ascending.
struct CountedTerm {
  std::string term;
  long long total = 0;
  std::vector<std::uint32_t> first_id_ranks;
  std::vector<std::uint32_t> first_type_ranks;
  // Blocked terms (is_blocked): element k is how many matches rank at most
  // k * rank_block() in that order (element 0 is 0); empty for the others.
  std::vector<std::uint32_t> id_blocks;
  std::vector<std::uint32_t> type_blocks;

  bool operator==(const CountedTerm&) const = default;
};

// Counts, for every 1- to 3-character substring of the usernames added, the
// usernames that contain it (case-insensitively, each username once), and
// keeps the smallest ranks among them.
class TermCounter {
 public:
  // For a table of `rows` rows; throws std::invalid_argument when its blocks
  // would hold more than 65,535 ranks (over 67M rows).
  explicit TermCounter(std::uint64_t rows);
  std::uint32_t block() const { return block_; }

  // The usernames may come in any order; ranks are 1-based places in each order.
  void add(std::string_view username, std::uint32_t id_rank, std::uint32_t type_rank);
  // False when a username held a byte other than a login's (letters, digits,
  // '-'): its terms have no slot, and PostgreSQL may lower-case a non-ASCII
  // character to an ASCII one, so these counts would not be exact.
  bool complete() const { return complete_; }
  // Every term with a non-zero count, shortest first, then by byte value.
  std::vector<CountedTerm> counts() const;

 private:
  static constexpr std::uint32_t kNoBound = UINT32_MAX;
  // Everything a username's term touches in the common case, in one place: a
  // term's lists are read only when a rank goes into one (~30 million terms
  // counted at 1M rows, under a million listed).
  struct Slot {
    std::uint32_t last_counted_by = 0;  // the username (1-based) that last counted it: once per username
    std::uint32_t total = 0;
    std::uint32_t term = 0;     // 1-based index into listed_; 0 until a username holds it
    std::uint32_t blocked = 0;  // 1-based index into blocks_; 0 until a username holds it
    // Once a list is full, the rank of its last: a rank above it is not listed.
    std::uint32_t id_bound = kNoBound, type_bound = kNoBound;
  };
  struct Listed {
    std::vector<std::uint32_t> id_ranks, type_ranks;
  };
  // Matches per block of ranks, for every term while counting (whether it is
  // blocked depends on its total): 16 bits hold a block's count.
  struct Blocks {
    std::vector<std::uint16_t> id, type;
  };
  // One slot per possible term of each length over a login's 37 characters
  // (lower-cased): 37³ slots of 20 bytes stay in the CPU's cache, where 128³ did not.
  std::vector<Slot> slots_[kMaxCountedTermLength];
  std::vector<Listed> listed_;
  std::vector<Blocks> blocks_;
  std::uint32_t block_;
  std::uint32_t usernames_ = 0;
  bool complete_ = true;
};

}  // namespace github
