#include "apps/hotsox/policy.h"

#include "../offline_world.h"
#include "apps/hotsox/routes.h"
#include "apps/hotsox/settings.h"

#include <boost/test/unit_test.hpp>

using namespace hotsox;
using platform::Request;
using platform::Response;

namespace {

// Every request here is refused or let through before any account is read.
struct World : unit_test::OfflineWorld {
  World() : OfflineWorld({hotsox::app()}) { worker_state.put(Settings{.jwt_secret = std::string(32, 'k')}); }
};

constexpr const char* kNoCredentials = R"({"detail":"Authentication credentials were not provided."})";

Response opened(const Request&, server::Context&) { return Response::no_content(); }
Response as_caller(const Request&, server::Context&, Principal me) {
  return Response::text(200, std::to_string(me.id), "text/plain");
}

}  // namespace

BOOST_AUTO_TEST_SUITE(hotsox_policy)

BOOST_AUTO_TEST_CASE(a_users_route_refuses_a_stranger_before_its_handler) {
  World world;
  const Response response = world.answer("GET", "/api/v1/user/");
  BOOST_TEST(response.status == 401);
  BOOST_TEST(response.body == kNoCredentials);
  BOOST_TEST(world.answer("GET", "/api/v1/users/").status == 401);  // staff: a user first
}

BOOST_AUTO_TEST_CASE(credentials_sent_to_an_open_door_must_still_be_valid) {
  World world;
  const Response response = world.answer("POST", "/api/v1/user/", "Bearer");
  BOOST_TEST(response.status == 401);
  BOOST_TEST(response.body.find("bad_authorization_header") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_wrong_method_answers_after_the_strictest_policy_on_the_path) {
  World world;
  // POST user/ lets anyone in, GET user/ does not: a stranger's PATCH is a 401.
  const Response stranger = world.answer("PATCH", "/api/v1/user/");
  BOOST_TEST(stranger.status == 401);
  BOOST_TEST(stranger.body == kNoCredentials);
  // The token views check nobody: 405 at once, in DRF's words.
  const Response open = world.answer("GET", "/api/v1/token/");
  BOOST_TEST(open.status == 405);
  BOOST_TEST(open.body == R"({"detail":"Method \"GET\" not allowed."})");
}

BOOST_AUTO_TEST_CASE(a_path_id_that_is_not_a_number_is_djangos_404) {
  World world;
  const Response response = world.answer("GET", "/api/v1/user/sock/abc/");
  BOOST_TEST(response.status == 404);
  BOOST_TEST(response.body == R"({"detail":"Not found."})");
  BOOST_TEST(world.answer("POST", "/api/v1/user/swipe/1/judge/1.5").status == 404);
}

BOOST_AUTO_TEST_CASE(only_a_users_policy_may_hand_its_handler_the_caller) {
  BOOST_CHECK_THROW(route("GET", "/x", Policy::kPublic, UserHandler(as_caller)), std::invalid_argument);
  BOOST_CHECK_THROW(route("GET", "/x", Policy::kAnyone, UserHandler(as_caller)), std::invalid_argument);
  BOOST_TEST(static_cast<bool>(route("GET", "/x", Policy::kStaff, UserHandler(as_caller)).check_access));
}

BOOST_AUTO_TEST_CASE(a_public_route_has_no_access_check_and_the_others_do) {
  BOOST_TEST(!route("GET", "/x", Policy::kPublic, opened).check_access);
  for (const Policy policy : {Policy::kAnyone, Policy::kUser, Policy::kStaff}) {
    BOOST_TEST(static_cast<bool>(route("GET", "/x", policy, opened).check_access));
  }
}

BOOST_AUTO_TEST_SUITE_END()
