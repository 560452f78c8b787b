// How a worker learns it must stop: SIGTERM, SIGINT or SIGUSR1 (from the
// supervisor, spawn-fcgi's parent or an operator). The signals stay blocked
// and are read from a file descriptor the worker's poller watches, so a stop
// never interrupts a request: it is noticed between two requests, and no
// signal handler shares a flag with the loop.
#pragma once

#include "platform/unique_fd.h"

namespace platform {

class StopSignals {
 public:
  // Blocks the stop signals in this thread (threads started later inherit
  // that) and ignores SIGHUP: the supervisor reloads, a worker keeps serving.
  // Throws std::system_error when the kernel gives no signalfd.
  StopSignals();

  int fd() const { return fd_.get(); }
  // Reads the signals that arrived; true when one of them asks to stop.
  bool take();

 private:
  UniqueFd fd_;
};

}  // namespace platform
