#include "apps/github/term_counts.h"
#include "apps/github/profile_generator.h"
#include "apps/github/profile_query.h"

#include <boost/test/unit_test.hpp>

#include <map>
#include <string>
#include <vector>

using namespace github;

namespace {

std::map<std::string, long long> as_map(const TermCounter& counter) {
  std::map<std::string, long long> counts;
  for (const auto& [term, count] : counter.counts()) counts[term] = count;
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
  TermCounter counter;
  counter.add("aaaa");
  counter.add("AbA");
  counter.add("b-a");
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
  TermCounter counter;
  counter.add("plain");
  BOOST_TEST(counter.complete());
  counter.add("caf\xc3\xa9");
  BOOST_TEST(!counter.complete());
}

// Every count equals a direct count over the usernames, for every term the
// usernames hold and some they do not.
BOOST_AUTO_TEST_CASE(counts_equal_a_direct_count) {
  ProfileGenerator generator(3);
  std::vector<std::string> usernames;
  TermCounter counter;
  for (int i = 0; i < 3000; ++i) {
    usernames.push_back(generator.next().username);
    counter.add(usernames.back());
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

BOOST_AUTO_TEST_SUITE_END()
