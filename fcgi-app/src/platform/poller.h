// The worker's epoll set: what it watches, each file descriptor under a tag
// that says what it is, and one wait at a time.
#pragma once

#include "platform/unique_fd.h"

#include <sys/epoll.h>

#include <array>
#include <cstdint>
#include <span>

namespace platform {

class Poller {
 public:
  // Throws std::system_error when the kernel gives no epoll instance.
  Poller();

  // Starts watching `fd`; false when the kernel refuses (the error is in errno).
  bool add(int fd, std::uint32_t events, std::uint64_t tag);
  // Changes what is watched on `fd`, adding it when it is not in the set.
  void watch(int fd, std::uint32_t events, std::uint64_t tag);
  void remove(int fd);

  // The events that are ready, waiting up to `timeout_ms` (-1: no limit) for one.
  // Valid until the next wait.
  std::span<const epoll_event> wait(int timeout_ms);

 private:
  UniqueFd epoll_;
  std::array<epoll_event, 64> ready_{};
};

}  // namespace platform
