#include "platform/router.h"
#include "platform/dispatcher.h"

#include <boost/test/unit_test.hpp>

using namespace platform;

namespace {

Response ok(const Request&, Context&) { return Response::no_content(); }

std::vector<App> sample_apps() {
  return {
      {.name = "one",
       .routes = {{"GET", "/api/items", ok}, {"POST", "/api/items", ok}, {"GET", "/api/items/{id}", ok}}},
      {.name = "two",
       .format_error = message_only,
       .routes = {{"PUT", "/hello/{username}", ok}, {"GET", "/hello/{username}", ok}}},
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
  const std::vector<App> apps = {{.name = "dup", .routes = {{"GET", "/a", ok}, {"GET", "/a", ok}}}};
  BOOST_CHECK_THROW(Router{apps}, std::invalid_argument);
}

BOOST_AUTO_TEST_CASE(error_bodies_follow_the_app_shape) {
  const Request request;
  const HttpError error(404, "not_found", "No such thing");
  const Response full = error_and_message(error, request);
  BOOST_TEST(full.status == 404);
  BOOST_TEST(full.body == R"({"error":"not_found","message":"No such thing"})");
  const Response message = message_only(error, request);
  BOOST_TEST(message.body == R"({"message":"No such thing"})");
  const Response fixed = message_only(HttpError::with_body(400, Json::Value("as is")).with_header("X-A", "b"), request);
  BOOST_TEST(fixed.body == R"("as is")");
  BOOST_TEST(fixed.headers.size() == 1U);
}

BOOST_AUTO_TEST_CASE(the_longest_claimed_prefix_owns_an_unmatched_path) {
  std::vector<App> apps = sample_apps();
  apps[0].path_prefix = "/api/";
  apps[1].path_prefix = "/api/v1/";
  const Router router(apps);
  BOOST_TEST(router.app_by_prefix("/api/v1/nothing")->name == "two");
  BOOST_TEST(router.app_by_prefix("/api/nothing")->name == "one");
  BOOST_TEST(router.app_by_prefix("/elsewhere") == nullptr);
  BOOST_TEST(router.match("DELETE", segments("/hello/x")).app->name == "two");
}

BOOST_AUTO_TEST_CASE(an_int_parameter_matches_only_a_whole_number) {
  const std::vector<App> apps = {{.name = "typed",
                                  .routes = {{"GET", "/socks/{id:int}/pictures/{pic:int}", ok},
                                             {"DELETE", "/socks/{id:int}/pictures/{pic:int}", ok},
                                             {"GET", "/socks/{name}", ok}}}};
  const Router router(apps);
  const auto match = router.match("GET", segments("/socks/12/pictures/-3"));
  BOOST_REQUIRE(match.kind == Router::Match::Kind::kFound);
  BOOST_REQUIRE(match.params.size() == 2u);
  BOOST_TEST(match.params[0].first == "id");
  BOOST_TEST(match.params[1].second == "-3");
  Request request;
  request.path_params = match.params;
  BOOST_TEST(request.int_param("id") == 12);
  BOOST_TEST(request.int_param("pic") == -3);
  BOOST_CHECK_THROW(request.int_param("other"), std::logic_error);
  for (const char* path : {"/socks/abc/pictures/1", "/socks/1/pictures/1.5", "/socks/+1/pictures/1",
                           "/socks/1/pictures/99999999999999999999"}) {
    BOOST_TEST((router.match("GET", segments(path)).kind == Router::Match::Kind::kNotFound), path);
  }
  BOOST_TEST(router.match("GET", segments("/socks/abc")).entry->name == "GET /socks/{name}");
}

BOOST_AUTO_TEST_CASE(typed_patterns_are_named_without_their_types) {
  BOOST_TEST(path_template("/socks/{id:int}/pictures/{pic:int}") == "/socks/{id}/pictures/{pic}");
  const std::vector<App> apps = {{.name = "typed", .routes = {{"GET", "/socks/{id:int}", ok}}}};
  BOOST_TEST(Router(apps).route_names()[1] == "GET /socks/{id}");
  const std::vector<App> twice = {{.name = "dup", .routes = {{"GET", "/a/{id}", ok}, {"GET", "/a/{id:int}", ok}}}};
  BOOST_CHECK_THROW(Router{twice}, std::invalid_argument);
  const std::vector<App> unknown = {{.name = "bad", .routes = {{"GET", "/a/{id:uuid}", ok}}}};
  BOOST_CHECK_THROW(Router{unknown}, std::invalid_argument);
}

BOOST_AUTO_TEST_CASE(a_405_names_the_routes_whose_policies_come_first) {
  const auto apps = sample_apps();
  const Router router(apps);
  const auto match = router.match("DELETE", segments("/api/items"));
  BOOST_REQUIRE(match.routes_on_path.size() == 2u);
  BOOST_TEST(match.routes_on_path[0]->method == "GET");
  BOOST_TEST(match.routes_on_path[1]->method == "POST");
}

BOOST_AUTO_TEST_SUITE_END()
