// The FastCGI transport (libfcgi): accepts connections on a listening socket
// and turns each request into a Request for the dispatcher. Knows no app.
#pragma once

#include "platform/dispatcher.h"
#include "platform/event_source.h"

#include <chrono>
#include <vector>

namespace platform {

// Serves requests until SIGTERM, SIGINT or SIGUSR1 asks it to stop. Then it
// accepts no new connection and serves the ones it holds until NGINX closes
// them, or `drain_timeout` passes; a request in progress is always finished.
// Requests whose handlers wait are answered when `sources` (the pipelined
// dependencies) resume them; meanwhile the worker serves others.
// Returns the process exit code.
int run_fastcgi_worker(int listen_fd, Dispatcher& dispatcher, const std::vector<EventSource*>& sources,
                       std::chrono::seconds drain_timeout);

// Whether `fd` is a listening socket (how spawn-fcgi hands one over as fd 0).
bool is_listening_socket(int fd);

}  // namespace platform
