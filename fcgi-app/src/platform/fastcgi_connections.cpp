#include "platform/fastcgi_connections.h"

namespace platform {

FastCgiConnections::~FastCgiConnections() {
  // libfcgi owns the connections' sockets: FCGX_Free closes them.
  for (auto& [fd, request] : kept_) FCGX_Free(request.get(), 1);
}

std::unique_ptr<FCGX_Request> FastCgiConnections::take_free() {
  if (!free_.empty()) {
    auto request = std::move(free_.back());
    free_.pop_back();
    return request;
  }
  auto request = std::make_unique<FCGX_Request>();
  FCGX_InitRequest(request.get(), listen_fd_, 0);
  return request;
}

// The connection stays in the epoll set while its request is served at once:
// the worker is not waiting meanwhile, and closing it removes it from the set.
std::unique_ptr<FCGX_Request> FastCgiConnections::take_kept(int fd) {
  const auto it = kept_.find(fd);
  if (it == kept_.end()) return nullptr;
  auto request = std::move(it->second);
  kept_.erase(it);
  return request;
}

// A request whose handler waits leaves the set: an idle connection that NGINX
// closes meanwhile would be reported ready again and again.
void FastCgiConnections::park(const FCGX_Request& request) {
  if (request.listen_sock < 0) poller_.remove(request.ipcFd);
}

// Only NGINX closes a kept connection: were the worker to close one, NGINX
// could be sending a request on it at that very moment, and it never retries
// a POST.
void FastCgiConnections::finish(std::unique_ptr<FCGX_Request> request, bool parked) {
  const bool was_kept = request->listen_sock < 0;
  FCGX_Finish_r(request.get());
  if (request->ipcFd < 0) {
    request->listen_sock = listen_fd_;  // next time it accepts a new connection
    free_.push_back(std::move(request));
    return;
  }
  if (request->listen_sock >= 0 || (parked && was_kept)) {
    keep(std::move(request));
  } else {
    const int fd = request->ipcFd;
    kept_[fd] = std::move(request);
  }
}

// Puts the connection (back) in the epoll set. From now on this request
// object only reads this connection: with no listening socket, libfcgi cannot
// accept a different connection into it when NGINX closes this one.
void FastCgiConnections::keep(std::unique_ptr<FCGX_Request> request) {
  const int fd = request->ipcFd;
  request->listen_sock = -1;
  if (!poller_.add(fd, EPOLLIN, static_cast<std::uint64_t>(fd))) {
    FCGX_Free(request.get(), 1);
    request->listen_sock = listen_fd_;
    free_.push_back(std::move(request));
    return;
  }
  kept_[fd] = std::move(request);
}

}  // namespace platform
