#include "platform/json.h"

#include "platform/text.h"

#include <json/writer.h>
#include <boost/test/unit_test.hpp>

#include <atomic>
#include <climits>
#include <memory>
#include <sstream>
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

// to_json writes what jsoncpp's compact UTF-8 writer writes, byte for byte:
// every escape, number, nesting and member order, short and long arrays.
BOOST_AUTO_TEST_CASE(writes_what_jsoncpp_writes) {
  Json::StreamWriterBuilder builder;
  builder["indentation"] = "";
  builder["emitUTF8"] = true;
  const std::unique_ptr<Json::StreamWriter> writer(builder.newStreamWriter());
  auto jsoncpp = [&](const Json::Value& value) {
    std::ostringstream out;
    writer->write(value, &out);
    return out.str();
  };
  std::string every_ascii;
  for (int c = 1; c < 0x80; ++c) every_ascii += static_cast<char>(c);
  Json::Value value(Json::objectValue);
  value["ascii"] = every_ascii;
  value["nul"] = std::string("a\0b", 3);
  value["utf8"] = "José \xF0\x9F\x98\x80 \xE2\x82\xAC";
  value["empty"] = "";
  value["ints"].append(0);
  value["ints"].append(-1);
  value["ints"].append(Json::Int64(INT64_MIN));
  value["ints"].append(Json::UInt64(UINT64_MAX));
  for (const double real : {0.1, -0.0, 1.0, 1e300, 123456789.125, 1.0 / 3, -2.5e-8}) value["reals"].append(real);
  value["bools"].append(true);
  value["bools"].append(false);
  value["null"] = Json::Value();
  value["empty array"] = Json::Value(Json::arrayValue);
  value["empty object"] = Json::Value(Json::objectValue);
  for (int i = 0; i < 40; ++i) value["long array"].append("item " + std::to_string(i));
  value["nested"]["a"]["b"].append(Json::Value(Json::objectValue));
  value["nested"]["a"]["c"] = "\"quoted\"\\";
  value["key \"with\" \n escapes \x01"] = 1;
  BOOST_TEST(to_json(value) == jsoncpp(value));
  for (const auto& name : value.getMemberNames()) BOOST_TEST(to_json(value[name]) == jsoncpp(value[name]), name);
}

BOOST_AUTO_TEST_SUITE_END()
