#include "apps/hello/birthday.h"

#include "platform/json.h"

#include <boost/test/unit_test.hpp>

using namespace hello;
using platform::Date;

BOOST_AUTO_TEST_SUITE(hello_birthday)

BOOST_AUTO_TEST_CASE(usernames_are_unicode_letters) {
  for (const char* good : {"John", "José", "Zoë", "Łukasz", "日本", "Ωμέγα", "a"}) {
    BOOST_TEST(is_valid_username(good), good);
  }
  for (const char* bad : {"user1234", "a_b", "a b", "", "a-b", "a.b", "ann!", "\xC3", "١٢٣"}) {
    BOOST_TEST(!is_valid_username(bad), bad);
  }
  BOOST_TEST(is_valid_username(std::string(50, 'a')));
  BOOST_TEST(!is_valid_username(std::string(51, 'a')));
  std::string fifty_accents;
  for (int i = 0; i < 50; ++i) fifty_accents += "é";
  BOOST_TEST(is_valid_username(fifty_accents));  // 100 bytes, 50 characters
}

BOOST_AUTO_TEST_CASE(date_of_birth_from_the_body) {
  BOOST_TEST((*date_of_birth(*platform::parse_json(R"({"dateOfBirth":"1990-05-17"})")) == Date{1990, 5, 17}));
  for (const char* bad : {R"({"dateOfBirth":"1995-02-29"})", R"({"dateOfBirth":19950412})", R"({"date":"1990-05-17"})",
                          R"(["1990-05-17"])", R"("1990-05-17")", R"({"dateOfBirth":null})"}) {
    BOOST_TEST(!date_of_birth(*platform::parse_json(bad)).has_value(), bad);
  }
}

BOOST_AUTO_TEST_CASE(birthday_today_tomorrow_yesterday) {
  BOOST_TEST(days_until_birthday({1990, 6, 15}, {2026, 6, 15}) == 0);
  BOOST_TEST(days_until_birthday({1990, 6, 16}, {2026, 6, 15}) == 1);
  BOOST_TEST(days_until_birthday({1990, 6, 14}, {2026, 6, 15}) == 364);  // next: 2027-06-14
  BOOST_TEST(days_until_birthday({1990, 6, 14}, {2027, 6, 15}) == 365);  // across 29 Feb 2028
}

BOOST_AUTO_TEST_CASE(across_the_year_end) {
  BOOST_TEST(days_until_birthday({2000, 1, 1}, {2026, 12, 31}) == 1);
  BOOST_TEST(days_until_birthday({2000, 12, 31}, {2026, 1, 1}) == 364);
}

BOOST_AUTO_TEST_CASE(leap_day_birthdays) {
  const Date leap_day{2000, 2, 29};
  BOOST_TEST(days_until_birthday(leap_day, {2024, 2, 29}) == 0);  // a leap year: the 29th itself
  BOOST_TEST(days_until_birthday(leap_day, {2024, 2, 28}) == 1);
  BOOST_TEST(days_until_birthday(leap_day, {2026, 2, 28}) == 0);         // no 29th: celebrated on the 28th
  BOOST_TEST(days_until_birthday(leap_day, {2026, 3, 1}) == 364);        // next: 2027-02-28
  BOOST_TEST(days_until_birthday(leap_day, {2027, 3, 1}) == 365);        // next: 2028-02-29
  BOOST_TEST(days_until_birthday({1990, 3, 1}, {2024, 2, 29}) == 1);     // today is 29 February
  BOOST_TEST(days_until_birthday({1990, 2, 28}, {2024, 2, 29}) == 365);  // next: 2025-02-28
}

BOOST_AUTO_TEST_CASE(greetings) {
  BOOST_TEST(greeting("Ann", 0) == "Hello, Ann! Happy Birthday!");
  BOOST_TEST(greeting("José", 5) == "Hello, José! Your birthday is in 5 day(s)");
  BOOST_TEST(greeting("Ann", 1) == "Hello, Ann! Your birthday is in 1 day(s)");
}

BOOST_AUTO_TEST_SUITE_END()
