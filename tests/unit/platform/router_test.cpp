#include "platform/router.h"
#include "platform/dispatcher.h"

#include <boost/test/unit_test.hpp>

using namespace platform;

namespace {

Response ok(const Request&, Context&) { return Response::no_content(); }

std::vector<App> sample_apps() {
  return {
      {"one",
       ErrorShape::kErrorAndMessage,
       {{"GET", "/api/items", ok}, {"POST", "/api/items", ok}, {"GET", "/api/items/{id}", ok}}},
      {"two", ErrorShape::kMessageOnly, {{"PUT", "/hello/{username}", ok}, {"GET", "/hello/{username}", ok}}},
  };
}

std::vector<std::string> segments(const char* path) { return *split_path(path); }

}  // namespace

BOOST_AUTO_TEST_SUITE(router)

BOOST_AUTO_TEST_CASE(matches_literal_routes_by_method) {
  const auto apps = sample_apps();
  const Router router(apps);
  const auto get = router.match("GET", segments("/api/items"));
  BOOST_TEST((get.kind == Router::Match::Kind::kFound));
  BOOST_TEST(get.entry->name == "GET /api/items");
  BOOST_TEST(router.match("POST", segments("/api/items")).entry->name == "POST /api/items");
}

BOOST_AUTO_TEST_CASE(captures_path_parameters) {
  const auto apps = sample_apps();
  const Router router(apps);
  const auto match = router.match("GET", segments("/hello/Jos%C3%A9"));
  BOOST_REQUIRE(match.kind == Router::Match::Kind::kFound);
  BOOST_TEST(match.entry->app->name == "two");
  BOOST_REQUIRE(match.params.size() == 1u);
  BOOST_TEST(match.params[0].first == "username");
  BOOST_TEST(match.params[0].second == "José");
}

BOOST_AUTO_TEST_CASE(parameters_never_match_empty_or_extra_segments) {
  const auto apps = sample_apps();
  const Router router(apps);
  BOOST_TEST((router.match("GET", segments("/hello/")).kind == Router::Match::Kind::kNotFound));
  BOOST_TEST((router.match("GET", segments("/hello/a/b")).kind == Router::Match::Kind::kNotFound));
  BOOST_TEST((router.match("GET", segments("/api/items/")).kind == Router::Match::Kind::kNotFound));
  BOOST_TEST((router.match("GET", segments("/nope")).kind == Router::Match::Kind::kNotFound));
}

BOOST_AUTO_TEST_CASE(wrong_method_lists_the_allowed_ones) {
  const auto apps = sample_apps();
  const Router router(apps);
  const auto match = router.match("DELETE", segments("/api/items"));
  BOOST_TEST((match.kind == Router::Match::Kind::kMethodNotAllowed));
  BOOST_TEST(match.allow == "GET, POST");
  BOOST_TEST(router.match("DELETE", segments("/hello/x")).allow == "PUT, GET");
}

BOOST_AUTO_TEST_CASE(head_is_answered_by_get) {
  const auto apps = sample_apps();
  const Router router(apps);
  BOOST_TEST((router.match("HEAD", segments("/api/items/7")).kind == Router::Match::Kind::kFound));
}

BOOST_AUTO_TEST_CASE(route_names_index_metrics_slots) {
  const auto apps = sample_apps();
  const Router router(apps);
  const auto names = router.route_names();
  BOOST_TEST(names.size() == 6u);
  BOOST_TEST(names[0] == "unmatched");
  BOOST_TEST(names[router.match("GET", segments("/hello/x")).entry->index] == "GET /hello/{username}");
}

BOOST_AUTO_TEST_CASE(duplicate_routes_are_refused) {
  const std::vector<App> apps = {{"dup", ErrorShape::kErrorAndMessage, {{"GET", "/a", ok}, {"GET", "/a", ok}}}};
  BOOST_CHECK_THROW(Router{apps}, std::invalid_argument);
}

BOOST_AUTO_TEST_CASE(error_bodies_follow_the_app_shape) {
  const Json::Value full = error_body(ErrorShape::kErrorAndMessage, "not_found", "No such thing");
  BOOST_TEST(full["error"].asString() == "not_found");
  BOOST_TEST(full["message"].asString() == "No such thing");
  const Json::Value message_only = error_body(ErrorShape::kMessageOnly, "not_found", "User not found");
  BOOST_TEST(!message_only.isMember("error"));
  BOOST_TEST(message_only["message"].asString() == "User not found");
}

BOOST_AUTO_TEST_SUITE_END()
