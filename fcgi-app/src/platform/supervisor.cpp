#include "platform/supervisor.h"

#include "platform/access_log.h"
#include "platform/unique_fd.h"

#include <netdb.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstring>
#include <deque>
#include <map>
#include <stdexcept>

namespace platform {

namespace {

using Clock = std::chrono::steady_clock;
constexpr int kListenBacklog = 4096;

int open_unix_socket(const std::string& path, unsigned mode) {
  sockaddr_un address{};
  address.sun_family = AF_UNIX;
  if (path.size() >= sizeof address.sun_path) throw std::runtime_error("socket path too long: " + path);
  std::strncpy(address.sun_path, path.c_str(), sizeof address.sun_path - 1);
  UniqueFd fd(socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0));
  if (!fd.valid()) throw std::runtime_error(std::string("socket: ") + std::strerror(errno));
  // A socket file left by a pool that died is removed; one that still answers
  // belongs to a running pool, which we must not steal from.
  if (connect(fd.get(), reinterpret_cast<sockaddr*>(&address), sizeof address) == 0) {
    throw std::runtime_error("another server is already listening on " + path);
  }
  struct stat info {};
  if (lstat(path.c_str(), &info) == 0 && S_ISSOCK(info.st_mode)) unlink(path.c_str());
  if (bind(fd.get(), reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 || chmod(path.c_str(), mode) != 0 ||
      listen(fd.get(), kListenBacklog) != 0) {
    throw std::runtime_error("cannot listen on " + path + ": " + std::strerror(errno));
  }
  return fd.release();
}

int open_tcp_socket(const std::string& host, const std::string& port) {
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_flags = AI_PASSIVE;
  addrinfo* found = nullptr;
  if (getaddrinfo(host.empty() ? nullptr : host.c_str(), port.c_str(), &hints, &found) != 0 || found == nullptr) {
    throw std::runtime_error("cannot resolve " + host + ":" + port);
  }
  UniqueFd fd(socket(found->ai_family, SOCK_STREAM | SOCK_CLOEXEC, 0));
  const int on = 1;
  if (fd.valid()) setsockopt(fd.get(), SOL_SOCKET, SO_REUSEADDR, &on, sizeof on);
  const bool ok =
      fd.valid() && bind(fd.get(), found->ai_addr, found->ai_addrlen) == 0 && listen(fd.get(), kListenBacklog) == 0;
  const std::string error = std::strerror(errno);
  freeaddrinfo(found);
  if (!ok) throw std::runtime_error("cannot listen on " + host + ":" + port + ": " + error);
  return fd.release();
}

struct Worker {
  Clock::time_point started;
  bool retiring = false;  // asked to stop; not counted as serving
};

class Pool {
 public:
  Pool(int listen_fd, const PoolOptions& options, Metrics& metrics, const std::function<int(int)>& worker_main)
      : listen_fd_(listen_fd), options_(options), metrics_(metrics), worker_main_(worker_main) {}

  int run() {
    sigset_t signals;
    sigemptyset(&signals);
    for (int signal : {SIGCHLD, SIGTERM, SIGINT, SIGUSR1, SIGHUP}) sigaddset(&signals, signal);
    sigprocmask(SIG_BLOCK, &signals, nullptr);
    log_event("info", "pool starting " + std::to_string(options_.workers) + " workers");
    top_up();
    while (true) {
      timespec tick{0, 200'000'000};
      siginfo_t info{};
      const int signal = sigtimedwait(&signals, &info, &tick);
      if (signal == SIGTERM || signal == SIGINT || signal == SIGUSR1) {
        return drain();
      }
      if (signal == SIGHUP) {
        log_event("info", "reload: replacing workers one by one");
        for (const auto& [pid, worker] : workers_) {
          if (!worker.retiring) replace_queue_.push_back(pid);
        }
      }
      reap();
      advance_reload();
      top_up();
    }
  }

 private:
  long serving() const {
    long count = 0;
    for (const auto& [pid, worker] : workers_) count += worker.retiring ? 0 : 1;
    return count;
  }

  void spawn() {
    const pid_t parent = getpid();
    const pid_t pid = fork();
    if (pid < 0) {
      log_event("error", std::string("fork: ") + std::strerror(errno));
      return;
    }
    if (pid == 0) {
      prctl(PR_SET_PDEATHSIG, SIGTERM);  // never outlive the supervisor
      if (getppid() != parent) _exit(0);
      sigset_t none;
      sigemptyset(&none);
      sigprocmask(SIG_SETMASK, &none, nullptr);
      std::signal(SIGCHLD, SIG_DFL);
      _exit(worker_main_(listen_fd_));
    }
    workers_[pid] = Worker{Clock::now()};
    metrics_.set_workers_alive(serving());
  }

  // Keeps N serving workers; a worker that died young delays its replacement,
  // so a worker that cannot start does not fork in a tight loop.
  void top_up() {
    if (Clock::now() < next_spawn_) return;
    while (serving() < options_.workers) spawn();
  }

  void reap() {
    int status = 0;
    pid_t pid;
    while ((pid = waitpid(-1, &status, WNOHANG)) > 0) {
      const auto it = workers_.find(pid);
      if (it == workers_.end()) continue;
      const Worker worker = it->second;
      workers_.erase(it);
      if (!worker.retiring) {
        const std::string how = WIFSIGNALED(status) ? "killed by signal " + std::to_string(WTERMSIG(status))
                                                    : "exited with status " + std::to_string(WEXITSTATUS(status));
        log_event("warning", "worker " + std::to_string(pid) + " " + how + "; starting another");
        if (Clock::now() - worker.started < std::chrono::seconds(1)) {
          next_spawn_ = Clock::now() + std::chrono::seconds(1);
        }
      }
    }
    metrics_.set_workers_alive(serving());
  }

  // One worker after another: start its successor, then ask it to stop. The
  // old one drains its connections meanwhile (NGINX closes them), so the next
  // replacement need not wait for it.
  void advance_reload() {
    while (!replace_queue_.empty()) {
      const pid_t old = replace_queue_.front();
      replace_queue_.pop_front();
      const auto it = workers_.find(old);
      if (it == workers_.end() || it->second.retiring) continue;
      it->second.retiring = true;
      spawn();
      kill(old, SIGTERM);
    }
  }

  int drain() {
    log_event("info", "stopping: waiting for workers to finish their requests");
    for (auto& [pid, worker] : workers_) {
      worker.retiring = true;
      kill(pid, SIGTERM);
    }
    // Workers give up on their own at drain_timeout; this is the backstop.
    const auto deadline = Clock::now() + options_.drain_timeout + std::chrono::seconds(5);
    while (!workers_.empty() && Clock::now() < deadline) {
      reap();
      if (!workers_.empty()) usleep(20'000);
    }
    for (const auto& [pid, worker] : workers_) {
      log_event("warning", "worker " + std::to_string(pid) + " did not finish in time; killing it");
      kill(pid, SIGKILL);
      waitpid(pid, nullptr, 0);
    }
    metrics_.set_workers_alive(0);
    log_event("info", "stopped");
    return 0;
  }

  int listen_fd_;
  PoolOptions options_;
  Metrics& metrics_;
  const std::function<int(int)>& worker_main_;
  std::map<pid_t, Worker> workers_;
  std::deque<pid_t> replace_queue_;
  Clock::time_point next_spawn_{};
};

}  // namespace

int open_listening_socket(const std::string& address, unsigned socket_mode) {
  if (address.rfind("unix:", 0) == 0) return open_unix_socket(address.substr(5), socket_mode);
  const std::size_t colon = address.rfind(':');
  if (colon == std::string::npos) throw std::runtime_error("listen address must be unix:PATH or HOST:PORT");
  std::string host = address.substr(0, colon);
  if (host.size() > 1 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
  return open_tcp_socket(host, address.substr(colon + 1));
}

int run_supervisor(int listen_fd, const PoolOptions& options, Metrics& metrics,
                   const std::function<int(int)>& worker_main) {
  return Pool(listen_fd, options, metrics, worker_main).run();
}

}  // namespace platform
