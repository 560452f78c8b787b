// The FastCGI connections one worker holds (libfcgi request objects), for the
// transport's loop (fastcgi_worker.cpp) only.
//
// NGINX keeps FastCGI connections open between requests (fastcgi_keep_conn),
// so a worker holds many connections. libfcgi reads one connection per
// FCGX_Request; an idle connection waits in this worker's epoll set instead of
// in a blocking read, so it costs a file descriptor, not a worker.
#pragma once

#include "platform/poller.h"

#include <fcgiapp.h>

#include <cstdint>
#include <memory>
#include <unordered_map>
#include <vector>

namespace platform {

class FastCgiConnections {
 public:
  FastCgiConnections(int listen_fd, Poller& poller) : listen_fd_(listen_fd), poller_(poller) {}
  ~FastCgiConnections();
  FastCgiConnections(const FastCgiConnections&) = delete;
  FastCgiConnections& operator=(const FastCgiConnections&) = delete;

  // A fresh request object that accepts its connection from the listening socket.
  std::unique_ptr<FCGX_Request> take_free();
  // The request object reading kept connection `fd`, or null when there is none.
  std::unique_ptr<FCGX_Request> take_kept(int fd);
  // Leaves the epoll set while its handler waits (see the definition).
  void park(const FCGX_Request& request);
  // After a response: keeps the connection if NGINX asked to, else recycles.
  void finish(std::unique_ptr<FCGX_Request> request, bool parked = false);

  std::size_t kept() const { return kept_.size(); }

 private:
  void keep(std::unique_ptr<FCGX_Request> request);

  int listen_fd_;
  Poller& poller_;
  std::unordered_map<int, std::unique_ptr<FCGX_Request>> kept_;
  std::vector<std::unique_ptr<FCGX_Request>> free_;
};

}  // namespace platform
