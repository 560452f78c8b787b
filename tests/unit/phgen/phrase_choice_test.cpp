#include "apps/phgen/phrase_choice.h"

#include <boost/test/unit_test.hpp>

#include <cmath>
#include <map>
#include <set>
#include <vector>

using namespace phgen;

namespace {

// The same contract as the SQL statement, over an ordered map of id -> text.
class TablePhrases : public PhraseSource {
 public:
  explicit TablePhrases(std::map<long long, std::string> rows) : rows_(std::move(rows)) {}

  std::optional<Phrase> first_from(double fraction, std::optional<std::string_view> excluded) override {
    ++probes;
    if (rows_.empty()) return std::nullopt;
    const long long low = rows_.begin()->first;
    const long long high = rows_.rbegin()->first;
    const long long point = low + static_cast<long long>(std::floor(fraction * static_cast<double>(high - low + 1)));
    for (auto it = rows_.lower_bound(point); it != rows_.end(); ++it) {
      if (!excluded || it->second != *excluded) return Phrase{it->first, it->second};
    }
    return std::nullopt;
  }

  int probes = 0;

 private:
  std::map<long long, std::string> rows_;
};

}  // namespace

BOOST_AUTO_TEST_SUITE(phrase_choice)

BOOST_AUTO_TEST_CASE(empty_table_has_no_phrase) {
  TablePhrases table({});
  BOOST_TEST(!choose_next_phrase(table, std::nullopt, 0.5).has_value());
  BOOST_TEST(!choose_next_phrase(table, std::string_view("x"), 0.5).has_value());
}

BOOST_AUTO_TEST_CASE(single_phrase_may_repeat_the_current_one) {
  TablePhrases table({{7, "only"}});
  const auto phrase = choose_next_phrase(table, std::string_view("only"), 0.3);
  BOOST_REQUIRE(phrase.has_value());
  BOOST_TEST(phrase->text == "only");
}

BOOST_AUTO_TEST_CASE(never_repeats_the_current_phrase_when_there_are_two_or_more) {
  TablePhrases table({{1, "a"}, {2, "b"}, {5, "c"}, {9, "d"}});
  for (double fraction = 0.0; fraction < 1.0; fraction += 0.01) {
    for (const char* current : {"a", "b", "c", "d"}) {
      const auto phrase = choose_next_phrase(table, std::string_view(current), fraction);
      BOOST_REQUIRE(phrase.has_value());
      BOOST_TEST(phrase->text != current);
    }
  }
}

BOOST_AUTO_TEST_CASE(wraps_around_when_the_probe_lands_on_the_last_row_and_it_is_current) {
  TablePhrases table({{1, "a"}, {2, "b"}, {3, "c"}});
  const auto phrase = choose_next_phrase(table, std::string_view("c"), 0.99);
  BOOST_REQUIRE(phrase.has_value());
  BOOST_TEST(phrase->text == "a");
  BOOST_TEST(table.probes == 2);
}

BOOST_AUTO_TEST_CASE(one_probe_in_the_usual_case) {
  TablePhrases table({{1, "a"}, {2, "b"}, {3, "c"}});
  choose_next_phrase(table, std::string_view("c"), 0.1);
  BOOST_TEST(table.probes == 1);
}

BOOST_AUTO_TEST_CASE(every_phrase_can_be_chosen) {
  TablePhrases table({{10, "a"}, {11, "b"}, {12, "c"}, {13, "d"}, {14, "e"}});
  std::set<std::string> seen;
  for (int i = 0; i < 100; ++i) seen.insert(choose_next_phrase(table, std::nullopt, i / 100.0)->text);
  BOOST_TEST(seen.size() == 5u);
}

BOOST_AUTO_TEST_CASE(probes_go_from_the_random_point_to_the_start_then_allow_the_current_phrase) {
  const auto probes = next_phrase_probes(std::string_view("current"), 0.75);
  BOOST_TEST(probes[0].fraction == 0.75);
  BOOST_TEST(probes[0].excluded.value_or("") == "current");
  BOOST_TEST(probes[1].fraction == 0.0);
  BOOST_TEST(probes[1].excluded.value_or("") == "current");
  BOOST_TEST(probes[2].fraction == 0.0);
  BOOST_TEST(!probes[2].excluded.has_value());
}

// The list in memory answers every probe as the statement does (TablePhrases
// is the statement's contract), so a pick from memory has the same distribution.
BOOST_AUTO_TEST_CASE(the_list_in_memory_answers_every_probe_as_the_table_does) {
  const std::map<long long, std::string> rows{{3, "a"}, {4, "b"}, {9, "c"}, {10, "d"}, {25, "e"}, {26, "f"}};
  std::vector<Phrase> by_id;
  by_id.reserve(rows.size());
  for (const auto& [id, text] : rows) by_id.push_back(Phrase{id, text});
  PhraseList list(by_id);
  TablePhrases table(rows);
  for (int step = 0; step < 1000; ++step) {
    const double fraction = step / 1000.0;
    for (const std::optional<std::string_view> excluded :
         {std::optional<std::string_view>(), std::optional<std::string_view>("a"), std::optional<std::string_view>("d"),
          std::optional<std::string_view>("f"), std::optional<std::string_view>("absent")}) {
      const auto expected = table.first_from(fraction, excluded);
      const auto got = list.first_from(fraction, excluded);
      BOOST_REQUIRE_EQUAL(got.has_value(), expected.has_value());
      if (got) BOOST_TEST(got->id == expected->id);
    }
  }
}

BOOST_AUTO_TEST_CASE(a_pick_from_the_list_in_memory_follows_the_same_rules) {
  PhraseList empty({});
  BOOST_TEST(!choose_next_phrase(empty, std::nullopt, 0.5).has_value());
  PhraseList one({{7, "only"}});
  BOOST_TEST(choose_next_phrase(one, std::string_view("only"), 0.9)->text == "only");
  PhraseList three({{1, "a"}, {2, "b"}, {3, "c"}});
  BOOST_TEST(choose_next_phrase(three, std::string_view("c"), 0.99)->text == "a");  // wraps to the start
  std::map<std::string, int> picks;
  for (int i = 0; i < 300; ++i) {
    const auto phrase = choose_next_phrase(three, std::string_view("b"), i / 300.0);
    BOOST_REQUIRE(phrase.has_value());
    ++picks[phrase->text];
  }
  BOOST_TEST(picks.count("b") == 0u);
  BOOST_TEST(picks["a"] == 100);  // a's own third of the range
  BOOST_TEST(picks["c"] == 200);  // c's third, and b's, which skips to c
}

BOOST_AUTO_TEST_CASE(phrase_text_rules) {
  BOOST_TEST(!phrase_error("Hello DB 1!").has_value());
  BOOST_TEST(!phrase_error(std::string(1000, 'x')).has_value());
  BOOST_TEST(phrase_error(std::string(1001, 'x')).has_value());
  BOOST_TEST(!phrase_error(std::string(500, 'x') + std::string(500 / 2, 'y')).has_value());
  std::string accents;
  for (int i = 0; i < 1000; ++i) accents += "é";  // 2000 bytes, 1000 characters
  BOOST_TEST(!phrase_error(accents).has_value());
  BOOST_TEST(phrase_error("").has_value());
  BOOST_TEST(phrase_error("  \t\n").has_value());
  BOOST_TEST(phrase_error("\xC3").has_value());
}

BOOST_AUTO_TEST_SUITE_END()
