#include "platform/task.h"

#include <boost/test/unit_test.hpp>

#include <coroutine>
#include <stdexcept>
#include <string>

using platform::Task;

namespace {

// Something to wait on that the test itself answers, as a pipelined
// connection answers when its reply arrives.
struct Signal {
  std::coroutine_handle<> waiting;
  int value = 0;

  auto wait() {
    struct Awaiter {
      Signal& signal;
      bool await_ready() const noexcept { return false; }
      void await_suspend(std::coroutine_handle<> handle) { signal.waiting = handle; }
      int await_resume() const { return signal.value; }
    };
    return Awaiter{*this};
  }
  void answer(int with) {
    value = with;
    std::exchange(waiting, {}).resume();
  }
};

Task<int> immediately(int value) { co_return value; }

Task<int> twice_after(Signal& signal) { co_return 2 * co_await signal.wait(); }

Task<std::string> describe(Signal& signal) {
  const int first = co_await twice_after(signal);  // waits inside a nested task
  const int second = co_await immediately(first + 1);
  co_return std::to_string(first) + "," + std::to_string(second);
}

Task<int> fails_after(Signal& signal) {
  co_await signal.wait();
  throw std::runtime_error("no such phrase");
}

Task<void> store_after(Signal& signal, int& stored) { stored = co_await signal.wait(); }

Task<void> fails_without_value(Signal& signal) {
  co_await signal.wait();
  throw std::runtime_error("cannot store");
}

}  // namespace

BOOST_AUTO_TEST_SUITE(task)

BOOST_AUTO_TEST_CASE(a_task_of_void_finishes_or_throws) {
  Signal signal;
  int stored = 0;
  Task<void> task = store_after(signal, stored);
  BOOST_TEST(!task.done());
  signal.answer(3);
  BOOST_TEST(task.done());
  BOOST_CHECK_NO_THROW(task.result());
  BOOST_TEST(stored == 3);
  Task<void> failing = fails_without_value(signal);
  signal.answer(0);
  BOOST_CHECK_THROW(failing.result(), std::runtime_error);
}

BOOST_AUTO_TEST_CASE(a_task_that_never_waits_is_done_at_once) {
  Task<int> task = immediately(7);
  BOOST_TEST(task.done());
  BOOST_TEST(task.result() == 7);
}

BOOST_AUTO_TEST_CASE(a_waiting_task_finishes_when_answered) {
  Signal signal;
  Task<int> task = twice_after(signal);
  BOOST_TEST(!task.done());
  signal.answer(21);
  BOOST_TEST(task.done());
  BOOST_TEST(task.result() == 42);
}

BOOST_AUTO_TEST_CASE(a_nested_task_resumes_its_awaiter) {
  Signal signal;
  Task<std::string> task = describe(signal);
  BOOST_TEST(!task.done());
  signal.answer(5);
  BOOST_TEST(task.done());
  BOOST_TEST(task.result() == "10,11");
}

BOOST_AUTO_TEST_CASE(an_exception_comes_out_of_result) {
  Signal signal;
  Task<int> task = fails_after(signal);
  signal.answer(0);
  BOOST_TEST(task.done());
  BOOST_CHECK_THROW(task.result(), std::runtime_error);
}

BOOST_AUTO_TEST_CASE(a_task_destroyed_while_waiting_frees_its_frame) {
  Signal signal;
  { Task<int> task = twice_after(signal); }  // ASan would report a leak otherwise
  BOOST_TEST(static_cast<bool>(signal.waiting));
}

BOOST_AUTO_TEST_SUITE_END()
