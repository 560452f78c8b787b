#include "platform/paging.h"

#include <boost/test/unit_test.hpp>

using namespace platform;

namespace {

int status_of(const char* query) {
  try {
    parse_page_request(Params::parse(query), 25, 100);
    return 200;
  } catch (const HttpError& error) {
    return error.status();
  }
}

}  // namespace

BOOST_AUTO_TEST_SUITE(paging)

BOOST_AUTO_TEST_CASE(defaults) {
  const auto request = parse_page_request(Params::parse(""), 25, 100);
  BOOST_TEST(request.page == 1);
  BOOST_TEST(request.per_page == 25);
}

BOOST_AUTO_TEST_CASE(bad_values) {
  BOOST_TEST(status_of("page=abc") == 400);
  BOOST_TEST(status_of("page=") == 400);
  BOOST_TEST(status_of("page=1.5") == 400);
  BOOST_TEST(status_of("pagination=x") == 400);
  BOOST_TEST(status_of("pagination=0") == 400);
  BOOST_TEST(status_of("pagination=101") == 400);
  BOOST_TEST(status_of("page=99999999999999999999") == 400);
  BOOST_TEST(status_of("page=0") == 404);
  BOOST_TEST(status_of("page=-3") == 404);
  BOOST_TEST(status_of("page=2&pagination=100") == 200);
}

BOOST_AUTO_TEST_CASE(page_counts_and_neighbours) {
  const Page first = paginate({1, 25}, 150);
  BOOST_TEST(first.pages == 6);
  BOOST_TEST(!first.has_prev);
  BOOST_TEST(first.has_next);
  BOOST_TEST(!first.prev_num.has_value());
  BOOST_TEST(*first.next_num == 2);
  BOOST_TEST(first.offset == 0);

  const Page last = paginate({6, 25}, 150);
  BOOST_TEST(last.has_prev);
  BOOST_TEST(!last.has_next);
  BOOST_TEST(*last.prev_num == 5);
  BOOST_TEST(last.offset == 125);
  BOOST_TEST(last.exists());
  BOOST_TEST(!paginate({7, 25}, 150).exists());

  BOOST_TEST(paginate({1, 25}, 151).pages == 7);
  BOOST_TEST(paginate({1, 1}, 1).pages == 1);
}

BOOST_AUTO_TEST_CASE(first_page_of_nothing_exists_and_is_empty) {
  const Page empty = paginate({1, 25}, 0);
  BOOST_TEST(empty.pages == 0);
  BOOST_TEST(empty.exists());
  BOOST_TEST(!empty.has_next);
  BOOST_TEST(!paginate({2, 25}, 0).exists());
}

BOOST_AUTO_TEST_SUITE_END()
