#include "store/keydb.h"

#include <boost/test/unit_test.hpp>

using store::parse_keydb_url;

BOOST_AUTO_TEST_SUITE(keydb_url)

BOOST_AUTO_TEST_CASE(host_port_and_database) {
  const auto address = parse_keydb_url("redis://keydb:6380/2");
  BOOST_TEST(address.host == "keydb");
  BOOST_TEST(address.port == 6380);
  BOOST_TEST(address.database == 2);
  BOOST_TEST(address.password == "");
  BOOST_TEST(address.unix_path == "");
}

BOOST_AUTO_TEST_CASE(defaults) {
  const auto address = parse_keydb_url("redis://");
  BOOST_TEST(address.host == "127.0.0.1");
  BOOST_TEST(address.port == 6379);
  BOOST_TEST(address.database == 0);
}

BOOST_AUTO_TEST_CASE(password_with_or_without_user) {
  BOOST_TEST(parse_keydb_url("redis://:p%40ss@h:1/0").password == "p@ss");
  BOOST_TEST(parse_keydb_url("redis://default:pw@h").password == "pw");
  BOOST_TEST(parse_keydb_url("redis://default:pw@h").host == "h");
}

BOOST_AUTO_TEST_CASE(ipv6_literal) {
  const auto address = parse_keydb_url("redis://[::1]:7000");
  BOOST_TEST(address.host == "::1");
  BOOST_TEST(address.port == 7000);
}

BOOST_AUTO_TEST_CASE(unix_socket) {
  const auto address = parse_keydb_url("unix:///run/keydb/keydb.sock?db=3");
  BOOST_TEST(address.unix_path == "/run/keydb/keydb.sock");
  BOOST_TEST(address.database == 3);
}

BOOST_AUTO_TEST_CASE(rejects_nonsense) {
  for (const char* bad :
       {"http://h", "redis://h:port", "redis://h:1/x", "unix://relative", "redis://[::1", "redis://h:-1"}) {
    BOOST_CHECK_THROW(parse_keydb_url(bad), std::invalid_argument);
  }
}

BOOST_AUTO_TEST_SUITE_END()
