#include "platform/timers.h"
#include "platform/task.h"

#include <boost/test/unit_test.hpp>

#include <chrono>
#include <string>
#include <vector>

using platform::Task;
using platform::Timers;
using namespace std::chrono_literals;

namespace {

Task<void> note_after(Timers& timers, std::chrono::milliseconds wait, std::vector<std::string>& notes,
                      std::string note) {
  co_await timers.sleep(wait);
  notes.push_back(std::move(note));
}

// Polls as the GitHub count waits for another worker's: several sleeps in a row.
Task<int> sleeps(Timers& timers, int times) {
  for (int i = 0; i < times; ++i) co_await timers.sleep(0ms);
  co_return times;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(timers)

BOOST_AUTO_TEST_CASE(nothing_sleeping_means_no_deadline) {
  Timers timers;
  BOOST_TEST(!timers.deadline().has_value());
  BOOST_TEST(timers.fd() == -1);
}

BOOST_AUTO_TEST_CASE(sleepers_wake_in_order_of_their_time_only_once_it_has_come) {
  Timers timers;
  std::vector<std::string> notes;
  Task<void> late = note_after(timers, 60'000ms, notes, "late");
  Task<void> soon = note_after(timers, 0ms, notes, "soon");
  BOOST_TEST(!soon.done());  // a sleep always waits for the loop
  BOOST_REQUIRE(timers.deadline().has_value());
  timers.expire();
  BOOST_TEST(soon.done());
  BOOST_TEST(!late.done());
  BOOST_TEST(notes == std::vector<std::string>{"soon"});
  BOOST_REQUIRE(timers.deadline().has_value());
  BOOST_TEST((*timers.deadline() > Timers::Clock::now() + 50'000ms));
}

BOOST_AUTO_TEST_CASE(a_sleeper_that_sleeps_again_waits_for_the_next_expiry) {
  Timers timers;
  Task<int> polling = sleeps(timers, 3);
  for (int turn = 0; turn < 3; ++turn) {
    BOOST_TEST(!polling.done());
    timers.expire();
  }
  BOOST_REQUIRE(polling.done());
  BOOST_TEST(polling.result() == 3);
}

BOOST_AUTO_TEST_SUITE_END()
