#include "apps/hotsox/similarity.h"

#include <boost/test/tools/floating_point_comparison.hpp>
#include <boost/test/unit_test.hpp>

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

BOOST_AUTO_TEST_CASE(text_similarity_is_a_ratio) {
  BOOST_TEST(text_similarity("", "") == 1.0);
  BOOST_TEST(text_similarity("wool", "wool") == 1.0);
  BOOST_TEST(text_similarity("Wool", "wOOL") == 1.0);
  BOOST_TEST(text_similarity("abc", "xyz") == 0.0);
  BOOST_TEST(text_similarity("", "something") == 0.0);
  BOOST_TEST(text_similarity("a", "a") == 1.0);
  BOOST_TEST(text_similarity("a", "b") == 0.0);
  // night/nacht share one bigram ("ht") of four each: 2 × 1 / 8.
  BOOST_TEST(text_similarity("night", "nacht") == 0.25);
  const double ab = text_similarity("smells of cinnamon", "smells of cedar");
  BOOST_TEST(ab > 0.0);
  BOOST_TEST(ab < 1.0);
  BOOST_TEST(ab == text_similarity("smells of cedar", "smells of cinnamon"));
  // Only the start of a long text counts.
  const std::string long_a = std::string(kComparedTextBytes, 'x') + "tail one";
  const std::string long_b = std::string(kComparedTextBytes, 'x') + "another";
  BOOST_TEST(text_similarity(long_a, long_b) == 1.0);
}

BOOST_AUTO_TEST_CASE(texts_add_up_to_four) {
  SockTraits a = sock(1);
  SockTraits b = sock(2);
  a.special = "striped";
  b.special = "dotted";
  a.owner_about = "I like hiking";
  b.owner_about = "I like hiking";
  const double expected = numeric_score(a.numbers, b.numbers) + 2 * text_similarity("striped", "dotted") + 2 * 1.0;
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

BOOST_AUTO_TEST_SUITE_END()
