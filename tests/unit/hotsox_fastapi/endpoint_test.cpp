#include "apps/hotsox_fastapi/endpoint.h"

#include "../offline_world.h"

#include <boost/test/unit_test.hpp>

using namespace hotsox_fastapi;
using platform::Response;

namespace {

Response pair_of_ids(Call& call) {
  call.admit();
  return Response::text(200, std::to_string(call.int_param("a")) + "," + std::to_string(call.int_param("b")),
                        "text/plain");
}

Response reads_too_early(Call& call) {
  const long long a = call.int_param("a");
  call.admit();
  return Response::text(200, std::to_string(a), "text/plain");
}

struct World : unit_test::OfflineWorld {
  World()
      : OfflineWorld({{.name = "typed",
                       .format_error = fastapi_error,
                       .routes = {route("GET", "/t/{a:int}/{b:int}", {Access::kOpen, 0}, pair_of_ids),
                                  route("GET", "/early/{a:int}", {Access::kOpen, 0}, reads_too_early),
                                  route("GET", "/locked/{a:int}", {Access::kToken, 0}, pair_of_ids)}}}) {}
};

}  // namespace

BOOST_AUTO_TEST_SUITE(hotsox_fastapi_endpoint)

BOOST_AUTO_TEST_CASE(typed_segments_are_read_as_pydantic_reads_an_int) {
  World world;
  BOOST_TEST(world.answer("GET", "/t/7/-2").body == "7,-2");
  BOOST_TEST(world.answer("GET", "/t/+7/%207").body == "7,7");  // int(" 7") is 7 in Python
}

BOOST_AUTO_TEST_CASE(segments_that_are_no_int_are_422_problems_in_path_order) {
  World world;
  const Response response = world.answer("GET", "/t/x/1.5");
  BOOST_TEST(response.status == 422);
  BOOST_TEST(response.body ==
             R"({"detail":[)"
             R"({"loc":["path","a"],"msg":"value is not a valid integer","type":"type_error.integer"},)"
             R"({"loc":["path","b"],"msg":"value is not a valid integer","type":"type_error.integer"}]})");
}

BOOST_AUTO_TEST_CASE(authentication_comes_before_the_422) {
  World world;
  const Response response = world.answer("GET", "/locked/x");
  BOOST_TEST(response.status == 401);
  BOOST_TEST(response.body == R"({"detail":"Not authenticated"})");
}

BOOST_AUTO_TEST_CASE(the_router_sees_the_pattern_untyped) {
  World world;
  BOOST_TEST(world.router.route_names()[1] == "GET /t/{a}/{b}");
  BOOST_TEST(world.apps[0].routes[0].pattern == "/t/{a}/{b}");
  BOOST_TEST(world.answer("GET", "/early/5").status == 500);  // a value read before admit() is a bug
}

BOOST_AUTO_TEST_CASE(a_route_declares_its_policy_to_the_platform) {
  World world;
  BOOST_TEST(!world.apps[0].routes[0].check_access);  // open
  BOOST_TEST(static_cast<bool>(world.apps[0].routes[2].check_access));
}

BOOST_AUTO_TEST_SUITE_END()
