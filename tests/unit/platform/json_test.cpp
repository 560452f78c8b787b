#include "platform/json.h"

#include <boost/test/unit_test.hpp>

using namespace platform;

BOOST_AUTO_TEST_SUITE(json)

BOOST_AUTO_TEST_CASE(round_trip_keeps_utf8_unescaped) {
  const auto value = parse_json(R"({"name":"José","n":1})");
  BOOST_REQUIRE(value.has_value());
  BOOST_TEST(to_json(*value) == R"({"n":1,"name":"José"})");
}

BOOST_AUTO_TEST_CASE(rejects_malformed_and_trailing_input) {
  for (const char* bad : {"", "{", "{\"a\":}", "{} {}", "{'a':1}", "// c\n{}", "[1,]", "nul"}) {
    BOOST_TEST(!parse_json(bad).has_value(), bad);
  }
}

BOOST_AUTO_TEST_CASE(rejects_deep_nesting_without_crashing) {
  const std::string deep = std::string(10000, '[') + std::string(10000, ']');
  BOOST_TEST(!parse_json(deep).has_value());
  const std::string shallow = std::string(kMaxJsonDepth - 1, '[') + std::string(kMaxJsonDepth - 1, ']');
  BOOST_TEST(parse_json(shallow).has_value());
}

BOOST_AUTO_TEST_CASE(rejects_invalid_utf8) {
  BOOST_TEST(!parse_json("{\"a\":\"\xC3\"}").has_value());
  BOOST_TEST(!parse_json("{\"a\":\"\xC0\xAF\"}").has_value());
}

BOOST_AUTO_TEST_CASE(rejects_nul_and_raw_control_characters) {
  BOOST_TEST(!parse_json(std::string("{\"a\":\"x\0y\"}", 12)).has_value());
  BOOST_TEST(!parse_json("{\"a\":\"x\\u0000y\"}").has_value());
  BOOST_TEST(!parse_json("{\"a\\u0000\":1}").has_value());
  BOOST_TEST(!parse_json("[[\"ok\", \"\\u0000\"]]").has_value());
  BOOST_TEST(parse_json("{\"a\":\"tab\\there\"}\n").has_value());
  BOOST_TEST(parse_json("{\"a\":\"\\u00e9\"}").has_value());
}

BOOST_AUTO_TEST_SUITE_END()
