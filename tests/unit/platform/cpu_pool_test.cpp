#include "platform/cpu_pool.h"

#include "platform/task.h"

#include <poll.h>

#include <boost/test/unit_test.hpp>

#include <atomic>
#include <chrono>
#include <stdexcept>
#include <string>
#include <thread>

using platform::CpuPool;
using platform::HttpError;
using platform::Task;

namespace {

// What the worker's loop does for the pool: wait for its fd, then on_ready().
// False when nothing finished within a second.
bool turn_loop(CpuPool& pool) {
  pollfd watched{pool.fd(), POLLIN, 0};
  if (poll(&watched, 1, 1000) != 1) return false;
  pool.on_ready(true, false);
  return true;
}

Task<std::thread::id> thread_of_work(CpuPool& pool) {
  const std::thread::id worked_on = co_await pool.run([] { return std::this_thread::get_id(); });
  BOOST_TEST((std::this_thread::get_id() != worked_on));  // resumed on the loop's thread, not the pool's
  co_return worked_on;
}

Task<std::string> failing(CpuPool& pool) {
  co_return co_await pool.run([]() -> std::string { throw std::runtime_error("hash failed"); });
}

// Blocks its pool thread until `open` is set.
Task<int> held(CpuPool& pool, std::atomic<bool>& open, int value) {
  co_return co_await pool.run([&open, value] {
    while (!open) std::this_thread::sleep_for(std::chrono::milliseconds(1));
    return value;
  });
}

int status_of(Task<int>& task) {
  try {
    task.result();
  } catch (const HttpError& error) {
    return error.status();
  }
  return 200;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(cpu_pool)

BOOST_AUTO_TEST_CASE(work_runs_on_a_pool_thread_and_resumes_on_the_loop) {
  CpuPool pool(1, 4);
  Task<std::thread::id> task = thread_of_work(pool);
  BOOST_TEST(!task.done());  // nothing resumes until the loop turns
  BOOST_REQUIRE(turn_loop(pool));
  BOOST_REQUIRE(task.done());
  BOOST_TEST((task.result() != std::this_thread::get_id()));
  BOOST_TEST(pool.in_flight() == 0u);
}

BOOST_AUTO_TEST_CASE(an_exception_reaches_the_awaiting_handler) {
  CpuPool pool(2, 0);
  Task<std::string> task = failing(pool);
  BOOST_REQUIRE(turn_loop(pool));
  BOOST_REQUIRE(task.done());
  BOOST_CHECK_THROW(task.result(), std::runtime_error);
}

BOOST_AUTO_TEST_CASE(beyond_threads_and_queue_a_run_is_refused_at_once) {
  std::atomic<bool> open = false;
  CpuPool pool(1, 2);
  Task<int> running = held(pool, open, 1);
  Task<int> first_queued = held(pool, open, 2);
  Task<int> second_queued = held(pool, open, 3);
  Task<int> refused = held(pool, open, 4);
  BOOST_REQUIRE(refused.done());  // never waited
  BOOST_TEST(status_of(refused) == 503);
  BOOST_TEST(pool.in_flight() == 3u);
  open = true;
  for (int turns = 0; turns < 10 && !(running.done() && first_queued.done() && second_queued.done()); ++turns) {
    turn_loop(pool);
  }
  BOOST_TEST(running.result() == 1);
  BOOST_TEST(first_queued.result() == 2);
  BOOST_TEST(second_queued.result() == 3);
  // Room again once they finished.
  Task<int> later = held(pool, open, 5);
  BOOST_REQUIRE(turn_loop(pool));
  BOOST_TEST(later.result() == 5);
}

BOOST_AUTO_TEST_CASE(work_runs_in_parallel_up_to_the_thread_count) {
  std::atomic<int> inside = 0;
  std::atomic<int> most = 0;
  CpuPool pool(3, 0);
  auto work = [&]() -> Task<int> {
    co_return co_await pool.run([&] {
      const int now = ++inside;
      for (int seen = most; now > seen && !most.compare_exchange_weak(seen, now);) {
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
      --inside;
      return now;
    });
  };
  Task<int> a = work();
  Task<int> b = work();
  Task<int> c = work();
  for (int turns = 0; turns < 10 && !(a.done() && b.done() && c.done()); ++turns) turn_loop(pool);
  BOOST_TEST((a.done() && b.done() && c.done()));
  BOOST_TEST(most.load() == 3);
}

BOOST_AUTO_TEST_SUITE_END()
