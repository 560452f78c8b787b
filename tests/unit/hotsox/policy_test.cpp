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
platform::Task<Response> as_caller_later(const Request&, server::Context&, Principal me) {
  co_return Response::text(200, std::to_string(me.id), "text/plain");
}
platform::Task<Response> as_claimed_caller_later(const Request&, server::Context&, Caller caller) {
  co_return Response::text(200, std::to_string(caller.id()), "text/plain");
}
Response as_claimed_caller(const Request&, server::Context&, const Caller& caller) {
  return Response::text(200, std::to_string(caller.id()), "text/plain");
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
  BOOST_CHECK_THROW(route("GET", "/x", Policy::kPublic, as_caller), std::invalid_argument);
  BOOST_CHECK_THROW(route("GET", "/x", Policy::kAnyone, as_caller), std::invalid_argument);
  BOOST_CHECK_THROW(route("GET", "/x", Policy::kAnyone, as_caller_later), std::invalid_argument);
  BOOST_TEST(static_cast<bool>(route("GET", "/x", Policy::kStaff, as_caller).check_access));
  BOOST_TEST(static_cast<bool>(route("GET", "/x", Policy::kStaff, as_caller_later).check_access));
}

BOOST_AUTO_TEST_CASE(only_kuser_may_hand_its_handler_a_claimed_caller) {
  for (const Policy policy : {Policy::kPublic, Policy::kAnyone, Policy::kStaff}) {
    BOOST_CHECK_THROW(route("GET", "/x", policy, as_claimed_caller), std::invalid_argument);
    BOOST_CHECK_THROW(route("GET", "/x", policy, as_claimed_caller_later), std::invalid_argument);
  }
  BOOST_TEST(static_cast<bool>(route("GET", "/x", Policy::kUser, as_claimed_caller).check_access));
}

BOOST_AUTO_TEST_CASE(a_handler_that_awaits_is_routed_as_one) {
  BOOST_TEST(
      std::holds_alternative<platform::AsyncHandler>(route("GET", "/x", Policy::kUser, as_caller_later).handler));
  BOOST_TEST(std::holds_alternative<platform::AsyncHandler>(
      route("GET", "/x", Policy::kUser, as_claimed_caller_later).handler));
  BOOST_TEST(std::holds_alternative<platform::Handler>(route("GET", "/x", Policy::kUser, as_claimed_caller).handler));
  BOOST_TEST(std::holds_alternative<platform::Handler>(route("GET", "/x", Policy::kPublic, opened).handler));
}

BOOST_AUTO_TEST_CASE(a_claimed_callers_route_refuses_a_stranger_before_its_handler) {
  platform::App claimed{.name = "claimed",
                        .routes = {route("GET", "/claimed", Policy::kUser, as_claimed_caller_later)},
                        .path_prefix = "/claimed"};
  unit_test::OfflineWorld world({claimed});
  world.worker_state.put(Settings{.jwt_secret = std::string(32, 'k')});
  BOOST_TEST(world.answer("GET", "/claimed").status == 401);
  const Response malformed = world.answer("GET", "/claimed", "Bearer");
  BOOST_TEST(malformed.status == 401);
  BOOST_TEST(malformed.body.find("bad_authorization_header") != std::string::npos);
  BOOST_TEST(world.answer("GET", "/claimed", "Bearer not.a.token").status == 401);
}

BOOST_AUTO_TEST_SUITE_END()
