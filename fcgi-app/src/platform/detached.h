// A coroutine that nobody awaits: it starts at once, runs to its end on its
// own and frees itself. For work whose result the request does not need, such
// as storing an answer in a cache after the answer has gone out. It should
// catch what it expects to fail; anything else escaping it is logged.
#pragma once

#include <coroutine>

namespace platform {

struct Detached {
  struct promise_type {
    Detached get_return_object() noexcept { return {}; }
    std::suspend_never initial_suspend() noexcept { return {}; }
    std::suspend_never final_suspend() noexcept { return {}; }
    void return_void() noexcept {}
    void unhandled_exception() noexcept;
  };
};

}  // namespace platform
