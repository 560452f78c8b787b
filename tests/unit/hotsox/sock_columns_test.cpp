#include "apps/hotsox/sock_columns.h"

#include <boost/test/unit_test.hpp>

using namespace hotsox;

BOOST_AUTO_TEST_SUITE(hotsox_sock_columns)

BOOST_AUTO_TEST_CASE(the_numbers_of_sock_s_in_reading_order) {
  // The swipe store and the sock index both select these, then their own columns.
  BOOST_TEST(sock_number_columns() ==
             "s.id, s.owner_id, s.info_color, s.info_size, s.info_type, s.info_fabric, s.info_condition, "
             "s.info_holes, s.info_age, s.info_fabric_thickness, s.info_kilometers, s.info_inoutdoor, s.info_washed, "
             "s.info_brand, s.info_joining_date - date '1970-01-01', s.info_separation_date - date '1970-01-01'");
  BOOST_TEST(kSockNumberColumnCount == 16u);
}

BOOST_AUTO_TEST_SUITE_END()
