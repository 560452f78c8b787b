#include "platform/fastcgi_worker.h"

#include "platform/access_log.h"
#include "platform/fastcgi_connections.h"
#include "platform/poller.h"
#include "platform/stop_signals.h"

#include <fcgiapp.h>
#include <fcntl.h>
#include <poll.h>
#include <sys/socket.h>

#include <array>
#include <cctype>
#include <cerrno>
#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <string>
#include <system_error>
#include <unordered_map>
#include <vector>

namespace platform {

namespace {

std::string param(const FCGX_Request& request, const char* name) {
  const char* value = FCGX_GetParam(name, request.envp);
  return value == nullptr ? std::string() : std::string(value);
}

// HTTP_X_REQUEST_ID -> x-request-id
std::string header_name(std::string_view cgi_name) {
  std::string name(cgi_name);
  for (char& c : name) c = c == '_' ? '-' : static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return name;
}

std::unique_ptr<Request> read_head(const FCGX_Request& fcgi) {
  auto owned = std::make_unique<Request>();
  Request& request = *owned;
  request.method = param(fcgi, "REQUEST_METHOD");
  request.target = param(fcgi, "REQUEST_URI");  // path and query as the client sent them
  request.remote_addr = param(fcgi, "REMOTE_ADDR");
  request.request_id = param(fcgi, "REQUEST_ID");
  for (char** env = fcgi.envp; *env != nullptr; ++env) {
    const std::string_view entry(*env);
    const std::size_t eq = entry.find('=');
    if (eq == std::string_view::npos) continue;
    const std::string_view name = entry.substr(0, eq);
    if (name.rfind("HTTP_", 0) == 0) {
      request.headers.emplace_back(header_name(name.substr(5)), std::string(entry.substr(eq + 1)));
    } else if (name == "CONTENT_TYPE" || name == "CONTENT_LENGTH") {
      request.headers.emplace_back(header_name(name), std::string(entry.substr(eq + 1)));
    }
  }
  return owned;
}

// Reads at most `limit` bytes of body; more than that marks the request.
void read_body(FCGX_Request& fcgi, Request& request, std::size_t limit) {
  const std::string length_text = param(fcgi, "CONTENT_LENGTH");
  if (!length_text.empty()) {
    char* end = nullptr;
    const unsigned long long length = std::strtoull(length_text.c_str(), &end, 10);
    if (end == length_text.c_str() || *end != '\0' || length > limit) {
      request.body_too_large = true;
      return;
    }
    request.body.reserve(static_cast<std::size_t>(length));
  }
  std::array<char, 16384> buffer;
  while (true) {
    const int read = FCGX_GetStr(buffer.data(), static_cast<int>(buffer.size()), fcgi.in);
    if (read <= 0) break;
    if (request.body.size() + static_cast<std::size_t>(read) > limit) {
      request.body_too_large = true;
      request.body.clear();
      return;
    }
    request.body.append(buffer.data(), static_cast<std::size_t>(read));
  }
}

void write_response(FCGX_Request& fcgi, const Response& response) {
  std::string head;
  head.reserve(256);
  head += "Status: " + std::to_string(response.status) + " ";
  head += status_reason(response.status);
  head += "\r\n";
  if (!response.content_type.empty()) head += "Content-Type: " + response.content_type + "\r\n";
  if (response.status != 204 && response.status != 304) {
    head += "Content-Length: " + std::to_string(response.body.size()) + "\r\n";
  }
  for (const auto& [name, value] : response.headers) head.append(name).append(": ").append(value).append("\r\n");
  head += "\r\n";
  FCGX_PutStr(head.data(), static_cast<int>(head.size()), fcgi.out);
  if (!response.body.empty()) FCGX_PutStr(response.body.data(), static_cast<int>(response.body.size()), fcgi.out);
}

}  // namespace

bool is_listening_socket(int fd) {
  int listening = 0;
  socklen_t size = sizeof listening;
  return getsockopt(fd, SOL_SOCKET, SO_ACCEPTCONN, &listening, &size) == 0 && listening != 0;
}

namespace {

using Clock = std::chrono::steady_clock;

// What an epoll event is about: a FastCGI connection (the tag is its fd), a
// source (kSourceTag | its index: a source's fd number may be reused by a
// connection once the source closed it), or the stop signals.
constexpr std::uint64_t kSourceTag = std::uint64_t{1} << 32;
constexpr std::uint64_t kStopTag = std::uint64_t{1} << 33;

// One worker's loop: waits for connections, requests and its sources, serves
// what is ready, and drains when told to stop.
class WorkerLoop {
 public:
  WorkerLoop(int listen_fd, Dispatcher& dispatcher, const std::vector<EventSource*>& sources,
             std::chrono::seconds drain_timeout)
      : listen_fd_(listen_fd),
        dispatcher_(dispatcher),
        sources_(sources),
        drain_timeout_(drain_timeout),
        connections_(listen_fd, poller_) {}

  // Watches the listening socket and the stop signals; false when it cannot.
  bool start() {
    // A non-blocking listening socket lets a worker that lost the race for a
    // connection go back to waiting instead of blocking in accept().
    fcntl(listen_fd_, F_SETFL, fcntl(listen_fd_, F_GETFL) | O_NONBLOCK);
    // EPOLLEXCLUSIVE: one worker is woken per new connection, not all.
    return poller_.add(listen_fd_, EPOLLIN | EPOLLEXCLUSIVE, static_cast<std::uint64_t>(listen_fd_)) &&
           poller_.add(stop_signals_.fd(), EPOLLIN, kStopTag);
  }

  void run() {
    while (!finished()) {
      watch_sources();
      for (const epoll_event& event : poller_.wait(wait_timeout_ms())) on_event(event);
      service_sources();
      answer_finished();
    }
  }

 private:
  bool finished() const {
    return !accepting_ && waiting_.empty() && (connections_.kept() == 0 || Clock::now() >= drain_deadline_);
  }

  // Another worker (or the successor after a reload) takes new connections;
  // this one serves its kept connections until NGINX closes them
  // (keepalive_requests, keepalive_timeout) or the drain timeout passes.
  void stop_accepting() {
    if (!accepting_) return;
    poller_.remove(listen_fd_);
    accepting_ = false;
    drain_deadline_ = Clock::now() + drain_timeout_;
  }

  // Registers each source's current socket: after a reconnect it is a new one,
  // possibly under the old number, which closing already removed from the set.
  void watch_sources() {
    for (std::size_t i = 0; i < sources_.size(); ++i) {
      const int fd = sources_[i]->fd();
      if (fd >= 0) poller_.watch(fd, EPOLLIN | (sources_[i]->wants_write() ? EPOLLOUT : 0u), kSourceTag | i);
    }
  }

  // How long the loop may sleep: until the access log is due, a source's
  // oldest request expires, or at once when a source has unsent requests.
  // While draining it looks at the clock every 50 ms.
  int wait_timeout_ms() {
    int timeout_ms = accepting_ ? -1 : 50;
    auto bound = [&](long long ms) {
      if (ms < 0) ms = 0;
      if (timeout_ms < 0 || ms < timeout_ms) timeout_ms = static_cast<int>(ms);
    };
    if (const auto wake_by = dispatcher_.before_wait()) bound(wake_by->count());
    const auto now = EventSource::Clock::now();
    for (EventSource* source : sources_) {
      if (source->has_unsent()) bound(0);
      if (const auto deadline = source->deadline()) {
        bound(std::chrono::ceil<std::chrono::milliseconds>(*deadline - now).count());
      }
    }
    return timeout_ms;
  }

  void on_event(const epoll_event& event) {
    if (event.data.u64 == kStopTag) {
      if (stop_signals_.take()) stop_accepting();
    } else if ((event.data.u64 & kSourceTag) != 0) {
      sources_[event.data.u64 & ~kSourceTag]->on_ready((event.events & (EPOLLIN | EPOLLHUP | EPOLLERR)) != 0,
                                                       (event.events & EPOLLOUT) != 0);
    } else {
      serve_connection(static_cast<int>(event.data.u64));
    }
  }

  // Reads the next request: from a new connection (another worker may have
  // taken it: EAGAIN) or from a kept one (NGINX may have closed it).
  void serve_connection(int fd) {
    if (fd == listen_fd_ && !accepting_) return;
    auto fcgi = fd == listen_fd_ ? connections_.take_free() : connections_.take_kept(fd);
    if (!fcgi) return;
    if (FCGX_Accept_r(fcgi.get()) < 0) {
      connections_.finish(std::move(fcgi));
      return;
    }
    auto request = read_head(*fcgi);
    read_body(*fcgi, *request, dispatcher_.body_limit(*request));
    const std::uint64_t ticket = ++tickets_;
    if (const auto response = dispatcher_.start(std::move(request), ticket)) {
      write_response(*fcgi, *response);
      connections_.finish(std::move(fcgi));
    } else {
      connections_.park(*fcgi);
      waiting_.emplace(ticket, std::move(fcgi));
    }
  }

  // What the handlers asked for in this turn leaves now, one write per
  // source; requests that waited too long give up. A handler that blocks
  // (a transaction on the worker's own connection) can keep the loop away
  // from an answer that has arrived meanwhile: a source is read once more
  // before its requests are judged overdue, so a busy loop is not taken for
  // a hung server.
  void service_sources() {
    for (EventSource* source : sources_) source->flush();
    for (EventSource* source : sources_) {
      const auto deadline = source->deadline();
      if (!deadline || *deadline > EventSource::Clock::now()) continue;
      if (has_input(source->fd())) source->on_ready(true, false);
      if (const auto still = source->deadline(); still && *still <= EventSource::Clock::now()) source->expire();
    }
  }

  static bool has_input(int fd) {
    if (fd < 0) return false;
    pollfd entry{fd, POLLIN, 0};
    return ::poll(&entry, 1, 0) == 1 && (entry.revents & (POLLIN | POLLHUP | POLLERR)) != 0;
  }

  void answer_finished() {
    for (auto& [ticket, response] : dispatcher_.take_finished()) {
      const auto it = waiting_.find(ticket);
      if (it == waiting_.end()) {
        log_event("error", "a finished request has no connection waiting: ticket " + std::to_string(ticket));
        continue;
      }
      write_response(*it->second, response);
      connections_.finish(std::move(it->second), /*parked=*/true);
      waiting_.erase(it);
    }
  }

  int listen_fd_;
  Dispatcher& dispatcher_;
  const std::vector<EventSource*>& sources_;
  std::chrono::seconds drain_timeout_;
  StopSignals stop_signals_;
  Poller poller_;
  FastCgiConnections connections_;
  // Requests whose handlers wait on a source, by ticket.
  std::unordered_map<std::uint64_t, std::unique_ptr<FCGX_Request>> waiting_;
  std::uint64_t tickets_ = 0;
  bool accepting_ = true;
  Clock::time_point drain_deadline_{};
};

}  // namespace

int run_fastcgi_worker(int listen_fd, Dispatcher& dispatcher, const std::vector<EventSource*>& sources,
                       std::chrono::seconds drain_timeout) {
  try {
    FCGX_Init();
    WorkerLoop loop(listen_fd, dispatcher, sources, drain_timeout);
    if (!loop.start()) {
      log_event("error", std::string("epoll: ") + std::strerror(errno));
      return 1;
    }
    loop.run();
    return 0;
  } catch (const std::system_error& error) {
    log_event("error", error.what());
    return 1;
  }
}

}  // namespace platform
