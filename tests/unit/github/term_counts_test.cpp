#include "apps/github/term_counts.h"
#include "apps/github/profile_generator.h"
#include "apps/github/profile_query.h"

#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <map>
#include <string>
#include <vector>

using namespace github;

namespace {

std::map<std::string, long long> as_map(const TermCounter& counter) {
  std::map<std::string, long long> counts;
  for (const CountedTerm& counted : counter.counts()) counts[counted.term] = counted.total;
  return counts;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(github_term_counts)

BOOST_AUTO_TEST_CASE(only_short_ascii_terms_are_counted_in_advance) {
  BOOST_TEST(counted_term("a").value() == "a");
  BOOST_TEST(counted_term("AnN").value() == "ann");
  BOOST_TEST(counted_term("%_\\").value() == "%_\\");  // LIKE's wildcards are literal characters here
  BOOST_TEST(!counted_term(""));
  BOOST_TEST(!counted_term("anna"));
  BOOST_TEST(!counted_term("\xc3\xa9"));  // "é": PostgreSQL's lower() decides non-ASCII case
  BOOST_TEST(!counted_term("a\xc3"));
}

BOOST_AUTO_TEST_CASE(a_term_counts_once_per_username) {
  TermCounter counter(3);
  counter.add("aaaa", 1, 1);
  counter.add("AbA", 2, 2);
  counter.add("b-a", 3, 3);
  const auto counts = as_map(counter);
  BOOST_TEST(counts.at("a") == 3);
  BOOST_TEST(counts.at("aa") == 1);
  BOOST_TEST(counts.at("aaa") == 1);
  BOOST_TEST(counts.at("ab") == 1);
  BOOST_TEST(counts.at("aba") == 1);
  BOOST_TEST(counts.at("-") == 1);
  BOOST_TEST(counts.at("b-a") == 1);
  BOOST_TEST(counts.count("A") == 0u);  // stored lower-cased
  BOOST_TEST(counts.count("abab") == 0u);
  BOOST_TEST(counter.complete());
}

BOOST_AUTO_TEST_CASE(non_ascii_usernames_leave_the_counts_incomplete) {
  TermCounter counter(2);
  counter.add("plain-Name-09", 1, 1);
  BOOST_TEST(counter.complete());
  counter.add("caf\xc3\xa9", 2, 2);
  BOOST_TEST(!counter.complete());
}

// Only a login's characters have slots: any other leaves the counts to SQL.
BOOST_AUTO_TEST_CASE(characters_no_login_holds_leave_the_counts_incomplete) {
  for (const char* username : {"a_b", "a%", "a b", "a\\b"}) {
    TermCounter counter(1);
    counter.add(username, 1, 1);
    BOOST_TEST(!counter.complete(), username);
  }
}

// Every count equals a direct count over the usernames, for every term the
// usernames hold and some they do not.
BOOST_AUTO_TEST_CASE(counts_equal_a_direct_count) {
  ProfileGenerator generator(3);
  std::vector<std::string> usernames;
  TermCounter counter(3000);
  for (std::uint32_t i = 1; i <= 3000; ++i) {
    usernames.push_back(generator.next().username);
    counter.add(usernames.back(), i, i);
  }
  const auto counts = as_map(counter);
  BOOST_TEST(counts.size() > 1000u);
  std::vector<std::string> absent = {"qqq", "zx", "_", "%"};
  for (const std::string& term : absent) BOOST_TEST(counts.count(term) == 0u, term);
  auto direct = [&](const std::string& term) {
    long long matching = 0;
    for (const std::string& username : usernames) matching += contains_ignoring_case(username, term) ? 1 : 0;
    return matching;
  };
  for (const auto& [term, count] : counts) BOOST_REQUIRE_MESSAGE(direct(term) == count, term);
  for (const std::string& term : absent) BOOST_TEST(direct(term) == 0, term);
  BOOST_TEST(counts.at("-") == direct("-"));
}

BOOST_AUTO_TEST_CASE(the_first_matches_are_the_smallest_ranks_in_each_order) {
  TermCounter counter(3);
  // Added out of order, as profiles read from a file may be.
  counter.add("ab", 3, 1);
  counter.add("xab", 1, 3);
  counter.add("b", 2, 2);
  std::map<std::string, CountedTerm> terms;
  for (const CountedTerm& counted : counter.counts()) terms[counted.term] = counted;
  BOOST_TEST((terms.at("ab").first_id_ranks == std::vector<std::uint32_t>{1, 3}));
  BOOST_TEST((terms.at("ab").first_type_ranks == std::vector<std::uint32_t>{1, 3}));
  BOOST_TEST((terms.at("b").first_id_ranks == std::vector<std::uint32_t>{1, 2, 3}));
  BOOST_TEST((terms.at("b").first_type_ranks == std::vector<std::uint32_t>{1, 2, 3}));
  BOOST_TEST((terms.at("x").first_type_ranks == std::vector<std::uint32_t>{3}));
}

// For every term, the listed ranks are the first kListedMatches matches in id
// order and in (type, id) order, found directly over ranked profiles added in a
// shuffled order: all of a rare term's matches, the first of a common one's.
BOOST_AUTO_TEST_CASE(listed_matches_equal_a_direct_search_in_each_order) {
  ProfileGenerator generator(7);
  std::vector<Profile> profiles;
  profiles.reserve(4000);
  for (int i = 0; i < 4000; ++i) profiles.push_back(generator.next());
  const Ranks ranks = rank_profiles(profiles);
  std::vector<std::size_t> added(profiles.size());
  for (std::size_t i = 0; i < added.size(); ++i) added[i] = (i * 7919) % added.size();  // 7919 is prime: a permutation
  TermCounter counter(profiles.size());
  for (const std::size_t i : added) {
    counter.add(profiles[i].username, static_cast<std::uint32_t>(ranks.by_id[i]),
                static_cast<std::uint32_t>(ranks.by_type[i]));
  }
  auto first_ranks = [&](const std::string& term, const std::vector<long long>& rank_of) {
    std::vector<std::uint32_t> matching;
    for (std::size_t i = 0; i < profiles.size(); ++i) {
      if (contains_ignoring_case(profiles[i].username, term))
        matching.push_back(static_cast<std::uint32_t>(rank_of[i]));
    }
    std::sort(matching.begin(), matching.end());
    if (matching.size() > kListedMatches) matching.resize(kListedMatches);
    return matching;
  };
  std::size_t common = 0, rare = 0;
  for (const CountedTerm& counted : counter.counts()) {
    BOOST_REQUIRE_MESSAGE(counted.first_id_ranks == first_ranks(counted.term, ranks.by_id), counted.term);
    BOOST_REQUIRE_MESSAGE(counted.first_type_ranks == first_ranks(counted.term, ranks.by_type), counted.term);
    (counted.total > static_cast<long long>(kListedMatches) ? common : rare) += 1;
  }
  BOOST_TEST(common > 50u);
  BOOST_TEST(rare > 500u);
}

// For every blocked term (is_blocked), element k of its blocks is how many of
// its matches rank at most k blocks in each order, found directly over
// ranked profiles added in a shuffled order; the others have none.
BOOST_AUTO_TEST_CASE(block_counts_equal_a_direct_count_in_each_order) {
  ProfileGenerator generator(11);
  std::vector<Profile> profiles;
  // Enough for several blocks and for a few hyphened terms with matches past the list.
  constexpr std::uint32_t kProfiles = 8292;
  profiles.reserve(kProfiles);
  for (std::uint32_t i = 0; i < kProfiles; ++i) profiles.push_back(generator.next());
  const Ranks ranks = rank_profiles(profiles);
  TermCounter counter(kProfiles);
  for (std::size_t step = 0; step < profiles.size(); ++step) {
    const std::size_t i = (step * 7919) % profiles.size();
    counter.add(profiles[i].username, static_cast<std::uint32_t>(ranks.by_id[i]),
                static_cast<std::uint32_t>(ranks.by_type[i]));
  }
  auto before_blocks = [&](const std::string& term, const std::vector<long long>& rank_of) {
    const std::uint32_t block = counter.block();
    std::vector<std::uint32_t> before(kProfiles / block + 1, 0);  // ranks up to 0, block, 2 * block...
    long long last = 0;
    for (std::size_t i = 0; i < profiles.size(); ++i) {
      if (!contains_ignoring_case(profiles[i].username, term)) continue;
      last = std::max(last, rank_of[i]);
      for (std::size_t k = 1; k < before.size(); ++k) before[k] += rank_of[i] <= static_cast<long long>(k) * block;
    }
    before.resize(static_cast<std::size_t>((last - 1) / block) + 1);  // up to the block of the last match
    return before;
  };
  std::size_t checked = 0;
  std::size_t checked_of_length_3 = 0;
  for (const CountedTerm& counted : counter.counts()) {
    if (!is_blocked(counted.term, counted.total)) {
      BOOST_REQUIRE(counted.id_blocks.empty() && counted.type_blocks.empty());
      continue;
    }
    BOOST_REQUIRE_MESSAGE(counted.id_blocks == before_blocks(counted.term, ranks.by_id), counted.term);
    BOOST_REQUIRE_MESSAGE(counted.type_blocks == before_blocks(counted.term, ranks.by_type), counted.term);
    ++checked;
    checked_of_length_3 += counted.term.size() == 3;
  }
  BOOST_TEST(checked > 30u);
  BOOST_TEST(checked_of_length_3 > 0u);  // a hyphen's: a common one needs more rows than a unit test adds
}

// Blocks hold at least kMinRankBlock ranks, and a term keeps at most
// kMaxRankBlocks of them however large the table; the 16-bit counts bound it.
BOOST_AUTO_TEST_CASE(blocks_grow_with_the_table) {
  BOOST_TEST(rank_block(0) == kMinRankBlock);
  BOOST_TEST(rank_block(1'000'000) == kMinRankBlock);
  BOOST_TEST(rank_block(50'000'000) == 48'829u);
  for (const std::uint64_t rows : {1ULL, 1'048'577ULL, 50'000'000ULL, 67'107'840ULL}) {
    BOOST_TEST((rows + rank_block(rows) - 1) / rank_block(rows) <= kMaxRankBlocks, rows);
    BOOST_TEST(TermCounter(rows).block() == rank_block(rows));
  }
  BOOST_CHECK_THROW(TermCounter(100'000'000), std::invalid_argument);
}

// Blocks are kept where a page past the list would otherwise walk far or fetch
// many matches: never for a term whose matches are all listed.
BOOST_AUTO_TEST_CASE(terms_are_blocked_where_the_trigram_index_cannot_fetch_their_matches_cheaply) {
  const auto listed = static_cast<long long>(kListedMatches);
  for (const char* term : {"a", "7", "-", "ab", "a-", "tor", "l-i"}) BOOST_TEST(!is_blocked(term, listed));
  for (const char* term : {"a", "-", "a-", "-x", "l-i", "--a"}) BOOST_TEST(is_blocked(term, listed + 1), term);
  for (const char* term : {"ab", "x7", "tor", "19a"}) {
    BOOST_TEST(!is_blocked(term, kFetchedMatchesAtMost), term);
    BOOST_TEST(is_blocked(term, kFetchedMatchesAtMost + 1), term);
  }
}

BOOST_AUTO_TEST_SUITE_END()
