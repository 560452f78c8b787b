// python_json: CPython 3.11's json.loads and UTF-8 errors, pinned against the
// real thing. Every expected value below was printed by python3 3.11:
//   python3 -c 'import json; json.loads(BODY)'  -> e.msg, e.pos, e.lineno, e.colno
//   python3 -c 'BYTES.decode()'                  -> str(e)
#include "platform/python_json.h"

#include <boost/test/unit_test.hpp>

#include <string>

using namespace platform;

BOOST_AUTO_TEST_SUITE(python_json)

namespace {

struct Case {
  const char* body;
  const char* msg;
  std::size_t pos;
  std::size_t lineno;
  std::size_t colno;
};

// Each kind of error; several lines; non-ASCII before the error (characters,
// not bytes: "Jürgen" and "München" put the error at char 53, byte 55);
// whitespace; nesting; what jsoncpp might take but Python does not (comments,
// trailing commas, leading zeros, single quotes, a BOM).
const Case kCorpus[] = {
    {"{\"username\": x}", "Expecting value", 13, 1, 14},
    {"", "Expecting value", 0, 1, 1},
    {"   ", "Expecting value", 3, 1, 4},
    {"{", "Expecting property name enclosed in double quotes", 1, 1, 2},
    {"[", "Expecting value", 1, 1, 2},
    {"{\"a\"", "Expecting ':' delimiter", 4, 1, 5},
    {"{\"a\":", "Expecting value", 5, 1, 6},
    {"{\"a\" 1}", "Expecting ':' delimiter", 5, 1, 6},
    {"{\"a\": 1 \"b\": 2}", "Expecting ',' delimiter", 8, 1, 9},
    {"[1 2]", "Expecting ',' delimiter", 3, 1, 4},
    {"{\"a\": 1,}", "Expecting property name enclosed in double quotes", 8, 1, 9},
    {"[1,]", "Expecting value", 3, 1, 4},
    {"{,}", "Expecting property name enclosed in double quotes", 1, 1, 2},
    {"{'a': 1}", "Expecting property name enclosed in double quotes", 1, 1, 2},
    {"{\"a\": 1} x", "Extra data", 9, 1, 10},
    {"[] []", "Extra data", 3, 1, 4},
    {"\"abc", "Unterminated string starting at", 0, 1, 1},
    {"\"a\\qb\"", "Invalid \\escape", 2, 1, 3},
    {"\"\\u12\"", "Invalid \\uXXXX escape", 2, 1, 3},
    {"\"\\uZZZZ\"", "Invalid \\uXXXX escape", 2, 1, 3},
    {"\"\\ud800\\u12\"", "Invalid \\uXXXX escape", 8, 1, 9},
    {"\"tab\there\"", "Invalid control character at", 4, 1, 5},
    {"\"line\nbreak\"", "Invalid control character at", 5, 1, 6},
    {"01", "Extra data", 1, 1, 2},
    {"-", "Expecting value", 0, 1, 1},
    {"-x", "Expecting value", 0, 1, 1},
    {"1.", "Extra data", 1, 1, 2},
    {"1.e5", "Extra data", 1, 1, 2},
    {".5", "Expecting value", 0, 1, 1},
    {"1e", "Extra data", 1, 1, 2},
    {"[1e+]", "Expecting ',' delimiter", 2, 1, 3},
    {"nul", "Expecting value", 0, 1, 1},
    {"tru", "Expecting value", 0, 1, 1},
    {"False", "Expecting value", 0, 1, 1},
    {"None", "Expecting value", 0, 1, 1},
    {"[NaN, nan]", "Expecting value", 6, 1, 7},
    {"{\"a\": /* c */ 1}", "Expecting value", 6, 1, 7},
    {"// c\n{}", "Expecting value", 0, 1, 1},
    {"{\n  \"name\": \"Jürgen\",\n  \"city\": \"München\",\n  \"age\": 4x\n}", "Expecting ',' delimiter", 53, 4, 11},
    {"{\"☃☃\": \"😀\", \"b\": }", "Expecting value", 17, 1, 18},
    {"\r\n\t[\r\n 1,\r\n 2\r\n", "Expecting ',' delimiter", 15, 5, 1},
    {"{\"a\": [1, {\"b\": [true, false, null, {\"c\": }]}]}", "Expecting value", 42, 1, 43},
    {"\xEF\xBB\xBF{}", "Unexpected UTF-8 BOM (decode using utf-8-sig)", 0, 1, 1},
    {"{\"a\": \"😀😀\"} ]", "Extra data", 12, 1, 13},
    {"[[[[[[[[[[", "Expecting value", 10, 1, 11},
    {"{\"a\": {\"b\": {\"c\" \"d\"}}}", "Expecting ':' delimiter", 17, 1, 18},
    {"\"\\", "Unterminated string starting at", 0, 1, 1},
    {"{\"a\": 1}\n\n  x", "Extra data", 12, 3, 3},
    {"[1, 2, 3,\n\n\n]", "Expecting value", 12, 4, 1},
    {"é", "Expecting value", 0, 1, 1},
    {"{\"é\": 1, \"è\": 2,, }", "Expecting property name enclosed in double quotes", 16, 1, 17},
};

}  // namespace

BOOST_AUTO_TEST_CASE(malformed_bodies_fail_where_python_fails) {
  for (const Case& c : kCorpus) {
    const auto error = python_json_error(c.body, NanLiterals::accept);
    BOOST_REQUIRE_MESSAGE(error.has_value(), c.body);
    BOOST_TEST(error->positioned, c.body);
    BOOST_TEST(error->msg == c.msg, c.body);
    BOOST_TEST(error->pos == c.pos, c.body);
    BOOST_TEST(error->lineno == c.lineno, c.body);
    BOOST_TEST(error->colno == c.colno, c.body);
  }
}

BOOST_AUTO_TEST_CASE(str_of_the_error_is_pythons) {
  const auto error = python_json_error(R"({"username": x})", NanLiterals::accept);
  BOOST_REQUIRE(error.has_value());
  BOOST_TEST(error->text() == "Expecting value: line 1 column 14 (char 13)");
  const auto multiline = python_json_error("{\"a\": 1}\n\n  x", NanLiterals::accept);
  BOOST_REQUIRE(multiline.has_value());
  BOOST_TEST(multiline->text() == "Extra data: line 3 column 3 (char 12)");
}

BOOST_AUTO_TEST_CASE(what_python_accepts_is_no_error) {
  for (const char* body : {R"({"a": 1, "a": 2})", "[NaN, Infinity, -Infinity]", "123456789012345678901234567890",
                           R"("\ud800")", R"({"a": "\u0000"})", " \t\r\n[]\n", "1e400", R"("\ud83d\ude00")", "-0.5E-3",
                           R"("\/\b\f\n\r\t\"\\")", "null", "{\"Jürgen\": \"☃😀\"}"}) {
    BOOST_TEST(!python_json_error(body, NanLiterals::accept).has_value(), body);
  }
  const std::string deep = std::string(5000, '[') + std::string(5000, ']');
  BOOST_TEST(!python_json_error(deep, NanLiterals::accept).has_value());
}

BOOST_AUTO_TEST_CASE(strict_constants_are_drfs_value_error) {
  // rest_framework.utils.json.strict_constant: ValueError('Out of range float
  // values are not JSON compliant: ' + repr(o)), raised when the scanner meets it.
  for (const auto& [body, text] : {std::pair{"[1, NaN]", "'NaN'"}, std::pair{R"({"a": Infinity})", "'Infinity'"},
                                   std::pair{"-Infinity", "'-Infinity'"}}) {
    const auto error = python_json_error(body, NanLiterals::reject);
    BOOST_REQUIRE_MESSAGE(error.has_value(), body);
    BOOST_TEST(!error->positioned, body);
    BOOST_TEST(error->text() == std::string("Out of range float values are not JSON compliant: ") + text, body);
  }
  const auto earlier = python_json_error("[1,, NaN]", NanLiterals::reject);  // the first error met wins
  BOOST_REQUIRE(earlier.has_value());
  BOOST_TEST(earlier->text() == "Expecting value: line 1 column 4 (char 3)");
}

BOOST_AUTO_TEST_CASE(integers_past_4300_digits_are_pythons_value_error) {
  BOOST_TEST(!python_json_error(std::string(4300, '7'), NanLiterals::accept).has_value());
  BOOST_TEST(!python_json_error(std::string(5000, '7') + ".5", NanLiterals::accept).has_value());  // floats: no limit
  const auto error = python_json_error("[-" + std::string(4301, '7') + "]", NanLiterals::accept);
  BOOST_REQUIRE(error.has_value());
  BOOST_TEST(!error->positioned);
  BOOST_TEST(error->text() ==
             "Exceeds the limit (4300 digits) for integer string conversion: value has 4301 digits; "
             "use sys.set_int_max_str_digits() to increase the limit");
}

BOOST_AUTO_TEST_CASE(any_input_ends) {
  const auto deep = python_json_error(std::string(200000, '['), NanLiterals::accept);
  BOOST_REQUIRE(deep.has_value());
  BOOST_TEST(deep->text() == "Expecting value: line 1 column 200001 (char 200000)");
  // Bytes that are not UTF-8 count as a character each, and end nothing early.
  const auto invalid = python_json_error("[\"\xff\xfe\", \xc3]", NanLiterals::accept);
  BOOST_REQUIRE(invalid.has_value());
  BOOST_TEST(invalid->text() == "Expecting value: line 1 column 8 (char 7)");
}

BOOST_AUTO_TEST_CASE(utf8_errors_are_pythons) {
  const std::pair<const char*, const char*> cases[] = {
      {"\xff", "'utf-8' codec can't decode byte 0xff in position 0: invalid start byte"},
      {"{\"a\":\"\xe2\x82x\"}", "'utf-8' codec can't decode bytes in position 6-7: invalid continuation byte"},
      {"{\"a\":1}\xc3", "'utf-8' codec can't decode byte 0xc3 in position 7: unexpected end of data"},
      {"\xed\xa0", "'utf-8' codec can't decode byte 0xed in position 0: invalid continuation byte"},
      {"\xed\xa0\x80", "'utf-8' codec can't decode byte 0xed in position 0: invalid continuation byte"},
      {"\xf4\x90\x80\x80", "'utf-8' codec can't decode byte 0xf4 in position 0: invalid continuation byte"},
      {"\xe0\x80", "'utf-8' codec can't decode byte 0xe0 in position 0: invalid continuation byte"},
      {"\xf0\x90\x80", "'utf-8' codec can't decode bytes in position 0-2: unexpected end of data"},
      {"ab\xc0\xaf", "'utf-8' codec can't decode byte 0xc0 in position 2: invalid start byte"},
  };
  for (const auto& [bytes, text] : cases) {
    const auto decoding = python_utf8_decode(bytes, /*final=*/true);
    BOOST_REQUIRE_MESSAGE(decoding.error.has_value(), bytes);
    BOOST_TEST(decoding.error->text() == text, bytes);
  }
  const auto good = python_utf8_decode("{\"Jürgen\": \"😀\"}", true);
  BOOST_TEST(!good.error.has_value());
  BOOST_TEST(good.complete_bytes == std::string("{\"Jürgen\": \"😀\"}").size());
}

BOOST_AUTO_TEST_CASE(a_stream_reader_leaves_an_incomplete_last_character) {
  // codecs.getreader('utf-8')(io.BytesIO(b'{"a":1}\xc3')).read() == '{"a":1}'
  for (const char* bytes : {"{\"a\":1}\xc3", "{\"a\":1}\xf0\x9f\x98", "{\"a\":1}\xed\xa0"}) {
    const auto decoding = python_utf8_decode(bytes, /*final=*/false);
    BOOST_TEST(!decoding.error.has_value(), bytes);
    BOOST_TEST(decoding.complete_bytes == 7u, bytes);
  }
  BOOST_TEST(python_utf8_decode("{\"a\":1}\xe0\x80", false).error.has_value());  // invalid, not incomplete
}

BOOST_AUTO_TEST_CASE(parse_like_python_has_three_outcomes) {
  const auto object = parse_json_like_python(R"({"a": 1, "a": 2})", NanLiterals::reject);
  BOOST_REQUIRE(object.value.has_value());
  BOOST_TEST((*object.value)["a"].asInt() == 2);  // the last duplicate wins, as in a dict
  const auto scalar = parse_json_like_python(R"( "text" )", NanLiterals::reject);
  BOOST_REQUIRE(scalar.value.has_value());
  BOOST_TEST(scalar.value->asString() == "text");
  const auto bad = parse_json_like_python("[1,]", NanLiterals::reject);
  BOOST_TEST(!bad.value.has_value());
  BOOST_REQUIRE(bad.error.has_value());
  BOOST_TEST(bad.error->text() == "Expecting value: line 1 column 4 (char 3)");
  const auto unstorable = parse_json_like_python(R"({"a": "\u0000"})", NanLiterals::reject);
  BOOST_TEST(!unstorable.value.has_value());
  BOOST_TEST(!unstorable.error.has_value());
}

BOOST_AUTO_TEST_SUITE_END()
