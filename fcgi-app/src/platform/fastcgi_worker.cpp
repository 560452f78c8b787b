#include "platform/fastcgi_worker.h"

#include "platform/access_log.h"

#include <fcgiapp.h>
#include <fcntl.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <array>
#include <cctype>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdint>
#include <cstring>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

namespace platform {

namespace {

volatile std::sig_atomic_t g_stop_requested = 0;

void request_stop(int) { g_stop_requested = 1; }

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
  for (const auto& [name, value] : response.headers) head += name + ": " + value + "\r\n";
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

// NGINX keeps FastCGI connections open between requests (fastcgi_keep_conn),
// so a worker holds many connections. libfcgi reads one connection per
// FCGX_Request; an idle connection waits in this worker's epoll set instead of
// in a blocking read, so it costs a file descriptor, not a worker.
class Connections {
 public:
  Connections(int listen_fd, int poller) : listen_fd_(listen_fd), poller_(poller) {}
  ~Connections() {
    for (auto& [fd, kept] : kept_) {
      FCGX_Free(kept.request.get(), 1);
    }
  }

  // A fresh request object that accepts its connection from the listening socket.
  std::unique_ptr<FCGX_Request> take_free() {
    if (!free_.empty()) {
      auto request = std::move(free_.back());
      free_.pop_back();
      return request;
    }
    auto request = std::make_unique<FCGX_Request>();
    FCGX_InitRequest(request.get(), listen_fd_, 0);
    return request;
  }

  // The connection stays in the epoll set while its request is served at
  // once: the worker is not waiting meanwhile, and closing it removes it from
  // the set. A request whose handler waits leaves it (park()): an idle
  // connection that NGINX closes meanwhile would be reported ready again and
  // again.
  std::unique_ptr<FCGX_Request> take_kept(int fd) {
    const auto it = kept_.find(fd);
    if (it == kept_.end()) return nullptr;
    auto request = std::move(it->second.request);
    kept_.erase(it);
    return request;
  }

  // After a response: keep the connection if NGINX asked to, else recycle.
  // Only NGINX closes a kept connection: were the worker to close one, NGINX
  // could be sending a request on it at that very moment, and it never
  // retries a POST.
  void park(const FCGX_Request& request) {
    if (request.listen_sock < 0) epoll_ctl(poller_, EPOLL_CTL_DEL, request.ipcFd, nullptr);
  }

  void finish(std::unique_ptr<FCGX_Request> request, bool parked = false) {
    const bool was_kept = request->listen_sock < 0;
    FCGX_Finish_r(request.get());
    if (request->ipcFd < 0) {
      request->listen_sock = listen_fd_;  // next time it accepts a new connection
      free_.push_back(std::move(request));
      return;
    }
    const int fd = request->ipcFd;
    if (request->listen_sock >= 0 || (parked && was_kept)) {
      // A new connection to keep. From now on this request object only reads
      // this connection: with no listening socket, libfcgi cannot accept a
      // different connection into it when NGINX closes this one.
      request->listen_sock = -1;
      epoll_event interest{};
      interest.events = EPOLLIN;
      interest.data.u64 = static_cast<std::uint64_t>(fd);
      if (epoll_ctl(poller_, EPOLL_CTL_ADD, fd, &interest) != 0) {
        FCGX_Free(request.get(), 1);
        request->listen_sock = listen_fd_;
        free_.push_back(std::move(request));
        return;
      }
    }
    kept_[fd] = Kept{std::move(request)};
  }

  std::size_t kept() const { return kept_.size(); }

 private:
  struct Kept {
    std::unique_ptr<FCGX_Request> request;
  };
  int listen_fd_;
  int poller_;
  std::unordered_map<int, Kept> kept_;
  std::vector<std::unique_ptr<FCGX_Request>> free_;
};

}  // namespace

namespace {

// Sources are told apart from FastCGI connections (data = the fd) by a tag:
// a source's fd number may be reused by a connection once the source closed it.
constexpr std::uint64_t kSourceTag = std::uint64_t{1} << 32;

// Registers each source's current socket: after a reconnect it is a new one,
// possibly under the old number, which closing already removed from the set.
void watch_sources(int poller, const std::vector<EventSource*>& sources) {
  for (std::size_t i = 0; i < sources.size(); ++i) {
    const int fd = sources[i]->fd();
    if (fd < 0) continue;
    epoll_event interest{};
    interest.events = EPOLLIN | (sources[i]->wants_write() ? EPOLLOUT : 0u);
    interest.data.u64 = kSourceTag | i;
    if (epoll_ctl(poller, EPOLL_CTL_MOD, fd, &interest) != 0 && errno == ENOENT) {
      epoll_ctl(poller, EPOLL_CTL_ADD, fd, &interest);
    }
  }
}

// How long the loop may sleep: until the access log is due, a source's
// oldest request expires, or at once when a source has unsent requests.
int wait_timeout_ms(int timeout_ms, Dispatcher& dispatcher, const std::vector<EventSource*>& sources) {
  auto bound = [&](long long ms) {
    if (ms < 0) ms = 0;
    if (timeout_ms < 0 || ms < timeout_ms) timeout_ms = static_cast<int>(ms);
  };
  if (const auto wake_by = dispatcher.before_wait()) bound(wake_by->count());
  const auto now = EventSource::Clock::now();
  for (EventSource* source : sources) {
    if (source->has_unsent()) bound(0);
    if (const auto deadline = source->deadline()) {
      bound(std::chrono::ceil<std::chrono::milliseconds>(*deadline - now).count());
    }
  }
  return timeout_ms;
}

}  // namespace

int run_fastcgi_worker(int listen_fd, Dispatcher& dispatcher, const std::vector<EventSource*>& sources,
                       std::chrono::seconds drain_timeout) {
  // Stop signals are blocked except while waiting for work, so a stop can
  // never interrupt a request: it is noticed between two requests.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  for (int signal : {SIGTERM, SIGINT, SIGUSR1}) sigaddset(&stop_signals, signal);
  sigprocmask(SIG_BLOCK, &stop_signals, nullptr);
  struct sigaction action {};
  action.sa_handler = request_stop;
  sigemptyset(&action.sa_mask);
  for (int signal : {SIGTERM, SIGINT, SIGUSR1}) sigaction(signal, &action, nullptr);
  signal(SIGHUP, SIG_IGN);  // the supervisor reloads; a worker just keeps serving
  sigset_t while_waiting;
  sigprocmask(SIG_BLOCK, nullptr, &while_waiting);
  for (int signal : {SIGTERM, SIGINT, SIGUSR1}) sigdelset(&while_waiting, signal);

  // A non-blocking listening socket lets a worker that lost the race for a
  // connection go back to waiting instead of blocking in accept().
  fcntl(listen_fd, F_SETFL, fcntl(listen_fd, F_GETFL) | O_NONBLOCK);
  const int poller = epoll_create1(EPOLL_CLOEXEC);
  epoll_event interest{};
  interest.events = EPOLLIN | EPOLLEXCLUSIVE;  // wake one worker per new connection, not all
  interest.data.u64 = static_cast<std::uint64_t>(listen_fd);
  if (poller < 0 || epoll_ctl(poller, EPOLL_CTL_ADD, listen_fd, &interest) != 0) {
    log_event("error", std::string("epoll: ") + std::strerror(errno));
    return 1;
  }

  FCGX_Init();
  {
    Connections connections(listen_fd, poller);
    // Requests whose handlers wait on a source, by ticket.
    std::unordered_map<std::uint64_t, std::unique_ptr<FCGX_Request>> waiting;
    std::uint64_t tickets = 0;
    bool accepting = true;
    Clock::time_point drain_deadline{};
    std::array<epoll_event, 64> ready{};
    while (true) {
      if (g_stop_requested && accepting) {
        // Another worker (or the successor after a reload) takes new
        // connections; this one serves its kept connections until NGINX
        // closes them (keepalive_requests, keepalive_timeout).
        epoll_ctl(poller, EPOLL_CTL_DEL, listen_fd, nullptr);
        accepting = false;
        drain_deadline = Clock::now() + drain_timeout;
      }
      if (!accepting && waiting.empty() && (connections.kept() == 0 || Clock::now() >= drain_deadline)) break;
      watch_sources(poller, sources);
      const int timeout_ms = wait_timeout_ms(accepting ? -1 : 50, dispatcher, sources);
      const int count = epoll_pwait(poller, ready.data(), static_cast<int>(ready.size()), timeout_ms, &while_waiting);
      for (int i = 0; i < count; ++i) {
        const epoll_event& event = ready[static_cast<std::size_t>(i)];
        if (event.data.u64 & kSourceTag) {
          sources[event.data.u64 & ~kSourceTag]->on_ready((event.events & (EPOLLIN | EPOLLHUP | EPOLLERR)) != 0,
                                                          (event.events & EPOLLOUT) != 0);
          continue;
        }
        const int fd = static_cast<int>(event.data.u64);
        std::unique_ptr<FCGX_Request> fcgi;
        if (fd == listen_fd) {
          if (!accepting) continue;
          fcgi = connections.take_free();
        } else {
          fcgi = connections.take_kept(fd);
          if (!fcgi) continue;
        }
        // Reads the next request: from a new connection (another worker may
        // have taken it: EAGAIN) or from the kept one (NGINX may have closed it).
        if (FCGX_Accept_r(fcgi.get()) < 0) {
          connections.finish(std::move(fcgi));
          continue;
        }
        auto request = read_head(*fcgi);
        read_body(*fcgi, *request, dispatcher.body_limit(*request));
        const std::uint64_t ticket = ++tickets;
        if (const auto response = dispatcher.start(std::move(request), ticket)) {
          write_response(*fcgi, *response);
          connections.finish(std::move(fcgi));
        } else {
          connections.park(*fcgi);
          waiting.emplace(ticket, std::move(fcgi));
        }
      }
      // What the handlers asked for in this turn leaves now, one write per source.
      for (EventSource* source : sources) source->flush();
      const auto now = EventSource::Clock::now();
      for (EventSource* source : sources) {
        if (const auto deadline = source->deadline(); deadline && *deadline <= now) source->expire();
      }
      for (auto& [ticket, response] : dispatcher.take_finished()) {
        const auto it = waiting.find(ticket);
        write_response(*it->second, response);
        connections.finish(std::move(it->second), /*parked=*/true);
        waiting.erase(it);
      }
    }
  }
  close(poller);
  return 0;
}

}  // namespace platform
