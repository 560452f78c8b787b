// The prefork pool: keeps N worker processes serving one listening socket.
//   SIGCHLD            a worker that dies is replaced (with back-off if it keeps dying)
//   SIGHUP             workers are replaced one by one; the socket stays open throughout
//   SIGTERM/INT/USR1   workers finish their request and exit; then the supervisor does
#pragma once

#include "platform/metrics.h"

#include <chrono>
#include <functional>
#include <string>

namespace platform {

struct PoolOptions {
  int workers = 4;
  std::chrono::seconds drain_timeout{30};
};

// Opens "unix:/path/to.sock" (mode applied to the socket file) or "host:port".
// Throws std::runtime_error when the address is taken or invalid.
int open_listening_socket(const std::string& address, unsigned socket_mode);

// Runs until told to stop; `worker_main(listen_fd)` runs in each forked worker
// and returns its exit code. Returns the supervisor's exit code.
int run_supervisor(int listen_fd, const PoolOptions& options, Metrics& metrics,
                   const std::function<int(int)>& worker_main);

}  // namespace platform
