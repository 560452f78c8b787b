#include "apps/github/kept_answers.h"

#include <boost/test/unit_test.hpp>

#include <string>

using namespace github;

namespace {

const KeptAnswers::Clock::time_point kStart{};

}  // namespace

BOOST_AUTO_TEST_SUITE(github_kept_answers)

BOOST_AUTO_TEST_CASE(an_answer_is_found_under_its_generation_for_its_lifetime) {
  KeptAnswers kept;
  kept.keep("7", "username=ab", "{\"total\":3}", kStart);
  const std::string* found = kept.find("7", "username=ab", kStart + std::chrono::seconds(9));
  BOOST_TEST_REQUIRE(found != nullptr);
  BOOST_TEST(*found == "{\"total\":3}");
  BOOST_TEST(!kept.find("7", "username=abc", kStart));
  BOOST_TEST(!kept.find("7", "username=ab", kStart + KeptAnswers::kLifetime));
  BOOST_TEST(kept.size() == 0U);  // an expired answer goes when found expired
}

BOOST_AUTO_TEST_CASE(a_new_generation_retires_every_answer_kept_under_the_old_one) {
  KeptAnswers kept;
  kept.keep("7", "username=ab", "old", kStart);
  BOOST_TEST(!kept.find("8", "username=ab", kStart));
  kept.keep("8", "username=cd", "new", kStart);
  BOOST_TEST(!kept.find("7", "username=ab", kStart));
  BOOST_TEST(kept.size() == 1U);
}

BOOST_AUTO_TEST_CASE(the_memory_kept_stays_within_the_budget) {
  KeptAnswers kept(100);
  kept.keep("1", "q1", std::string(40, 'a'), kStart);
  kept.keep("1", "q2", std::string(40, 'b'), kStart);
  BOOST_TEST(kept.size() == 2U);
  kept.keep("1", "q3", std::string(40, 'c'), kStart);  // over budget: the others go
  BOOST_TEST(kept.size() == 1U);
  BOOST_TEST(*kept.find("1", "q3", kStart) == std::string(40, 'c'));
  kept.keep("1", "q4", std::string(200, 'd'), kStart);  // larger than the budget: not kept
  BOOST_TEST(!kept.find("1", "q4", kStart));
  kept.keep("1", "q3", std::string(50, 'e'), kStart);  // kept again: replaced, counted once
  kept.keep("1", "q5", std::string(40, 'f'), kStart);
  BOOST_TEST(kept.size() == 2U);
}

BOOST_AUTO_TEST_SUITE_END()
