#include "apps/phgen/phrase_memory.h"

#include <boost/test/unit_test.hpp>

using namespace phgen;

namespace {

const PhraseMemory::Clock::time_point kStart{std::chrono::hours(1)};

}  // namespace

BOOST_AUTO_TEST_SUITE(phrase_memory)

BOOST_AUTO_TEST_CASE(nothing_is_known_before_the_table_is_read) {
  const PhraseMemory memory;
  BOOST_TEST(!memory.fresh(kStart).has_value());
}

BOOST_AUTO_TEST_CASE(a_copy_is_the_table_at_its_version_until_it_is_too_old) {
  PhraseMemory memory;
  memory.remember("v1", {{1, "a"}, {4, "b"}}, kStart);
  const auto copy = memory.fresh(kStart + kMaxRememberedAge - std::chrono::milliseconds(1));
  BOOST_REQUIRE(copy.has_value());
  BOOST_TEST(copy->version == "v1");
  BOOST_REQUIRE(copy->phrases != nullptr);
  BOOST_TEST(copy->phrases->size() == 2u);
  BOOST_TEST(!memory.fresh(kStart + kMaxRememberedAge).has_value());
}

BOOST_AUTO_TEST_CASE(an_empty_read_keeps_no_list_so_the_pick_asks_the_database) {
  PhraseMemory memory;
  const PhraseCopy& copy = memory.remember("v1", {}, kStart);
  BOOST_TEST(copy.version == "v1");
  BOOST_TEST(copy.phrases == nullptr);
}

BOOST_AUTO_TEST_CASE(a_new_copy_leaves_the_list_a_change_in_progress_picks_from) {
  PhraseMemory memory;
  const std::shared_ptr<PhraseList> held = memory.remember("v1", {{1, "a"}}, kStart).phrases;
  memory.remember("v2", {{2, "b"}}, kStart);
  BOOST_TEST(held->first_from(0.0, std::nullopt)->text == "a");
  BOOST_TEST(memory.fresh(kStart)->version == "v2");
  BOOST_TEST(memory.fresh(kStart)->phrases->first_from(0.0, std::nullopt)->text == "b");
}

BOOST_AUTO_TEST_SUITE_END()
