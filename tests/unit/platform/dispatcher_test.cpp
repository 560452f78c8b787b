#include "platform/dispatcher.h"

#include "store/database.h"
#include "store/keydb.h"
#include "store/pipelined_database.h"
#include "store/pipelined_keydb.h"

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

// The dependencies exist but are never reached: these handlers use none.
struct World {
  Config config = Config::from_environment([](const std::string&) { return std::nullopt; });
  std::vector<App> apps{
      {"test", ErrorShape::kMessageOnly, {{"GET", "/wait/{name}", after_gate}, {"GET", "/now", at_once}}}};
  Router router{apps};
  Metrics metrics{"", router.route_names()};
  store::Database db{"postgresql:///nowhere", {}, metrics, std::chrono::milliseconds(250)};
  store::KeyDb cache{config, metrics};
  store::PipelinedDatabase pipelined_db{
      "postgresql:///nowhere",
      {},
      metrics,
      {std::chrono::milliseconds(250), std::chrono::milliseconds(2000), std::chrono::milliseconds(3000)}};
  store::PipelinedKeyDb pipelined_cache{config, metrics, cache};
  CpuPool cpu_pool{1, 0};
  Context context{config, db, cache, pipelined_db, pipelined_cache, cpu_pool, metrics};
  Dispatcher dispatcher{router, context};
};

std::unique_ptr<Request> get(std::string target) {
  auto request = std::make_unique<Request>();
  request->method = "GET";
  request->target = std::move(target);
  return request;
}

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

BOOST_AUTO_TEST_SUITE_END()
