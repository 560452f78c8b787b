#include "platform/http.h"

#include <boost/test/unit_test.hpp>

using namespace platform;

BOOST_AUTO_TEST_SUITE(http)

BOOST_AUTO_TEST_CASE(percent_decode_accepts_escapes_and_plus) {
  BOOST_TEST(*percent_decode("a%20b", false) == "a b");
  BOOST_TEST(*percent_decode("a+b", true) == "a b");
  BOOST_TEST(*percent_decode("a+b", false) == "a+b");
  BOOST_TEST(*percent_decode("Jos%C3%A9", false) == "José");
  BOOST_TEST(*percent_decode("%2f%2F", false) == "//");
  BOOST_TEST(*percent_decode("", false) == "");
}

BOOST_AUTO_TEST_CASE(percent_decode_rejects_bad_escapes) {
  for (const char* bad : {"%", "%2", "a%zz", "%g0", "abc%", "%%41", "a%00b", "%00"}) {
    BOOST_TEST(!percent_decode(bad, false).has_value(), bad);
  }
}

BOOST_AUTO_TEST_CASE(params_keep_order_repeats_and_empty_values) {
  const Params params = Params::parse("userid=1&username=John&flag&userid=2&empty=");
  BOOST_TEST(*params.get("userid") == "1");
  BOOST_TEST(*params.last("userid") == "2");
  BOOST_TEST(*params.last("username") == "John");
  BOOST_TEST(!params.last("missing").has_value());
  BOOST_TEST(*params.get("username") == "John");
  BOOST_TEST(*params.get("flag") == "");
  BOOST_TEST(*params.get("empty") == "");
  BOOST_TEST(!params.get("missing").has_value());
  BOOST_TEST(params.items().size() == 5u);
}

BOOST_AUTO_TEST_CASE(params_decode_names_and_values) {
  const Params params = Params::parse("user%20name=J+o%26hn&&a=%3D");
  BOOST_TEST(*params.get("user name") == "J o&hn");
  BOOST_TEST(*params.get("a") == "=");
}

BOOST_AUTO_TEST_CASE(params_reject_bad_encoding_with_400) {
  try {
    Params::parse("a=%zz");
    BOOST_FAIL("expected an HttpError");
  } catch (const HttpError& error) {
    BOOST_TEST(error.status() == 400);
    BOOST_TEST(error.code() == "bad_request");
  }
}

BOOST_AUTO_TEST_CASE(params_must_be_utf8) {
  for (const char* bad : {"username=%FF", "a=%C0%AF", "x=%ED%A0%80", "%FF=1"}) {
    BOOST_CHECK_THROW(Params::parse(bad), HttpError);
  }
  BOOST_TEST(*Params::parse("u=Jos%C3%A9").get("u") == "José");
}

BOOST_AUTO_TEST_CASE(params_refuse_raw_nul_like_percent_00) {
  // libpq would store only the text before a NUL (issue 18 item 1).
  for (const std::string& bad : {std::string("username=ab\0cd", 14), std::string("username=\0", 10),
                                 std::string("a\0b=1", 5), std::string("username=ab%00cd")}) {
    try {
      Params::parse(bad);
      BOOST_FAIL("expected an HttpError");
    } catch (const HttpError& error) {
      BOOST_TEST(error.status() == 400);
    }
  }
}

BOOST_AUTO_TEST_CASE(split_path_decodes_each_segment) {
  const auto segments = split_path("/hello/Jos%C3%A9/");
  BOOST_REQUIRE(segments.has_value());
  BOOST_TEST(segments->size() == 3u);
  BOOST_TEST((*segments)[0] == "hello");
  BOOST_TEST((*segments)[1] == "José");
  BOOST_TEST((*segments)[2] == "");
  BOOST_TEST(!split_path("/a/%zz").has_value());
  BOOST_TEST(!split_path("relative").has_value());
  BOOST_TEST(!split_path("").has_value());
}

BOOST_AUTO_TEST_CASE(request_media_type_drops_parameters) {
  Request request;
  request.headers = {{"content-type", "Application/JSON ; charset=utf-8"}};
  BOOST_TEST(request.media_type() == "application/json");
  BOOST_TEST(Request{}.media_type() == "");
}

BOOST_AUTO_TEST_SUITE_END()
