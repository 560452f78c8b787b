#include "platform/json.h"

#include "platform/text.h"

#include <boost/test/unit_test.hpp>

#include <atomic>
#include <thread>
#include <vector>

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

BOOST_AUTO_TEST_CASE(rejects_lone_surrogate_escapes) {
  // jsoncpp decodes a lone surrogate into bytes that are not UTF-8 (issue 18 item 4).
  for (const char* bad : {R"({"a":"\udc00"})", R"({"a":"x\ud800y"})", R"({"\udfff":1})", R"(["ok", ["\udc00"]])",
                          R"({"a":"\udc00\ud800"})"}) {
    BOOST_TEST(!parse_json(bad).has_value(), bad);
  }
  const auto pair = parse_json(R"({"a":"\ud83d\ude00"})");
  BOOST_REQUIRE(pair.has_value());
  BOOST_TEST((*pair)["a"].asString() == "\xF0\x9F\x98\x80");
}

BOOST_AUTO_TEST_CASE(written_json_is_always_utf8) {
  Json::Value value(Json::objectValue);
  value["message"] = std::string("bad \xFF \xED\xB0\x80 and é");
  const std::string text = to_json(value);
  BOOST_TEST(utf8_length(text).has_value(), text);
  const auto back = parse_json(text);
  BOOST_REQUIRE(back.has_value());
  BOOST_TEST((*back)["message"].asString().find("and \xC3\xA9") != std::string::npos);
  BOOST_TEST(to_json(*parse_json(R"({"a":"é"})")) == R"({"a":"é"})");
}

// The transaction pool's threads write and read JSON while the loop's
// thread does: each thread has its own writer and reader.
BOOST_AUTO_TEST_CASE(threads_write_and_read_at_once) {
  Json::Value value(Json::objectValue);
  value["message"] = "sock <12> was liked";
  value["match"]["users"] = Json::Value(Json::arrayValue);
  for (int i = 0; i < 20; ++i) value["match"]["users"].append("user " + std::to_string(i));
  const std::string expected = platform::to_json(value);
  std::atomic<int> wrong{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 5000; ++i) {
        const std::string text = platform::to_json(value);
        const auto parsed = platform::parse_json(text);
        if (text != expected || !parsed || *parsed != value) ++wrong;
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  BOOST_TEST(wrong.load() == 0);
}

BOOST_AUTO_TEST_SUITE_END()
