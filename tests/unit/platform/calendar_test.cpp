#include "platform/calendar.h"

#include <boost/test/unit_test.hpp>

using namespace platform;

BOOST_AUTO_TEST_SUITE(calendar)

BOOST_AUTO_TEST_CASE(strict_iso_dates) {
  BOOST_TEST((*parse_iso_date("1995-04-12") == Date{1995, 4, 12}));
  BOOST_TEST((*parse_iso_date("2000-02-29") == Date{2000, 2, 29}));
  for (const char* bad : {"1995-02-29", "1995-13-01", "1995-4-2", "95-04-12", "2000-02-30", "1900-02-29", "1995-00-10",
                          "1995-01-00", "1995-04-31", "0000-01-01", "1995/04/12", " 1995-04-12", "1995-04-12 ",
                          "1995-04-1x", "+995-04-12", "", "1995-04-120"}) {
    BOOST_TEST(!parse_iso_date(bad).has_value(), bad);
  }
}

BOOST_AUTO_TEST_CASE(leap_years) {
  BOOST_TEST(is_leap_year(2000));
  BOOST_TEST(is_leap_year(2024));
  BOOST_TEST(!is_leap_year(1900));
  BOOST_TEST(!is_leap_year(2023));
  BOOST_TEST(days_in_month(2024, 2) == 29);
  BOOST_TEST(days_in_month(2023, 2) == 28);
}

BOOST_AUTO_TEST_CASE(day_numbers_round_trip) {
  BOOST_TEST(days_from_civil({1970, 1, 1}) == 0);
  BOOST_TEST(days_from_civil({2000, 3, 1}) - days_from_civil({2000, 2, 28}) == 2);
  for (long long day = -800000; day < 800000; day += 997) {
    BOOST_TEST(days_from_civil(civil_from_days(day)) == day);
  }
  BOOST_TEST(format_iso_date({7, 3, 9}) == "0007-03-09");
}

BOOST_AUTO_TEST_SUITE_END()
