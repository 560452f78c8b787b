#include "platform/dispatcher.h"

#include <boost/test/unit_test.hpp>

#include <coroutine>

using namespace platform;

namespace {

// Answered by the test, as a pipelined connection answers a read.
struct Gate {
  std::coroutine_handle<> waiting;
  bool fail = false;
  auto wait() {
    struct Awaiter {
      Gate& gate;
      bool await_ready() const noexcept { return false; }
      void await_suspend(std::coroutine_handle<> handle) { gate.waiting = handle; }
      void await_resume() const {
        if (gate.fail) throw DependencyError(Dependency::kPostgres, "connection lost");
      }
    };
    return Awaiter{*this};
  }
  void open() { std::exchange(waiting, {}).resume(); }
};

Gate gate;

Task<Response> after_gate(const Request& request, Context&) {
  co_await gate.wait();
  co_return Response::text(200, request.param("name"), "text/plain");
}

Response at_once(const Request&, Context&) { return Response::text(200, "now", "text/plain"); }

Response broken(const Request&, Context&) { throw std::runtime_error("a bug"); }

// An app whose clients expect {"detail": "<code>"}, as a second API surface would.
Response detail_of_code(const HttpError& error, const Request&) {
  Json::Value body(Json::objectValue);
  body["detail"] = error.code();
  return error_response(error, body);
}

// A route's policy: strangers may not post.
void members_only(const Request& request, Context&) {
  if (request.header("x-stranger")) throw HttpError(401, "unauthorized", "who are you?");
}

// The platform's context only: these handlers use no store.
struct World {
  Config config = Config::from_environment([](const std::string&) { return std::nullopt; });
  std::vector<App> apps{{.name = "test",
                         .format_error = message_only,
                         .routes = {{"GET", "/wait/{name}", after_gate}, {"GET", "/now", at_once}}},
                        {.name = "shaped",
                         .format_error = detail_of_code,
                         .routes = {{"GET", "/shaped/items/", at_once},
                                    {"POST", "/shaped/items/", at_once, 0, members_only},
                                    {"GET", "/shaped/bug", broken}},
                         .path_prefix = "/shaped/",
                         .slash_redirect = {.status = 307, .absolute_location = true},
                         .check_access_before_405 = true}};
  Router router{apps};
  Metrics metrics{"", router.route_names()};
  CpuPool cpu_pool{1, 0};
  Context context{config, cpu_pool, metrics};
  Dispatcher dispatcher{router, context};
};

std::unique_ptr<Request> make(std::string method, std::string target) {
  auto request = std::make_unique<Request>();
  request->method = std::move(method);
  request->target = std::move(target);
  request->headers = {{"host", "example.test"}};
  return request;
}

std::unique_ptr<Request> get(std::string target) { return make("GET", std::move(target)); }

}  // namespace

BOOST_AUTO_TEST_SUITE(dispatcher)

BOOST_AUTO_TEST_CASE(a_blocking_handler_answers_at_once) {
  World world;
  const auto response = world.dispatcher.start(get("/now"), 1);
  BOOST_REQUIRE(response.has_value());
  BOOST_TEST(response->body == "now");
  BOOST_TEST(world.dispatcher.waiting() == 0u);
}

BOOST_AUTO_TEST_CASE(a_waiting_handler_answers_under_its_ticket_when_resumed) {
  World world;
  gate.fail = false;
  BOOST_TEST(!world.dispatcher.start(get("/wait/first"), 7).has_value());
  BOOST_TEST(!world.dispatcher.start(get("/wait/second"), 8).has_value());  // the worker goes on meanwhile
  BOOST_TEST(world.dispatcher.waiting() == 2u);
  BOOST_TEST(world.dispatcher.take_finished().empty());
  gate.open();  // the second request's wait (the gate remembers the last)
  auto finished = world.dispatcher.take_finished();
  BOOST_REQUIRE(finished.size() == 1u);
  BOOST_TEST(finished[0].ticket == 8u);
  BOOST_TEST(finished[0].response.body == "second");  // its own request, kept alive while it waited
  BOOST_TEST(world.dispatcher.waiting() == 1u);
}

BOOST_AUTO_TEST_CASE(an_error_after_waiting_becomes_the_apps_error_shape) {
  World world;
  gate.fail = true;
  BOOST_TEST(!world.dispatcher.start(get("/wait/x"), 3).has_value());
  gate.open();
  auto finished = world.dispatcher.take_finished();
  BOOST_REQUIRE(finished.size() == 1u);
  BOOST_TEST(finished[0].response.status == 503);
  BOOST_TEST(finished[0].response.body == R"({"message":"The database is unavailable, try again shortly"})");
  gate.fail = false;
}

BOOST_AUTO_TEST_CASE(the_platforms_refusals_take_the_owning_apps_shape) {
  World world;
  const auto body_of = [&](std::unique_ptr<Request> request) {
    return world.dispatcher.start(std::move(request), 1)->body;
  };
  BOOST_TEST(body_of(get("/shaped/nothing")) == R"({"detail":"not_found"})");
  BOOST_TEST(body_of(get("/shaped/%zz")) == R"({"detail":"bad_request"})");
  BOOST_TEST(body_of(make("PUT", "/shaped/items/")) == R"({"detail":"method_not_allowed"})");
  BOOST_TEST(body_of(get("/shaped/bug")) == R"({"detail":"internal_error"})");
  auto too_large = make("POST", "/shaped/items/");
  too_large->body_too_large = true;
  BOOST_TEST(body_of(std::move(too_large)) == R"({"detail":"payload_too_large"})");
  BOOST_TEST(body_of(get("/nowhere")) == R"({"error":"not_found","message":"Nothing here: /nowhere"})");
}

BOOST_AUTO_TEST_CASE(an_app_may_refuse_a_stranger_before_a_405_by_its_routes_policies) {
  World world;
  BOOST_TEST(world.dispatcher.start(make("PUT", "/shaped/items/"), 1)->status == 405);
  // The open GET lets a stranger by, the POST's policy does not: the strictest decides.
  auto stranger = make("PUT", "/shaped/items/");
  stranger->headers.emplace_back("x-stranger", "yes");
  BOOST_TEST(world.dispatcher.start(std::move(stranger), 2)->body == R"({"detail":"unauthorized"})");
  // A route's policy is the app's route helper's to apply, not the dispatcher's.
  auto posting_stranger = make("POST", "/shaped/items/");
  posting_stranger->headers.emplace_back("x-stranger", "yes");
  BOOST_TEST(world.dispatcher.start(std::move(posting_stranger), 3)->status == 200);
}

BOOST_AUTO_TEST_CASE(a_path_missing_only_its_slash_is_redirected_where_the_app_says_so) {
  World world;
  const auto response = world.dispatcher.start(make("POST", "/shaped/items?page=2"), 1);
  BOOST_TEST(response->status == 307);
  BOOST_TEST(response->headers[0].second == "http://example.test/shaped/items/?page=2");
  BOOST_TEST(world.dispatcher.start(get("/shaped/bug/"), 2)->status == 307);
  BOOST_TEST(world.dispatcher.start(get("/now/"), 3)->status == 404);  // that app redirects nothing
}

BOOST_AUTO_TEST_SUITE_END()
