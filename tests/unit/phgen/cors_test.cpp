#include "apps/phgen/cors.h"

#include <boost/test/unit_test.hpp>

using namespace phgen;

namespace {

platform::Request options(std::vector<platform::NameValue> headers) {
  platform::Request request;
  request.method = "OPTIONS";
  request.headers = std::move(headers);
  return request;
}

std::string header(const platform::Response& response, std::string_view name) {
  for (const auto& [key, value] : response.headers) {
    if (key == name) return value;
  }
  return "<absent>";
}

}  // namespace

BOOST_AUTO_TEST_SUITE(phgen_cors)

BOOST_AUTO_TEST_CASE(a_preflight_names_an_origin_and_a_method) {
  BOOST_TEST(is_cors_preflight(options({{"origin", "http://a.example"}, {"access-control-request-method", "POST"}})));
  BOOST_TEST(!is_cors_preflight(options({{"origin", "http://a.example"}})));
  BOOST_TEST(!is_cors_preflight(options({{"access-control-request-method", "POST"}})));
  auto get = options({{"origin", "http://a.example"}, {"access-control-request-method", "POST"}});
  get.method = "GET";
  BOOST_TEST(!is_cors_preflight(get));
}

BOOST_AUTO_TEST_CASE(the_preflight_allows_any_origin_method_and_requested_headers) {
  const auto response = cors_preflight_response(options({{"origin", "http://a.example"},
                                                         {"access-control-request-method", "PUT"},
                                                         {"access-control-request-headers", "content-type, x-token"}}));
  BOOST_TEST(response.status == 200);
  BOOST_TEST(response.body == "OK");
  BOOST_TEST(header(response, "Access-Control-Allow-Origin") == "*");
  BOOST_TEST(header(response, "Access-Control-Allow-Methods") == "DELETE, GET, HEAD, OPTIONS, PATCH, POST, PUT");
  BOOST_TEST(header(response, "Access-Control-Allow-Headers") == "content-type, x-token");
  BOOST_TEST(header(response, "Access-Control-Max-Age") == "600");
  BOOST_TEST(header(response, "Access-Control-Allow-Credentials") == "<absent>");
}

BOOST_AUTO_TEST_CASE(requested_headers_that_are_not_header_names_are_not_echoed) {
  const auto response = cors_preflight_response(options({{"origin", "http://a.example"},
                                                         {"access-control-request-method", "GET"},
                                                         {"access-control-request-headers", "x\r\nSet-Cookie: a=b"}}));
  BOOST_TEST(response.status == 200);
  BOOST_TEST(header(response, "Access-Control-Allow-Headers") == "<absent>");
}

BOOST_AUTO_TEST_CASE(an_unknown_method_is_a_400) {
  BOOST_CHECK_EXCEPTION(
      cors_preflight_response(options({{"origin", "http://a.example"}, {"access-control-request-method", "FETCH"}})),
      platform::HttpError, [](const platform::HttpError& error) { return error.status() == 400; });
}

BOOST_AUTO_TEST_SUITE_END()
