// The FastCGI transport (libfcgi): accepts connections on a listening socket
// and turns each request into a Request for the dispatcher. Knows no app.
#pragma once

#include "platform/dispatcher.h"

namespace platform {

// Serves requests until SIGTERM, SIGINT or SIGUSR1 asks it to stop; a request
// in progress is always finished first. Returns the process exit code.
int run_fastcgi_worker(int listen_fd, Dispatcher& dispatcher);

// Whether `fd` is a listening socket (how spawn-fcgi hands one over as fd 0).
bool is_listening_socket(int fd);

}  // namespace platform
