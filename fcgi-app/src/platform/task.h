// A coroutine that produces one value: what an asynchronous handler returns.
// It starts at once and runs until it waits on a pipelined dependency
// (store/pipelined_*.h); the worker's loop resumes it when the answer is in.
// A Task awaited by another Task resumes its awaiter when it finishes.
#pragma once

#include <coroutine>
#include <exception>
#include <optional>
#include <utility>

namespace platform {

template <typename T>
class Task;

namespace task_detail {

// What the promise of every Task has: the exception it ended with and the
// coroutine awaiting it.
struct PromiseBase {
  std::exception_ptr error;
  std::coroutine_handle<> awaiter;

  std::suspend_never initial_suspend() noexcept { return {}; }
  // Stays suspended at the end so that the owner can read the result;
  // hands control straight to the awaiting coroutine, if any.
  struct ResumeAwaiter {
    std::coroutine_handle<> next;
    bool await_ready() noexcept { return false; }
    std::coroutine_handle<> await_suspend(std::coroutine_handle<>) noexcept {
      return next ? next : std::noop_coroutine();
    }
    void await_resume() noexcept {}
  };
  ResumeAwaiter final_suspend() noexcept { return ResumeAwaiter{awaiter}; }
  void unhandled_exception() { error = std::current_exception(); }
  void rethrow_if_failed() const {
    if (error) std::rethrow_exception(error);
  }
};

template <typename T>
struct Promise : PromiseBase {
  std::optional<T> value;
  Task<T> get_return_object();
  void return_value(T result) { value = std::move(result); }
  T take() {
    rethrow_if_failed();
    return std::move(*value);
  }
};

template <>
struct Promise<void> : PromiseBase {
  Task<void> get_return_object();
  void return_void() {}
  void take() const { rethrow_if_failed(); }
};

}  // namespace task_detail

template <typename T>
class [[nodiscard]] Task {
 public:
  using promise_type = task_detail::Promise<T>;

  Task(Task&& other) noexcept : handle_(std::exchange(other.handle_, {})) {}
  Task& operator=(Task&& other) noexcept {
    if (this != &other) {
      if (handle_) handle_.destroy();
      handle_ = std::exchange(other.handle_, {});
    }
    return *this;
  }
  Task(const Task&) = delete;
  Task& operator=(const Task&) = delete;
  ~Task() {
    if (handle_) handle_.destroy();
  }

  bool done() const { return handle_.done(); }

  // The value, or the exception the coroutine ended with. Only once done().
  T result() { return handle_.promise().take(); }

  bool await_ready() const { return handle_.done(); }
  void await_suspend(std::coroutine_handle<> awaiter) { handle_.promise().awaiter = awaiter; }
  T await_resume() { return result(); }

 private:
  friend promise_type;
  explicit Task(std::coroutine_handle<promise_type> handle) : handle_(handle) {}
  std::coroutine_handle<promise_type> handle_;
};

namespace task_detail {

template <typename T>
Task<T> Promise<T>::get_return_object() {
  return Task<T>(std::coroutine_handle<Promise>::from_promise(*this));
}

inline Task<void> Promise<void>::get_return_object() {
  return Task<void>(std::coroutine_handle<Promise>::from_promise(*this));
}

}  // namespace task_detail

}  // namespace platform
