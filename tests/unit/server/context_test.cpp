#include "platform/router.h"
#include "server/worker_state.h"

#include <boost/test/unit_test.hpp>

#include <stdexcept>
#include <string>

using namespace platform;

namespace {

// A composition root as the server's (server/context.h), with one thing more.
struct RootContext : Context {
  std::string& seen;
};

Response reads_the_root(const Request& request, RootContext& context) {
  context.seen = request.target;
  return Response::text(200, "ok", "text/plain");
}

struct Counter {
  int value = 0;
};

}  // namespace

BOOST_AUTO_TEST_SUITE(server_context)

BOOST_AUTO_TEST_CASE(a_handler_taking_the_derived_context_gets_it) {
  Config config;
  Metrics metrics{"", {"unmatched"}};
  CpuPool cpu_pool{1, 0};
  std::string seen;
  RootContext root{{config, cpu_pool, metrics}, seen};
  const Handler handler = reads_the_root;
  Request request;
  request.target = "/somewhere";
  BOOST_TEST(handler(request, root).status == 200);
  BOOST_TEST(seen == "/somewhere");

  std::string lambda_seen;
  const Handler lambda = [&lambda_seen](const Request&, RootContext& context) {
    lambda_seen = context.seen;
    return Response::text(204, "", "text/plain");
  };
  BOOST_TEST(lambda(request, root).status == 204);
  BOOST_TEST(lambda_seen == "/somewhere");
}

BOOST_AUTO_TEST_CASE(worker_state_keeps_one_object_of_each_type) {
  server::WorkerState state;
  state.put(Counter{1});
  state.put(Counter{2});  // a second surface of the same app: the first stays
  BOOST_TEST(state.get<Counter>().value == 1);
  state.get<Counter>().value = 5;
  BOOST_TEST(state.get<Counter>().value == 5);
  BOOST_CHECK_THROW(state.get<std::string>(), std::logic_error);
}

BOOST_AUTO_TEST_SUITE_END()
