#include "apps/hotsox/similarity.h"

#include <boost/test/tools/floating_point_comparison.hpp>
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <string>
#include <vector>

using namespace hotsox;
using platform::Date;

namespace {

long long day_number(int year, int month, int day) { return platform::days_from_civil(Date{year, month, day}); }

SockTraits sock(long long id) {
  SockTraits s;
  s.numbers.id = id;
  s.numbers.joining_day = day_number(2026, 1, 1);
  s.numbers.separation_day = day_number(2025, 6, 1);
  return s;
}

constexpr double kAllNumericWeights = 10 + 8 + 7 + 6 + 6 + 6 + 5 + 5 + 4 + 4 + 4 + 3;

}  // namespace

BOOST_AUTO_TEST_SUITE(hotsox_similarity)

BOOST_AUTO_TEST_CASE(identical_socks_score_every_weight) {
  const SockTraits a = sock(1);
  // −1 + all numeric weights + both date weights at Δ = 0; empty texts are alike.
  BOOST_TEST(numeric_score(a.numbers, a.numbers) == -1 + kAllNumericWeights + 5 + 2,
             boost::test_tools::tolerance(1e-9));
  BOOST_TEST(similarity_score(a, a) == numeric_score(a.numbers, a.numbers) + 4, boost::test_tools::tolerance(1e-9));
}

BOOST_AUTO_TEST_CASE(each_numeric_term_is_weight_times_closeness) {
  const SockNumbers base = sock(1).numbers;
  const double full = numeric_score(base, base);
  struct Case {
    const char* name;
    int SockNumbers::*field;
    int delta;
    double weight;
    double range;
  };
  const Case cases[] = {
      {"color", &SockNumbers::color, 5, 10, 10},
      {"size", &SockNumbers::size, 7, 8, 7},
      {"type", &SockNumbers::type, 3, 7, 9},
      {"fabric", &SockNumbers::fabric, 1, 6, 7},
      {"condition", &SockNumbers::condition, 6, 6, 12},
      {"holes", &SockNumbers::holes, 4, 6, 10},
      {"age", &SockNumbers::age, 25, 5, 25},
      {"fabric_thickness", &SockNumbers::fabric_thickness, 2, 5, 7},
      {"kilometers", &SockNumbers::kilometers, 500, 4, 1000},
      {"inoutdoor", &SockNumbers::inoutdoor, 8, 4, 9},
      {"washed", &SockNumbers::washed, 7, 4, 7},
      {"brand", &SockNumbers::brand, 12, 3, 12},
  };
  for (const Case& c : cases) {
    SockNumbers other = base;
    other.*c.field += c.delta;
    const double expected = full - c.weight * c.delta / c.range;
    BOOST_TEST(numeric_score(base, other) == expected, c.name << boost::test_tools::tolerance(1e-9));
    // The term is symmetric.
    BOOST_TEST(numeric_score(other, base) == expected, c.name << boost::test_tools::tolerance(1e-9));
  }
}

BOOST_AUTO_TEST_CASE(dates_close_within_sixty_days_else_a_tenth) {
  const Date day{2026, 3, 1};
  BOOST_TEST(date_closeness(day, day) == 1.0);
  BOOST_TEST(date_closeness(day, Date{2026, 3, 31}) == 0.5);
  BOOST_TEST(date_closeness(Date{2026, 3, 31}, day) == 0.5);
  BOOST_TEST(date_closeness(day, Date{2026, 4, 30}) == 0.0);  // 60 days: the last day inside
  BOOST_TEST(date_closeness(day, Date{2026, 5, 1}) == 0.1);   // 61 days
  BOOST_TEST(date_closeness(Date{2024, 2, 29}, Date{2024, 3, 1}) == 59.0 / 60.0, boost::test_tools::tolerance(1e-12));

  SockTraits a = sock(1);
  SockTraits b = sock(2);
  b.numbers.joining_day = day_number(2026, 1, 31);    // 30 days: 5 × 0.5
  b.numbers.separation_day = day_number(2020, 1, 1);  // far: 2 × 0.1
  BOOST_TEST(numeric_score(a.numbers, b.numbers) == -1 + kAllNumericWeights + 2.5 + 0.2,
             boost::test_tools::tolerance(1e-9));
}

// Expected values are CPython 3.11's difflib.SequenceMatcher(None, a, b).ratio().
BOOST_AUTO_TEST_CASE(sequence_ratio_is_difflibs) {
  BOOST_TEST(sequence_ratio("", "") == 1.0);
  BOOST_TEST(sequence_ratio("wool", "wool") == 1.0);
  BOOST_TEST(sequence_ratio("Wool", "wOOL") == 0.0);  // case counts
  BOOST_TEST(sequence_ratio("abc", "xyz") == 0.0);
  BOOST_TEST(sequence_ratio("", "something") == 0.0);
  BOOST_TEST(sequence_ratio("night", "nacht") == 0.6);
  BOOST_TEST(sequence_ratio("smells of cinnamon", "smells of cedar") == 0.7272727272727273);
  BOOST_TEST(sequence_ratio("abcd", "bcda") == 0.75);
  BOOST_TEST(sequence_ratio("abxcd", "abcd") == 0.8888888888888888);
  // Not symmetric: the longest match is searched in a, ties broken by position.
  BOOST_TEST(sequence_ratio("tide", "diet") == 0.25);
  BOOST_TEST(sequence_ratio("diet", "tide") == 0.5);
  // Code points, not bytes: ë and ä are one character each.
  BOOST_TEST(sequence_ratio("Zoë trägt Wolle", "Zoe tragt Wolle") == 0.8666666666666667);
  // Autojunk: in a b of 200 characters or more, characters occurring more
  // than len(b)/100 + 1 times seed no match (here every character of b).
  const std::string a = [] {
    std::string text;
    for (int i = 0; i < 6; ++i) text += "the quick brown fox jumps over the lazy dog ";
    return text;
  }();
  const std::string b = [] {
    std::string text;
    for (int i = 0; i < 6; ++i) text += "a quick brown cat naps under the lazy dog ";
    return text;
  }();
  BOOST_TEST(sequence_ratio(a, b) == 0.0);
  BOOST_TEST(sequence_ratio(std::string(50, 'x') + "tail one", std::string(50, 'x')) ==
             2.0 * 50 / (58 + 50));  // b under 200: no autojunk
}

BOOST_AUTO_TEST_CASE(texts_add_up_to_four) {
  SockTraits a = sock(1);
  SockTraits b = sock(2);
  a.special = "striped";
  b.special = "dotted";
  a.about = "I like hiking";
  b.about = "I like hiking";
  const double expected = numeric_score(a.numbers, b.numbers) + 2 * sequence_ratio("striped", "dotted") + 2 * 1.0;
  BOOST_TEST(similarity_score(a, b) == expected, boost::test_tools::tolerance(1e-12));
}

BOOST_AUTO_TEST_CASE(the_best_candidate_wins_and_ties_go_to_the_lowest_id) {
  const SockTraits mine = sock(1);
  BOOST_TEST(!best_candidate(mine, {}).has_value());

  SockTraits close = sock(7);
  SockTraits far = sock(3);
  far.numbers.color = 10;
  far.numbers.kilometers = 900;
  BOOST_TEST(*best_candidate(mine, {far, close}) == 7);

  SockTraits twin_a = sock(9);
  SockTraits twin_b = sock(4);
  BOOST_TEST(*best_candidate(mine, {twin_a, twin_b}) == 4);
  BOOST_TEST(*best_candidate(mine, {twin_b, twin_a}) == 4);

  // A text match can outweigh a small numeric difference.
  SockTraits wordy = sock(2);
  wordy.numbers.size = 2;  // −8/7
  SockTraits plain = sock(5);
  SockTraits me_wordy = mine;
  me_wordy.special = "green wool with a hole";
  wordy.special = "green wool with a hole";
  plain.special = "nothing alike at all!!";
  BOOST_TEST(*best_candidate(me_wordy, {plain, wordy}) == 2);
}

// The original started at −1 and took only a strictly higher score: when no
// candidate beats −1, the first (lowest id) is chosen, however bad.
BOOST_AUTO_TEST_CASE(no_score_above_minus_one_means_the_lowest_id) {
  const SockTraits mine = sock(1);
  SockTraits awful = sock(8);
  awful.numbers.kilometers = 32767;  // 4 × (1 − 32767/1000) ≈ −127
  SockTraits worse = sock(6);
  worse.numbers.kilometers = 32767;
  worse.numbers.age = 32767;
  BOOST_TEST(similarity_score(mine, awful) < -1);
  BOOST_TEST(similarity_score(mine, worse) < similarity_score(mine, awful));
  BOOST_TEST(*best_candidate(mine, {awful, worse}) == 6);

  // choose_next does the same over the index's numeric candidates.
  const auto fetch = [&](const std::vector<long long>& ids) {
    std::vector<SockTraits> out;
    for (const SockTraits& s : {awful, worse}) {
      if (std::find(ids.begin(), ids.end(), s.numbers.id) != ids.end()) out.push_back(s);
    }
    return out;
  };
  const std::vector<NumericCandidate> both = {{numeric_score(mine.numbers, awful.numbers), 8},
                                              {numeric_score(mine.numbers, worse.numbers), 6}};
  BOOST_TEST(choose_next(mine, both, fetch, 1)->id == 6);
  // One candidate above −1 wins over any lower id.
  const SockTraits good = sock(9);
  const auto fetch_all = [&](const std::vector<long long>& ids) {
    std::vector<SockTraits> out;
    for (const SockTraits& s : {awful, worse, good}) {
      if (std::find(ids.begin(), ids.end(), s.numbers.id) != ids.end()) out.push_back(s);
    }
    return out;
  };
  std::vector<NumericCandidate> three = both;
  three.push_back({numeric_score(mine.numbers, good.numbers), 9});
  BOOST_TEST(choose_next(mine, three, fetch_all, 1)->id == 9);
  BOOST_TEST(!choose_next(mine, {}, fetch_all).has_value());
}

BOOST_AUTO_TEST_SUITE_END()
