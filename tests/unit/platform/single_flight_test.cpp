#include "platform/single_flight.h"
#include "platform/task.h"

#include <boost/test/unit_test.hpp>

#include <coroutine>
#include <stdexcept>
#include <string>
#include <vector>

using platform::SingleFlight;
using platform::Task;

namespace {

// Work that ends when the test says so: what a leader awaits.
struct Pending {
  std::coroutine_handle<> waiting;
  struct Await {
    Pending& pending;
    bool await_ready() const noexcept { return false; }
    void await_suspend(std::coroutine_handle<> handle) { pending.waiting = handle; }
    void await_resume() const noexcept {}
  };
  Await operator co_await() { return Await{*this}; }
  void finish() { std::exchange(waiting, {}).resume(); }
};

// Leads when no flight runs (counting the work it does), else joins.
Task<void> do_once(SingleFlight& flight, Pending& work, int& done, std::vector<std::string>& notes, std::string name,
                   bool fail) {
  if (flight.running()) {
    co_await flight.join();
    notes.push_back(name + " joined");
    co_return;
  }
  flight.begin();
  std::exception_ptr error;
  try {
    co_await work;
    ++done;
    if (fail) throw std::runtime_error("failed");
  } catch (...) {
    error = std::current_exception();
  }
  flight.end(error);
  notes.push_back(name + " led");
  if (error) std::rethrow_exception(error);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(single_flight)

BOOST_AUTO_TEST_CASE(concurrent_askers_await_the_one_running) {
  SingleFlight flight;
  Pending work;
  int done = 0;
  std::vector<std::string> notes;
  Task<void> first = do_once(flight, work, done, notes, "first", false);
  Task<void> second = do_once(flight, work, done, notes, "second", false);
  Task<void> third = do_once(flight, work, done, notes, "third", false);
  BOOST_TEST(flight.running());
  BOOST_TEST(!second.done());
  work.finish();
  BOOST_TEST(done == 1);
  BOOST_TEST(first.done());
  BOOST_TEST(second.done());
  BOOST_TEST(third.done());
  BOOST_TEST((notes == std::vector<std::string>{"second joined", "third joined", "first led"}));
  BOOST_TEST(!flight.running());
  // Once it ended, the next asker leads a flight of its own.
  Task<void> later = do_once(flight, work, done, notes, "later", false);
  BOOST_TEST(flight.running());
  work.finish();
  BOOST_TEST(done == 2);
  BOOST_TEST(later.done());
}

BOOST_AUTO_TEST_CASE(those_who_joined_share_the_leaders_failure) {
  SingleFlight flight;
  Pending work;
  int done = 0;
  std::vector<std::string> notes;
  Task<void> leader = do_once(flight, work, done, notes, "leader", true);
  Task<void> joined = do_once(flight, work, done, notes, "joined", false);
  work.finish();
  BOOST_REQUIRE(leader.done());
  BOOST_REQUIRE(joined.done());
  BOOST_CHECK_THROW(leader.result(), std::runtime_error);
  BOOST_CHECK_THROW(joined.result(), std::runtime_error);
  BOOST_TEST(done == 1);
  BOOST_TEST(!flight.running());
}

BOOST_AUTO_TEST_CASE(joining_no_flight_goes_on_at_once) {
  SingleFlight flight;
  BOOST_TEST(flight.join().await_ready());
}

BOOST_AUTO_TEST_SUITE_END()
